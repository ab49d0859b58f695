//! Emotion, −100..100: how the touchpoint feels, as a weighted mean of survey
//! net sentiment, comment sentiment and the designer's rating — whichever are
//! present.

use waymark_core::{Nature, Settings, TouchpointInputs};

use crate::explain::{combine, missing, weight_present, Term};
use crate::metrics::Tally;
use crate::scorecard::{Factor, Label, MissingFactor, ScoreKind, Source};

#[derive(Debug, Clone)]
pub struct Emotion {
    pub score: Option<f64>,
    pub factors: Vec<Factor>,
    pub weight_present: f64,
    /// Factors with weight that had no data (with a score only).
    pub missing: Vec<MissingFactor>,
}

/// Within this distance of zero an emotion is labelled neutral: one step on a
/// five-point scale is 50 points, so ±10 is well inside answer noise.
pub const NEUTRAL_BAND: f64 = 10.0;

pub fn label(emotion: Option<f64>, nature: Nature) -> Option<Label> {
    let e = emotion?;
    Some(if e >= NEUTRAL_BAND {
        match nature {
            Nature::Service => Label::Relief,
            Nature::Experience => Label::Delight,
        }
    } else if e <= -NEUTRAL_BAND {
        match nature {
            Nature::Service => Label::Frustration,
            Nature::Experience => Label::Disappointment,
        }
    } else {
        Label::Neutral
    })
}

/// `comments`: how many distinct non-empty comments the touchpoint has and
/// the sum of their VADER compound scores.
pub(crate) fn emotion(
    tally: &Tally,
    comments: (u64, f64),
    inputs: &TouchpointInputs,
    settings: &Settings,
) -> Emotion {
    let w = &settings.emotion_weights;
    let mut terms = Vec::new();
    // CSAT 4–5 and emotion > 0 are positive, CSAT 1–2 and emotion < 0
    // negative, the middle answers count in the denominator only.
    let n = tally.csat_n + tally.emotion_n;
    if n > 0 {
        let pos = (tally.csat_satisfied + tally.emotion_pos) as f64;
        let neg = (tally.csat_dissatisfied + tally.emotion_neg) as f64;
        let net = (pos - neg) / n as f64;
        terms.push(Term {
            factor: "survey_net",
            raw: net,
            normalized: net * 100.0,
            weight: w.survey,
            n: Some(n),
            source: Source::Survey,
            unit: "net share of answers, -1..1",
        });
    }
    if comments.0 > 0 {
        let mean = comments.1 / comments.0 as f64;
        terms.push(Term {
            factor: "comment_sentiment",
            raw: mean,
            normalized: mean * 100.0,
            weight: w.sentiment,
            n: Some(comments.0 as usize),
            source: Source::Comments,
            unit: "mean VADER compound, -1..1",
        });
    }
    if let Some(rating) = inputs.emotion {
        let rating = f64::from(rating.clamp(-2, 2));
        terms.push(Term {
            factor: "designer_rating",
            raw: rating,
            normalized: rating * 50.0,
            weight: w.designer,
            n: None,
            source: Source::Designer,
            unit: "rating, -2..2",
        });
    }
    let weight_present = weight_present(&terms);
    let (score, factors) = combine(ScoreKind::Emotion, &terms);
    let missing = if score.is_some() {
        let configured = [
            ("survey_net", w.survey),
            ("comment_sentiment", w.sentiment),
            ("designer_rating", w.designer),
        ];
        missing(ScoreKind::Emotion, &configured, &factors)
    } else {
        Vec::new()
    };
    Emotion {
        score,
        factors,
        weight_present,
        missing,
    }
}
