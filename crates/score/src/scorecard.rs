//! The scorecard: what [`crate::score`] returns and what the app, the report
//! and the CLI render. Every figure with no data behind it is `None` (JSON
//! `null`), never 0, so "no data" and "no friction" cannot be confused.

use serde::{Deserialize, Serialize};
use waymark_core::Id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Scorecard {
    pub journey: JourneyScore,
    /// In stage order.
    pub stages: Vec<StageScore>,
    /// Highest priority first; touchpoints without a priority last; ties in
    /// journey order.
    pub touchpoints: Vec<TouchpointScore>,
    /// The survey wave the scores are as of ([`crate::as_of`]); none when
    /// every wave's answers are pooled (chosen, or a map without waves).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub as_of: Option<String>,
}

/// Customer effort on its two scales; the two are never mixed because a 3 on
/// one means something else than a 3 on the other.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Ces {
    /// Mean on the 1–5 effort scale (lower is better).
    pub ces5: Option<f64>,
    /// Mean on the 1–7 "it was easy" scale (higher is better).
    pub ces7: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct JourneyScore {
    /// Reach-weighted mean touchpoint friction, 0–100.
    pub friction: Option<f64>,
    /// Reach-weighted mean touchpoint emotion, −100..100.
    pub emotion: Option<f64>,
    /// Peak–end rule: (most extreme touchpoint emotion + last one) / 2.
    pub remembered_emotion: Option<f64>,
    pub nps: Option<f64>,
    pub csat: Option<f64>,
    pub ces: Ces,
    /// Survey answers about this journey's touchpoints.
    pub responses: usize,
    pub pain_points: usize,
    /// Share of customers lost over the period, 0..1.
    pub churn_rate: Option<f64>,
    /// Customer lifetime value, in the unit of the average purchase value.
    pub clv: Option<f64>,
    /// True when some touchpoint in the friction or emotion mean had no reach
    /// and was counted as an average touchpoint.
    pub reach_assumed: bool,
    /// The journey's targets with their status.
    #[serde(default)]
    pub targets: Vec<crate::targets::TargetCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StageScore {
    pub id: Id,
    pub name: String,
    pub friction: Option<f64>,
    pub emotion: Option<f64>,
    /// Highest friction, then lowest emotion.
    pub worst_touchpoint: Option<Id>,
    pub nps: Option<f64>,
    pub csat: Option<f64>,
    pub ces: Ces,
    pub responses: usize,
    /// As for the journey: some touchpoint's reach was assumed.
    pub reach_assumed: bool,
    /// The stage's targets with their status, on its pooled figures.
    #[serde(default)]
    pub targets: Vec<crate::targets::TargetCheck>,
}

/// Which score a factor explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    Friction,
    Emotion,
}

/// Where a factor's data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "FactorSource")]
pub enum Source {
    /// Survey answers.
    Survey,
    /// Free-text survey comments, scored by VADER.
    Comments,
    /// Operational figures typed into the touchpoint (FCR, waits, rates...).
    Operations,
    /// The designer's own rating.
    Designer,
}

/// One term of an additive score. For each score the factors' `points` add
/// up to the score exactly (to 1e-9): `points = normalized × share`, `share
/// = weight / Σ weight of the factors present`, and the score *is* that sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Factor {
    /// "survey_effort", "repeat_contact", "handoffs", "wait", "errors",
    /// "extra_steps", "designer_severity" (friction); "survey_net",
    /// "comment_sentiment", "designer_rating" (emotion).
    pub factor: String,
    pub score: ScoreKind,
    /// The input as measured: a mean, a rate, a count, minutes, a rating.
    pub raw: f64,
    /// What `raw` is measured in: "minutes", "CES5 mean, 1–5", ...
    pub unit: String,
    /// The input on the score's scale (0–100 for friction, −100..100 for emotion).
    pub normalized: f64,
    /// The configured weight (1 for the designer severity fallback, which
    /// stands in for the whole friction score).
    pub weight: f64,
    /// The part of the score this factor decides, 0..1: its weight over the
    /// weight of the factors present. Larger than the configured share when
    /// other factors were not measured (see [`TouchpointScore::missing`]).
    pub share: f64,
    /// `normalized × share`.
    pub points: f64,
    /// Answers or comments behind a survey factor; `None` for typed-in figures.
    pub n: Option<usize>,
    pub source: Source,
}

/// A configured factor with no data for a touchpoint: the factors present
/// took over its weight in proportion to their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MissingFactor {
    pub factor: String,
    pub score: ScoreKind,
    /// Its configured weight.
    pub weight: f64,
}

/// Another touchpoint across the line of visibility, linked by arrows (see
/// `waymark_score::blueprint`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "LinkedTouchpoint")]
pub struct Linked {
    pub id: Id,
    pub title: String,
    pub friction: Option<f64>,
    pub pain_point: bool,
    /// Its 0–100 priority.
    pub priority: Option<u8>,
}

/// How often one effort cue appeared in a touchpoint's comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct EffortCue {
    pub cue: String,
    /// Comments mentioning it.
    pub comments: usize,
}

/// Emotion labels. Positive emotion is "relief" at a reactive (service)
/// touchpoint — the problem went away — and "delight" at a proactive
/// (experience) one. Negative emotion is "frustration" at a service
/// touchpoint (the fix itself hurt) and "disappointment" at an experience one
/// (a promise was not kept). Within ±10 of zero the label is "neutral".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "EmotionLabel")]
pub enum Label {
    Relief,
    Delight,
    Neutral,
    Frustration,
    Disappointment,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Relief => "relief",
            Label::Delight => "delight",
            Label::Neutral => "neutral",
            Label::Frustration => "frustration",
            Label::Disappointment => "disappointment",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TouchpointScore {
    pub id: Id,
    pub title: String,
    pub stage: Id,
    /// 0–100.
    pub friction: Option<f64>,
    /// −100..100.
    pub emotion: Option<f64>,
    /// 0–100 relative to the map: 100 is its highest-impact touchpoint;
    /// a whole number, at least 1 for any positive impact (see
    /// [`crate::priority::relative`]). `None` without friction.
    pub priority: Option<u8>,
    /// The absolute figure behind `priority`: reach share × friction ×
    /// how much it hurts, ×100 (see [`crate::priority::impact`]); for a
    /// touchpoint behind the line of visibility, the impact it causes
    /// through the customer touchpoints it serves.
    pub impact: Option<f64>,
    pub pain_point: bool,
    /// In a backstage or support-process lane: its own friction is internal,
    /// and it ranks only through `serves`.
    pub behind_the_line: bool,
    /// Behind the line: the customer-facing touchpoints it feeds (through
    /// arrows, across other backstage touchpoints). Empty otherwise.
    pub serves: Vec<Linked>,
    /// Customer-facing: the touchpoints behind the line that feed it.
    pub fed_by: Vec<Linked>,
    pub label: Option<Label>,
    /// Share of the configured friction and emotion weight that had data, 0..1.
    pub coverage: f64,
    /// Fewer survey answers than `thresholds.min_responses` back it.
    pub low_confidence: bool,
    pub effort_cues: Vec<EffortCue>,
    /// Friction factors first, then emotion factors.
    pub factors: Vec<Factor>,
    /// Configured factors with no data; the factors present share their
    /// weight (friction first, then emotion).
    pub missing: Vec<MissingFactor>,
    /// The touchpoint has no reach; it was given the journey's mean reach.
    pub reach_assumed: bool,
    /// Survey answers about this touchpoint.
    pub responses: usize,
    pub nps: Option<f64>,
    pub csat: Option<f64>,
    pub ces: Ces,
    /// First-contact resolution, 0..1, as typed in.
    pub fcr: Option<f64>,
    /// Average handle time in minutes, as typed in.
    pub aht_minutes: Option<f64>,
    /// Share of comments with compound ≤ −0.05; `None` without comments.
    pub negative_comment_share: Option<f64>,
    /// The wave its survey answers come from when scores are as of a wave:
    /// that wave, or an earlier one carried forward when that wave has no
    /// answers about it. None when waves are pooled or it has no answers.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub wave: Option<String>,
    /// The touchpoint's targets with their status.
    #[serde(default)]
    pub targets: Vec<crate::targets::TargetCheck>,
}
