//! A replica writes values the map cannot hold (an empty title,
//! `emotion: 99`) and the update travels through a real sync room (the
//! `@y/websocket-server` of tests/yserver): the other library merges it
//! (never refuses it, which would wedge the session), reads it mended, keeps
//! syncing, and what it stores exports and re-imports byte-for-byte.

mod common;

use std::time::Duration;

use common::{eventually, library, spec, YServer};
use waymark_api::{ExportFormat, Library};
use waymark_sync::{join, sync_once, LinkState, LiveSync, SyncConfig};

fn fast() -> SyncConfig {
    SyncConfig {
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(800),
        timeout: Duration::from_secs(10),
    }
}

async fn connected(live: &LiveSync) {
    let mut rx = live.watch();
    tokio::time::timeout(
        Duration::from_secs(20),
        rx.wait_for(|s| s.state == LinkState::Connected),
    )
    .await
    .expect("connected")
    .unwrap();
}

/// An update on `lib`'s map setting the title to "" and the first
/// touchpoint's emotion to 99, as a buggy window would send it.
fn hostile(lib: &Library, map: &str) -> Vec<u8> {
    let tp = lib.journey(map).unwrap().touchpoints[0].id.to_string();
    waymark_core::hostile::title_and_emotion_update(&lib.encode_state(map).unwrap(), &tp)
}

fn exports_losslessly(lib: &Library, map: &str) {
    let file = lib.export(map, ExportFormat::Waymark, None).unwrap();
    let back = lib.import("back.waymark", &file, None).expect("re-imports");
    assert_eq!(
        lib.export(&back, ExportFormat::Waymark, None).unwrap(),
        file
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_from_a_room_are_merged_mended_and_the_session_goes_on() {
    let server = YServer::start();
    let dir = tempfile::tempdir().unwrap();
    let a = library(&dir, "a.db");
    let map_a = a.create_map(Some("bank-lost-card"), None).unwrap();
    a.link_map(&map_a, &spec(&server.url(), "hostile")).unwrap();
    sync_once(a.clone(), &map_a, &fast()).await.unwrap();
    let b = library(&dir, "b.db");
    let map_b = join(b.clone(), &spec(&server.url(), "hostile"), &fast())
        .await
        .unwrap();
    let live_a = LiveSync::start(a.clone(), &map_a, fast());
    let live_b = LiveSync::start(b.clone(), &map_b, fast());
    connected(&live_a).await;
    connected(&live_b).await;

    a.apply_update(&map_a, &hostile(&a, &map_a), "ui").unwrap();
    eventually("the hostile values reach B, mended", || {
        let j = b.journey(&map_b).unwrap();
        j.title == "Untitled journey" && j.touchpoints[0].inputs.emotion == Some(2)
    })
    .await;
    let problems = b.problems(&map_b).unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.path.ends_with(".inputs.emotion") && p.message.ends_with("repaired")),
        "{problems:?}"
    );
    exports_losslessly(&b, &map_b);

    // The session is not wedged: the next edits go through both ways.
    a.rename(&map_a, "Named again").unwrap();
    eventually("A's rename reaches B", || {
        b.journey(&map_b).unwrap().title == "Named again"
    })
    .await;
    b.edit(&map_b, |j| {
        j.touchpoints[0].inputs.emotion = Some(-1);
        Ok(())
    })
    .unwrap();
    eventually("B's edit reaches A", || {
        a.journey(&map_a).unwrap().touchpoints[0].inputs.emotion == Some(-1)
    })
    .await;
    assert_eq!(live_b.status().state, LinkState::Connected);
    live_a.stop().await;
    live_b.stop().await;
}
