//! 95% intervals of the survey metrics and the one rule that says whether a
//! metric changed between two waves or moved within noise — the rule the
//! CLI's trend, the app and the PDF share (issue 17).
//!
//! * NPS: the Wald interval of a difference of two proportions from one
//!   multinomial sample, ±1.96·√((p₊ + p₋ − (p₊ − p₋)²)/n)·100, clamped to
//!   −100..100.
//! * CSAT (share of 4–5): the Wilson score interval, in percent.
//! * Means (CES, emotion): mean ± 1.96·s/√n from the answers' histogram.

use serde::{Deserialize, Serialize};

use crate::evidence::AnswerStats;

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.96;

/// NPS interval from promoters, detractors and all NPS answers.
pub fn nps_interval(promoters: u64, detractors: u64, n: u64) -> Option<[f64; 2]> {
    if n == 0 {
        return None;
    }
    let (p, d) = (promoters as f64 / n as f64, detractors as f64 / n as f64);
    let nps = p - d;
    let half = Z95 * ((p + d - nps * nps).max(0.0) / n as f64).sqrt();
    Some([
        ((nps - half) * 100.0).max(-100.0),
        ((nps + half) * 100.0).min(100.0),
    ])
}

/// Wilson score interval of `successes` out of `n`, in percent.
pub fn wilson_interval(successes: u64, n: u64) -> Option<[f64; 2]> {
    if n == 0 {
        return None;
    }
    let (n, p) = (n as f64, successes as f64 / n as f64);
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some([
        ((centre - half) * 100.0).max(0.0),
        ((centre + half) * 100.0).min(100.0),
    ])
}

/// Normal interval of the mean of a histogram whose bin `i` holds the value
/// `lowest + i`; `None` under two answers (no spread to measure).
pub fn mean_interval(bins: &[u64], lowest: f64) -> Option<[f64; 2]> {
    let n: u64 = bins.iter().sum();
    if n < 2 {
        return None;
    }
    let value = |i: usize| lowest + i as f64;
    let mean = bins
        .iter()
        .enumerate()
        .map(|(i, c)| value(i) * *c as f64)
        .sum::<f64>()
        / n as f64;
    let var = bins
        .iter()
        .enumerate()
        .map(|(i, c)| (value(i) - mean).powi(2) * *c as f64)
        .sum::<f64>()
        / (n - 1) as f64;
    let half = Z95 * (var / n as f64).sqrt();
    Some([mean - half, mean + half])
}

/// Intervals of each metric of one set of answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Intervals {
    pub nps: Option<[f64; 2]>,
    pub csat: Option<[f64; 2]>,
    pub ces5: Option<[f64; 2]>,
    pub ces7: Option<[f64; 2]>,
    /// Of the mean emotion answer, −2..2.
    pub emotion: Option<[f64; 2]>,
}

impl Intervals {
    pub fn of(s: &AnswerStats) -> Self {
        let t = crate::evidence::tally(s);
        Intervals {
            nps: nps_interval(
                t.nps_promoters as u64,
                t.nps_detractors as u64,
                t.nps_n as u64,
            ),
            csat: wilson_interval(t.csat_satisfied as u64, t.csat_n as u64),
            ces5: mean_interval(&s.ces5, 1.0),
            ces7: mean_interval(&s.ces7, 1.0),
            emotion: mean_interval(&s.emotion, -2.0),
        }
    }
}

/// How a metric moved from one wave to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The later interval lies wholly above the earlier one.
    Rose,
    /// The later interval lies wholly below the earlier one.
    Fell,
    /// The intervals overlap: the difference may be noise.
    WithinNoise,
    /// One of the waves has no interval (no or too few answers).
    NotMeasured,
}

/// The rule: a change is a change only when the two 95% intervals do not
/// overlap. This is stricter than asking whether the difference's own
/// interval excludes 0 (non-overlap implies that, not the reverse), so what
/// it calls a change is one at well beyond the 95% level; it needs nothing
/// but the intervals shown to the reader, who can check it by eye.
/// Whether rising is better is the caller's to say (CES 1–5 is effort).
pub fn change(before: Option<[f64; 2]>, after: Option<[f64; 2]>) -> Change {
    match (before, after) {
        (Some([blo, bhi]), Some([alo, ahi])) => {
            if alo > bhi {
                Change::Rose
            } else if ahi < blo {
                Change::Fell
            } else {
                Change::WithinNoise
            }
        }
        _ => Change::NotMeasured,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 2], b: [f64; 2]) {
        assert!(
            (a[0] - b[0]).abs() < 0.01 && (a[1] - b[1]).abs() < 0.01,
            "{a:?} vs {b:?}"
        );
    }

    #[test]
    fn nps_interval_by_hand() {
        // 50 promoters, 20 detractors, 100 answers: NPS 30,
        // √((0.5 + 0.2 − 0.09)/100) = 0.0781, ×1.96 = 15.31 points.
        close(nps_interval(50, 20, 100).unwrap(), [14.69, 45.31]);
        // All promoters: no spread, the interval is the point.
        close(nps_interval(10, 0, 10).unwrap(), [100.0, 100.0]);
        assert_eq!(nps_interval(0, 0, 0), None);
    }

    #[test]
    fn wilson_interval_by_hand() {
        // 8 of 10: Wilson gives 49.02%–94.33%.
        close(wilson_interval(8, 10).unwrap(), [49.02, 94.33]);
        // 0 of 5 stays within 0..100 and is not a point.
        let [lo, hi] = wilson_interval(0, 5).unwrap();
        assert_eq!(lo, 0.0);
        assert!(hi > 40.0 && hi < 45.0, "{hi}");
    }

    #[test]
    fn mean_interval_by_hand() {
        // Values 1, 3 (bins 0 and 2): mean 2, s = √2, half = 1.96·√2/√2.
        close(mean_interval(&[1, 0, 1], 1.0).unwrap(), [0.04, 3.96]);
        assert_eq!(mean_interval(&[1, 0, 0], 1.0), None);
    }

    #[test]
    fn a_change_needs_intervals_apart() {
        assert_eq!(change(Some([10.0, 20.0]), Some([21.0, 30.0])), Change::Rose);
        assert_eq!(change(Some([10.0, 20.0]), Some([0.0, 9.0])), Change::Fell);
        assert_eq!(
            change(Some([10.0, 20.0]), Some([19.0, 30.0])),
            Change::WithinNoise
        );
        assert_eq!(change(None, Some([0.0, 1.0])), Change::NotMeasured);
        // Same NPS rising from 10 to 40 on 30 answers is noise, on 3000 not.
        let small = change(nps_interval(10, 7, 30), nps_interval(16, 4, 30));
        let large = change(nps_interval(1000, 700, 3000), nps_interval(1600, 400, 3000));
        assert_eq!((small, large), (Change::WithinNoise, Change::Rose));
    }
}
