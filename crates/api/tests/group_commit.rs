//! Group commit: replicas' updates racing in from many threads share
//! transactions; each caller returns only once its update is durable (or
//! refused), so a kill never loses an acknowledged update, and a refused
//! update in a batch takes no other with it.

mod common;

use std::collections::HashSet;
use std::io::Write;
use std::sync::Arc;

use common::{kill_mid_stream, replica};
use waymark_api::{Library, SendCheck};
use waymark_core::doc::{read_journey, write_journey_diff};
use waymark_core::{Annotation, AnnotationKind, Journey};
use yrs::{Doc, ReadTxn, Transact};

const CHILD_ENV: &str = "WAYMARK_GROUP_CHILD_DB";
const THREADS: usize = 6;

/// The update that adds a note saying `text` on `doc`.
fn note_update(doc: &Doc, text: &str) -> Vec<u8> {
    let sv = doc.transact().state_vector();
    let before = read_journey(doc).journey;
    let mut after: Journey = before.clone();
    after.annotations.push(Annotation {
        id: uuid::Uuid::new_v4(),
        kind: AnnotationKind::Idea,
        text: text.into(),
        author: "racer".into(),
        created_at: "2026-12-06T08:00:00Z".into(),
        ..Annotation::default()
    });
    write_journey_diff(&mut doc.transact_mut(), &before, &after);
    let update = doc.transact().encode_diff_v1(&sv);
    update
}

fn notes(lib: &Library, id: &str) -> HashSet<String> {
    let j = lib.journey(id).unwrap();
    j.annotations.into_iter().map(|a| a.text).collect()
}

/// Refuses notes whose text says so, as a workshop's role check would.
fn refuse_marked() -> SendCheck {
    Box::new(|c| {
        let marked = c
            .after
            .journey
            .annotations
            .iter()
            .any(|a| a.text.contains("refuse"));
        if marked {
            Err("marked to refuse".into())
        } else {
            Ok(())
        }
    })
}

#[test]
fn racing_writers_land_together_and_a_refusal_takes_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let lib = Arc::new(Library::open(&path).unwrap());
    let id = lib.create_map(None, Some("Race")).unwrap();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (lib, id) = (lib.clone(), id.clone());
            std::thread::spawn(move || {
                let doc = replica(&lib, &id);
                let mut kept = Vec::new();
                for n in 0..25 {
                    if n % 6 == 5 {
                        // On a throwaway replica: later updates must not
                        // depend on one that is refused.
                        let text = format!("refuse {t}-{n}");
                        let update = note_update(&replica(&lib, &id), &text);
                        let refused =
                            lib.apply_update_grouped(&id, update, "race", Some(refuse_marked()));
                        assert!(refused.is_err(), "{text} was not refused");
                        continue;
                    }
                    let text = format!("note {t}-{n}");
                    let update = note_update(&doc, &text);
                    lib.apply_update_grouped(&id, update, "race", Some(refuse_marked()))
                        .unwrap();
                    kept.push(text);
                }
                kept
            })
        })
        .collect();
    let kept: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let live = notes(&lib, &id);
    let fresh = Library::open(&path).unwrap();
    assert_eq!(fresh.integrity_check().unwrap(), "ok");
    assert_eq!(
        fresh.derived_differences(&id).unwrap(),
        Vec::<String>::new()
    );
    let stored = notes(&fresh, &id);
    assert_eq!(stored, live);
    assert_eq!(stored, kept.into_iter().collect::<HashSet<_>>());
}

/// Runs only as the child (spawned by the test below): threads add notes
/// through group commit until killed, printing each acknowledged one.
#[test]
fn group_child_writer() {
    let Some(db) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let id = std::env::var("WAYMARK_GROUP_CHILD_MAP").unwrap();
    let lib = Arc::new(Library::open(std::path::Path::new(&db)).unwrap());
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (lib, id) = (lib.clone(), id.clone());
            std::thread::spawn(move || {
                let doc = replica(&lib, &id);
                for n in 0.. {
                    let text = format!("ack {t}-{n}-{}", uuid::Uuid::new_v4());
                    let update = note_update(&doc, &text);
                    lib.apply_update_grouped(&id, update, "kill", None).unwrap();
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "{text}").unwrap();
                    out.flush().unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn sigkill_during_group_commits_loses_nothing_acknowledged() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("group.db");
    let id = Library::open(&db)
        .unwrap()
        .create_map(None, Some("Kill test"))
        .unwrap();
    for round in 0..3 {
        // Killed while the other threads' batch may be mid-transaction.
        let acked = kill_mid_stream(
            "group_child_writer",
            &[
                (CHILD_ENV, db.as_os_str()),
                ("WAYMARK_GROUP_CHILD_MAP", id.as_ref()),
            ],
            30 + round * 41,
        );
        let lib = Library::open(&db).unwrap();
        assert_eq!(lib.integrity_check().unwrap(), "ok");
        assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());
        let stored = notes(&lib, &id);
        for text in &acked {
            assert!(
                stored.contains(text),
                "round {round}: acknowledged {text} lost"
            );
        }
    }
}
