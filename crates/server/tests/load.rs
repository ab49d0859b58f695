//! The workshop under load, short (CI): 30 participants on one map, each
//! adding a note a second for 10 s through the role check and persistence.
//! Every client must end with every note, once; the latencies are reported,
//! not asserted. The full minute, against the reference server too, is
//! `scripts/bench-workshop`.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::load::{run, Load};
use common::*;
use waymark_server::ServerConfig;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_participants_converge_with_nothing_lost_or_duplicated() {
    let clients = 30;
    let notes = 10;
    let f = fixture_with(ServerConfig {
        max_connections_per_addr: 64,
        ..ServerConfig::default()
    })
    .await;
    let map = create_map(&f).await;
    let mut urls = Vec::new();
    let mut names = Vec::new();
    for i in 0..clients {
        let name = format!("P{i:02}");
        let token = join(&f, &name).await;
        urls.push(format!("ws://{}/ws/{map}?token={token}", f.server.addr()));
        names.push(name);
    }
    let out = run(Load {
        urls,
        notes,
        interval: Duration::from_secs(1),
        names,
    })
    .await;

    let all: HashSet<String> = out.seen.iter().flatten().cloned().collect();
    assert_eq!(all.len(), out.sent, "every note sent was seen");
    for (i, seen) in out.seen.iter().enumerate() {
        assert_eq!(seen, &all, "client {i} differs");
    }
    let stored = f.library.journey(&map).unwrap();
    assert_eq!(
        stored.annotations.len(),
        out.sent,
        "the file holds each note once"
    );
    let ids: HashSet<String> = stored
        .annotations
        .iter()
        .map(|a| a.id.to_string())
        .collect();
    assert_eq!(ids, all);
    eprintln!(
        "load: {clients} clients x {notes} notes in {:.1} s; propagation p50 {:.1} ms, p99 {:.1} ms over {} deliveries",
        out.elapsed.as_secs_f64(),
        out.percentile(0.5),
        out.percentile(0.99),
        out.latencies_ms.len()
    );
    assert_eq!(out.latencies_ms.len(), out.sent * (clients - 1));
}
