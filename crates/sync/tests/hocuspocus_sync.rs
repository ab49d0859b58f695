//! Team sync against real Hocuspocus 3.4.4 instances (tests/hocuspocus)
//! relaying through a real Debian redis-server and storing rooms in SQLite,
//! all started on loopback by each test. Skipped, with a message, only when
//! redis-server is not installed.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::hocuspocus::{redis_available, stored_documents, Failover, Hocuspocus, Redis};
use common::{derived_rows, eventually_within, hocuspocus_spec, library, spec, YServer};
use waymark_api::{Library, Protocol};
use waymark_sync::{detect, join, sync_once, LinkState, LiveSync, SyncConfig, SyncError};
use yrs::updates::decoder::Decode;
use yrs::{Transact, Update};

const TOKEN: &str = "team-t0ken";

/// Polls `f` until it holds, for at most a minute (the machine running the
/// tests may be busy with other builds).
async fn eventually(what: &str, f: impl FnMut() -> bool) {
    eventually_within(Duration::from_secs(60), what, f).await
}

fn fast() -> SyncConfig {
    SyncConfig {
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(800),
        timeout: Duration::from_secs(10),
    }
}

fn rename_touchpoint(lib: &Library, map: &str, index: usize, title: &str) {
    lib.edit(map, |j| {
        j.touchpoints[index].title = title.to_string();
        Ok(())
    })
    .unwrap();
}

fn touchpoint_title(lib: &Library, map: &str, index: usize) -> String {
    lib.journey(map).unwrap().touchpoints[index].title.clone()
}

async fn wait_state(live: &LiveSync, state: LinkState) {
    let mut rx = live.watch();
    tokio::time::timeout(Duration::from_secs(60), rx.wait_for(|s| s.state == state))
        .await
        .unwrap_or_else(|_| panic!("link never became {state:?}; now {:?}", live.status()))
        .unwrap();
}

/// Library A seeds `room` through `url_a`; library B joins it through `url_b`.
async fn shared_pair(
    dir: &tempfile::TempDir,
    url_a: &str,
    url_b: &str,
    room: &str,
) -> (Arc<Library>, String, Arc<Library>, String) {
    let a = library(dir, "a.db");
    let map_a = a.create_map(Some("bank-lost-card"), None).unwrap();
    a.link_map(&map_a, &hocuspocus_spec(url_a, room, TOKEN))
        .unwrap();
    let report = sync_once(a.clone(), &map_a, &fast()).await.unwrap();
    assert!(report.seeded_room, "the room starts empty and A seeds it");
    let b = library(dir, "b.db");
    let map_b = join(b.clone(), &hocuspocus_spec(url_b, room, TOKEN), &fast())
        .await
        .unwrap();
    assert_eq!(a.journey(&map_a).unwrap(), b.journey(&map_b).unwrap());
    (a, map_a, b, map_b)
}

async fn converged(a: &Library, map_a: &str, b: &Library, map_b: &str) {
    eventually("identical maps and tables", || {
        a.journey(map_a).unwrap() == b.journey(map_b).unwrap()
            && derived_rows(a, map_a) == derived_rows(b, map_b)
    })
    .await;
}

/// The journey a stored Hocuspocus document reads as.
fn stored_journey(database: &std::path::Path, room: &str) -> Option<waymark_core::Journey> {
    let state = stored_documents(database).remove(room)?;
    let doc = yrs::Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(&state).ok()?)
        .ok()?;
    Some(waymark_core::doc::read_journey(&doc).journey)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_sharing_redis_converge_live_both_ways() {
    if !redis_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let redis = Redis::start();
    let db = dir.path().join("rooms.sqlite");
    let one = Hocuspocus::start(&redis, &db, Some(TOKEN));
    let two = Hocuspocus::start(&redis, &db, Some(TOKEN));
    let (a, map_a, b, map_b) = shared_pair(&dir, &one.url(), &two.url(), "pair").await;
    let live_a = LiveSync::start(a.clone(), &map_a, fast());
    let live_b = LiveSync::start(b.clone(), &map_b, fast());
    wait_state(&live_a, LinkState::Connected).await;
    wait_state(&live_b, LinkState::Connected).await;
    rename_touchpoint(&a, &map_a, 0, "from A on instance 1");
    eventually("A's edit reaches B through Redis", || {
        touchpoint_title(&b, &map_b, 0) == "from A on instance 1"
    })
    .await;
    rename_touchpoint(&b, &map_b, 1, "from B on instance 2");
    eventually("B's edit reaches A through Redis", || {
        touchpoint_title(&a, &map_a, 1) == "from B on instance 2"
    })
    .await;
    converged(&a, &map_a, &b, &map_b).await;
    live_a.stop().await;
    live_b.stop().await;
    // The instances stored the room whole.
    let expected = a.journey(&map_a).unwrap();
    eventually("the stored room is the map", || {
        stored_journey(&db, "pair").as_ref() == Some(&expected)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_is_refused_never_shown_and_nothing_changes() {
    if !redis_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let redis = Redis::start();
    let one = Hocuspocus::start(&redis, &dir.path().join("rooms.sqlite"), Some(TOKEN));
    let a = library(&dir, "a.db");
    let map = a.create_map(Some("bank-lost-card"), None).unwrap();
    let secret = "not-the-t0ken";
    a.link_map(&map, &hocuspocus_spec(&one.url(), "guarded", secret))
        .unwrap();
    let before = derived_rows(&a, &map);
    let err = sync_once(a.clone(), &map, &fast()).await.unwrap_err();
    assert!(
        matches!(err, SyncError::Rejected(_)),
        "a refusal is an error, not offline: {err}"
    );
    let msg = err.to_string();
    assert!(msg.contains("denied access"), "{msg}");
    assert!(!msg.contains(secret), "the token leaked: {msg}");
    let link = a.map_link(&map).unwrap().unwrap();
    assert_eq!(link.last_state.as_deref(), Some("error"));
    assert!(!format!("{link:?}").contains(secret));
    assert_eq!(derived_rows(&a, &map), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_protocol_is_detected() {
    if !redis_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let redis = Redis::start();
    let one = Hocuspocus::start(&redis, &dir.path().join("rooms.sqlite"), Some(TOKEN));
    let found = detect(&spec(&one.url(), "probe"), &fast()).await.unwrap();
    assert_eq!(found, Protocol::Hocuspocus);
    let yserver = YServer::start();
    let found = detect(&spec(&yserver.url(), "probe"), &fast())
        .await
        .unwrap();
    assert_eq!(found, Protocol::YWebsocket);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_instance_loses_nothing_acknowledged_and_comes_back_whole() {
    if !redis_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let redis = Redis::start();
    let db = dir.path().join("rooms.sqlite");
    let mut one = Hocuspocus::start(&redis, &db, Some(TOKEN));
    let two = Hocuspocus::start(&redis, &db, Some(TOKEN));
    // A's way in prefers instance 1, B's instance 2: the one killed below
    // has a client.
    let to_a = Failover::start(vec![one.port, two.port]);
    let to_b = Failover::start(vec![two.port, one.port]);
    let (a, map_a, b, map_b) = shared_pair(&dir, &to_a.url(), &to_b.url(), "failover").await;
    let live_a = LiveSync::start(a.clone(), &map_a, fast());
    let live_b = LiveSync::start(b.clone(), &map_b, fast());
    wait_state(&live_a, LinkState::Connected).await;
    wait_state(&live_b, LinkState::Connected).await;
    eventually("one client on each instance", || {
        to_a.active(one.port) == 1 && to_b.active(two.port) == 1
    })
    .await;
    for i in 0..5 {
        rename_touchpoint(&a, &map_a, i, &format!("A edit {i}"));
        rename_touchpoint(&b, &map_b, i + 5, &format!("B edit {i}"));
    }
    converged(&a, &map_a, &b, &map_b).await;

    // SIGKILL mid-session, with edits in flight on both sides.
    rename_touchpoint(&a, &map_a, 0, "A just before the kill");
    rename_touchpoint(&b, &map_b, 5, "B just before the kill");
    one.kill();
    rename_touchpoint(&a, &map_a, 1, "A after the kill");
    rename_touchpoint(&b, &map_b, 6, "B after the kill");
    eventually("A moved to the surviving instance", || {
        to_a.active(one.port) == 0 && to_a.active(two.port) == 1
    })
    .await;
    wait_state(&live_a, LinkState::Connected).await;
    wait_state(&live_b, LinkState::Connected).await;
    converged(&a, &map_a, &b, &map_b).await;
    let j = a.journey(&map_a).unwrap();
    let titles: Vec<&str> = j.touchpoints.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        &titles[..10],
        &[
            "A just before the kill",
            "A after the kill",
            "A edit 2",
            "A edit 3",
            "A edit 4",
            "B just before the kill",
            "B after the kill",
            "B edit 2",
            "B edit 3",
            "B edit 4",
        ]
    );

    // The killed instance restarts: a newcomer on it gets the room whole.
    one.restart();
    let c = library(&dir, "c.db");
    let map_c = join(
        c.clone(),
        &hocuspocus_spec(&one.url(), "failover", TOKEN),
        &fast(),
    )
    .await
    .unwrap();
    let live_c = LiveSync::start(c.clone(), &map_c, fast());
    converged(&a, &map_a, &c, &map_c).await;
    rename_touchpoint(&c, &map_c, 9, "C on the restarted instance");
    eventually("C's edit reaches A and B", || {
        touchpoint_title(&a, &map_a, 9) == "C on the restarted instance"
            && touchpoint_title(&b, &map_b, 9) == "C on the restarted instance"
    })
    .await;
    live_a.stop().await;
    live_b.stop().await;
    live_c.stop().await;
    let expected = a.journey(&map_a).unwrap();
    eventually("the stored room is the map", || {
        stored_journey(&db, "failover").as_ref() == Some(&expected)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_restart_mid_session_keeps_clients_working_and_they_converge() {
    if !redis_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut redis = Redis::start();
    let db = dir.path().join("rooms.sqlite");
    let one = Hocuspocus::start(&redis, &db, Some(TOKEN));
    let two = Hocuspocus::start(&redis, &db, Some(TOKEN));
    let (a, map_a, b, map_b) = shared_pair(&dir, &one.url(), &two.url(), "relay").await;
    let live_a = LiveSync::start(a.clone(), &map_a, fast());
    let live_b = LiveSync::start(b.clone(), &map_b, fast());
    wait_state(&live_a, LinkState::Connected).await;
    wait_state(&live_b, LinkState::Connected).await;

    redis.kill();
    rename_touchpoint(&a, &map_a, 2, "A while Redis was down");
    rename_touchpoint(&b, &map_b, 3, "B while Redis was down");
    tokio::time::sleep(Duration::from_millis(500)).await;
    // The clients keep their connections: only the relay between the
    // instances is down.
    assert_eq!(live_a.status().state, LinkState::Connected);
    assert_eq!(live_b.status().state, LinkState::Connected);
    redis.restart();

    // Every change makes an instance offer its state to the others, so the
    // next edits carry what the relay missed. Bounded: 60 rounds.
    let mut round = 0;
    while !(touchpoint_title(&a, &map_a, 3) == "B while Redis was down"
        && touchpoint_title(&b, &map_b, 2) == "A while Redis was down")
    {
        round += 1;
        assert!(round <= 60, "no convergence after Redis came back");
        rename_touchpoint(&a, &map_a, 4, &format!("A after Redis, round {round}"));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    converged(&a, &map_a, &b, &map_b).await;
    assert_eq!(live_a.status().state, LinkState::Connected);
    assert_eq!(live_b.status().state, LinkState::Connected);
    live_a.stop().await;
    live_b.stop().await;
}

/// A frame as a Hocuspocus server sends it: document name, type, payload.
fn frame(document: &str, kind: u32, payload: &[u8]) -> Vec<u8> {
    use yrs::encoding::write::Write;
    let mut out = Vec::new();
    out.write_string(document);
    out.write_var(kind);
    out.extend_from_slice(payload);
    out
}

fn with_string(mut bytes: Vec<u8>, s: &str) -> Vec<u8> {
    use yrs::encoding::write::Write;
    bytes.write_string(s);
    bytes
}

/// A WebSocket server on loopback that sends `frames` to every connection.
async fn fake_hocuspocus(frames: Vec<Vec<u8>>) -> String {
    use futures_util::{SinkExt, StreamExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let frames = frames.clone();
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(tcp).await else {
                    return;
                };
                for f in frames {
                    let _ = ws
                        .send(tokio_tungstenite::tungstenite::Message::Binary(f.into()))
                        .await;
                }
                while let Some(Ok(_)) = ws.next().await {}
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_hocuspocus_server_changes_nothing_and_never_echoes_the_token() {
    let secret = "echo-me-t0ken";
    let dir = tempfile::tempdir().unwrap();
    let a = library(&dir, "a.db");
    let map = a.create_map(Some("bank-lost-card"), None).unwrap();
    a.ensure_doc_id(&map).unwrap();
    let before = derived_rows(&a, &map);
    let authenticated = with_string(frame("room", 2, &[2]), "read-write");
    for (frames, expect) in [
        // Refused, with the token in the reason.
        (
            vec![with_string(
                frame("room", 2, &[1]),
                &format!("bad {secret}"),
            )],
            "denied access: bad ••••••",
        ),
        // Accepted, then a "document" that is random bytes.
        (
            vec![
                authenticated.clone(),
                frame("room", 0, &[1, 5, 0xde, 0xad, 0xbe, 0xef, 0x99]),
            ],
            "does not decode",
        ),
        // Accepted, then frames for another document (named like the token).
        (
            vec![authenticated.clone(), frame(secret, 8, &[1])],
            "another document",
        ),
        // A y-websocket server's first words.
        (vec![vec![0, 0, 0]], "not the hocuspocus protocol"),
    ] {
        let url = fake_hocuspocus(frames).await;
        a.link_map(&map, &hocuspocus_spec(&url, "room", secret))
            .unwrap();
        let err = sync_once(a.clone(), &map, &fast()).await.unwrap_err();
        assert!(matches!(err, SyncError::Rejected(_)), "{err:?}");
        let msg = err.to_string();
        assert!(msg.contains(expect), "{msg}");
        assert!(!msg.contains(secret), "the token leaked: {msg}");
        assert_eq!(derived_rows(&a, &map), before, "the local map is untouched");
    }
}
