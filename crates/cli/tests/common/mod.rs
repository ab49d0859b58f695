//! Test support for several processes on one library: the `waymark` binary,
//! a `waymark serve` child, a minimal HTTP client and a y-websocket client
//! whose every note is acknowledged (the server answered a state request
//! sent after it, so it was applied first).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tungstenite::Message as WsMessage;
use waymark_core::doc::{read_journey, write_journey_diff};
use waymark_core::model::{Annotation, Target};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, Transact, Update};

pub fn cli(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_waymark"));
    c.arg("--db")
        .arg(db)
        .env_remove("WAYMARK_DB")
        .env_remove("WAYMARK_SYNC_TOKEN");
    c
}

pub fn run(db: &Path, args: &[&str]) -> Output {
    cli(db).args(args).output().unwrap()
}

/// Runs to success and returns stdout.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new map titled `title` from `template`: its id.
pub fn new_id(db: &Path, title: &str, template: &str) -> String {
    ok(db, &["new", "--title", title, "--template", template])
        .trim()
        .to_string()
}

pub fn sigkill(child: &mut Child) {
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
}

/// A `waymark serve` child on 127.0.0.1:`port` (0: any).
pub struct Serve {
    pub child: Child,
    pub addr: SocketAddr,
    pub token: String,
}

impl Serve {
    pub fn start(db: &Path, port: u16) -> Serve {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut child = cli(db)
                .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
            let first = lines.next().and_then(|l| l.ok()).unwrap_or_default();
            // "Serving PATH at http://ADDR/?token=T"
            if let Some(url) = first.split(" at http://").nth(1) {
                let (addr, token) = url.split_once("/?token=").expect("a token in the URL");
                // Keep reading so the child never blocks on a full pipe.
                std::thread::spawn(move || lines.for_each(drop));
                return Serve {
                    child,
                    addr: addr.parse().unwrap(),
                    token: token.trim().to_string(),
                };
            }
            sigkill(&mut child);
            assert!(Instant::now() < deadline, "waymark serve did not start");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    pub fn ws_url(&self, map: &str) -> String {
        format!("ws://{}/ws/{map}?token={}", self.addr, self.token)
    }

    /// POSTs JSON; returns the status code and body.
    pub fn post(&self, path: &str, body: &str) -> (u16, String) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        write!(
            s,
            "POST {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            self.token,
            body.len()
        )
        .unwrap();
        let mut reply = String::new();
        s.read_to_string(&mut reply).unwrap();
        let status = reply
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = reply.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        (status, body.to_string())
    }

    pub fn kill(mut self) {
        sigkill(&mut self.child);
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        sigkill(&mut self.child);
    }
}

type Socket = tungstenite::WebSocket<TcpStream>;

/// A y-websocket client holding a replica of a map, adding notes.
pub struct NoteClient {
    ws: Socket,
    pub doc: Doc,
}

impl NoteClient {
    /// Connects and syncs (both ways) with the room at `url`.
    pub fn connect(url: &str, doc: Doc) -> Result<NoteClient, String> {
        let host = url
            .strip_prefix("ws://")
            .and_then(|r| r.split('/').next())
            .ok_or("a ws:// URL")?;
        let stream = TcpStream::connect(host).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| e.to_string())?;
        let (ws, _) = tungstenite::client(url, stream).map_err(|e| e.to_string())?;
        let mut c = NoteClient { ws, doc };
        c.round_trip()?;
        Ok(c)
    }

    fn send(&mut self, msg: Message) -> Result<(), String> {
        self.ws
            .send(WsMessage::Binary(msg.encode_v1().into()))
            .map_err(|e| e.to_string())
    }

    /// Asks for what the room has that we lack and waits for the answer,
    /// answering the room's own questions meanwhile. Every message sent
    /// before was applied by the room once this returns.
    fn round_trip(&mut self) -> Result<(), String> {
        let sv = self.doc.transact().state_vector();
        self.send(Message::Sync(SyncMessage::SyncStep1(sv)))?;
        loop {
            let msg = self.ws.read().map_err(|e| e.to_string())?;
            let WsMessage::Binary(bytes) = msg else {
                if let WsMessage::Close(frame) = msg {
                    return Err(format!("closed: {frame:?}"));
                }
                continue;
            };
            match Message::decode_v1(&bytes) {
                Ok(Message::Sync(SyncMessage::SyncStep1(sv))) => {
                    let diff = self.doc.transact().encode_diff_v1(&sv);
                    self.send(Message::Sync(SyncMessage::SyncStep2(diff)))?;
                }
                Ok(Message::Sync(SyncMessage::SyncStep2(u))) => {
                    self.apply(&u)?;
                    return Ok(());
                }
                Ok(Message::Sync(SyncMessage::Update(u))) => self.apply(&u)?,
                _ => {}
            }
        }
    }

    /// Reads what the room sends, without sending anything, until `done`
    /// holds for the replica or `within` has passed; returns whether it held.
    pub fn listen_until(&mut self, within: Duration, done: impl Fn(&Doc) -> bool) -> bool {
        let deadline = Instant::now() + within;
        let _ = self
            .ws
            .get_mut()
            .set_read_timeout(Some(Duration::from_millis(200)));
        let mut held = done(&self.doc);
        while !held && Instant::now() < deadline {
            if let Ok(WsMessage::Binary(bytes)) = self.ws.read() {
                if let Ok(Message::Sync(SyncMessage::Update(u) | SyncMessage::SyncStep2(u))) =
                    Message::decode_v1(&bytes)
                {
                    let _ = self.apply(&u);
                }
            }
            held = done(&self.doc);
        }
        let _ = self
            .ws
            .get_mut()
            .set_read_timeout(Some(Duration::from_secs(10)));
        held
    }

    fn apply(&mut self, u: &[u8]) -> Result<(), String> {
        let update = Update::decode_v1(u).map_err(|e| e.to_string())?;
        self.doc
            .transact_mut()
            .apply_update(update)
            .map_err(|e| e.to_string())
    }

    /// Adds a note with `text` to the map; returns its id once the room has
    /// applied it (for `waymark serve`: persisted).
    pub fn add_note(&mut self, text: &str) -> Result<String, String> {
        let id = uuid::Uuid::new_v4();
        let before = read_journey(&self.doc).journey;
        let mut after = before.clone();
        after.annotations.push(Annotation {
            id,
            text: text.to_string(),
            author: "soak".into(),
            created_at: "2026-11-22T10:00:00Z".into(),
            target: Target::Map,
            ..Annotation::default()
        });
        let update = {
            let mut txn = self.doc.transact_mut();
            write_journey_diff(&mut txn, &before, &after);
            txn.encode_update_v1()
        };
        self.send(Message::Sync(SyncMessage::Update(update)))?;
        self.round_trip()?;
        Ok(id.to_string())
    }
}

/// A CSV adding one answer (by `respondent`) to touchpoint `tp`.
pub fn answer_csv(tp: &str, respondent: &str) -> String {
    format!(
        "touchpoint,respondent,date,metric,scale,value,comment\n{tp},{respondent},2026-10-01,csat,csat,4,\n"
    )
}
