//! One slide per stage: its friction and emotion, its survey figures, what
//! the customer wants there, and its worst touchpoints with their top notes
//! and votes.

use std::cmp::Ordering;

use waymark_core::{AnnotationKind, Stage};
use waymark_report::fmt::{self, num, num_signed, NA};
use waymark_report::geom::{Align, Rect};
use waymark_report::rank;
use waymark_score::TouchpointScore;

use super::{factor_notes, fit, line_h, lines_of, text_box, title, Ctx, INK, MUTED, PANEL};
use crate::ooxml::shapes::{Anchor, BoxShape, Geom, Paint, Para, Shape, Slide, Text};
use crate::ooxml::SLIDE_W;

const SIDE: f32 = 24.0;
const LEFT_W: f32 = 300.0;
const WORST: usize = 3;

pub(crate) fn slides(ctx: &Ctx) -> Vec<Slide> {
    let n = ctx.j.stages.len();
    ctx.j
        .stages
        .iter()
        .enumerate()
        .map(|(i, st)| slide(ctx, st, i + 1, n))
        .collect()
}

/// Highest friction first, then lowest emotion (the scorecard's "worst"
/// rule); unscored touchpoints last, ties in map order.
fn worst_first(a: &TouchpointScore, b: &TouchpointScore) -> Ordering {
    let f = |t: &TouchpointScore| t.friction.unwrap_or(f64::NEG_INFINITY);
    let e = |t: &TouchpointScore| t.emotion.unwrap_or(f64::INFINITY);
    f(b).total_cmp(&f(a)).then(e(a).total_cmp(&e(b)))
}

fn figure(s: &mut Slide, r: Rect, value: &str, label: &str, fill: Paint, ink: Paint) {
    s.add(Shape::Box(
        BoxShape::new(format!("Figure: {label}"), Geom::Rect, r)
            .fill(fill)
            .text(
                Text::new(vec![
                    Para::new(fit(value, r.w - 16.0, 28.0, true, 1), 28.0, true, ink),
                    Para::new(fit(label, r.w - 16.0, 9.0, false, 1), 9.0, false, ink),
                ])
                .inset(8.0)
                .anchor(Anchor::Middle),
            ),
    ));
}

fn slide(ctx: &Ctx, st: &Stage, pos: usize, of: usize) -> Slide {
    let mut s = Slide::default();
    title(&mut s, &format!("Stage {pos} of {of} · {}", st.name.trim()));
    let sc = ctx.stages.get(&st.id);
    let fr = sc.and_then(|s| s.friction);
    let em = sc.and_then(|s| s.emotion);
    let top = 56.0;

    // Friction and emotion tiles.
    let half = (LEFT_W - 10.0) / 2.0;
    let fcol = fmt::friction_color(fr);
    figure(
        &mut s,
        Rect::new(SIDE, top, half, 72.0),
        &num(fr, 0),
        "friction (0–100)",
        Paint::Rgb(fcol),
        Paint::Rgb(fmt::ink_on(fcol)),
    );
    figure(
        &mut s,
        Rect::new(SIDE + half + 10.0, top, half, 72.0),
        &num_signed(em, 0),
        "emotion (−100 to +100)",
        PANEL,
        INK,
    );
    s.add(Shape::Box(
        BoxShape::new(
            "Emotion mark",
            Geom::Ellipse,
            Rect::new(SIDE + 2.0 * half + 10.0 - 18.0, top + 8.0, 10.0, 10.0),
        )
        .fill(Paint::Rgb(fmt::emotion_color(em))),
    ));

    // Survey figures and what the customer wants here.
    let mut facts = Vec::new();
    if let Some(sc) = sc {
        let ces = match (sc.ces.ces7, sc.ces.ces5) {
            (Some(v), _) => format!("{} /7", num(Some(v), 1)),
            (None, Some(v)) => format!("{} /5", num(Some(v), 1)),
            _ => NA.into(),
        };
        facts.push(format!(
            "NPS {} · CSAT {} · CES {} · {} survey answers",
            num_signed(sc.nps, 0),
            sc.csat
                .map(|c| format!("{}%", num(Some(c), 0)))
                .unwrap_or_else(|| NA.into()),
            ces,
            sc.responses
        ));
        if !sc.targets.is_empty() {
            let checks: Vec<String> = sc.targets.iter().map(|c| c.brief()).collect();
            facts.push(format!("Targets: {}", checks.join("; ")));
        }
    }
    let mut paras: Vec<Para> = facts
        .iter()
        .map(|f| Para::new(fit(f, LEFT_W, 10.0, false, 2), 10.0, false, MUTED))
        .collect();
    if !st.customer_goal.trim().is_empty() {
        paras.push(Para::new("Customer goal", 11.0, true, INK).before(10.0));
        paras.push(Para::new(
            fit(&st.customer_goal, LEFT_W, 11.0, false, 3),
            11.0,
            false,
            INK,
        ));
    }
    if !st.description.trim().is_empty() {
        paras.push(Para::new("What happens", 11.0, true, INK).before(10.0));
        paras.push(Para::new(
            fit(&st.description, LEFT_W, 10.0, false, 8),
            10.0,
            false,
            INK,
        ));
    }
    s.add(text_box(
        "Stage facts",
        Rect::new(SIDE, top + 84.0, LEFT_W, 540.0 - top - 84.0 - 20.0),
        paras,
    ));

    // Worst touchpoints.
    let x = SIDE + LEFT_W + 24.0;
    let w = SLIDE_W - SIDE - x;
    s.add(text_box(
        "Worst touchpoints heading",
        Rect::new(x, top, w, line_h(13.0)),
        vec![Para::new("Worst touchpoints", 13.0, true, INK)],
    ));
    let mut tps: Vec<&TouchpointScore> = ctx
        .sc
        .touchpoints
        .iter()
        .filter(|t| t.stage == st.id)
        .collect();
    tps.sort_by(|a, b| worst_first(a, b));
    let mut notes = vec![format!(
        "{}: friction {} and emotion {} are the reach-weighted means of its {} touchpoints (touchpoints without a reach figure count as average ones).",
        st.name.trim(),
        num(fr, 1),
        num_signed(em, 1),
        tps.len()
    )];
    if tps.is_empty() {
        s.add(text_box(
            "No touchpoints",
            Rect::new(x, top + 28.0, w, line_h(11.0)),
            vec![Para::new(
                "This stage has no touchpoints yet.",
                11.0,
                false,
                INK,
            )],
        ));
    }
    let mut y = top + 28.0;
    let max_h = (540.0 - 20.0 - y) / WORST as f32 - 8.0;
    for t in tps.iter().take(WORST) {
        y += worst_block(ctx, &mut s, Rect::new(x, y, w, max_h), t) + 8.0;
        notes.push(factor_notes(t));
    }
    s.notes = notes;
    s
}

/// One touchpoint in at most `r.h` points; returns the height it took.
fn worst_block(ctx: &Ctx, s: &mut Slide, r: Rect, t: &TouchpointScore) -> f32 {
    let col = fmt::friction_color(t.friction);
    let panel = s.add(Shape::Box(
        BoxShape::new(format!("Worst: {}", t.title), Geom::RoundRect, r).fill(PANEL),
    ));
    let swatch = s.add(Shape::Box(
        BoxShape::new("Friction swatch", Geom::Rect, Rect::new(r.x, r.y, 8.0, r.h))
            .fill(Paint::Rgb(col)),
    ));
    let tp = ctx.j.touchpoint(t.id);
    let iw = r.w - 28.0;
    let info = format!(
        "Owner {} · friction {} · emotion {}{}{}",
        ctx.owner(t.id),
        num(t.friction, 0),
        num_signed(t.emotion, 0),
        t.label
            .map(|l| format!(" ({})", l.as_str()))
            .unwrap_or_default(),
        if tp.is_some_and(|t| t.moment_of_truth) {
            " · moment of truth"
        } else {
            ""
        }
    );
    let mut paras = vec![
        Para::new(fit(&t.title, iw, 12.0, true, 1), 12.0, true, INK),
        Para::new(fit(&info, iw, 9.0, false, 1), 9.0, false, MUTED),
        Para::new(
            fit(&format!("Why: {}", fmt::why(t)), iw, 9.0, false, 1),
            9.0,
            false,
            INK,
        ),
    ];
    let mut used = line_h(12.0) + 2.0 * line_h(9.0);
    let room = r.h - 12.0;
    for a in rank::notes_on(ctx.j, t.id).into_iter().take(2) {
        let kind = match a.kind {
            AnnotationKind::PainPoint => "Pain point",
            AnnotationKind::Idea => "Idea",
            AnnotationKind::Evidence => "Evidence",
            AnnotationKind::Question => "Question",
        };
        let votes = match a.vote_count() {
            1 => "1 vote".to_string(),
            n => format!("{n} votes"),
        };
        let by = if a.author.trim().is_empty() {
            String::new()
        } else {
            format!(" — {}", a.author.trim())
        };
        let text = format!("• {kind} ({votes}): {}{by}", a.text.trim());
        let lines = lines_of(&text, iw - 8.0, 9.0, false, 2) as f32;
        if used + lines * line_h(9.0) + 3.0 > room {
            break;
        }
        used += lines * line_h(9.0) + 3.0;
        paras.push(
            Para::new(fit(&text, iw - 8.0, 9.0, false, 2), 9.0, false, INK)
                .indent(8.0)
                .before(3.0),
        );
    }
    let h = (used + 16.0).min(r.h);
    for i in [panel, swatch] {
        if let Shape::Box(b) = &mut s.shapes[i] {
            b.rect.h = h;
        }
    }
    s.add(text_box(
        &format!("Worst text: {}", t.title),
        Rect::new(r.x + 18.0, r.y + 6.0, iw, h - 12.0),
        paras.into_iter().map(|p| p.align(Align::Left)).collect(),
    ));
    h
}
