//! Whether the journey and each touchpoint meet their KPI targets (issue
//! 17): the one rule the scorecard, the trend, the app, the PDF and the CLI
//! show. A target is met when the figure reaches it, not met when it does
//! not, and not measured when there is no figure (no answers, no inputs).
//! The point estimate decides: the trend's intervals say separately whether
//! a move between waves is beyond noise.

use serde::{Deserialize, Serialize};
use waymark_core::{Kpi, KpiTarget, Targets};

use crate::Ces;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Met,
    NotMet,
    NotMeasured,
}

impl TargetStatus {
    /// In words, for the PDF and the CLI.
    pub fn words(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::NotMet => "not met",
            TargetStatus::NotMeasured => "not measured",
        }
    }
}

/// One target with the figure it was checked against.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TargetCheck {
    pub kpi: Kpi,
    pub target: KpiTarget,
    pub value: Option<f64>,
    pub status: TargetStatus,
}

impl TargetCheck {
    /// "NPS ≥ 30: met (34)".
    pub fn sentence(&self) -> String {
        let digits = if self.kpi == Kpi::Ces { 1 } else { 0 };
        let value = self
            .value
            .map_or(String::new(), |v| format!(" ({v:.digits$})"));
        format!(
            "{} {}: {}{value}",
            self.kpi,
            self.target,
            self.status.words()
        )
    }
}

/// A target with its figure and status, worded once for the board, the deck
/// and the PDF: "NPS 12 · target ≥ 30 not met". `of` names a stage's target
/// ("Stage Onboarding: …"); a touchpoint's own has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TargetNote {
    pub check: TargetCheck,
    pub text: String,
}

impl TargetCheck {
    /// "NPS 12 · target ≥ 30 not met", "CES – · target ≤ 2.5 not measured".
    pub fn brief(&self) -> String {
        let digits = if self.kpi == Kpi::Ces { 1 } else { 0 };
        let value = self
            .value
            .filter(|v| v.is_finite())
            .map_or("–".to_string(), |v| format!("{v:.digits$}"));
        format!(
            "{} {value} · target {} {}",
            self.kpi,
            self.target,
            self.status.words()
        )
    }
}

impl TargetNote {
    pub fn new(check: TargetCheck, of: Option<&str>) -> TargetNote {
        let text = match of {
            Some(name) => format!("{name}: {}", check.brief()),
            None => check.brief(),
        };
        TargetNote { check, text }
    }
}

/// The status of `target` for the figure `value`.
pub fn status(target: KpiTarget, value: Option<f64>) -> TargetStatus {
    match value {
        Some(v) if v.is_finite() => {
            if target.met_by(v) {
                TargetStatus::Met
            } else {
                TargetStatus::NotMet
            }
        }
        _ => TargetStatus::NotMeasured,
    }
}

/// The figures targets are checked against.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KpiValues {
    pub nps: Option<f64>,
    pub csat: Option<f64>,
    pub ces: Ces,
    pub friction: Option<f64>,
    pub emotion: Option<f64>,
}

impl KpiValues {
    /// The figure of `kpi`; CES on the scale its answers use (1–5 when
    /// there are any, else 1–7).
    pub fn get(&self, kpi: Kpi) -> Option<f64> {
        match kpi {
            Kpi::Nps => self.nps,
            Kpi::Csat => self.csat,
            Kpi::Ces => self.ces.ces5.or(self.ces.ces7),
            Kpi::Friction => self.friction,
            Kpi::Emotion => self.emotion,
        }
    }
}

/// Every target set, checked, in KPI order.
pub fn check(targets: &Targets, values: &KpiValues) -> Vec<TargetCheck> {
    targets
        .iter()
        .map(|(kpi, target)| {
            let value = values.get(kpi);
            TargetCheck {
                kpi,
                target,
                value,
                status: status(target, value),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::Direction;

    fn t(direction: Direction, value: f64) -> KpiTarget {
        KpiTarget { direction, value }
    }

    #[test]
    fn met_not_met_not_measured() {
        let at_least_30 = t(Direction::AtLeast, 30.0);
        assert_eq!(status(at_least_30, Some(30.0)), TargetStatus::Met);
        assert_eq!(status(at_least_30, Some(29.9)), TargetStatus::NotMet);
        assert_eq!(status(at_least_30, None), TargetStatus::NotMeasured);
        assert_eq!(
            status(at_least_30, Some(f64::NAN)),
            TargetStatus::NotMeasured
        );
        let at_most_40 = t(Direction::AtMost, 40.0);
        assert_eq!(status(at_most_40, Some(12.0)), TargetStatus::Met);
        assert_eq!(status(at_most_40, Some(41.0)), TargetStatus::NotMet);
    }

    #[test]
    fn ces_is_checked_on_the_scale_answered_and_checks_keep_kpi_order() {
        let targets = Targets {
            emotion: Some(t(Direction::AtLeast, 0.0)),
            ces: Some(t(Direction::AtMost, 2.5)),
            nps: Some(t(Direction::AtLeast, 30.0)),
            ..Targets::default()
        };
        let values = KpiValues {
            nps: Some(34.0),
            ces: Ces {
                ces5: None,
                ces7: Some(2.0),
            },
            ..KpiValues::default()
        };
        let checks = check(&targets, &values);
        let kpis: Vec<Kpi> = checks.iter().map(|c| c.kpi).collect();
        assert_eq!(kpis, [Kpi::Nps, Kpi::Ces, Kpi::Emotion]);
        assert_eq!(checks[0].sentence(), "NPS ≥ 30: met (34)");
        assert_eq!(checks[1].status, TargetStatus::Met);
        assert_eq!(checks[2].sentence(), "Emotion ≥ 0: not measured");
        assert_eq!(checks[0].brief(), "NPS 34 · target ≥ 30 met");
        assert_eq!(checks[2].brief(), "Emotion – · target ≥ 0 not measured");
        assert_eq!(
            TargetNote::new(checks[1], Some("Stage Apply")).text,
            "Stage Apply: CES 2.0 · target ≤ 2.5 met"
        );
    }
}
