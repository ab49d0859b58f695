//! Who a request comes from (the host, someone about to join, a
//! participant) and the role a participant holds: what the guard, the
//! routes, the WebSocket and the permit check all ask about.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sees the map live, changes nothing.
    Viewer,
    /// Adds and edits their own notes, votes.
    #[default]
    Annotator,
    /// Also edits the map.
    Editor,
}

/// Who a request comes from, as its token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Who {
    /// The host token: the facilitator, allowed everything.
    Host,
    /// The join token: may load the page and join, nothing else.
    Joiner,
    /// A participant token issued at join (the participant's id).
    Participant(String),
}
