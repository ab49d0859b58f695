//! Slides as the deck builds them — boxes, lines, connectors, freeforms,
//! tables and pictures in points from the slide's top-left corner — and
//! their PresentationML: `p:sp` with preset or custom geometry, `p:cxnSp`,
//! `p:graphicFrame` with `a:tbl`, `p:pic`, and the notes slide.
//!
//! Longer than 600 lines on purpose: all PresentationML shape knowledge is
//! kept in this one module (the crate's rule: OOXML lives in one place).

use waymark_report::geom::{Align, Rect};

use super::xml::Xml;

pub(crate) const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(crate) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(crate) const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";

/// Points to English Metric Units.
pub(crate) fn emu(pt: f32) -> i64 {
    (f64::from(pt) * 12700.0).round() as i64
}

/// Theme colours (see `theme.rs`): the deck's chrome uses these, so a new
/// theme variant recolours it; data colours stay fixed RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// tx1 / dk1: body text.
    Text,
    /// bg1 / lt1: the slide background.
    Background,
    /// bg2 / lt2: panels behind figures.
    Panel,
    /// accent1: headings, rules of the service blueprint, the emotion curve.
    Accent,
    /// accent6: secondary text.
    Muted,
}

impl Scheme {
    fn val(self) -> &'static str {
        match self {
            Scheme::Text => "tx1",
            Scheme::Background => "bg1",
            Scheme::Panel => "bg2",
            Scheme::Accent => "accent1",
            Scheme::Muted => "accent6",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Rgb(u32),
    Theme(Scheme),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Geom {
    Rect,
    RoundRect,
    Ellipse,
    Diamond,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dash,
    Dot,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub paint: Paint,
    /// Points.
    pub width: f32,
    pub dash: Dash,
    /// Round caps and joins (icons), else the viewer's default.
    pub round: bool,
}

impl Stroke {
    pub fn new(paint: Paint, width: f32) -> Stroke {
        Stroke {
            paint,
            width,
            dash: Dash::Solid,
            round: false,
        }
    }
    pub fn dash(self, dash: Dash) -> Stroke {
        Stroke { dash, ..self }
    }
    pub fn round(self) -> Stroke {
        Stroke {
            round: true,
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    /// Points.
    pub size: f32,
    pub bold: bool,
    pub paint: Paint,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// Left indent in points.
    pub indent: f32,
    /// Space before the paragraph in points.
    pub space_before: f32,
}

impl Para {
    pub fn new(text: impl Into<String>, size: f32, bold: bool, paint: Paint) -> Para {
        Para {
            runs: vec![Run {
                text: text.into(),
                size,
                bold,
                paint,
            }],
            align: Align::Left,
            indent: 0.0,
            space_before: 0.0,
        }
    }
    pub fn align(self, align: Align) -> Para {
        Para { align, ..self }
    }
    pub fn indent(self, indent: f32) -> Para {
        Para { indent, ..self }
    }
    pub fn before(self, space_before: f32) -> Para {
        Para {
            space_before,
            ..self
        }
    }
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Top,
    Middle,
    Bottom,
}

/// Line spacing of every paragraph, as a share of the font's own: tight
/// enough for three lines on a map card, loose enough to read.
pub const LINE_SPACING: f32 = 0.9;

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub paras: Vec<Para>,
    /// Inner margin on every side, points.
    pub inset: f32,
    pub anchor: Anchor,
}

impl Text {
    pub fn new(paras: Vec<Para>) -> Text {
        Text {
            paras,
            inset: 3.0,
            anchor: Anchor::Top,
        }
    }
    pub fn inset(self, inset: f32) -> Text {
        Text { inset, ..self }
    }
    pub fn anchor(self, anchor: Anchor) -> Text {
        Text { anchor, ..self }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoxShape {
    pub name: String,
    pub geom: Geom,
    pub rect: Rect,
    pub fill: Option<Paint>,
    pub stroke: Option<Stroke>,
    pub text: Option<Text>,
    /// The slide's title placeholder (outline view and accessibility read it).
    pub title: bool,
}

impl BoxShape {
    pub fn new(name: impl Into<String>, geom: Geom, rect: Rect) -> BoxShape {
        BoxShape {
            name: name.into(),
            geom,
            rect,
            fill: None,
            stroke: None,
            text: None,
            title: false,
        }
    }
    pub fn fill(self, paint: Paint) -> BoxShape {
        BoxShape {
            fill: Some(paint),
            ..self
        }
    }
    pub fn stroke(self, stroke: Stroke) -> BoxShape {
        BoxShape {
            stroke: Some(stroke),
            ..self
        }
    }
    pub fn text(self, text: Text) -> BoxShape {
        BoxShape {
            text: Some(text),
            ..self
        }
    }
}

/// A connection site of a rectangle: PowerPoint numbers them top, left,
/// bottom, right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    Top = 0,
    Left = 1,
    Bottom = 2,
    Right = 3,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub stroke: Stroke,
    pub arrow: bool,
    /// Glued ends: (shape index on the slide, site) at the start and end, so
    /// the arrow follows the cards when someone moves them.
    pub glue: Option<((usize, Site), (usize, Site))>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Freeform {
    pub name: String,
    /// The box the path is drawn in.
    pub frame: Rect,
    /// Runs of points (slide coordinates); each run is one stroke.
    pub runs: Vec<Vec<(f32, f32)>>,
    pub stroke: Stroke,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    pub fill: Option<Paint>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub x: f32,
    pub y: f32,
    /// Column widths, points.
    pub cols: Vec<f32>,
    /// (row height, cells); the first row is the header.
    pub rows: Vec<(f32, Vec<Cell>)>,
}

impl Table {
    pub fn rect(&self) -> Rect {
        Rect::new(
            self.x,
            self.y,
            self.cols.iter().sum(),
            self.rows.iter().map(|r| r.0).sum(),
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub name: String,
    pub rect: Rect,
    /// Index into the package's media.
    pub media: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Box(BoxShape),
    Line(Line),
    Freeform(Freeform),
    Table(Table),
    Picture(Picture),
}

impl Shape {
    /// The area the shape covers.
    pub fn bounds(&self) -> Rect {
        match self {
            Shape::Box(b) => b.rect,
            Shape::Line(l) => {
                let (x0, y0) = (l.from.0.min(l.to.0), l.from.1.min(l.to.1));
                Rect::new(x0, y0, (l.from.0 - l.to.0).abs(), (l.from.1 - l.to.1).abs())
            }
            Shape::Freeform(f) => f.frame,
            Shape::Table(t) => t.rect(),
            Shape::Picture(p) => p.rect,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slide {
    pub shapes: Vec<Shape>,
    /// Speaker notes, one paragraph each.
    pub notes: Vec<String>,
}

impl Slide {
    /// Adds a shape and gives its index (for glued connectors).
    pub fn add(&mut self, shape: Shape) -> usize {
        self.shapes.push(shape);
        self.shapes.len() - 1
    }
}

/// Shape ids: 1 is the slide's shape tree, shapes count up from 2.
fn shape_id(index: usize) -> usize {
    index + 2
}

fn paint(x: &mut Xml, p: Paint) {
    match p {
        Paint::Rgb(c) => x.empty("a:srgbClr", &[("val", &format!("{c:06X}"))]),
        Paint::Theme(s) => x.empty("a:schemeClr", &[("val", &s.val())]),
    }
}

fn solid(x: &mut Xml, p: Paint) {
    x.el("a:solidFill", &[], |x| paint(x, p));
}

fn xfrm(x: &mut Xml, tag: &str, r: Rect, flip_h: bool, flip_v: bool) {
    let mut attrs: Vec<(&str, &dyn std::fmt::Display)> = Vec::new();
    if flip_h {
        attrs.push(("flipH", &1));
    }
    if flip_v {
        attrs.push(("flipV", &1));
    }
    x.el(tag, &attrs, |x| {
        x.empty("a:off", &[("x", &emu(r.x)), ("y", &emu(r.y))]);
        x.empty("a:ext", &[("cx", &emu(r.w)), ("cy", &emu(r.h))]);
    });
}

fn stroke(x: &mut Xml, s: Option<Stroke>, arrow: bool) {
    match s {
        None => x.el("a:ln", &[], |x| x.empty("a:noFill", &[])),
        Some(s) => {
            let w = emu(s.width);
            let attrs: &[(&str, &dyn std::fmt::Display)] = if s.round {
                &[("w", &w), ("cap", &"rnd")]
            } else {
                &[("w", &w)]
            };
            x.el("a:ln", attrs, |x| {
                solid(x, s.paint);
                let d = match s.dash {
                    Dash::Solid => "solid",
                    Dash::Dash => "dash",
                    Dash::Dot => "sysDot",
                };
                x.empty("a:prstDash", &[("val", &d)]);
                if s.round {
                    x.empty("a:round", &[]);
                }
                if arrow {
                    x.empty(
                        "a:tailEnd",
                        &[("type", &"triangle"), ("w", &"med"), ("len", &"med")],
                    );
                }
            })
        }
    }
}

/// Paragraphs with their runs (`a:r` holds `a:rPr` then `a:t`).
fn body_paras(x: &mut Xml, paras: &[Para]) {
    for p in paras {
        x.el("a:p", &[], |x| {
            let algn = match p.align {
                Align::Left => "l",
                Align::Center => "ctr",
                Align::Right => "r",
            };
            x.el(
                "a:pPr",
                &[("marL", &emu(p.indent)), ("indent", &0), ("algn", &algn)],
                |x| {
                    x.el("a:lnSpc", &[], |x| {
                        x.empty("a:spcPct", &[("val", &((LINE_SPACING * 100_000.0) as i64))])
                    });
                    x.el("a:spcBef", &[], |x| {
                        x.empty(
                            "a:spcPts",
                            &[("val", &((p.space_before * 100.0).round() as i64))],
                        )
                    });
                    x.empty("a:buNone", &[]);
                },
            );
            let mut last = None;
            for r in p.runs.iter().filter(|r| !r.text.is_empty()) {
                run(x, r);
                last = Some(r);
            }
            let end = last.or(p.runs.first());
            if let Some(r) = end {
                x.empty(
                    "a:endParaRPr",
                    &[
                        ("lang", &"en-US"),
                        ("sz", &((r.size * 100.0).round() as i64)),
                        ("dirty", &0),
                    ],
                );
            }
        });
    }
}

fn run(x: &mut Xml, r: &Run) {
    x.el("a:r", &[], |x| {
        x.el(
            "a:rPr",
            &[
                ("lang", &"en-US"),
                ("sz", &((r.size * 100.0).round() as i64)),
                ("b", &u8::from(r.bold)),
                ("dirty", &0),
            ],
            |x| {
                solid(x, r.paint);
                x.empty("a:latin", &[("typeface", &"+mn-lt")]);
                x.empty("a:cs", &[("typeface", &"+mn-cs")]);
            },
        );
        x.leaf("a:t", &[], &r.text);
    });
}

fn text_body(x: &mut Xml, tag: &str, t: &Text) {
    x.el(tag, &[], |x| {
        let ins = emu(t.inset);
        let anchor = match t.anchor {
            Anchor::Top => "t",
            Anchor::Middle => "ctr",
            Anchor::Bottom => "b",
        };
        x.el(
            "a:bodyPr",
            &[
                ("wrap", &"square"),
                ("lIns", &ins),
                ("tIns", &ins),
                ("rIns", &ins),
                ("bIns", &ins),
                ("anchor", &anchor),
                ("rtlCol", &0),
            ],
            // Text is fitted when the deck is built; the viewer must not
            // shrink it below 8 pt.
            |x| x.empty("a:noAutofit", &[]),
        );
        x.empty("a:lstStyle", &[]);
        if t.paras.is_empty() {
            x.el("a:p", &[], |_| {});
        }
        body_paras(x, &t.paras);
    });
}

fn nv(x: &mut Xml, tag: &str, id: usize, name: &str, inner: impl FnOnce(&mut Xml)) {
    x.el(tag, &[], |x| {
        x.empty("p:cNvPr", &[("id", &id), ("name", &name)]);
        inner(x);
    });
}

fn box_shape(x: &mut Xml, id: usize, b: &BoxShape) {
    x.el("p:sp", &[], |x| {
        nv(x, "p:nvSpPr", id, &b.name, |x| {
            if b.title {
                x.el("p:cNvSpPr", &[], |x| x.empty("a:spLocks", &[("noGrp", &1)]));
                x.el("p:nvPr", &[], |x| x.empty("p:ph", &[("type", &"title")]));
            } else {
                x.empty("p:cNvSpPr", &[]);
                x.empty("p:nvPr", &[]);
            }
        });
        x.el("p:spPr", &[], |x| {
            xfrm(x, "a:xfrm", b.rect, false, false);
            let prst = match b.geom {
                Geom::Rect => "rect",
                Geom::RoundRect => "roundRect",
                Geom::Ellipse => "ellipse",
                Geom::Diamond => "diamond",
            };
            x.el("a:prstGeom", &[("prst", &prst)], |x| {
                if b.geom == Geom::RoundRect {
                    // A small, fixed corner radius whatever the card's size.
                    let r = (3.0 / b.rect.w.min(b.rect.h).max(1.0) * 100_000.0).min(50_000.0);
                    x.el("a:avLst", &[], |x| {
                        x.empty(
                            "a:gd",
                            &[("name", &"adj"), ("fmla", &format!("val {}", r as i64))],
                        )
                    });
                } else {
                    x.empty("a:avLst", &[]);
                }
            });
            match b.fill {
                Some(p) => solid(x, p),
                None => x.empty("a:noFill", &[]),
            }
            stroke(x, b.stroke, false);
        });
        let t = b.text.clone().unwrap_or_else(|| Text::new(vec![]));
        text_body(x, "p:txBody", &t);
    });
}

fn line_shape(x: &mut Xml, id: usize, l: &Line) {
    let r = Rect::new(
        l.from.0.min(l.to.0),
        l.from.1.min(l.to.1),
        (l.to.0 - l.from.0).abs(),
        (l.to.1 - l.from.1).abs(),
    );
    x.el("p:cxnSp", &[], |x| {
        nv(x, "p:nvCxnSpPr", id, &l.name, |x| {
            x.el("p:cNvCxnSpPr", &[], |x| {
                if let Some(((a, sa), (b, sb))) = l.glue {
                    x.empty("a:stCxn", &[("id", &shape_id(a)), ("idx", &(sa as u8))]);
                    x.empty("a:endCxn", &[("id", &shape_id(b)), ("idx", &(sb as u8))]);
                }
            });
            x.empty("p:nvPr", &[]);
        });
        x.el("p:spPr", &[], |x| {
            xfrm(x, "a:xfrm", r, l.to.0 < l.from.0, l.to.1 < l.from.1);
            x.el("a:prstGeom", &[("prst", &"straightConnector1")], |x| {
                x.empty("a:avLst", &[])
            });
            x.empty("a:noFill", &[]);
            stroke(x, Some(l.stroke), l.arrow);
        });
    });
}

fn freeform(x: &mut Xml, id: usize, f: &Freeform) {
    x.el("p:sp", &[], |x| {
        nv(x, "p:nvSpPr", id, &f.name, |x| {
            x.empty("p:cNvSpPr", &[]);
            x.empty("p:nvPr", &[]);
        });
        x.el("p:spPr", &[], |x| {
            xfrm(x, "a:xfrm", f.frame, false, false);
            x.el("a:custGeom", &[], |x| {
                for t in ["a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"] {
                    x.empty(t, &[]);
                }
                x.empty(
                    "a:rect",
                    &[("l", &"l"), ("t", &"t"), ("r", &"r"), ("b", &"b")],
                );
                x.el("a:pathLst", &[], |x| {
                    x.el(
                        "a:path",
                        &[
                            ("w", &emu(f.frame.w)),
                            ("h", &emu(f.frame.h)),
                            ("fill", &"none"),
                        ],
                        |x| {
                            let pt = |x: &mut Xml, p: (f32, f32)| {
                                x.empty(
                                    "a:pt",
                                    &[
                                        ("x", &emu(p.0 - f.frame.x).max(0)),
                                        ("y", &emu(p.1 - f.frame.y).max(0)),
                                    ],
                                )
                            };
                            for run in f.runs.iter().filter(|r| !r.is_empty()) {
                                x.el("a:moveTo", &[], |x| pt(x, run[0]));
                                for p in &run[1..] {
                                    x.el("a:lnTo", &[], |x| pt(x, *p));
                                }
                            }
                        },
                    );
                });
            });
            x.empty("a:noFill", &[]);
            stroke(x, Some(f.stroke), false);
        });
        text_body(x, "p:txBody", &Text::new(vec![]));
    });
}

fn table(x: &mut Xml, id: usize, t: &Table) {
    x.el("p:graphicFrame", &[], |x| {
        nv(x, "p:nvGraphicFramePr", id, &t.name, |x| {
            x.el("p:cNvGraphicFramePr", &[], |x| {
                x.empty("a:graphicFrameLocks", &[("noGrp", &1)])
            });
            x.empty("p:nvPr", &[]);
        });
        xfrm(x, "p:xfrm", t.rect(), false, false);
        x.el("a:graphic", &[], |x| {
            x.el(
                "a:graphicData",
                &[(
                    "uri",
                    &"http://schemas.openxmlformats.org/drawingml/2006/table",
                )],
                |x| {
                    x.el("a:tbl", &[], |x| {
                        x.empty("a:tblPr", &[("firstRow", &1), ("bandRow", &1)]);
                        x.el("a:tblGrid", &[], |x| {
                            for w in &t.cols {
                                x.empty("a:gridCol", &[("w", &emu(*w))]);
                            }
                        });
                        for (h, cells) in &t.rows {
                            x.el("a:tr", &[("h", &emu(*h))], |x| {
                                for c in cells {
                                    table_cell(x, c);
                                }
                            });
                        }
                    });
                },
            );
        });
    });
}

fn table_cell(x: &mut Xml, c: &Cell) {
    x.el("a:tc", &[], |x| {
        x.el("a:txBody", &[], |x| {
            x.empty("a:bodyPr", &[]);
            x.empty("a:lstStyle", &[]);
            if c.paras.is_empty() {
                x.el("a:p", &[], |_| {});
            }
            body_paras(x, &c.paras);
        });
        let m = emu(3.5);
        x.el(
            "a:tcPr",
            &[
                ("marL", &m),
                ("marR", &m),
                ("marT", &emu(2.5)),
                ("marB", &emu(2.5)),
                ("anchor", &"ctr"),
            ],
            |x| {
                for side in ["a:lnL", "a:lnR", "a:lnT"] {
                    x.el(side, &[("w", &0)], |x| x.empty("a:noFill", &[]));
                }
                x.el("a:lnB", &[("w", &emu(0.5))], |x| {
                    solid(x, Paint::Rgb(waymark_report::fmt::RULE))
                });
                match c.fill {
                    Some(p) => solid(x, p),
                    None => x.empty("a:noFill", &[]),
                }
            },
        );
    });
}

fn picture(x: &mut Xml, id: usize, p: &Picture, rel: usize) {
    x.el("p:pic", &[], |x| {
        nv(x, "p:nvPicPr", id, &p.name, |x| {
            x.el("p:cNvPicPr", &[], |x| {
                x.empty("a:picLocks", &[("noChangeAspect", &1)])
            });
            x.empty("p:nvPr", &[]);
        });
        x.el("p:blipFill", &[], |x| {
            x.empty("a:blip", &[("r:embed", &format!("rId{rel}"))]);
            x.el("a:stretch", &[], |x| x.empty("a:fillRect", &[]));
        });
        x.el("p:spPr", &[], |x| {
            xfrm(x, "a:xfrm", p.rect, false, false);
            x.el("a:prstGeom", &[("prst", &"rect")], |x| {
                x.empty("a:avLst", &[])
            });
        });
    });
}

/// The empty group every shape tree starts with.
pub(crate) fn tree_start(x: &mut Xml) {
    x.el("p:nvGrpSpPr", &[], |x| {
        x.empty("p:cNvPr", &[("id", &1), ("name", &"")]);
        x.empty("p:cNvGrpSpPr", &[]);
        x.empty("p:nvPr", &[]);
    });
    x.el("p:grpSpPr", &[], |x| {
        x.el("a:xfrm", &[], |x| {
            x.empty("a:off", &[("x", &0), ("y", &0)]);
            x.empty("a:ext", &[("cx", &0), ("cy", &0)]);
            x.empty("a:chOff", &[("x", &0), ("y", &0)]);
            x.empty("a:chExt", &[("cx", &0), ("cy", &0)]);
        });
    });
}

/// The slide part. Pictures take relationship ids from `first_media_rel` on,
/// in the order they appear; returns the media indices in that order.
pub(crate) fn slide_xml(s: &Slide, first_media_rel: usize) -> (Vec<u8>, Vec<usize>) {
    let mut x = Xml::new();
    let mut media = Vec::new();
    x.el(
        "p:sld",
        &[("xmlns:a", &NS_A), ("xmlns:r", &NS_R), ("xmlns:p", &NS_P)],
        |x| {
            x.el("p:cSld", &[], |x| {
                x.el("p:spTree", &[], |x| {
                    tree_start(x);
                    for (i, sh) in s.shapes.iter().enumerate() {
                        let id = shape_id(i);
                        match sh {
                            Shape::Box(b) => box_shape(x, id, b),
                            Shape::Line(l) => line_shape(x, id, l),
                            Shape::Freeform(f) => freeform(x, id, f),
                            Shape::Table(t) => table(x, id, t),
                            Shape::Picture(p) => {
                                picture(x, id, p, first_media_rel + media.len());
                                media.push(p.media);
                            }
                        }
                    }
                });
            });
            x.el("p:clrMapOvr", &[], |x| x.empty("a:masterClrMapping", &[]));
        },
    );
    (x.finish(), media)
}

/// The notes slide: the slide's picture and the notes text.
pub(crate) fn notes_xml(notes: &[String]) -> Vec<u8> {
    let mut x = Xml::new();
    x.el(
        "p:notes",
        &[("xmlns:a", &NS_A), ("xmlns:r", &NS_R), ("xmlns:p", &NS_P)],
        |x| {
            x.el("p:cSld", &[], |x| {
                x.el("p:spTree", &[], |x| {
                    tree_start(x);
                    x.el("p:sp", &[], |x| {
                        nv(x, "p:nvSpPr", 2, "Slide Image Placeholder 1", |x| {
                            x.el("p:cNvSpPr", &[], |x| {
                                x.empty(
                                    "a:spLocks",
                                    &[("noGrp", &1), ("noRot", &1), ("noChangeAspect", &1)],
                                )
                            });
                            x.el("p:nvPr", &[], |x| x.empty("p:ph", &[("type", &"sldImg")]));
                        });
                        x.empty("p:spPr", &[]);
                    });
                    x.el("p:sp", &[], |x| {
                        nv(x, "p:nvSpPr", 3, "Notes Placeholder 2", |x| {
                            x.el("p:cNvSpPr", &[], |x| x.empty("a:spLocks", &[("noGrp", &1)]));
                            x.el("p:nvPr", &[], |x| {
                                x.empty("p:ph", &[("type", &"body"), ("idx", &1)])
                            });
                        });
                        x.empty("p:spPr", &[]);
                        x.el("p:txBody", &[], |x| {
                            x.empty("a:bodyPr", &[]);
                            x.empty("a:lstStyle", &[]);
                            if notes.is_empty() {
                                x.el("a:p", &[], |_| {});
                            }
                            for n in notes {
                                x.el("a:p", &[], |x| {
                                    x.el("a:r", &[], |x| {
                                        x.empty("a:rPr", &[("lang", &"en-US"), ("dirty", &0)]);
                                        x.leaf("a:t", &[], n);
                                    });
                                });
                            }
                        });
                    });
                });
            });
            x.el("p:clrMapOvr", &[], |x| x.empty("a:masterClrMapping", &[]));
        },
    );
    x.finish()
}
