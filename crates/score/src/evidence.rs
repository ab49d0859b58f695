//! Sufficient statistics of one touchpoint's answers in one wave: what the
//! map's shared document carries instead of the raw answers (issue 17), and
//! everything the scorecard reads from answers — counts per answer value for
//! each scale, the comments' summed sentiment, how many were negative and
//! which effort cues they mention — plus a few quotes.
//!
//! Valid answers are whole numbers in their scale's range (see
//! `waymark_core::validate`), so a histogram per scale loses nothing the
//! scores need. Statistics of two waves add up; comments are counted once per
//! respondent, date and text within the answers they were made from.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use waymark_core::{Scale, SurveyResponse};

use crate::metrics::{in_scale, Tally};
use crate::sentiment::{compound, effort_cues, CUES, NEGATIVE_COMPOUND};

/// Example comments kept per touchpoint and wave.
pub const QUOTES: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    pub unscored: u64,
    /// Distinct non-empty comments.
    pub comments: u64,
    /// Sum of their VADER compound scores.
    pub sentiment_sum: f64,
    /// Those at or below [`NEGATIVE_COMPOUND`].
    pub negative_comments: u64,
    /// Comments mentioning each cue of [`CUES`], in that order.
    pub effort_cues: [u64; CUES.len()],
    /// Up to [`QUOTES`] comments, the most negative first.
    pub quotes: Vec<String>,
}

/// The histogram bin of `value` on `scale`, if it is a whole in-scale value.
fn bin(scale: Scale, value: f64) -> Option<usize> {
    (in_scale(scale, value) && value.fract() == 0.0).then(|| (value - scale.range().0) as usize)
}

impl AnswerStats {
    /// Statistics of `answers` (one touchpoint's, usually of one wave).
    pub fn from_answers<'a>(answers: impl IntoIterator<Item = &'a SurveyResponse>) -> Self {
        let mut s = AnswerStats::default();
        let mut seen = HashSet::new();
        let mut quotes: Vec<(f64, &str)> = Vec::new();
        for r in answers {
            match bin(r.scale, r.value) {
                Some(i) => s.bins_mut(r.scale)[i] += 1,
                None => s.unscored += 1,
            }
            let text = r.comment.trim();
            if text.is_empty() || !seen.insert((r.respondent.as_str(), r.date.as_str(), text)) {
                continue;
            }
            let c = compound(text);
            s.comments += 1;
            s.sentiment_sum += c;
            if c <= NEGATIVE_COMPOUND {
                s.negative_comments += 1;
            }
            for cue in effort_cues(text) {
                if let Some(k) = CUES.iter().position(|x| *x == cue) {
                    s.effort_cues[k] += 1;
                }
            }
            quotes.push((c, text));
        }
        quotes.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        s.quotes = quotes
            .into_iter()
            .take(QUOTES)
            .map(|(_, t)| t.to_string())
            .collect();
        s
    }

    fn bins_mut(&mut self, scale: Scale) -> &mut [u64] {
        match scale {
            Scale::Nps => &mut self.nps,
            Scale::Csat => &mut self.csat,
            Scale::Ces5 => &mut self.ces5,
            Scale::Ces7 => &mut self.ces7,
            Scale::Emotion => &mut self.emotion,
        }
    }

    /// Pools `other` into these statistics (another wave, another touchpoint).
    pub fn merge(&mut self, other: &AnswerStats) {
        let add = |a: &mut [u64], b: &[u64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.nps, &other.nps);
        add(&mut self.csat, &other.csat);
        add(&mut self.ces5, &other.ces5);
        add(&mut self.ces7, &other.ces7);
        add(&mut self.emotion, &other.emotion);
        add(&mut self.effort_cues, &other.effort_cues);
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
        [
            &self.nps[..],
            &self.csat,
            &self.ces5,
            &self.ces7,
            &self.emotion,
        ]
        .iter()
        .flat_map(|b| b.iter())
        .sum::<u64>()
            + self.unscored
    }

    /// The counts the scorecard's metrics are made from.
    pub fn tally(&self) -> Tally {
        let n = |b: &[u64]| b.iter().sum::<u64>() as usize;
        let range = |b: &[u64], r: std::ops::RangeInclusive<usize>| n(&b[r]);
        let sum = |b: &[u64]| {
            b.iter()
                .enumerate()
                .map(|(i, c)| (i + 1) as f64 * *c as f64)
                .sum::<f64>()
        };
        Tally {
            nps_n: n(&self.nps),
            nps_promoters: range(&self.nps, 9..=10),
            nps_detractors: range(&self.nps, 0..=6),
            csat_n: n(&self.csat),
            csat_satisfied: range(&self.csat, 3..=4),
            csat_dissatisfied: range(&self.csat, 0..=1),
            ces5_n: n(&self.ces5),
            ces5_sum: sum(&self.ces5),
            ces7_n: n(&self.ces7),
            ces7_sum: sum(&self.ces7),
            emotion_n: n(&self.emotion),
            emotion_pos: range(&self.emotion, 3..=4),
            emotion_neg: range(&self.emotion, 0..=1),
            responses: self.answers() as usize,
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(scale: Scale, value: f64, comment: &str) -> SurveyResponse {
        SurveyResponse {
            touchpoint: waymark_core::Id::nil(),
            respondent: format!("r{value}{comment}"),
            date: "2026-01-01".into(),
            scale,
            value,
            comment: comment.into(),
        }
    }

    #[test]
    fn bins_hold_each_scale_from_its_lowest_value() {
        let a = [
            answer(Scale::Nps, 0.0, ""),
            answer(Scale::Nps, 10.0, ""),
            answer(Scale::Csat, 1.0, ""),
            answer(Scale::Emotion, -2.0, ""),
            answer(Scale::Emotion, 2.0, ""),
            answer(Scale::Ces7, 7.0, ""),
            answer(Scale::Ces5, 6.0, ""),
        ];
        let s = AnswerStats::from_answers(&a);
        assert_eq!((s.nps[0], s.nps[10], s.csat[0]), (1, 1, 1));
        assert_eq!((s.emotion[0], s.emotion[4], s.ces7[6]), (1, 1, 1));
        assert_eq!(s.unscored, 1, "CES5 6 is out of scale");
        assert_eq!(s.answers(), 7);
        assert_eq!(s.mean_emotion(), Some(0.0));
    }

    #[test]
    fn quotes_are_real_comments_most_negative_first() {
        let a = [
            answer(Scale::Csat, 5.0, "Lovely, quick and friendly."),
            answer(Scale::Csat, 1.0, "Terrible. I was on hold for an hour."),
            answer(Scale::Csat, 3.0, "It was fine."),
            answer(Scale::Csat, 2.0, "Bad, they transferred me twice."),
        ];
        let s = AnswerStats::from_answers(&a);
        assert_eq!(s.quotes.len(), QUOTES);
        let lowest = a
            .iter()
            .map(|r| compound(&r.comment))
            .fold(f64::MAX, f64::min);
        assert_eq!(compound(&s.quotes[0]), lowest);
        assert!(s.quotes.iter().all(|q| a.iter().any(|r| &r.comment == q)));
        assert_eq!(
            s.effort_cues[CUES.iter().position(|c| *c == "on_hold").unwrap()],
            1
        );
    }
}
