//! The y-websocket endpoint: one room per map. Document updates are
//! persisted through the library before they are broadcast; awareness
//! (presence) is kept in memory per room and relayed.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use futures_util::{SinkExt, StreamExt};
use waymark_api::{stage_times, ApiError, Code, Library};
use yrs::sync::{AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, Transact, Update};

use crate::limits::{PRESENCE_BURST, PRESENCE_PER_SEC};
use crate::permit::{check_update, Actor};
use crate::presence::{Own, Speaker};
use crate::reply::{blocking, error};
use crate::room::{Kind, Room};
use crate::throttle::Bucket;
use crate::who::Who;
use crate::workshop::WORKSHOP_MESSAGE;
use crate::AppState;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/ws/{map_id}", get(upgrade))
}

async fn upgrade(
    State(s): State<Arc<AppState>>,
    Path(map): Path<String>,
    Extension(who): Extension<Who>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ws: WebSocketUpgrade,
) -> Response {
    let id = map.clone();
    if let Err(e) = blocking(&s, move |lib| lib.map_summary(&id)).await {
        return e;
    }
    if s.workshop.actor(&who).is_none() {
        return error(Code::Ended, "the workshop has ended");
    }
    let slot = match s.connections.open(peer.ip()) {
        Ok(slot) => slot,
        Err(why) => return error(Code::TooMany, why),
    };
    s.workshop.lock().maps_used.insert(map.clone());
    let max = s.config.max_message_bytes;
    ws.max_message_size(max)
        .max_frame_size(max)
        .on_upgrade(move |socket| async move {
            connection(s, map, who, socket).await;
            drop(slot);
        })
}

/// Why a connection is closed by the server.
#[derive(Debug)]
pub(crate) struct Close(pub u16, pub String);

impl Close {
    fn new(code: u16, reason: &str) -> Self {
        // A close frame's reason holds at most 123 bytes.
        let mut end = reason.len().min(120);
        while !reason.is_char_boundary(end) {
            end -= 1;
        }
        Close(code, reason[..end].to_string())
    }
}

const GOING_AWAY: u16 = 1001;
pub(crate) const POLICY: u16 = 1008;
const UNSUPPORTED: u16 = 1003;
const INVALID: u16 = 1007;
const TOO_BIG: u16 = 1009;
/// The workshop ended (an application code: the client should not retry).
pub(crate) const ENDED: u16 = 4000;

const TRY_AGAIN: u16 = 1013;

/// How long the last words (the close frame) may take to a reader that
/// stopped reading.
const CLOSE_SEND: Duration = Duration::from_secs(2);

/// What one connection has said about its presence.
#[derive(Default)]
struct Speech {
    own: Own,
    bucket: Option<Bucket>,
}

async fn connection(s: Arc<AppState>, map: String, who: Who, socket: WebSocket) {
    let (room, conn, mut outbox) = s.rooms.join(&map, s.config.send_queue_bytes);
    let mut workshop = s.workshop.changed.subscribe();
    let (mut sink, mut stream) = socket.split();
    let mut speech = Speech::default();
    let idle = s.config.ws_idle_timeout;

    let outcome = async {
        // Greeting: our state vector (so the client sends what we lack), the
        // workshop state and the presence of the others.
        let id = map.clone();
        let state = blocking(&s, move |lib| lib.encode_state(&id))
            .await
            .map_err(|_| Close::new(1011, "map unavailable"))?;
        let sv = {
            let doc = Doc::new();
            let update =
                Update::decode_v1(&state).map_err(|_| Close::new(1011, "map unreadable"))?;
            let mut txn = doc.transact_mut();
            txn.apply_update(update)
                .map_err(|_| Close::new(1011, "map unreadable"))?;
            txn.state_vector()
        };
        send(&mut sink, Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()).await?;
        send_workshop(&s, &who, &mut sink).await?;
        let present = Some(room.presence().update()).filter(|u| !u.clients.is_empty());
        if let Some(u) = present {
            send(&mut sink, Message::Awareness(u).encode_v1()).await?;
        }

        let mut bucket = Bucket::new(s.config.rate_per_sec, s.config.rate_burst);
        let mut heard = tokio::time::Instant::now();
        let mut ping = tokio::time::interval(idle / 3);
        ping.tick().await;
        loop {
            tokio::select! {
                _ = ping.tick() => {
                    // Browsers answer pings by themselves; a peer that went
                    // away without closing (a phone put to sleep) is let go.
                    if heard.elapsed() >= idle {
                        return Err(Close::new(GOING_AWAY, "no word from the client"));
                    }
                    send_frame(&mut sink, WsMessage::Ping(Default::default())).await?;
                }
                incoming = stream.next() => {
                    heard = tokio::time::Instant::now();
                    let bytes = match incoming {
                        None | Some(Ok(WsMessage::Close(_))) => return Ok(()),
                        Some(Err(e)) => {
                            let e = e.to_string().to_ascii_lowercase();
                            let too_big = e.contains("too long") || e.contains("size");
                            return Err(if too_big { Close::new(TOO_BIG, "message too big") } else { Close::new(POLICY, "bad frame") });
                        }
                        Some(Ok(WsMessage::Binary(b))) => b,
                        Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_))) => continue,
                        Some(Ok(WsMessage::Text(_))) => return Err(Close::new(UNSUPPORTED, "binary messages only")),
                    };
                    if !bucket.take() {
                        return Err(Close::new(POLICY, "too many messages"));
                    }
                    stage_times::begin();
                    handle(&s, &map, &who, &room, conn, &mut speech, &mut sink, &bytes).await?;
                }
                frame = outbox.next() => match frame {
                    Some(bytes) => tokio::select! {
                        sent = send(&mut sink, bytes.to_vec()) => sent?,
                        _ = outbox.cut() => return Err(too_slow()),
                    },
                    // Fell behind: the client resyncs when it reconnects.
                    None => return Err(too_slow()),
                },
                changed = workshop.changed() => {
                    if changed.is_err() {
                        return Ok(());
                    }
                    // A participant of an ended workshop gets the summary and
                    // "ended" even when the server stops right after.
                    let ended = s.workshop.actor(&who).is_none();
                    if !ended && s.closing.load(std::sync::atomic::Ordering::SeqCst) {
                        return Err(Close::new(GOING_AWAY, "the server stopped"));
                    }
                    send_workshop(&s, &who, &mut sink).await?;
                    if ended {
                        return Err(Close::new(ENDED, "the workshop has ended"));
                    }
                }
            }
        }
    }
    .await;

    let farewell = async {
        if let Err(Close(code, reason)) = outcome {
            let frame = CloseFrame {
                code,
                reason: reason.into(),
            };
            let _ = sink.send(WsMessage::Close(Some(frame))).await;
        }
        let _ = sink.close().await;
    };
    let _ = tokio::time::timeout(CLOSE_SEND, farewell).await;

    // The client this connection announced is gone.
    if let Some(own) = speech.own {
        let u = room.presence().remove(&HashSet::from([own]));
        room.send(conn, Kind::Presence, Message::Awareness(u).encode_v1());
    }
    s.rooms.leave(&map, room, conn);
}

fn too_slow() -> Close {
    Close::new(TRY_AGAIN, "too slow: fell behind the room's updates")
}

async fn send<S>(sink: &mut S, bytes: Vec<u8>) -> Result<(), Close>
where
    S: futures_util::Sink<WsMessage> + Unpin,
{
    send_frame(sink, WsMessage::Binary(bytes.into())).await
}

async fn send_frame<S>(sink: &mut S, frame: WsMessage) -> Result<(), Close>
where
    S: futures_util::Sink<WsMessage> + Unpin,
{
    sink.send(frame)
        .await
        .map_err(|_| Close::new(1011, "send failed"))
}

/// The workshop state as this connection's participant may see it.
async fn send_workshop<S>(s: &AppState, who: &Who, sink: &mut S) -> Result<(), Close>
where
    S: futures_util::Sink<WsMessage> + Unpin,
{
    let view = serde_json::to_string(&s.workshop.view(who)).unwrap_or_default();
    send(sink, workshop_message(&view)).await
}

/// Message type 100 as lib0 reads it on the client: the type, then the JSON
/// as `readVarString` expects (length + UTF-8). yrs writes a custom
/// message's payload length-prefixed already, so the payload is the raw
/// bytes; prefixing them again made every browser's TextDecoder fail.
pub(crate) fn workshop_message(json: &str) -> Vec<u8> {
    Message::Custom(WORKSHOP_MESSAGE, json.as_bytes().to_vec()).encode_v1()
}

/// What a decoded message asks of the connection.
pub(crate) enum Action {
    /// Send these bytes back to the sender.
    Reply(Vec<u8>),
    /// The update was applied and persisted: pass it on to the room.
    Relay(Vec<u8>),
    Awareness(AwarenessUpdate),
    AwarenessQuery,
    Nothing,
}

/// Decodes one y-websocket message and, for sync messages, answers or applies
/// it through the library (blocking: SQLite). `actor` is `None` for the
/// facilitator, whose updates are not checked. Anything malformed or refused
/// is a [`Close`]; the map is unchanged then.
pub(crate) fn process(
    lib: &Library,
    map: &str,
    actor: Option<&Actor>,
    bytes: &[u8],
) -> Result<Action, Close> {
    let malformed = || Close::new(INVALID, "malformed message");
    // yrs' decoders can panic on hostile input (an integer overflow found
    // by the fuzz test): a panic is a malformed message, not a dead task.
    let msg = guarded(|| Message::decode_v1(bytes)).ok_or_else(malformed)??;
    if let Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) = &msg {
        guarded(|| Update::decode_v1(u)).ok_or_else(malformed)??;
    }
    stage_times::mark("server decode");
    match msg {
        Message::Sync(SyncMessage::SyncStep1(sv)) => {
            let diff = lib
                .encode_diff(map, &sv.encode_v1())
                .map_err(|_| Close::new(INVALID, "bad state vector"))?;
            Ok(Action::Reply(
                Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1(),
            ))
        }
        Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
            // An empty update (nothing to send) is not worth a log entry.
            if update.as_slice() == [0, 0] {
                return Ok(Action::Nothing);
            }
            // Group commit: relayed (acknowledged) only once the transaction
            // holding it is durable.
            let check = actor.map(|a| {
                let (name, role, locked) = (a.name.to_string(), a.role, a.locked);
                Box::new(move |c: &waymark_api::UpdateCheck| {
                    let actor = Actor {
                        name: &name,
                        role,
                        locked,
                    };
                    check_update(&actor, c)
                }) as waymark_api::SendCheck
            });
            let applied = lib.apply_update_grouped(map, update.clone(), "ws", check);
            stage_times::mark("group hand-back");
            match applied {
                Ok(()) => Ok(Action::Relay(
                    Message::Sync(SyncMessage::Update(update)).encode_v1(),
                )),
                Err(ApiError::Forbidden(why)) => {
                    let why = why.split_once(": ").map_or(why.as_str(), |(_, w)| w);
                    Err(Close::new(POLICY, &format!("refused: {why}")))
                }
                Err(_) => Err(Close::new(INVALID, "update refused")),
            }
        }
        Message::Awareness(update) => Ok(Action::Awareness(update)),
        Message::AwarenessQuery => Ok(Action::AwarenessQuery),
        // Auth and custom messages mean nothing from a client.
        Message::Auth(_) | Message::Custom(..) => Ok(Action::Nothing),
    }
}

fn guarded<T, E>(f: impl FnOnce() -> Result<T, E>) -> Option<Result<T, Close>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .ok()
        .map(|r| r.map_err(|_| Close::new(INVALID, "malformed message")))
}

/// One y-websocket message from a client.
#[allow(clippy::too_many_arguments)]
async fn handle<S>(
    s: &Arc<AppState>,
    map: &str,
    who: &Who,
    room: &Room,
    conn: u64,
    speech: &mut Speech,
    sink: &mut S,
    bytes: &[u8],
) -> Result<(), Close>
where
    S: futures_util::Sink<WsMessage> + Unpin,
{
    let action = if bytes.first() == Some(&0) {
        // Sync: through the library, off the async workers.
        let actor = match who {
            Who::Host => None,
            _ => Some(
                s.workshop
                    .actor(who)
                    .ok_or_else(|| Close::new(ENDED, "the workshop has ended"))?,
            ),
        };
        let (lib, id, msg) = (s.library.clone(), map.to_string(), bytes.to_vec());
        let mark = stage_times::hand_over();
        let (action, mark) = tokio::task::spawn_blocking(move || {
            stage_times::resume(mark);
            stage_times::mark("hop to a blocking thread");
            let actor = actor.as_ref().map(|(name, role, locked)| Actor {
                name,
                role: *role,
                locked: *locked,
            });
            let action = process(&lib, &id, actor.as_ref(), &msg);
            stage_times::mark("relay encode");
            (action, stage_times::hand_over())
        })
        .await
        .map_err(|_| Close::new(1011, "internal error"))?;
        stage_times::resume(mark);
        stage_times::mark("hop back");
        action?
    } else {
        process(&s.library, map, None, bytes)?
    };
    match action {
        Action::Reply(out) => send(sink, out).await,
        Action::Relay(out) => {
            room.send(conn, Kind::Doc, out);
            stage_times::mark("relay to the room");
            stage_times::edit_done();
            Ok(())
        }
        Action::Awareness(update) => {
            let stamp = s.workshop.presence_of(who);
            if stamp.is_none() && matches!(who, Who::Participant(_)) {
                return Ok(()); // no longer in the workshop
            }
            // Cursors and chips beyond a few a second are dropped, not relayed.
            let bucket = speech
                .bucket
                .get_or_insert_with(|| Bucket::new(PRESENCE_PER_SEC, PRESENCE_BURST));
            if !bucket.take() {
                return Ok(());
            }
            let from = Speaker {
                conn,
                stamp: stamp.as_ref().map(|(n, c)| (n.as_str(), *c)),
            };
            let update = room.presence().apply(&from, &mut speech.own, update);
            if update.clients.is_empty() {
                return Ok(());
            }
            room.send(conn, Kind::Presence, Message::Awareness(update).encode_v1());
            Ok(())
        }
        Action::AwarenessQuery => {
            let u = room.presence().update();
            send(sink, Message::Awareness(u).encode_v1()).await
        }
        Action::Nothing => Ok(()),
    }
}
