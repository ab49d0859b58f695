//! Targets per KPI ("NPS ≥ 30", "friction ≤ 40") for the journey and any
//! touchpoint (issue 17). They live in the map's document (`meta.targets`
//! and each touchpoint's `targets`, nested Y.Maps with one plain value per
//! KPI) so collaborators see the same goals. Whether a target is met is the
//! scoring engine's to say (`waymark_score::targets`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::schema::Range;

/// The figures a target can be set on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    Nps,
    Csat,
    /// On the scale the answers use (1–5 or 1–7; lower is less effort).
    Ces,
    Friction,
    Emotion,
}

impl Kpi {
    pub const ALL: [Kpi; 5] = [Kpi::Nps, Kpi::Csat, Kpi::Ces, Kpi::Friction, Kpi::Emotion];

    pub fn as_str(self) -> &'static str {
        match self {
            Kpi::Nps => "nps",
            Kpi::Csat => "csat",
            Kpi::Ces => "ces",
            Kpi::Friction => "friction",
            Kpi::Emotion => "emotion",
        }
    }

    /// How people write it: "NPS", "CSAT", …
    pub fn label(self) -> &'static str {
        match self {
            Kpi::Nps => "NPS",
            Kpi::Csat => "CSAT",
            Kpi::Ces => "CES",
            Kpi::Friction => "Friction",
            Kpi::Emotion => "Emotion",
        }
    }

    pub fn parse(s: &str) -> Option<Kpi> {
        Kpi::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The values a target on this KPI may take: the KPI's own range.
    pub fn range(self) -> Range {
        let (min, max) = match self {
            Kpi::Nps | Kpi::Emotion => (-100.0, 100.0),
            Kpi::Csat | Kpi::Friction => (0.0, 100.0),
            Kpi::Ces => (1.0, 7.0),
        };
        Range {
            min,
            max,
            integer: false,
        }
    }

    /// Whether a higher value is better (CES and friction: lower is).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Kpi::Ces | Kpi::Friction)
    }
}

impl fmt::Display for Kpi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which side of the value is the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// ≥ value
    AtLeast,
    /// ≤ value
    AtMost,
}

impl Direction {
    pub fn symbol(self) -> &'static str {
        match self {
            Direction::AtLeast => "≥",
            Direction::AtMost => "≤",
        }
    }
}

/// One target: "NPS ≥ 30" is `{direction: at_least, value: 30}` under `nps`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct KpiTarget {
    pub direction: Direction,
    pub value: f64,
}

impl KpiTarget {
    /// Whether `value` reaches the target.
    pub fn met_by(self, value: f64) -> bool {
        match self.direction {
            Direction::AtLeast => value >= self.value,
            Direction::AtMost => value <= self.value,
        }
    }

    /// Reads ">=30", "≥ 30", "<= 2.5", "≤40" (a bare number means ≥ for a
    /// KPI where higher is better, ≤ otherwise) and checks the value against
    /// the KPI's range. The error says what was wrong, in plain words.
    pub fn parse(kpi: Kpi, text: &str) -> Result<KpiTarget, String> {
        let t = text.trim();
        let (direction, rest) = if let Some(r) = t.strip_prefix(">=").or(t.strip_prefix('≥')) {
            (Direction::AtLeast, r)
        } else if let Some(r) = t.strip_prefix("<=").or(t.strip_prefix('≤')) {
            (Direction::AtMost, r)
        } else if kpi.higher_is_better() {
            (Direction::AtLeast, t)
        } else {
            (Direction::AtMost, t)
        };
        let value: f64 = rest.trim().parse().map_err(|_| {
            format!("{kpi} target {text:?}: write it as >=VALUE or <=VALUE, for example \">=30\"")
        })?;
        let target = KpiTarget { direction, value };
        match target.problem(kpi) {
            Some(p) => Err(format!("{kpi} target {text:?}: {p}")),
            None => Ok(target),
        }
    }

    /// What is wrong with the target for `kpi`, if anything.
    pub fn problem(self, kpi: Kpi) -> Option<String> {
        let r = kpi.range();
        (!r.contains(self.value)).then(|| r.refusal(&format!("the {kpi} target"), self.value))
    }
}

impl fmt::Display for KpiTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.direction.symbol(), self.value)
    }
}

/// The targets of the journey or of one touchpoint, at most one per KPI.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields, default)]
#[ts(optional_fields)]
pub struct Targets {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nps: Option<KpiTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<KpiTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ces: Option<KpiTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friction: Option<KpiTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emotion: Option<KpiTarget>,
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    pub fn get(&self, kpi: Kpi) -> Option<KpiTarget> {
        match kpi {
            Kpi::Nps => self.nps,
            Kpi::Csat => self.csat,
            Kpi::Ces => self.ces,
            Kpi::Friction => self.friction,
            Kpi::Emotion => self.emotion,
        }
    }

    pub fn slot(&mut self, kpi: Kpi) -> &mut Option<KpiTarget> {
        match kpi {
            Kpi::Nps => &mut self.nps,
            Kpi::Csat => &mut self.csat,
            Kpi::Ces => &mut self.ces,
            Kpi::Friction => &mut self.friction,
            Kpi::Emotion => &mut self.emotion,
        }
    }

    /// The targets set, in [`Kpi::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Kpi, KpiTarget)> + '_ {
        Kpi::ALL
            .into_iter()
            .filter_map(|k| self.get(k).map(|t| (k, t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_as_people_write_them() {
        let t = KpiTarget::parse(Kpi::Nps, ">=30").unwrap();
        assert_eq!((t.direction, t.value), (Direction::AtLeast, 30.0));
        let t = KpiTarget::parse(Kpi::Friction, " ≤ 40 ").unwrap();
        assert_eq!((t.direction, t.value), (Direction::AtMost, 40.0));
        // A bare number points the way the KPI improves.
        assert_eq!(
            KpiTarget::parse(Kpi::Ces, "2.5").unwrap().direction,
            Direction::AtMost
        );
        assert_eq!(
            KpiTarget::parse(Kpi::Csat, "80").unwrap().direction,
            Direction::AtLeast
        );
        assert_eq!(t.to_string(), "≤ 40");
    }

    #[test]
    fn targets_out_of_range_or_unreadable_are_refused_in_words() {
        let e = KpiTarget::parse(Kpi::Nps, ">=130").unwrap_err();
        assert!(e.contains("from -100 to 100, not 130"), "{e}");
        let e = KpiTarget::parse(Kpi::Ces, "<=9").unwrap_err();
        assert!(e.contains("from 1 to 7"), "{e}");
        let e = KpiTarget::parse(Kpi::Csat, "high").unwrap_err();
        assert!(e.contains(">=VALUE"), "{e}");
        assert!(KpiTarget::parse(Kpi::Emotion, ">=NaN").is_err());
        assert_eq!(Kpi::parse("CSAT"), Some(Kpi::Csat));
        assert_eq!(Kpi::parse("speed"), None);
    }
}
