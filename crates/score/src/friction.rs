//! Friction, 0–100: how hard a touchpoint is for the customer, as an
//! additive weighted mean of the measured factors that are present. Missing
//! factors are left out of the mean (not counted as zero friction), and the
//! share of weight that had data is reported as coverage.

use waymark_core::evidence::AnswerStats;
use waymark_core::{Nature, Scale, Settings, TouchpointInputs};

use crate::explain::{combine, missing, weight_present, Term};
use crate::scorecard::{Factor, MissingFactor, ScoreKind, Source};

/// Friction with its explanation.
#[derive(Debug, Clone)]
pub struct Friction {
    pub score: Option<f64>,
    pub factors: Vec<Factor>,
    /// Weight of the measured factors present (0 when only the designer's
    /// severity, or nothing, was available).
    pub measured_weight: f64,
    /// Measured factors with weight that had no data (with a score only):
    /// their weight went to the factors present, or to the designer's
    /// severity when nothing was measured.
    pub missing: Vec<MissingFactor>,
}

/// Effort of one CES answer on 0–100. CES7 asks "it was easy" (7 = easiest),
/// CES5 asks for effort (1 = least), so they run in opposite directions.
pub fn ces_effort(scale: Scale, value: f64) -> Option<f64> {
    match scale {
        Scale::Ces7 => Some((7.0 - value) / 6.0 * 100.0),
        Scale::Ces5 => Some((value - 1.0) / 4.0 * 100.0),
        _ => None,
    }
}

/// The wait levels used for a touchpoint: (desired, adequate) in minutes.
///
/// * Desired: the touchpoint's own, else for a service touchpoint
///   `settings.service_desired_wait_minutes` (10: the seeds' "immediate"),
///   for an experience touchpoint twice that — the business started the
///   moment, the customer is not stuck with a problem meanwhile, so they
///   tolerate more.
/// * Adequate: the touchpoint's own, else three times the desired level (the
///   zone-of-tolerance rule of thumb), or three times the service default
///   when the desired level is zero.
pub fn wait_levels(inputs: &TouchpointInputs, nature: Nature, settings: &Settings) -> (f64, f64) {
    let service = settings.service_desired_wait_minutes.max(0.0);
    let desired = inputs
        .wait_desired_minutes
        .filter(|d| d.is_finite() && *d >= 0.0)
        .unwrap_or(match nature {
            Nature::Service => service,
            Nature::Experience => 2.0 * service,
        });
    let adequate = inputs
        .wait_adequate_minutes
        .filter(|a| a.is_finite() && *a >= 0.0)
        .unwrap_or(if desired > 0.0 {
            3.0 * desired
        } else {
            3.0 * service
        });
    (desired, adequate)
}

/// Wait friction: 0 at or below desired, linear to 100 at adequate, 100
/// beyond. If adequate ≤ desired the ramp has no width: 0 or 100.
pub fn wait_friction(wait: f64, desired: f64, adequate: f64) -> f64 {
    if wait <= desired {
        0.0
    } else if wait >= adequate || adequate <= desired {
        100.0
    } else {
        (wait - desired) / (adequate - desired) * 100.0
    }
}

fn rate(r: Option<f64>) -> Option<f64> {
    r.filter(|r| r.is_finite()).map(|r| r.clamp(0.0, 1.0))
}

pub(crate) fn friction(
    stats: &AnswerStats,
    inputs: &TouchpointInputs,
    nature: Nature,
    settings: &Settings,
) -> Friction {
    let w = &settings.friction_weights;
    let mut terms = Vec::new();

    // Survey effort: one scale → its mean, converted; both → pool the answers
    // after converting each to 0–100 effort (raw is then that pooled effort).
    let (mut n5, mut s5, mut n7, mut s7, mut effort_sum) = (0usize, 0.0, 0usize, 0.0, 0.0);
    for (scale, bins) in [
        (Scale::Ces5, &stats.ces5[..]),
        (Scale::Ces7, &stats.ces7[..]),
    ] {
        for (i, &count) in bins.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let value = (i + 1) as f64;
            let count_f = count as f64;
            effort_sum += ces_effort(scale, value).unwrap_or(0.0) * count_f;
            if scale == Scale::Ces5 {
                n5 += count as usize;
                s5 += value * count_f;
            } else {
                n7 += count as usize;
                s7 += value * count_f;
            }
        }
    }
    if n5 + n7 > 0 {
        let (raw, normalized, unit) = match (n5, n7) {
            (0, _) => {
                let mean = s7 / n7 as f64;
                (mean, (7.0 - mean) / 6.0 * 100.0, "CES7 mean, 1–7")
            }
            (_, 0) => {
                let mean = s5 / n5 as f64;
                (mean, (mean - 1.0) / 4.0 * 100.0, "CES5 mean, 1–5")
            }
            _ => {
                let pooled = effort_sum / (n5 + n7) as f64;
                (pooled, pooled, "pooled effort, 0–100")
            }
        };
        terms.push(Term {
            factor: "survey_effort",
            raw,
            normalized,
            weight: w.survey_effort,
            n: Some(n5 + n7),
            source: Source::Survey,
            unit,
        });
    }
    if let Some(fcr) = rate(inputs.fcr_rate) {
        terms.push(Term {
            factor: "repeat_contact",
            raw: fcr,
            normalized: (1.0 - fcr) * 100.0,
            weight: w.repeat_contact,
            n: None,
            source: Source::Operations,
            unit: "first-contact resolution, 0–1",
        });
    }
    if inputs.transfers.is_some() || inputs.channel_switches.is_some() {
        let handoffs = f64::from(inputs.transfers.unwrap_or(0))
            + f64::from(inputs.channel_switches.unwrap_or(0));
        terms.push(Term {
            factor: "handoffs",
            raw: handoffs,
            normalized: (25.0 * handoffs).min(100.0),
            weight: w.handoffs,
            n: None,
            source: Source::Operations,
            unit: "hand-offs",
        });
    }
    if let Some(wait) = inputs.wait_minutes.filter(|m| m.is_finite() && *m >= 0.0) {
        let (desired, adequate) = wait_levels(inputs, nature, settings);
        terms.push(Term {
            factor: "wait",
            raw: wait,
            normalized: wait_friction(wait, desired, adequate),
            weight: w.wait,
            n: None,
            source: Source::Operations,
            unit: "minutes",
        });
    }
    if let Some(err) = rate(inputs.error_rate) {
        terms.push(Term {
            factor: "errors",
            raw: err,
            normalized: err * 100.0,
            weight: w.errors,
            n: None,
            source: Source::Operations,
            unit: "error or drop-off rate, 0–1",
        });
    }
    // Extra steps need both counts: "7 steps" alone says nothing about waste.
    if let (Some(steps), Some(expected)) = (inputs.steps, inputs.expected_steps) {
        let extra = steps.saturating_sub(expected);
        terms.push(Term {
            factor: "extra_steps",
            raw: f64::from(steps),
            normalized: (10.0 * f64::from(extra)).min(100.0),
            weight: w.extra_steps,
            n: None,
            source: Source::Operations,
            unit: "steps taken",
        });
    }

    let configured = [
        ("survey_effort", w.survey_effort),
        ("repeat_contact", w.repeat_contact),
        ("handoffs", w.handoffs),
        ("wait", w.wait),
        ("errors", w.errors),
        ("extra_steps", w.extra_steps),
    ];
    let measured_weight = weight_present(&terms);
    let (score, factors) = combine(ScoreKind::Friction, &terms);
    if score.is_some() {
        let missing = missing(ScoreKind::Friction, &configured, &factors);
        return Friction {
            score,
            factors,
            measured_weight,
            missing,
        };
    }
    // The designer's severity is a guess; it only speaks when nothing was
    // measured, and then it is the whole score.
    if let Some(sev) = inputs.friction {
        let sev = f64::from(sev.min(4));
        let (score, factors) = combine(
            ScoreKind::Friction,
            &[Term {
                factor: "designer_severity",
                raw: sev,
                normalized: sev * 25.0,
                weight: 1.0,
                n: None,
                source: Source::Designer,
                unit: "severity, 0–4",
            }],
        );
        let missing = missing(ScoreKind::Friction, &configured, &factors);
        return Friction {
            score,
            factors,
            measured_weight: 0.0,
            missing,
        };
    }
    Friction {
        score: None,
        factors: Vec::new(),
        measured_weight: 0.0,
        missing: Vec::new(),
    }
}
