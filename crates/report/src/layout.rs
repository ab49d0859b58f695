//! The page furniture every section draws with: margins, the document
//! being built (running header, footers, bookmarks), and the portrait flow
//! that fills pages top to bottom with headings, paragraphs and tables.

use crate::fmt::{self, ACCENT, INK, MUTED, RULE};
use crate::geom::{truncate, wrap, wrap_clamped, Align, Page, Rect, Style};
use crate::{PageSize, ReportOptions, Section};

/// Margins and bands shared by every page.
pub(crate) const SIDE: f32 = 40.0;
pub(crate) const TOP: f32 = 52.0;
pub(crate) const FOOT: f32 = 44.0;

/// The pages being built.
pub(crate) struct Doc {
    pub pages: Vec<Page>,
    pub page_sections: Vec<Section>,
    pub bookmarks: Vec<(String, usize)>,
    pub size: PageSize,
    pub title: String,
}

impl Doc {
    /// Starts a page with the running header; `bookmark` marks a section start.
    pub fn new_page(&mut self, section: Section, landscape: bool, header: &str) -> &mut Page {
        let (w, h) = if landscape {
            self.size.landscape()
        } else {
            self.size.portrait()
        };
        let mut page = Page::new(w, h);
        let style = Style::new(7.5, false, MUTED);
        let half = (w - 2.0 * SIDE) / 2.0 - 6.0;
        let left = Rect::new(SIDE, 20.0, half, style.line_height());
        let right = Rect::new(w - SIDE - half, 20.0, half, style.line_height());
        let t = truncate(&self.title, half, style);
        page.text(SIDE, 20.0, &t, style, left);
        let hd = truncate(header, half, Style::new(7.5, true, ACCENT));
        let hw = Style::new(7.5, true, ACCENT).width(&hd);
        page.text(
            w - SIDE - hw,
            20.0,
            &hd,
            Style::new(7.5, true, ACCENT),
            right,
        );
        page.line((SIDE, 34.0), (w - SIDE, 34.0), RULE, 0.6, &[]);
        if self.page_sections.last() != Some(&section) {
            self.bookmarks
                .push((section.title().to_string(), self.pages.len()));
        }
        self.pages.push(page);
        self.page_sections.push(section);
        self.pages.last_mut().expect("just pushed")
    }

    pub fn cur(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    /// Page numbers and the footer line, once the page count is known.
    pub fn footers(&mut self, opts: &ReportOptions) {
        let n = self.pages.len();
        let mut left = vec![];
        if let Some(c) = opts.company.as_deref().filter(|c| !c.trim().is_empty()) {
            left.push(c.trim().to_string());
        }
        left.push(format!("Report date {}", opts.date));
        if let Some(v) = opts
            .version_label
            .as_deref()
            .filter(|v| !v.trim().is_empty())
        {
            left.push(format!("version {}", v.trim()));
        }
        let left = left.join(" · ");
        let style = Style::new(7.0, false, MUTED);
        for (i, p) in self.pages.iter_mut().enumerate() {
            let (w, h) = (p.width, p.height);
            let y = h - 30.0;
            p.line((SIDE, y - 5.0), (w - SIDE, y - 5.0), RULE, 0.6, &[]);
            let num = format!("Page {} of {}", i + 1, n);
            let nw = style.width(&num);
            let cell_r = Rect::new(w - SIDE - nw, y, nw, style.line_height());
            p.text(cell_r.x, y, &num, style, cell_r);
            let lw = w - 2.0 * SIDE - nw - 12.0;
            let cell_l = Rect::new(SIDE, y, lw, style.line_height());
            let l = truncate(&left, lw, style);
            p.text(SIDE, y, &l, style, cell_l);
        }
    }
}

/// One cell of a table.
#[derive(Clone, Default)]
pub(crate) struct Cell {
    pub text: String,
    pub bg: Option<u32>,
    pub fg: Option<u32>,
    pub bold: bool,
    /// A coloured dot before the text (the emotion mark).
    pub dot: Option<u32>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
}

/// Portrait pages filled top to bottom.
pub(crate) struct Flow<'d> {
    pub doc: &'d mut Doc,
    pub section: Section,
    pub y: f32,
    pub x: f32,
    pub w: f32,
    pub bottom: f32,
}

impl<'d> Flow<'d> {
    pub fn new(doc: &'d mut Doc, section: Section) -> Flow<'d> {
        let (w, h) = doc.size.portrait();
        doc.new_page(section, false, section.title());
        Flow {
            doc,
            section,
            y: TOP,
            x: SIDE,
            w: w - 2.0 * SIDE,
            bottom: h - FOOT,
        }
    }

    pub fn page(&mut self) {
        self.doc.new_page(self.section, false, self.section.title());
        self.y = TOP;
    }

    /// Breaks the page unless `h` more points fit.
    pub fn room(&mut self, h: f32) {
        if self.y + h > self.bottom + 0.01 && self.y > TOP + 0.01 {
            self.page();
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    pub fn heading(&mut self, text: &str, size: f32) {
        let style = Style::new(size, true, INK);
        let lines = wrap(text, self.w, style);
        self.room(lines.len() as f32 * style.line_height() + 48.0);
        let cell = Rect::new(
            self.x,
            self.y,
            self.w,
            lines.len() as f32 * style.line_height(),
        );
        self.y += self.doc.cur().lines(cell, &lines, style, Align::Left);
        self.y += size * 0.3;
    }

    /// Wrapped full text, breaking pages between lines.
    pub fn para(&mut self, text: &str, style: Style, indent: f32) {
        let w = self.w - indent;
        for line in wrap(text, w, style) {
            self.room(style.line_height());
            let cell = Rect::new(self.x + indent, self.y, w, style.line_height());
            self.doc.cur().text(cell.x, cell.y, &line, style, cell);
            self.y += style.line_height();
        }
    }

    /// A table with a header row repeated on every page. `cols` are
    /// (title, share of the width, alignment).
    pub fn table(&mut self, cols: &[(&str, f32, Align)], rows: &[Vec<Cell>]) {
        let total: f32 = cols.iter().map(|c| c.1).sum();
        let widths: Vec<f32> = cols.iter().map(|c| c.1 / total * self.w).collect();
        let pad = 3.5;
        let body = Style::new(7.5, false, INK);
        let head = Style::new(7.0, true, INK);
        let header_h = {
            let n = cols
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(c.0, w - 2.0 * pad, head).len())
                .max()
                .unwrap_or(1);
            n as f32 * head.line_height() + 2.0 * pad
        };
        let draw_header = |flow: &mut Flow| {
            let mut x = flow.x;
            let y = flow.y;
            let page = flow.doc.cur();
            page.fill(Rect::new(flow.x, y, flow.w, header_h), 0xe8eef5);
            for (c, w) in cols.iter().zip(&widths) {
                let cell = Rect::new(x + pad, y + pad, w - 2.0 * pad, header_h - 2.0 * pad);
                let lines = wrap(c.0, cell.w, head);
                page.lines(cell, &lines, head, c.2);
                x += w;
            }
            flow.y += header_h;
        };
        self.room(header_h + 2.0 * body.line_height() + 2.0 * pad);
        draw_header(self);
        let max_h = self.bottom - TOP - header_h;
        for row in rows {
            let max_lines = ((max_h - 2.0 * pad) / body.line_height()).floor().max(1.0) as usize;
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .zip(cols.iter().zip(&widths))
                .map(|(cell, (_, w))| {
                    let style = Style {
                        bold: cell.bold,
                        ..body
                    };
                    let inner = w - 2.0 * pad - if cell.dot.is_some() { 8.0 } else { 0.0 };
                    wrap_clamped(&cell.text, inner, style, max_lines)
                })
                .collect();
            let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let h = n as f32 * body.line_height() + 2.0 * pad;
            if self.y + h > self.bottom {
                self.page();
                draw_header(self);
            }
            let mut x = self.x;
            let y = self.y;
            let page = self.doc.cur();
            for ((cell, lines), (c, w)) in row.iter().zip(&wrapped).zip(cols.iter().zip(&widths)) {
                if let Some(bg) = cell.bg {
                    page.fill(Rect::new(x, y, *w, h), bg);
                }
                let mut inner = Rect::new(x + pad, y + pad, w - 2.0 * pad, h - 2.0 * pad);
                if let Some(d) = cell.dot {
                    page.dot(inner.x + 3.0, inner.y + body.size * 0.62, 2.8, d);
                    inner.x += 8.0;
                    inner.w -= 8.0;
                }
                let style = Style {
                    bold: cell.bold,
                    color: cell.fg.unwrap_or(INK),
                    ..body
                };
                page.lines(inner, lines, style, c.2);
                x += w;
            }
            page.line((self.x, y + h), (self.x + self.w, y + h), RULE, 0.5, &[]);
            self.y += h;
        }
    }
}

/// The friction colour scale as a legend line.
pub(crate) fn legend_friction(f: &mut Flow) {
    let s = Style::new(6.5, false, MUTED);
    f.room(s.line_height() + 4.0);
    let y = f.y;
    let mut x = f.x;
    let page = f.doc.cur();
    let label = "Friction (0–100):";
    page.text(
        x,
        y,
        label,
        s,
        Rect::new(x, y, s.width(label), s.line_height()),
    );
    x += s.width(label) + 6.0;
    let names = ["0–20", "20–40", "40–60", "60–80", "80–100"];
    for (c, n) in fmt::FRICTION_SCALE.iter().zip(names) {
        page.fill(Rect::new(x, y + 1.0, 12.0, 7.0), *c);
        page.stroke(Rect::new(x, y + 1.0, 12.0, 7.0), RULE, 0.4, &[]);
        x += 15.0;
        page.text(x, y, n, s, Rect::new(x, y, s.width(n), s.line_height()));
        x += s.width(n) + 8.0;
    }
    page.fill(Rect::new(x, y + 1.0, 12.0, 7.0), fmt::NO_DATA);
    x += 15.0;
    page.text(
        x,
        y,
        "no data",
        s,
        Rect::new(x, y, s.width("no data"), s.line_height()),
    );
    f.y += s.line_height() + 4.0;
}
