//! Crash safety: a child process writes edits in a loop and reports each one
//! the moment the API returns; the parent kills it with SIGKILL mid-stream,
//! reopens the library, and finds it intact with every reported edit.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use waymark_api::Library;

const CHILD_ENV: &str = "WAYMARK_CRASH_CHILD_DB";

/// Runs only as the child (spawned by the test below): edits until killed.
#[test]
fn crash_child_writer() {
    let Some(db) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let map_id = std::env::var("WAYMARK_CRASH_CHILD_MAP").unwrap();
    let lib = Library::open(std::path::Path::new(&db)).unwrap();
    let stdout = std::io::stdout();
    for n in 0.. {
        lib.edit(&map_id, |j| {
            let stage = j.stages[0].id;
            let lane = j.lanes[0].id;
            let last = j
                .touchpoints
                .iter()
                .filter(|t| t.stage == stage && t.lane == lane)
                .map(|t| t.order.clone())
                .max();
            j.touchpoints.push(waymark_core::Touchpoint {
                id: uuid::Uuid::new_v4(),
                stage,
                lane,
                order: waymark_core::order::key_between(last.as_deref(), None)?,
                title: format!("ack {n}"),
                ..Default::default()
            });
            Ok(())
        })
        .unwrap();
        let mut out = stdout.lock();
        writeln!(out, "ack {n}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn sigkill_during_writes_loses_nothing_acknowledged() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let map_id = Library::open(&db)
        .unwrap()
        .create_map(None, Some("Crash test"))
        .unwrap();

    for round in 0..3 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "crash_child_writer",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &db)
            .env("WAYMARK_CRASH_CHILD_MAP", &map_id)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut acked = Vec::new();
        let reader = BufReader::new(child.stdout.take().unwrap());
        let started = Instant::now();
        // Kill after a varying number of acknowledged edits (or after a while,
        // on a slow machine), mid-stream.
        let kill_after = 40 + round * 37;
        for line in reader.lines() {
            let line = line.unwrap();
            if let Some(n) = line.strip_prefix("ack ") {
                acked.push(n.to_string());
            }
            if acked.len() >= kill_after || started.elapsed() > Duration::from_secs(20) {
                break;
            }
        }
        // SIGKILL: no destructor, no flush, no goodbye.
        unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        child.wait().unwrap();
        assert!(!acked.is_empty(), "child acknowledged nothing");

        let lib = Library::open(&db).unwrap();
        assert_eq!(lib.integrity_check().unwrap(), "ok");
        let titles: std::collections::HashSet<String> = lib
            .journey(&map_id)
            .unwrap()
            .touchpoints
            .into_iter()
            .map(|t| t.title)
            .collect();
        for n in &acked {
            assert!(
                titles.contains(&format!("ack {n}")),
                "round {round}: acknowledged edit {n} lost"
            );
        }
    }
}
