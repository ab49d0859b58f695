//! The trend over survey waves (issue 17): for each wave, the journey, each
//! stage and each touchpoint scored on that wave's answers alone, with
//! counts, 95% intervals and, from the second wave on, whether NPS, CSAT and
//! CES changed since the wave before or moved within noise
//! ([`crate::intervals::change`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use waymark_core::{Id, Journey, Targets};

use crate::aggregate::{journey_order, score};
use crate::evidence::{journey_stats, tally, AnswerStats};
use crate::intervals::{change, Change, Intervals};
use crate::targets::{check, KpiValues, TargetCheck};
use crate::Ces;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Trend {
    /// Oldest first, as given.
    pub waves: Vec<WaveTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct WaveTrend {
    pub label: String,
    pub date: Option<String>,
    pub journey: Figures,
    /// In stage order.
    pub stages: Vec<StageTrend>,
    /// In journey order.
    pub touchpoints: Vec<TouchpointTrend>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StageTrend {
    pub id: Id,
    pub name: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TouchpointTrend {
    pub id: Id,
    pub title: String,
    pub stage: Id,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One wave's figures for the journey, a stage or a touchpoint. Friction and
/// emotion are the scorecard's (composite scores, so no interval).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Figures {
    /// Answers of the wave about it.
    pub n: usize,
    pub nps: Option<f64>,
    pub nps_n: usize,
    pub nps_ci: Option<[f64; 2]>,
    pub csat: Option<f64>,
    pub csat_n: usize,
    pub csat_ci: Option<[f64; 2]>,
    pub ces5: Option<f64>,
    pub ces5_ci: Option<[f64; 2]>,
    pub ces7: Option<f64>,
    pub ces7_ci: Option<[f64; 2]>,
    pub friction: Option<f64>,
    pub emotion: Option<f64>,
    /// Since the wave before; `None` in the first wave.
    pub changes: Option<Changes>,
    /// The targets of the journey, stage or touchpoint checked on this
    /// wave's figures.
    pub targets: Vec<TargetCheck>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Changes {
    pub nps: Change,
    pub csat: Change,
    pub ces5: Change,
    pub ces7: Change,
}

fn figures(stats: &AnswerStats, friction: Option<f64>, emotion: Option<f64>) -> Figures {
    let t = tally(stats);
    let ci = Intervals::of(stats);
    let ces = t.ces();
    Figures {
        n: t.responses,
        nps: t.nps(),
        nps_n: t.nps_n,
        nps_ci: ci.nps,
        csat: t.csat(),
        csat_n: t.csat_n,
        csat_ci: ci.csat,
        ces5: ces.ces5,
        ces5_ci: ci.ces5,
        ces7: ces.ces7,
        ces7_ci: ci.ces7,
        friction,
        emotion,
        changes: None,
        targets: Vec::new(),
    }
}

impl Figures {
    fn checked(mut self, targets: &Targets) -> Self {
        self.targets = check(
            targets,
            &KpiValues {
                nps: self.nps,
                csat: self.csat,
                ces: Ces {
                    ces5: self.ces5,
                    ces7: self.ces7,
                },
                friction: self.friction,
                emotion: self.emotion,
            },
        );
        self
    }
}

/// One wave: `journey` holding that wave's answers or evidence (and only
/// them).
pub fn wave_trend(journey: &Journey, label: &str, date: Option<&str>) -> WaveTrend {
    let card = score(journey);
    let mut by_tp = journey_stats(journey);
    let stats: HashMap<Id, AnswerStats> = journey
        .touchpoints
        .iter()
        .map(|t| (t.id, by_tp.remove(&t.id).unwrap_or_default()))
        .collect();
    let scores: HashMap<Id, _> = card.touchpoints.iter().map(|s| (s.id, s)).collect();
    let touchpoints = journey_order(journey)
        .into_iter()
        .map(|i| {
            let t = &journey.touchpoints[i];
            let s = scores[&t.id];
            TouchpointTrend {
                id: t.id,
                title: t.title.clone(),
                stage: t.stage,
                figures: figures(&stats[&t.id], s.friction, s.emotion).checked(&t.targets),
            }
        })
        .collect::<Vec<_>>();
    let stage_targets: HashMap<Id, &Targets> =
        journey.stages.iter().map(|s| (s.id, &s.targets)).collect();
    let stages = card
        .stages
        .iter()
        .map(|st| {
            let mut pooled = AnswerStats::default();
            for t in journey.touchpoints.iter().filter(|t| t.stage == st.id) {
                pooled.merge(&stats[&t.id]);
            }
            StageTrend {
                id: st.id,
                name: st.name.clone(),
                figures: figures(&pooled, st.friction, st.emotion).checked(
                    stage_targets
                        .get(&st.id)
                        .copied()
                        .unwrap_or(&Targets::default()),
                ),
            }
        })
        .collect();
    let mut all = AnswerStats::default();
    for s in stats.values() {
        all.merge(s);
    }
    WaveTrend {
        label: label.to_string(),
        date: date.map(str::to_string),
        journey: figures(&all, card.journey.friction, card.journey.emotion)
            .checked(&journey.targets),
        stages,
        touchpoints,
    }
}

fn changes(before: &Figures, after: &Figures) -> Changes {
    Changes {
        nps: change(before.nps_ci, after.nps_ci),
        csat: change(before.csat_ci, after.csat_ci),
        ces5: change(before.ces5_ci, after.ces5_ci),
        ces7: change(before.ces7_ci, after.ces7_ci),
    }
}

/// The waves in order, each but the first marked with its changes since the
/// one before (stages and touchpoints matched by id).
pub fn trend(waves: Vec<WaveTrend>) -> Trend {
    let mut waves = waves;
    for i in 1..waves.len() {
        let (done, rest) = waves.split_at_mut(i);
        let (prev, cur) = (&done[i - 1], &mut rest[0]);
        cur.journey.changes = Some(changes(&prev.journey, &cur.journey));
        for s in &mut cur.stages {
            if let Some(p) = prev.stages.iter().find(|p| p.id == s.id) {
                s.figures.changes = Some(changes(&p.figures, &s.figures));
            }
        }
        for t in &mut cur.touchpoints {
            if let Some(p) = prev.touchpoints.iter().find(|p| p.id == t.id) {
                t.figures.changes = Some(changes(&p.figures, &t.figures));
            }
        }
    }
    Trend { waves }
}
