//! The durable-edit benchmark's client side (see `scripts/bench-edit`): on
//! the 600-touchpoint, 2,000-note map, one editor changes a card's title,
//! waits until a second client sees the change relayed, and does it again.
//! `waymark serve` relays an edit only once it is durable (fsync), so the
//! time is what an edit costs; the reference `@y/websocket-server` keeps the
//! document in memory. Prints one JSON line: p50/p99 in ms and the server's
//! CPU seconds.
//!
//! edit_latency prepare DB                       (adds the map, prints its id)
//! edit_latency waymark ADDR MAP HOST_TOKEN EDITS PID
//! edit_latency yserver ADDR ROOM EDITS PID      (sends the map first)

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use waymark_core::doc::{new_doc, read_journey, write_journey_diff};
use waymark_core::synth::{journey, Size};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

fn usage() -> ! {
    eprintln!("usage: edit_latency prepare DB | waymark ADDR MAP TOKEN EDITS PID | yserver ADDR ROOM EDITS PID");
    std::process::exit(2)
}

/// CPU seconds (user + system) a process has used, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

async fn send(ws: &mut Ws, msg: Message) {
    ws.send(WsMessage::Binary(msg.encode_v1().into()))
        .await
        .expect("send");
}

/// Connects and syncs a replica; returns it with the socket.
async fn connect(url: &str) -> (Ws, Doc) {
    let (mut ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let doc = Doc::new();
    send(
        &mut ws,
        Message::Sync(SyncMessage::SyncStep1(StateVector::default())),
    )
    .await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let msg = tokio::time::timeout(deadline - Instant::now(), ws.next())
            .await
            .expect("no sync within a minute")
            .expect("connection ended")
            .expect("socket error");
        let WsMessage::Binary(bytes) = msg else {
            continue;
        };
        match Message::decode_v1(&bytes) {
            Ok(Message::Sync(SyncMessage::SyncStep1(sv))) => {
                let diff = doc.transact().encode_diff_v1(&sv);
                send(&mut ws, Message::Sync(SyncMessage::SyncStep2(diff))).await;
            }
            Ok(Message::Sync(SyncMessage::SyncStep2(u))) => {
                doc.transact_mut()
                    .apply_update(Update::decode_v1(&u).unwrap())
                    .unwrap();
                return (ws, doc);
            }
            _ => {}
        }
    }
}

/// Waits for the next document update on `ws`.
async fn next_update(ws: &mut Ws) {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(30), ws.next())
            .await
            .expect("no update within 30 s")
            .expect("connection ended")
            .expect("socket error");
        let WsMessage::Binary(bytes) = msg else {
            continue;
        };
        if let Ok(Message::Sync(SyncMessage::Update(_) | SyncMessage::SyncStep2(_))) =
            Message::decode_v1(&bytes)
        {
            return;
        }
    }
}

fn percentile(v: &[f64], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_else(|| usage());
    let map = journey(Size::LARGE, 42);
    let (url, edits, pid, seed) = match arg(0).as_str() {
        "prepare" => {
            let lib = waymark_api::Library::open(std::path::Path::new(&arg(1))).unwrap();
            println!("{}", lib.insert_journey(map).unwrap());
            return;
        }
        "waymark" => (
            format!("ws://{}/ws/{}?token={}", arg(1), arg(2), arg(3)),
            arg(4).parse::<usize>().unwrap_or_else(|_| usage()),
            arg(5),
            false,
        ),
        "yserver" => (
            format!("ws://{}/{}", arg(1), arg(2)),
            arg(3).parse::<usize>().unwrap_or_else(|_| usage()),
            arg(4),
            true,
        ),
        _ => usage(),
    };
    let pid: u32 = pid.parse().unwrap_or_else(|_| usage());
    let (mut editor, doc) = connect(&url).await;
    if seed {
        // The reference server starts empty: give it the same map.
        let state = new_doc(&map)
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        doc.transact_mut()
            .apply_update(Update::decode_v1(&state).unwrap())
            .unwrap();
        send(&mut editor, Message::Sync(SyncMessage::Update(state))).await;
    }
    let (mut watcher, _) = connect(&url).await;
    let mut model = read_journey(&doc).journey;
    assert_eq!(
        model.touchpoints.len(),
        600,
        "the map is the 600-touchpoint one"
    );
    let mut times = Vec::new();
    let cpu_before = cpu_seconds(pid);
    for n in 0..edits {
        let mut next = model.clone();
        next.touchpoints[(n * 7) % 600].title = format!("Edited {n}");
        let update = {
            let mut txn = doc.transact_mut();
            write_journey_diff(&mut txn, &model, &next);
            txn.encode_update_v1()
        };
        model = next;
        let sent = Instant::now();
        send(&mut editor, Message::Sync(SyncMessage::Update(update))).await;
        next_update(&mut watcher).await;
        times.push(sent.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let cpu = cpu_seconds(pid) - cpu_before;
    println!(
        "{}",
        serde_json::json!({
            "server": arg(0), "edits": edits,
            "p50_ms": percentile(&times, 0.5), "p99_ms": percentile(&times, 0.99),
            "server_cpu_ms_per_edit": 1000.0 * cpu / edits as f64,
        })
    );
}
