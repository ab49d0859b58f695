//! The map pages: landscape, stages as columns, lanes as rows, touchpoint
//! cards coloured by friction with an emotion mark, the emotion curve, the
//! service-blueprint lines and a legend. A map too wide or too tall for the
//! page is split across pages that repeat the stage headers and lane labels;
//! text never shrinks below [`MIN_TEXT_PT`](crate::MIN_TEXT_PT) — it wraps
//! and, on the map only, ends in an ellipsis.

use waymark_core::channels::channel_kind;
use waymark_core::{Evidence, Touchpoint};

use super::Ctx;
use crate::fmt::{self, num, num_signed, ACCENT, INK, MUTED, RULE};
use crate::geom::{truncate, wrap_clamped, Align, Page, Rect, Style};
use crate::grid::{self, Cells, Fill, Heights, Row};
use crate::layout::{Doc, FOOT, SIDE, TOP};
use crate::Section;

const LANE_W: f32 = 96.0;
const STAGE_H: f32 = 36.0;
const CURVE_H: f32 = 56.0;
const CARD_H: f32 = 32.0;
const SLOT_H: f32 = CARD_H + 3.0;
const EMPTY_H: f32 = 22.0;
const LINE_H: f32 = 10.0;
const LEGEND_H: f32 = 24.0;
const MIN_COL: f32 = 92.0;
const MAX_COL: f32 = 240.0;

/// The map's rows, in points.
const HEIGHTS: Heights = Heights {
    curve: CURVE_H,
    line: LINE_H,
    slot: SLOT_H,
    empty: EMPTY_H,
};

pub(super) fn map(ctx: &Ctx, doc: &mut Doc) {
    let j = ctx.j;
    let (w, h) = doc.size.landscape();
    if j.stages.is_empty() || j.lanes.is_empty() {
        let page = doc.new_page(Section::Map, true, Section::Map.title());
        let s = Style::new(10.0, false, INK);
        let msg = "This map has no stages or lanes yet, so there is nothing to draw.";
        let cell = Rect::new(SIDE, TOP, w - 2.0 * SIDE, s.line_height() * 2.0);
        page.paragraph(cell, msg, s, Align::Left, 2);
        return;
    }
    let avail_w = w - 2.0 * SIDE - LANE_W;
    let n = j.stages.len();
    let cells = grid::cells(j);
    for group in grid::stage_groups(n, avail_w, MIN_COL) {
        let stages = &j.stages[group.clone()];
        let col_w = (avail_w / stages.len() as f32).min(MAX_COL);
        let rows = grid::rows(j, group.clone(), &cells);
        let room = h - FOOT - LEGEND_H - (TOP + STAGE_H);
        let pages = grid::split(rows, room, &HEIGHTS, Fill::Greedy);
        let parts = pages.len();
        for (pi, prow) in pages.iter().enumerate() {
            let mut header = format!(
                "{} · stages {}–{} of {}",
                Section::Map.title(),
                group.start + 1,
                group.end,
                n
            );
            if parts > 1 {
                header.push_str(&format!(" · part {} of {}", pi + 1, parts));
            }
            let page = doc.new_page(Section::Map, true, &header);
            draw_page(ctx, page, stages, col_w, prow, &cells);
        }
    }
}

fn draw_page(
    ctx: &Ctx,
    page: &mut Page,
    stages: &[waymark_core::Stage],
    col_w: f32,
    rows: &[Row],
    cells: &Cells,
) {
    let j = ctx.j;
    let x0 = SIDE + LANE_W;
    let grid_w = col_w * stages.len() as f32;
    let col_x = |i: usize| x0 + i as f32 * col_w;

    // Stage headers.
    let name = Style::new(8.0, true, INK);
    let small = Style::new(6.5, false, MUTED);
    for (i, s) in stages.iter().enumerate() {
        let r = Rect::new(col_x(i) + 1.0, TOP, col_w - 2.0, STAGE_H - 2.0);
        page.fill(r, 0xe8eef5);
        let inner = r.inset(3.0);
        let lines = wrap_clamped(&s.name, inner.w, name, 2);
        page.lines(inner, &lines, name, Align::Left);
        let sc = ctx.stages.get(&s.id);
        let stats = format!(
            "friction {} · emotion {}",
            num(sc.and_then(|s| s.friction), 0),
            num_signed(sc.and_then(|s| s.emotion), 0)
        );
        let st = truncate(&stats, inner.w, small);
        let sy = inner.bottom() - small.line_height();
        page.text(
            inner.x,
            sy,
            &st,
            small,
            Rect::new(inner.x, sy, inner.w, small.line_height()),
        );
    }
    let corner = Rect::new(SIDE, TOP, LANE_W - 4.0, STAGE_H - 2.0);
    page.paragraph(
        corner.inset(3.0),
        "Stage\nLane",
        Style::new(7.0, true, MUTED),
        Align::Left,
        2,
    );

    // Rows.
    let (runs, grid_bottom) = grid::lane_runs(rows, TOP + STAGE_H, &HEIGHTS);
    // Lane backgrounds and labels first, so cards draw on top.
    for &(l, top, bottom) in &runs {
        if l % 2 == 1 {
            page.fill(
                Rect::new(SIDE, top, LANE_W + grid_w, bottom - top),
                0xf6f7f9,
            );
        }
        page.line((SIDE, bottom), (x0 + grid_w, bottom), RULE, 0.4, &[]);
        let lane = &j.lanes[l];
        let cell = Rect::new(SIDE + 3.0, top + 3.0, LANE_W - 10.0, bottom - top - 6.0);
        let ls = Style::new(7.5, true, INK);
        let ks = Style::new(6.0, false, MUTED);
        let max = (((cell.h - ks.line_height()) / ls.line_height()).floor() as usize).clamp(1, 3);
        let lines = wrap_clamped(&lane.name, cell.w, ls, max);
        let used = page.lines(cell, &lines, ls, Align::Left);
        let continued = rows.first().and_then(|r| r.lane()) == Some(l)
            && rows
                .iter()
                .any(|r| matches!(r, Row::Slot { lane, slot } if *lane == l && *slot > 0));
        let kind_name = lane.kind.as_str().replace('_', " ");
        let kind = if kind_name.eq_ignore_ascii_case(lane.name.trim()) {
            if continued {
                "(cont.)".to_string()
            } else {
                String::new()
            }
        } else if continued
            && top <= TOP + STAGE_H + CURVE_H + LINE_H * 3.0 + 0.01
            && runs.first().map(|r| r.0) == Some(l)
        {
            format!("{} (cont.)", lane.kind.as_str().replace('_', " "))
        } else {
            lane.kind.as_str().replace('_', " ")
        };
        if !kind.is_empty() && cell.h >= used + ks.line_height() {
            let kt = truncate(&kind, cell.w, ks);
            page.text(
                cell.x,
                cell.y + used,
                &kt,
                ks,
                Rect::new(cell.x, cell.y + used, cell.w, ks.line_height()),
            );
        }
    }
    // Column separators.
    for i in 0..=stages.len() {
        page.line(
            (col_x(i), TOP + STAGE_H),
            (col_x(i), grid_bottom),
            RULE,
            0.4,
            &[],
        );
    }

    let mut y = TOP + STAGE_H;
    for r in rows {
        let rh = r.height(&HEIGHTS);
        match *r {
            Row::Curve => curve(ctx, page, stages, col_w, y),
            Row::Line(label) => {
                let s = Style::new(6.0, true, ACCENT);
                let t = truncate(label, LANE_W - 6.0, s);
                page.text(
                    SIDE + 3.0,
                    y + (LINE_H - s.line_height()) / 2.0,
                    &t,
                    s,
                    Rect::new(SIDE, y, LANE_W, LINE_H),
                );
                page.line(
                    (x0, y + LINE_H / 2.0),
                    (x0 + grid_w, y + LINE_H / 2.0),
                    ACCENT,
                    0.9,
                    &[4.0, 2.5],
                );
            }
            Row::Empty { .. } => {}
            Row::Slot { lane, slot } => {
                let lane_id = j.lanes[lane].id;
                for (i, s) in stages.iter().enumerate() {
                    if let Some(t) = cells.get(&(s.id, lane_id)).and_then(|v| v.get(slot)) {
                        let r = Rect::new(col_x(i) + 3.0, y + 2.0, col_w - 6.0, CARD_H);
                        card(ctx, page, r, t);
                    }
                }
            }
        }
        y += rh;
    }
    legend(page);
}

/// One touchpoint card.
fn card(ctx: &Ctx, page: &mut Page, r: Rect, t: &Touchpoint) {
    let sc = ctx.tps.get(&t.id);
    let friction = sc.and_then(|s| s.friction);
    let emotion = sc.and_then(|s| s.emotion);
    let bg = fmt::friction_color(friction);
    let ink = fmt::ink_on(bg);
    page.fill(r, bg);
    let dash: &[f32] = match t.evidence {
        Evidence::Observed => &[],
        Evidence::Assumed => &[3.0, 2.0],
        Evidence::Proposed => &[0.8, 1.6],
    };
    page.stroke(
        r,
        0x4a4f57,
        if t.evidence == Evidence::Observed {
            0.9
        } else {
            0.7
        },
        dash,
    );
    let pad = 3.0;
    let inner = r.inset(pad);
    if t.moment_of_truth {
        let d = 3.4;
        page.diamond(inner.right() - d, inner.y + d + 0.5, d, ACCENT);
        page.diamond(inner.right() - d, inner.y + d + 0.5, d - 1.3, 0xffffff);
    }
    let title = Style::new(7.0, true, ink);
    let tw = inner.w - if t.moment_of_truth { 9.0 } else { 0.0 };
    let lines = wrap_clamped(&t.title, tw, title, 2);
    page.lines(
        Rect::new(inner.x, inner.y, tw, title.line_height() * 2.0),
        &lines,
        title,
        Align::Left,
    );
    let meta = Style::new(6.0, false, ink);
    let my = inner.bottom() - meta.line_height();
    page.dot(
        inner.x + 2.6,
        my + meta.size * 0.62,
        2.6,
        fmt::emotion_color(emotion),
    );
    let owner = if t.owner.trim().is_empty() {
        String::new()
    } else {
        format!(" · {}", t.owner.trim())
    };
    let text = format!(
        "F {} · E {}{}",
        num(friction, 0),
        num_signed(emotion, 0),
        owner
    );
    // The channel's icon at the end of the meta line, as on the app's cards.
    let icon = channel_kind(&t.channel).map(|kind| {
        let size = meta.line_height();
        page.icon(
            kind.label(),
            &kind.icon_strokes(),
            (inner.right() - size, my),
            size,
            ink,
        );
        size + 1.5
    });
    let mw = inner.w - 7.0 - icon.unwrap_or(0.0);
    let mt = truncate(&text, mw, meta);
    page.text(
        inner.x + 7.0,
        my,
        &mt,
        meta,
        Rect::new(inner.x + 7.0, my, mw, meta.line_height()),
    );
}

/// The emotion curve across the stages, with a neutral midline.
fn curve(ctx: &Ctx, page: &mut Page, stages: &[waymark_core::Stage], col_w: f32, y: f32) {
    let x0 = SIDE + LANE_W;
    let grid_w = col_w * stages.len() as f32;
    let label = Rect::new(SIDE + 3.0, y + 3.0, LANE_W - 10.0, CURVE_H - 6.0);
    let ls = Style::new(7.5, true, INK);
    page.text(label.x, label.y, "Emotion", ls, label);
    page.paragraph(
        Rect::new(
            label.x,
            label.y + ls.line_height(),
            label.w,
            label.h - ls.line_height(),
        ),
        "per stage, -100 to +100; dashed line = neutral",
        Style::new(6.0, false, MUTED),
        Align::Left,
        4,
    );
    let top = y + 8.0;
    let bottom = y + CURVE_H - 8.0;
    let py =
        |e: f64| top + (bottom - top) * (1.0 - ((e.clamp(-100.0, 100.0) as f32) + 100.0) / 200.0);
    let mid = py(0.0);
    page.line((x0, mid), (x0 + grid_w, mid), MUTED, 0.6, &[2.0, 2.0]);
    let ts = Style::new(6.0, false, MUTED);
    page.text(
        x0 + 2.0,
        y + 1.0,
        "+100",
        ts,
        Rect::new(x0, y, col_w, CURVE_H),
    );
    page.text(
        x0 + 2.0,
        y + CURVE_H - ts.line_height() - 1.0,
        "-100",
        ts,
        Rect::new(x0, y, col_w, CURVE_H),
    );
    let pts: Vec<Option<(f32, f32, f64)>> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            ctx.stages
                .get(&s.id)
                .and_then(|sc| sc.emotion)
                .map(|e| (x0 + (i as f32 + 0.5) * col_w, py(e), e))
        })
        .collect();
    let mut run: Vec<(f32, f32)> = Vec::new();
    for p in pts.iter().chain(std::iter::once(&None)) {
        match p {
            Some((x, y, _)) => run.push((*x, *y)),
            None => {
                page.polyline(&run, ACCENT, 1.4, &[]);
                run.clear();
            }
        }
    }
    let vs = Style::new(6.5, true, INK);
    for (i, p) in pts.iter().enumerate() {
        let cell = Rect::new(x0 + i as f32 * col_w, y, col_w, CURVE_H);
        match p {
            Some((x, yy, e)) => {
                page.dot(*x, *yy, 3.2, fmt::emotion_color(Some(*e)));
                let t = num_signed(Some(*e), 0);
                let ty =
                    (yy - vs.line_height() / 2.0).clamp(cell.y, cell.bottom() - vs.line_height());
                page.text(x + 5.0, ty, &t, vs, cell);
            }
            None => {
                let cx = x0 + (i as f32 + 0.5) * col_w;
                let t = "no data";
                let tw = ts.width(t);
                page.text(cx - tw / 2.0, mid + 2.0, t, ts, cell);
            }
        }
    }
}

fn legend(page: &mut Page) {
    let s = Style::new(6.5, false, MUTED);
    let y0 = page.height - FOOT - LEGEND_H + 4.0;
    let right = page.width - SIDE;
    let mut x = SIDE;
    let mut y = y0;
    let lh = s.line_height();
    // Items: (swatch drawer, label)
    enum Sw {
        Fill(u32),
        Dot(u32),
        Diamond,
        Border(&'static [f32]),
        Label,
    }
    let items: Vec<(Sw, String)> = vec![
        (Sw::Label, "Card colour = friction:".into()),
        (Sw::Fill(fmt::FRICTION_SCALE[0]), "0–20".into()),
        (Sw::Fill(fmt::FRICTION_SCALE[1]), "20–40".into()),
        (Sw::Fill(fmt::FRICTION_SCALE[2]), "40–60".into()),
        (Sw::Fill(fmt::FRICTION_SCALE[3]), "60–80".into()),
        (Sw::Fill(fmt::FRICTION_SCALE[4]), "80–100".into()),
        (Sw::Fill(fmt::NO_DATA), "no data".into()),
        (Sw::Label, "  Dot = emotion:".into()),
        (
            Sw::Dot(fmt::emotion_color(Some(-60.0))),
            "very negative".into(),
        ),
        (Sw::Dot(fmt::emotion_color(Some(-20.0))), "negative".into()),
        (Sw::Dot(fmt::emotion_color(Some(0.0))), "neutral".into()),
        (Sw::Dot(fmt::emotion_color(Some(20.0))), "positive".into()),
        (
            Sw::Dot(fmt::emotion_color(Some(60.0))),
            "very positive".into(),
        ),
        (Sw::Diamond, "moment of truth".into()),
        (Sw::Border(&[]), "observed".into()),
        (Sw::Border(&[3.0, 2.0]), "assumed".into()),
        (Sw::Border(&[0.8, 1.6]), "proposed (evidence)".into()),
        (
            Sw::Label,
            "F = friction 0–100, E = emotion -100..+100".into(),
        ),
    ];
    for (sw, label) in items {
        let sw_w = if matches!(sw, Sw::Label) { 0.0 } else { 14.0 };
        let need = sw_w + s.width(&label) + 9.0;
        if x + need > right && x > SIDE {
            x = SIDE;
            y += lh + 2.0;
        }
        let sy = y + 1.0;
        match sw {
            Sw::Fill(c) => {
                page.fill(Rect::new(x, sy, 11.0, 6.5), c);
                page.stroke(Rect::new(x, sy, 11.0, 6.5), RULE, 0.4, &[]);
            }
            Sw::Dot(c) => page.dot(x + 4.0, sy + 3.3, 2.8, c),
            Sw::Diamond => {
                page.diamond(x + 4.0, sy + 3.3, 3.4, ACCENT);
                page.diamond(x + 4.0, sy + 3.3, 2.1, 0xffffff);
            }
            Sw::Border(d) => page.stroke(Rect::new(x, sy, 11.0, 6.5), 0x4a4f57, 0.8, d),
            Sw::Label => {}
        }
        x += sw_w;
        let t = truncate(&label, right - x, s);
        page.text(x, y, &t, s, Rect::new(x, y, right - x, lh));
        x += s.width(&t) + 9.0;
    }
    let _ = INK;
}
