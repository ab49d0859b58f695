//! Pain points ranked, each with its notes and votes, then the
//! opportunities.

use waymark_core::AnnotationKind;
use waymark_score::themes::Theme;
use waymark_score::BoardItem;

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
        "Priority 0–100 = the touchpoint's share of customers × friction × how negative it feels; equal priorities rank by the team's dot votes. A pain point is a touchpoint the scores flag or one in a pain-points lane, or a team note about a stage or the whole journey. Notes and dot votes from the team are listed under each.",
        Style::new(8.0, false, MUTED),
        0.0,
    );
    f.gap(6.0);
    let pains = ctx.pain_points();
    if pains.is_empty() {
        f.para("No pain points yet.", Style::new(9.0, false, INK), 0.0);
    }
    for (i, item) in pains.iter().enumerate() {
        pain_point(ctx, &mut f, i + 1, item);
    }
    opportunities(ctx, &mut f);
}

/// One pain point: rank, title and priority, what we know, why, the notes.
fn pain_point(ctx: &Ctx, f: &mut Flow, rank: usize, item: &BoardItem) {
    let title = Style::new(9.5, true, INK);
    let body = Style::new(8.0, false, INK);
    let muted = Style::new(7.5, false, MUTED);
    let tp = item.touchpoint.and_then(|id| ctx.j.touchpoint(id));
    f.room(title.line_height() + 3.0 * body.line_height() + 6.0);
    let y = f.y;
    let col = fmt::friction_color(item.friction);
    f.doc
        .cur()
        .fill(Rect::new(f.x, y, 4.0, title.line_height()), col);
    let pr = format!("priority {}", fmt::priority(item.priority));
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
    let head = format!("{rank}. {}", item.title);
    let tw = f.w - pw - 20.0;
    let lines = wrap(&head, tw, title);
    let cell = Rect::new(f.x + 10.0, y, tw, lines.len() as f32 * title.line_height());
    f.y += f.doc.cur().lines(cell, &lines, title, Align::Left);
    let stage = if item.stage_name.is_empty() {
        "the whole journey"
    } else {
        item.stage_name.as_str()
    };
    let info = match tp {
        Some(tp) => format!(
            "Stage {stage} · owner {} · evidence {}{} · friction {} · emotion {}{}",
            if item.owner.is_empty() {
                "no owner named"
            } else {
                item.owner.as_str()
            },
            tp.evidence.as_str(),
            if tp.moment_of_truth {
                " · moment of truth"
            } else {
                ""
            },
            num(item.friction, 0),
            num_signed(item.emotion, 0),
            ctx.score_of(item)
                .and_then(|t| t.label)
                .map(|l| format!(" ({})", l.as_str()))
                .unwrap_or_default()
        ),
        None => format!("Stage {stage} · team note"),
    };
    f.para(&info, muted, 10.0);
    f.para(&format!("Why: {}", ctx.why(item)), body, 10.0);
    if let Some(theme) = tp.and_then(|tp| ctx.opts.themes.get(&tp.id)) {
        top_theme(f, theme);
    }
    if let Some(tp) = tp {
        for a in crate::rank::notes_on(ctx.j, tp.id) {
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
    }
    f.gap(7.0);
}

/// What the comments on a pain point are mostly about, and one of them.
fn top_theme(f: &mut Flow, theme: &Theme) {
    let body = Style::new(8.0, false, INK);
    f.para(
        &format!(
            "Top theme in the comments: {} — {} comment{} ({}%), sentiment {}",
            theme.label,
            theme.count,
            if theme.count == 1 { "" } else { "s" },
            num(Some(theme.share * 100.0), 0),
            num_signed(Some(theme.sentiment), 2),
        ),
        body,
        10.0,
    );
    if let Some(q) = theme.quotes.first() {
        f.para(&format!("“{q}”"), Style::new(8.0, false, MUTED), 18.0);
    }
}

/// The board's opportunities in its order: ideas from the team and
/// touchpoints in opportunity lanes.
fn opportunities(ctx: &Ctx, f: &mut Flow) {
    let body = Style::new(8.0, false, INK);
    f.gap(6.0);
    f.heading("Opportunities", 12.0);
    let items: Vec<&BoardItem> = ctx.board.opportunities().collect();
    if items.is_empty() {
        f.para("No ideas or opportunities recorded yet.", body, 0.0);
    }
    for item in items {
        let note = item
            .note
            .and_then(|n| ctx.j.annotations.iter().find(|a| a.id == n));
        let tp = item.touchpoint.and_then(|id| ctx.j.touchpoint(id));
        let line = match (note, tp) {
            (Some(a), _) => format!(
                "• {} ({}, on {}){}",
                item.title,
                votes(item.votes),
                ctx.target_name(a.target),
                if a.author.trim().is_empty() {
                    String::new()
                } else {
                    format!(" — {}", a.author.trim())
                }
            ),
            (None, Some(tp)) => {
                let mut s = format!("• {} (stage {}", tp.title, item.stage_name);
                if !item.owner.is_empty() {
                    s.push_str(&format!(", owner {}", item.owner));
                }
                s.push_str(&format!(", evidence {})", tp.evidence.as_str()));
                if !tp.description.trim().is_empty() {
                    s.push_str(&format!(": {}", tp.description.trim()));
                }
                s
            }
            (None, None) => format!("• {}", item.title),
        };
        f.para(&line, body, 0.0);
    }
}
