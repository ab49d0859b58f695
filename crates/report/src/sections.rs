//! The report's pages: the document builder, the portrait flow with tables,
//! and every section except the map (see `map.rs`).

use std::collections::HashMap;

use printpdf::{Op, Pt, RawImage, XObjectId, XObjectTransform};
use waymark_core::{AnnotationKind, Id, Journey, LaneKind, Target};
use waymark_score::{ScoreKind, Scorecard, StageScore, TouchpointScore};

use crate::fmt::{self, num, num_signed, ACCENT, INK, MUTED, NA, RULE};
use crate::geom::{truncate, wrap, wrap_clamped, Align, Page, Rect, Style};
use crate::{parse_date, PageSize, ReportError, ReportOptions, Section};

#[path = "map.rs"]
mod map;

pub(crate) const LOGO_ID: &str = "WMLOGO";

/// Margins and bands shared by every page.
pub(crate) const SIDE: f32 = 40.0;
pub(crate) const TOP: f32 = 52.0;
pub(crate) const FOOT: f32 = 44.0;

pub(crate) struct Built {
    pub pages: Vec<Page>,
    pub page_sections: Vec<Section>,
    /// (title, 0-based page index).
    pub bookmarks: Vec<(String, usize)>,
    pub warnings: Vec<String>,
    pub logo: Option<RawImage>,
}

/// What every section reads.
pub(crate) struct Ctx<'a> {
    pub j: &'a Journey,
    pub sc: &'a Scorecard,
    pub opts: &'a ReportOptions,
    pub tps: HashMap<Id, &'a TouchpointScore>,
    pub stages: HashMap<Id, &'a StageScore>,
    /// Logo size in pixels.
    pub logo: Option<(f32, f32)>,
}

impl Ctx<'_> {
    pub fn stage_name(&self, id: Id) -> String {
        self.j
            .stage(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| "(no stage)".into())
    }

    pub fn target_name(&self, t: Target) -> String {
        match t {
            Target::Map => "the whole journey".into(),
            Target::Stage(id) => format!("stage {}", self.stage_name(id)),
            Target::Touchpoint(id) => self
                .j
                .touchpoint(id)
                .map(|t| t.title.clone())
                .unwrap_or_else(|| "a deleted touchpoint".into()),
        }
    }

    /// Pain points, highest priority first.
    pub fn pain_points(&self) -> Vec<&TouchpointScore> {
        self.sc
            .touchpoints
            .iter()
            .filter(|t| t.pain_point)
            .collect()
    }
}

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
    fn footers(&mut self, opts: &ReportOptions) {
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

/// Lays out every selected section.
pub(crate) fn build(
    j: &Journey,
    sc: &Scorecard,
    opts: &ReportOptions,
) -> Result<Built, ReportError> {
    parse_date(&opts.date)?;
    let logo = match &opts.logo {
        None => None,
        Some(bytes) => Some(decode_logo(bytes)?),
    };
    let ctx = Ctx {
        j,
        sc,
        opts,
        tps: sc.touchpoints.iter().map(|t| (t.id, t)).collect(),
        stages: sc.stages.iter().map(|s| (s.id, s)).collect(),
        logo: logo.as_ref().map(|l| (l.width as f32, l.height as f32)),
    };
    let title = if j.title.trim().is_empty() {
        "Untitled journey".to_string()
    } else {
        j.title.trim().to_string()
    };
    let mut doc = Doc {
        pages: Vec::new(),
        page_sections: Vec::new(),
        bookmarks: Vec::new(),
        size: opts.page_size,
        title,
    };
    if opts.has(Section::Summary) {
        summary(&ctx, &mut doc);
    }
    if opts.has(Section::Map) {
        map::map(&ctx, &mut doc);
    }
    if opts.has(Section::Stages) {
        stages(&ctx, &mut doc);
    }
    if opts.has(Section::PainPoints) {
        pain_points(&ctx, &mut doc);
    }
    if opts.has(Section::Appendix) {
        appendix(&ctx, &mut doc);
    }
    if doc.pages.is_empty() {
        return Err(ReportError::Invalid("no section selected".into()));
    }
    doc.footers(opts);
    let mut missing = std::collections::BTreeMap::new();
    for p in &doc.pages {
        for (c, ctx) in &p.missing {
            missing.entry(*c).or_insert_with(|| ctx.clone());
        }
    }
    let warnings = missing
        .into_iter()
        .map(|(c, text)| {
            format!(
                "character U+{:04X} {c:?} is not in the embedded font ({}) and is shown as \"?\"; first in: {}",
                c as u32,
                crate::fonts::FAMILY,
                text.chars().take(60).collect::<String>()
            )
        })
        .collect();
    Ok(Built {
        pages: doc.pages,
        page_sections: doc.page_sections,
        bookmarks: doc.bookmarks,
        warnings,
        logo,
    })
}

fn decode_logo(bytes: &[u8]) -> Result<RawImage, ReportError> {
    let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    let jpeg = bytes.starts_with(&[0xff, 0xd8, 0xff]);
    if !png && !jpeg {
        return Err(ReportError::Logo(
            "not a PNG or JPEG file (the first bytes match neither format)".into(),
        ));
    }
    let mut warnings = Vec::new();
    let img = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(|e| {
        ReportError::Logo(format!(
            "the {} image cannot be decoded: {e}",
            if png { "PNG" } else { "JPEG" }
        ))
    })?;
    if img.width == 0 || img.height == 0 {
        return Err(ReportError::Logo("the image is empty (0 pixels)".into()));
    }
    Ok(img)
}

/// The figure in a KPI tile.
fn ces_text(c: &waymark_score::Ces) -> (String, &'static str) {
    match (c.ces7, c.ces5) {
        (Some(v), _) => (num(Some(v), 1), "CES (1–7, higher is easier)"),
        (None, Some(v)) => (num(Some(v), 1), "CES (1–5, lower is easier)"),
        _ => (NA.to_string(), "CES (customer effort)"),
    }
}

fn summary(ctx: &Ctx, doc: &mut Doc) {
    let j = ctx.j;
    let mut f = Flow::new(doc, Section::Summary);
    let (x, w) = (f.x, f.w);

    // Company line and logo.
    let mut top_h: f32 = 0.0;
    if let Some((pw, ph)) = ctx.logo {
        let (max_w, max_h) = (130.0_f32, 42.0_f32);
        let scale = (max_w / pw).min(max_h / ph);
        let (lw, lh) = (pw * scale, ph * scale);
        let page = f.doc.cur();
        let ph_total = page.height;
        page.ops.push(Op::UseXobject {
            id: XObjectId(LOGO_ID.to_string()),
            transform: XObjectTransform {
                translate_x: Some(Pt(x + w - lw)),
                translate_y: Some(Pt(ph_total - f.y - lh)),
                scale_x: Some(scale),
                scale_y: Some(scale),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        top_h = lh;
    }
    if let Some(c) = ctx.opts.company.as_deref().filter(|c| !c.trim().is_empty()) {
        let style = Style::new(10.0, true, MUTED);
        let cell = Rect::new(x, f.y, w - 140.0, style.line_height());
        let t = truncate(c.trim(), cell.w, style);
        f.doc.cur().text(x, f.y, &t, style, cell);
        top_h = top_h.max(style.line_height());
    }
    f.gap(top_h + if top_h > 0.0 { 10.0 } else { 0.0 });

    let label = Style::new(8.0, true, ACCENT);
    let cell = Rect::new(x, f.y, w, label.line_height());
    f.doc.cur().text(
        x,
        f.y,
        "CUSTOMER JOURNEY REPORT · EXECUTIVE SUMMARY",
        label,
        cell,
    );
    f.gap(label.line_height() + 2.0);

    let title = Style::new(20.0, true, INK);
    let lines = wrap_clamped(&f.doc.title.clone(), w, title, 2);
    let cell = Rect::new(x, f.y, w, lines.len() as f32 * title.line_height());
    let h = f.doc.cur().lines(cell, &lines, title, Align::Left);
    f.gap(h + 4.0);

    // Persona(s), scenario, date, version.
    let meta = Style::new(8.5, false, INK);
    let key = Style::new(8.5, true, INK);
    let mut rows: Vec<(&str, String)> = Vec::new();
    let personas: Vec<String> = j
        .personas
        .iter()
        .map(|p| {
            let mut s = p.name.clone();
            if !p.role.trim().is_empty() {
                s.push_str(&format!(" ({})", p.role.trim()));
            }
            if Some(p.id) == j.main_persona().map(|m| m.id) && j.personas.len() > 1 {
                s.push_str(" — primary");
            }
            s
        })
        .collect();
    rows.push((
        if personas.len() > 1 {
            "Personas"
        } else {
            "Persona"
        },
        if personas.is_empty() {
            "none named".into()
        } else {
            personas.join("; ")
        },
    ));
    if !j.scenario.trim().is_empty() {
        rows.push(("Scenario", j.scenario.trim().to_string()));
    }
    let mut when = format!("Report date {}", ctx.opts.date);
    if let Some(v) = ctx
        .opts
        .version_label
        .as_deref()
        .filter(|v| !v.trim().is_empty())
    {
        when.push_str(&format!(" · version {}", v.trim()));
    }
    when.push_str(&format!(
        " · {} stages, {} touchpoints, {} survey answers",
        j.stages.len(),
        j.touchpoints.len(),
        ctx.sc.journey.responses
    ));
    rows.push(("Date", when));
    let kw = 62.0;
    for (k, v) in rows {
        let lines = wrap_clamped(&v, w - kw, meta, 3);
        let h = lines.len() as f32 * meta.line_height();
        let page = f.doc.cur();
        page.text(x, f.y, k, key, Rect::new(x, f.y, kw, meta.line_height()));
        page.lines(Rect::new(x + kw, f.y, w - kw, h), &lines, meta, Align::Left);
        f.gap(h + 2.0);
    }
    f.gap(10.0);

    // Headline figures.
    let js = &ctx.sc.journey;
    let (ces, ces_label) = ces_text(&js.ces);
    let tiles = [
        (num_signed(js.nps, 0), "NPS (-100 to +100)".to_string()),
        (
            js.csat
                .map(|c| format!("{}%", num(Some(c), 0)))
                .unwrap_or_else(|| NA.into()),
            "CSAT (share satisfied)".to_string(),
        ),
        (ces, ces_label.to_string()),
        (
            num_signed(js.remembered_emotion, 0),
            "Remembered emotion (-100 to +100)".to_string(),
        ),
        (js.pain_points.to_string(), "Pain points".to_string()),
    ];
    let gapx = 8.0;
    let tw = (w - gapx * 4.0) / 5.0;
    let th = 54.0;
    f.room(th);
    let y0 = f.y;
    let big = Style::new(18.0, true, INK);
    let small = Style::new(7.0, false, MUTED);
    for (i, (v, l)) in tiles.iter().enumerate() {
        let r = Rect::new(x + i as f32 * (tw + gapx), y0, tw, th);
        let page = f.doc.cur();
        page.fill(r, 0xf3f5f8);
        page.fill(Rect::new(r.x, r.y, 3.0, r.h), ACCENT);
        let inner = Rect::new(r.x + 8.0, r.y + 6.0, r.w - 12.0, r.h - 12.0);
        let vstyle = if v == NA {
            Style::new(18.0, true, MUTED)
        } else {
            big
        };
        let vt = truncate(v, inner.w, vstyle);
        page.text(inner.x, inner.y, &vt, vstyle, inner);
        let ll = wrap_clamped(l, inner.w, small, 2);
        let lc = Rect::new(
            inner.x,
            inner.y + big.line_height(),
            inner.w,
            inner.h - big.line_height(),
        );
        page.lines(lc, &ll, small, Align::Left);
    }
    f.gap(th + 4.0);
    let note = Style::new(7.0, false, MUTED);
    let friction_line = format!(
        "Journey friction {} / 100 · average emotion {} · n/a means no data yet, never zero.{}",
        num(js.friction, 0),
        num_signed(js.emotion, 0),
        if js.reach_assumed {
            " Some touchpoints have no reach figure and count as average ones."
        } else {
            ""
        }
    );
    f.para(&friction_line, note, 0.0);
    f.gap(12.0);

    // Fix first.
    f.heading("What to fix first", 13.0);
    let pains = ctx.pain_points();
    if pains.is_empty() {
        f.para(
            "No touchpoint crosses the pain-point thresholds (friction, emotion or negative comments) yet.",
            Style::new(9.0, false, INK),
            0.0,
        );
    }
    for (rank, t) in pains.iter().take(3).enumerate() {
        fix_first_card(ctx, &mut f, rank + 1, t);
    }
    f.gap(8.0);

    // Who owns the pain.
    owners(ctx, &mut f);

    // Where it hurts: the stages by friction.
    if !j.stages.is_empty() {
        f.heading("Where it hurts, stage by stage", 13.0);
        stage_strip(ctx, &mut f);
    }
}

/// Pain points grouped by owning team, most total priority first.
fn owners(ctx: &Ctx, f: &mut Flow) {
    let pains = ctx.pain_points();
    if pains.is_empty() {
        return;
    }
    let mut by: Vec<(String, usize, f64, String)> = Vec::new();
    for t in &pains {
        let owner = ctx
            .j
            .touchpoint(t.id)
            .map(|t| t.owner.trim().to_string())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| "(no owner named)".into());
        match by.iter_mut().find(|b| b.0 == owner) {
            Some(b) => {
                b.1 += 1;
                b.2 += t.priority.unwrap_or(0.0);
            }
            None => by.push((owner, 1, t.priority.unwrap_or(0.0), t.title.clone())),
        }
    }
    by.sort_by(|a, b| b.2.total_cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    f.heading("Who owns the pain", 13.0);
    let rows: Vec<Vec<Cell>> = by
        .iter()
        .take(6)
        .map(|(o, n, p, worst)| {
            vec![
                Cell {
                    bold: true,
                    ..Cell::new(o)
                },
                Cell::new(n.to_string()),
                Cell::new(num(Some(*p), 1)),
                Cell::new(worst),
            ]
        })
        .collect();
    f.table(
        &[
            ("Owner", 2.0, Align::Left),
            ("Pain points", 1.0, Align::Right),
            ("Total priority", 1.1, Align::Right),
            ("Their top pain point", 4.0, Align::Left),
        ],
        &rows,
    );
    if by.len() > 6 {
        f.para(
            &format!(
                "…and {} more owners: see the pain point pages.",
                by.len() - 6
            ),
            Style::new(7.5, false, MUTED),
            0.0,
        );
    }
    f.gap(10.0);
}

fn fix_first_card(ctx: &Ctx, f: &mut Flow, rank: usize, t: &TouchpointScore) {
    let (x, w) = (f.x, f.w);
    let tp = ctx.j.touchpoint(t.id);
    let owner = tp
        .map(|t| t.owner.trim().to_string())
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| "no owner named".into());
    let title_style = Style::new(10.5, true, INK);
    let body = Style::new(8.0, false, INK);
    let why_style = Style::new(8.0, false, INK);
    let left = 34.0;
    let right_w = 70.0;
    let tw = w - left - right_w - 8.0;
    let title_lines = wrap_clamped(&t.title, tw, title_style, 2);
    let info = format!(
        "Owner: {owner} · Stage: {} · Friction {} · Emotion {}{}",
        ctx.stage_name(t.stage),
        num(t.friction, 0),
        num_signed(t.emotion, 0),
        tp.map(|t| format!(" · evidence {}", t.evidence.as_str()))
            .unwrap_or_default()
    );
    let info_lines = wrap_clamped(&info, tw, body, 2);
    let why_lines = wrap_clamped(&format!("Why: {}", fmt::why(t)), tw, why_style, 2);
    let h = title_lines.len() as f32 * title_style.line_height()
        + info_lines.len() as f32 * body.line_height()
        + why_lines.len() as f32 * why_style.line_height()
        + 14.0;
    f.room(h + 6.0);
    let y = f.y;
    let page = f.doc.cur();
    let r = Rect::new(x, y, w, h);
    page.fill(r, 0xfafbfc);
    page.stroke(r, RULE, 0.6, &[]);
    let col = fmt::friction_color(t.friction);
    page.fill(Rect::new(x, y, 26.0, h), col);
    let rs = Style::new(14.0, true, fmt::ink_on(col));
    let rt = rank.to_string();
    let rw = rs.width(&rt);
    page.text(
        x + 13.0 - rw / 2.0,
        y + 6.0,
        &rt,
        rs,
        Rect::new(x, y, 26.0, h),
    );
    let mut cy = y + 6.0;
    let cx = x + left;
    let c = Rect::new(
        cx,
        cy,
        tw,
        title_lines.len() as f32 * title_style.line_height(),
    );
    cy += page.lines(c, &title_lines, title_style, Align::Left);
    let c = Rect::new(cx, cy, tw, info_lines.len() as f32 * body.line_height());
    cy += page.lines(
        c,
        &info_lines,
        Style {
            color: MUTED,
            ..body
        },
        Align::Left,
    ) + 2.0;
    let c = Rect::new(cx, cy, tw, why_lines.len() as f32 * why_style.line_height());
    page.lines(c, &why_lines, why_style, Align::Left);
    // Priority on the right.
    let pr = Rect::new(x + w - right_w - 6.0, y + 6.0, right_w, h - 12.0);
    let ps = Style::new(16.0, true, ACCENT);
    let pv = num(t.priority, 1);
    page.lines(pr, &[pv], ps, Align::Right);
    let ls = Style::new(6.5, false, MUTED);
    let lr = Rect::new(pr.x, pr.y + ps.line_height(), pr.w, ls.line_height() * 2.0);
    page.lines(lr, &["priority (0–100)".to_string()], ls, Align::Right);
    f.y += h + 6.0;
}

/// Stages as a row of friction-coloured boxes, wrapping to more rows.
fn stage_strip(ctx: &Ctx, f: &mut Flow) {
    let per_row = 6usize;
    let gapx = 4.0;
    let bw = (f.w - gapx * (per_row as f32 - 1.0)) / per_row as f32;
    let bh = 50.0;
    let name = Style::new(7.5, true, INK);
    let small = Style::new(6.5, false, INK);
    let max_rows = 3;
    let shown = ctx.sc.stages.len().min(per_row * max_rows);
    for (row, chunk) in ctx.sc.stages[..shown].chunks(per_row).enumerate() {
        f.room(bh + 4.0);
        let _ = row;
        let y = f.y;
        for (i, s) in chunk.iter().enumerate() {
            let r = Rect::new(f.x + i as f32 * (bw + gapx), y, bw, bh);
            let col = fmt::friction_color(s.friction);
            let ink = fmt::ink_on(col);
            let page = f.doc.cur();
            page.fill(r, col);
            let inner = r.inset(4.0);
            let lines = wrap_clamped(&s.name, inner.w, Style { color: ink, ..name }, 2);
            page.lines(inner, &lines, Style { color: ink, ..name }, Align::Left);
            let st = Style {
                color: ink,
                ..small
            };
            let sl = vec![
                truncate(&format!("Friction {}", num(s.friction, 0)), inner.w, st),
                truncate(
                    &format!("Emotion {}", num_signed(s.emotion, 0)),
                    inner.w,
                    st,
                ),
            ];
            let sy = inner.bottom() - 2.0 * st.line_height();
            page.lines(
                Rect::new(inner.x, sy, inner.w, 2.0 * st.line_height()),
                &sl,
                st,
                Align::Left,
            );
        }
        f.y += bh + 4.0;
    }
    if ctx.sc.stages.len() > shown {
        f.para(
            &format!(
                "…and {} more stages: see the stage heat table.",
                ctx.sc.stages.len() - shown
            ),
            Style::new(7.5, false, MUTED),
            0.0,
        );
    }
    f.gap(4.0);
    legend_friction(f);
}

/// The friction colour scale as a legend line.
fn legend_friction(f: &mut Flow) {
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

fn stages(ctx: &Ctx, doc: &mut Doc) {
    let mut f = Flow::new(doc, Section::Stages);
    f.heading("Stage heat table", 14.0);
    f.para(
        "Friction 0–100 (higher hurts more) and emotion -100..+100 per stage, weighted by reach. The worst touchpoint has the highest friction, then the lowest emotion.",
        Style::new(8.0, false, MUTED),
        0.0,
    );
    f.gap(6.0);
    if ctx.sc.stages.is_empty() {
        f.para(
            "This journey has no stages yet.",
            Style::new(9.0, false, INK),
            0.0,
        );
        return;
    }
    let cols = [
        ("Stage", 2.2, Align::Left),
        ("Friction", 1.0, Align::Right),
        ("Emotion", 1.1, Align::Right),
        ("Worst touchpoint", 2.6, Align::Left),
        ("Responses", 1.0, Align::Right),
        ("NPS", 0.8, Align::Right),
        ("CSAT", 0.8, Align::Right),
        ("CES", 0.8, Align::Right),
    ];
    let rows: Vec<Vec<Cell>> = ctx
        .sc
        .stages
        .iter()
        .map(|s| {
            let bg = fmt::friction_color(s.friction);
            let worst = s
                .worst_touchpoint
                .and_then(|id| ctx.tps.get(&id))
                .map(|t| format!("{} (friction {})", t.title, num(t.friction, 0)))
                .unwrap_or_else(|| "—".into());
            let ces = match (s.ces.ces7, s.ces.ces5) {
                (Some(v), _) => format!("{} /7", num(Some(v), 1)),
                (None, Some(v)) => format!("{} /5", num(Some(v), 1)),
                _ => NA.into(),
            };
            vec![
                Cell {
                    bold: true,
                    ..Cell::new(&s.name)
                },
                Cell {
                    bg: Some(bg),
                    fg: Some(fmt::ink_on(bg)),
                    bold: true,
                    ..Cell::new(num(s.friction, 0))
                },
                Cell {
                    dot: Some(fmt::emotion_color(s.emotion)),
                    ..Cell::new(num_signed(s.emotion, 0))
                },
                Cell::new(worst),
                Cell::new(s.responses.to_string()),
                Cell::new(num_signed(s.nps, 0)),
                Cell::new(
                    s.csat
                        .map(|c| format!("{}%", num(Some(c), 0)))
                        .unwrap_or_else(|| NA.into()),
                ),
                Cell::new(ces),
            ]
        })
        .collect();
    f.table(&cols, &rows);
    f.gap(6.0);
    legend_friction(&mut f);
}

fn annotation_kind(k: AnnotationKind) -> &'static str {
    match k {
        AnnotationKind::PainPoint => "Pain point",
        AnnotationKind::Idea => "Idea",
        AnnotationKind::Question => "Question",
        AnnotationKind::Evidence => "Evidence",
    }
}

fn votes(n: u32) -> String {
    if n == 1 {
        "1 vote".into()
    } else {
        format!("{n} votes")
    }
}

fn pain_points(ctx: &Ctx, doc: &mut Doc) {
    let mut f = Flow::new(doc, Section::PainPoints);
    f.heading("Pain points, ranked by priority", 14.0);
    f.para(
        "Priority 0–100 = the touchpoint's share of customers × friction × how negative it feels. Notes and dot votes from the team are listed under each.",
        Style::new(8.0, false, MUTED),
        0.0,
    );
    f.gap(6.0);
    let pains = ctx.pain_points();
    if pains.is_empty() {
        f.para("No pain points yet.", Style::new(9.0, false, INK), 0.0);
    }
    let title = Style::new(9.5, true, INK);
    let body = Style::new(8.0, false, INK);
    let muted = Style::new(7.5, false, MUTED);
    for (i, t) in pains.iter().enumerate() {
        let tp = ctx.j.touchpoint(t.id);
        f.room(title.line_height() + 3.0 * body.line_height() + 6.0);
        let y = f.y;
        let col = fmt::friction_color(t.friction);
        f.doc
            .cur()
            .fill(Rect::new(f.x, y, 4.0, title.line_height()), col);
        let pr = format!("priority {}", num(t.priority, 1));
        let pw = title.width(&pr);
        let cell = Rect::new(f.x + f.w - pw, y, pw, title.line_height());
        f.doc.cur().text(
            cell.x,
            y,
            &pr,
            Style {
                color: ACCENT,
                ..title
            },
            cell,
        );
        let head = format!("{}. {}", i + 1, t.title);
        let tw = f.w - pw - 20.0;
        let lines = wrap(&head, tw, title);
        let cell = Rect::new(f.x + 10.0, y, tw, lines.len() as f32 * title.line_height());
        f.y += f.doc.cur().lines(cell, &lines, title, Align::Left);
        let owner = tp
            .map(|t| t.owner.trim().to_string())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| "no owner named".into());
        let info = format!(
            "Stage {} · owner {} · evidence {}{} · friction {} · emotion {}{}",
            ctx.stage_name(t.stage),
            owner,
            tp.map(|t| t.evidence.as_str()).unwrap_or("assumed"),
            if tp.is_some_and(|t| t.moment_of_truth) {
                " · moment of truth"
            } else {
                ""
            },
            num(t.friction, 0),
            num_signed(t.emotion, 0),
            t.label
                .map(|l| format!(" ({})", l.as_str()))
                .unwrap_or_default()
        );
        f.para(&info, muted, 10.0);
        f.para(&format!("Why: {}", fmt::why(t)), body, 10.0);
        let mut notes: Vec<_> = ctx
            .j
            .annotations
            .iter()
            .filter(|a| a.target == Target::Touchpoint(t.id) && a.kind != AnnotationKind::Question)
            .collect();
        notes.sort_by(|a, b| {
            b.vote_count()
                .cmp(&a.vote_count())
                .then(a.created_at.cmp(&b.created_at))
        });
        for a in notes {
            let by = if a.author.trim().is_empty() {
                String::new()
            } else {
                format!(" — {}", a.author.trim())
            };
            f.para(
                &format!(
                    "• {} ({}){}: {}{}",
                    annotation_kind(a.kind),
                    votes(a.vote_count()),
                    if a.resolved { ", resolved" } else { "" },
                    a.text.trim(),
                    by
                ),
                body,
                18.0,
            );
        }
        f.gap(7.0);
    }

    // Opportunities: ideas from the team and touchpoints in opportunity lanes.
    f.gap(6.0);
    f.heading("Opportunities", 12.0);
    let mut ideas: Vec<_> = ctx
        .j
        .annotations
        .iter()
        .filter(|a| a.kind == AnnotationKind::Idea)
        .collect();
    ideas.sort_by(|a, b| {
        b.vote_count()
            .cmp(&a.vote_count())
            .then(a.created_at.cmp(&b.created_at))
    });
    let opp_lanes: Vec<Id> = ctx
        .j
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Opportunities)
        .map(|l| l.id)
        .collect();
    let mut opp_tps: Vec<&TouchpointScore> = ctx
        .sc
        .touchpoints
        .iter()
        .filter(|t| {
            ctx.j
                .touchpoint(t.id)
                .is_some_and(|tp| opp_lanes.contains(&tp.lane))
        })
        .collect();
    opp_tps.sort_by(|a, b| {
        b.priority
            .unwrap_or(-1.0)
            .total_cmp(&a.priority.unwrap_or(-1.0))
    });
    if ideas.is_empty() && opp_tps.is_empty() {
        f.para("No ideas or opportunities recorded yet.", body, 0.0);
    }
    for a in ideas {
        f.para(
            &format!(
                "• {} ({}, on {}){}",
                a.text.trim(),
                votes(a.vote_count()),
                ctx.target_name(a.target),
                if a.author.trim().is_empty() {
                    String::new()
                } else {
                    format!(" — {}", a.author.trim())
                }
            ),
            body,
            0.0,
        );
    }
    for t in opp_tps {
        let tp = ctx.j.touchpoint(t.id).expect("filtered on it");
        let mut s = format!("• {} (stage {}", tp.title, ctx.stage_name(tp.stage));
        if !tp.owner.trim().is_empty() {
            s.push_str(&format!(", owner {}", tp.owner.trim()));
        }
        s.push_str(&format!(", evidence {})", tp.evidence.as_str()));
        if !tp.description.trim().is_empty() {
            s.push_str(&format!(": {}", tp.description.trim()));
        }
        f.para(&s, body, 0.0);
    }
}

fn inputs_text(i: &waymark_core::TouchpointInputs) -> String {
    let mut v = Vec::new();
    let f = |x: f64| {
        if (x - x.round()).abs() < 1e-9 {
            format!("{x:.0}")
        } else {
            format!("{x}")
        }
    };
    if let Some(x) = i.emotion {
        v.push(format!(
            "designer emotion {}",
            num_signed(Some(f64::from(x)), 0)
        ));
    }
    if let Some(x) = i.friction {
        v.push(format!("designer friction {x}/4"));
    }
    if let Some(x) = i.steps {
        v.push(format!("steps {x}"));
    }
    if let Some(x) = i.expected_steps {
        v.push(format!("expected steps {x}"));
    }
    if let Some(x) = i.transfers {
        v.push(format!("transfers {x}"));
    }
    if let Some(x) = i.channel_switches {
        v.push(format!("channel switches {x}"));
    }
    if let Some(x) = i.wait_minutes {
        v.push(format!("wait {}", fmt::minutes(x)));
    }
    if let Some(x) = i.wait_desired_minutes {
        v.push(format!("desired wait {} min", f(x)));
    }
    if let Some(x) = i.wait_adequate_minutes {
        v.push(format!("adequate wait {} min", f(x)));
    }
    if let Some(x) = i.fcr_rate {
        v.push(format!("first-contact resolution {:.0}%", x * 100.0));
    }
    if let Some(x) = i.error_rate {
        v.push(format!("error rate {:.1}%", x * 100.0));
    }
    if let Some(x) = i.aht_minutes {
        v.push(format!("handle time {} min", f(x)));
    }
    if let Some(x) = i.reach {
        v.push(format!("reach {x} per month"));
    }
    if v.is_empty() {
        "none".into()
    } else {
        v.join(" · ")
    }
}

fn appendix(ctx: &Ctx, doc: &mut Doc) {
    let mut f = Flow::new(doc, Section::Appendix);
    f.heading("Appendix: every touchpoint", 14.0);
    f.para(
        "Inputs as typed in, scores and the factors that add up to them (points = normalized × weight ÷ the weight of the factors present).",
        Style::new(8.0, false, MUTED),
        0.0,
    );
    f.gap(6.0);
    let title = Style::new(9.0, true, INK);
    let body = Style::new(7.5, false, INK);
    let muted = Style::new(7.0, false, MUTED);
    if ctx.j.touchpoints.is_empty() {
        f.para("This journey has no touchpoints yet.", body, 0.0);
    }
    let mut last_stage = None;
    for tp in &ctx.j.touchpoints {
        if last_stage != Some(tp.stage) {
            last_stage = Some(tp.stage);
            f.gap(4.0);
            f.heading(&format!("Stage: {}", ctx.stage_name(tp.stage)), 11.0);
        }
        let t = ctx.tps.get(&tp.id);
        f.room(title.line_height() + 3.0 * body.line_height());
        f.para(&tp.title, title, 0.0);
        let lane = ctx
            .j
            .lane(tp.lane)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        let mut facts = vec![format!("lane {lane}")];
        if !tp.channel.trim().is_empty() {
            facts.push(format!("channel {}", tp.channel.trim()));
        }
        facts.push(format!(
            "owner {}",
            if tp.owner.trim().is_empty() {
                "not named"
            } else {
                tp.owner.trim()
            }
        ));
        facts.push(tp.nature.as_str().to_string());
        facts.push(format!("evidence {}", tp.evidence.as_str()));
        if tp.moment_of_truth {
            facts.push("moment of truth".into());
        }
        f.para(&facts.join(" · "), muted, 8.0);
        if !tp.description.trim().is_empty() {
            f.para(tp.description.trim(), body, 8.0);
        }
        f.para(&format!("Inputs: {}", inputs_text(&tp.inputs)), body, 8.0);
        if let Some(t) = t {
            f.para(
                &format!(
                    "Scores: friction {} · emotion {}{} · priority {} · pain point {} · {} survey answers{}",
                    num(t.friction, 1),
                    num_signed(t.emotion, 1),
                    t.label.map(|l| format!(" ({})", l.as_str())).unwrap_or_default(),
                    num(t.priority, 1),
                    if t.pain_point { "yes" } else { "no" },
                    t.responses,
                    if t.low_confidence { " (low confidence)" } else { "" }
                ),
                body,
                8.0,
            );
            for fa in &t.factors {
                let kind = match fa.score {
                    ScoreKind::Friction => "friction",
                    ScoreKind::Emotion => "emotion",
                };
                let n = fa.n.map(|n| format!(", n = {n}")).unwrap_or_default();
                f.para(
                    &format!(
                        "{} ({kind}): raw {}, normalized {}, weight {}, points {} ({}{n})",
                        fmt::factor_name(&fa.factor),
                        num(Some(fa.raw), 2),
                        num(Some(fa.normalized), 1),
                        num(Some(fa.weight), 2),
                        num_signed(Some(fa.points), 1),
                        match fa.source {
                            waymark_score::Source::Survey => "survey",
                            waymark_score::Source::Comments => "comments",
                            waymark_score::Source::Operations => "operations",
                            waymark_score::Source::Designer => "designer",
                        }
                    ),
                    muted,
                    16.0,
                );
            }
            if !t.effort_cues.is_empty() {
                let cues: Vec<String> = t
                    .effort_cues
                    .iter()
                    .map(|c| format!("{} ({})", c.cue, c.comments))
                    .collect();
                f.para(
                    &format!("Effort cues in comments: {}", cues.join(", ")),
                    muted,
                    16.0,
                );
            }
        }
        f.gap(5.0);
    }

    f.gap(6.0);
    f.heading("Open questions", 12.0);
    let mut qs: Vec<_> = ctx
        .j
        .annotations
        .iter()
        .filter(|a| a.kind == AnnotationKind::Question)
        .collect();
    qs.sort_by_key(|a| a.resolved);
    if qs.is_empty() {
        f.para("No questions recorded.", body, 0.0);
    }
    for a in qs {
        f.para(
            &format!(
                "• {}{} (on {}{}{})",
                a.text.trim(),
                if a.resolved { " [resolved]" } else { "" },
                ctx.target_name(a.target),
                if a.author.trim().is_empty() {
                    String::new()
                } else {
                    format!(", asked by {}", a.author.trim())
                },
                if a.vote_count() > 0 {
                    format!(", {}", votes(a.vote_count()))
                } else {
                    String::new()
                }
            ),
            body,
            0.0,
        );
    }
}
