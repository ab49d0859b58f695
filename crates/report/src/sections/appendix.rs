//! The appendix: every touchpoint's inputs, scores and factors, then the
//! open questions.

use waymark_core::AnnotationKind;
use waymark_score::ScoreKind;

use super::{votes, Ctx};
use crate::fmt::{self, num, num_signed, INK, MUTED};
use crate::geom::Style;
use crate::layout::{Doc, Flow};
use crate::Section;

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

pub(super) fn appendix(ctx: &Ctx, doc: &mut Doc) {
    let mut f = Flow::new(doc, Section::Appendix);
    f.heading("Appendix: every touchpoint", 14.0);
    f.para(
        "Inputs as typed in, scores and the factors that add up to them (points = normalized × share; share = weight ÷ the weight of the factors present). Priority is 0–100 relative to the map's top item; impact is the absolute figure (reach share × friction × hurt).",
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
                    "Scores: friction {} · emotion {}{} · priority {} (impact {}) · pain point {} · {} survey answers{}",
                    num(t.friction, 1),
                    num_signed(t.emotion, 1),
                    t.label.map(|l| format!(" ({})", l.as_str())).unwrap_or_default(),
                    fmt::priority(t.priority),
                    num(t.impact, 2),
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
                        "{} ({kind}): raw {} {}, normalized {}, weight {} (share {}%), points {} ({}{n})",
                        fmt::factor_name(&fa.factor),
                        num(Some(fa.raw), 2),
                        fa.unit,
                        num(Some(fa.normalized), 1),
                        num(Some(fa.weight), 2),
                        num(Some(fa.share * 100.0), 0),
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
