//! Scores and survey answers through the library.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use waymark_core::{Id, Journey, Scale};
use waymark_score::sentiment::{compound, effort_cues};
use waymark_score::{AsOf, Board, MergeStats, Scorecard, TouchpointScore, WaveView};

use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact};

use crate::{ApiError, Inner, Library, Result};

/// The longest [`Library::score_covering`] waits for the state it must
/// cover (an update that never arrives); then it scores what there is.
pub const COVER_WAIT: Duration = Duration::from_secs(10);

/// A scorecard as the plain-text table `waymark score` prints: the CLI
/// shows scores through the API, like every other front.
pub fn scorecard_table(card: &Scorecard) -> String {
    waymark_score::render_table(card)
}

/// Why a touchpoint scores what it does: its score with every factor, and
/// the survey answers behind it with each comment's sentiment and cues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Explanation {
    pub score: TouchpointScore,
    /// Oldest first, then by respondent: the raw answers, read from the
    /// library's tables (a workshop browser, which has only the map's
    /// document, sees the quotes instead).
    pub responses: Vec<ExplainedResponse>,
    /// A few real comments from the statistics the map's document carries,
    /// the most negative first.
    pub quotes: Vec<String>,
}

/// One survey answer about the touchpoint, as the explanation shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExplainedResponse {
    pub respondent: String,
    pub date: String,
    pub scale: Scale,
    pub value: f64,
    pub comment: String,
    /// VADER compound score of the comment, −1..1; `None` without a comment.
    pub sentiment: Option<f64>,
    /// The effort cues found in the comment.
    pub cues: Vec<String>,
}

impl Inner {
    /// `as_of` resolved against the map's waves ([`waymark_score::as_of`]);
    /// an unknown label is an error naming the map and its waves.
    pub(crate) fn wave_view(&self, id: &str, as_of: &AsOf) -> Result<WaveView> {
        let waves = self.store.wave_order(id)?;
        WaveView::resolve(waves, as_of).map_err(|e| ApiError::NotFound(format!("map {id} has {e}")))
    }
}

/// Leaves out each touchpoint's factors and effort cues ([`Library::score_brief`]).
pub(crate) fn make_brief(card: &mut Scorecard) {
    for t in &mut card.touchpoints {
        t.factors = Vec::new();
        t.effort_cues = Vec::new();
    }
}

impl Library {
    /// The map's scorecard as of its latest survey wave: every touchpoint,
    /// stage and journey score with its factors. See [`Library::score_as_of`].
    pub fn score(&self, id: &str) -> Result<Scorecard> {
        self.score_as_of(id, &AsOf::Latest)
    }

    /// The map's scorecard as of a survey wave (or every wave pooled). The
    /// app, the report and `waymark score` all call this. Re-scores only the
    /// touchpoints edited since the last request under the same view
    /// ([`crate::score_cache`]), outside the library's lock, on a snapshot
    /// of the map: an edit (of this map or another) never waits for a score.
    pub fn score_as_of(&self, id: &str, as_of: &AsOf) -> Result<Scorecard> {
        Ok(self.score_snapshot(id, as_of, None)?.1)
    }

    /// [`Library::score_as_of`] of the map once its document holds `covers`
    /// (a Yjs state vector: the editor's document when it asked), so the
    /// editor can ask right after an edit, while its update is still on its
    /// way in or being written, instead of after it is durable. Waits at
    /// most [`COVER_WAIT`], and not past a refused update.
    pub fn score_covering(&self, id: &str, as_of: &AsOf, covers: &[u8]) -> Result<Scorecard> {
        let sv = StateVector::decode_v1(covers)
            .map_err(|e| ApiError::Invalid(format!("map {id}: malformed state vector: {e}")))?;
        Ok(self.score_snapshot(id, as_of, Some(&sv))?.1)
    }

    /// The map as scored and its scorecard, computed outside the lock.
    fn score_snapshot(
        &self,
        id: &str,
        as_of: &AsOf,
        covers: Option<&StateVector>,
    ) -> Result<(Arc<Journey>, Scorecard)> {
        let (journey, mut loan) = {
            let mut inner = self.lock();
            let until = Instant::now() + COVER_WAIT;
            let refused = self.refused.load(Ordering::SeqCst);
            while let Some(sv) = covers {
                let have = inner.load(id)?.doc.transact().state_vector();
                let covered = sv.iter().all(|(client, clock)| have.get(client) >= *clock);
                let left = until.saturating_duration_since(Instant::now());
                if covered || left.is_zero() || self.refused.load(Ordering::SeqCst) != refused {
                    break;
                }
                #[cfg(test)]
                tests::while_waiting();
                inner = self
                    .applied
                    .wait_timeout(inner, left)
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
            }
            let view = inner.wave_view(id, as_of)?;
            let open = inner.load(id)?;
            (open.journey.clone(), open.scores.lend(&view))
        };
        #[cfg(test)]
        tests::while_scoring(id);
        let card = loan.score(&journey);
        if let Some(open) = self.lock().maps.get_mut(id) {
            open.scores.give_back(loan);
        }
        Ok((journey, card))
    }

    /// As of the latest wave; see [`Library::score_brief_as_of`].
    pub fn score_brief(&self, id: &str) -> Result<Scorecard> {
        self.score_brief_as_of(id, &AsOf::Latest)
    }

    /// The scorecard without each touchpoint's factors and effort cues: every
    /// figure of [`Library::score_as_of`], a quarter of the size. The editor
    /// asks for it after each edit to repaint the canvas; the factors of one
    /// touchpoint come from [`Library::explain_as_of`].
    pub fn score_brief_as_of(&self, id: &str, as_of: &AsOf) -> Result<Scorecard> {
        let mut card = self.score_as_of(id, as_of)?;
        make_brief(&mut card);
        Ok(card)
    }

    /// The map's pain-point board: its pain points and opportunities, ranked,
    /// with their votes ([`waymark_score::board`]). The app's board, the
    /// report and `waymark board` all show this.
    /// As of the latest wave; see [`Library::board_as_of`].
    pub fn board(&self, id: &str) -> Result<Board> {
        self.board_as_of(id, &AsOf::Latest)
    }

    /// [`Library::board`] ranked on the scores as of a survey wave.
    pub fn board_as_of(&self, id: &str, as_of: &AsOf) -> Result<Board> {
        let (journey, card) = self.score_snapshot(id, as_of, None)?;
        Ok(waymark_score::board(&journey, &card))
    }

    /// As of the latest wave; see [`Library::explain_as_of`].
    pub fn explain(&self, id: &str, touchpoint: &str) -> Result<Explanation> {
        self.explain_as_of(id, touchpoint, &AsOf::Latest)
    }

    /// One touchpoint's score explained: the same numbers as in
    /// [`Library::score_as_of`], plus its survey answers with their
    /// sentiment — those of the wave its score reads when scores are as of
    /// a wave, every wave's when they are pooled.
    pub fn explain_as_of(&self, id: &str, touchpoint: &str, as_of: &AsOf) -> Result<Explanation> {
        let tp: Id = touchpoint
            .parse()
            .map_err(|_| ApiError::Invalid(format!("{touchpoint:?} is not a touchpoint id")))?;
        let (journey, card) = self.score_snapshot(id, as_of, None)?;
        if journey.touchpoint(tp).is_none() {
            return Err(ApiError::NotFound(format!(
                "map {id} has no touchpoint {touchpoint}"
            )));
        }
        let score = card
            .touchpoints
            .into_iter()
            .find(|t| t.id == tp)
            .expect("every touchpoint of the map is scored");
        let mut answers: Vec<waymark_core::SurveyResponse> = journey
            .responses
            .iter()
            .filter(|r| r.touchpoint == tp)
            .cloned()
            .collect();
        let wave = score.wave.as_deref();
        self.lock()
            .store
            .touchpoint_answers(id, touchpoint, |w, a| {
                if wave.is_none_or(|wave| wave == w) {
                    answers.push(a)
                }
            })?;
        let quotes = match wave {
            Some(w) => {
                waymark_core::evidence::pooled(journey.evidence.iter().filter(|e| e.wave == w), tp)
                    .quotes
            }
            None => waymark_core::evidence::pooled(&journey.evidence, tp).quotes,
        };
        let mut responses: Vec<ExplainedResponse> = answers
            .iter()
            .map(|r| {
                let text = r.comment.trim();
                ExplainedResponse {
                    respondent: r.respondent.clone(),
                    date: r.date.clone(),
                    scale: r.scale,
                    value: r.value,
                    comment: r.comment.clone(),
                    sentiment: (!text.is_empty()).then(|| compound(text)),
                    cues: effort_cues(text).into_iter().map(str::to_string).collect(),
                }
            })
            .collect();
        responses.sort_by(|a, b| {
            (a.date.as_str(), a.respondent.as_str(), a.scale).cmp(&(
                b.date.as_str(),
                b.respondent.as_str(),
                b.scale,
            ))
        });
        Ok(Explanation {
            score,
            responses,
            quotes,
        })
    }

    /// Imports survey answers from CSV text (`file_name` names it in errors).
    /// Every problem is reported with its line and nothing is imported when
    /// there is one; answers already in the map (same respondent, touchpoint,
    /// metric and date) are replaced, not counted twice.
    pub fn import_responses(&self, id: &str, file_name: &str, text: &str) -> Result<MergeStats> {
        self.import_responses_mapped(id, file_name, text, None)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc::{channel, Receiver, Sender};
    use std::sync::Mutex;
    use std::time::Duration;

    use waymark_core::synth::{journey, Size};

    use super::*;

    /// A score of the map named here stops once it has its snapshot, says
    /// so, and goes on when told (one score, once).
    type Pause = (String, Sender<()>, Receiver<()>);
    static PAUSE: Mutex<Option<Pause>> = Mutex::new(None);
    /// The paused score was never told to go on (the bound below ran out).
    static GAVE_UP: AtomicBool = AtomicBool::new(false);

    /// Told when a score covering a state starts to wait for it (it holds
    /// the lock until the wait lets it go).
    static WAITING: Mutex<Option<Sender<()>>> = Mutex::new(None);

    pub(super) fn while_waiting() {
        if let Some(waiting) = WAITING.lock().unwrap().take() {
            waiting.send(()).unwrap();
        }
    }

    pub(super) fn while_scoring(id: &str) {
        let pause = {
            let mut p = PAUSE.lock().unwrap();
            match p.as_ref() {
                Some((map, ..)) if map == id => p.take(),
                _ => None,
            }
        };
        if let Some((_, inside, go_on)) = pause {
            inside.send(()).unwrap();
            // Bounded, so that a score blocking the edit fails the test
            // instead of hanging it; not a timing the test depends on.
            if go_on.recv_timeout(Duration::from_secs(60)).is_err() {
                GAVE_UP.store(true, Ordering::SeqCst);
            }
        }
    }

    #[test]
    fn a_running_score_blocks_no_edit() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Arc::new(Library::open(&dir.path().join("lib.db")).unwrap());
        let size = Size {
            stages: 3,
            lanes: 2,
            touchpoints: 30,
            annotations: 10,
        };
        let scored = lib.insert_journey(journey(size, 3)).unwrap();
        let other = lib.create_map(None, Some("Other")).unwrap();
        let before = lib.score(&scored).unwrap();

        let (inside, is_inside) = channel();
        let (go_on, gone_on) = channel();
        *PAUSE.lock().unwrap() = Some((scored.clone(), inside, gone_on));
        let scorer = {
            let (lib, id) = (lib.clone(), scored.clone());
            std::thread::spawn(move || lib.score(&id).unwrap())
        };
        is_inside.recv().unwrap();
        // The score is under way: another map and the scored map itself
        // take edits meanwhile (on the old code these waited for the lock).
        lib.edit(&other, |j| {
            j.title = "Edited while scoring".into();
            Ok(())
        })
        .unwrap();
        let tp = lib.journey(&scored).unwrap().touchpoints[0].id;
        lib.edit(&scored, |j| {
            let t = j.touchpoints.iter_mut().find(|t| t.id == tp).unwrap();
            t.inputs.transfers = Some(t.inputs.transfers.unwrap_or(0) + 3);
            Ok(())
        })
        .unwrap();
        go_on.send(()).unwrap();
        let during = scorer.join().unwrap();
        assert!(
            !GAVE_UP.load(Ordering::SeqCst),
            "the edits waited for the score"
        );

        // The score saw the map as it was when it started…
        assert_eq!(during, before);
        // …and the parts it gave back do not hide the edit.
        let now = lib.journey(&scored).unwrap();
        let after = lib.score(&scored).unwrap();
        assert_eq!(after, waymark_score::score(&now));
        assert_ne!(after, before);
    }

    #[test]
    fn a_score_covering_an_edit_waits_for_the_edit() {
        use yrs::updates::encoder::Encode;
        use yrs::{Doc, ReadTxn, Transact, Update};

        let dir = tempfile::tempdir().unwrap();
        let lib = Arc::new(Library::open(&dir.path().join("lib.db")).unwrap());
        let size = Size {
            stages: 2,
            lanes: 2,
            touchpoints: 10,
            annotations: 0,
        };
        let id = lib.insert_journey(journey(size, 5)).unwrap();
        let before = lib.score(&id).unwrap();

        // An editor's replica makes an edit the library has not seen yet.
        let replica = Doc::new();
        let state = lib.encode_state(&id).unwrap();
        replica
            .transact_mut()
            .apply_update(Update::decode_v1(&state).unwrap())
            .unwrap();
        let mut edited = waymark_core::doc::read_journey(&replica).journey;
        edited.touchpoints[0].inputs.transfers = Some(7);
        let update = {
            let was = waymark_core::doc::read_journey(&replica).journey;
            let mut txn = replica.transact_mut();
            waymark_core::doc::write_journey_diff(&mut txn, &was, &edited);
            txn.encode_update_v1()
        };
        let covers = replica.transact().state_vector().encode_v1();

        // One test at a time sets the hook: both waits below are this one's.
        let (waiting, waits) = channel();
        *WAITING.lock().unwrap() = Some(waiting.clone());
        let scorer = {
            let (lib, id, covers) = (lib.clone(), id.clone(), covers.clone());
            std::thread::spawn(move || lib.score_covering(&id, &AsOf::Latest, &covers).unwrap())
        };
        waits.recv().unwrap();
        lib.apply_update(&id, &update, "ui").unwrap();
        let card = scorer.join().unwrap();
        assert_ne!(card, before);
        assert_eq!(card, waymark_score::score(&lib.journey(&id).unwrap()));

        // A state that never arrives: a refused update lets the score go on.
        let other = Doc::new();
        {
            use yrs::Map;
            let m = other.get_or_insert_map("elsewhere");
            m.insert(&mut other.transact_mut(), "k", 1);
        }
        let never = other.transact().state_vector().encode_v1();
        *WAITING.lock().unwrap() = Some(waiting);
        let scorer = {
            let (lib, id) = (lib.clone(), id.clone());
            std::thread::spawn(move || lib.score_covering(&id, &AsOf::Latest, &never).unwrap())
        };
        waits.recv().unwrap();
        assert!(lib.apply_update(&id, b"not an update", "ui").is_err());
        assert_eq!(scorer.join().unwrap(), card);
    }
}
