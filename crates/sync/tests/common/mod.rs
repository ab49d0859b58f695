//! Test support: the real `@y/websocket-server` (tests/yserver) on loopback,
//! and helpers to compare libraries.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use waymark_api::{Library, LinkSpec, Protocol, Secret, TokenVia};

pub mod hocuspocus;

/// The npm y-websocket server, started by the test on 127.0.0.1.
pub struct YServer {
    child: Option<Child>,
    pub port: u16,
}

fn server_script() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/yserver");
    let script = root.join("node_modules/@y/websocket-server/src/server.js");
    assert!(
        script.is_file(),
        "the y-websocket server is not installed at {}: run scripts/install-deps (it runs `npm ci` in tests/yserver)",
        script.display()
    );
    script
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

impl YServer {
    pub fn start() -> YServer {
        // The server takes its port from PORT; a port freed a moment ago can
        // be taken by another test in between, so try a few.
        for _ in 0..5 {
            if let Some(s) = YServer::try_start(free_port()) {
                return s;
            }
        }
        panic!("the y-websocket server did not start on any of 5 free ports");
    }

    /// Starts on `port` (to restart a killed server at the same address).
    pub fn start_on(port: u16) -> YServer {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(s) = YServer::try_start(port) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "the y-websocket server did not restart on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn try_start(port: u16) -> Option<YServer> {
        let mut child = Command::new("node")
            .arg(server_script())
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run node for the y-websocket server ({e}): run scripts/install-deps")
            });
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped stdout");
        let mut reader = BufReader::new(stdout);
        let _ = reader.read_line(&mut line);
        if line.contains("running at") {
            // Keep draining stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || {
                let mut sink = String::new();
                while reader.read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
                    sink.clear();
                }
            });
            Some(YServer {
                child: Some(child),
                port,
            })
        } else {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    }

    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for YServer {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn spec(server: &str, room: &str) -> LinkSpec {
    LinkSpec {
        server: server.to_string(),
        room: room.to_string(),
        token: None,
        token_via: TokenVia::Query,
        protocol: Protocol::YWebsocket,
    }
}

/// A link to document `room` on a Hocuspocus server, with its token.
pub fn hocuspocus_spec(server: &str, room: &str, token: &str) -> LinkSpec {
    LinkSpec {
        token: Some(Secret::new(token)),
        protocol: Protocol::Hocuspocus,
        ..spec(server, room)
    }
}

pub fn library(dir: &tempfile::TempDir, name: &str) -> Arc<Library> {
    Arc::new(Library::open(&dir.path().join(name)).expect("library opens"))
}

/// Polls `f` until it holds (or panics after 20 s with `what`).
pub async fn eventually(what: &str, f: impl FnMut() -> bool) {
    eventually_within(Duration::from_secs(20), what, f).await
}

/// Polls `f` until it holds (or panics after `limit` with `what`).
pub async fn eventually_within(limit: Duration, what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Every derived row of a map, without the map id (ids differ between
/// libraries), in a stable order: what the SQLite tables say about the map.
pub fn derived_rows(lib: &Library, map_id: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(lib.path()).expect("library opens read-only");
    let mut out = Vec::new();
    for table in [
        "personas",
        "stages",
        "lanes",
        "touchpoints",
        "connections",
        "annotations",
        "responses",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} WHERE map_id = ?1"))
            .unwrap();
        let cols: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let rows = stmt
            .query_map([map_id], |r| {
                let mut line = format!("{table}:");
                for (i, c) in cols.iter().enumerate() {
                    if c == "map_id" {
                        continue;
                    }
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!(" {c}={v:?}"));
                }
                Ok(line)
            })
            .unwrap();
        let mut rows: Vec<String> = rows.map(|r| r.unwrap()).collect();
        rows.sort();
        out.extend(rows);
    }
    let maps: String = conn
        .query_row(
            "SELECT title || '|' || stage_count || '|' || touchpoint_count || '|' || annotation_count FROM maps WHERE id = ?1",
            [map_id],
            |r| r.get(0),
        )
        .unwrap();
    out.push(format!("maps: {maps}"));
    out
}

/// What the library file holds for a map's document: snapshot + log bytes.
pub fn stored_doc(lib: &Library, map_id: &str) -> Vec<Vec<u8>> {
    let conn = rusqlite::Connection::open(lib.path()).unwrap();
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut stmt = conn
        .prepare("SELECT data FROM map_snapshots WHERE map_id = ?1")
        .unwrap();
    out.extend(
        stmt.query_map([map_id], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap()),
    );
    let mut stmt = conn
        .prepare("SELECT data FROM map_updates WHERE map_id = ?1 ORDER BY seq")
        .unwrap();
    out.extend(
        stmt.query_map([map_id], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap()),
    );
    out
}
