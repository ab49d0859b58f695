//! Team sync in the desktop app: link a map to a room on a y-websocket
//! server and keep it syncing in the background (crates/sync does the work;
//! this only forwards). Status changes reach the window as `sync-status`
//! events, and updates merged from a room (or written by another process on
//! the library) as `map-remote-update` events so an open editor shows
//! teammates' edits live; `library-changed` tells the list to reload.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use waymark_api::{Library, LinkSpec, Protocol, Secret};
use waymark_sync::{LinkView, SyncConfig, SyncManager, SyncStatus};

use waymark_api::ApiError;

use crate::LibraryState;

pub const STATUS_EVENT: &str = "sync-status";
pub const REMOTE_UPDATE_EVENT: &str = "map-remote-update";
/// Another process changed the library: lists are stale.
pub const LIBRARY_CHANGED_EVENT: &str = "library-changed";

/// Tells the window a map's sync status changed.
type StatusSink = Arc<dyn Fn(&str, &SyncStatus) + Send + Sync>;

/// The background syncs of the window's library (made on first use), and
/// where their status goes (set at launch).
#[derive(Default)]
pub struct SyncState {
    manager: OnceLock<Arc<SyncManager>>,
    sink: OnceLock<StatusSink>,
    /// Looks for other processes' writes while the app runs.
    watcher: OnceLock<waymark_api::Watcher>,
}

impl SyncState {
    fn manager(&self, lib: Arc<Library>) -> Arc<SyncManager> {
        self.manager
            .get_or_init(|| Arc::new(SyncManager::new(lib, SyncConfig::default())))
            .clone()
    }

    /// Starts `map_id`'s background sync and forwards its status.
    fn start(&self, lib: Arc<Library>, map_id: &str) {
        let mut rx = self.manager(lib).start(map_id);
        let sink = self.sink.get().cloned();
        let id = map_id.to_string();
        tauri::async_runtime::spawn(async move {
            loop {
                let status = rx.borrow_and_update().clone();
                if let Some(sink) = &sink {
                    sink(&id, &status);
                }
                if rx.changed().await.is_err() {
                    break;
                }
            }
        });
    }
}

#[derive(Clone, Serialize)]
struct StatusEvent {
    id: String,
    status: SyncStatus,
}

#[derive(Clone, Serialize)]
struct RemoteUpdate {
    id: String,
    update: Vec<u8>,
}

/// At launch: updates merged from rooms go to the window, and every linked
/// map starts syncing.
pub fn start_background<R: Runtime>(app: &AppHandle<R>, state: &SyncState, lib: Arc<Library>) {
    let window = app.clone();
    lib.subscribe(Arc::new(move |id: &str, update: &[u8], origin: &str| {
        // From a sync room, a workshop's participants, or another process.
        if origin == waymark_sync::SYNC_ORIGIN
            || origin == waymark_api::OTHER_PROCESS
            || waymark_server::SERVER_ORIGINS.contains(&origin)
        {
            let payload = RemoteUpdate {
                id: id.to_string(),
                update: update.to_vec(),
            };
            let _ = window.emit(REMOTE_UPDATE_EVENT, payload);
        }
    }));
    let window = app.clone();
    let _ = state
        .sink
        .set(Arc::new(move |id: &str, status: &SyncStatus| {
            let event = StatusEvent {
                id: id.to_string(),
                status: status.clone(),
            };
            let _ = window.emit(STATUS_EVENT, event);
        }));
    let window = app.clone();
    let _ = state.watcher.set(lib.watch_other_processes(move || {
        let _ = window.emit(LIBRARY_CHANGED_EVENT, ());
    }));
    // Syncs run on the async runtime; setup itself is not on it.
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<SyncState>();
        match lib.map_links() {
            Ok(links) => links
                .iter()
                .for_each(|l| state.start(lib.clone(), &l.map_id)),
            Err(e) => eprintln!("waymark-desktop: cannot read the sync links: {e}"),
        }
    });
}

fn view(manager: &SyncManager, lib: &Library, id: &str) -> Result<Option<LinkView>, ApiError> {
    let Some(link) = lib.map_link(id)? else {
        return Ok(None);
    };
    let status = manager
        .status(id)
        .map_err(|e| ApiError::Invalid(e.to_string()))?
        .expect("a linked map has a status");
    Ok(Some(LinkView { link, status }))
}

/// Links a map to a room (replacing an earlier link) and starts syncing it.
// Each argument is a field of the window's invoke payload.
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn link_map(
    state: State<'_, LibraryState>,
    sync: State<'_, SyncState>,
    id: String,
    server: String,
    room: String,
    token: Option<String>,
    token_via: Option<String>,
    // None: asked of the server.
    protocol: Option<String>,
) -> Result<LinkView, ApiError> {
    let lib = state.shared()?;
    // An empty token field keeps the token already stored (the window never
    // sees it, so it cannot send it back).
    let kept = lib.map_link(&id)?.and_then(|l| l.token);
    let mut spec = LinkSpec {
        server,
        room,
        token: token
            .filter(|t| !t.trim().is_empty())
            .map(Secret::new)
            .or(kept),
        token_via: token_via.as_deref().unwrap_or("query").parse()?,
        protocol: Protocol::YWebsocket,
    };
    let given = protocol.as_deref().map(str::parse).transpose()?;
    spec.protocol = waymark_sync::choose_protocol(&spec, given, &SyncConfig::default())
        .await
        .map_err(|e| ApiError::Invalid(e.to_string()))?
        .0;
    lib.link_map(&id, &spec)?;
    sync.start(lib.clone(), &id);
    Ok(view(&sync.manager(lib.clone()), &lib, &id)?.expect("just linked"))
}

/// Stops a map's sync and removes its link (the room keeps its copy).
#[tauri::command]
pub async fn unlink_map(
    state: State<'_, LibraryState>,
    sync: State<'_, SyncState>,
    id: String,
) -> Result<(), ApiError> {
    let lib = state.shared()?;
    sync.manager(lib.clone()).stop(&id).await;
    lib.unlink_map(&id)?;
    Ok(())
}

/// The map's link and sync state, or `null` when it is not linked.
#[tauri::command]
pub async fn sync_status(
    state: State<'_, LibraryState>,
    sync: State<'_, SyncState>,
    id: String,
) -> Result<Option<LinkView>, ApiError> {
    let lib = state.shared()?;
    view(&sync.manager(lib.clone()), &lib, &id)
}
