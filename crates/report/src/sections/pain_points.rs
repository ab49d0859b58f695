//! Pain points ranked, each with its notes and votes, then the
//! opportunities.

use waymark_core::{AnnotationKind, Id, LaneKind, Target};
use waymark_score::TouchpointScore;

use super::{votes, Ctx};
use crate::fmt::{self, num, num_signed, ACCENT, INK, MUTED};
use crate::geom::{wrap, Align, Rect, Style};
use crate::layout::{Doc, Flow};
use crate::Section;

fn annotation_kind(k: AnnotationKind) -> &'static str {
    match k {
        AnnotationKind::PainPoint => "Pain point",
        AnnotationKind::Idea => "Idea",
        AnnotationKind::Question => "Question",
        AnnotationKind::Evidence => "Evidence",
    }
}

pub(super) fn pain_points(ctx: &Ctx, doc: &mut Doc) {
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
