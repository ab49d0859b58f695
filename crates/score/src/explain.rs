//! Additive explanations. A score is the sum of its factors' points, so a
//! reader can see exactly how much each input moved it and a designer can
//! tell which fix buys the most.
//!
//! A factor that was not measured is left out of the mean rather than
//! counted as zero (an unmeasured wait is not a short one); its weight is
//! then shared by the measured factors in proportion to their own weights.
//! Each factor carries that share, and the score names the missing factors,
//! so removing a measurement moves the score by an amount the reader can
//! trace: the remaining factors' shares grew, and the explanation says so.

use crate::scorecard::{Factor, MissingFactor, ScoreKind, Source};

/// One input of a score before weighting.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub factor: &'static str,
    pub raw: f64,
    pub normalized: f64,
    pub weight: f64,
    pub n: Option<usize>,
    pub source: Source,
    /// What `raw` is measured in ("minutes", "CES5 mean 1–5", ...).
    pub unit: &'static str,
}

/// Weighted mean of the terms present, as factors whose points add up to it.
///
/// Points are `normalized × share`, `share = weight / Σ weight present`, and
/// the score is *defined* as the left-to-right sum of those points, rather
/// than computed separately as `Σ(normalized × weight) / Σ weight`: the two
/// differ in the last bits, and the promise is that the points sum to the
/// score. `None` when no term has weight, since a weighted mean of nothing
/// is not zero.
pub(crate) fn combine(kind: ScoreKind, terms: &[Term]) -> (Option<f64>, Vec<Factor>) {
    let total: f64 = terms.iter().map(|t| t.weight.max(0.0)).sum();
    if terms.is_empty() || total <= 0.0 || !total.is_finite() {
        return (None, Vec::new());
    }
    let factors: Vec<Factor> = terms
        .iter()
        .map(|t| {
            let weight = t.weight.max(0.0);
            let share = weight / total;
            Factor {
                factor: t.factor.to_string(),
                score: kind,
                raw: t.raw,
                unit: t.unit.to_string(),
                normalized: t.normalized,
                weight,
                share,
                points: t.normalized * share,
                n: t.n,
                source: t.source,
            }
        })
        .collect();
    let score = factors.iter().fold(0.0, |acc, f| acc + f.points);
    (Some(score), factors)
}

/// The configured factors of a score (with weight > 0) that `present` does
/// not hold: what was not measured, whose weight the others took over.
pub(crate) fn missing(
    kind: ScoreKind,
    configured: &[(&'static str, f64)],
    present: &[Factor],
) -> Vec<MissingFactor> {
    configured
        .iter()
        .filter(|(name, w)| *w > 0.0 && !present.iter().any(|f| f.factor == *name))
        .map(|(name, w)| MissingFactor {
            factor: name.to_string(),
            score: kind,
            weight: *w,
        })
        .collect()
}

/// The weight of the factors present (for coverage).
pub(crate) fn weight_present(terms: &[Term]) -> f64 {
    terms.iter().map(|t| t.weight.max(0.0)).sum()
}
