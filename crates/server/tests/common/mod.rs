//! Helpers the server's integration tests share: a server on 127.0.0.1:0
//! over a temporary library, a minimal HTTP client and a y-websocket client.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use waymark_api::Library;
use waymark_server::{start, RunningServer, ServerConfig};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, ReadTxn, Text, Transact, Update};

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
    pub library: Arc<Library>,
    pub server: RunningServer,
}

pub async fn fixture() -> Fixture {
    fixture_with(ServerConfig::default()).await
}

/// A server with `config` over a temporary library.
pub async fn fixture_with(config: ServerConfig) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let library = Arc::new(Library::open(&path).unwrap());
    let server = start(library.clone(), config).await.unwrap();
    Fixture {
        _dir: dir,
        path,
        library,
        server,
    }
}

pub struct Reply {
    pub status: u16,
    /// The status line and headers.
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// A minimal HTTP/1.1 client: one request per connection.
pub async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    s.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Reply { status, head, body }
}

pub fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let n = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 4 + n..];
    }
}

pub fn bearer(f: &Fixture) -> String {
    format!("Bearer {}", f.server.token())
}

pub async fn create_map(f: &Fixture) -> String {
    create_from(f, None).await
}

/// A map from `template` (or blank).
pub async fn create_from(f: &Fixture, template: Option<&str>) -> String {
    let auth = bearer(f);
    let body = serde_json::json!({ "template": template, "title": "Shared" }).to_string();
    let r = http(
        f.server.addr(),
        "POST",
        "/api/rpc/create_map",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.json().as_str().unwrap().to_string()
}

/// A JSON request with `token` as the bearer.
pub async fn call(
    f: &Fixture,
    token: &str,
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> Reply {
    let auth = format!("Bearer {token}");
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    http(
        f.server.addr(),
        method,
        path,
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
    .await
}

/// Calls command `name` of the table (`POST /api/rpc/{name}`) as the host.
pub async fn rpc(f: &Fixture, name: &str, body: serde_json::Value) -> Reply {
    call(
        f,
        f.server.token(),
        "POST",
        &format!("/api/rpc/{name}"),
        body,
    )
    .await
}

/// Joins the workshop as `name`; the participant's token.
pub async fn join(f: &Fixture, name: &str) -> String {
    let r = call(
        f,
        f.server.join_token(),
        "POST",
        "/api/workshop/join",
        serde_json::json!({ "name": name }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.json()["token"].as_str().unwrap().to_string()
}

pub fn scratch(state: &[u8]) -> String {
    let doc = Doc::new();
    let text = doc.get_or_insert_text("scratch");
    let mut txn = doc.transact_mut();
    txn.apply_update(Update::decode_v1(state).unwrap()).unwrap();
    text.get_string(&txn)
}

pub type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>;

/// A y-websocket client: a Yjs document kept in sync over the socket.
pub struct Client {
    pub ws: Ws,
    pub doc: Doc,
}

impl Client {
    pub async fn connect(f: &Fixture, map: &str) -> Client {
        Self::connect_as(f.server.addr(), map, f.server.token()).await
    }

    /// Connects with `token` (a participant's, say) instead of the host's.
    pub async fn connect_as(addr: SocketAddr, map: &str, token: &str) -> Client {
        let url = format!("ws://{addr}/ws/{map}?token={token}");
        let (mut ws, _) = tokio_tungstenite::connect_async(url.into_client_request().unwrap())
            .await
            .unwrap();
        let doc = Doc::new();
        let sv = doc.transact().state_vector();
        ws.send(WsMessage::Binary(
            Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1().into(),
        ))
        .await
        .unwrap();
        Client { ws, doc }
    }

    /// The next binary message before `deadline` (panics naming `what`).
    async fn next_binary(&mut self, deadline: tokio::time::Instant, what: &str) -> Vec<u8> {
        loop {
            let msg = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
                .expect("connection closed")
                .unwrap();
            if let WsMessage::Binary(bytes) = msg {
                return bytes.to_vec();
            }
        }
    }

    /// Handles incoming messages until `done` holds (or panics after 10 s).
    pub async fn sync_until(&mut self, done: impl Fn(&Doc) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while !done(&self.doc) {
            let bytes = self.next_binary(deadline, "sync").await;
            match Message::decode_v1(&bytes).unwrap() {
                Message::Sync(SyncMessage::SyncStep1(sv)) => {
                    let diff = self.doc.transact().encode_diff_v1(&sv);
                    self.ws
                        .send(WsMessage::Binary(
                            Message::Sync(SyncMessage::SyncStep2(diff))
                                .encode_v1()
                                .into(),
                        ))
                        .await
                        .unwrap();
                }
                Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u)) => {
                    self.doc
                        .transact_mut()
                        .apply_update(Update::decode_v1(&u).unwrap())
                        .unwrap();
                }
                _ => {}
            }
        }
    }

    pub async fn write(&mut self, s: &str) {
        let text = self.doc.get_or_insert_text("scratch");
        let update = {
            let mut txn = self.doc.transact_mut();
            let len = text.len(&txn);
            text.insert(&mut txn, len, s);
            txn.encode_update_v1()
        };
        self.ws
            .send(WsMessage::Binary(
                Message::Sync(SyncMessage::Update(update))
                    .encode_v1()
                    .into(),
            ))
            .await
            .unwrap();
    }

    pub fn text(doc: &Doc) -> String {
        let txn = doc.transact();
        txn.get_text("scratch")
            .map(|t| t.get_string(&txn))
            .unwrap_or_default()
    }

    /// Waits for the server to close the connection.
    pub async fn closed(&mut self) {
        self.close_frame().await;
    }

    /// Waits for the server to close the connection; the close frame's code
    /// and reason, if it sent one.
    pub async fn close_frame(&mut self) -> Option<(u16, String)> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .expect("the server kept the connection open")
            {
                None | Some(Err(_)) => return None,
                Some(Ok(WsMessage::Close(frame))) => {
                    return frame.map(|f| (u16::from(f.code), f.reason.to_string()))
                }
                Some(Ok(_)) => {}
            }
        }
    }

    /// Changes the map through the typed model on this replica and sends the
    /// update.
    pub async fn edit(&mut self, f: impl FnOnce(&mut waymark_core::Journey)) {
        let before = waymark_core::doc::read_journey(&self.doc).journey;
        let mut after = before.clone();
        f(&mut after);
        let update = {
            let mut txn = self.doc.transact_mut();
            waymark_core::doc::write_journey_diff(&mut txn, &before, &after);
            txn.encode_update_v1()
        };
        self.ws
            .send(WsMessage::Binary(
                Message::Sync(SyncMessage::Update(update))
                    .encode_v1()
                    .into(),
            ))
            .await
            .unwrap();
    }

    pub fn journey(&self) -> waymark_core::Journey {
        waymark_core::doc::read_journey(&self.doc).journey
    }

    /// Reads until the server's workshop message (type 100) and decodes it
    /// the way lib0 does in the browser: a varint type, then `readVarString`.
    pub async fn workshop_view(&mut self) -> serde_json::Value {
        use yrs::encoding::read::{Cursor, Read};
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let bytes = self.next_binary(deadline, "the workshop message").await;
            let mut cursor = Cursor::new(&bytes);
            if cursor.read_var::<u32>().unwrap() != u32::from(waymark_server::WORKSHOP_MESSAGE) {
                continue;
            }
            let json = cursor.read_string().expect("a lib0 var string").to_string();
            assert!(
                !cursor.has_content(),
                "bytes left after the JSON of the workshop message"
            );
            return serde_json::from_str(&json).expect("the workshop message is JSON");
        }
    }

    /// Announces this client's presence (awareness) state.
    pub async fn send_presence(&mut self, client: u64, clock: u32, json: &str) {
        use yrs::sync::awareness::AwarenessUpdateEntry;
        let entry = AwarenessUpdateEntry {
            clock,
            json: json.into(),
        };
        let update = yrs::sync::AwarenessUpdate {
            clients: [(yrs::block::ClientID::new(client), entry)].into(),
        };
        self.ws
            .send(WsMessage::Binary(
                Message::Awareness(update).encode_v1().into(),
            ))
            .await
            .unwrap();
    }

    /// Reads until a presence state of `client` arrives; its JSON.
    pub async fn presence_of(&mut self, client: u64) -> serde_json::Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let bytes = self.next_binary(deadline, "presence").await;
            let Ok(Message::Awareness(u)) = Message::decode_v1(&bytes) else {
                continue;
            };
            if let Some(e) = u.clients.get(&yrs::block::ClientID::new(client)) {
                return serde_json::from_str(&e.json).unwrap();
            }
        }
    }

    /// Syncs until the map has arrived.
    pub async fn synced(&mut self) {
        self.sync_until(|d| d.transact().state_vector() != yrs::StateVector::default())
            .await;
    }
}
pub mod load;
