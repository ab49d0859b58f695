//! Scores and survey answers through the library.

use serde::{Deserialize, Serialize};
use waymark_core::{Id, Scale};
use waymark_score::sentiment::{compound, effort_cues};
use waymark_score::{AsOf, Board, MergeStats, Scorecard, TouchpointScore, WaveView};

use crate::{ApiError, Inner, Library, Result};

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

impl Library {
    /// The map's scorecard as of its latest survey wave: every touchpoint,
    /// stage and journey score with its factors. See [`Library::score_as_of`].
    pub fn score(&self, id: &str) -> Result<Scorecard> {
        self.score_as_of(id, &AsOf::Latest)
    }

    /// The map's scorecard as of a survey wave (or every wave pooled). The
    /// app, the report and `waymark score` all call this. Re-scores only the
    /// touchpoints edited since the last request under the same view
    /// ([`crate::score_cache`]).
    pub fn score_as_of(&self, id: &str, as_of: &AsOf) -> Result<Scorecard> {
        let mut inner = self.lock();
        let view = inner.wave_view(id, as_of)?;
        let open = inner.load(id)?;
        Ok(open.scores.score(&open.journey, &view))
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
        for t in &mut card.touchpoints {
            t.factors = Vec::new();
            t.effort_cues = Vec::new();
        }
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
        let mut inner = self.lock();
        let view = inner.wave_view(id, as_of)?;
        let open = inner.load(id)?;
        let card = open.scores.score(&open.journey, &view);
        Ok(waymark_score::board(&open.journey, &card))
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
        let journey = self.journey(id)?;
        let view = self.lock().wave_view(id, as_of)?;
        let tp: Id = touchpoint
            .parse()
            .map_err(|_| ApiError::Invalid(format!("{touchpoint:?} is not a touchpoint id")))?;
        if journey.touchpoint(tp).is_none() {
            return Err(ApiError::NotFound(format!(
                "map {id} has no touchpoint {touchpoint}"
            )));
        }
        let score = waymark_score::score_reusing(&journey, &view, &mut Default::default())
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
