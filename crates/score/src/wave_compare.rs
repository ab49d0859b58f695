//! Two survey waves compared (issue 17): what improved and what got worse
//! beyond noise, for the journey, each stage and each touchpoint, in plain
//! words. The rule is [`crate::intervals::change`]; whether a rise is good
//! is said here once (CES on 1–5 is effort, so a fall is the improvement).
//! The app's "compare two waves", the PDF's "since last wave" and the
//! deck's list of changes all read this.

use serde::{Deserialize, Serialize};
use waymark_core::Id;

use crate::intervals::{change, Change};
use crate::trend::{Figures, WaveTrend};

/// The survey metrics that carry an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum WaveMetric {
    Nps,
    Csat,
    Ces5,
    Ces7,
}

impl WaveMetric {
    pub const ALL: [WaveMetric; 4] = [
        WaveMetric::Nps,
        WaveMetric::Csat,
        WaveMetric::Ces5,
        WaveMetric::Ces7,
    ];

    pub fn label(self) -> &'static str {
        match self {
            WaveMetric::Nps => "NPS",
            WaveMetric::Csat => "CSAT",
            WaveMetric::Ces5 => "CES",
            WaveMetric::Ces7 => "CES (1–7)",
        }
    }

    /// The value and its 95% interval in `f`.
    pub fn of(self, f: &Figures) -> (Option<f64>, Option<[f64; 2]>) {
        match self {
            WaveMetric::Nps => (f.nps, f.nps_ci),
            WaveMetric::Csat => (f.csat, f.csat_ci),
            WaveMetric::Ces5 => (f.ces5, f.ces5_ci),
            WaveMetric::Ces7 => (f.ces7, f.ces7_ci),
        }
    }

    /// Whether a rise is an improvement (CES 1–5 measures effort).
    pub fn higher_is_better(self) -> bool {
        self != WaveMetric::Ces5
    }

    /// A value as people read it: NPS signed, CES with one decimal.
    pub fn show(self, v: f64) -> String {
        match self {
            WaveMetric::Nps if v.round() == 0.0 => "0".into(),
            WaveMetric::Nps => format!("{v:+.0}").replace('-', "−"),
            WaveMetric::Csat => format!("{v:.0}%"),
            WaveMetric::Ces5 | WaveMetric::Ces7 => format!("{v:.1}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Journey,
    Stage,
    Touchpoint,
}

/// One metric of one part of the journey that changed beyond noise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct Movement {
    pub scope: Scope,
    /// The stage's or touchpoint's id; `None` for the journey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    pub name: String,
    pub metric: WaveMetric,
    pub before: f64,
    pub after: f64,
    pub change: Change,
    /// "Journey: NPS rose from −12 to +18."
    pub sentence: String,
}

/// What moved between two waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct WaveComparison {
    pub before: String,
    pub after: String,
    /// Better beyond noise: journey, then stages, then touchpoints, each
    /// largest move first.
    pub improved: Vec<Movement>,
    /// Worse beyond noise, in the same order.
    pub worse: Vec<Movement>,
    /// Figures measured in both waves whose move was within noise.
    pub within_noise: usize,
    /// Figures without an interval in one of the waves.
    pub not_measured: usize,
}

impl WaveComparison {
    /// One line for the whole comparison when nothing moved.
    pub fn summary(&self) -> String {
        match (self.improved.len(), self.worse.len()) {
            (0, 0) if self.within_noise > 0 => format!(
                "Since {}: no change beyond noise ({} figures moved within their 95% intervals).",
                self.before, self.within_noise
            ),
            (0, 0) => format!(
                "Since {}: too few answers in both waves to tell a change.",
                self.before
            ),
            (i, w) => format!(
                "Since {}: {i} {} better and {w} worse beyond noise.",
                self.before,
                if i == 1 { "figure" } else { "figures" }
            ),
        }
    }
}

/// `after` against `before`, part by part (stages and touchpoints matched
/// by id; a part in only one wave is left out).
pub fn compare_waves(before: &WaveTrend, after: &WaveTrend) -> WaveComparison {
    let mut out = WaveComparison {
        before: before.label.clone(),
        after: after.label.clone(),
        improved: Vec::new(),
        worse: Vec::new(),
        within_noise: 0,
        not_measured: 0,
    };
    let mut parts: Vec<(Scope, Option<Id>, String, &Figures, &Figures)> = vec![(
        Scope::Journey,
        None,
        "Journey".to_string(),
        &before.journey,
        &after.journey,
    )];
    for s in &after.stages {
        if let Some(b) = before.stages.iter().find(|b| b.id == s.id) {
            parts.push((
                Scope::Stage,
                Some(s.id),
                s.name.clone(),
                &b.figures,
                &s.figures,
            ));
        }
    }
    for t in &after.touchpoints {
        if let Some(b) = before.touchpoints.iter().find(|b| b.id == t.id) {
            parts.push((
                Scope::Touchpoint,
                Some(t.id),
                t.title.clone(),
                &b.figures,
                &t.figures,
            ));
        }
    }
    for (scope, id, name, b, a) in parts {
        for metric in WaveMetric::ALL {
            let ((bv, bci), (av, aci)) = (metric.of(b), metric.of(a));
            let c = change(bci, aci);
            let (Some(bv), Some(av), Change::Rose | Change::Fell) = (bv, av, c) else {
                match c {
                    Change::WithinNoise => out.within_noise += 1,
                    Change::NotMeasured if bv.is_some() || av.is_some() => out.not_measured += 1,
                    _ => {}
                }
                continue;
            };
            let verb = if c == Change::Rose { "rose" } else { "fell" };
            let m = Movement {
                scope,
                id,
                sentence: format!(
                    "{name}: {} {verb} from {} to {}.",
                    metric.label(),
                    metric.show(bv),
                    metric.show(av)
                ),
                name: name.clone(),
                metric,
                before: bv,
                after: av,
                change: c,
            };
            if (c == Change::Rose) == metric.higher_is_better() {
                out.improved.push(m);
            } else {
                out.worse.push(m);
            }
        }
    }
    let order = |a: &Movement, b: &Movement| {
        let rank = |s: Scope| s as u8;
        rank(a.scope).cmp(&rank(b.scope)).then(
            (b.after - b.before)
                .abs()
                .total_cmp(&(a.after - a.before).abs()),
        )
    };
    out.improved.sort_by(order);
    out.worse.sort_by(order);
    out
}

/// The last wave against the one before; `None` under two waves.
pub fn since_last_wave(waves: &[WaveTrend]) -> Option<WaveComparison> {
    match waves {
        [.., before, after] => Some(compare_waves(before, after)),
        _ => None,
    }
}
