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

pub use waymark_core::evidence::{AnswerStats, WaveEvidence, QUOTES, QUOTE_CHARS};
use waymark_core::{Id, Journey, Scale, SurveyResponse};

use crate::metrics::{in_scale, Tally};
use crate::sentiment::{compound, effort_cues, NEGATIVE_COMPOUND};

/// The histogram bin of `value` on `scale`, if it is a whole in-scale value.
fn bin(scale: Scale, value: f64) -> Option<usize> {
    (in_scale(scale, value) && value.fract() == 0.0).then(|| (value - scale.range().0) as usize)
}

fn bins_mut(s: &mut AnswerStats, scale: Scale) -> &mut [u64] {
    match scale {
        Scale::Nps => &mut s.nps,
        Scale::Csat => &mut s.csat,
        Scale::Ces5 => &mut s.ces5,
        Scale::Ces7 => &mut s.ces7,
        Scale::Emotion => &mut s.emotion,
    }
}

/// A quote as the document keeps it: whole, or cut at [`QUOTE_CHARS`].
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS - 1) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Statistics of `answers` (one touchpoint's, usually of one wave). A
/// comment is counted once per respondent, date and text: the same comment
/// is often repeated on each metric row of one survey.
pub fn stats_of<'a>(answers: impl IntoIterator<Item = &'a SurveyResponse>) -> AnswerStats {
    let mut s = AnswerStats::default();
    let mut seen = HashSet::new();
    let mut quotes: Vec<(f64, &str)> = Vec::new();
    for r in answers {
        match bin(r.scale, r.value) {
            Some(i) => bins_mut(&mut s, r.scale)[i] += 1,
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
            *s.effort_cues.entry(cue.to_string()).or_default() += 1;
        }
        quotes.push((c, text));
    }
    quotes.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    quotes.dedup_by(|a, b| a.1 == b.1);
    s.quotes = quotes
        .into_iter()
        .take(QUOTES)
        .map(|(_, t)| quote(t))
        .collect();
    s
}

/// Every touchpoint's evidence in `journey`: the statistics its document
/// carries pooled over the waves, plus those of raw answers it still holds
/// (a map from an old file or a test). The scorecard reads nothing else of
/// the answers.
pub fn journey_stats(journey: &Journey) -> std::collections::HashMap<Id, AnswerStats> {
    let mut raw: std::collections::HashMap<Id, Vec<&SurveyResponse>> = Default::default();
    for r in &journey.responses {
        raw.entry(r.touchpoint).or_default().push(r);
    }
    let mut out: std::collections::HashMap<Id, AnswerStats> = raw
        .into_iter()
        .map(|(t, answers)| (t, stats_of(answers)))
        .collect();
    for e in &journey.evidence {
        out.entry(e.touchpoint).or_default().merge(&e.stats);
    }
    out
}

/// The counts the scorecard's metrics are made from.
pub fn tally(s: &AnswerStats) -> Tally {
    let n = |b: &[u64]| b.iter().sum::<u64>() as usize;
    let range = |b: &[u64], r: std::ops::RangeInclusive<usize>| n(&b[r]);
    let sum = |b: &[u64]| {
        b.iter()
            .enumerate()
            .map(|(i, c)| (i + 1) as f64 * *c as f64)
            .sum::<f64>()
    };
    Tally {
        nps_n: n(&s.nps),
        nps_promoters: range(&s.nps, 9..=10),
        nps_detractors: range(&s.nps, 0..=6),
        csat_n: n(&s.csat),
        csat_satisfied: range(&s.csat, 3..=4),
        csat_dissatisfied: range(&s.csat, 0..=1),
        ces5_n: n(&s.ces5),
        ces5_sum: sum(&s.ces5),
        ces7_n: n(&s.ces7),
        ces7_sum: sum(&s.ces7),
        emotion_n: n(&s.emotion),
        emotion_pos: range(&s.emotion, 3..=4),
        emotion_neg: range(&s.emotion, 0..=1),
        responses: s.answers() as usize,
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
        let s = stats_of(&a);
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
        let s = stats_of(&a);
        assert_eq!(s.quotes.len(), QUOTES);
        let lowest = a
            .iter()
            .map(|r| compound(&r.comment))
            .fold(f64::MAX, f64::min);
        assert_eq!(compound(&s.quotes[0]), lowest);
        assert!(s.quotes.iter().all(|q| a.iter().any(|r| &r.comment == q)));
        assert_eq!(s.effort_cues.get("on_hold"), Some(&1));
    }
}
