//! A map's room: the connections open on it, each with its own outbox, and
//! their presence. An outbox is bounded in bytes so a slow reader never makes
//! the server buffer without bound: past a quarter of the bound, presence
//! for it is dropped (it is only cursors and chips); past the bound, the
//! connection is cut ("too slow") and the client resyncs when it reconnects.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{mpsc, Notify};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::encoder::Encode;

use crate::presence::Presence;

/// What a frame carries: a document update must arrive (or the connection
/// is cut), presence may be dropped.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Doc,
    Presence,
}

/// One connection's side of the room: the frames queued for it.
pub(crate) struct Outbox {
    rx: mpsc::UnboundedReceiver<Arc<Vec<u8>>>,
    queued: Arc<AtomicUsize>,
    cut: Arc<Notify>,
}

impl Outbox {
    /// The next frame for this connection; `None` once it was cut for
    /// falling behind (or the room is gone).
    pub async fn next(&mut self) -> Option<Arc<Vec<u8>>> {
        tokio::select! {
            biased;
            _ = self.cut.notified() => None,
            frame = self.rx.recv() => {
                let frame = frame?;
                self.queued.fetch_sub(frame.len(), Ordering::SeqCst);
                Some(frame)
            }
        }
    }

    /// Resolves when the room cut this connection for falling behind.
    pub async fn cut(&self) {
        self.cut.notified().await
    }
}

struct Member {
    tx: mpsc::UnboundedSender<Arc<Vec<u8>>>,
    queued: Arc<AtomicUsize>,
    cut: Arc<Notify>,
    is_cut: AtomicBool,
}

impl Member {
    fn push(&self, kind: Kind, frame: &Arc<Vec<u8>>, limit: usize) {
        if self.is_cut.load(Ordering::SeqCst) {
            return;
        }
        let queued = self.queued.load(Ordering::SeqCst);
        let fits = queued + frame.len() <= limit;
        match kind {
            Kind::Presence if queued + frame.len() > limit / 4 => {}
            Kind::Doc if !fits => {
                self.is_cut.store(true, Ordering::SeqCst);
                self.cut.notify_one();
            }
            _ => {
                self.queued.fetch_add(frame.len(), Ordering::SeqCst);
                let _ = self.tx.send(frame.clone());
            }
        }
    }
}

pub(crate) struct Room {
    members: Mutex<HashMap<u64, Member>>,
    pub awareness: Mutex<Presence>,
    /// Bytes one connection may have waiting before it is cut.
    limit: usize,
}

impl Room {
    /// Queues `frame` for every connection but `from` (0: from the HTTP API
    /// or the library, for everyone).
    pub fn send(&self, from: u64, kind: Kind, frame: Vec<u8>) {
        let frame = Arc::new(frame);
        for (id, m) in lock(&self.members).iter() {
            if *id != from {
                m.push(kind, &frame, self.limit);
            }
        }
    }

    pub fn presence(&self) -> MutexGuard<'_, Presence> {
        lock(&self.awareness)
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[derive(Default)]
pub(crate) struct Rooms {
    rooms: Mutex<HashMap<String, Arc<Room>>>,
    next_conn: AtomicU64,
}

impl Rooms {
    /// Opens a connection on `map`'s room (made if it is the first): the
    /// room, the connection's number and its outbox.
    pub fn join(&self, map: &str, limit: usize) -> (Arc<Room>, u64, Outbox) {
        let id = self.next_conn.fetch_add(1, Ordering::Relaxed) + 1;
        let mut rooms = lock(&self.rooms);
        let room = rooms
            .entry(map.to_string())
            .or_insert_with(|| {
                Arc::new(Room {
                    members: Mutex::default(),
                    awareness: Mutex::new(Presence::default()),
                    limit,
                })
            })
            .clone();
        let (tx, rx) = mpsc::unbounded_channel();
        let queued = Arc::new(AtomicUsize::new(0));
        let cut = Arc::new(Notify::new());
        lock(&room.members).insert(
            id,
            Member {
                tx,
                queued: queued.clone(),
                cut: cut.clone(),
                is_cut: AtomicBool::new(false),
            },
        );
        (room, id, Outbox { rx, queued, cut })
    }

    pub fn leave(&self, map: &str, room: Arc<Room>, conn: u64) {
        let mut rooms = lock(&self.rooms);
        let empty = {
            let mut members = lock(&room.members);
            members.remove(&conn);
            members.is_empty()
        };
        if empty {
            rooms.remove(map);
        }
    }

    /// Forwards an update that reached the library another way (HTTP).
    pub fn broadcast_update(&self, map: &str, update: &[u8]) {
        let room = lock(&self.rooms).get(map).cloned();
        if let Some(room) = room {
            let msg = Message::Sync(SyncMessage::Update(update.to_vec())).encode_v1();
            room.send(0, Kind::Doc, msg);
        }
    }
}
