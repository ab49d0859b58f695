//! Crash safety: a child process writes edits in a loop and reports each one
//! the moment the API returns; the parent kills it with SIGKILL mid-stream,
//! reopens the library, and finds it intact with every reported edit.

mod common;

use std::io::Write;

use common::kill_mid_stream;
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
        // Killed after a varying number of acknowledged edits, mid-stream.
        let acked = kill_mid_stream(
            "crash_child_writer",
            &[
                (CHILD_ENV, db.as_os_str()),
                ("WAYMARK_CRASH_CHILD_MAP", map_id.as_ref()),
            ],
            40 + round * 37,
        );

        let lib = Library::open(&db).unwrap();
        assert_eq!(lib.integrity_check().unwrap(), "ok");
        let titles: std::collections::HashSet<String> = lib
            .journey(&map_id)
            .unwrap()
            .touchpoints
            .into_iter()
            .map(|t| t.title)
            .collect();
        for ack in &acked {
            assert!(
                titles.contains(ack),
                "round {round}: acknowledged edit {ack:?} lost"
            );
        }
    }
}
