//! What the workshop's routes and its WebSocket message carry to and from
//! the page, as types: the state each connection sees, the answer to a
//! join, the end's summary and the bodies the actions take. Generated into
//! `ui/src/lib/generated/workshop.ts` (by the `bindings` module), so the page
//! compiles against these and never a copy.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use waymark_api::ErrorPayload;
use waymark_core::model::Id;

use crate::who::Role;

/// Someone in the workshop, as everyone sees them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// Their cursor's and notes' colour (`#rrggbb`).
    pub colour: String,
}

/// The workshop as one connection may see it: sent on every change as the
/// WebSocket's workshop message and answered by `GET /api/workshop`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkshopView {
    pub locked: bool,
    pub vote_budget: Option<u32>,
    pub votes_hidden: bool,
    /// When the facilitator's countdown ends (ms since the epoch).
    pub timer_ends_at: Option<u64>,
    /// The server's clock when it sent this (timers count against it).
    pub now: u64,
    pub follow: bool,
    pub ended: bool,
    /// What the end summed up (with `ended`).
    pub summary: Option<WorkshopSummary>,
    /// The maps participants may open; empty means every map.
    pub maps: Vec<String>,
    pub participants: Vec<Participant>,
    /// Who is asking; null for someone who has not joined yet.
    pub you: Option<You>,
}

/// The connection's own person in [`WorkshopView`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct You {
    /// Null for the facilitator.
    pub id: Option<String>,
    pub name: String,
    pub role: Role,
    pub colour: String,
    pub facilitator: bool,
    /// Map → note → this person's held-back votes (while votes are hidden).
    pub hidden_votes: BTreeMap<String, BTreeMap<String, u32>>,
}

/// The answer to `POST /api/workshop/join`: the token to send from now on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Joined {
    pub token: String,
    pub id: String,
    pub name: String,
    pub role: Role,
    pub colour: String,
}

/// A join refused because the name reads like someone's in the workshop,
/// with a name that would do (`409`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NameTaken {
    #[serde(flatten)]
    pub error: ErrorPayload,
    pub suggestion: String,
}

/// What ending a workshop saved: each map's kept version and top notes, and
/// who contributed what.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkshopSummary {
    pub maps: Vec<MapOutcome>,
    pub participants: Vec<Contribution>,
}

/// One map at a workshop's end.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MapOutcome {
    pub id: String,
    pub title: String,
    /// The label of the version kept at the end.
    pub version: String,
    /// "2 touchpoints lost their stage in a concurrent edit"; null when
    /// nothing is homeless.
    pub homeless: Option<String>,
    pub notes: usize,
    pub votes: u32,
    /// The notes with votes, most votes first (at most ten).
    pub top: Vec<TopNote>,
}

/// A note with its votes, in [`MapOutcome::top`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TopNote {
    pub id: Id,
    /// `pain_point`, `idea`, `question` or `evidence`.
    pub kind: String,
    pub text: String,
    pub author: String,
    pub votes: u32,
}

/// What one participant added in the workshop.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Contribution {
    pub name: String,
    pub role: Role,
    pub notes: u32,
    pub votes: u32,
}

/// The body of `POST /api/workshop/join`.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct JoinRequest {
    pub name: String,
    /// A random id the page keeps in this browser: joins from one browser
    /// share one vote budget.
    #[serde(default)]
    #[ts(optional)]
    pub browser: Option<String>,
}

/// The body of `POST /api/workshop/vote`.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct VoteRequest {
    pub map: String,
    pub annotation: Id,
    /// +1 casts a dot, −1 takes one back.
    pub delta: i32,
}

/// The body of `POST /api/workshop/settings`: what to change, the rest as is.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct WorkshopSettings {
    #[ts(optional)]
    pub locked: Option<bool>,
    /// `0` removes the budget.
    #[ts(optional)]
    pub vote_budget: Option<u32>,
    #[ts(optional)]
    pub votes_hidden: Option<bool>,
    /// Starts a countdown of this many seconds; `0` stops it.
    #[ts(optional)]
    pub timer_seconds: Option<u64>,
    #[ts(optional)]
    pub follow: Option<bool>,
}

/// The body of `POST /api/workshop/participants/{id}/role`.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RoleRequest {
    pub role: Role,
}
