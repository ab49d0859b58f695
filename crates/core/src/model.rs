//! The typed journey model: a projection of a map's Yjs document.
//!
//! The document is the truth; these structs are what the rest of Waymark reads
//! (scoring, report, formats) and what the store derives its SQL tables from.
//! Every collection is kept in a canonical order (see [`Journey::normalize`]) so
//! that equal maps serialize to byte-identical JSON.
//!
//! Longer than 600 lines on purpose: it is the one model every crate reads,
//! and its canonical order must be seen whole.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use crate::targets::{Direction, Kpi, KpiTarget, Targets};

/// Every entity id is a UUID.
pub type Id = Uuid;

/// One journey map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The situation the persona is in ("my card is gone and I am abroad").
    #[serde(default)]
    pub scenario: String,
    /// What the customer expects to happen, in their words.
    #[serde(default)]
    pub expectations: String,
    /// The persona this map is drawn for, if one is picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_persona: Option<Id>,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub inputs: JourneyInputs,
    /// The journey's KPI targets ("NPS ≥ 30").
    #[serde(default, skip_serializing_if = "Targets::is_empty")]
    pub targets: Targets,
    #[serde(default, deserialize_with = "crate::limits::personas")]
    pub personas: Vec<Persona>,
    #[serde(default, deserialize_with = "crate::limits::stages")]
    pub stages: Vec<Stage>,
    #[serde(default, deserialize_with = "crate::limits::lanes")]
    pub lanes: Vec<Lane>,
    #[serde(default, deserialize_with = "crate::limits::touchpoints")]
    pub touchpoints: Vec<Touchpoint>,
    #[serde(default, deserialize_with = "crate::limits::connections")]
    pub connections: Vec<Connection>,
    #[serde(default, deserialize_with = "crate::limits::notes")]
    pub annotations: Vec<Annotation>,
    /// Raw answers not (yet) moved to the library's tables: a map read
    /// from an old file or made in a test. The document never holds them.
    #[serde(default, deserialize_with = "crate::limits::answers")]
    pub responses: Vec<SurveyResponse>,
    /// Per touchpoint and wave, the statistics of the answers the library's
    /// tables hold: what the shared document carries (issue 17).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::evidence::WaveEvidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: Id,
    /// Fractional order key (see [`crate::order`]).
    pub order: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub frustrations: Vec<String>,
    #[serde(default)]
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Id,
    pub order: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// What the customer is trying to achieve in this stage.
    #[serde(default)]
    pub customer_goal: String,
    /// The stage's KPI targets, checked on the stage's pooled figures.
    #[serde(default, skip_serializing_if = "Targets::is_empty")]
    pub targets: Targets,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: Id,
    pub order: String,
    pub name: String,
    pub kind: LaneKind,
}

/// What a lane holds. The last three blueprint kinds drive the service-blueprint
/// lines (interaction, visibility, internal interaction) in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    CustomerActions,
    #[default]
    Touchpoints,
    Channels,
    Thoughts,
    Emotions,
    PainPoints,
    Opportunities,
    Frontstage,
    Backstage,
    SupportProcesses,
    Metrics,
    Ownership,
    FreeText,
}

impl LaneKind {
    pub const ALL: [LaneKind; 13] = [
        LaneKind::CustomerActions,
        LaneKind::Touchpoints,
        LaneKind::Channels,
        LaneKind::Thoughts,
        LaneKind::Emotions,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Frontstage,
        LaneKind::Backstage,
        LaneKind::SupportProcesses,
        LaneKind::Metrics,
        LaneKind::Ownership,
        LaneKind::FreeText,
    ];

    /// The snake_case name used in files, the document and SQL.
    pub fn as_str(self) -> &'static str {
        match self {
            LaneKind::CustomerActions => "customer_actions",
            LaneKind::Touchpoints => "touchpoints",
            LaneKind::Channels => "channels",
            LaneKind::Thoughts => "thoughts",
            LaneKind::Emotions => "emotions",
            LaneKind::PainPoints => "pain_points",
            LaneKind::Opportunities => "opportunities",
            LaneKind::Frontstage => "frontstage",
            LaneKind::Backstage => "backstage",
            LaneKind::SupportProcesses => "support_processes",
            LaneKind::Metrics => "metrics",
            LaneKind::Ownership => "ownership",
            LaneKind::FreeText => "free_text",
        }
    }
}

/// Service is reactive (it fixes one problem); experience is proactive (it
/// shapes the whole journey). Positive emotion at a service touchpoint is
/// relief, at an experience touchpoint delight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    Service,
    #[default]
    Experience,
}

impl Nature {
    pub fn as_str(self) -> &'static str {
        match self {
            Nature::Service => "service",
            Nature::Experience => "experience",
        }
    }
}

/// How much we know that a touchpoint is real: seen in research, believed, or
/// a proposal for the future state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    Observed,
    #[default]
    Assumed,
    Proposed,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Observed => "observed",
            Evidence::Assumed => "assumed",
            Evidence::Proposed => "proposed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    pub id: Id,
    pub stage: Id,
    pub lane: Id,
    /// Order inside its (stage, lane) cell.
    pub order: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Channel name: "phone", "app", "web", "email", "branch", "chat", ...
    #[serde(default)]
    pub channel: String,
    /// Owning team.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub nature: Nature,
    #[serde(default)]
    pub moment_of_truth: bool,
    #[serde(default)]
    pub evidence: Evidence,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Personas who go through this touchpoint (Mermaid's actors).
    #[serde(default)]
    pub personas: Vec<Id>,
    #[serde(default)]
    pub inputs: TouchpointInputs,
    /// The touchpoint's KPI targets.
    #[serde(default, skip_serializing_if = "Targets::is_empty")]
    pub targets: Targets,
}

/// What a designer knows about a touchpoint; every field is optional and the
/// scoring engine uses what is present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TouchpointInputs {
    /// Designer's emotion rating, −2 (very negative) to +2 (very positive).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::ratings::emotion"
    )]
    pub emotion: Option<i8>,
    /// Designer's friction severity, 0 (none) to 4 (blocking).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::ratings::friction"
    )]
    pub friction: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_steps: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfers: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_switches: Option<u32>,
    /// Typical wait, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_minutes: Option<f64>,
    /// Wait the customer hopes for; no friction at or below it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_desired_minutes: Option<f64>,
    /// Longest wait the customer accepts; full friction beyond it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_adequate_minutes: Option<f64>,
    /// First-contact resolution rate, 0..1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fcr_rate: Option<f64>,
    /// Error or drop-off rate, 0..1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<f64>,
    /// Average handle time, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aht_minutes: Option<f64>,
    /// Customers passing through per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<u64>,
}

impl TouchpointInputs {
    pub fn is_empty(&self) -> bool {
        *self == TouchpointInputs::default()
    }

    /// Every input by its key in [`crate::schema::INPUTS`], as a number.
    pub fn numbers(&self) -> [(&'static str, Option<f64>); 13] {
        let int = |v: Option<u32>| v.map(f64::from);
        [
            ("emotion", self.emotion.map(f64::from)),
            ("friction", self.friction.map(f64::from)),
            ("steps", int(self.steps)),
            ("expected_steps", int(self.expected_steps)),
            ("transfers", int(self.transfers)),
            ("channel_switches", int(self.channel_switches)),
            ("wait_minutes", self.wait_minutes),
            ("wait_desired_minutes", self.wait_desired_minutes),
            ("wait_adequate_minutes", self.wait_adequate_minutes),
            ("fcr_rate", self.fcr_rate),
            ("error_rate", self.error_rate),
            ("aht_minutes", self.aht_minutes),
            // Reach beyond 2^53 is not a count anyone types.
            ("reach", self.reach.map(|r| r as f64)),
        ]
    }
}

/// Journey-level inputs for churn and customer lifetime value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct JourneyInputs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers_at_start: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers_lost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_purchase_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchases_per_period: Option<f64>,
    /// Customer lifespan in periods; derived from churn when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifespan_periods: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    pub id: Id,
    pub from: Id,
    pub to: Id,
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationKind {
    #[default]
    PainPoint,
    Idea,
    Question,
    Evidence,
}

impl AnnotationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotationKind::PainPoint => "pain_point",
            AnnotationKind::Idea => "idea",
            AnnotationKind::Question => "question",
            AnnotationKind::Evidence => "evidence",
        }
    }
}

/// What an annotation is stuck to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Target {
    #[default]
    Map,
    Stage(Id),
    Touchpoint(Id),
}

impl Target {
    pub fn kind_str(self) -> &'static str {
        match self {
            Target::Map => "map",
            Target::Stage(_) => "stage",
            Target::Touchpoint(_) => "touchpoint",
        }
    }

    pub fn id(self) -> Option<Id> {
        match self {
            Target::Map => None,
            Target::Stage(id) | Target::Touchpoint(id) => Some(id),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub id: Id,
    pub kind: AnnotationKind,
    pub text: String,
    #[serde(default)]
    pub author: String,
    /// RFC 3339 UTC timestamp.
    pub created_at: String,
    #[serde(default)]
    pub resolved: bool,
    #[serde(default)]
    pub target: Target,
    /// Dot votes by participant name.
    #[serde(default)]
    pub votes: BTreeMap<String, u32>,
}

impl Annotation {
    pub fn vote_count(&self) -> u32 {
        self.votes.values().sum()
    }
}

/// The scale a survey answer was given on. NPS 0–10, CSAT 1–5, CES 1–7
/// (agree it was easy, higher is better) or 1–5 (effort, lower is better),
/// emotion −2..+2.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    Nps,
    Csat,
    Ces5,
    Ces7,
    Emotion,
}

impl Scale {
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Nps => "nps",
            Scale::Csat => "csat",
            Scale::Ces5 => "ces5",
            Scale::Ces7 => "ces7",
            Scale::Emotion => "emotion",
        }
    }

    /// The metric column of a survey CSV ("ces" for both CES scales).
    pub fn metric(self) -> &'static str {
        match self {
            Scale::Ces5 | Scale::Ces7 => "ces",
            other => other.as_str(),
        }
    }

    pub fn range(self) -> (f64, f64) {
        match self {
            Scale::Nps => (0.0, 10.0),
            Scale::Csat => (1.0, 5.0),
            Scale::Ces5 => (1.0, 5.0),
            Scale::Ces7 => (1.0, 7.0),
            Scale::Emotion => (-2.0, 2.0),
        }
    }
}

/// One survey answer about one touchpoint. Respondent, touchpoint, metric and
/// date identify it, so importing the same file twice does not double-count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyResponse {
    pub touchpoint: Id,
    pub respondent: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub scale: Scale,
    pub value: f64,
    #[serde(default)]
    pub comment: String,
}

impl SurveyResponse {
    /// The identity key, also the response's key in the document.
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.touchpoint,
            self.scale.metric(),
            self.date,
            self.respondent
        )
    }
}

/// Scoring weights and thresholds, stored with the journey so a team can tune
/// them per map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub friction_weights: FrictionWeights,
    pub emotion_weights: EmotionWeights,
    pub thresholds: Thresholds,
    /// Desired wait for service touchpoints with no desired level of their own
    /// (the seeds' "immediate": 10 minutes).
    pub service_desired_wait_minutes: f64,
}

impl Settings {
    /// Every setting by its group and key in [`crate::schema::SETTINGS`].
    pub fn numbers(&self) -> [(Option<&'static str>, &'static str, f64); 14] {
        let (fw, ew, th) = (
            &self.friction_weights,
            &self.emotion_weights,
            &self.thresholds,
        );
        let f = Some("friction_weights");
        let e = Some("emotion_weights");
        let t = Some("thresholds");
        [
            (f, "survey_effort", fw.survey_effort),
            (f, "repeat_contact", fw.repeat_contact),
            (f, "handoffs", fw.handoffs),
            (f, "wait", fw.wait),
            (f, "errors", fw.errors),
            (f, "extra_steps", fw.extra_steps),
            (e, "survey", ew.survey),
            (e, "sentiment", ew.sentiment),
            (e, "designer", ew.designer),
            (t, "pain_friction", th.pain_friction),
            (t, "pain_emotion", th.pain_emotion),
            (
                t,
                "pain_negative_comment_share",
                th.pain_negative_comment_share,
            ),
            (t, "min_responses", f64::from(th.min_responses)),
            (
                None,
                "service_desired_wait_minutes",
                self.service_desired_wait_minutes,
            ),
        ]
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            friction_weights: FrictionWeights::default(),
            emotion_weights: EmotionWeights::default(),
            thresholds: Thresholds::default(),
            service_desired_wait_minutes: 10.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FrictionWeights {
    pub survey_effort: f64,
    pub repeat_contact: f64,
    pub handoffs: f64,
    pub wait: f64,
    pub errors: f64,
    pub extra_steps: f64,
}

impl Default for FrictionWeights {
    fn default() -> Self {
        FrictionWeights {
            survey_effort: 0.30,
            repeat_contact: 0.20,
            handoffs: 0.15,
            wait: 0.15,
            errors: 0.15,
            extra_steps: 0.05,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmotionWeights {
    pub survey: f64,
    pub sentiment: f64,
    pub designer: f64,
}

impl Default for EmotionWeights {
    fn default() -> Self {
        EmotionWeights {
            survey: 0.5,
            sentiment: 0.3,
            designer: 0.2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// A touchpoint is a pain point at or above this friction.
    pub pain_friction: f64,
    /// ... or at or below this emotion.
    pub pain_emotion: f64,
    /// ... or when at least this share of its comments is negative.
    pub pain_negative_comment_share: f64,
    /// Fewer responses than this flag a score as low confidence.
    pub min_responses: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            pain_friction: 60.0,
            pain_emotion: -20.0,
            pain_negative_comment_share: 0.5,
            min_responses: 30,
        }
    }
}

impl Journey {
    /// An empty journey with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Journey {
            title: title.into(),
            ..Journey::default()
        }
    }

    /// Puts every collection in its canonical order: ordered entities by
    /// (order key, id), touchpoints by (stage, lane, order, id) following the
    /// stage and lane order, the rest by id or identity key. The document
    /// projection always returns this order.
    pub fn normalize(&mut self) {
        self.sort_ordered();
        let cells = CellOrder::of(self);
        self.touchpoints.sort_by(|a, b| cells.cmp(a, b));
        self.connections.sort_by_key(|c| c.id);
        self.annotations.sort_by(note_order);
        self.responses.sort_by_cached_key(|r| r.key());
        self.evidence.sort_by_cached_key(|e| e.key());
    }

    /// Puts personas, stages and lanes in their order: order key, then id.
    pub(crate) fn sort_ordered(&mut self) {
        self.personas
            .sort_by(|a, b| by_order((&a.order, a.id), (&b.order, b.id)));
        self.stages
            .sort_by(|a, b| by_order((&a.order, a.id), (&b.order, b.id)));
        self.lanes
            .sort_by(|a, b| by_order((&a.order, a.id), (&b.order, b.id)));
    }

    /// Every survey answer behind the map's scores: those its evidence
    /// counts and any raw ones it holds.
    pub fn answer_count(&self) -> u64 {
        self.evidence.iter().map(|e| e.stats.answers()).sum::<u64>() + self.responses.len() as u64
    }

    pub fn stage(&self, id: Id) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn lane(&self, id: Id) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    pub fn touchpoint(&self, id: Id) -> Option<&Touchpoint> {
        self.touchpoints.iter().find(|t| t.id == id)
    }

    pub fn persona(&self, id: Id) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }

    /// Deletes a touchpoint with its connections and survey answers; its
    /// annotations move to its stage so no one's note is lost.
    pub fn delete_touchpoint(&mut self, id: Id) {
        let Some(stage) = self.touchpoint(id).map(|t| t.stage) else {
            return;
        };
        self.touchpoints.retain(|t| t.id != id);
        self.connections.retain(|c| c.from != id && c.to != id);
        self.responses.retain(|r| r.touchpoint != id);
        self.evidence.retain(|e| e.touchpoint != id);
        for a in &mut self.annotations {
            if a.target == Target::Touchpoint(id) {
                a.target = Target::Stage(stage);
            }
        }
    }

    /// Deletes a stage with its touchpoints; annotations on it move to the map.
    pub fn delete_stage(&mut self, id: Id) {
        let doomed: Vec<Id> = self
            .touchpoints
            .iter()
            .filter(|t| t.stage == id)
            .map(|t| t.id)
            .collect();
        for t in doomed {
            self.delete_touchpoint(t);
        }
        self.stages.retain(|s| s.id != id);
        for a in &mut self.annotations {
            if a.target == Target::Stage(id) {
                a.target = Target::Map;
            }
        }
    }

    /// Deletes a lane with its touchpoints.
    pub fn delete_lane(&mut self, id: Id) {
        let doomed: Vec<Id> = self
            .touchpoints
            .iter()
            .filter(|t| t.lane == id)
            .map(|t| t.id)
            .collect();
        for t in doomed {
            self.delete_touchpoint(t);
        }
        self.lanes.retain(|l| l.id != id);
    }

    /// The persona the map is drawn for: the picked one, else the first.
    pub fn main_persona(&self) -> Option<&Persona> {
        self.primary_persona
            .and_then(|id| self.persona(id))
            .or_else(|| self.personas.first())
    }
}

/// The canonical order of personas, stages and lanes: order key, then id.
fn by_order(a: (&String, Id), b: (&String, Id)) -> std::cmp::Ordering {
    (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1))
}

/// The canonical order of notes: when written, then id.
pub(crate) fn note_order(a: &Annotation, b: &Annotation) -> std::cmp::Ordering {
    (a.created_at.as_str(), a.id).cmp(&(b.created_at.as_str(), b.id))
}

/// The canonical order of touchpoints: by stage, then lane (in their order),
/// then order key and id; a touchpoint of an unknown stage or lane last.
pub(crate) struct CellOrder {
    stage: std::collections::HashMap<Id, usize>,
    lane: std::collections::HashMap<Id, usize>,
}

impl CellOrder {
    /// The order of `j`'s touchpoints, its stages and lanes being in order.
    pub(crate) fn of(j: &Journey) -> CellOrder {
        let at =
            |ids: &mut dyn Iterator<Item = Id>| ids.enumerate().map(|(i, id)| (id, i)).collect();
        CellOrder {
            stage: at(&mut j.stages.iter().map(|s| s.id)),
            lane: at(&mut j.lanes.iter().map(|l| l.id)),
        }
    }

    pub(crate) fn cmp(&self, a: &Touchpoint, b: &Touchpoint) -> std::cmp::Ordering {
        let key = |t: &Touchpoint| {
            (
                self.stage.get(&t.stage).copied().unwrap_or(usize::MAX),
                self.lane.get(&t.lane).copied().unwrap_or(usize::MAX),
            )
        };
        (key(a), a.order.as_str(), a.id).cmp(&(key(b), b.order.as_str(), b.id))
    }
}
