//! Team sync: keeps a library's map in step with a room on a standard
//! y-websocket server (`@y/websocket-server`, y-redis, or anything speaking
//! the y-websocket protocol) or a document on Hocuspocus (any number of
//! instances relaying through Redis), keeping the SQLite library as the
//! offline copy.
//!
//! On every (re)connect the client asks the room for its whole state, checks
//! it in a scratch document (same map? a valid journey?) before merging the
//! part it lacks through the library (persisted before it counts), then sends
//! the room what the room lacks. While connected, remote updates are applied
//! the same way and every update persisted locally (from any front) is sent
//! on. Transport errors mean "offline" and a retry with exponential backoff
//! and jitter; a server that answers with something else than the map
//! (garbage, another document, a refusal) puts the link in error and leaves
//! the local map untouched.

mod connect;
mod detect;
mod live;
mod room;
mod session;
mod wire;

use std::sync::Arc;
use std::time::Duration;

use waymark_api::{ApiError, Library, LinkSpec};

pub use detect::{choose_protocol, detect};
pub use live::{LiveSync, SyncManager};
pub use session::{join, sync_once, SyncReport, SYNC_ORIGIN};
// How a link looks to fronts lives in the API (the server shows stored
// links without this crate); re-exported for the app's sync commands.
pub use waymark_api::{stored_state, stored_status, LinkState, LinkView, SyncStatus};

/// Timings of the sync client.
#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// First retry delay after a lost connection; doubles up to `backoff_max`.
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    /// Connecting, and each step of the initial exchange, must finish within this.
    pub timeout: Duration,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            backoff_min: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            timeout: Duration::from_secs(15),
        }
    }
}

/// Why a sync attempt failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The server could not be reached or the connection dropped: retry later.
    #[error("{0}")]
    Offline(String),
    /// The server answered, but not with this map (or refused us).
    #[error("{0}")]
    Rejected(String),
    /// The library refused or failed (the message names the map).
    #[error("{0}")]
    Library(#[from] ApiError),
}

impl SyncError {
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Offline(_))
    }

    /// The link state this failure leaves.
    pub fn state(&self) -> LinkState {
        if self.is_offline() {
            LinkState::Offline
        } else {
            LinkState::Error
        }
    }
}

/// Runs a library call off the async threads (SQLite writes fsync).
async fn blocking<T, F>(lib: &Arc<Library>, f: F) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: FnOnce(&Library) -> Result<T, ApiError> + Send + 'static,
{
    let lib = lib.clone();
    tokio::task::spawn_blocking(move || f(&lib))
        .await
        .map_err(|e| SyncError::Offline(format!("sync task failed: {e}")))?
        .map_err(SyncError::Library)
}

/// "ws://host/path, room R" for messages: never the token.
fn describe(spec: &LinkSpec) -> String {
    format!("room {:?} on {}", spec.room, spec.server)
}
