//! A small geometry layer: boxes in points with the origin at the top-left
//! of the page (y grows downwards), text measured with the embedded font's
//! metrics, wrapping and ellipsis truncation, and a page canvas that records
//! every text box it draws together with the cell it had to stay inside — so
//! tests can check that nothing spills out of its cell or off the page.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Line, LineCapStyle, LineDashPattern, LineJoinStyle, LinePoint, Op, PaintMode,
    PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

use crate::fonts::{fonts, text_width, Slot};

/// The smallest text size used anywhere.
pub const MIN_TEXT_PT: f32 = 6.0;
/// Line height as a multiple of the text size.
pub const LEADING: f32 = 1.3;
/// Tolerance for float comparisons in containment checks.
const EPS: f32 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// The rectangle shrunk by `d` on every side.
    pub fn inset(&self, d: f32) -> Rect {
        Rect::new(
            self.x + d,
            self.y + d,
            (self.w - 2.0 * d).max(0.0),
            (self.h - 2.0 * d).max(0.0),
        )
    }
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - EPS
            && o.y >= self.y - EPS
            && o.right() <= self.right() + EPS
            && o.bottom() <= self.bottom() + EPS
    }
}

/// One line of text as drawn: its box and the cell it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub text: String,
    pub rect: Rect,
    pub cell: Rect,
    pub size: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: u32,
}

impl Style {
    pub const fn new(size: f32, bold: bool, color: u32) -> Style {
        Style { size, bold, color }
    }
    pub fn line_height(&self) -> f32 {
        self.size * LEADING
    }
    pub fn width(&self, text: &str) -> f32 {
        text_width(text, self.size, self.bold)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

pub fn rgb(hex: u32) -> Color {
    Color::Rgb(Rgb::new(
        ((hex >> 16) & 0xff) as f32 / 255.0,
        ((hex >> 8) & 0xff) as f32 / 255.0,
        (hex & 0xff) as f32 / 255.0,
        None,
    ))
}

/// Greedy word wrap to `width`; a word wider than the line is broken between
/// characters. Newlines start new lines. Never returns an empty list. Widths
/// add up per character, so each character is measured once.
pub fn wrap(text: &str, width: f32, style: Style) -> Vec<String> {
    let f = fonts();
    let adv = |c: char| f.advance_em(c, style.bold) * style.size;
    let space = adv(' ');
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut lw = 0.0_f32;
        for word in para.split_whitespace() {
            let ww: f32 = word.chars().map(adv).sum();
            if !line.is_empty() {
                if lw + space + ww <= width {
                    line.push(' ');
                    line.push_str(word);
                    lw += space + ww;
                    continue;
                }
                lines.push(std::mem::take(&mut line));
                lw = 0.0;
            }
            if ww <= width {
                line.push_str(word);
                lw = ww;
                continue;
            }
            // Break the long word by characters.
            for c in word.chars() {
                let cw = adv(c);
                if lw + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    lw = 0.0;
                }
                line.push(c);
                lw += cw;
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The longest prefix of `text` that fits `width` with an ellipsis after it.
fn with_ellipsis(text: &str, width: f32, style: Style) -> String {
    let f = fonts();
    let budget = width - style.width("…");
    let mut out = String::new();
    let mut w = 0.0_f32;
    for c in text.chars() {
        let cw = f.advance_em(c, style.bold) * style.size;
        if w + cw > budget {
            break;
        }
        out.push(c);
        w += cw;
    }
    format!("{}…", out.trim_end())
}

/// `text` cut to fit `width` on one line, ending in an ellipsis if cut.
pub fn truncate(text: &str, width: f32, style: Style) -> String {
    if style.width(text) <= width {
        return text.to_string();
    }
    with_ellipsis(text, width, style)
}

/// Wrapped lines, at most `max` of them; the last one kept ends in an
/// ellipsis when text was dropped.
pub fn wrap_clamped(text: &str, width: f32, style: Style, max: usize) -> Vec<String> {
    let mut lines = wrap(text, width, style);
    if lines.len() > max.max(1) {
        lines.truncate(max.max(1));
        let last = lines.pop().unwrap_or_default();
        lines.push(with_ellipsis(&format!("{last} "), width, style));
    }
    lines
}

/// One page being laid out.
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub ops: Vec<Op>,
    pub boxes: Vec<TextBox>,
    /// Characters missing from the font, with the first text they occurred in.
    pub missing: BTreeMap<char, String>,
    /// Each icon drawn: its name and the square it is in.
    pub icons: Vec<(String, Rect)>,
    /// Characters drawn, per face ([`Slot::index`]): what each subset keeps.
    pub used: [BTreeSet<char>; 3],
}

pub(crate) const FONT_REGULAR: &str = "WMNSRG";
pub(crate) const FONT_BOLD: &str = "WMNSBD";
pub(crate) const FONT_SYMBOLS: &str = "WMNSMA";

/// The PDF resource name of a face.
pub(crate) fn font_id(slot: Slot) -> &'static str {
    match slot {
        Slot::Regular => FONT_REGULAR,
        Slot::Bold => FONT_BOLD,
        Slot::Symbols => FONT_SYMBOLS,
    }
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

impl Page {
    pub fn new(width: f32, height: f32) -> Page {
        Page {
            width,
            height,
            ops: Vec::new(),
            boxes: Vec::new(),
            missing: BTreeMap::new(),
            icons: Vec::new(),
            used: [BTreeSet::new(), BTreeSet::new(), BTreeSet::new()],
        }
    }

    pub fn bounds(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width, self.height)
    }

    fn poly(&mut self, pts: &[(f32, f32)], mode: PaintMode) {
        let h = self.height;
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: pts.iter().map(|&(x, y)| pt(x, h - y)).collect(),
                }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    pub fn fill(&mut self, r: Rect, color: u32) {
        self.ops.push(Op::SetFillColor { col: rgb(color) });
        self.poly(
            &[
                (r.x, r.y),
                (r.right(), r.y),
                (r.right(), r.bottom()),
                (r.x, r.bottom()),
            ],
            PaintMode::Fill,
        );
    }

    fn stroke_setup(&mut self, color: u32, width: f32, dash: &[f32]) {
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetOutlineColor { col: rgb(color) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        if !dash.is_empty() {
            self.ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, dash),
            });
        }
    }

    pub fn stroke(&mut self, r: Rect, color: u32, width: f32, dash: &[f32]) {
        self.stroke_setup(color, width, dash);
        self.poly(
            &[
                (r.x, r.y),
                (r.right(), r.y),
                (r.right(), r.bottom()),
                (r.x, r.bottom()),
            ],
            PaintMode::Stroke,
        );
        self.ops.push(Op::RestoreGraphicsState);
    }

    pub fn polyline(&mut self, pts: &[(f32, f32)], color: u32, width: f32, dash: &[f32]) {
        if pts.len() < 2 {
            return;
        }
        self.stroke_setup(color, width, dash);
        let h = self.height;
        self.ops.push(Op::DrawLine {
            line: Line {
                points: pts.iter().map(|&(x, y)| pt(x, h - y)).collect(),
                is_closed: false,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// Icon `name` drawn as strokes (runs of points in a 16×16 box, see
    /// `ChannelKind::icon_strokes`) into the `size`-point square at (x, y),
    /// with round caps and joins as the app draws it.
    pub fn icon(
        &mut self,
        name: &str,
        runs: &[Vec<(f32, f32)>],
        (x, y): (f32, f32),
        size: f32,
        color: u32,
    ) {
        self.icons
            .push((name.to_string(), Rect::new(x, y, size, size)));
        let k = size / 16.0;
        self.stroke_setup(color, 1.5 * k, &[]);
        self.ops.push(Op::SetLineCapStyle {
            cap: LineCapStyle::Round,
        });
        self.ops.push(Op::SetLineJoinStyle {
            join: LineJoinStyle::Round,
        });
        let h = self.height;
        for run in runs.iter().filter(|r| !r.is_empty()) {
            self.ops.push(Op::DrawLine {
                line: Line {
                    points: run
                        .iter()
                        .map(|&(px, py)| pt(x + px * k, h - (y + py * k)))
                        .collect(),
                    is_closed: false,
                },
            });
        }
        self.ops.push(Op::RestoreGraphicsState);
    }

    pub fn line(
        &mut self,
        (x1, y1): (f32, f32),
        (x2, y2): (f32, f32),
        color: u32,
        width: f32,
        dash: &[f32],
    ) {
        self.polyline(&[(x1, y1), (x2, y2)], color, width, dash);
    }

    /// A filled regular polygon approximating a circle.
    pub fn dot(&mut self, cx: f32, cy: f32, r: f32, color: u32) {
        self.ops.push(Op::SetFillColor { col: rgb(color) });
        let pts: Vec<(f32, f32)> = (0..16)
            .map(|i| {
                let a = i as f32 * std::f32::consts::TAU / 16.0;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        self.poly(&pts, PaintMode::Fill);
    }

    /// A filled diamond (the moment-of-truth mark).
    pub fn diamond(&mut self, cx: f32, cy: f32, r: f32, color: u32) {
        self.ops.push(Op::SetFillColor { col: rgb(color) });
        self.poly(
            &[(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
            PaintMode::Fill,
        );
    }

    /// Draws one line of text with its top-left at (x, top), records its box
    /// against `cell`. Each run of characters goes in the face that has them
    /// ([`crate::fonts::Fonts::pick`]); characters no face has are drawn as
    /// `?` and remembered for the warnings.
    pub fn text(&mut self, x: f32, top: f32, text: &str, style: Style, cell: Rect) -> f32 {
        let f = fonts();
        let face = if style.bold {
            Slot::Bold
        } else {
            Slot::Regular
        };
        let mut shown = String::with_capacity(text.len());
        let mut runs: Vec<(Slot, String)> = Vec::new();
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            let (slot, c) = match f.pick(c, style.bold) {
                Some(slot) => (slot, c),
                None => {
                    self.missing.entry(c).or_insert_with(|| text.to_string());
                    (face, '?')
                }
            };
            shown.push(c);
            match runs.last_mut() {
                Some((s, run)) if *s == slot => run.push(c),
                _ => runs.push((slot, c.to_string())),
            }
        }
        let w = style.width(&shown);
        self.boxes.push(TextBox {
            text: shown.clone(),
            rect: Rect::new(x, top, w, style.line_height()),
            cell,
            size: style.size,
        });
        if shown.trim().is_empty() {
            return w;
        }
        let baseline = top + style.size * 1.02;
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFillColor {
            col: rgb(style.color),
        });
        self.ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(x),
                y: Pt(self.height - baseline),
            },
        });
        // One text section: each run continues where the one before ended.
        for (slot, run) in runs {
            self.used[slot.index()].extend(run.chars());
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(font_id(slot).to_string())),
                size: Pt(style.size),
            });
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(run)],
            });
        }
        self.ops.push(Op::EndTextSection);
        w
    }

    /// Draws already-wrapped lines from the top of `cell`, aligned; returns
    /// the height used.
    pub fn lines(&mut self, cell: Rect, lines: &[String], style: Style, align: Align) -> f32 {
        let lh = style.line_height();
        for (i, l) in lines.iter().enumerate() {
            let w = style.width(l);
            let x = match align {
                Align::Left => cell.x,
                Align::Center => cell.x + (cell.w - w) / 2.0,
                Align::Right => cell.right() - w,
            };
            self.text(x, cell.y + i as f32 * lh, l, style, cell);
        }
        lines.len() as f32 * lh
    }

    /// Wraps `text` into `cell` (at most `max` lines, ellipsis if cut).
    pub fn paragraph(
        &mut self,
        cell: Rect,
        text: &str,
        style: Style,
        align: Align,
        max: usize,
    ) -> f32 {
        let lines = wrap_clamped(text, cell.w, style, max);
        self.lines(cell, &lines, style, align)
    }
}
