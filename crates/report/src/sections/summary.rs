//! Page 1, the executive summary: company and logo, title, persona and
//! date, headline figures, evidence coverage, targets and what changed
//! since the last survey wave, what to fix first, who owns the pain and the
//! stages as a friction strip.

use printpdf::{Op, Pt, XObjectId, XObjectTransform};
use waymark_score::BoardItem;

use super::{Ctx, LOGO_ID};
use crate::fmt::{self, num, num_signed, ACCENT, INK, MUTED, NA, RULE};
use crate::geom::{truncate, wrap_clamped, Align, Rect, Style};
use crate::layout::{legend_friction, Cell, Doc, Flow};
use crate::Section;

/// The figure in a KPI tile.
fn ces_text(c: &waymark_score::Ces) -> (String, &'static str) {
    match (c.ces7, c.ces5) {
        (Some(v), _) => (num(Some(v), 1), "CES (1–7, higher is easier)"),
        (None, Some(v)) => (num(Some(v), 1), "CES (1–5, lower is easier)"),
        _ => (NA.to_string(), "CES (customer effort)"),
    }
}

pub(super) fn summary(ctx: &Ctx, doc: &mut Doc) {
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
        (
            ctx.board.pain_points().count().to_string(),
            "Pain points".to_string(),
        ),
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
    let evidence = ctx
        .opts
        .evidence
        .clone()
        .unwrap_or_else(|| waymark_score::coverage(j, None));
    f.para(&evidence.sentence(), Style::new(7.5, true, INK), 0.0);
    if let Some(s) = waymark_score::as_of::sentence(ctx.sc, &ctx.opts.as_of) {
        f.para(&s, Style::new(7.5, true, INK), 0.0);
    }
    f.gap(8.0);
    super::trends::summary_block(ctx, &mut f);
    f.gap(4.0);

    // Fix first.
    f.heading("What to fix first", 13.0);
    let pains = ctx.pain_points();
    if pains.is_empty() {
        f.para(
            "No pain points yet: no touchpoint crosses the thresholds (friction, emotion or negative comments), none is in a pain-points lane and no team note names one.",
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

/// Pain points grouped by owning team, most total impact first; each with
/// its top 0–100 priority.
fn owners(ctx: &Ctx, f: &mut Flow) {
    let pains = ctx.pain_points();
    if pains.is_empty() {
        return;
    }
    let mut by: Vec<(String, usize, f64, Option<u8>, String)> = Vec::new();
    for t in &pains {
        let owner = if t.owner.is_empty() {
            "(no owner named)".to_string()
        } else {
            t.owner.clone()
        };
        match by.iter_mut().find(|b| b.0 == owner) {
            Some(b) => {
                b.1 += 1;
                b.2 += t.impact.unwrap_or(0.0);
                b.3 = b.3.max(t.priority);
            }
            None => by.push((
                owner,
                1,
                t.impact.unwrap_or(0.0),
                t.priority,
                t.title.clone(),
            )),
        }
    }
    by.sort_by(|a, b| b.2.total_cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    f.heading("Who owns the pain", 13.0);
    let rows: Vec<Vec<Cell>> = by
        .iter()
        .take(6)
        .map(|(o, n, _, p, worst)| {
            vec![
                Cell {
                    bold: true,
                    ..Cell::new(o)
                },
                Cell::new(n.to_string()),
                Cell::new(fmt::priority(*p)),
                Cell::new(worst),
            ]
        })
        .collect();
    f.table(
        &[
            ("Owner", 2.0, Align::Left),
            ("Pain points", 1.0, Align::Right),
            ("Top priority", 1.1, Align::Right),
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

fn fix_first_card(ctx: &Ctx, f: &mut Flow, rank: usize, t: &BoardItem) {
    let (x, w) = (f.x, f.w);
    let owner = if t.owner.is_empty() {
        "no owner named"
    } else {
        t.owner.as_str()
    };
    let stage = if t.stage_name.is_empty() {
        "the whole journey"
    } else {
        t.stage_name.as_str()
    };
    let title_style = Style::new(10.5, true, INK);
    let body = Style::new(8.0, false, INK);
    let why_style = Style::new(8.0, false, INK);
    let left = 34.0;
    let right_w = 70.0;
    let tw = w - left - right_w - 8.0;
    let title_lines = wrap_clamped(&t.title, tw, title_style, 2);
    let info = format!(
        "Owner: {owner} · Stage: {stage} · Friction {} · Emotion {}{}",
        num(t.friction, 0),
        num_signed(t.emotion, 0),
        t.evidence
            .map(|e| format!(" · evidence {}", e.as_str()))
            .unwrap_or_default()
    );
    let info_lines = wrap_clamped(&info, tw, body, 2);
    let why_lines = wrap_clamped(&format!("Why: {}", ctx.why(t)), tw, why_style, 2);
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
    let pv = fmt::priority(t.priority);
    page.lines(pr, &[pv], ps, Align::Right);
    let ls = Style::new(6.5, false, MUTED);
    let lr = Rect::new(pr.x, pr.y + ps.line_height(), pr.w, ls.line_height() * 2.0);
    page.lines(
        lr,
        &["priority".to_string(), "(map's top = 100)".to_string()],
        ls,
        Align::Right,
    );
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
