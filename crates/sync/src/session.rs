//! One connection to a room: authentication where the protocol has it, the
//! initial exchange (checked before merging), then live updates both ways.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use waymark_api::{check_link_target, ApiError, Library, LinkSpec};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::StateVector;

use crate::connect::{self, Socket};
use crate::room::{self, RoomState};
use crate::wire::{Incoming, Wire};
use crate::{blocking, describe, SyncConfig, SyncError};

/// The origin recorded in the update log for updates from a sync room;
/// updates with this origin are not sent back.
pub const SYNC_ORIGIN: &str = "sync";

/// A transaction of the room's updates being written ([`Session::live`]).
type Writing = Pin<Box<dyn Future<Output = Result<(), SyncError>> + Send>>;

/// What one sync to convergence did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// The room held nothing and was seeded from the library.
    pub seeded_room: bool,
    /// Bytes of document updates received from / sent to the room.
    pub received: usize,
    pub sent: usize,
}

pub(crate) struct Session {
    lib: Arc<Library>,
    map_id: String,
    doc_id: String,
    place: String,
    /// For scrubbing the token from what the server says.
    spec: LinkSpec,
    socket: Socket,
    wire: Wire,
    /// Updates sent that the server has not acknowledged yet (Hocuspocus).
    unacked: usize,
    /// The server accepted the token for reading only (Hocuspocus).
    read_only: bool,
    cfg: SyncConfig,
    pub(crate) report: SyncReport,
    /// When the link's last sync time was last written to the library.
    stamped: std::time::Instant,
}

/// How long `join` waits for a Hocuspocus room that looks empty to be
/// filled by the other instances.
const SETTLE: std::time::Duration = std::time::Duration::from_secs(2);

/// How often a live link writes its last sync time to the library.
const STAMP_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

impl Session {
    pub(crate) async fn open(
        lib: Arc<Library>,
        map_id: &str,
        doc_id: &str,
        spec: &LinkSpec,
        cfg: &SyncConfig,
    ) -> Result<Session, SyncError> {
        let socket = connect::open(spec, cfg).await?;
        let mut session = Session {
            lib,
            map_id: map_id.to_string(),
            doc_id: doc_id.to_string(),
            place: describe(spec),
            spec: spec.clone(),
            socket,
            wire: Wire::new(spec.protocol, &spec.room),
            unacked: 0,
            read_only: false,
            cfg: cfg.clone(),
            report: SyncReport::default(),
            stamped: std::time::Instant::now(),
        };
        let token = spec.token.as_ref().map(|t| t.expose());
        if let Some(hello) = session.wire.hello(token) {
            session.send_raw(hello).await?;
            session.authenticated().await?;
        }
        Ok(session)
    }

    /// Waits for the server to accept the token (Hocuspocus answers the
    /// authentication message before it loads the document).
    async fn authenticated(&mut self) -> Result<(), SyncError> {
        loop {
            match self.next_frame(true).await? {
                Incoming::Authenticated { read_only } => {
                    self.read_only = read_only;
                    return Ok(());
                }
                Incoming::Skip => continue,
                other => return Err(self.unexpected(other)),
            }
        }
    }

    async fn send_raw(&mut self, bytes: Vec<u8>) -> Result<(), SyncError> {
        self.socket
            .send(WsMessage::Binary(bytes.into()))
            .await
            .map_err(|e| SyncError::Offline(format!("{}: connection lost: {e}", self.place)))
    }

    async fn send(&mut self, msg: Message) -> Result<(), SyncError> {
        if let Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) = &msg {
            self.report.sent += u.len();
            if self.wire.acknowledges() {
                self.unacked += 1;
            }
        }
        let bytes = self.wire.encode(&msg);
        self.send_raw(bytes).await
    }

    /// The next sync message, or `None` when the server acknowledged an
    /// update (Hocuspocus); presence and pings are skipped. `timed` bounds
    /// the wait (during the initial exchange).
    async fn recv(&mut self, timed: bool) -> Result<Option<SyncMessage>, SyncError> {
        loop {
            match self.next_frame(timed).await? {
                Incoming::Sync(m) => return Ok(Some(m)),
                Incoming::Ack(true) => {
                    self.unacked = self.unacked.saturating_sub(1);
                    return Ok(None);
                }
                Incoming::Skip | Incoming::Authenticated { .. } => continue,
                other => return Err(self.unexpected(other)),
            }
        }
    }

    /// What a frame that is neither sync nor acknowledgement means. What
    /// the server says is scrubbed: it could echo the token.
    fn unexpected(&self, frame: Incoming) -> SyncError {
        let place = &self.place;
        let frame = match frame {
            Incoming::Denied(r) => Incoming::Denied(connect::scrub(&self.spec, r)),
            Incoming::Closed(r) => Incoming::Closed(connect::scrub(&self.spec, r)),
            other => other,
        };
        match frame {
            Incoming::Denied(reason) => {
                SyncError::Rejected(format!("{place}: the server denied access: {reason}"))
            }
            Incoming::Ack(false) => SyncError::Rejected(format!(
                "{place}: the server did not take an edit{}; the local map keeps it",
                if self.read_only {
                    " (the token gives read-only access)"
                } else {
                    ""
                }
            )),
            Incoming::Closed(reason) => SyncError::Offline(format!(
                "{place}: the server closed the document ({reason})"
            )),
            other => self.garbage(format!("{other:?} out of turn")),
        }
    }

    /// The next frame the server sends, decoded.
    async fn next_frame(&mut self, timed: bool) -> Result<Incoming, SyncError> {
        loop {
            let next = if timed {
                tokio::time::timeout(self.cfg.timeout, self.socket.next())
                    .await
                    .map_err(|_| {
                        SyncError::Rejected(format!(
                            "{}: no {p} answer within {} s (is it a {p} server?)",
                            self.place,
                            self.cfg.timeout.as_secs(),
                            p = self.wire.protocol().as_str(),
                        ))
                    })?
            } else {
                self.socket.next().await
            };
            let bytes = match next {
                None | Some(Ok(WsMessage::Close(_))) => {
                    return Err(SyncError::Offline(format!(
                        "{}: the server closed the connection",
                        self.place
                    )))
                }
                Some(Err(e)) => {
                    return Err(SyncError::Offline(format!(
                        "{}: connection lost: {e}",
                        self.place
                    )))
                }
                Some(Ok(WsMessage::Binary(b))) => b,
                Some(Ok(WsMessage::Text(_))) => {
                    return Err(self.garbage("a text frame".into()));
                }
                Some(Ok(_)) => continue,
            };
            return self.wire.decode(&bytes).map_err(|what| self.garbage(what));
        }
    }

    fn garbage(&self, what: String) -> SyncError {
        SyncError::Rejected(connect::scrub(
            &self.spec,
            format!(
                "{}: the server sent {what}, not the {} protocol; the local map is unchanged",
                self.place,
                self.wire.protocol().as_str()
            ),
        ))
    }

    async fn apply(&mut self, update: Vec<u8>) -> Result<(), SyncError> {
        self.report.received += update.len();
        self.write(vec![update]).await
    }

    /// Writes updates from the room through the library in one transaction
    /// (merged into one update): durable when the future resolves. Runs
    /// on a blocking thread, so the caller may keep reading the room.
    fn write(
        &self,
        batch: Vec<Vec<u8>>,
    ) -> impl std::future::Future<Output = Result<(), SyncError>> {
        let (lib, id, doc_id) = (self.lib.clone(), self.map_id.clone(), self.doc_id.clone());
        let place = self.place.clone();
        async move {
            let update = match batch.len() {
                1 => batch.into_iter().next().expect("one update"),
                _ => yrs::merge_updates_v1(batch.iter().map(Vec::as_slice)).map_err(|e| {
                    SyncError::Rejected(format!(
                        "{place}: the room sent updates that do not merge: {e}"
                    ))
                })?,
            };
            blocking(&lib, move |lib| {
                lib.apply_remote_update(&id, &update, SYNC_ORIGIN, &doc_id)
            })
            .await
            .map_err(|e| match e {
                SyncError::Library(ApiError::Invalid(m)) => {
                    SyncError::Rejected(format!("{place}: refused an update from the room: {m}"))
                }
                other => other,
            })
        }
    }

    async fn reply_step1(&mut self, sv: StateVector) -> Result<(), SyncError> {
        let id = self.map_id.clone();
        let sv = sv.encode_v1();
        let diff = blocking(&self.lib, move |lib| lib.encode_diff(&id, &sv)).await?;
        self.send(Message::Sync(SyncMessage::SyncStep2(diff))).await
    }

    /// Reads the room whole, checks it, merges what it has that the library
    /// lacks, sends what it lacks, and waits until the server has it.
    pub(crate) async fn handshake(&mut self) -> Result<(), SyncError> {
        let mut early = Vec::new();
        let room_state = self.room_state(&mut early).await?;
        self.report.received += room_state.len();
        let room = room::check(&self.place, &room_state, Some(&self.doc_id))?;
        self.report.seeded_room = matches!(room, RoomState::Empty);
        let id = self.map_id.clone();
        let ours = blocking(&self.lib, move |lib| lib.state_vector(&id)).await?;
        let ours = StateVector::decode_v1(&ours).expect("the library encodes its state vector");
        if let Some(diff) = room.diff(&ours) {
            self.report.received -= room_state.len();
            self.apply(diff).await?;
        }
        self.reply_step1(room.state_vector()).await?;
        for u in early {
            self.apply(u).await?;
        }
        // The server answers in order: once it answers this, it has applied
        // everything sent before.
        let id = self.map_id.clone();
        let now = blocking(&self.lib, move |lib| lib.state_vector(&id)).await?;
        let now = StateVector::decode_v1(&now).expect("the library encodes its state vector");
        self.send(Message::Sync(SyncMessage::SyncStep1(now)))
            .await?;
        let mut answered = false;
        // Hocuspocus also acknowledges each update: the server has everything
        // once it has answered and acknowledged all of them.
        while !answered || self.unacked > 0 {
            match self.recv(true).await? {
                Some(SyncMessage::SyncStep2(u)) => {
                    self.apply(u).await?;
                    answered = true;
                }
                Some(SyncMessage::Update(u)) => self.apply(u).await?,
                Some(SyncMessage::SyncStep1(sv)) => self.reply_step1(sv).await?,
                None => {}
            }
        }
        let id = self.map_id.clone();
        blocking(&self.lib, move |lib| lib.record_sync(&id, None)).await
    }

    /// Asks the room for its whole state; updates that arrive before it are
    /// kept in `early`.
    async fn room_state(&mut self, early: &mut Vec<Vec<u8>>) -> Result<Vec<u8>, SyncError> {
        self.send(Message::Sync(
            SyncMessage::SyncStep1(StateVector::default()),
        ))
        .await?;
        loop {
            match self.recv(true).await? {
                Some(SyncMessage::SyncStep2(state)) => return Ok(state),
                Some(SyncMessage::Update(u)) => early.push(u),
                // Answered by the handshake with the diff against the room's full state.
                Some(SyncMessage::SyncStep1(_)) | None => {}
            }
        }
    }

    /// Live: remote updates in, local updates out, until the connection
    /// drops (an error), or `stop` fires (Ok). Group commit: the room's
    /// updates that arrive while a transaction is being written wait and go
    /// into the next one together; `on_synced` (the link's "saved") fires
    /// only once every update received so far is durable. Updates lost with
    /// the connection before being written come back in the next handshake.
    pub(crate) async fn live(
        &mut self,
        local: &mut UnboundedReceiver<Vec<u8>>,
        stop: &mut tokio::sync::watch::Receiver<bool>,
        on_synced: &(dyn Fn() + Send + Sync),
    ) -> Result<(), SyncError> {
        let mut queued: Vec<Vec<u8>> = Vec::new();
        let mut writing: Option<Writing> = None;
        loop {
            if self.stamped.elapsed() > STAMP_EVERY {
                self.stamped = std::time::Instant::now();
                let id = self.map_id.clone();
                blocking(&self.lib, move |lib| lib.record_sync(&id, None)).await?;
            }
            tokio::select! {
                written = async { writing.as_mut().expect("guarded").await }, if writing.is_some() => {
                    writing = None;
                    written?;
                    if queued.is_empty() {
                        on_synced();
                    } else {
                        writing = Some(Box::pin(self.write(std::mem::take(&mut queued))));
                    }
                }
                msg = self.recv(false) => match msg? {
                    Some(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) => {
                        if u.as_slice() == [0, 0] {
                            continue; // nothing in it
                        }
                        self.report.received += u.len();
                        queued.push(u);
                        if writing.is_none() {
                            writing = Some(Box::pin(self.write(std::mem::take(&mut queued))));
                        }
                    }
                    Some(SyncMessage::SyncStep1(sv)) => self.reply_step1(sv).await?,
                    None => {
                        if writing.is_none() {
                            on_synced();
                        }
                    }
                },
                update = local.recv() => match update {
                    Some(u) => {
                        self.send(Message::Sync(SyncMessage::Update(u))).await?;
                        // Hocuspocus says when it has the update (above).
                        if !self.wire.acknowledges() && writing.is_none() {
                            on_synced();
                        }
                    }
                    None => return self.drain(writing, queued).await,
                },
                _ = stop.changed() => {
                    let finished = self.drain(writing, queued).await;
                    let _ = self.socket.close(None).await;
                    return finished;
                }
            }
        }
    }

    /// Finishes the write under way and writes what waits, before leaving.
    async fn drain(
        &mut self,
        writing: Option<Writing>,
        queued: Vec<Vec<u8>>,
    ) -> Result<(), SyncError> {
        if let Some(w) = writing {
            w.await?;
        }
        if !queued.is_empty() {
            self.write(queued).await?;
        }
        Ok(())
    }

    pub(crate) async fn close(mut self) {
        let _ = self.socket.close(None).await;
    }
}

/// Syncs a linked map with its room until both hold the same document, then
/// disconnects. The outcome is recorded on the link (last sync or error).
pub async fn sync_once(
    lib: Arc<Library>,
    map_id: &str,
    cfg: &SyncConfig,
) -> Result<SyncReport, SyncError> {
    let id = map_id.to_string();
    let link = blocking(&lib, move |lib| lib.map_link(&id)).await?;
    let link = link.ok_or_else(|| {
        SyncError::Library(ApiError::NotFound(format!(
            "map {map_id} is not linked to a sync room; link it with `waymark sync {map_id} --server URL`"
        )))
    })?;
    let id = map_id.to_string();
    let doc_id = blocking(&lib, move |lib| lib.ensure_doc_id(&id)).await?;
    let outcome = async {
        let mut session = Session::open(lib.clone(), map_id, &doc_id, &link.spec(), cfg).await?;
        session.handshake().await?;
        let report = session.report.clone();
        session.close().await;
        Ok(report)
    }
    .await;
    if let Err(e) = &outcome {
        record_failure(&lib, map_id, e).await;
    }
    outcome
}

pub(crate) async fn record_failure(lib: &Arc<Library>, map_id: &str, e: &SyncError) {
    let (id, msg) = (map_id.to_string(), e.to_string());
    let state = e.state().as_str();
    let _ = blocking(lib, move |lib| lib.record_sync(&id, Some((state, &msg)))).await;
}

/// Imports the map a room holds into the library as a new map linked to the
/// room; returns its id. An empty room, or one holding something else than
/// a Waymark map, is refused and nothing is written.
pub async fn join(
    lib: Arc<Library>,
    spec: &LinkSpec,
    cfg: &SyncConfig,
) -> Result<String, SyncError> {
    let (server, room) = check_link_target(&spec.server, &spec.room)?;
    let spec = LinkSpec {
        server,
        room,
        ..spec.clone()
    };
    let mut session = Session::open(lib.clone(), "", "", &spec, cfg).await?;
    let mut state = session.room_state(&mut Vec::new()).await?;
    let place = describe(&spec);
    let mut room = room::check(&place, &state, None)?;
    if matches!(room, RoomState::Empty) && session.wire.acknowledges() {
        // A Hocuspocus instance that has just loaded the document answers
        // before the other instances' state reaches it through Redis; it
        // forwards that state as soon as it comes.
        let deadline = tokio::time::Instant::now() + SETTLE;
        while matches!(room, RoomState::Empty) {
            let Ok(msg) = tokio::time::timeout_at(deadline, session.recv(false)).await else {
                break;
            };
            if let Some(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) = msg? {
                state = yrs::merge_updates_v1([state.as_slice(), u.as_slice()]).map_err(|e| {
                    SyncError::Rejected(format!(
                        "{place}: the server sent updates that do not merge ({e}); nothing was merged"
                    ))
                })?;
                room = room::check(&place, &state, None)?;
            }
        }
    }
    session.close().await;
    let RoomState::Map { doc, .. } = room else {
        return Err(SyncError::Rejected(format!(
            "{place}: the room is empty, there is no map to join; share one there with `waymark sync ID --server URL --room NAME`"
        )));
    };
    let full = {
        use yrs::{ReadTxn, Transact};
        doc.transact()
            .encode_state_as_update_v1(&StateVector::default())
    };
    let id = blocking(&lib, move |lib| {
        let id = lib.create_from_state(&full, &place)?;
        lib.link_map(&id, &spec)?;
        lib.record_sync(&id, None)?;
        Ok(id)
    })
    .await?;
    Ok(id)
}
