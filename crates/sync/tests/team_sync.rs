//! Team sync against the real `@y/websocket-server` 0.1.1 from npm
//! (tests/yserver), started on loopback by each test.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{derived_rows, eventually, library, spec, stored_doc, YServer};
use waymark_api::Library;
use waymark_core::order::key_between;
use waymark_sync::{join, sync_once, LinkState, LiveSync, SyncConfig, SyncError};

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

/// Library A shares a template map in a room; library B joins it.
async fn shared_pair(
    dir: &tempfile::TempDir,
    server: &YServer,
    room: &str,
) -> (Arc<Library>, String, Arc<Library>, String) {
    let a = library(dir, "a.db");
    let map_a = a.create_map(Some("bank-lost-card"), None).unwrap();
    a.link_map(&map_a, &spec(&server.url(), room)).unwrap();
    let report = sync_once(a.clone(), &map_a, &fast()).await.unwrap();
    assert!(report.seeded_room, "the room starts empty and A seeds it");
    let b = library(dir, "b.db");
    let map_b = join(b.clone(), &spec(&server.url(), room), &fast())
        .await
        .unwrap();
    assert_eq!(a.journey(&map_a).unwrap(), b.journey(&map_b).unwrap());
    (a, map_a, b, map_b)
}

async fn wait_state(live: &LiveSync, state: LinkState) {
    let mut rx = live.watch();
    tokio::time::timeout(Duration::from_secs(20), rx.wait_for(|s| s.state == state))
        .await
        .unwrap_or_else(|_| panic!("link never became {state:?}; now {:?}", live.status()))
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_libraries_sync_live_both_ways() {
    let server = YServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (a, map_a, b, map_b) = shared_pair(&dir, &server, "live").await;
    let live_a = LiveSync::start(a.clone(), &map_a, fast());
    let live_b = LiveSync::start(b.clone(), &map_b, fast());
    wait_state(&live_a, LinkState::Connected).await;
    wait_state(&live_b, LinkState::Connected).await;

    rename_touchpoint(&a, &map_a, 0, "Renamed in A");
    eventually("A's edit reaches B", || {
        touchpoint_title(&b, &map_b, 0) == "Renamed in A"
    })
    .await;
    rename_touchpoint(&b, &map_b, 1, "Renamed in B");
    eventually("B's edit reaches A", || {
        touchpoint_title(&a, &map_a, 1) == "Renamed in B"
    })
    .await;
    // Remote updates are persisted: a fresh open of B's file has them.
    let reopened = Library::open(&b.path()).unwrap();
    assert_eq!(touchpoint_title(&reopened, &map_b, 0), "Renamed in A");
    eventually("derived tables match", || {
        derived_rows(&a, &map_a) == derived_rows(&b, &map_b)
    })
    .await;
    assert!(live_a.status().last_sync_at.is_some());
    live_a.stop().await;
    live_b.stop().await;
    assert!(a.map_link(&map_a).unwrap().unwrap().last_sync_at.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_divergence_converges_with_identical_tables() {
    let server = YServer::start();
    let dir = tempfile::tempdir().unwrap();
    let (a, map_a, b, map_b) = shared_pair(&dir, &server, "offline").await;
    let j = a.journey(&map_a).unwrap();
    let (s0, s1, s2) = (j.stages[0].id, j.stages[1].id, j.stages[2].id);
    let t0 = j.touchpoints.iter().find(|t| t.stage == s0).unwrap().id;
    let in_s2: Vec<_> = j
        .touchpoints
        .iter()
        .filter(|t| t.stage == s2)
        .map(|t| t.id)
        .collect();

    // Offline, both edit the same touchpoint and move it to different stages;
    // A deletes stage 2 while B moves a touchpoint into it and edits one of its own.
    a.edit(&map_a, |j| {
        let t = j.touchpoints.iter_mut().find(|t| t.id == t0).unwrap();
        t.title = "A's title".into();
        t.stage = s1;
        t.order = key_between(None, None)?;
        j.delete_stage(s2);
        Ok(())
    })
    .unwrap();
    b.edit(&map_b, |j| {
        let t = j.touchpoints.iter_mut().find(|t| t.id == t0).unwrap();
        t.title = "B's title".into();
        t.owner = "B's team".into();
        t.stage = s2;
        t.order = key_between(Some("zz"), None)?;
        let u = j.touchpoints.iter_mut().find(|t| t.id == in_s2[0]).unwrap();
        u.description = "edited by B in the stage A deletes".into();
        j.stages[0].name = "B renamed stage 0".into();
        Ok(())
    })
    .unwrap();
    assert_ne!(a.journey(&map_a).unwrap(), b.journey(&map_b).unwrap());

    // Reconnect: A first, then B, then A again to take B's part.
    sync_once(a.clone(), &map_a, &fast()).await.unwrap();
    sync_once(b.clone(), &map_b, &fast()).await.unwrap();
    sync_once(a.clone(), &map_a, &fast()).await.unwrap();

    let ja = a.journey(&map_a).unwrap();
    let jb = b.journey(&map_b).unwrap();
    assert_eq!(ja, jb, "both libraries hold the same map");
    let sv = |lib: &Library, map: &str| {
        use yrs::updates::decoder::Decode;
        yrs::StateVector::decode_v1(&lib.state_vector(map).unwrap()).unwrap()
    };
    assert_eq!(
        sv(&a, &map_a),
        sv(&b, &map_b),
        "both documents hold every change"
    );
    assert!(waymark_core::validate(&ja).is_empty());
    assert!(
        ja.stages.iter().all(|s| s.id != s2),
        "A's delete of stage 2 holds"
    );
    assert_eq!(ja.stages[0].name, "B renamed stage 0", "B's rename holds");
    let t = ja.touchpoints.iter().find(|t| t.id == t0);
    // The touchpoint's stage is one writer's choice; if it was B's (the
    // deleted stage) the projection hides it, which both sides agree on.
    if let Some(t) = t {
        assert_eq!(t.owner, "B's team");
        // Titles are Y.Text: both offline rewrites survive, merged.
        assert!(
            t.title.contains("A's") && t.title.contains("B's"),
            "{}",
            t.title
        );
    }
    assert_eq!(derived_rows(&a, &map_a), derived_rows(&b, &map_b));
    // Reopened from disk, both still agree.
    let (ra, rb) = (
        Library::open(&a.path()).unwrap(),
        Library::open(&b.path()).unwrap(),
    );
    assert_eq!(ra.journey(&map_a).unwrap(), rb.journey(&map_b).unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_restart_mid_session_loses_nothing() {
    let mut server = YServer::start();
    let port = server.port;
    let dir = tempfile::tempdir().unwrap();
    let (a, map_a, b, map_b) = shared_pair(&dir, &server, "restart").await;
    let live_a = LiveSync::start(a.clone(), &map_a, fast());
    let live_b = LiveSync::start(b.clone(), &map_b, fast());
    wait_state(&live_a, LinkState::Connected).await;
    wait_state(&live_b, LinkState::Connected).await;
    rename_touchpoint(&a, &map_a, 0, "before the restart");
    eventually("the first edit reaches B", || {
        touchpoint_title(&b, &map_b, 0) == "before the restart"
    })
    .await;

    // The server dies (its rooms were in memory only): both go offline and
    // keep editing.
    server.kill();
    wait_state(&live_a, LinkState::Offline).await;
    wait_state(&live_b, LinkState::Offline).await;
    rename_touchpoint(&a, &map_a, 2, "A while the server was down");
    rename_touchpoint(&b, &map_b, 3, "B while the server was down");
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Back on the same port, empty: the clients re-seed it from SQLite.
    let _server = YServer::start_on(port);
    wait_state(&live_a, LinkState::Connected).await;
    wait_state(&live_b, LinkState::Connected).await;
    eventually("both offline edits on both sides", || {
        touchpoint_title(&a, &map_a, 3) == "B while the server was down"
            && touchpoint_title(&b, &map_b, 2) == "A while the server was down"
    })
    .await;
    eventually("identical maps and tables", || {
        a.journey(&map_a).unwrap() == b.journey(&map_b).unwrap()
            && derived_rows(&a, &map_a) == derived_rows(&b, &map_b)
    })
    .await;
    assert_eq!(touchpoint_title(&b, &map_b, 0), "before the restart");
    // Live again after the restart.
    rename_touchpoint(&b, &map_b, 4, "after the restart");
    eventually("a live edit after the restart", || {
        touchpoint_title(&a, &map_a, 4) == "after the restart"
    })
    .await;
    live_a.stop().await;
    live_b.stop().await;
}

/// A digest of a map's stored document bytes and derived rows, to prove
/// they are untouched (short, so a failure prints readably).
fn snapshot(lib: &Library, map: &str) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let stored = stored_doc(lib, map);
    stored.hash(&mut h);
    derived_rows(lib, map).hash(&mut h);
    (stored.iter().map(Vec::len).sum(), h.finish())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_holding_another_map_is_refused_and_nothing_changes() {
    let server = YServer::start();
    let dir = tempfile::tempdir().unwrap();
    let other = library(&dir, "other.db");
    let other_map = other.create_map(Some("broadband-outage"), None).unwrap();
    other
        .link_map(&other_map, &spec(&server.url(), "taken"))
        .unwrap();
    sync_once(other.clone(), &other_map, &fast()).await.unwrap();
    let other_before = other.journey(&other_map).unwrap();

    let a = library(&dir, "a.db");
    let map = a.create_map(Some("bank-lost-card"), None).unwrap();
    a.link_map(&map, &spec(&server.url(), "taken")).unwrap();
    let before = snapshot(&a, &map);
    let err = sync_once(a.clone(), &map, &fast()).await.unwrap_err();
    assert!(matches!(err, SyncError::Rejected(_)), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("another map") && msg.contains("\"taken\""),
        "{msg}"
    );
    assert_eq!(snapshot(&a, &map), before, "the local map is untouched");
    let link = a.map_link(&map).unwrap().unwrap();
    assert_eq!(link.last_error.as_deref(), Some(msg.as_str()));
    assert_eq!(link.last_sync_at, None);

    // The room was not polluted with A's map either.
    sync_once(other.clone(), &other_map, &fast()).await.unwrap();
    assert_eq!(other.journey(&other_map).unwrap(), other_before);

    // Live, the same refusal shows as the error state.
    let live = LiveSync::start(a.clone(), &map, fast());
    wait_state(&live, LinkState::Error).await;
    assert!(live.status().message.unwrap().contains("another map"));
    live.stop().await;
    assert_eq!(snapshot(&a, &map), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_holding_a_non_waymark_document_is_refused() {
    use yrs::updates::encoder::Encode;
    use yrs::{GetString, Text, Transact};
    let server = YServer::start();
    // Another Yjs app's document in the room, pushed by a plain client.
    let doc = yrs::Doc::new();
    let text = doc.get_or_insert_text("prosemirror");
    text.insert(&mut doc.transact_mut(), 0, "someone else's notes");
    assert!(!text.get_string(&doc.transact()).is_empty());
    let state = {
        use yrs::ReadTxn;
        doc.transact()
            .encode_state_as_update_v1(&yrs::StateVector::default())
    };
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("{}/notes", server.url()))
        .await
        .unwrap();
    use futures_util::SinkExt;
    let msg = yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(state)).encode_v1();
    ws.send(tokio_tungstenite::tungstenite::Message::Binary(msg.into()))
        .await
        .unwrap();
    // The server answers in order: once it answers a sync step 1 sent after
    // the update, the room holds the notes.
    let step1 = yrs::sync::Message::Sync(yrs::sync::SyncMessage::SyncStep1(Default::default()));
    ws.send(tokio_tungstenite::tungstenite::Message::Binary(
        step1.encode_v1().into(),
    ))
    .await
    .unwrap();
    wait_for_step2(&mut ws).await;

    let dir = tempfile::tempdir().unwrap();
    let a = library(&dir, "a.db");
    let map = a.create_map(Some("bank-lost-card"), None).unwrap();
    a.link_map(&map, &spec(&server.url(), "notes")).unwrap();
    let before = snapshot(&a, &map);
    let err = sync_once(a.clone(), &map, &fast()).await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("not a Waymark map"), "{msg}");
    assert_eq!(snapshot(&a, &map), before);

    let b = library(&dir, "b.db");
    let err = join(b.clone(), &spec(&server.url(), "notes"), &fast())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a Waymark map"), "{err}");
    assert!(b.list_maps().unwrap().is_empty(), "join wrote nothing");
}

async fn wait_for_step2<S>(ws: &mut S)
where
    S: futures_util::Stream<
            Item = Result<
                tokio_tungstenite::tungstenite::Message,
                tokio_tungstenite::tungstenite::Error,
            >,
        > + Unpin,
{
    use futures_util::StreamExt;
    use yrs::updates::decoder::Decode;
    while let Some(m) = ws.next().await {
        if let tokio_tungstenite::tungstenite::Message::Binary(b) = m.unwrap() {
            if let Ok(yrs::sync::Message::Sync(yrs::sync::SyncMessage::SyncStep2(_))) =
                yrs::sync::Message::decode_v1(&b)
            {
                return;
            }
        }
    }
    panic!("the server closed before answering");
}

/// A WebSocket server on loopback that answers every connection with `reply`.
async fn fake_server(reply: Vec<u8>) -> String {
    use futures_util::{SinkExt, StreamExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let reply = reply.clone();
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(tcp).await else {
                    return;
                };
                let _ = ws
                    .send(tokio_tungstenite::tungstenite::Message::Binary(
                        reply.into(),
                    ))
                    .await;
                while let Some(Ok(_)) = ws.next().await {}
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_sending_garbage_puts_the_link_in_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = library(&dir, "a.db");
    let map = a.create_map(Some("bank-lost-card"), None).unwrap();
    a.ensure_doc_id(&map).unwrap();
    let before = snapshot(&a, &map);
    // Undecodable bytes; a message type no y-websocket server sends; and a
    // sync step 2 whose "document" is random bytes.
    for (garbage, expect) in [
        (
            vec![0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff],
            "not the y-websocket protocol",
        ),
        (vec![0x07, 0x03, 0x01, 0x02, 0x03], "unknown type 7"),
        (
            vec![0x00, 0x01, 0x05, 0xde, 0xad, 0xbe, 0xef, 0x99],
            "does not decode",
        ),
    ] {
        let url = fake_server(garbage).await;
        a.link_map(&map, &spec(&url, "room")).unwrap();
        let err = sync_once(a.clone(), &map, &fast()).await.unwrap_err();
        assert!(matches!(err, SyncError::Rejected(_)), "{err:?}");
        assert!(err.to_string().contains(expect), "{err}");
        assert_eq!(
            a.map_link(&map).unwrap().unwrap().last_error,
            Some(err.to_string())
        );
        assert_eq!(snapshot(&a, &map), before, "the local map is untouched");
    }
    // Nothing listening: offline, not error.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    a.link_map(&map, &spec(&format!("ws://127.0.0.1:{port}"), "room"))
        .unwrap();
    let err = sync_once(a.clone(), &map, &fast()).await.unwrap_err();
    assert!(err.is_offline(), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_sent_but_never_shown() {
    use waymark_api::{Secret, TokenVia};
    let dir = tempfile::tempdir().unwrap();
    let a = library(&dir, "a.db");
    let map = a.create_map(None, Some("Secret map")).unwrap();
    // A server that refuses the upgrade: the error names the room, not the token.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let seen = Arc::new(std::sync::Mutex::new(String::new()));
    let seen2 = seen.clone();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut tcp, _)) = listener.accept().await {
            let mut buf = vec![0u8; 4096];
            let n = tcp.read(&mut buf).await.unwrap_or(0);
            seen2
                .lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
            let _ = tcp
                .write_all(b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    for via in [TokenVia::Query, TokenVia::Header] {
        let mut s = spec(&url, "private");
        s.token = Some(Secret::new("s3cr3t-t0ken"));
        s.token_via = via;
        let link = a.link_map(&map, &s).unwrap();
        assert!(!format!("{link:?}").contains("s3cr3t"));
        assert!(!serde_json::to_string(&link).unwrap().contains("s3cr3t"));
        let err = sync_once(a.clone(), &map, &fast()).await.unwrap_err();
        assert!(matches!(err, SyncError::Rejected(_)), "{err:?}");
        assert!(
            err.to_string().contains("401") && !err.to_string().contains("s3cr3t"),
            "{err}"
        );
    }
    let requests = seen.lock().unwrap().clone();
    assert!(
        requests.contains("GET /private?token=s3cr3t-t0ken "),
        "{requests}"
    );
    assert!(
        requests
            .to_lowercase()
            .contains("authorization: bearer s3cr3t-t0ken"),
        "{requests}"
    );
}
