//! How a map's team-sync link looks to the fronts: what it is doing and
//! when it last synced. The sync crate fills it in live; the server and the
//! CLI show what the library recorded, without running a sync.

use serde::Serialize;

use crate::{ApiError, Library, MapLink};

/// What a link is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum LinkState {
    /// Connecting and exchanging state with the room.
    Syncing,
    /// In step with the room; edits flow both ways live.
    Connected,
    /// The server is unreachable; edits stay in the library and a retry is scheduled.
    Offline,
    /// The server answered with something that is not this map (or refused
    /// us); the local map is untouched. Retried at the longest backoff.
    Error,
    /// Not syncing (no live task for the map).
    Stopped,
}

impl LinkState {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Syncing => "syncing",
            LinkState::Connected => "connected",
            LinkState::Offline => "offline",
            LinkState::Error => "error",
            LinkState::Stopped => "stopped",
        }
    }
}

/// A link's state as fronts show it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SyncStatus {
    pub state: LinkState,
    /// When the map and the room were last known to be in step (RFC 3339).
    pub last_sync_at: Option<String>,
    /// Why the link is offline or in error.
    pub message: Option<String>,
}

/// The state a link was left in by the last sync that ran (in this process
/// or another): `stopped` if it never ran or ended cleanly.
pub fn stored_state(link: &MapLink) -> LinkState {
    match link.last_state.as_deref() {
        Some("offline") => LinkState::Offline,
        Some("error") => LinkState::Error,
        _ => LinkState::Stopped,
    }
}

/// A link's status as the library recorded it (no sync running here).
pub fn stored_status(link: &MapLink) -> SyncStatus {
    SyncStatus {
        state: stored_state(link),
        last_sync_at: link.last_sync_at.clone(),
        message: link.last_error.clone(),
    }
}

/// A map's link and what its sync is doing, as fronts show it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LinkView {
    pub link: MapLink,
    pub status: SyncStatus,
}

impl LinkView {
    /// The map's link as the library recorded it, or None when not linked.
    pub fn stored(lib: &Library, map_id: &str) -> Result<Option<LinkView>, ApiError> {
        Ok(lib.map_link(map_id)?.map(|link| LinkView {
            status: stored_status(&link),
            link,
        }))
    }
}
