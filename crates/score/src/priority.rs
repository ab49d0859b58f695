//! Priority as people read it. Two figures, one rule:
//!
//! * **impact** (the absolute figure): reach share × friction/100 × (1 −
//!   emotion/100)/2 × 100 — the touchpoint's part of the journey's possible
//!   pain; a map's impacts add up to at most 100, so on a map of 30 cards
//!   they are small numbers like 0.32;
//! * **priority** 0–100 relative to the map: impact ÷ the top impact × 100,
//!   a whole number, so the top item reads 100 (only it), and a positive
//!   impact never reads 0.
//!
//! The scorecard carries both; the board, the PDF, the deck, the
//! presentation and the CLI print `priority` as it is and rank by impact.

use std::cmp::Ordering;

use crate::scorecard::TouchpointScore;

/// Impact (absolute priority), see the module header.
///
/// Friction says how hard the touchpoint is, the emotion term (1 at −100, 0
/// at +100) how much it hurts, the reach share how many customers feel it.
/// Missing emotion counts as neutral (0, i.e. a factor of ½); missing friction
/// means there is nothing to prioritise, so `None`.
pub fn impact(reach_share: f64, friction: Option<f64>, emotion: Option<f64>) -> Option<f64> {
    let f = friction?;
    let e = emotion.unwrap_or(0.0);
    Some(reach_share * f / 100.0 * (1.0 - e / 100.0) / 2.0 * 100.0)
}

/// The 0–100 priority of `impact` on a map whose highest impact is `top`:
/// rounded to a whole number, at least 1 for any positive impact (a small
/// but real pain never reads "priority 0") and at most 99 below the top (only
/// the top item reads 100), 0 for none, `None` without an impact.
pub fn relative(impact: Option<f64>, top: f64) -> Option<u8> {
    let i = impact?;
    // NaN and non-positive figures alike: nothing to rank.
    let positive = |v: f64| v.is_finite() && v > 0.0;
    if !positive(i) || !positive(top) {
        return Some(0);
    }
    let most = if i >= top { 100.0 } else { 99.0 };
    Some((i / top * 100.0).round().clamp(1.0, most) as u8)
}

/// The map's top impact (0 when none is positive).
pub fn top_impact(touchpoints: &[TouchpointScore]) -> f64 {
    touchpoints
        .iter()
        .filter_map(|t| t.impact)
        .filter(|i| i.is_finite())
        .fold(0.0, f64::max)
}

/// Sets every touchpoint's priority from its impact and sorts them highest
/// impact first, those without one last; the sort is stable, so ties keep
/// the order they came in (journey order).
pub(crate) fn rank(touchpoints: &mut [TouchpointScore]) {
    let top = top_impact(touchpoints);
    for t in touchpoints.iter_mut() {
        t.priority = relative(t.impact, top);
    }
    touchpoints.sort_by(|a, b| by_impact(a.impact, b.impact));
}

/// Highest impact first, none last.
pub fn by_impact(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_item_reads_100_and_a_small_one_never_reads_0() {
        assert_eq!(relative(Some(0.94), 0.94), Some(100));
        assert_eq!(relative(Some(0.32), 0.94), Some(34));
        assert_eq!(relative(Some(0.001), 0.94), Some(1));
        // Just below the top reads 99, not a second 100.
        assert_eq!(relative(Some(0.9399), 0.94), Some(99));
        assert_eq!(relative(Some(0.0), 0.94), Some(0));
        assert_eq!(relative(Some(0.0), 0.0), Some(0));
        assert_eq!(relative(None, 0.94), None);
    }

    #[test]
    fn impact_is_reach_friction_and_hurt() {
        // 0.375 × 0.8 × (1 + 0.5)/2 × 100 = 22.5
        let i = impact(0.375, Some(80.0), Some(-50.0)).unwrap();
        assert!((i - 22.5).abs() < 1e-9);
        assert_eq!(impact(0.5, None, Some(-100.0)), None);
    }
}
