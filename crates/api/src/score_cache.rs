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
//!
//! A score runs outside the library's lock: the parts are lent out with a
//! snapshot of the journey ([`ScoreCache::lend`]) and given back after
//! ([`ScoreCache::give_back`]); what edits touched meanwhile is remembered
//! and dropped from them on their return, so an edit never waits for a
//! score and a returned part is never stale.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

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
    /// The parts are out with a score running outside the lock.
    out: Option<Out>,
}

/// What happened to a map's parts while they were lent out.
struct Out {
    loan: u64,
    /// Touchpoints whose parts edits dropped meanwhile.
    forgotten: HashSet<Id>,
    /// Every part was dropped meanwhile.
    all: bool,
}

/// Parts lent out for one score; hand them back with [`ScoreCache::give_back`].
pub(crate) struct Loan {
    /// `None`: another score had the parts; these are not taken back.
    id: Option<u64>,
    parts: HashMap<Id, TouchpointPart>,
    /// The view the parts are scored under.
    view: WaveView,
}

/// Loan numbers, unique in the process: a map dropped from memory and read
/// again has a new cache, which must not take back the old one's loan.
static NEXT_LOAN: AtomicU64 = AtomicU64::new(1);

impl Loan {
    /// The scorecard of `journey`, which must be the projection the parts
    /// were lent with.
    pub fn score(&mut self, journey: &Journey) -> Scorecard {
        waymark_score::score_reusing(journey, &self.view, &mut self.parts)
    }
}

impl ScoreCache {
    /// Lends the parts out for a score outside the lock. A second score
    /// while they are out starts from none (and its parts are not kept).
    /// Parts scored under another view are dropped first.
    pub fn lend(&mut self, view: &WaveView) -> Loan {
        if self.out.is_some() {
            return Loan {
                id: None,
                parts: HashMap::new(),
                view: view.clone(),
            };
        }
        if &self.view != view {
            self.parts.clear();
            self.view = view.clone();
        }
        let loan = NEXT_LOAN.fetch_add(1, Ordering::Relaxed);
        self.out = Some(Out {
            loan,
            forgotten: HashSet::new(),
            all: false,
        });
        Loan {
            id: Some(loan),
            parts: std::mem::take(&mut self.parts),
            view: view.clone(),
        }
    }

    /// Takes lent parts back, less those that edits made since the loan
    /// dropped.
    pub fn give_back(&mut self, loan: Loan) {
        let Some(id) = loan.id else { return };
        if self.out.as_ref().is_none_or(|o| o.loan != id) {
            return;
        }
        let out = self.out.take().expect("checked above");
        // The view cannot change while the parts are out; checked all the
        // same, since parts of another view would be wrong, not just stale.
        if out.all || loan.view != self.view {
            return;
        }
        let mut parts = loan.parts;
        parts.retain(|id, _| !out.forgotten.contains(id));
        // Nothing was scored into `self.parts` while they were out.
        self.parts = parts;
    }

    fn drop_part(&mut self, id: Id) {
        self.parts.remove(&id);
        if let Some(out) = &mut self.out {
            out.forgotten.insert(id);
        }
    }

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
                self.drop_part(id);
            }
        }
        let answers = touched.keys_of(RESPONSES).chain(touched.keys_of(EVIDENCE));
        for key in answers {
            // An answer's key, and a touchpoint's statistics' key, start
            // with its touchpoint's id (the projection refuses one that
            // does not match).
            // A key without one was never projected.
            if let Some(id) = key.split('|').next().and_then(|t| t.parse::<Id>().ok()) {
                self.drop_part(id);
            }
        }
    }

    /// Drops every part: the map was projected whole, so anything may differ.
    pub fn clear(&mut self) {
        self.parts.clear();
        if let Some(out) = &mut self.out {
            out.all = true;
        }
    }

    /// The scorecard of `journey` under `view`, which must be the projection
    /// the parts were kept for (under the lock: for tests).
    #[cfg(test)]
    pub fn score(&mut self, journey: &Journey, view: &WaveView) -> Scorecard {
        let mut loan = self.lend(view);
        let card = loan.score(journey);
        self.give_back(loan);
        card
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

    #[test]
    fn parts_lent_out_come_back_without_what_edits_touched_meanwhile() {
        let size = Size {
            stages: 2,
            lanes: 2,
            touchpoints: 8,
            annotations: 0,
        };
        let j = journey(size, 3);
        let (a, b) = (j.touchpoints[0].id, j.touchpoints[1].id);
        let touching = |id: Id| {
            let mut t = Touched::default();
            t.keys
                .entry("touchpoints")
                .or_default()
                .insert(id.to_string());
            t
        };
        let mut cache = ScoreCache::default();
        cache.score(&j, &WaveView::default());
        let all = cache.parts.len();

        let mut loan = cache.lend(&WaveView::default());
        // A second score while the parts are out starts from none and
        // keeps nothing.
        let second = cache.lend(&WaveView::default());
        assert!(second.parts.is_empty());
        cache.forget(&touching(a));
        loan.score(&j);
        cache.give_back(second);
        cache.give_back(loan);
        assert_eq!(cache.parts.len(), all - 1);
        assert!(!cache.parts.contains_key(&a) && cache.parts.contains_key(&b));

        // Everything dropped meanwhile (the map projected whole): none back.
        let loan = cache.lend(&WaveView::default());
        cache.clear();
        cache.give_back(loan);
        assert!(cache.parts.is_empty());

        // A loan of another cache (the map read again) is not taken.
        let mut old = ScoreCache::default();
        old.score(&j, &WaveView::default());
        let stale = old.lend(&WaveView::default());
        let _current = cache.lend(&WaveView::default());
        cache.give_back(stale);
        assert!(cache.parts.is_empty());
    }
}
