//! The map slides: stages as columns, lanes as rows, every touchpoint a
//! native rounded rectangle with its title as editable text, filled by
//! friction on the PDF's scale, with its emotion mark, a moment-of-truth
//! diamond and its evidence as the border style; the service-blueprint
//! lines, glued connectors for the arrows between touchpoints and the
//! emotion curve as one freeform. A map too wide continues on the next
//! slide with the lane labels repeated, one too tall with the stage headers
//! repeated. No text is smaller than 8 pt: it is shortened instead. The
//! grid and its split over slides are the PDF's ([`waymark_report::grid`]).

use std::collections::HashMap;

use waymark_core::channels::channel_kind;
use waymark_core::{Evidence, Id, Stage, Touchpoint};
use waymark_report::fmt::{self, num, num_signed};
use waymark_report::geom::{Align, Rect, Style};
use waymark_report::grid::{self, Cells, Fill, Heights, Row};

use super::{fit, line_h, text_box, title, Ctx, ACCENT, INK, MUTED, RULE, WHITE};
use crate::ooxml::shapes::{
    Anchor, BoxShape, Dash, Freeform, Geom, Line, Paint, Para, Shape, Site, Slide, Stroke, Text,
};
use crate::ooxml::{SLIDE_H, SLIDE_W};

/// A channel icon's side on a card, in points.
const ICON: f32 = 8.0;
const SIDE: f32 = 24.0;
const TOP: f32 = 46.0;
const LANE_W: f32 = 96.0;
const STAGE_H: f32 = 38.0;
const CURVE_H: f32 = 44.0;
const LINE_ROW: f32 = 11.0;
const CARD_H: f32 = 34.0;
const SLOT_H: f32 = CARD_H + 3.0;
const EMPTY_H: f32 = 18.0;
const LEGEND_H: f32 = 26.0;
const BOTTOM: f32 = 6.0;
const MIN_COL: f32 = 112.0;
const MAX_COL: f32 = 240.0;
/// Text size on the map: the deck's floor.
const SMALL: f32 = crate::MIN_TEXT_PT;

/// The map's rows, in points.
const HEIGHTS: Heights = Heights {
    curve: CURVE_H,
    line: LINE_ROW,
    slot: SLOT_H,
    empty: EMPTY_H,
};

pub(crate) fn slides(ctx: &Ctx) -> Vec<Slide> {
    let j = ctx.j;
    if j.stages.is_empty() || j.lanes.is_empty() {
        let mut s = Slide::default();
        title(&mut s, "The journey map");
        s.add(text_box(
            "Empty map",
            Rect::new(SIDE, TOP + 10.0, SLIDE_W - 2.0 * SIDE, line_h(14.0)),
            vec![Para::new(
                "This map has no stages or lanes yet, so there is nothing to draw.",
                14.0,
                false,
                INK,
            )],
        ));
        s.notes = vec!["Add stages and lanes to the map, then export the deck again.".into()];
        return vec![s];
    }
    let avail_w = SLIDE_W - 2.0 * SIDE - LANE_W;
    let n = j.stages.len();
    let cells = grid::cells(j);
    let groups = grid::stage_groups(n, avail_w, MIN_COL);
    let mut out = Vec::new();
    for group in &groups {
        let stages = &j.stages[group.clone()];
        let col_w = (avail_w / stages.len() as f32).min(MAX_COL);
        let rows = grid::rows(j, group.clone(), &cells);
        let room = SLIDE_H - BOTTOM - LEGEND_H - TOP - STAGE_H;
        let parts = grid::split(rows, room, &HEIGHTS, Fill::Even);
        let count = parts.len();
        for (pi, part) in parts.iter().enumerate() {
            let mut heading = "The journey map".to_string();
            if groups.len() > 1 {
                heading.push_str(&format!(
                    " · stages {}–{} of {}",
                    group.start + 1,
                    group.end,
                    n
                ));
            }
            if count > 1 {
                heading.push_str(&format!(" · part {} of {count}", pi + 1));
            }
            let mut s = Slide::default();
            title(&mut s, &heading);
            draw(ctx, &mut s, stages, col_w, part, &cells);
            out.push(s);
        }
    }
    out
}

fn draw(ctx: &Ctx, s: &mut Slide, stages: &[Stage], col_w: f32, rows: &[Row], cells: &Cells) {
    let j = ctx.j;
    let x0 = SIDE + LANE_W;
    let grid_w = col_w * stages.len() as f32;
    let col_x = |i: usize| x0 + i as f32 * col_w;
    let mut notes = Vec::new();

    // Stage headers.
    for (i, st) in stages.iter().enumerate() {
        let r = Rect::new(col_x(i) + 1.0, TOP, col_w - 2.0, STAGE_H - 2.0);
        let sc = ctx.stages.get(&st.id);
        let (fr, em) = (sc.and_then(|s| s.friction), sc.and_then(|s| s.emotion));
        let inner = r.w - 6.0;
        let stats = format!("friction {} · emotion {}", num(fr, 0), num_signed(em, 0));
        s.add(Shape::Box(
            BoxShape::new(format!("Stage: {}", st.name), Geom::Rect, r)
                .fill(Paint::Rgb(0xe8eef5))
                .text(
                    Text::new(vec![
                        Para::new(fit(&st.name, inner, 9.0, true, 1), 9.0, true, INK),
                        Para::new(fit(&stats, inner, SMALL, false, 1), SMALL, false, MUTED),
                    ])
                    .inset(3.0)
                    .anchor(Anchor::Middle),
                ),
        ));
        notes.push(format!(
            "{}: friction {} and emotion {} are the reach-weighted means of its touchpoints.",
            st.name,
            num(fr, 1),
            num_signed(em, 1)
        ));
    }
    s.add(text_box(
        "Corner",
        Rect::new(SIDE, TOP + 3.0, LANE_W - 6.0, STAGE_H - 6.0),
        vec![
            Para::new("Stage →", SMALL, true, MUTED),
            Para::new("Lane ↓", SMALL, true, MUTED),
        ],
    ));

    let (runs, grid_bottom) = grid::lane_runs(rows, TOP + STAGE_H, &HEIGHTS);
    for &(l, top, bottom) in &runs {
        let lane = &j.lanes[l];
        if l % 2 == 1 {
            s.add(Shape::Box(
                BoxShape::new(
                    format!("Lane band: {}", lane.name),
                    Geom::Rect,
                    Rect::new(SIDE, top, LANE_W + grid_w, bottom - top),
                )
                .fill(Paint::Rgb(0xf6f7f9)),
            ));
        }
        let kind = lane.kind.as_str().replace('_', " ");
        let h = bottom - top - 4.0;
        let max_lines = ((h / line_h(SMALL)).floor() as usize).max(1);
        let mut paras = vec![Para::new(
            fit(&lane.name, LANE_W - 8.0, SMALL, true, max_lines.min(2)),
            SMALL,
            true,
            INK,
        )];
        if !kind.eq_ignore_ascii_case(lane.name.trim()) && max_lines >= 2 {
            paras.push(Para::new(
                fit(&kind, LANE_W - 8.0, SMALL, false, 1),
                SMALL,
                false,
                MUTED,
            ));
        }
        s.add(text_box(
            &format!("Lane: {}", lane.name),
            Rect::new(SIDE + 2.0, top + 2.0, LANE_W - 6.0, h),
            paras,
        ));
        s.add(rule(
            &format!("Lane rule: {}", lane.name),
            (SIDE, bottom),
            (x0 + grid_w, bottom),
        ));
    }
    for i in 0..=stages.len() {
        s.add(rule(
            "Column rule",
            (col_x(i), TOP + STAGE_H),
            (col_x(i), grid_bottom),
        ));
    }

    // Rows.
    let mut placed: HashMap<Id, (usize, Rect)> = HashMap::new();
    let mut y = TOP + STAGE_H;
    for r in rows {
        match *r {
            Row::Curve => curve(ctx, s, stages, col_w, y),
            Row::Line(label) => {
                // The label runs on into the grid when the lane column is
                // too narrow for it; the dashed line starts after it.
                let lw = (Style::new(SMALL, true, 0).width(label) / 0.9 + 4.0)
                    .min(LANE_W + grid_w / 2.0);
                s.add(text_box(
                    label,
                    Rect::new(SIDE + 2.0, y, lw, LINE_ROW),
                    vec![Para::new(
                        fit(label, lw, SMALL, true, 1),
                        SMALL,
                        true,
                        ACCENT,
                    )],
                ));
                let mid = y + LINE_ROW / 2.0;
                s.add(Shape::Line(Line {
                    name: label.to_string(),
                    from: ((SIDE + 2.0 + lw + 4.0).max(x0), mid),
                    to: (x0 + grid_w, mid),
                    stroke: Stroke::new(ACCENT, 1.0).dash(Dash::Dash),
                    arrow: false,
                    glue: None,
                }));
            }
            Row::Empty { .. } => {}
            Row::Slot { lane, slot } => {
                let lane_id = j.lanes[lane].id;
                for (i, st) in stages.iter().enumerate() {
                    if let Some(t) = cells.get(&(st.id, lane_id)).and_then(|v| v.get(slot)) {
                        let rect = Rect::new(col_x(i) + 3.0, y + 1.5, col_w - 6.0, CARD_H);
                        let idx = card(ctx, s, rect, t);
                        placed.insert(t.id, (idx, rect));
                    }
                }
            }
        }
        y += r.height(&HEIGHTS);
    }

    // Arrows between touchpoints that are both on this slide, glued to the cards.
    for c in &j.connections {
        let (Some(&(a, ra)), Some(&(b, rb))) = (placed.get(&c.from), placed.get(&c.to)) else {
            continue;
        };
        let (sa, sb) = if rb.x > ra.right() - 0.5 {
            (Site::Right, Site::Left)
        } else if rb.right() < ra.x + 0.5 {
            (Site::Left, Site::Right)
        } else if rb.y > ra.y {
            (Site::Bottom, Site::Top)
        } else {
            (Site::Top, Site::Bottom)
        };
        let name = |id: Id| {
            j.touchpoint(id)
                .map(|t| t.title.clone())
                .unwrap_or_default()
        };
        let mut label = format!("Arrow: {} → {}", name(c.from), name(c.to));
        if !c.label.trim().is_empty() {
            label.push_str(&format!(" ({})", c.label.trim()));
        }
        s.add(Shape::Line(Line {
            name: label,
            from: site(ra, sa),
            to: site(rb, sb),
            stroke: Stroke::new(ACCENT, 1.25),
            arrow: true,
            glue: Some(((a, sa), (b, sb))),
        }));
    }
    legend(s);
    // The why behind the pain points shown here.
    let mut pains: Vec<_> = j
        .touchpoints
        .iter()
        .filter(|t| placed.contains_key(&t.id))
        .filter_map(|t| ctx.tps.get(&t.id))
        .filter(|t| t.pain_point)
        .collect();
    pains.sort_by(|a, b| {
        b.impact
            .unwrap_or(-1.0)
            .total_cmp(&a.impact.unwrap_or(-1.0))
    });
    notes.extend(
        pains
            .into_iter()
            .map(|t| format!("Pain point: {}", super::factor_notes(t))),
    );
    notes.push(
        "Card colour = friction (0–100) on the report's colour-blind-safe scale; the dot is the emotion (orange negative, purple positive); a diamond marks a moment of truth; a solid border is observed evidence, dashed assumed, dotted proposed. F = friction, E = emotion.".into(),
    );
    s.notes = notes;
}

fn site(r: Rect, s: Site) -> (f32, f32) {
    match s {
        Site::Top => (r.x + r.w / 2.0, r.y),
        Site::Left => (r.x, r.y + r.h / 2.0),
        Site::Bottom => (r.x + r.w / 2.0, r.bottom()),
        Site::Right => (r.right(), r.y + r.h / 2.0),
    }
}

fn rule(name: &str, from: (f32, f32), to: (f32, f32)) -> Shape {
    Shape::Line(Line {
        name: name.to_string(),
        from,
        to,
        stroke: Stroke::new(RULE, 0.5),
        arrow: false,
        glue: None,
    })
}

fn evidence_stroke(e: Evidence) -> Stroke {
    let ink = Paint::Rgb(0x4a4f57);
    match e {
        Evidence::Observed => Stroke::new(ink, 1.0),
        Evidence::Assumed => Stroke::new(ink, 0.75).dash(Dash::Dash),
        Evidence::Proposed => Stroke::new(ink, 0.75).dash(Dash::Dot),
    }
}

/// One touchpoint card; returns its shape index (for connectors).
fn card(ctx: &Ctx, s: &mut Slide, r: Rect, t: &Touchpoint) -> usize {
    let sc = ctx.tps.get(&t.id);
    let friction = sc.and_then(|s| s.friction);
    let emotion = sc.and_then(|s| s.emotion);
    let bg = fmt::friction_color(friction);
    let ink = Paint::Rgb(fmt::ink_on(bg));
    let pad = 2.5;
    let inner = r.w - 2.0 * pad;
    let mark = 8.0;
    let mot = if t.moment_of_truth { 10.0 } else { 0.0 };
    let kind = channel_kind(&t.channel);
    let icon_w = if kind.is_some() { ICON + 1.5 } else { 0.0 };
    let owner = if t.owner.trim().is_empty() {
        String::new()
    } else {
        format!(" · {}", t.owner.trim())
    };
    let meta = format!(
        "F {} · E {}{owner}",
        num(friction, 0),
        num_signed(emotion, 0)
    );
    let idx = s.add(Shape::Box(
        BoxShape::new(format!("Touchpoint: {}", t.title), Geom::RoundRect, r)
            .fill(Paint::Rgb(bg))
            .stroke(evidence_stroke(t.evidence))
            .text(
                Text::new(vec![
                    Para::new(fit(&t.title, inner, SMALL, true, 2), SMALL, true, ink),
                    Para::new(
                        fit(&meta, inner - mark - mot - icon_w, SMALL, false, 1),
                        SMALL,
                        false,
                        ink,
                    )
                    .indent(mark),
                ])
                .inset(pad)
                // Bottom-anchored, the meta line always sits on the card's
                // last line, where the marks are drawn.
                .anchor(Anchor::Bottom),
            ),
    ));
    let dot = 6.0;
    let my = r.bottom() - pad - line_h(SMALL) / 2.0 - dot / 2.0;
    s.add(Shape::Box(
        BoxShape::new(
            format!("Emotion mark: {}", num_signed(emotion, 0)),
            Geom::Ellipse,
            Rect::new(r.x + pad + 0.5, my, dot, dot),
        )
        .fill(Paint::Rgb(fmt::emotion_color(emotion)))
        .stroke(Stroke::new(WHITE, 0.5)),
    ));
    if t.moment_of_truth {
        s.add(Shape::Box(
            BoxShape::new(
                "Moment of truth",
                Geom::Diamond,
                Rect::new(r.right() - pad - 8.0, my - 1.0, 8.0, 8.0),
            )
            .fill(WHITE)
            .stroke(Stroke::new(ACCENT, 1.25)),
        ));
    }
    if let Some(kind) = kind {
        // The channel's icon at the end of the meta line, left of the
        // moment-of-truth mark, as on the app's cards.
        let x = r.right() - pad - mot - ICON;
        let y = r.bottom() - pad - line_h(SMALL) / 2.0 - ICON / 2.0;
        let k = ICON / 16.0;
        s.add(Shape::Freeform(Freeform {
            name: format!("Channel: {}", kind.label()),
            frame: Rect::new(x, y, ICON, ICON),
            runs: kind
                .icon_strokes()
                .into_iter()
                .map(|run| {
                    run.into_iter()
                        .map(|(px, py)| (x + px * k, y + py * k))
                        .collect()
                })
                .collect(),
            stroke: Stroke::new(ink, 1.5 * k).round(),
        }));
    }
    idx
}

/// The emotion curve across the stages, with a dashed neutral line.
fn curve(ctx: &Ctx, s: &mut Slide, stages: &[Stage], col_w: f32, y: f32) {
    let x0 = SIDE + LANE_W;
    let grid_w = col_w * stages.len() as f32;
    s.add(text_box(
        "Emotion curve label",
        Rect::new(SIDE + 2.0, y + 3.0, LANE_W - 6.0, CURVE_H - 6.0),
        vec![
            Para::new("Emotion", SMALL, true, INK),
            Para::new("−100 to +100", SMALL, false, MUTED),
        ],
    ));
    let top = y + 7.0;
    let bottom = y + CURVE_H - 7.0;
    let py =
        |e: f64| top + (bottom - top) * (1.0 - ((e.clamp(-100.0, 100.0) as f32) + 100.0) / 200.0);
    let mid = py(0.0);
    s.add(Shape::Line(Line {
        name: "Neutral emotion".into(),
        from: (x0, mid),
        to: (x0 + grid_w, mid),
        stroke: Stroke::new(MUTED, 0.5).dash(Dash::Dash),
        arrow: false,
        glue: None,
    }));
    let pts: Vec<Option<(f32, f32, f64)>> = stages
        .iter()
        .enumerate()
        .map(|(i, st)| {
            ctx.stages
                .get(&st.id)
                .and_then(|sc| sc.emotion)
                .map(|e| (x0 + (i as f32 + 0.5) * col_w, py(e), e))
        })
        .collect();
    let mut runs: Vec<Vec<(f32, f32)>> = vec![Vec::new()];
    for p in &pts {
        match p {
            Some((x, y, _)) => runs.last_mut().expect("a run").push((*x, *y)),
            None if !runs.last().expect("a run").is_empty() => runs.push(Vec::new()),
            None => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    if !runs.is_empty() {
        s.add(Shape::Freeform(Freeform {
            name: "Emotion curve".into(),
            frame: Rect::new(x0, y, grid_w, CURVE_H),
            runs,
            stroke: Stroke::new(ACCENT, 1.75),
        }));
    }
    for (i, p) in pts.iter().enumerate() {
        let cx = x0 + (i as f32 + 0.5) * col_w;
        match p {
            Some((x, py, e)) => {
                let d = 7.0;
                s.add(Shape::Box(
                    BoxShape::new(
                        format!("Emotion point: {}", stages[i].name),
                        Geom::Ellipse,
                        Rect::new(x - d / 2.0, py - d / 2.0, d, d),
                    )
                    .fill(Paint::Rgb(fmt::emotion_color(Some(*e))))
                    .stroke(Stroke::new(WHITE, 0.75)),
                ));
                // Above and right of the point, clear of the line; below it
                // when the point is at the top of the band.
                let label_h = line_h(SMALL);
                let above = py - label_h - 1.0;
                let ly = if above >= y { above } else { py + 3.0 };
                s.add(text_box(
                    "Emotion value",
                    Rect::new(x + 4.0, ly.min(y + CURVE_H - label_h), 32.0, label_h),
                    vec![Para::new(num_signed(Some(*e), 0), SMALL, true, INK)],
                ));
            }
            None => {
                s.add(text_box(
                    "No emotion data",
                    Rect::new(cx - 25.0, mid + 1.0, 50.0, line_h(SMALL)),
                    vec![Para::new("no data", SMALL, false, MUTED).align(Align::Center)],
                ));
            }
        }
    }
}

/// The key: friction colours, emotion marks, moment of truth, evidence.
fn legend(s: &mut Slide) {
    enum Key {
        Label,
        Fill(u32),
        Dot(u32),
        Diamond,
        Border(Evidence),
    }
    let items: Vec<(Key, &str)> = vec![
        (Key::Label, "Card colour = friction:"),
        (Key::Fill(fmt::FRICTION_SCALE[0]), "0–20"),
        (Key::Fill(fmt::FRICTION_SCALE[1]), "20–40"),
        (Key::Fill(fmt::FRICTION_SCALE[2]), "40–60"),
        (Key::Fill(fmt::FRICTION_SCALE[3]), "60–80"),
        (Key::Fill(fmt::FRICTION_SCALE[4]), "80–100"),
        (Key::Fill(fmt::NO_DATA), "no data"),
        (Key::Label, "Dot = emotion:"),
        (Key::Dot(fmt::emotion_color(Some(-60.0))), "very negative"),
        (Key::Dot(fmt::emotion_color(Some(-20.0))), "negative"),
        (Key::Dot(fmt::emotion_color(Some(0.0))), "neutral"),
        (Key::Dot(fmt::emotion_color(Some(20.0))), "positive"),
        (Key::Dot(fmt::emotion_color(Some(60.0))), "very positive"),
        (Key::Diamond, "moment of truth"),
        (Key::Border(Evidence::Observed), "observed"),
        (Key::Border(Evidence::Assumed), "assumed"),
        (Key::Border(Evidence::Proposed), "proposed evidence"),
        (Key::Label, "F = friction 0–100, E = emotion −100..+100"),
    ];
    let style = Style::new(SMALL, false, 0);
    let row_h = line_h(SMALL) + 1.0;
    let right = SLIDE_W - SIDE;
    let mut x = SIDE;
    let mut y = SLIDE_H - BOTTOM - LEGEND_H + 2.0;
    for (key, label) in items {
        let sw = if matches!(key, Key::Label) { 0.0 } else { 14.0 };
        // Measured with the fitting margin so a wider font still fits.
        let tw = style.width(label) / 0.9 + 2.0;
        if x + sw + tw > right && x > SIDE {
            x = SIDE;
            y += row_h;
        }
        let sy = y + (row_h - 7.0) / 2.0;
        match key {
            Key::Fill(c) => {
                s.add(Shape::Box(
                    BoxShape::new("Key swatch", Geom::Rect, Rect::new(x, sy, 11.0, 7.0))
                        .fill(Paint::Rgb(c))
                        .stroke(Stroke::new(RULE, 0.5)),
                ));
            }
            Key::Dot(c) => {
                s.add(Shape::Box(
                    BoxShape::new("Key dot", Geom::Ellipse, Rect::new(x + 2.0, sy, 7.0, 7.0))
                        .fill(Paint::Rgb(c)),
                ));
            }
            Key::Diamond => {
                s.add(Shape::Box(
                    BoxShape::new(
                        "Key diamond",
                        Geom::Diamond,
                        Rect::new(x + 2.0, sy, 8.0, 8.0),
                    )
                    .fill(WHITE)
                    .stroke(Stroke::new(ACCENT, 1.25)),
                ));
            }
            Key::Border(e) => {
                s.add(Shape::Box(
                    BoxShape::new("Key border", Geom::RoundRect, Rect::new(x, sy, 11.0, 7.0))
                        .fill(WHITE)
                        .stroke(evidence_stroke(e)),
                ));
            }
            Key::Label => {}
        }
        x += sw;
        s.add(text_box(
            &format!("Key: {label}"),
            Rect::new(x, y, tw, row_h),
            vec![Para::new(label, SMALL, false, MUTED)],
        ));
        x += tw + 6.0;
    }
}
