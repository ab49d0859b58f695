//! The deck's theme: Waymark's palette as the theme colours (so Design ›
//! Variants recolours the chrome) and Noto Sans as the theme font. A viewer
//! without Noto Sans substitutes by the PANOSE and pitch family given here —
//! a proportional sans such as Calibri — so no font needs embedding.

use waymark_report::fmt::{ACCENT, FRICTION_SCALE, INK, MUTED};

use super::shapes::NS_A;
use super::xml::Xml;

pub const FONT: &str = "Noto Sans";
/// Noto Sans Regular's PANOSE classification (sans, normal weight).
const PANOSE: &str = "020B0502040504020204";
/// Variable pitch (2) in the Swiss, sans-serif family (0x20).
const PITCH_FAMILY: &str = "34";

/// The twelve theme colours in the order the scheme lists them.
fn palette() -> [(&'static str, u32); 12] {
    [
        ("dk1", INK),
        ("lt1", 0xffffff),
        ("dk2", ACCENT),
        ("lt2", 0xf3f5f8),
        ("accent1", ACCENT),
        ("accent2", FRICTION_SCALE[4]),
        ("accent3", FRICTION_SCALE[3]),
        ("accent4", 0x542788),
        ("accent5", 0xb35806),
        ("accent6", MUTED),
        ("hlink", ACCENT),
        ("folHlink", 0x542788),
    ]
}

fn font(x: &mut Xml) {
    x.empty(
        "a:latin",
        &[
            ("typeface", &FONT),
            ("panose", &PANOSE),
            ("pitchFamily", &PITCH_FAMILY),
            ("charset", &0),
        ],
    );
    x.empty("a:ea", &[("typeface", &"")]);
    x.empty("a:cs", &[("typeface", &"")]);
}

fn ph_fill(x: &mut Xml) {
    x.el("a:solidFill", &[], |x| {
        x.empty("a:schemeClr", &[("val", &"phClr")])
    });
}

pub(crate) fn theme_xml() -> Vec<u8> {
    let mut x = Xml::new();
    x.el(
        "a:theme",
        &[("xmlns:a", &NS_A), ("name", &"Waymark")],
        |x| {
            x.el("a:themeElements", &[], |x| {
                x.el("a:clrScheme", &[("name", &"Waymark")], |x| {
                    for (name, rgb) in palette() {
                        x.el(&format!("a:{name}"), &[], |x| {
                            x.empty("a:srgbClr", &[("val", &format!("{rgb:06X}"))])
                        });
                    }
                });
                x.el("a:fontScheme", &[("name", &"Waymark")], |x| {
                    x.el("a:majorFont", &[], font);
                    x.el("a:minorFont", &[], font);
                });
                x.el("a:fmtScheme", &[("name", &"Waymark")], |x| {
                    x.el("a:fillStyleLst", &[], |x| {
                        for _ in 0..3 {
                            ph_fill(x);
                        }
                    });
                    x.el("a:lnStyleLst", &[], |x| {
                        for w in [6350, 12700, 19050] {
                            x.el(
                                "a:ln",
                                &[
                                    ("w", &w),
                                    ("cap", &"flat"),
                                    ("cmpd", &"sng"),
                                    ("algn", &"ctr"),
                                ],
                                |x| {
                                    ph_fill(x);
                                    x.empty("a:prstDash", &[("val", &"solid")]);
                                    x.empty("a:miter", &[("lim", &800000)]);
                                },
                            );
                        }
                    });
                    x.el("a:effectStyleLst", &[], |x| {
                        for _ in 0..3 {
                            x.el("a:effectStyle", &[], |x| x.empty("a:effectLst", &[]));
                        }
                    });
                    x.el("a:bgFillStyleLst", &[], |x| {
                        for _ in 0..3 {
                            ph_fill(x);
                        }
                    });
                });
            });
            x.empty("a:objectDefaults", &[]);
            x.empty("a:extraClrSchemeLst", &[]);
        },
    );
    x.finish()
}
