//! Team sync, the library's side: which room a map is linked to, the map's
//! sync identity, updates from a room checked before they are persisted, and
//! a feed of every persisted update for the sync client to send on.

use std::sync::Arc;

use serde::Serialize;
use waymark_core::doc::read_journey;
use waymark_core::identity;
use waymark_store::LinkRow;
use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, Transact, Update};

use crate::shared::{Change, Was};
use crate::{check_valid, doc_from_updates, full_state, ApiError, Library, OpenMap, Result};

/// How the token reaches the server: `?token=…` on the URL (what y-websocket
/// clients send, and what y-redis and Hocuspocus setups commonly read) or an
/// `Authorization: Bearer …` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum TokenVia {
    #[default]
    Query,
    Header,
}

impl TokenVia {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenVia::Query => "query",
            TokenVia::Header => "header",
        }
    }
}

impl std::str::FromStr for TokenVia {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "query" => Ok(TokenVia::Query),
            "header" => Ok(TokenVia::Header),
            other => Err(ApiError::Invalid(format!(
                "token placement {other:?}: use \"query\" or \"header\""
            ))),
        }
    }
}

/// The kind of server a link talks to. Both carry the Yjs sync protocol;
/// they differ in how a connection names its document and authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default, ts_rs::TS)]
#[ts(rename = "SyncProtocol")]
pub enum Protocol {
    /// `@y/websocket-server`, y-redis, …: one document per WebSocket, named
    /// by the URL path; the token on the URL or in a header.
    #[default]
    #[serde(rename = "y-websocket")]
    YWebsocket,
    /// Hocuspocus: documents multiplexed over one WebSocket, every message
    /// prefixed with the document name; the token in an authentication message.
    #[serde(rename = "hocuspocus")]
    Hocuspocus,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::YWebsocket => "y-websocket",
            Protocol::Hocuspocus => "hocuspocus",
        }
    }
}

impl std::str::FromStr for Protocol {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "y-websocket" => Ok(Protocol::YWebsocket),
            "hocuspocus" => Ok(Protocol::Hocuspocus),
            other => Err(ApiError::Invalid(format!(
                "sync protocol {other:?}: use \"y-websocket\" or \"hocuspocus\""
            ))),
        }
    }
}

/// A secret that never shows: Debug and Display print a mask.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// The secret itself, for the one place that sends it to the server.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<hidden>")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("••••••")
    }
}

/// Where to sync a map: a server, a room (document) on it, a token, and the
/// server's protocol.
#[derive(Debug, Clone)]
pub struct LinkSpec {
    pub server: String,
    pub room: String,
    pub token: Option<Secret>,
    pub token_via: TokenVia,
    pub protocol: Protocol,
}

/// A map's link to a room, as fronts show it. The token is never serialized.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MapLink {
    pub map_id: String,
    pub server: String,
    pub room: String,
    #[serde(skip)]
    pub token: Option<Secret>,
    pub has_token: bool,
    pub token_via: TokenVia,
    pub protocol: Protocol,
    pub linked_at: String,
    pub last_sync_at: Option<String>,
    /// How the last attempt ended: `connected`, `offline` or `error`.
    pub last_state: Option<String>,
    pub last_error: Option<String>,
}

impl MapLink {
    pub fn spec(&self) -> LinkSpec {
        LinkSpec {
            server: self.server.clone(),
            room: self.room.clone(),
            token: self.token.clone(),
            token_via: self.token_via,
            protocol: self.protocol,
        }
    }
}

impl From<LinkRow> for MapLink {
    fn from(r: LinkRow) -> Self {
        MapLink {
            has_token: r.token.is_some(),
            token: r.token.map(Secret),
            token_via: r.token_via.parse().unwrap_or_default(),
            protocol: r.protocol.parse().unwrap_or_default(),
            map_id: r.map_id,
            server: r.server,
            room: r.room,
            linked_at: r.linked_at,
            last_sync_at: r.last_sync_at,
            last_state: r.last_state,
            last_error: r.last_error,
        }
    }
}

/// Checks a server URL and a room name; returns them normalised.
pub fn check_link_target(server: &str, room: &str) -> Result<(String, String)> {
    let server = server.trim().trim_end_matches('/');
    let rest = server
        .strip_prefix("ws://")
        .or_else(|| server.strip_prefix("wss://"))
        .ok_or_else(|| {
            ApiError::Invalid(format!(
                "server {server:?}: give a ws:// or wss:// URL, e.g. wss://sync.example.org/yjs"
            ))
        })?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.contains(char::is_whitespace) || host.contains('@') {
        return Err(ApiError::Invalid(format!(
            "server {server:?}: the URL has no valid host"
        )));
    }
    if rest.contains(['?', '#']) {
        return Err(ApiError::Invalid(
            "server URL: leave out ?query and #fragment; pass a token with --token so it is never shown"
                .into(),
        ));
    }
    let room = room.trim();
    let bad = |c: char| !(c.is_ascii_alphanumeric() || "-_.~:".contains(c));
    if room.is_empty() || room.len() > 200 || room.contains(bad) {
        return Err(ApiError::Invalid(format!(
            "room {room:?}: use 1-200 letters, digits, '-', '_', '.', '~' or ':'"
        )));
    }
    Ok((server.to_string(), room.to_string()))
}

/// Called with `(map id, update, origin)` after every persisted update.
pub type UpdateObserver = Arc<dyn Fn(&str, &[u8], &str) + Send + Sync>;

/// A subscription to persisted updates, ended with [`Library::unsubscribe`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubscriptionId(pub(crate) u64);

pub(crate) fn notify_all(
    observers: &[(u64, UpdateObserver)],
    id: &str,
    update: &[u8],
    origin: &str,
) {
    for (_, f) in observers {
        f(id, update, origin);
    }
}

impl Library {
    /// Links a map to a room on a sync server, giving its document a
    /// sync identity first if it has none.
    pub fn link_map(&self, id: &str, spec: &LinkSpec) -> Result<MapLink> {
        let (server, room) = check_link_target(&spec.server, &spec.room)?;
        let token = spec
            .token
            .as_ref()
            .map(|t| t.expose().trim())
            .filter(|t| !t.is_empty());
        self.ensure_doc_id(id)?;
        let row = self.lock().store.set_link(
            id,
            &waymark_store::NewLink {
                server: &server,
                room: &room,
                token,
                token_via: spec.token_via.as_str(),
                protocol: spec.protocol.as_str(),
            },
        )?;
        Ok(row.into())
    }

    /// Removes a map's link (the map stays, and so does the room's copy).
    pub fn unlink_map(&self, id: &str) -> Result<bool> {
        Ok(self.lock().store.remove_link(id)?)
    }

    pub fn map_link(&self, id: &str) -> Result<Option<MapLink>> {
        Ok(self.lock().store.link(id)?.map(Into::into))
    }

    pub fn map_links(&self) -> Result<Vec<MapLink>> {
        Ok(self
            .lock()
            .store
            .list_links()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Records a sync attempt's outcome on the link: `None` = in step now,
    /// else the state it left (`offline`, `error`) and why.
    pub fn record_sync(&self, id: &str, error: Option<(&str, &str)>) -> Result<()> {
        Ok(self.lock().store.record_sync(id, error)?)
    }

    /// The map's sync identity, giving it one (a persisted edit) if missing.
    pub fn ensure_doc_id(&self, id: &str) -> Result<String> {
        // Most maps have one: no need to take the library's write lock.
        if let Some(d) = self.doc_id(id)? {
            return Ok(d);
        }
        self.lock().write(id, "local", |open| {
            if let Some(d) = identity::doc_id(&open.doc.transact()) {
                return Ok((d, None));
            }
            let doc_id = uuid::Uuid::new_v4().to_string();
            let update = {
                let mut txn = open.doc.transact_mut();
                identity::set_doc_id(&mut txn, &doc_id);
                txn.encode_update_v1()
            };
            // Outside the map's root types: no derived row changes.
            let change = Change {
                update,
                was: Was::nothing(),
                after: open.journey.clone(),
                compact: false,
            };
            Ok((doc_id, Some(change)))
        })
    }

    pub fn doc_id(&self, id: &str) -> Result<Option<String>> {
        Ok(identity::doc_id(&self.lock().load(id)?.doc.transact()))
    }

    /// The map document's state vector (v1).
    pub fn state_vector(&self, id: &str) -> Result<Vec<u8>> {
        use yrs::updates::encoder::Encode;
        Ok(self
            .lock()
            .load(id)?
            .doc
            .transact()
            .state_vector()
            .encode_v1())
    }

    /// Applies an update from the map's sync room. Unlike
    /// [`Library::apply_update`] it first checks, in memory, that the result
    /// is still the same map (sync identity `doc_id`); if not, the cached
    /// document is dropped and nothing is written, so the map on disk is
    /// untouched.
    pub fn apply_remote_update(
        &self,
        id: &str,
        update: &[u8],
        origin: &str,
        doc_id: &str,
    ) -> Result<()> {
        if update == [0, 0] {
            return Ok(());
        }
        let decoded = Update::decode_v1(update)
            .map_err(|e| ApiError::Invalid(format!("map {id}: malformed Yjs update: {e}")))?;
        self.lock().write(id, origin, |open| {
            let applied = open.doc.transact_mut().apply_update(decoded);
            let found = identity::doc_id(&open.doc.transact());
            let problem = match applied {
                Err(e) => Some(format!("map {id}: Yjs update does not apply: {e}")),
                Ok(()) if found.as_deref() != Some(doc_id) => Some(format!(
                    "map {id}: the update would turn it into another document ({}); refused",
                    found.as_deref().unwrap_or("none")
                )),
                Ok(()) => None,
            };
            if let Some(message) = problem {
                // The write drops the document: reloaded from disk next time.
                return Err(ApiError::Invalid(message));
            }
            let was = open.reproject();
            let change = Change {
                update: update.to_vec(),
                was,
                after: std::mem::take(&mut open.journey),
                compact: false,
            };
            Ok(((), Some(change)))
        })
    }

    /// Adds a map whose document is `state` (a room's full state, from
    /// `waymark join`). The state must be a Waymark map with a sync identity.
    pub fn create_from_state(&self, state: &[u8], what: &str) -> Result<String> {
        let doc = doc_from_updates([state.to_vec()], what)?;
        if identity::doc_id(&doc.transact()).is_none() {
            return Err(ApiError::Invalid(format!(
                "{what}: not a Waymark map shared for sync (no sync identity)"
            )));
        }
        let p = read_journey(&doc);
        check_valid(&p.journey)?;
        let id = uuid::Uuid::new_v4().to_string();
        let mut inner = self.lock();
        let seq = inner.store.create_map(&id, &full_state(&doc), &p.journey)?;
        inner.maps.insert(id.clone(), OpenMap::new(doc, seq));
        Ok(id)
    }

    /// Calls `f` after every update persisted to any map (local edits, remote
    /// updates, restores), with the lock held: `f` must be quick and must not
    /// call back into the library (send the bytes on a channel).
    pub fn subscribe(&self, f: UpdateObserver) -> SubscriptionId {
        let mut inner = self.lock();
        inner.next_observer += 1;
        let id = inner.next_observer;
        inner.observers.push((id, f));
        SubscriptionId(id)
    }

    pub fn unsubscribe(&self, sub: SubscriptionId) {
        self.lock().observers.retain(|(id, _)| *id != sub.0);
    }
}
