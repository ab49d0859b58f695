//! A workshop load generator: N y-websocket clients on one room, each adding
//! a note a second. Every client records when it sees each other client's
//! note (all in one process, one clock), and at the end every client's set
//! of notes is compared. Used by the CI load test (`tests/load.rs`, short)
//! and by the benchmark (`examples/workshop_load.rs`, against this server
//! and the reference `@y/websocket-server`).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use waymark_core::doc::{read_journey, write_journey_diff};
use waymark_core::model::{Annotation, Target};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, Map, ReadTxn, Transact, Update};

pub struct Load {
    /// The WebSocket URL of client `i`.
    pub urls: Vec<String>,
    /// Notes each client adds, one per `interval`.
    pub notes: usize,
    pub interval: Duration,
    /// The author each client writes its notes as.
    pub names: Vec<String>,
}

pub struct Outcome {
    /// Milliseconds from a note being sent to another client seeing it.
    pub latencies_ms: Vec<f64>,
    /// Each client's note ids at the end.
    pub seen: Vec<HashSet<String>>,
    /// Notes sent in all.
    pub sent: usize,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn percentile(&self, p: f64) -> f64 {
        let mut v = self.latencies_ms.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return f64::NAN;
        }
        v[((v.len() - 1) as f64 * p).round() as usize]
    }
}

type SentAt = Arc<Mutex<HashMap<String, Instant>>>;

pub async fn run(load: Load) -> Outcome {
    let sent_at: SentAt = Arc::default();
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let clients = load.urls.len();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (i, url) in load.urls.iter().enumerate() {
        let (url, name) = (url.clone(), load.names[i].clone());
        let (sent_at, latencies) = (sent_at.clone(), latencies.clone());
        let (notes, interval) = (load.notes, load.interval);
        // Spread the clients over the interval, as people do.
        let offset = interval.mul_f64(i as f64 / clients as f64);
        tasks.push(tokio::spawn(async move {
            client(
                url,
                name,
                notes,
                interval,
                offset,
                clients * notes,
                sent_at,
                latencies,
            )
            .await
        }));
    }
    let mut seen = Vec::new();
    for t in tasks {
        seen.push(t.await.expect("a load client panicked"));
    }
    let latencies_ms = latencies.lock().unwrap().clone();
    Outcome {
        latencies_ms,
        seen,
        sent: clients * load.notes,
        elapsed: start.elapsed(),
    }
}

#[allow(clippy::too_many_arguments)]
async fn client(
    url: String,
    name: String,
    notes: usize,
    interval: Duration,
    offset: Duration,
    expected: usize,
    sent_at: SentAt,
    latencies: Arc<Mutex<Vec<f64>>>,
) -> HashSet<String> {
    let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let doc = Doc::new();
    let sv = doc.transact().state_vector();
    ws.send(WsMessage::Binary(
        Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1().into(),
    ))
    .await
    .unwrap();
    let mut mine = HashSet::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut synced = false;
    let mut written = 0;
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + offset, interval);
    let give_up = tokio::time::Instant::now() + interval * notes as u32 + Duration::from_secs(60);
    while seen.len() < expected {
        tokio::select! {
            _ = tick.tick(), if synced && written < notes => {
                let id = uuid::Uuid::new_v4();
                let update = add_note(&doc, id, &name, written);
                sent_at.lock().unwrap().insert(id.to_string(), Instant::now());
                mine.insert(id.to_string());
                seen.insert(id.to_string());
                written += 1;
                ws.send(WsMessage::Binary(
                    Message::Sync(SyncMessage::Update(update)).encode_v1().into(),
                ))
                .await
                .unwrap();
            }
            msg = tokio::time::timeout_at(give_up, ws.next()) => {
                let Ok(Some(Ok(msg))) = msg else {
                    panic!("{name}: the connection ended or stalled with {} of {expected} notes", seen.len());
                };
                let WsMessage::Binary(bytes) = msg else { continue };
                match Message::decode_v1(&bytes) {
                    Ok(Message::Sync(SyncMessage::SyncStep1(sv))) => {
                        let diff = doc.transact().encode_diff_v1(&sv);
                        ws.send(WsMessage::Binary(
                            Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1().into(),
                        ))
                        .await
                        .unwrap();
                    }
                    Ok(Message::Sync(SyncMessage::SyncStep2(u) | SyncMessage::Update(u))) => {
                        doc.transact_mut()
                            .apply_update(Update::decode_v1(&u).unwrap())
                            .unwrap();
                        synced = true;
                        let now = Instant::now();
                        for id in note_ids(&doc) {
                            if seen.insert(id.clone()) {
                                if let Some(at) = sent_at.lock().unwrap().get(&id) {
                                    latencies.lock().unwrap().push(now.duration_since(*at).as_secs_f64() * 1000.0);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    let _ = ws.close(None).await;
    // Notes that were in the map before the test are not the test's.
    let sent = sent_at.lock().unwrap();
    seen.retain(|id| sent.contains_key(id));
    seen
}

fn add_note(doc: &Doc, id: uuid::Uuid, author: &str, n: usize) -> Vec<u8> {
    let before = read_journey(doc).journey;
    let mut after = before.clone();
    after.annotations.push(Annotation {
        id,
        text: format!("note {n} by {author}"),
        author: author.to_string(),
        created_at: "2026-11-22T10:00:00Z".into(),
        target: Target::Map,
        ..Annotation::default()
    });
    let mut txn = doc.transact_mut();
    write_journey_diff(&mut txn, &before, &after);
    txn.encode_update_v1()
}

fn note_ids(doc: &Doc) -> Vec<String> {
    let txn = doc.transact();
    txn.get_map("annotations")
        .map(|m| m.keys(&txn).map(str::to_string).collect())
        .unwrap_or_default()
}
