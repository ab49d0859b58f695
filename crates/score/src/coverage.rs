//! Evidence coverage (issue 17): how much of a journey rests on evidence —
//! the share of touchpoints observed in research, assumed or proposed, and
//! the share with survey answers in the last wave. Computed once here; the
//! app's summary strip, the PDF's summary page and `waymark` read it.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use waymark_core::{Evidence, Id, Journey};

/// The journey's evidence coverage. Shares are percentages (0–100) of all
/// its touchpoints; `None` when there is nothing to divide by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct EvidenceCoverage {
    pub touchpoints: usize,
    pub observed: usize,
    pub assumed: usize,
    pub proposed: usize,
    pub observed_pct: Option<f64>,
    pub assumed_pct: Option<f64>,
    pub proposed_pct: Option<f64>,
    /// The last survey wave's label; none when the map has no waves.
    pub last_wave: Option<String>,
    /// Touchpoints with at least one answer in the last wave.
    pub with_survey: usize,
    /// Their share; none without a wave.
    pub with_survey_pct: Option<f64>,
}

fn pct(n: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| n as f64 * 100.0 / of as f64)
}

/// The coverage of `journey`, with `last_wave` the label of its last survey
/// wave and the touchpoints that wave has answers about.
pub fn coverage(journey: &Journey, last_wave: Option<(&str, &HashSet<Id>)>) -> EvidenceCoverage {
    let n = journey.touchpoints.len();
    let count = |e: Evidence| {
        journey
            .touchpoints
            .iter()
            .filter(|t| t.evidence == e)
            .count()
    };
    let (observed, assumed, proposed) = (
        count(Evidence::Observed),
        count(Evidence::Assumed),
        count(Evidence::Proposed),
    );
    let with_survey = last_wave.map_or(0, |(_, answered)| {
        journey
            .touchpoints
            .iter()
            .filter(|t| answered.contains(&t.id))
            .count()
    });
    EvidenceCoverage {
        touchpoints: n,
        observed,
        assumed,
        proposed,
        observed_pct: pct(observed, n),
        assumed_pct: pct(assumed, n),
        proposed_pct: pct(proposed, n),
        last_wave: last_wave.map(|(label, _)| label.to_string()),
        with_survey,
        with_survey_pct: last_wave.and_then(|_| pct(with_survey, n)),
    }
}

impl EvidenceCoverage {
    /// One sentence for a page: "Evidence: 68% of 28 touchpoints observed,
    /// 21% assumed, 11% proposed; survey answers in the last wave (Q2) for
    /// 4 (14%)." Whole percentages; they may not add to 100 by rounding.
    pub fn sentence(&self) -> String {
        if self.touchpoints == 0 {
            return "Evidence: no touchpoints yet.".into();
        }
        let p = |v: Option<f64>| format!("{:.0}%", v.unwrap_or(0.0));
        let survey = match &self.last_wave {
            None => "no survey waves yet".to_string(),
            Some(w) => format!(
                "survey answers in the last wave ({w}) for {} ({})",
                self.with_survey,
                p(self.with_survey_pct)
            ),
        };
        format!(
            "Evidence: {} of {} touchpoints observed, {} assumed, {} proposed; {survey}.",
            p(self.observed_pct),
            self.touchpoints,
            p(self.assumed_pct),
            p(self.proposed_pct),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::templates;

    #[test]
    fn shares_of_the_bank_template_and_its_last_wave() {
        let j = templates::load("bank-lost-card").unwrap();
        let c = coverage(&j, None);
        assert_eq!(
            (c.touchpoints, c.observed, c.assumed, c.proposed),
            (28, 19, 6, 3)
        );
        assert_eq!(c.with_survey_pct, None);
        assert_eq!(
            c.sentence(),
            "Evidence: 68% of 28 touchpoints observed, 21% assumed, 11% proposed; \
             no survey waves yet."
        );
        let answered: HashSet<Id> = j.touchpoints.iter().take(7).map(|t| t.id).collect();
        let c = coverage(&j, Some(("Q2", &answered)));
        assert_eq!((c.with_survey, c.with_survey_pct), (7, Some(25.0)));
        assert!(c
            .sentence()
            .ends_with("survey answers in the last wave (Q2) for 7 (25%)."));
        let empty = coverage(&waymark_core::Journey::new("E"), None);
        assert_eq!(empty.observed_pct, None);
        assert_eq!(empty.sentence(), "Evidence: no touchpoints yet.");
    }
}
