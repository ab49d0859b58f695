//! Group commit in the sync client, with real processes: a `LiveSync`
//! (in a child process) receives a stream of notes another library sends
//! through the real `@y/websocket-server`, and says which it has saved each
//! time the link reports them saved; the child is killed with SIGKILL
//! mid-stream. Every note it reported saved must be in its library file,
//! which must be whole; a sync afterwards brings the rest.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{library, spec, YServer};
use waymark_api::Library;
use waymark_core::model::{Annotation, Target};
use waymark_sync::{join, sync_once, LinkState, LiveSync, SyncConfig};

const CHILD_DB: &str = "WAYMARK_SYNC_KILL_CHILD_DB";
const CHILD_MAP: &str = "WAYMARK_SYNC_KILL_CHILD_MAP";

fn fast() -> SyncConfig {
    SyncConfig {
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(800),
        timeout: Duration::from_secs(20),
    }
}

fn fed(lib: &Library, map: &str) -> Vec<String> {
    lib.journey(map)
        .unwrap()
        .annotations
        .into_iter()
        .map(|a| a.text)
        .filter(|t| t.starts_with("fed "))
        .collect()
}

/// Runs only as the child (spawned by the test below): syncs the map live
/// and, each time the link reports what it received saved, prints the notes
/// it holds that it has not printed yet.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_child() {
    let (Some(db), Some(map)) = (std::env::var_os(CHILD_DB), std::env::var_os(CHILD_MAP)) else {
        return;
    };
    let map = map.to_string_lossy().to_string();
    let lib = Arc::new(Library::open(Path::new(&db)).unwrap());
    let live = LiveSync::start(lib.clone(), &map, fast());
    let mut status = live.watch();
    let mut printed = std::collections::HashSet::new();
    let mut saved = None;
    loop {
        let now = status.borrow_and_update().clone();
        if now.state == LinkState::Connected
            && now.last_sync_at.is_some()
            && saved != now.last_sync_at
        {
            saved = now.last_sync_at.clone();
            let mut out = std::io::stdout().lock();
            for text in fed(&lib, &map) {
                if printed.insert(text.clone()) {
                    writeln!(out, "{text}").unwrap();
                }
            }
            out.flush().unwrap();
        }
        if status.changed().await.is_err() {
            break;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_stream_loses_nothing_the_link_reported_saved() {
    if std::env::var_os(CHILD_DB).is_some() {
        return;
    }
    let server = YServer::start();
    let dir = tempfile::tempdir().unwrap();
    let a = library(&dir, "a.db");
    let map_a = a.create_map(None, Some("Kill mid-stream")).unwrap();
    a.link_map(&map_a, &spec(&server.url(), "kill")).unwrap();
    sync_once(a.clone(), &map_a, &fast()).await.unwrap();
    let feeder = library(&dir, "feeder.db");
    let map_f = join(feeder.clone(), &spec(&server.url(), "kill"), &fast())
        .await
        .unwrap();
    let db = a.path();
    drop(a);

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["sync_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, &db)
        .env(CHILD_MAP, &map_a)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    // The feeder adds notes as fast as it can persist them, sent live.
    let live_f = LiveSync::start(feeder.clone(), &map_f, fast());
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (feeder, map_f, stop) = (feeder.clone(), map_f.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                feeder
                    .edit(&map_f, |j| {
                        j.annotations.push(Annotation {
                            id: uuid::Uuid::new_v4(),
                            text: format!("fed {n}"),
                            author: "feeder".into(),
                            created_at: "2026-03-02T10:00:00Z".into(),
                            target: Target::Map,
                            ..Annotation::default()
                        });
                        Ok(())
                    })
                    .unwrap();
            }
        })
    };

    let saved: Vec<String> = tokio::task::spawn_blocking({
        let stdout = child.stdout.take().unwrap();
        move || {
            let started = Instant::now();
            let mut saved = Vec::new();
            for line in BufReader::new(stdout).lines() {
                // The test harness prints its own lines too.
                let line = line.unwrap();
                if line.starts_with("fed ") {
                    saved.push(line);
                }
                if saved.len() >= 60 || started.elapsed() > Duration::from_secs(60) {
                    break;
                }
            }
            saved
        }
    })
    .await
    .unwrap();
    // SIGKILL while notes keep arriving (a transaction may be under way).
    child.kill().unwrap();
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    assert!(!saved.is_empty(), "the child reported nothing saved");

    let a = Arc::new(Library::open(&db).unwrap());
    assert_eq!(a.integrity_check().unwrap(), "ok");
    assert_eq!(a.derived_differences(&map_a).unwrap(), Vec::<String>::new());
    let stored = fed(&a, &map_a);
    for text in &saved {
        assert!(stored.contains(text), "reported saved, then lost: {text}");
    }
    // What was in flight comes back with the next sync: the feeder's last
    // notes may still be queued in its live sync when it stops (they are
    // saved in its own library), so its next sync sends them, then the
    // killed library's next sync brings them in.
    let all = fed(&feeder, &map_f);
    live_f.stop().await;
    sync_once(feeder.clone(), &map_f, &fast()).await.unwrap();
    sync_once(a.clone(), &map_a, &fast()).await.unwrap();
    let stored = fed(&a, &map_a);
    for text in &all {
        assert!(stored.contains(text), "never arrived: {text}");
    }
}
