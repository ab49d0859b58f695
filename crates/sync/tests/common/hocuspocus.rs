//! Test support for Hocuspocus: Debian's `redis-server` and Hocuspocus
//! instances (tests/hocuspocus: `@hocuspocus/server` with the Redis and
//! SQLite extensions) on loopback, and a TCP failover proxy standing in for
//! the load balancer in front of the instances.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::free_port;

/// Whether Debian's redis-server is installed; says why a test is skipped
/// when not (scripts/install-deps installs it).
pub fn redis_available() -> bool {
    let found = Command::new("redis-server")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !found {
        eprintln!(
            "SKIPPED: redis-server is not installed (scripts/install-deps installs Debian's redis-server)"
        );
    }
    found
}

fn wait_for_port(port: u16, child: &mut Child, what: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        if let Ok(Some(status)) = child.try_wait() {
            eprintln!("{what} on port {port} exited: {status}");
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A redis-server on 127.0.0.1, in memory only.
pub struct Redis {
    child: Option<Child>,
    pub port: u16,
}

impl Redis {
    pub fn start() -> Redis {
        for _ in 0..5 {
            if let Some(r) = Redis::try_start(free_port()) {
                return r;
            }
        }
        panic!("redis-server did not start on any of 5 free ports");
    }

    fn try_start(port: u16) -> Option<Redis> {
        let mut child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server runs");
        if wait_for_port(port, &mut child, "redis-server") {
            Some(Redis {
                child: Some(child),
                port,
            })
        } else {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    }

    /// Starts again on the same port (after `kill`).
    pub fn restart(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(mut r) = Redis::try_start(self.port) {
                self.child = r.child.take();
                return;
            }
            assert!(
                Instant::now() < deadline,
                "redis-server did not restart on port {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.kill();
    }
}

fn server_script() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hocuspocus");
    assert!(
        root.join("node_modules/@hocuspocus/server").is_dir(),
        "Hocuspocus is not installed in {}: run scripts/install-deps (it runs `npm ci` there)",
        root.display()
    );
    root.join("server.mjs")
}

/// A Hocuspocus instance relaying through `redis` and storing documents in
/// a SQLite file (shared by all instances of a test).
pub struct Hocuspocus {
    child: Option<Child>,
    pub port: u16,
    redis_port: u16,
    database: PathBuf,
    token: Option<String>,
}

impl Hocuspocus {
    pub fn start(redis: &Redis, database: &Path, token: Option<&str>) -> Hocuspocus {
        let mut h = Hocuspocus {
            child: None,
            port: 0,
            redis_port: redis.port,
            database: database.to_path_buf(),
            token: token.map(str::to_string),
        };
        for _ in 0..5 {
            h.port = free_port();
            if h.try_start() {
                return h;
            }
        }
        panic!("Hocuspocus did not start on any of 5 free ports");
    }

    fn try_start(&mut self) -> bool {
        // Appended to, so a restart keeps what the killed instance said.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.database.with_extension(format!("{}.log", self.port)))
            .expect("a log file next to the database");
        let mut cmd = Command::new("node");
        cmd.arg(server_script())
            .current_dir(server_script().parent().unwrap())
            .env("PORT", self.port.to_string())
            .env("REDIS_PORT", self.redis_port.to_string())
            .env("DATABASE", &self.database)
            .stdout(Stdio::piped())
            .stderr(log);
        if let Some(t) = &self.token {
            cmd.env("TOKEN", t);
        }
        let mut child = cmd.spawn().unwrap_or_else(|e| {
            panic!("cannot run node for Hocuspocus ({e}): run scripts/install-deps")
        });
        let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        let mut ready = false;
        for _ in 0..50 {
            line.clear();
            if reader.read_line(&mut line).map(|n| n == 0).unwrap_or(true) {
                break;
            }
            if line.contains("hocuspocus listening on") {
                ready = true;
                break;
            }
        }
        if !ready {
            let _ = child.kill();
            let _ = child.wait();
            return false;
        }
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = String::new();
            while reader.read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
                sink.clear();
            }
        });
        self.child = Some(child);
        true
    }

    /// Starts again on the same port (after `kill`).
    pub fn restart(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !self.try_start() {
            assert!(
                Instant::now() < deadline,
                "Hocuspocus did not restart on port {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    /// SIGKILL: no shutdown hooks, nothing stored on the way out.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Hocuspocus {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The documents the instances stored: name → Yjs state.
pub fn stored_documents(database: &Path) -> HashMap<String, Vec<u8>> {
    let Ok(conn) = rusqlite::Connection::open(database) else {
        return HashMap::new();
    };
    let Ok(mut stmt) = conn.prepare("SELECT name, data FROM documents") else {
        return HashMap::new();
    };
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// A TCP proxy standing in for a load balancer with health checks: each
/// new connection goes to the first backend (in the given order) that
/// accepts it; when a backend dies, its connections are cut.
pub struct Failover {
    pub port: u16,
    stop: Arc<AtomicBool>,
    active: Arc<Mutex<HashMap<u16, usize>>>,
}

impl Failover {
    pub fn start(backends: Vec<u16>) -> Failover {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let active = Arc::new(Mutex::new(HashMap::new()));
        let (stop2, active2) = (stop.clone(), active.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                for &backend in &backends {
                    let addr: SocketAddr = ([127, 0, 0, 1], backend).into();
                    if let Ok(server) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
                        splice(client, server, backend, active2.clone());
                        break;
                    }
                }
            }
        });
        Failover { port, stop, active }
    }

    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    /// How many connections go to `backend` now.
    pub fn active(&self, backend: u16) -> usize {
        *self.active.lock().unwrap().get(&backend).unwrap_or(&0)
    }
}

fn splice(
    client: TcpStream,
    server: TcpStream,
    backend: u16,
    active: Arc<Mutex<HashMap<u16, usize>>>,
) {
    *active.lock().unwrap().entry(backend).or_default() += 1;
    let pipe =
        |mut from: TcpStream, mut to: TcpStream, done: Option<Arc<Mutex<HashMap<u16, usize>>>>| {
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut from, &mut to);
                // Either side gone: cut both, as a balancer does.
                let _ = from.shutdown(Shutdown::Both);
                let _ = to.shutdown(Shutdown::Both);
                if let Some(active) = done {
                    *active.lock().unwrap().entry(backend).or_default() -= 1;
                }
            });
        };
    let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    pipe(client, server, Some(active));
    pipe(s2, c2, None);
}

impl Drop for Failover {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}
