//! Live sync of a linked map: reconnects with exponential backoff and
//! jitter, exchanging state on every (re)connect so offline edits flow both
//! ways; and a manager holding one live sync per map (for the app).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use waymark_api::Library;

use crate::session::{record_failure, Session, SYNC_ORIGIN};
use crate::{blocking, stored_status, LinkState, SyncConfig, SyncError, SyncStatus};

/// A map syncing live in the background until stopped.
pub struct LiveSync {
    status: watch::Receiver<SyncStatus>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl LiveSync {
    /// Starts syncing the linked map `map_id` on the current tokio runtime.
    pub fn start(lib: Arc<Library>, map_id: &str, cfg: SyncConfig) -> LiveSync {
        let initial = SyncStatus {
            state: LinkState::Syncing,
            last_sync_at: None,
            message: None,
        };
        let (status_tx, status) = watch::channel(initial);
        let (stop, stop_rx) = watch::channel(false);
        let task = tokio::spawn(run(lib, map_id.to_string(), cfg, status_tx, stop_rx));
        LiveSync { status, stop, task }
    }

    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// Changes of the status, for fronts that show it live.
    pub fn watch(&self) -> watch::Receiver<SyncStatus> {
        self.status.clone()
    }

    /// Stops syncing (closing the connection) and waits for the task to end.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// A delay in [d/2, d], so clients that lost the same server do not all
/// come back at the same instant.
fn jitter(d: Duration) -> Duration {
    let mut b = [0u8; 4];
    let r = if getrandom::fill(&mut b).is_ok() {
        u32::from_le_bytes(b) as f64 / u32::MAX as f64
    } else {
        1.0
    };
    d.mul_f64(0.5 + r / 2.0)
}

async fn run(
    lib: Arc<Library>,
    map_id: String,
    cfg: SyncConfig,
    status: watch::Sender<SyncStatus>,
    mut stop: watch::Receiver<bool>,
) {
    // Every update persisted to this map by anyone but this sync is sent on.
    let (tx, mut local) = mpsc::unbounded_channel();
    let watched = map_id.clone();
    let sub = lib.subscribe(Arc::new(move |id: &str, update: &[u8], origin: &str| {
        if id == watched && origin != SYNC_ORIGIN {
            let _ = tx.send(update.to_vec());
        }
    }));
    let set = |state: LinkState, message: Option<String>, synced: Option<String>| {
        status.send_modify(|s| {
            s.state = state;
            s.message = message;
            if synced.is_some() {
                s.last_sync_at = synced;
            }
        });
    };
    let mut delay = cfg.backoff_min;
    loop {
        if *stop.borrow() {
            break;
        }
        set(LinkState::Syncing, None, None);
        // Whatever was persisted before this point is in the state exchange.
        while local.try_recv().is_ok() {}
        let outcome = async {
            let id = map_id.clone();
            let (link, doc_id) = blocking(&lib, move |lib| {
                let link = lib.map_link(&id)?;
                Ok((link, lib.ensure_doc_id(&id)?))
            })
            .await?;
            let Some(link) = link else {
                return Ok(false);
            };
            let mut session =
                Session::open(lib.clone(), &map_id, &doc_id, &link.spec(), &cfg).await?;
            session.handshake().await?;
            let synced = lib
                .map_link(&map_id)
                .ok()
                .flatten()
                .and_then(|l| l.last_sync_at);
            set(LinkState::Connected, None, synced);
            delay = cfg.backoff_min;
            let on_synced = || {
                status.send_modify(|s| s.last_sync_at = Some(waymark_api::timestamp()));
            };
            session.live(&mut local, &mut stop, &on_synced).await?;
            Ok::<_, SyncError>(true)
        }
        .await;
        match outcome {
            Ok(_) => break, // stopped, or the map was unlinked
            Err(e) => {
                record_failure(&lib, &map_id, &e).await;
                set(e.state(), Some(e.to_string()), None);
                if !e.is_offline() {
                    delay = cfg.backoff_max;
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(jitter(delay)) => {}
            _ = stop.changed() => break,
        }
        delay = (delay * 2).min(cfg.backoff_max);
    }
    lib.unsubscribe(sub);
    status.send_modify(|s| s.state = LinkState::Stopped);
}

/// One live sync per linked map, for a long-running front (the app).
pub struct SyncManager {
    lib: Arc<Library>,
    cfg: SyncConfig,
    running: Mutex<HashMap<String, LiveSync>>,
}

impl SyncManager {
    pub fn new(lib: Arc<Library>, cfg: SyncConfig) -> SyncManager {
        SyncManager {
            lib,
            cfg,
            running: Mutex::new(HashMap::new()),
        }
    }

    /// Starts (or restarts) syncing `map_id`; call on a tokio runtime.
    pub fn start(&self, map_id: &str) -> watch::Receiver<SyncStatus> {
        let live = LiveSync::start(self.lib.clone(), map_id, self.cfg.clone());
        let rx = live.watch();
        let old = self
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(map_id.to_string(), live);
        if let Some(old) = old {
            let _ = old.stop.send(true);
        }
        rx
    }

    /// Starts every linked map of the library (when the app opens).
    pub fn start_all(&self) -> Result<usize, SyncError> {
        let links = self.lib.map_links()?;
        for l in &links {
            self.start(&l.map_id);
        }
        Ok(links.len())
    }

    pub async fn stop(&self, map_id: &str) {
        let live = self
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(map_id);
        if let Some(live) = live {
            live.stop().await;
        }
    }

    /// The live status, or — when the map is not syncing now — what the
    /// library last recorded.
    pub fn status(&self, map_id: &str) -> Result<Option<SyncStatus>, SyncError> {
        if let Some(live) = self
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(map_id)
        {
            return Ok(Some(live.status()));
        }
        Ok(self.lib.map_link(map_id)?.as_ref().map(stored_status))
    }
}
