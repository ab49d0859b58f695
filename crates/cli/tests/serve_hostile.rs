//! `waymark serve` as a real child process against a hostile room (issue
//! 13): 300 half-open requests while it has 256 file descriptors (macOS's
//! default), and a participant's presence flood, with the server's peak
//! memory read from /proc. Prints the figures (`--nocapture`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use socket2::{Domain, Socket, Type};
use tungstenite::Message;

struct Served {
    child: Child,
    addr: SocketAddr,
    token: String,
    join_token: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `waymark serve` on 127.0.0.1 with `args`, under `prlimit` when `nofile`
/// is given; its address and tokens from what it prints.
fn serve(db: &Path, nofile: Option<u32>, args: &[&str]) -> Served {
    let bin = env!("CARGO_BIN_EXE_waymark");
    let mut cmd = match nofile {
        Some(n) => {
            let mut c = Command::new("prlimit");
            c.arg(format!("--nofile={n}:{n}")).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.arg("--db")
        .arg(db)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("run waymark serve (and prlimit)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut url = |prefix: &str| -> String {
        let line = lines.next().expect("the server printed its URLs").unwrap();
        line.split_once(prefix)
            .unwrap_or_else(|| panic!("{line}"))
            .1
            .to_string()
    };
    let host = url(" at http://");
    let join = url(" at http://");
    // Keep reading what it prints: a closed pipe would end it at its next line.
    std::thread::spawn(move || lines.for_each(drop));
    let (addr, token) = host.split_once("/?token=").unwrap();
    let join_token = join
        .split_once("/?token=")
        .unwrap()
        .1
        .trim_end_matches("#/join");
    Served {
        addr: addr.parse().unwrap(),
        token: token.to_string(),
        join_token: join_token.to_string(),
        child,
    }
}

/// One HTTP request from `from`; the whole reply.
fn request(s: &Served, from: IpAddr, method: &str, path: &str, token: &str, body: &str) -> String {
    let mut stream = connect_from(from, s.addr);
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        s.addr,
        body.len()
    );
    stream.write_all(req.as_bytes()).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).expect("an answer");
    String::from_utf8_lossy(&reply).to_string()
}

fn body_of(reply: &str) -> serde_json::Value {
    let (_, body) = reply.split_once("\r\n\r\n").unwrap();
    serde_json::from_str(body).unwrap_or_else(|_| panic!("{reply}"))
}

fn connect_from(from: IpAddr, to: SocketAddr) -> TcpStream {
    let s = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    s.bind(&SocketAddr::new(from, 0).into()).unwrap();
    s.connect(&to.into()).unwrap();
    s.into()
}

fn status_kib(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn open_descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

#[test]
fn three_hundred_half_open_requests_at_256_descriptors() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("SKIPPED: prlimit (util-linux) is not installed, cannot limit descriptors");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let s = serve(
        &dir.path().join("lib.db"),
        Some(256),
        &["--header-timeout", "2"],
    );
    let pid = s.child.id();
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    assert!(
        limits
            .lines()
            .any(|l| l.starts_with("Max open files") && l.contains(" 256 ")),
        "{limits}"
    );

    // 300 half-open requests from ten addresses (so no per-address cap
    // stops them: the total must hold).
    let started = Instant::now();
    let mut held = Vec::new();
    for i in 0..300u16 {
        let from = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1 + (i % 10) as u8));
        let mut t = connect_from(from, s.addr);
        t.write_all(format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: ", s.addr).as_bytes())
            .unwrap();
        held.push(t);
    }
    let descriptors = open_descriptors(pid);

    // A real request from elsewhere is answered while they hang.
    let other = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 200));
    let asked = Instant::now();
    let reply = request(&s, other, "POST", "/api/rpc/list_templates", &s.token, "");
    let answered = asked.elapsed();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");

    // Every half-open one is closed by the server.
    let mut closed = 0;
    let deadline = started + Duration::from_secs(60);
    for t in held.iter_mut() {
        let left = deadline.saturating_duration_since(Instant::now());
        t.set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        let mut buf = [0u8; 512];
        loop {
            match t.read(&mut buf) {
                Ok(0) => {
                    closed += 1;
                    break;
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                    closed += 1;
                    break;
                }
                Err(_) => break,
            }
        }
    }
    let all_closed = started.elapsed();
    eprintln!(
        "slowloris: 300 half-open at 256 descriptors ({descriptors} open in the server while held); \
         a real request answered in {:.1} s; {closed} of 300 closed by the server after {:.1} s",
        answered.as_secs_f64(),
        all_closed.as_secs_f64()
    );
    assert_eq!(closed, 300, "half-open requests were kept open");
    // And the server is still well.
    let reply = request(&s, other, "POST", "/api/rpc/list_templates", &s.token, "");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

/// lib0's unsigned varint.
fn varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A y-websocket awareness message announcing `ids` client IDs from `first`,
/// with `json` as each state.
fn awareness(first: u64, ids: u64, json: &str) -> Vec<u8> {
    let mut update = Vec::new();
    varint(&mut update, ids);
    for id in first..first + ids {
        varint(&mut update, id);
        varint(&mut update, 1);
        varint(&mut update, json.len() as u64);
        update.extend_from_slice(json.as_bytes());
    }
    let mut msg = vec![1];
    varint(&mut msg, update.len() as u64);
    msg.extend(update);
    msg
}

type Ws = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>;

fn websocket(s: &Served, map: &str, token: &str) -> Ws {
    let url = format!("ws://{}/ws/{map}?token={token}", s.addr);
    let (ws, _) = tungstenite::connect(url).expect("a WebSocket");
    ws
}

#[test]
fn a_viewers_presence_flood_keeps_the_server_small() {
    let dir = tempfile::tempdir().unwrap();
    let s = serve(&dir.path().join("lib.db"), None, &[]);
    let pid = s.child.id();
    let me = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let created = request(
        &s,
        me,
        "POST",
        "/api/rpc/create_map",
        &s.token,
        r#"{"title":"Flood"}"#,
    );
    let map = body_of(&created).as_str().unwrap().to_string();
    let join = |name: &str| {
        let r = request(
            &s,
            me,
            "POST",
            "/api/workshop/join",
            &s.join_token,
            &format!(r#"{{"name":"{name}"}}"#),
        );
        body_of(&r)
    };
    let eve = join("Eve");
    let ana = join("Ana");
    let role = request(
        &s,
        me,
        "POST",
        &format!(
            "/api/workshop/participants/{}/role",
            eve["id"].as_str().unwrap()
        ),
        &s.token,
        r#"{"role":"viewer"}"#,
    );
    assert!(role.starts_with("HTTP/1.1 204"), "{role}");

    let mut observer = websocket(&s, &map, ana["token"].as_str().unwrap());
    let mut attacker = websocket(&s, &map, eve["token"].as_str().unwrap());
    let before = status_kib(pid, "VmRSS:");

    // 150 messages of just under 1 MiB, 40,000 client IDs each.
    let json = r#"{"cursor":"xxxxx"}"#;
    let mut sent = 0;
    for round in 0..150u64 {
        let msg = awareness(1 + round * 40_000, 40_000, json);
        assert!(msg.len() < 1 << 20, "{}", msg.len());
        sent += msg.len();
        attacker.send(Message::Binary(msg.into())).unwrap();
    }
    // The server has handled all of it once it answers a query after it.
    attacker.send(Message::Binary(vec![3].into())).unwrap();
    loop {
        if let Message::Binary(b) = attacker.read().unwrap() {
            if b.first() == Some(&1) {
                break;
            }
        }
    }
    let peak = status_kib(pid, "VmHWM:");
    let after = status_kib(pid, "VmRSS:");

    // What reaches the observer: a flood's message is large; the first small
    // one (a single state, or the answer to its query) ends the count.
    observer.send(Message::Binary(vec![3].into())).unwrap();
    let mut presence = 0usize;
    loop {
        if let Message::Binary(b) = observer.read().unwrap() {
            if b.first() == Some(&1) {
                presence += b.len();
                if b.len() < 4096 || presence >= 64 << 10 {
                    break;
                }
            }
        }
    }
    eprintln!(
        "presence flood: {} MB sent by a viewer; server RSS {} MiB before, {} MiB after, peak {} MiB; \
         {} bytes of presence reached another participant",
        sent / 1_000_000,
        before / 1024,
        after / 1024,
        peak / 1024,
        presence
    );
    assert!(peak < 256 * 1024, "peak RSS {peak} KiB");
    assert!(presence < 64 << 10, "{presence} bytes of presence relayed");
}
