//! The package's fixed parts: content types, relationships, the
//! presentation, the slide master and its one "Title Only" layout, the
//! notes master, properties and document metadata.

use super::shapes::{emu, tree_start, NS_A, NS_P, NS_R};
use super::xml::Xml;

/// 16:9 at PowerPoint's default size, in points (13.333 × 7.5 in).
pub const SLIDE_W: f32 = 960.0;
pub const SLIDE_H: f32 = 540.0;
/// Where the title placeholder sits on every content slide.
pub const TITLE_BOX: (f32, f32, f32, f32) = (24.0, 10.0, 912.0, 32.0);

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument";

/// A relationship: (id number, type suffix or full type, target).
pub(crate) struct Rel {
    pub id: usize,
    pub kind: &'static str,
    pub target: String,
}

pub(crate) fn rels_xml(rels: &[Rel]) -> Vec<u8> {
    let mut x = Xml::new();
    x.el(
        "Relationships",
        &[(
            "xmlns",
            &"http://schemas.openxmlformats.org/package/2006/relationships",
        )],
        |x| {
            for r in rels {
                let kind = if r.kind.starts_with("http") {
                    r.kind.to_string()
                } else {
                    format!("{REL}/{}", r.kind)
                };
                x.empty(
                    "Relationship",
                    &[
                        ("Id", &format!("rId{}", r.id)),
                        ("Type", &kind),
                        ("Target", &r.target),
                    ],
                );
            }
        },
    );
    x.finish()
}

pub(crate) fn package_rels() -> Vec<u8> {
    rels_xml(&[
        Rel {
            id: 1,
            kind: "officeDocument",
            target: "ppt/presentation.xml".into(),
        },
        Rel {
            id: 2,
            kind: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            target: "docProps/core.xml".into(),
        },
        Rel {
            id: 3,
            kind: "extended-properties",
            target: "docProps/app.xml".into(),
        },
    ])
}

/// `media` lists the image extensions used ("png", "jpeg").
/// `notes` says which slides (by position) have a notes slide.
pub(crate) fn content_types(notes: &[bool], media: &[&str]) -> Vec<u8> {
    let mut x = Xml::new();
    x.el(
        "Types",
        &[(
            "xmlns",
            &"http://schemas.openxmlformats.org/package/2006/content-types",
        )],
        |x| {
            x.empty(
                "Default",
                &[
                    ("Extension", &"rels"),
                    (
                        "ContentType",
                        &"application/vnd.openxmlformats-package.relationships+xml",
                    ),
                ],
            );
            x.empty(
                "Default",
                &[("Extension", &"xml"), ("ContentType", &"application/xml")],
            );
            let mut exts: Vec<&str> = media.to_vec();
            exts.sort_unstable();
            exts.dedup();
            for e in exts {
                x.empty(
                    "Default",
                    &[("Extension", &e), ("ContentType", &format!("image/{e}"))],
                );
            }
            let mut over = |part: String, ct: String| {
                x.empty("Override", &[("PartName", &part), ("ContentType", &ct)]);
            };
            let pml = |s: &str| format!("{CT}.presentationml.{s}+xml");
            over("/ppt/presentation.xml".into(), pml("presentation.main"));
            over(
                "/ppt/slideMasters/slideMaster1.xml".into(),
                pml("slideMaster"),
            );
            over(
                "/ppt/slideLayouts/slideLayout1.xml".into(),
                pml("slideLayout"),
            );
            over(
                "/ppt/notesMasters/notesMaster1.xml".into(),
                pml("notesMaster"),
            );
            for (i, has_notes) in notes.iter().enumerate() {
                let n = i + 1;
                over(format!("/ppt/slides/slide{n}.xml"), pml("slide"));
                if *has_notes {
                    over(
                        format!("/ppt/notesSlides/notesSlide{n}.xml"),
                        pml("notesSlide"),
                    );
                }
            }
            for t in 1..=2 {
                over(
                    format!("/ppt/theme/theme{t}.xml"),
                    format!("{CT}.theme+xml"),
                );
            }
            over("/ppt/presProps.xml".into(), pml("presProps"));
            over("/ppt/viewProps.xml".into(), pml("viewProps"));
            over("/ppt/tableStyles.xml".into(), pml("tableStyles"));
            over(
                "/docProps/core.xml".into(),
                "application/vnd.openxmlformats-package.core-properties+xml".into(),
            );
            over(
                "/docProps/app.xml".into(),
                format!("{CT}.extended-properties+xml"),
            );
        },
    );
    x.finish()
}

/// Relationship ids of presentation.xml: fixed parts first, then slides.
pub(crate) const PRES_MASTER_RID: usize = 1;
pub(crate) const PRES_NOTES_MASTER_RID: usize = 2;
pub(crate) const PRES_FIRST_SLIDE_RID: usize = 7;

pub(crate) fn presentation_rels(slides: usize) -> Vec<u8> {
    let mut rels = vec![
        Rel {
            id: PRES_MASTER_RID,
            kind: "slideMaster",
            target: "slideMasters/slideMaster1.xml".into(),
        },
        Rel {
            id: PRES_NOTES_MASTER_RID,
            kind: "notesMaster",
            target: "notesMasters/notesMaster1.xml".into(),
        },
        Rel {
            id: 3,
            kind: "theme",
            target: "theme/theme1.xml".into(),
        },
        Rel {
            id: 4,
            kind: "presProps",
            target: "presProps.xml".into(),
        },
        Rel {
            id: 5,
            kind: "viewProps",
            target: "viewProps.xml".into(),
        },
        Rel {
            id: 6,
            kind: "tableStyles",
            target: "tableStyles.xml".into(),
        },
    ];
    for i in 0..slides {
        rels.push(Rel {
            id: PRES_FIRST_SLIDE_RID + i,
            kind: "slide",
            target: format!("slides/slide{}.xml", i + 1),
        });
    }
    rels_xml(&rels)
}

fn ns(
    x: &mut Xml,
    root: &str,
    extra: &[(&str, &dyn std::fmt::Display)],
    body: impl FnOnce(&mut Xml),
) {
    let mut attrs: Vec<(&str, &dyn std::fmt::Display)> =
        vec![("xmlns:a", &NS_A), ("xmlns:r", &NS_R), ("xmlns:p", &NS_P)];
    attrs.extend_from_slice(extra);
    x.el(root, &attrs, body);
}

pub(crate) fn presentation(slides: usize) -> Vec<u8> {
    let mut x = Xml::new();
    ns(&mut x, "p:presentation", &[("saveSubsetFonts", &1)], |x| {
        x.el("p:sldMasterIdLst", &[], |x| {
            x.empty(
                "p:sldMasterId",
                &[
                    ("id", &2147483648u32),
                    ("r:id", &format!("rId{PRES_MASTER_RID}")),
                ],
            )
        });
        x.el("p:notesMasterIdLst", &[], |x| {
            x.empty(
                "p:notesMasterId",
                &[("r:id", &format!("rId{PRES_NOTES_MASTER_RID}"))],
            )
        });
        x.el("p:sldIdLst", &[], |x| {
            for i in 0..slides {
                x.empty(
                    "p:sldId",
                    &[
                        ("id", &(256 + i)),
                        ("r:id", &format!("rId{}", PRES_FIRST_SLIDE_RID + i)),
                    ],
                );
            }
        });
        x.empty("p:sldSz", &[("cx", &emu(SLIDE_W)), ("cy", &emu(SLIDE_H))]);
        x.empty("p:notesSz", &[("cx", &6858000), ("cy", &9144000)]);
        x.el("p:defaultTextStyle", &[], |x| {
            level_style(x, 1800, "+mn-lt")
        });
    });
    x.finish()
}

/// `a:lvl1pPr` with the theme font, `size` in hundredths of a point.
fn level_style(x: &mut Xml, size: i64, font: &str) {
    x.el("a:lvl1pPr", &[("algn", &"l")], |x| {
        x.el("a:defRPr", &[("sz", &size), ("kern", &1200)], |x| {
            x.el("a:solidFill", &[], |x| {
                x.empty("a:schemeClr", &[("val", &"tx1")])
            });
            x.empty("a:latin", &[("typeface", &font)]);
            x.empty("a:ea", &[("typeface", &font.replace("-lt", "-ea"))]);
            x.empty("a:cs", &[("typeface", &font.replace("-lt", "-cs"))]);
        });
    });
}

fn title_placeholder(x: &mut Xml, with_box: bool) {
    x.el("p:sp", &[], |x| {
        x.el("p:nvSpPr", &[], |x| {
            x.empty("p:cNvPr", &[("id", &2), ("name", &"Title Placeholder 1")]);
            x.el("p:cNvSpPr", &[], |x| x.empty("a:spLocks", &[("noGrp", &1)]));
            x.el("p:nvPr", &[], |x| x.empty("p:ph", &[("type", &"title")]));
        });
        if with_box {
            let (tx, ty, tw, th) = TITLE_BOX;
            x.el("p:spPr", &[], |x| {
                x.el("a:xfrm", &[], |x| {
                    x.empty("a:off", &[("x", &emu(tx)), ("y", &emu(ty))]);
                    x.empty("a:ext", &[("cx", &emu(tw)), ("cy", &emu(th))]);
                });
                x.el("a:prstGeom", &[("prst", &"rect")], |x| {
                    x.empty("a:avLst", &[])
                });
            });
        } else {
            x.empty("p:spPr", &[]);
        }
        x.el("p:txBody", &[], |x| {
            x.el("a:bodyPr", &[("anchor", &"ctr")], |x| {
                x.empty("a:noAutofit", &[])
            });
            x.empty("a:lstStyle", &[]);
            x.el("a:p", &[], |x| {
                x.el("a:r", &[], |x| {
                    x.empty("a:rPr", &[("lang", &"en-US")]);
                    x.leaf("a:t", &[], "Slide title");
                });
            });
        });
    });
}

const CLR_MAP: [(&str, &str); 12] = [
    ("bg1", "lt1"),
    ("tx1", "dk1"),
    ("bg2", "lt2"),
    ("tx2", "dk2"),
    ("accent1", "accent1"),
    ("accent2", "accent2"),
    ("accent3", "accent3"),
    ("accent4", "accent4"),
    ("accent5", "accent5"),
    ("accent6", "accent6"),
    ("hlink", "hlink"),
    ("folHlink", "folHlink"),
];

fn clr_map(x: &mut Xml, tag: &str) {
    let attrs: Vec<(&str, &dyn std::fmt::Display)> = CLR_MAP
        .iter()
        .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
        .collect();
    x.empty(tag, &attrs);
}

fn background(x: &mut Xml) {
    x.el("p:bg", &[], |x| {
        x.el("p:bgRef", &[("idx", &1001)], |x| {
            x.empty("a:schemeClr", &[("val", &"bg1")])
        })
    });
}

pub(crate) fn slide_master() -> Vec<u8> {
    let mut x = Xml::new();
    ns(&mut x, "p:sldMaster", &[], |x| {
        x.el("p:cSld", &[], |x| {
            background(x);
            x.el("p:spTree", &[], |x| {
                tree_start(x);
                title_placeholder(x, true);
            });
        });
        clr_map(x, "p:clrMap");
        x.el("p:sldLayoutIdLst", &[], |x| {
            x.empty(
                "p:sldLayoutId",
                &[("id", &2147483649u32), ("r:id", &"rId1")],
            )
        });
        x.el("p:txStyles", &[], |x| {
            x.el("p:titleStyle", &[], |x| {
                x.el("a:lvl1pPr", &[("algn", &"l")], |x| {
                    x.el(
                        "a:defRPr",
                        &[("sz", &2000), ("b", &1), ("kern", &1200)],
                        |x| {
                            x.el("a:solidFill", &[], |x| {
                                x.empty("a:schemeClr", &[("val", &"tx1")])
                            });
                            x.empty("a:latin", &[("typeface", &"+mj-lt")]);
                            x.empty("a:ea", &[("typeface", &"+mj-ea")]);
                            x.empty("a:cs", &[("typeface", &"+mj-cs")]);
                        },
                    );
                });
            });
            x.el("p:bodyStyle", &[], |x| level_style(x, 1400, "+mn-lt"));
            x.el("p:otherStyle", &[], |x| level_style(x, 1200, "+mn-lt"));
        });
    });
    x.finish()
}

pub(crate) fn slide_layout() -> Vec<u8> {
    let mut x = Xml::new();
    ns(
        &mut x,
        "p:sldLayout",
        &[("type", &"titleOnly"), ("preserve", &1)],
        |x| {
            x.el("p:cSld", &[("name", &"Title Only")], |x| {
                x.el("p:spTree", &[], |x| {
                    tree_start(x);
                    title_placeholder(x, false);
                });
            });
            x.el("p:clrMapOvr", &[], |x| x.empty("a:masterClrMapping", &[]));
        },
    );
    x.finish()
}

pub(crate) fn notes_master() -> Vec<u8> {
    let mut x = Xml::new();
    ns(&mut x, "p:notesMaster", &[], |x| {
        x.el("p:cSld", &[], |x| {
            background(x);
            x.el("p:spTree", &[], |x| {
                tree_start(x);
                // Slide picture on top, notes text below, on a portrait page.
                let ph = |x: &mut Xml,
                          id: usize,
                          name: &str,
                          kind: &str,
                          idx: Option<u32>,
                          r: (i64, i64, i64, i64)| {
                    x.el("p:sp", &[], |x| {
                        x.el("p:nvSpPr", &[], |x| {
                            x.empty("p:cNvPr", &[("id", &id), ("name", &name)]);
                            x.el("p:cNvSpPr", &[], |x| x.empty("a:spLocks", &[("noGrp", &1)]));
                            x.el("p:nvPr", &[], |x| match idx {
                                Some(i) => x.empty("p:ph", &[("type", &kind), ("idx", &i)]),
                                None => x.empty("p:ph", &[("type", &kind)]),
                            });
                        });
                        x.el("p:spPr", &[], |x| {
                            x.el("a:xfrm", &[], |x| {
                                x.empty("a:off", &[("x", &r.0), ("y", &r.1)]);
                                x.empty("a:ext", &[("cx", &r.2), ("cy", &r.3)]);
                            });
                            x.el("a:prstGeom", &[("prst", &"rect")], |x| {
                                x.empty("a:avLst", &[])
                            });
                        });
                        if kind == "body" {
                            x.el("p:txBody", &[], |x| {
                                x.empty("a:bodyPr", &[]);
                                x.empty("a:lstStyle", &[]);
                                x.el("a:p", &[], |_| {});
                            });
                        }
                    });
                };
                ph(
                    x,
                    2,
                    "Slide Image Placeholder 1",
                    "sldImg",
                    None,
                    (381000, 685800, 6096000, 3429000),
                );
                ph(
                    x,
                    3,
                    "Notes Placeholder 2",
                    "body",
                    Some(1),
                    (685800, 4343400, 5486400, 4114800),
                );
            });
        });
        clr_map(x, "p:clrMap");
        x.el("p:notesStyle", &[], |x| level_style(x, 1200, "+mn-lt"));
    });
    x.finish()
}

pub(crate) fn pres_props() -> Vec<u8> {
    let mut x = Xml::new();
    ns(&mut x, "p:presentationPr", &[], |_| {});
    x.finish()
}

pub(crate) fn view_props() -> Vec<u8> {
    let mut x = Xml::new();
    ns(&mut x, "p:viewPr", &[], |x| {
        x.el("p:normalViewPr", &[], |x| {
            x.empty("p:restoredLeft", &[("sz", &15620)]);
            x.empty("p:restoredTop", &[("sz", &94660)]);
        });
        x.empty("p:gridSpacing", &[("cx", &76200), ("cy", &76200)]);
    });
    x.finish()
}

pub(crate) fn table_styles() -> Vec<u8> {
    let mut x = Xml::new();
    // No named table style: every table carries its own fills and rules.
    x.empty(
        "a:tblStyleLst",
        &[
            ("xmlns:a", &NS_A),
            ("def", &"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"),
        ],
    );
    x.finish()
}

/// Dublin Core metadata; `date` (YYYY-MM-DD) is both created and modified,
/// so the bytes depend on the options only.
pub(crate) fn core_props(title: &str, creator: &str, date: &str) -> Vec<u8> {
    let mut x = Xml::new();
    x.el(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                &"http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", &"http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", &"http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", &"http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", &"http://www.w3.org/2001/XMLSchema-instance"),
        ],
        |x| {
            x.leaf("dc:title", &[], title);
            x.leaf("dc:creator", &[], creator);
            let when = format!("{date}T00:00:00Z");
            x.leaf("dcterms:created", &[("xsi:type", &"dcterms:W3CDTF")], &when);
            x.leaf(
                "dcterms:modified",
                &[("xsi:type", &"dcterms:W3CDTF")],
                &when,
            );
        },
    );
    x.finish()
}

pub(crate) fn app_props(slides: usize, notes: usize) -> Vec<u8> {
    let mut x = Xml::new();
    x.el(
        "Properties",
        &[
            (
                "xmlns",
                &"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                &"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
        |x| {
            x.leaf("Application", &[], "Waymark");
            x.leaf("PresentationFormat", &[], "Widescreen");
            x.leaf("Slides", &[], &slides.to_string());
            x.leaf("Notes", &[], &notes.to_string());
        },
    );
    x.finish()
}
