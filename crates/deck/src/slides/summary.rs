//! "What to fix first": the headline figures and the three highest-priority
//! pain points with owner, stage and the one-line why — the PDF's summary
//! page laid out for a slide.

use waymark_report::fmt::{self, num, num_signed, NA};
use waymark_report::geom::{Align, Rect};
use waymark_score::BoardItem;

use super::{fit, line_h, text_box, title, Ctx, ACCENT, INK, MUTED, PANEL, RULE};
use crate::ooxml::shapes::{Anchor, BoxShape, Geom, Paint, Para, Shape, Slide, Stroke, Text};
use crate::ooxml::SLIDE_W;

const SIDE: f32 = 24.0;

fn ces(c: &waymark_score::Ces) -> (String, &'static str) {
    match (c.ces7, c.ces5) {
        (Some(v), _) => (num(Some(v), 1), "CES (1–7, higher is easier)"),
        (None, Some(v)) => (num(Some(v), 1), "CES (1–5, lower is easier)"),
        _ => (NA.to_string(), "CES (customer effort)"),
    }
}

pub(crate) fn slide(ctx: &Ctx) -> Slide {
    let mut s = Slide::default();
    title(&mut s, "What to fix first");
    let js = &ctx.sc.journey;
    let w = SLIDE_W - 2.0 * SIDE;
    let (ces, ces_label) = ces(&js.ces);
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
    let gap = 12.0;
    let tw = (w - gap * 4.0) / 5.0;
    let (ty, th) = (52.0, 62.0);
    for (i, (v, l)) in tiles.iter().enumerate() {
        let r = Rect::new(SIDE + i as f32 * (tw + gap), ty, tw, th);
        s.add(Shape::Box(
            BoxShape::new(format!("Figure: {l}"), Geom::Rect, r).fill(PANEL),
        ));
        s.add(Shape::Box(
            BoxShape::new("Figure bar", Geom::Rect, Rect::new(r.x, r.y, 4.0, r.h)).fill(ACCENT),
        ));
        let paint = if v == NA { MUTED } else { INK };
        s.add(text_box(
            &format!("Figure text: {l}"),
            Rect::new(r.x + 12.0, r.y + 6.0, r.w - 16.0, r.h - 10.0),
            vec![
                Para::new(fit(v, r.w - 16.0, 24.0, true, 1), 24.0, true, paint),
                Para::new(fit(l, r.w - 16.0, 9.0, false, 1), 9.0, false, MUTED),
            ],
        ));
    }
    let targets: Vec<String> = js.targets.iter().map(|c| c.brief()).collect();
    let as_of = waymark_score::as_of::sentence(ctx.sc, &ctx.opts.as_of)
        .map(|s| format!("{s} "))
        .unwrap_or_default();
    let line = format!(
        "{as_of}Journey friction {} / 100 · average emotion {} · n/a means no data yet, never zero.{}{}",
        num(js.friction, 0),
        num_signed(js.emotion, 0),
        if targets.is_empty() {
            String::new()
        } else {
            format!(" Journey targets: {}.", targets.join("; "))
        },
        if js.reach_assumed {
            " Some touchpoints have no reach figure and count as average ones."
        } else {
            ""
        }
    );
    s.add(text_box(
        "Journey friction",
        Rect::new(SIDE, ty + th + 8.0, w, line_h(9.0) * 2.0),
        vec![Para::new(fit(&line, w, 9.0, false, 2), 9.0, false, MUTED)],
    ));

    let mut notes = vec![format!(
        "{as_of}Headline figures: NPS {}, CSAT {}, CES {}, remembered emotion {} (peak–end: the most extreme touchpoint's emotion and the last one's, averaged), {} pain points, from {} survey answers. Journey friction {} and emotion {} are reach-weighted means of the touchpoints.",
        num_signed(js.nps, 0),
        js.csat.map(|c| format!("{}%", num(Some(c), 0))).unwrap_or_else(|| NA.into()),
        tiles[2].0,
        num_signed(js.remembered_emotion, 0),
        js.pain_points,
        js.responses,
        num(js.friction, 1),
        num_signed(js.emotion, 1),
    )];
    let pains: Vec<&BoardItem> = ctx.board.pain_points().collect();
    let top = 146.0;
    if pains.is_empty() {
        s.add(text_box(
            "No pain points",
            Rect::new(SIDE, top, w, line_h(14.0) * 2.0),
            vec![Para::new(
                "No touchpoint crosses the pain-point thresholds (friction, emotion or negative comments) yet.",
                14.0,
                false,
                INK,
            )],
        ));
        notes.push(
            "No pain points: nothing crosses friction 60, emotion -20 or half negative comments."
                .into(),
        );
    }
    let card_h = 86.0;
    for (i, t) in pains.iter().take(3).enumerate() {
        let r = Rect::new(SIDE, top + i as f32 * (card_h + 8.0), w, card_h);
        card(ctx, &mut s, r, i + 1, t);
        notes.push(format!("{}. {}", i + 1, ctx.item_notes(t)));
    }
    notes.push(
        "Priority 0–100 = the touchpoint's share of customers × friction/100 × how negative it feels ((1 − emotion/100)/2) × 100.".into(),
    );
    stage_strip(ctx, &mut s, top + 3.0 * (card_h + 8.0) + 4.0);
    s.notes = notes;
    s
}

/// "Where it hurts": the stages as boxes coloured by friction.
fn stage_strip(ctx: &Ctx, s: &mut Slide, y: f32) {
    const MAX: usize = 10;
    let stages = &ctx.sc.stages;
    if stages.is_empty() {
        return;
    }
    let shown = stages.len().min(MAX);
    let mut label = "Where it hurts, stage by stage".to_string();
    if stages.len() > shown {
        label.push_str(&format!(" (the first {shown} of {})", stages.len()));
    }
    let w = SLIDE_W - 2.0 * SIDE;
    s.add(text_box(
        "Where it hurts",
        Rect::new(SIDE, y, w, line_h(11.0)),
        vec![Para::new(label, 11.0, true, INK)],
    ));
    let gap = 6.0;
    let bw = (w - gap * (shown as f32 - 1.0)) / shown as f32;
    let by = y + line_h(11.0) + 4.0;
    let bh = 540.0 - 12.0 - by;
    for (i, st) in stages.iter().take(shown).enumerate() {
        let col = fmt::friction_color(st.friction);
        let ink = Paint::Rgb(fmt::ink_on(col));
        let inner = bw - 8.0;
        s.add(Shape::Box(
            BoxShape::new(
                format!("Stage strip: {}", st.name),
                Geom::Rect,
                Rect::new(SIDE + i as f32 * (bw + gap), by, bw, bh),
            )
            .fill(Paint::Rgb(col))
            .text(
                Text::new(vec![
                    Para::new(fit(&st.name, inner, 9.0, true, 1), 9.0, true, ink),
                    Para::new(
                        fit(
                            &format!(
                                "friction {} · emotion {}",
                                num(st.friction, 0),
                                num_signed(st.emotion, 0)
                            ),
                            inner,
                            8.0,
                            false,
                            2,
                        ),
                        8.0,
                        false,
                        ink,
                    ),
                ])
                .inset(4.0)
                .anchor(Anchor::Middle),
            ),
        ));
    }
}

fn card(ctx: &Ctx, s: &mut Slide, r: Rect, rank: usize, t: &BoardItem) {
    s.add(Shape::Box(
        BoxShape::new(format!("Pain point {rank}"), Geom::Rect, r)
            .fill(Paint::Rgb(0xfafbfc))
            .stroke(Stroke::new(RULE, 0.75)),
    ));
    let col = fmt::friction_color(t.friction);
    s.add(Shape::Box(
        BoxShape::new(
            format!("Rank {rank}"),
            Geom::Rect,
            Rect::new(r.x, r.y, 44.0, r.h),
        )
        .fill(Paint::Rgb(col))
        .text(
            Text::new(vec![Para::new(
                rank.to_string(),
                24.0,
                true,
                Paint::Rgb(fmt::ink_on(col)),
            )
            .align(Align::Center)])
            .anchor(Anchor::Middle),
        ),
    ));
    let right_w = 120.0;
    let x = r.x + 58.0;
    let tw = r.w - 58.0 - right_w - 12.0;
    let label = ctx.score_of(t).and_then(|sc| sc.label);
    let info = format!(
        "Owner: {} · Stage: {} · Friction {} · Emotion {}{}{}",
        if t.owner.trim().is_empty() {
            "no owner named"
        } else {
            t.owner.trim()
        },
        if t.stage_name.is_empty() {
            "the whole journey"
        } else {
            t.stage_name.as_str()
        },
        num(t.friction, 0),
        num_signed(t.emotion, 0),
        label
            .map(|l| format!(" ({})", l.as_str()))
            .unwrap_or_default(),
        t.evidence
            .map(|e| format!(" · evidence {}", e.as_str()))
            .unwrap_or_default()
    );
    // With targets, the why keeps one line and the targets take the other.
    let targets = ctx.targets(t);
    let why_lines = if targets.is_empty() { 2 } else { 1 };
    let mut paras = vec![
        Para::new(fit(&t.title, tw, 15.0, true, 1), 15.0, true, INK),
        Para::new(fit(&info, tw, 10.0, false, 1), 10.0, false, MUTED).before(3.0),
        Para::new(
            fit(&format!("Why: {}", ctx.why(t)), tw, 11.0, false, why_lines),
            11.0,
            false,
            INK,
        )
        .before(4.0),
    ];
    if !targets.is_empty() {
        paras.push(
            Para::new(
                fit(&format!("Target: {targets}"), tw, 11.0, false, 1),
                11.0,
                false,
                INK,
            )
            .before(2.0),
        );
    }
    s.add(text_box(
        &format!("Pain point {rank} text"),
        Rect::new(x, r.y + 8.0, tw, r.h - 14.0),
        paras,
    ));
    s.add(text_box(
        &format!("Pain point {rank} priority"),
        Rect::new(r.right() - right_w - 10.0, r.y + 10.0, right_w, r.h - 20.0),
        vec![
            Para::new(fmt::priority(t.priority), 26.0, true, ACCENT).align(Align::Right),
            Para::new("priority (map's top = 100)", 9.0, false, MUTED).align(Align::Right),
        ],
    ));
}
