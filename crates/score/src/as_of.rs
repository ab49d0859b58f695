//! Scoring "as of" a survey wave (issue 17): the one rule for which answers
//! a current score reads when a map has several waves.
//!
//! As of wave W, each touchpoint reads the statistics of W when W has
//! answers about it; otherwise it carries forward those of its latest wave
//! before W, and its score names that wave ([`WaveStats::from`]), so a
//! survey that covered only some touchpoints does not blank the rest. No
//! answers from after W count. Stages and the journey pool the touchpoints'
//! chosen answers, as they always pool raw answers. The default is the
//! latest wave; every wave pooled stays available as an explicit choice,
//! and a map without waves scores as it always did.
//!
//! Wave order (by date, then import time) lives in the library's tables, not
//! in the map's document, so callers pass the labels oldest first.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use waymark_core::evidence::AnswerStats;
use waymark_core::{Id, Journey};

use crate::evidence::{journey_stats, stats_of};

/// Which survey answers current scores read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AsOf {
    /// The map's latest wave (the default).
    #[default]
    Latest,
    /// The wave with this label.
    Wave(String),
    /// Every wave's answers pooled.
    AllWaves,
}

/// A wave label the map does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWave {
    pub label: String,
    /// The map's labels, oldest first, for the message.
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownWave {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no survey wave {:?}", self.label)?;
        match self.known.as_slice() {
            [] => write!(f, " (it has no waves)"),
            known => write!(f, " (its waves: {})", known.join(", ")),
        }
    }
}

/// [`AsOf`] resolved against a map's waves: what a score request reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaveView {
    /// The map's wave labels, oldest first.
    waves: Vec<String>,
    /// The index in `waves` of the wave scores are as of; `None` pools
    /// every wave (chosen, or a map without waves).
    at: Option<usize>,
}

impl WaveView {
    /// Every wave pooled: what [`crate::score`] reads.
    pub fn pooled() -> Self {
        Self::default()
    }

    /// `as_of` among `waves` (labels, oldest first).
    pub fn resolve(waves: Vec<String>, as_of: &AsOf) -> Result<Self, UnknownWave> {
        let at = match as_of {
            AsOf::Latest => waves.len().checked_sub(1),
            AsOf::AllWaves => None,
            AsOf::Wave(label) => {
                let label = label.trim();
                match waves.iter().position(|w| w == label) {
                    Some(i) => Some(i),
                    None => {
                        return Err(UnknownWave {
                            label: label.to_string(),
                            known: waves,
                        })
                    }
                }
            }
        };
        Ok(Self { waves, at })
    }

    /// The wave scores are as of; `None` when every wave is pooled.
    pub fn wave(&self) -> Option<&str> {
        self.at.map(|i| self.waves[i].as_str())
    }

    /// Each touchpoint's statistics under this view.
    pub fn stats(&self, journey: &Journey) -> WaveStats {
        let Some(at) = self.at else {
            return WaveStats {
                stats: journey_stats(journey),
                from: HashMap::new(),
            };
        };
        let rank: HashMap<&str, usize> = self.waves[..=at]
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i))
            .collect();
        // The latest wave up to `at` with answers about each touchpoint.
        let mut best: HashMap<Id, (usize, &AnswerStats, &str)> = HashMap::new();
        for e in &journey.evidence {
            let Some(&r) = rank.get(e.wave.as_str()) else {
                continue;
            };
            if e.stats.answers() == 0 {
                continue;
            }
            let slot = best
                .entry(e.touchpoint)
                .or_insert((r, &e.stats, e.wave.as_str()));
            if r > slot.0 {
                *slot = (r, &e.stats, e.wave.as_str());
            }
        }
        // Raw answers a map's document still holds belong to no wave: they
        // count in every view, as they did before waves.
        let mut raw: HashMap<Id, Vec<&waymark_core::SurveyResponse>> = HashMap::new();
        for r in &journey.responses {
            raw.entry(r.touchpoint).or_default().push(r);
        }
        let mut stats: HashMap<Id, AnswerStats> = raw
            .into_iter()
            .map(|(t, answers)| (t, stats_of(answers)))
            .collect();
        let mut from = HashMap::new();
        for (t, (_, s, wave)) in best {
            stats.entry(t).or_default().merge(s);
            from.insert(t, wave.to_string());
        }
        WaveStats { stats, from }
    }
}

/// What a page or a terminal says about which answers its scores read:
/// "Scores as of survey wave Q2." (with how many touchpoints carry an
/// earlier wave forward), "Scores pool every survey wave." when that was
/// chosen, nothing for a map without waves.
pub fn sentence(card: &crate::Scorecard, as_of: &AsOf) -> Option<String> {
    match (&card.as_of, as_of) {
        (Some(w), _) => {
            let carried = card
                .touchpoints
                .iter()
                .filter(|t| t.wave.as_ref().is_some_and(|from| from != w))
                .count();
            Some(match carried {
                0 => format!("Scores as of survey wave {w}."),
                1 => format!(
                    "Scores as of survey wave {w}; 1 touchpoint without answers in it shows its latest earlier wave."
                ),
                n => format!(
                    "Scores as of survey wave {w}; {n} touchpoints without answers in it show their latest earlier wave."
                ),
            })
        }
        (None, AsOf::AllWaves) => Some("Scores pool every survey wave.".into()),
        (None, _) => None,
    }
}

/// Per touchpoint, the statistics a view reads and the wave they come from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WaveStats {
    pub stats: HashMap<Id, AnswerStats>,
    /// The wave each touchpoint's answers come from; empty when every wave
    /// is pooled.
    pub from: HashMap<Id, String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::evidence::WaveEvidence;

    fn labels(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    fn nps(scores: &[(usize, u64)]) -> AnswerStats {
        let mut s = AnswerStats::default();
        for &(v, n) in scores {
            s.nps[v] += n;
        }
        s
    }

    fn map_with(evidence: &[(usize, &str, AnswerStats)]) -> (Journey, Vec<Id>) {
        let mut j = waymark_core::synth::journey(
            waymark_core::synth::Size {
                stages: 1,
                lanes: 1,
                touchpoints: 2,
                annotations: 0,
            },
            1,
        );
        let ids: Vec<Id> = j.touchpoints.iter().map(|t| t.id).collect();
        j.evidence = evidence
            .iter()
            .map(|(t, w, s)| WaveEvidence {
                touchpoint: ids[*t],
                wave: w.to_string(),
                stats: s.clone(),
            })
            .collect();
        (j, ids)
    }

    #[test]
    fn latest_is_the_last_wave_and_no_waves_pool() {
        let v = WaveView::resolve(labels(&["Q1", "Q2"]), &AsOf::Latest).unwrap();
        assert_eq!(v.wave(), Some("Q2"));
        let none = WaveView::resolve(Vec::new(), &AsOf::Latest).unwrap();
        assert_eq!((none.wave(), &none), (None, &WaveView::pooled()));
        let all = WaveView::resolve(labels(&["Q1"]), &AsOf::AllWaves).unwrap();
        assert_eq!(all.wave(), None);
        let q1 = WaveView::resolve(labels(&["Q1", "Q2"]), &AsOf::Wave(" Q1 ".into())).unwrap();
        assert_eq!(q1.wave(), Some("Q1"));
    }

    #[test]
    fn an_unknown_label_names_the_known_ones() {
        let e = WaveView::resolve(labels(&["Q1", "Q2"]), &AsOf::Wave("Q9".into())).unwrap_err();
        assert_eq!(e.to_string(), "no survey wave \"Q9\" (its waves: Q1, Q2)");
        let e = WaveView::resolve(Vec::new(), &AsOf::Wave("Q1".into())).unwrap_err();
        assert_eq!(e.to_string(), "no survey wave \"Q1\" (it has no waves)");
    }

    #[test]
    fn a_touchpoint_missing_from_a_wave_carries_its_latest_earlier_one_forward() {
        let (j, ids) = map_with(&[
            (0, "Q1", nps(&[(0, 1)])),
            (0, "Q2", nps(&[(10, 1)])),
            (1, "Q1", nps(&[(5, 2)])),
            (0, "Q3", nps(&[(9, 3)])),
        ]);
        let waves = labels(&["Q1", "Q2", "Q3"]);
        let q2 = WaveView::resolve(waves.clone(), &AsOf::Wave("Q2".into())).unwrap();
        let s = q2.stats(&j);
        assert_eq!(s.stats[&ids[0]], nps(&[(10, 1)]), "Q3 comes after Q2");
        assert_eq!(s.from[&ids[0]], "Q2");
        assert_eq!(s.stats[&ids[1]], nps(&[(5, 2)]));
        assert_eq!(s.from[&ids[1]], "Q1", "carried forward, and says so");
        let q1 = WaveView::resolve(waves.clone(), &AsOf::Wave("Q1".into())).unwrap();
        assert_eq!(q1.stats(&j).stats[&ids[0]], nps(&[(0, 1)]));
        let pooled = WaveView::resolve(waves, &AsOf::AllWaves).unwrap().stats(&j);
        assert_eq!(pooled.stats[&ids[0]].answers(), 5);
        assert!(pooled.from.is_empty());
    }

    #[test]
    fn a_touchpoint_first_surveyed_later_has_no_answers_before() {
        let (j, ids) = map_with(&[(0, "Q1", nps(&[(3, 1)])), (1, "Q2", nps(&[(3, 1)]))]);
        let q1 = WaveView::resolve(labels(&["Q1", "Q2"]), &AsOf::Wave("Q1".into())).unwrap();
        let s = q1.stats(&j);
        assert!(!s.stats.contains_key(&ids[1]) && !s.from.contains_key(&ids[1]));
    }

    fn near(v: Option<f64>, want: f64) -> bool {
        v.is_some_and(|v| (v - want).abs() < 1e-9)
    }

    #[test]
    fn the_headline_reads_the_latest_wave_not_every_wave_pooled() {
        // Q1: 4 detractors and a passive (−80); Q2: 4 promoters and a passive (+80).
        let (j, ids) = map_with(&[
            (0, "Q1", nps(&[(0, 4), (8, 1)])),
            (0, "Q2", nps(&[(10, 4), (8, 1)])),
        ]);
        let waves = labels(&["Q1", "Q2"]);
        let latest = crate::score_as_of(&j, waves.clone(), &AsOf::Latest).unwrap();
        assert!(near(latest.journey.nps, 80.0), "{:?}", latest.journey.nps);
        assert_eq!(latest.as_of.as_deref(), Some("Q2"));
        let tp = latest.touchpoints.iter().find(|t| t.id == ids[0]).unwrap();
        assert_eq!(tp.wave.as_deref(), Some("Q2"));
        let q1 = crate::score_as_of(&j, waves.clone(), &AsOf::Wave("Q1".into())).unwrap();
        assert!(near(q1.journey.nps, -80.0));
        let all = crate::score_as_of(&j, waves, &AsOf::AllWaves).unwrap();
        assert!(near(all.journey.nps, 0.0));
        assert_eq!(all, crate::score(&j), "all waves pooled is the plain score");
        assert_eq!(
            sentence(&latest, &AsOf::Latest).as_deref(),
            Some("Scores as of survey wave Q2.")
        );
        assert_eq!(
            sentence(&all, &AsOf::AllWaves).as_deref(),
            Some("Scores pool every survey wave.")
        );
    }

    #[test]
    fn a_map_without_waves_scores_as_before() {
        let (mut j, ids) = map_with(&[]);
        j.responses.push(waymark_core::SurveyResponse {
            touchpoint: ids[1],
            respondent: "r1".into(),
            date: "2026-01-01".into(),
            scale: waymark_core::Scale::Nps,
            value: 10.0,
            comment: String::new(),
        });
        let card = crate::score_as_of(&j, Vec::new(), &AsOf::Latest).unwrap();
        assert_eq!(card, crate::score(&j));
        assert_eq!(card.as_of, None);
        assert!(near(card.journey.nps, 100.0));
        assert_eq!(sentence(&card, &AsOf::Latest), None);
    }

    #[test]
    fn the_sentence_counts_the_touchpoints_carried_forward() {
        let (j, _) = map_with(&[(0, "Q1", nps(&[(3, 1)])), (1, "Q2", nps(&[(3, 1)]))]);
        let card = crate::score_as_of(&j, labels(&["Q1", "Q2"]), &AsOf::Latest).unwrap();
        assert_eq!(
            sentence(&card, &AsOf::Latest).as_deref(),
            Some("Scores as of survey wave Q2; 1 touchpoint without answers in it shows its latest earlier wave.")
        );
    }
}
