//! The y-websocket endpoint: one room per map. Document updates are
//! persisted through the library before they are broadcast; awareness
//! (presence) is kept in memory per room and relayed.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::broadcast;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, Doc, ReadTxn, Transact, Update};

use crate::routes::blocking;
use crate::AppState;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/ws/{map_id}", get(upgrade))
}

/// A frame for a room: who sent it (0 = the HTTP API) and the encoded message.
type Frame = (u64, Arc<Vec<u8>>);

pub(crate) struct Room {
    tx: broadcast::Sender<Frame>,
    awareness: Mutex<Presence>,
}

#[derive(Default)]
pub(crate) struct Rooms {
    rooms: Mutex<HashMap<String, Arc<Room>>>,
    next_conn: AtomicU64,
}

impl Rooms {
    fn join(&self, map: &str) -> (Arc<Room>, u64) {
        let id = self.next_conn.fetch_add(1, Ordering::Relaxed) + 1;
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        let room = rooms
            .entry(map.to_string())
            .or_insert_with(|| {
                Arc::new(Room {
                    tx: broadcast::channel(1024).0,
                    awareness: Mutex::new(Presence::default()),
                })
            })
            .clone();
        (room, id)
    }

    fn leave(&self, map: &str, room: Arc<Room>) {
        let mut rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        // The map's entry and `room` are the last two references: no one is left.
        if Arc::strong_count(&room) <= 2 {
            rooms.remove(map);
        }
    }

    /// Forwards an update that reached the library another way (HTTP).
    pub(crate) fn broadcast_update(&self, map: &str, update: &[u8]) {
        let rooms = self.rooms.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(room) = rooms.get(map) {
            let msg = Message::Sync(SyncMessage::Update(update.to_vec())).encode_v1();
            let _ = room.tx.send((0, Arc::new(msg)));
        }
    }
}

async fn upgrade(
    State(s): State<Arc<AppState>>,
    Path(map): Path<String>,
    ws: WebSocketUpgrade,
) -> Response {
    let id = map.clone();
    if let Err(e) = blocking(&s, move |lib| lib.map_summary(&id)).await {
        return e;
    }
    let max = s.config.max_message_bytes;
    ws.max_message_size(max)
        .max_frame_size(max)
        .on_upgrade(move |socket| async move { connection(s, map, socket).await })
}

/// Why a connection is closed by the server.
struct Close(u16, &'static str);

const POLICY: u16 = 1008;
const UNSUPPORTED: u16 = 1003;
const INVALID: u16 = 1007;
const TOO_BIG: u16 = 1009;

async fn connection(s: Arc<AppState>, map: String, socket: WebSocket) {
    let (room, conn) = s.rooms.join(&map);
    let mut rx = room.tx.subscribe();
    let (mut sink, mut stream) = socket.split();
    let mut clients: HashSet<ClientID> = HashSet::new();

    let outcome = async {
        // Greeting: our state vector (so the client sends what we lack) and
        // the presence of the others.
        let id = map.clone();
        let state = blocking(&s, move |lib| lib.encode_state(&id))
            .await
            .map_err(|_| Close(1011, "map unavailable"))?;
        let sv = {
            let doc = Doc::new();
            let update = Update::decode_v1(&state).map_err(|_| Close(1011, "map unreadable"))?;
            let mut txn = doc.transact_mut();
            txn.apply_update(update)
                .map_err(|_| Close(1011, "map unreadable"))?;
            txn.state_vector()
        };
        send(&mut sink, Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()).await?;
        let present = {
            let aw = room.awareness.lock().unwrap_or_else(|p| p.into_inner());
            Some(aw.update()).filter(|u| !u.clients.is_empty())
        };
        if let Some(u) = present {
            send(&mut sink, Message::Awareness(u).encode_v1()).await?;
        }

        let mut bucket = Bucket::new(s.config.rate_per_sec, s.config.rate_burst);
        loop {
            tokio::select! {
                incoming = stream.next() => {
                    let bytes = match incoming {
                        None | Some(Ok(WsMessage::Close(_))) => return Ok(()),
                        Some(Err(e)) => {
                            let too_big = e.to_string().to_ascii_lowercase().contains("too long")
                                || e.to_string().to_ascii_lowercase().contains("size");
                            return Err(if too_big { Close(TOO_BIG, "message too big") } else { Close(POLICY, "bad frame") });
                        }
                        Some(Ok(WsMessage::Binary(b))) => b,
                        Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => continue,
                        Some(Ok(WsMessage::Text(_))) => return Err(Close(UNSUPPORTED, "binary messages only")),
                    };
                    if !bucket.take() {
                        return Err(Close(POLICY, "too many messages"));
                    }
                    handle(&s, &map, &room, conn, &mut clients, &mut sink, &bytes).await?;
                }
                frame = rx.recv() => match frame {
                    Ok((from, bytes)) => {
                        if from != conn {
                            send(&mut sink, bytes.to_vec()).await?;
                        }
                    }
                    // Fell behind: the client resyncs when it reconnects.
                    Err(broadcast::error::RecvError::Lagged(_)) => return Err(Close(1013, "too slow")),
                    Err(broadcast::error::RecvError::Closed) => return Ok(()),
                }
            }
        }
    }
    .await;

    if let Err(Close(code, reason)) = outcome {
        let _ = sink
            .send(WsMessage::Close(Some(CloseFrame {
                code,
                reason: reason.into(),
            })))
            .await;
    }
    let _ = sink.close().await;

    // The clients this connection announced are gone.
    if !clients.is_empty() {
        let mut aw = room.awareness.lock().unwrap_or_else(|p| p.into_inner());
        let u = aw.remove(&clients);
        let _ = room
            .tx
            .send((conn, Arc::new(Message::Awareness(u).encode_v1())));
    }
    drop(rx);
    s.rooms.leave(&map, room);
}

async fn send<S>(sink: &mut S, bytes: Vec<u8>) -> Result<(), Close>
where
    S: futures_util::Sink<WsMessage> + Unpin,
{
    sink.send(WsMessage::Binary(bytes.into()))
        .await
        .map_err(|_| Close(1011, "send failed"))
}

/// One y-websocket message from a client. A message that does not decode,
/// or an update the library refuses, closes the connection (and changes
/// nothing).
async fn handle<S>(
    s: &Arc<AppState>,
    map: &str,
    room: &Room,
    conn: u64,
    clients: &mut HashSet<ClientID>,
    sink: &mut S,
    bytes: &[u8],
) -> Result<(), Close>
where
    S: futures_util::Sink<WsMessage> + Unpin,
{
    let msg = Message::decode_v1(bytes).map_err(|_| Close(INVALID, "malformed message"))?;
    match msg {
        Message::Sync(SyncMessage::SyncStep1(sv)) => {
            let id = map.to_string();
            let sv = sv.encode_v1();
            let diff = blocking(s, move |lib| lib.encode_diff(&id, &sv))
                .await
                .map_err(|_| Close(INVALID, "bad state vector"))?;
            send(
                sink,
                Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1(),
            )
            .await
        }
        Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
            // An empty update (nothing to send) is not worth a log entry.
            if update.as_slice() == [0, 0] {
                return Ok(());
            }
            let id = map.to_string();
            let copy = update.clone();
            blocking(s, move |lib| lib.apply_update(&id, &copy, "ws"))
                .await
                .map_err(|_| Close(INVALID, "update refused"))?;
            let out = Message::Sync(SyncMessage::Update(update)).encode_v1();
            let _ = room.tx.send((conn, Arc::new(out)));
            Ok(())
        }
        Message::Awareness(update) => {
            let ids: Vec<ClientID> = update.clients.keys().copied().collect();
            room.awareness
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .apply(update);
            clients.extend(ids);
            let _ = room.tx.send((conn, Arc::new(bytes.to_vec())));
            Ok(())
        }
        Message::AwarenessQuery => {
            let u = {
                let aw = room.awareness.lock().unwrap_or_else(|p| p.into_inner());
                aw.update()
            };
            send(sink, Message::Awareness(u).encode_v1()).await
        }
        // Auth and custom messages mean nothing here.
        Message::Auth(_) | Message::Custom(..) => Ok(()),
    }
}

/// A token bucket: `rate` messages a second, bursts up to `burst`.
struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    fn new(rate: f64, burst: f64) -> Self {
        Self {
            rate,
            burst,
            tokens: burst,
            last: Instant::now(),
        }
    }

    fn take(&mut self) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The room's awareness states (presence), as y-protocols keeps them: the
/// latest clock per client, `"null"` for a client that left.
#[derive(Default)]
struct Presence {
    states: HashMap<ClientID, AwarenessUpdateEntry>,
}

const NULL: &str = "null";

impl Presence {
    fn apply(&mut self, update: AwarenessUpdate) {
        for (id, entry) in update.clients {
            let newer = match self.states.get(&id) {
                None => true,
                Some(cur) => {
                    cur.clock < entry.clock
                        || (cur.clock == entry.clock && &*entry.json == NULL && &*cur.json != NULL)
                }
            };
            if newer {
                self.states.insert(id, entry);
            }
        }
    }

    /// Everyone present.
    fn update(&self) -> AwarenessUpdate {
        AwarenessUpdate {
            clients: self
                .states
                .iter()
                .filter(|(_, e)| &*e.json != NULL)
                .map(|(id, e)| (*id, e.clone()))
                .collect(),
        }
    }

    /// Marks `clients` gone and returns the update telling the others.
    fn remove(&mut self, clients: &HashSet<ClientID>) -> AwarenessUpdate {
        let mut out = HashMap::new();
        for id in clients {
            let clock = self.states.get(id).map_or(0, |e| e.clock) + 1;
            let entry = AwarenessUpdateEntry {
                clock,
                json: NULL.into(),
            };
            self.states.insert(*id, entry.clone());
            out.insert(*id, entry);
        }
        AwarenessUpdate { clients: out }
    }
}
