//! Additive explanations. A score is the sum of its factors' points, so a
//! reader can see exactly how much each input moved it and a designer can
//! tell which fix buys the most.

use crate::scorecard::{Factor, ScoreKind, Source};

/// One input of a score before weighting.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub factor: &'static str,
    pub raw: f64,
    pub normalized: f64,
    pub weight: f64,
    pub n: Option<usize>,
    pub source: Source,
}

/// Weighted mean of the terms present, as factors whose points add up to it.
///
/// Points are `normalized × weight / Σ weight` and the score is *defined* as
/// the left-to-right sum of those points, rather than computed separately as
/// `Σ(normalized × weight) / Σ weight`: the two differ in the last bits, and
/// the promise is that the points sum to the score. `None` when no term has
/// weight, since a weighted mean of nothing is not zero.
pub(crate) fn combine(kind: ScoreKind, terms: &[Term]) -> (Option<f64>, Vec<Factor>) {
    let total: f64 = terms.iter().map(|t| t.weight.max(0.0)).sum();
    if terms.is_empty() || total <= 0.0 || !total.is_finite() {
        return (None, Vec::new());
    }
    let factors: Vec<Factor> = terms
        .iter()
        .map(|t| {
            let weight = t.weight.max(0.0);
            Factor {
                factor: t.factor.to_string(),
                score: kind,
                raw: t.raw,
                normalized: t.normalized,
                weight,
                points: t.normalized * weight / total,
                n: t.n,
                source: t.source,
            }
        })
        .collect();
    let score = factors.iter().fold(0.0, |acc, f| acc + f.points);
    (Some(score), factors)
}

/// The weight of the factors present (for coverage).
pub(crate) fn weight_present(terms: &[Term]) -> f64 {
    terms.iter().map(|t| t.weight.max(0.0)).sum()
}
