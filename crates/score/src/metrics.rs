//! Survey and business metrics. Aggregates are always computed from pooled raw
//! answers, never by averaging per-touchpoint percentages: a touchpoint with
//! three answers must not weigh as much as one with three thousand.

use waymark_core::{JourneyInputs, Scale, SurveyResponse};

use crate::scorecard::Ces;

/// Counts gathered from raw answers; add two tallies to pool them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub nps_n: usize,
    pub nps_promoters: usize,
    pub nps_detractors: usize,
    pub csat_n: usize,
    /// CSAT 4–5.
    pub csat_satisfied: usize,
    /// CSAT 1–2.
    pub csat_dissatisfied: usize,
    pub ces5_n: usize,
    pub ces5_sum: f64,
    pub ces7_n: usize,
    pub ces7_sum: f64,
    pub emotion_n: usize,
    pub emotion_pos: usize,
    pub emotion_neg: usize,
    /// All answers, including ones whose value is out of scale.
    pub responses: usize,
}

/// A value the scale can hold. Out-of-scale values (a bad import, a hand
/// edit) are counted as responses but kept out of every metric rather than
/// clamped, since clamping would invent an answer.
pub fn in_scale(scale: Scale, value: f64) -> bool {
    let (lo, hi) = scale.range();
    value.is_finite() && value >= lo && value <= hi
}

impl Tally {
    pub fn add(&mut self, r: &SurveyResponse) {
        self.responses += 1;
        if !in_scale(r.scale, r.value) {
            return;
        }
        let v = r.value;
        match r.scale {
            Scale::Nps => {
                self.nps_n += 1;
                if v >= 9.0 {
                    self.nps_promoters += 1;
                } else if v <= 6.0 {
                    self.nps_detractors += 1;
                }
            }
            Scale::Csat => {
                self.csat_n += 1;
                if v >= 4.0 {
                    self.csat_satisfied += 1;
                } else if v <= 2.0 {
                    self.csat_dissatisfied += 1;
                }
            }
            Scale::Ces5 => {
                self.ces5_n += 1;
                self.ces5_sum += v;
            }
            Scale::Ces7 => {
                self.ces7_n += 1;
                self.ces7_sum += v;
            }
            Scale::Emotion => {
                self.emotion_n += 1;
                if v > 0.0 {
                    self.emotion_pos += 1;
                } else if v < 0.0 {
                    self.emotion_neg += 1;
                }
            }
        }
    }

    pub fn merge(&mut self, o: &Tally) {
        self.nps_n += o.nps_n;
        self.nps_promoters += o.nps_promoters;
        self.nps_detractors += o.nps_detractors;
        self.csat_n += o.csat_n;
        self.csat_satisfied += o.csat_satisfied;
        self.csat_dissatisfied += o.csat_dissatisfied;
        self.ces5_n += o.ces5_n;
        self.ces5_sum += o.ces5_sum;
        self.ces7_n += o.ces7_n;
        self.ces7_sum += o.ces7_sum;
        self.emotion_n += o.emotion_n;
        self.emotion_pos += o.emotion_pos;
        self.emotion_neg += o.emotion_neg;
        self.responses += o.responses;
    }

    /// % promoters (9–10) − % detractors (0–6), −100..100.
    pub fn nps(&self) -> Option<f64> {
        (self.nps_n > 0).then(|| {
            (self.nps_promoters as f64 - self.nps_detractors as f64) / self.nps_n as f64 * 100.0
        })
    }

    /// Share of 4–5 answers × 100.
    pub fn csat(&self) -> Option<f64> {
        (self.csat_n > 0).then(|| self.csat_satisfied as f64 / self.csat_n as f64 * 100.0)
    }

    pub fn ces(&self) -> Ces {
        Ces {
            ces5: (self.ces5_n > 0).then(|| self.ces5_sum / self.ces5_n as f64),
            ces7: (self.ces7_n > 0).then(|| self.ces7_sum / self.ces7_n as f64),
        }
    }
}

/// Tally of a set of answers.
pub fn tally<'a>(responses: impl IntoIterator<Item = &'a SurveyResponse>) -> Tally {
    let mut t = Tally::default();
    for r in responses {
        t.add(r);
    }
    t
}

/// Customers lost ÷ customers at start, as a share (0..1) of one period.
pub fn churn_rate(inputs: &JourneyInputs) -> Option<f64> {
    let start = inputs
        .customers_at_start
        .filter(|s| s.is_finite() && *s > 0.0)?;
    let lost = inputs
        .customers_lost
        .filter(|l| l.is_finite() && *l >= 0.0)?;
    Some((lost / start).min(1.0))
}

/// Average purchase value × purchases per period × lifespan in periods. The
/// lifespan is the typed-in one, else 1 ÷ churn rate (the mean of a geometric
/// lifetime); with zero churn and no lifespan the CLV is unbounded, so `None`.
pub fn clv(inputs: &JourneyInputs) -> Option<f64> {
    let value = inputs.average_purchase_value.filter(|v| v.is_finite())?;
    let per_period = inputs.purchases_per_period.filter(|v| v.is_finite())?;
    let lifespan = match inputs
        .lifespan_periods
        .filter(|v| v.is_finite() && *v >= 0.0)
    {
        Some(l) => l,
        None => {
            let churn = churn_rate(inputs)?;
            if churn <= 0.0 {
                return None;
            }
            1.0 / churn
        }
    };
    Some(value * per_period * lifespan)
}
