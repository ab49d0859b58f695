//! From touchpoints to stages and the journey: reach weighting, the worst
//! touchpoint, the peak–end "remembered" emotion and the priority ranking.

use std::cmp::Ordering;
use std::collections::HashMap;

use waymark_core::evidence::AnswerStats;
use waymark_core::{Id, Journey, Settings, Touchpoint};

use crate::as_of::{AsOf, UnknownWave, WaveView};
use crate::blueprint;
use crate::emotion::{emotion, label};
use crate::evidence::tally;
use crate::friction::friction;
use crate::metrics::{churn_rate, clv, Tally};
use crate::priority::{self, impact};
use crate::scorecard::{EffortCue, JourneyScore, Scorecard, StageScore, TouchpointScore};
use crate::sentiment::CUES;
use crate::targets::{check, KpiValues};

/// Touchpoint indices in journey order — stage order, lane order, order key,
/// id — the order [`Journey::normalize`] gives, computed here without
/// cloning the journey.
pub(crate) fn journey_order(j: &Journey) -> Vec<usize> {
    let rank = |items: Vec<(&str, Id)>| -> HashMap<Id, usize> {
        let mut v = items;
        v.sort();
        v.into_iter()
            .enumerate()
            .map(|(i, (_, id))| (id, i))
            .collect()
    };
    let stage_pos = rank(j.stages.iter().map(|s| (s.order.as_str(), s.id)).collect());
    let lane_pos = rank(j.lanes.iter().map(|l| (l.order.as_str(), l.id)).collect());
    let mut idx: Vec<usize> = (0..j.touchpoints.len()).collect();
    idx.sort_by_cached_key(|&i| {
        let t = &j.touchpoints[i];
        (
            stage_pos.get(&t.stage).copied().unwrap_or(usize::MAX),
            lane_pos.get(&t.lane).copied().unwrap_or(usize::MAX),
            t.order.clone(),
            t.id,
        )
    });
    idx
}

/// Reach-weighted mean of `(value, reach)` pairs; plain mean if every weight
/// is zero (nobody passes through, yet the figures exist).
fn weighted_mean(items: &[(f64, f64)]) -> Option<f64> {
    if items.is_empty() {
        return None;
    }
    let total: f64 = items.iter().map(|(_, w)| w).sum();
    if total > 0.0 {
        Some(items.iter().map(|(v, w)| v * w).sum::<f64>() / total)
    } else {
        Some(items.iter().map(|(v, _)| v).sum::<f64>() / items.len() as f64)
    }
}

/// Highest friction first (missing friction last), then lowest emotion, a
/// missing emotion counting as neutral (0) as it does in the priority.
fn worse(a: &TouchpointScore, b: &TouchpointScore) -> Ordering {
    let friction = match (a.friction, b.friction) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    friction.then_with(|| {
        a.emotion
            .unwrap_or(0.0)
            .total_cmp(&b.emotion.unwrap_or(0.0))
    })
}

struct Scored {
    score: TouchpointScore,
    tally: Tally,
    reach: f64,
}

/// What a touchpoint scores from its own inputs alone — itself, its survey
/// answers and the journey's settings: every figure of its
/// [`TouchpointScore`] but those that need the whole journey (impact,
/// blueprint, priority). A caller that knows which touchpoints an edit
/// touched keeps the others' parts ([`score_reusing`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TouchpointPart {
    score: TouchpointScore,
    tally: Tally,
}

fn score_touchpoint(
    settings: &Settings,
    t: &Touchpoint,
    stats: &AnswerStats,
    wave: Option<&str>,
) -> TouchpointPart {
    let th = &settings.thresholds;
    let fw = &settings.friction_weights;
    let ew = &settings.emotion_weights;
    let all_weight = [
        fw.survey_effort,
        fw.repeat_contact,
        fw.handoffs,
        fw.wait,
        fw.errors,
        fw.extra_steps,
        ew.survey,
        ew.sentiment,
        ew.designer,
    ]
    .iter()
    .map(|w| w.max(0.0))
    .sum::<f64>();
    let tl = tally(stats);

    let mut effort: Vec<EffortCue> = CUES
        .iter()
        .filter_map(|c| {
            let n = stats.effort_cues.get(*c).copied().unwrap_or(0);
            (n > 0).then(|| EffortCue {
                cue: c.to_string(),
                comments: n as usize,
            })
        })
        .collect();
    effort.sort_by_key(|c| std::cmp::Reverse(c.comments));

    let fr = friction(stats, &t.inputs, t.nature, settings);
    let em = emotion(
        &tl,
        (stats.comments, stats.sentiment_sum),
        &t.inputs,
        settings,
    );
    let negative_share = stats.negative_comment_share();
    let pain_point = fr.score.is_some_and(|f| f >= th.pain_friction)
        || em.score.is_some_and(|e| e <= th.pain_emotion)
        || negative_share.is_some_and(|s| s >= th.pain_negative_comment_share);
    let coverage = if all_weight > 0.0 {
        ((fr.measured_weight + em.weight_present) / all_weight).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mut factors = fr.factors;
    factors.extend(em.factors);
    let mut missing = fr.missing;
    missing.extend(em.missing);
    TouchpointPart {
        score: TouchpointScore {
            id: t.id,
            title: t.title.clone(),
            stage: t.stage,
            friction: fr.score,
            emotion: em.score,
            priority: None,
            impact: None,
            pain_point,
            behind_the_line: false,
            serves: Vec::new(),
            fed_by: Vec::new(),
            label: label(em.score, t.nature),
            coverage,
            low_confidence: tl.responses < th.min_responses as usize,
            effort_cues: effort,
            factors,
            missing,
            reach_assumed: t.inputs.reach.is_none(),
            responses: tl.responses,
            nps: tl.nps(),
            csat: tl.csat(),
            ces: tl.ces(),
            fcr: t.inputs.fcr_rate.filter(|f| f.is_finite()),
            aht_minutes: t.inputs.aht_minutes.filter(|a| a.is_finite()),
            negative_comment_share: negative_share,
            wave: wave.map(str::to_string),
            targets: check(
                &t.targets,
                &KpiValues {
                    nps: tl.nps(),
                    csat: tl.csat(),
                    ces: tl.ces(),
                    friction: fr.score,
                    emotion: em.score,
                },
            ),
        },
        tally: tl,
    }
}

/// Scores a journey on every wave's answers pooled. See the crate
/// documentation for the model. Answers are read as statistics
/// ([`crate::evidence::journey_stats`]): the document's per-wave evidence
/// and any raw answers the journey holds score alike. Current scores of a
/// map with waves read one wave: [`score_as_of`].
pub fn score(journey: &Journey) -> Scorecard {
    score_reusing(journey, &WaveView::pooled(), &mut HashMap::new())
}

/// Scores a journey as of a survey wave ([`crate::as_of`]); `waves` are the
/// map's wave labels, oldest first.
pub fn score_as_of(
    journey: &Journey,
    waves: Vec<String>,
    as_of: &AsOf,
) -> Result<Scorecard, UnknownWave> {
    let view = WaveView::resolve(waves, as_of)?;
    Ok(score_reusing(journey, &view, &mut HashMap::new()))
}

/// [`score`] under `view`, taking each touchpoint's own part from `parts`
/// when it is there and adding those it computes. The caller removes the
/// part of every touchpoint whose inputs changed (the touchpoint, its
/// answers) and all of them when the settings or the view changed; the
/// stages, the journey, the impacts, the blueprint and the priorities are
/// always computed afresh.
pub fn score_reusing(
    journey: &Journey,
    view: &WaveView,
    parts: &mut HashMap<Id, TouchpointPart>,
) -> Scorecard {
    let order = journey_order(journey);
    let selected = view.stats(journey);
    let by_tp = &selected.stats;

    // A touchpoint without reach counts as an average one: the mean of the
    // known reaches, or 1 for all when none is known (equal shares).
    let known: Vec<f64> = journey
        .touchpoints
        .iter()
        .filter_map(|t| t.inputs.reach)
        .map(|r| r as f64)
        .collect();
    let assumed_reach = if known.is_empty() {
        1.0
    } else {
        known.iter().sum::<f64>() / known.len() as f64
    };
    let total_reach: f64 = journey
        .touchpoints
        .iter()
        .map(|t| t.inputs.reach.map_or(assumed_reach, |r| r as f64))
        .sum();

    let empty = AnswerStats::default();
    let mut scored: Vec<Scored> = Vec::with_capacity(order.len());
    for &i in &order {
        let t = &journey.touchpoints[i];
        let part = parts.entry(t.id).or_insert_with(|| {
            score_touchpoint(
                &journey.settings,
                t,
                by_tp.get(&t.id).unwrap_or(&empty),
                selected.from.get(&t.id).map(String::as_str),
            )
        });
        let reach = t.inputs.reach.map_or(assumed_reach, |r| r as f64);
        let share = if total_reach > 0.0 {
            reach / total_reach
        } else {
            0.0
        };
        let mut score = part.score.clone();
        score.impact = impact(share, score.friction, score.emotion);
        scored.push(Scored {
            score,
            tally: part.tally,
            reach,
        });
    }

    blueprint::apply(
        journey,
        &mut scored.iter_mut().map(|s| &mut s.score).collect::<Vec<_>>(),
    );

    let mean_of = |items: &[&Scored]| {
        let f: Vec<(f64, f64)> = items
            .iter()
            .filter_map(|s| s.score.friction.map(|v| (v, s.reach)))
            .collect();
        let e: Vec<(f64, f64)> = items
            .iter()
            .filter_map(|s| s.score.emotion.map(|v| (v, s.reach)))
            .collect();
        let assumed = items.iter().any(|s| {
            s.score.reach_assumed && (s.score.friction.is_some() || s.score.emotion.is_some())
        });
        (weighted_mean(&f), weighted_mean(&e), assumed)
    };

    let mut stage_order: Vec<&waymark_core::Stage> = journey.stages.iter().collect();
    stage_order.sort_by(|a, b| (a.order.as_str(), a.id).cmp(&(b.order.as_str(), b.id)));
    let stages: Vec<StageScore> = stage_order
        .iter()
        .map(|st| {
            let members: Vec<&Scored> = scored.iter().filter(|s| s.score.stage == st.id).collect();
            let (friction, emotion, reach_assumed) = mean_of(&members);
            let mut pooled = Tally::default();
            for m in &members {
                pooled.merge(&m.tally);
            }
            let worst = members
                .iter()
                .filter(|m| m.score.friction.is_some() || m.score.emotion.is_some())
                .min_by(|a, b| worse(&a.score, &b.score))
                .map(|m| m.score.id);
            StageScore {
                id: st.id,
                name: st.name.clone(),
                friction,
                emotion,
                worst_touchpoint: worst,
                nps: pooled.nps(),
                csat: pooled.csat(),
                ces: pooled.ces(),
                responses: pooled.responses,
                reach_assumed,
                targets: check(
                    &st.targets,
                    &KpiValues {
                        nps: pooled.nps(),
                        csat: pooled.csat(),
                        ces: pooled.ces(),
                        friction,
                        emotion,
                    },
                ),
            }
        })
        .collect();

    let all: Vec<&Scored> = scored.iter().collect();
    let (friction, emotion, reach_assumed) = mean_of(&all);
    let mut pooled = Tally::default();
    for s in &scored {
        pooled.merge(&s.tally);
    }
    // Peak–end: the most intense moment (first one on a tie) and the last
    // touchpoint that has an emotion at all.
    let emotions: Vec<f64> = scored.iter().filter_map(|s| s.score.emotion).collect();
    let remembered = match (
        emotions
            .iter()
            .copied()
            .reduce(|peak, e| if e.abs() > peak.abs() { e } else { peak }),
        emotions.last(),
    ) {
        (Some(peak), Some(end)) => Some((peak + end) / 2.0),
        _ => None,
    };
    let mut journey_score = JourneyScore {
        friction,
        emotion,
        remembered_emotion: remembered,
        nps: pooled.nps(),
        csat: pooled.csat(),
        ces: pooled.ces(),
        responses: pooled.responses,
        pain_points: scored.iter().filter(|s| s.score.pain_point).count(),
        churn_rate: churn_rate(&journey.inputs),
        clv: clv(&journey.inputs),
        reach_assumed,
        targets: Vec::new(),
    };
    journey_score.targets = check(
        &journey.targets,
        &KpiValues {
            nps: journey_score.nps,
            csat: journey_score.csat,
            ces: journey_score.ces,
            friction: journey_score.friction,
            emotion: journey_score.emotion,
        },
    );

    // `scored` is in journey order and the sort is stable, so ties keep it.
    let mut touchpoints: Vec<TouchpointScore> = scored.into_iter().map(|s| s.score).collect();
    priority::rank(&mut touchpoints);
    blueprint::link_priorities(&mut touchpoints);
    Scorecard {
        journey: journey_score,
        stages,
        touchpoints,
        as_of: view.wave().map(str::to_string),
    }
}
