//! As-is against to-be: what changed between two states of a journey (two
//! versions of a map, or a map and its future-state copy) and what that did
//! to the scores.
//!
//! Entities are matched by id: a named version and a future-state copy keep
//! the ids of the map they come from, so a renamed touchpoint is "changed",
//! not "removed and added". Lower friction and higher emotion are better.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use waymark_core::{Id, Journey, Touchpoint};

use crate::{score, Scorecard};

/// A score on both sides; `change` is `after − before` when both exist.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Delta {
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub change: Option<f64>,
}

impl Delta {
    pub fn new(before: Option<f64>, after: Option<f64>) -> Delta {
        let change = match (before, after) {
            (Some(b), Some(a)) => Some(a - b),
            _ => None,
        };
        Delta {
            before,
            after,
            change,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "DiffStatus")]
pub enum Status {
    Added,
    Removed,
    Changed,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TouchpointDiff {
    pub id: Id,
    /// The title after the change (before, for a removed touchpoint).
    pub title: String,
    /// The stage it is in after the change (before, when removed).
    pub stage: Id,
    pub status: Status,
    /// What changed, in words ("title", "stage", "wait minutes", ...).
    pub changes: Vec<String>,
    pub friction: Delta,
    pub emotion: Delta,
    /// The absolute impact (see [`crate::priority::impact`]): the 0–100
    /// priority is relative to each map's top item, so two states' priorities
    /// do not compare.
    pub impact: Delta,
    pub pain_point_before: bool,
    pub pain_point_after: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StageDelta {
    pub id: Id,
    pub name: String,
    pub status: Status,
    pub friction: Delta,
    pub emotion: Delta,
    pub touchpoints_before: usize,
    pub touchpoints_after: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct JourneyDelta {
    pub friction: Delta,
    pub emotion: Delta,
    pub remembered_emotion: Delta,
    pub nps: Delta,
    pub csat: Delta,
    pub pain_points: Delta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Comparison {
    pub before_title: String,
    pub after_title: String,
    /// The "after" map's touchpoints in its order, then the removed ones.
    pub touchpoints: Vec<TouchpointDiff>,
    /// The "after" map's stages in order, then the removed ones.
    pub stages: Vec<StageDelta>,
    pub journey: JourneyDelta,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    /// "What improved", one sentence each, largest first.
    pub improved: Vec<String>,
    /// What got worse, one sentence each, largest first.
    pub worsened: Vec<String>,
}

/// Score differences smaller than this are noise from rounding, not change.
const MIN_CHANGE: f64 = 0.5;

/// Compares `before` with `after` (each scored here).
pub fn compare(before: &Journey, after: &Journey) -> Comparison {
    compare_scored(before, &score(before), after, &score(after))
}

/// Compares two journeys with their scorecards.
pub fn compare_scored(
    before: &Journey,
    before_score: &Scorecard,
    after: &Journey,
    after_score: &Scorecard,
) -> Comparison {
    let old_tp: HashMap<Id, &Touchpoint> = before.touchpoints.iter().map(|t| (t.id, t)).collect();
    let new_ids: HashMap<Id, ()> = after.touchpoints.iter().map(|t| (t.id, ())).collect();
    let old_scores: HashMap<Id, _> = before_score.touchpoints.iter().map(|t| (t.id, t)).collect();
    let new_scores: HashMap<Id, _> = after_score.touchpoints.iter().map(|t| (t.id, t)).collect();
    let old_answers = answers_per_touchpoint(before);
    let new_answers = answers_per_touchpoint(after);

    let mut touchpoints = Vec::new();
    for t in ordered(after) {
        let old = old_tp.get(&t.id).copied();
        let changes = match old {
            Some(o) => {
                let mut c = field_changes(before, o, after, t);
                if old_answers.get(&t.id) != new_answers.get(&t.id) {
                    c.push("survey answers".into());
                }
                c
            }
            None => Vec::new(),
        };
        let status = match (old, changes.is_empty()) {
            (None, _) => Status::Added,
            (Some(_), true) => Status::Unchanged,
            (Some(_), false) => Status::Changed,
        };
        let (o, n) = (old_scores.get(&t.id), new_scores.get(&t.id));
        touchpoints.push(TouchpointDiff {
            id: t.id,
            title: t.title.clone(),
            stage: t.stage,
            status,
            changes,
            friction: Delta::new(o.and_then(|s| s.friction), n.and_then(|s| s.friction)),
            emotion: Delta::new(o.and_then(|s| s.emotion), n.and_then(|s| s.emotion)),
            impact: Delta::new(o.and_then(|s| s.impact), n.and_then(|s| s.impact)),
            pain_point_before: o.is_some_and(|s| s.pain_point),
            pain_point_after: n.is_some_and(|s| s.pain_point),
        });
    }
    for t in ordered(before) {
        if new_ids.contains_key(&t.id) {
            continue;
        }
        let o = old_scores.get(&t.id);
        touchpoints.push(TouchpointDiff {
            id: t.id,
            title: t.title.clone(),
            stage: t.stage,
            status: Status::Removed,
            changes: Vec::new(),
            friction: Delta::new(o.and_then(|s| s.friction), None),
            emotion: Delta::new(o.and_then(|s| s.emotion), None),
            impact: Delta::new(o.and_then(|s| s.impact), None),
            pain_point_before: o.is_some_and(|s| s.pain_point),
            pain_point_after: false,
        });
    }

    let stages = stage_deltas(before, before_score, after, after_score);
    let count = |s: Status| touchpoints.iter().filter(|t| t.status == s).count();
    let (bj, aj) = (&before_score.journey, &after_score.journey);
    let journey = JourneyDelta {
        friction: Delta::new(bj.friction, aj.friction),
        emotion: Delta::new(bj.emotion, aj.emotion),
        remembered_emotion: Delta::new(bj.remembered_emotion, aj.remembered_emotion),
        nps: Delta::new(bj.nps, aj.nps),
        csat: Delta::new(bj.csat, aj.csat),
        pain_points: Delta::new(Some(bj.pain_points as f64), Some(aj.pain_points as f64)),
    };
    let (improved, worsened) = summarize(&journey, &stages, &touchpoints);
    Comparison {
        before_title: before.title.clone(),
        after_title: after.title.clone(),
        added: count(Status::Added),
        removed: count(Status::Removed),
        changed: count(Status::Changed),
        touchpoints,
        stages,
        journey,
        improved,
        worsened,
    }
}

/// Touchpoints in map order: by stage, then lane, then their order key.
fn ordered(j: &Journey) -> Vec<&Touchpoint> {
    let stage_pos: HashMap<Id, usize> = j
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let lane_pos: HashMap<Id, usize> = j.lanes.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let mut tps: Vec<&Touchpoint> = j.touchpoints.iter().collect();
    tps.sort_by(|a, b| {
        let key = |t: &Touchpoint| {
            (
                stage_pos.get(&t.stage).copied().unwrap_or(usize::MAX),
                lane_pos.get(&t.lane).copied().unwrap_or(usize::MAX),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.order.cmp(&b.order))
            .then_with(|| a.id.cmp(&b.id))
    });
    tps
}

/// Survey answers and evidence per touchpoint, as sorted keys with their
/// values, so any added, removed or re-valued answer shows.
fn answers_per_touchpoint(j: &Journey) -> HashMap<Id, Vec<(String, u64, String)>> {
    let mut out: HashMap<Id, Vec<(String, u64, String)>> = HashMap::new();
    for r in &j.responses {
        out.entry(r.touchpoint)
            .or_default()
            .push((r.key(), r.value.to_bits(), r.comment.clone()));
    }
    // Evidence moved out of the document compares by its statistics.
    for e in &j.evidence {
        out.entry(e.touchpoint)
            .or_default()
            .push((e.key(), 0, format!("{:?}", e.stats)));
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

/// The fields of a touchpoint that differ, in words. The order key alone is
/// not a change a person would call one; a move to another stage or lane is.
fn field_changes(bj: &Journey, b: &Touchpoint, aj: &Journey, a: &Touchpoint) -> Vec<String> {
    let mut c = Vec::new();
    let mut check = |name: &str, differs: bool| {
        if differs {
            c.push(name.to_string());
        }
    };
    check("title", b.title != a.title);
    check("description", b.description != a.description);
    let stage_name = |j: &Journey, id| j.stage(id).map(|s| s.name.clone());
    check(
        "stage",
        b.stage != a.stage && stage_name(bj, b.stage) != stage_name(aj, a.stage),
    );
    let lane_name = |j: &Journey, id| j.lane(id).map(|l| l.name.clone());
    check(
        "lane",
        b.lane != a.lane && lane_name(bj, b.lane) != lane_name(aj, a.lane),
    );
    check("channel", b.channel != a.channel);
    check("owner", b.owner != a.owner);
    check("nature", b.nature != a.nature);
    check("moment of truth", b.moment_of_truth != a.moment_of_truth);
    check("evidence", b.evidence != a.evidence);
    check("tags", b.tags != a.tags);
    let (bi, ai) = (&b.inputs, &a.inputs);
    check("emotion rating", bi.emotion != ai.emotion);
    check("friction rating", bi.friction != ai.friction);
    check("steps", bi.steps != ai.steps);
    check("expected steps", bi.expected_steps != ai.expected_steps);
    check("transfers", bi.transfers != ai.transfers);
    check(
        "channel switches",
        bi.channel_switches != ai.channel_switches,
    );
    check("wait minutes", bi.wait_minutes != ai.wait_minutes);
    check(
        "desired wait",
        bi.wait_desired_minutes != ai.wait_desired_minutes,
    );
    check(
        "adequate wait",
        bi.wait_adequate_minutes != ai.wait_adequate_minutes,
    );
    check("first-contact resolution", bi.fcr_rate != ai.fcr_rate);
    check("error rate", bi.error_rate != ai.error_rate);
    check("handle time", bi.aht_minutes != ai.aht_minutes);
    check("reach", bi.reach != ai.reach);
    c
}

fn stage_deltas(
    before: &Journey,
    before_score: &Scorecard,
    after: &Journey,
    after_score: &Scorecard,
) -> Vec<StageDelta> {
    let old: HashMap<Id, _> = before_score.stages.iter().map(|s| (s.id, s)).collect();
    let new: HashMap<Id, _> = after_score.stages.iter().map(|s| (s.id, s)).collect();
    let count = |j: &Journey, id: Id| j.touchpoints.iter().filter(|t| t.stage == id).count();
    let mut out = Vec::new();
    for s in &after.stages {
        let o = old.get(&s.id);
        let n = new.get(&s.id);
        let was = before.stage(s.id);
        let status = match was {
            None => Status::Added,
            Some(w) if w.name != s.name || w.description != s.description => Status::Changed,
            Some(_) => Status::Unchanged,
        };
        out.push(StageDelta {
            id: s.id,
            name: s.name.clone(),
            status,
            friction: Delta::new(o.and_then(|x| x.friction), n.and_then(|x| x.friction)),
            emotion: Delta::new(o.and_then(|x| x.emotion), n.and_then(|x| x.emotion)),
            touchpoints_before: if was.is_some() {
                count(before, s.id)
            } else {
                0
            },
            touchpoints_after: count(after, s.id),
        });
    }
    for s in &before.stages {
        if after.stage(s.id).is_some() {
            continue;
        }
        let o = old.get(&s.id);
        out.push(StageDelta {
            id: s.id,
            name: s.name.clone(),
            status: Status::Removed,
            friction: Delta::new(o.and_then(|x| x.friction), None),
            emotion: Delta::new(o.and_then(|x| x.emotion), None),
            touchpoints_before: count(before, s.id),
            touchpoints_after: 0,
        });
    }
    out
}

/// One finding: how much better (positive) or worse it is, and its sentence.
type Finding = (f64, String);

fn fmt_num(v: f64) -> String {
    format!("{:.0}", v)
}

fn fmt_signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{v:.0}")
    } else {
        format!("−{:.0}", v.abs())
    }
}

/// Sentences for what got better and what got worse, largest change first.
fn summarize(
    journey: &JourneyDelta,
    stages: &[StageDelta],
    touchpoints: &[TouchpointDiff],
) -> (Vec<String>, Vec<String>) {
    let mut findings: Vec<Finding> = Vec::new();
    // (what, delta, true when higher is better)
    let mut score_finding = |what: &str, d: &Delta, higher_better: bool| {
        if let (Some(b), Some(a), Some(ch)) = (d.before, d.after, d.change) {
            if ch.abs() >= MIN_CHANGE {
                let verb = if ch < 0.0 { "fell" } else { "rose" };
                let good = if higher_better { ch } else { -ch };
                findings.push((
                    good,
                    format!(
                        "{what} {verb} from {} to {} ({})",
                        fmt_num(b),
                        fmt_num(a),
                        fmt_signed(ch)
                    ),
                ));
            }
        }
    };
    score_finding("Journey friction", &journey.friction, false);
    score_finding("Journey emotion", &journey.emotion, true);
    score_finding("Remembered emotion", &journey.remembered_emotion, true);
    score_finding("NPS", &journey.nps, true);
    score_finding("CSAT", &journey.csat, true);
    for s in stages {
        score_finding(&format!("Friction in “{}”", s.name), &s.friction, false);
        score_finding(&format!("Emotion in “{}”", s.name), &s.emotion, true);
    }
    if let (Some(b), Some(a)) = (journey.pain_points.before, journey.pain_points.after) {
        if a != b {
            // A pain point weighs like 10 friction points when ranking sentences.
            findings.push((
                (b - a) * 10.0,
                format!("Pain points: {} → {}", fmt_num(b), fmt_num(a)),
            ));
        }
    }
    for t in touchpoints {
        if t.pain_point_before && !t.pain_point_after && t.status != Status::Removed {
            findings.push((
                t.friction.change.map_or(5.0, |c| -c).max(5.0),
                format!("“{}” is no longer a pain point", t.title),
            ));
        }
        if !t.pain_point_before && t.pain_point_after {
            findings.push((
                t.friction.change.map_or(-5.0, |c| -c).min(-5.0),
                format!("“{}” became a pain point", t.title),
            ));
        }
        if t.status == Status::Removed && t.pain_point_before {
            findings.push((5.0, format!("Pain point “{}” removed", t.title)));
        }
    }
    findings.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    let mut improved = Vec::new();
    let mut worsened = Vec::new();
    for (good, text) in findings {
        if good > 0.0 {
            improved.push(text);
        } else {
            worsened.push(text);
        }
    }
    (improved, worsened)
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::templates;

    fn template() -> Journey {
        templates::load("bank-lost-card").expect("template")
    }

    #[test]
    fn identical_maps_have_no_changes_and_nothing_improved() {
        let j = template();
        let c = compare(&j, &j);
        assert_eq!((c.added, c.removed, c.changed), (0, 0, 0));
        assert!(c.touchpoints.iter().all(|t| t.status == Status::Unchanged));
        assert_eq!(c.touchpoints.len(), j.touchpoints.len());
        assert!(c.improved.is_empty() && c.worsened.is_empty(), "{c:?}");
        assert!(c
            .stages
            .iter()
            .all(|s| s.friction.change == Some(0.0) || s.friction.change.is_none()));
    }

    #[test]
    fn added_removed_and_changed_touchpoints_are_found_with_their_fields() {
        let before = template();
        let mut after = before.clone();
        let removed = after.touchpoints.remove(0);
        let changed_id = after.touchpoints[0].id;
        after.touchpoints[0].title = "Renamed".into();
        after.touchpoints[0].inputs.wait_minutes = Some(1.0);
        let mut added = after.touchpoints[1].clone();
        added.id = Id::new_v4();
        added.title = "Brand new".into();
        after.touchpoints.push(added.clone());
        let c = compare(&before, &after);
        assert_eq!((c.added, c.removed, c.changed), (1, 1, 1));
        let find = |id: Id| c.touchpoints.iter().find(|t| t.id == id).unwrap();
        assert_eq!(find(removed.id).status, Status::Removed);
        assert_eq!(find(added.id).status, Status::Added);
        assert_eq!(find(added.id).friction.before, None);
        let ch = find(changed_id);
        assert_eq!(ch.status, Status::Changed);
        assert_eq!(ch.changes, vec!["title", "wait minutes"]);
        // Removed touchpoints come last.
        assert_eq!(c.touchpoints.last().unwrap().id, removed.id);
    }

    #[test]
    fn lower_friction_in_a_stage_is_an_improvement_with_its_delta() {
        let before = template();
        let mut after = before.clone();
        let stage = after.stages[1].id;
        for t in after.touchpoints.iter_mut().filter(|t| t.stage == stage) {
            t.inputs.transfers = Some(0);
            t.inputs.fcr_rate = Some(0.98);
            t.inputs.wait_minutes = Some(0.0);
            t.inputs.error_rate = Some(0.0);
            t.inputs.steps = t.inputs.expected_steps;
        }
        let bs = score(&before);
        let c = compare(&before, &after);
        let sd = c.stages.iter().find(|s| s.id == stage).unwrap();
        let expected_before = bs.stages.iter().find(|s| s.id == stage).unwrap().friction;
        assert_eq!(sd.friction.before, expected_before);
        let ch = sd.friction.change.expect("both sides scored");
        assert!(ch < -MIN_CHANGE, "{sd:?}");
        let name = &after.stages[1].name;
        assert!(
            c.improved
                .iter()
                .any(|s| s.starts_with(&format!("Friction in “{name}” fell"))),
            "{:?}",
            c.improved
        );
        assert!(c.journey.friction.change.unwrap() < 0.0);
        assert!(
            !c.worsened.iter().any(|s| s.contains(name.as_str())),
            "{:?}",
            c.worsened
        );
    }

    #[test]
    fn higher_friction_is_reported_as_worse() {
        let before = template();
        let mut after = before.clone();
        for t in &mut after.touchpoints {
            t.inputs.wait_minutes = Some(600.0);
        }
        let c = compare(&before, &after);
        assert!(
            c.worsened
                .iter()
                .any(|s| s.starts_with("Journey friction rose")),
            "{c:?}"
        );
        assert!(!c.improved.iter().any(|s| s.starts_with("Journey friction")));
    }

    #[test]
    fn stages_added_and_removed_are_marked() {
        let before = template();
        let mut after = before.clone();
        let gone = after.stages[0].id;
        after.delete_stage(gone);
        let mut extra = after.stages[0].clone();
        extra.id = Id::new_v4();
        extra.name = "New stage".into();
        extra.order = "zz".into();
        after.stages.push(extra.clone());
        let c = compare(&before, &after);
        let by = |id: Id| c.stages.iter().find(|s| s.id == id).unwrap();
        assert_eq!(by(gone).status, Status::Removed);
        assert!(by(gone).touchpoints_before > 0);
        assert_eq!(by(extra.id).status, Status::Added);
        assert!(c.removed > 0);
    }
}
