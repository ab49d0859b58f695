//! Incremental scoring: an open map keeps each touchpoint's own part of its
//! score ([`waymark_score::TouchpointPart`]) between score requests, and an
//! edit drops only the parts of what it touched (the projection's
//! [`Touched`]): the touchpoint itself, one of its survey answers or its
//! answers' statistics. The
//! stages, the journey and the priorities are assembled afresh on every
//! request from the parts, so the live scorecard after an edit costs what
//! the edit changed plus one pass over the touchpoints. The parts are those
//! of one wave view ([`WaveView`]: the wave scores are as of and the waves'
//! order); a request under another view starts afresh. The property test
//! `tests/incremental_scores.rs` holds it to a full re-score.

use std::collections::HashMap;

use waymark_core::doc::{EVIDENCE, RESPONSES};
use waymark_core::incremental::Touched;
use waymark_core::{Id, Journey};
use waymark_score::{Scorecard, TouchpointPart, WaveView};

/// The parts of one map's touchpoints, scored since they last changed.
#[derive(Default)]
pub(crate) struct ScoreCache {
    parts: HashMap<Id, TouchpointPart>,
    /// The view the parts were scored under.
    view: WaveView,
}

impl ScoreCache {
    /// Drops the parts `touched` may have changed: every part when the
    /// journey's own fields (the scoring settings) or anything the tracker
    /// does not follow changed.
    pub fn forget(&mut self, touched: &Touched) {
        if touched.meta || touched.unknown {
            self.clear();
            return;
        }
        for key in touched.keys_of("touchpoints") {
            // A key that is no id was never projected, so it has no part.
            if let Ok(id) = key.parse::<Id>() {
                self.parts.remove(&id);
            }
        }
        let answers = touched.keys_of(RESPONSES).chain(touched.keys_of(EVIDENCE));
        for key in answers {
            // An answer's key, and a touchpoint's statistics' key, start
            // with its touchpoint's id (the projection refuses one that
            // does not match).
            // A key without one was never projected.
            if let Some(id) = key.split('|').next().and_then(|t| t.parse::<Id>().ok()) {
                self.parts.remove(&id);
            }
        }
    }

    /// Drops every part: the map was projected whole, so anything may differ.
    pub fn clear(&mut self) {
        self.parts.clear();
    }

    /// The scorecard of `journey` under `view`; `journey` must be the
    /// projection the parts were kept for.
    pub fn score(&mut self, journey: &Journey, view: &WaveView) -> Scorecard {
        if &self.view != view {
            self.parts.clear();
            self.view = view.clone();
        }
        waymark_score::score_reusing(journey, view, &mut self.parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::synth::{journey, Size};

    #[test]
    fn an_edit_drops_only_the_parts_it_touched() {
        let size = Size {
            stages: 3,
            lanes: 2,
            touchpoints: 20,
            annotations: 10,
        };
        let mut j = journey(size, 7);
        for (i, t) in j.touchpoints.iter().enumerate() {
            j.responses.push(waymark_core::SurveyResponse {
                touchpoint: t.id,
                respondent: format!("r{i}"),
                date: "2026-03-02".into(),
                scale: waymark_core::Scale::Ces5,
                value: 5.0,
                comment: "It took three calls to sort out".into(),
            });
        }
        j.responses.sort_by_cached_key(|r| r.key());
        let (t, answered) = (j.touchpoints[0].id, j.touchpoints[5].id);
        let mut cache = ScoreCache::default();
        let pooled = WaveView::pooled();
        let card = cache.score(&j, &pooled);
        let all = cache.parts.len();
        assert_eq!(all, j.touchpoints.len());
        let mut touched = Touched::default();
        touched
            .keys
            .entry("touchpoints")
            .or_default()
            .insert(t.to_string());
        touched.keys.entry(RESPONSES).or_default().insert(
            j.responses
                .iter()
                .find(|r| r.touchpoint == answered)
                .unwrap()
                .key(),
        );
        // Notes are no input of a touchpoint's score.
        touched
            .keys
            .entry("annotations")
            .or_default()
            .insert(j.annotations[0].id.to_string());
        cache.forget(&touched);
        assert_eq!(cache.parts.len(), all - 2);
        assert!(!cache.parts.contains_key(&t) && !cache.parts.contains_key(&answered));
        assert_eq!(cache.score(&j, &pooled), card);
        touched = Touched {
            meta: true,
            ..Touched::default()
        };
        cache.forget(&touched);
        assert!(cache.parts.is_empty());
    }

    #[test]
    fn a_wave_view_change_or_a_wave_edit_rescores_what_it_changed() {
        use waymark_core::evidence::{AnswerStats, WaveEvidence};
        use waymark_score::AsOf;

        let size = Size {
            stages: 2,
            lanes: 2,
            touchpoints: 6,
            annotations: 0,
        };
        let mut j = journey(size, 11);
        let stats = |score: usize| {
            let mut s = AnswerStats::default();
            s.nps[score] = 3;
            s
        };
        let (a, b) = (j.touchpoints[0].id, j.touchpoints[1].id);
        j.evidence = vec![
            WaveEvidence {
                touchpoint: a,
                wave: "Q1".into(),
                stats: stats(0),
            },
            WaveEvidence {
                touchpoint: a,
                wave: "Q2".into(),
                stats: stats(10),
            },
            WaveEvidence {
                touchpoint: b,
                wave: "Q1".into(),
                stats: stats(5),
            },
        ];
        let waves = vec!["Q1".to_string(), "Q2".to_string()];
        let view = |as_of: AsOf| WaveView::resolve(waves.clone(), &as_of).unwrap();
        let fresh =
            |j: &Journey, v: &WaveView| waymark_score::score_reusing(j, v, &mut HashMap::new());
        let (latest, all, q1) = (
            view(AsOf::Latest),
            view(AsOf::AllWaves),
            view(AsOf::Wave("Q1".into())),
        );
        let mut cache = ScoreCache::default();
        for v in [&latest, &all, &q1, &latest] {
            assert_eq!(cache.score(&j, v), fresh(&j, v), "{v:?}");
        }
        assert_ne!(
            cache.score(&j, &latest).journey.nps,
            cache.score(&j, &all).journey.nps
        );
        // Q2 answers about b arrive: only its part is dropped, and b no
        // longer carries Q1 forward.
        cache.score(&j, &latest);
        j.evidence.push(WaveEvidence {
            touchpoint: b,
            wave: "Q2".into(),
            stats: stats(9),
        });
        let mut touched = Touched::default();
        touched
            .keys
            .entry(EVIDENCE)
            .or_default()
            .insert(waymark_core::evidence::key(b, "Q2"));
        cache.forget(&touched);
        assert_eq!(cache.parts.len(), j.touchpoints.len() - 1);
        let card = cache.score(&j, &latest);
        assert_eq!(card, fresh(&j, &latest));
        let tb = card.touchpoints.iter().find(|t| t.id == b).unwrap();
        assert_eq!(tb.wave.as_deref(), Some("Q2"));
        // The same labels in another order are another view.
        let swapped = WaveView::resolve(vec!["Q2".into(), "Q1".into()], &AsOf::Latest).unwrap();
        assert_eq!(cache.score(&j, &swapped), fresh(&j, &swapped));
    }
}
