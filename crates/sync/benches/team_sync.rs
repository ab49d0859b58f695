//! Team sync through the real `@y/websocket-server` (tests/yserver) on
//! loopback: time to the first full sync of the generated 600-touchpoint
//! map, and the latency of a small edit from library A to library B.
//! `cargo bench -p waymark-sync --bench team_sync`

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{library, spec, YServer};
use waymark_core::synth::{journey, Size};
use waymark_sync::{join, sync_once, LinkState, LiveSync, SyncConfig};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn summary(name: &str, mut v: Vec<f64>) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{name}: n={} p50={:.1} ms p99={:.1} ms min={:.1} ms max={:.1} ms",
        v.len(),
        percentile(&v, 0.5),
        percentile(&v, 0.99),
        v[0],
        v[v.len() - 1]
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let server = YServer::start();
    let cfg = SyncConfig::default();
    let large = journey(Size::LARGE, 7);
    let tps = large.touchpoints.len();
    let (mut seed, mut first) = (Vec::new(), Vec::new());
    let mut bytes = 0;
    let dir = tempfile::tempdir().unwrap();
    for round in 0..5 {
        let a = library(&dir, &format!("a{round}.db"));
        let map = a.insert_journey(large.clone()).unwrap();
        let room = format!("large-{round}");
        a.link_map(&map, &spec(&server.url(), &room)).unwrap();
        let t = Instant::now();
        sync_once(a.clone(), &map, &cfg).await.unwrap();
        seed.push(ms(t.elapsed()));
        let b = library(&dir, &format!("b{round}.db"));
        let t = Instant::now();
        let joined = join(b.clone(), &spec(&server.url(), &room), &cfg)
            .await
            .unwrap();
        first.push(ms(t.elapsed()));
        bytes = b.encode_state(&joined).unwrap().len();
    }
    println!("map: {tps} touchpoints, {} KB of Yjs state", bytes / 1024);
    summary("seed an empty room from library A (sync --once)", seed);
    summary("first full sync into library B (join)", first);

    // Steady state: A and B live on the large map; A renames a touchpoint,
    // timed from the edit call until B has persisted it.
    let a = library(&dir, "live-a.db");
    let map_a = a.insert_journey(large.clone()).unwrap();
    a.link_map(&map_a, &spec(&server.url(), "live")).unwrap();
    sync_once(a.clone(), &map_a, &cfg).await.unwrap();
    let b = library(&dir, "live-b.db");
    let map_b = join(b.clone(), &spec(&server.url(), "live"), &cfg)
        .await
        .unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    b.subscribe(Arc::new(move |_: &str, _: &[u8], origin: &str| {
        if origin == "sync" {
            let _ = tx.send(Instant::now());
        }
    }));
    let live_a = LiveSync::start(a.clone(), &map_a, cfg.clone());
    let live_b = LiveSync::start(b.clone(), &map_b, cfg.clone());
    for live in [&live_a, &live_b] {
        live.watch()
            .wait_for(|s| s.state == LinkState::Connected)
            .await
            .unwrap();
    }
    while rx.try_recv().is_ok() {}
    let mut latency = Vec::new();
    let mut edit_only = Vec::new();
    for i in 0..200 {
        let a2 = a.clone();
        let id = map_a.clone();
        let t = Instant::now();
        let done = tokio::task::spawn_blocking(move || {
            a2.edit(&id, |j| {
                j.touchpoints[i % 50].title = format!("edit {i}");
                Ok(())
            })
            .unwrap();
            Instant::now()
        })
        .await
        .unwrap();
        edit_only.push(ms(done - t));
        let arrived = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("B receives the edit within 10 s")
            .unwrap();
        latency.push(ms(arrived - t));
    }
    summary(
        "edit persisted in A (durable write, for reference)",
        edit_only,
    );
    summary("edit in A → persisted in B through the server", latency);
    live_a.stop().await;
    live_b.stop().await;
}
