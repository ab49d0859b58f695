//! Survey evidence as the shared document carries it (issue 17): per
//! touchpoint and wave, the sufficient statistics of the raw answers —
//! counts per answer value on each scale, the comments' summed sentiment,
//! how many were negative, which effort cues they mention — and a few
//! quotes. The raw answers live in the library's tables; every score the
//! scorecard makes from answers it can make from these (see
//! `waymark_score::evidence`, which builds them and holds the equality test).
//!
//! Valid answers are whole numbers in their scale's range, so a histogram
//! per scale loses nothing. Statistics add up ([`AnswerStats::merge`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Id;

/// Example comments kept per touchpoint and wave.
pub const QUOTES: usize = 3;

/// Longest quote kept, in characters.
pub const QUOTE_CHARS: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerStats {
    /// Answers per NPS score 0..=10.
    pub nps: [u64; 11],
    /// Answers per CSAT score 1..=5 (index 0 is 1).
    pub csat: [u64; 5],
    /// Answers per CES score 1..=5.
    pub ces5: [u64; 5],
    /// Answers per CES score 1..=7.
    pub ces7: [u64; 7],
    /// Answers per emotion −2..=2 (index 0 is −2).
    pub emotion: [u64; 5],
    /// Answers kept out of every metric: out of scale or not whole.
    #[serde(default)]
    pub unscored: u64,
    /// Distinct non-empty comments.
    #[serde(default)]
    pub comments: u64,
    /// Sum of their VADER compound scores.
    #[serde(default)]
    pub sentiment_sum: f64,
    /// Those at or below the negative cut-off.
    #[serde(default)]
    pub negative_comments: u64,
    /// Comments mentioning each effort cue, by the cue's name (a name keeps
    /// the document readable when the list of cues grows).
    #[serde(default)]
    pub effort_cues: BTreeMap<String, u64>,
    /// Up to [`QUOTES`] real comments, the most negative first.
    #[serde(default)]
    pub quotes: Vec<String>,
}

impl AnswerStats {
    /// Pools `other` into these statistics (another wave, another touchpoint).
    pub fn merge(&mut self, other: &AnswerStats) {
        let add = |a: &mut [u64], b: &[u64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.nps, &other.nps);
        add(&mut self.csat, &other.csat);
        add(&mut self.ces5, &other.ces5);
        add(&mut self.ces7, &other.ces7);
        add(&mut self.emotion, &other.emotion);
        for (cue, n) in &other.effort_cues {
            *self.effort_cues.entry(cue.clone()).or_default() += n;
        }
        self.unscored += other.unscored;
        self.comments += other.comments;
        self.sentiment_sum += other.sentiment_sum;
        self.negative_comments += other.negative_comments;
        for q in &other.quotes {
            if self.quotes.len() < QUOTES && !self.quotes.contains(q) {
                self.quotes.push(q.clone());
            }
        }
    }

    /// All answers, scored or not.
    pub fn answers(&self) -> u64 {
        self.histograms().iter().flat_map(|b| b.iter()).sum::<u64>() + self.unscored
    }

    fn histograms(&self) -> [&[u64]; 5] {
        [&self.nps, &self.csat, &self.ces5, &self.ces7, &self.emotion]
    }

    /// Mean comment sentiment, −1..1.
    pub fn mean_sentiment(&self) -> Option<f64> {
        (self.comments > 0).then(|| self.sentiment_sum / self.comments as f64)
    }

    /// Share of comments that are negative, 0..1.
    pub fn negative_comment_share(&self) -> Option<f64> {
        (self.comments > 0).then(|| self.negative_comments as f64 / self.comments as f64)
    }

    /// Mean emotion answer, −2..2.
    pub fn mean_emotion(&self) -> Option<f64> {
        let n: u64 = self.emotion.iter().sum();
        (n > 0).then(|| {
            self.emotion
                .iter()
                .enumerate()
                .map(|(i, c)| (i as f64 - 2.0) * *c as f64)
                .sum::<f64>()
                / n as f64
        })
    }

    /// What makes these statistics impossible (a hostile or buggy peer
    /// wrote them), if anything: they are then hidden, never mended, since
    /// mending would invent evidence.
    pub fn impossible(&self) -> Option<String> {
        if !self.sentiment_sum.is_finite() || self.sentiment_sum.abs() > self.comments as f64 + 1e-6
        {
            return Some(format!(
                "sentiment sum {} is not within ±{} comments",
                self.sentiment_sum, self.comments
            ));
        }
        if self.negative_comments > self.comments {
            return Some("more negative comments than comments".into());
        }
        if let Some((cue, n)) = self.effort_cues.iter().find(|(_, n)| **n > self.comments) {
            return Some(format!(
                "cue {cue} counted in {n} of {} comments",
                self.comments
            ));
        }
        if self.quotes.len() > QUOTES || self.quotes.iter().any(|q| q.chars().count() > QUOTE_CHARS)
        {
            return Some(format!(
                "at most {QUOTES} quotes of {QUOTE_CHARS} characters are kept"
            ));
        }
        if self
            .histograms()
            .iter()
            .flat_map(|b| b.iter())
            .chain([&self.unscored])
            .try_fold(0u64, |a, n| a.checked_add(*n))
            .is_none()
        {
            return Some("answer counts overflow".into());
        }
        None
    }
}

/// One touchpoint's evidence from one wave, as the document holds it under
/// [`WaveEvidence::key`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaveEvidence {
    pub touchpoint: Id,
    /// The wave's label.
    pub wave: String,
    pub stats: AnswerStats,
}

impl WaveEvidence {
    /// The identity key, also the entry's key in the document.
    pub fn key(&self) -> String {
        key(self.touchpoint, &self.wave)
    }
}

/// The document key of `touchpoint`'s evidence from `wave`.
pub fn key(touchpoint: Id, wave: &str) -> String {
    format!("{touchpoint}|{wave}")
}

/// The statistics of `touchpoint` pooled over every wave of `evidence`.
pub fn pooled<'a>(
    evidence: impl IntoIterator<Item = &'a WaveEvidence>,
    touchpoint: Id,
) -> AnswerStats {
    let mut s = AnswerStats::default();
    for e in evidence.into_iter().filter(|e| e.touchpoint == touchpoint) {
        s.merge(&e.stats);
    }
    s
}
