//! Large imports are written in batches, never as one whole document in
//! memory (survey answers go to the library's tables, their statistics to
//! the document) (`waymark_core::doc_batches`): these guard that they still are,
//! and that the batches make exactly the map the file describes. Peak memory
//! itself is measured by `scripts/bench-import-memory`, not here.

use std::sync::{Arc, Mutex};

use waymark_api::{ExportFormat, Library};
use waymark_core::doc::{new_doc, read_journey};
use waymark_core::formats::{import, ImportFormat};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

fn rows(lib: &Library, id: &str, origin: &str) -> i64 {
    let conn = rusqlite::Connection::open(lib.path()).unwrap();
    conn.query_row(
        "SELECT count(*) FROM map_updates WHERE map_id = ?1 AND origin = ?2",
        [id, origin],
        |r| r.get(0),
    )
    .unwrap()
}

/// A Mermaid map of `n` tasks of about 1 KB each, in 10 sections.
fn mermaid(n: usize) -> String {
    let text = "lorem ipsum dolor sit amet ".repeat(36);
    let mut out = String::from("journey\n  title Large\n");
    for s in 0..10 {
        out += &format!("  section Stage {s}\n");
        for i in (s..n).step_by(10) {
            out += &format!("    Task {i} {text}: {}: Me\n", 1 + i % 5);
        }
    }
    out
}

fn apply(doc: &Doc, update: &[u8]) {
    doc.transact_mut()
        .apply_update(Update::decode_v1(update).unwrap())
        .unwrap();
}

#[test]
fn a_large_map_is_stored_in_batches_that_make_the_whole_map() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    // A .waymark file keeps its ids, so the map can be compared whole.
    let parsed = import("large.mmd", &mermaid(2500), ImportFormat::Mermaid).unwrap();
    let text = ExportFormat::Waymark.write(&parsed);
    let path = dir.path().join("large.waymark");
    std::fs::write(&path, &text).unwrap();
    let id = lib.import_path(&path, "large.waymark", None).unwrap();
    assert!(
        rows(&lib, &id, "create") >= 2,
        "a 2.5 MB map is written in more than one batch"
    );
    let whole = read_journey(&new_doc(&parsed)).journey;
    assert_eq!(lib.journey(&id).unwrap(), whole);
    assert!(lib.problems(&id).unwrap().is_empty());
    assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());
    // A small map stays one update.
    let small = lib
        .import("small.mmd", "journey\n  section A\n    Task: 3: Me\n", None)
        .unwrap();
    assert_eq!(rows(&lib, &small, "create"), 1);
}

/// `raw` as the library keeps it: the answers (all imported today, without
/// a wave label) as statistics of the day's wave.
fn in_the_document(raw: &waymark_core::Journey) -> waymark_core::Journey {
    let mut j = raw.clone();
    let answers = std::mem::take(&mut j.responses);
    let wave = waymark_api::waves::default_wave_label(None);
    for t in &raw.touchpoints {
        let mut mine: Vec<_> = answers.iter().filter(|a| a.touchpoint == t.id).collect();
        // The tables hand a touchpoint's answers over in the order stored.
        mine.sort_by_key(|a| (a.comment == "changed", a.date.clone()));
        if !mine.is_empty() {
            j.evidence.push(waymark_core::evidence::WaveEvidence {
                touchpoint: t.id,
                wave: wave.clone(),
                stats: waymark_score::evidence::stats_of(mine),
            });
        }
    }
    j.normalize();
    j
}

#[test]
fn survey_answers_join_the_tables_and_replace_by_identity() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.import("m.mmd", &mermaid(100), None).unwrap();
    // A live front's view of the map: the state now, then what it is told.
    let live = Doc::new();
    apply(&live, &lib.encode_state(&id).unwrap());
    let told: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let sink = told.clone();
    lib.subscribe(Arc::new(move |_, update, _| {
        sink.lock().unwrap().push(update.to_vec())
    }));

    let comment = "a comment of some length ".repeat(3);
    let mut csv = String::from("touchpoint,respondent,date,metric,scale,value,comment\n");
    for i in 0..20_000 {
        csv += &format!(
            "Task {} {},r{i},2026-03-02,csat,csat,{},{comment}\n",
            i % 100,
            "lorem ipsum dolor sit amet ".repeat(36).trim_end(),
            1 + i % 5
        );
    }
    let path = dir.path().join("answers.csv");
    std::fs::write(&path, &csv).unwrap();
    let before = lib.journey(&id).unwrap();
    let stats = lib.import_responses_file(&id, &path).unwrap();
    assert_eq!((stats.added, stats.replaced), (20_000, 0));
    assert_eq!(
        rows(&lib, &id, "local"),
        1,
        "the document gets one update of statistics"
    );

    // Exactly the statistics of what merging the answers into the map gives.
    let answers = waymark_score::parse_responses_csv("answers.csv", &csv, &before).unwrap();
    let mut want = before.clone();
    waymark_score::merge_responses(&mut want, answers);
    assert_eq!(lib.journey(&id).unwrap(), in_the_document(&want));
    assert_eq!(lib.waves(&id).unwrap()[0].answers, 20_000);
    assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());

    // Ten answers change their value, five are new.
    let mut again = String::from("touchpoint,respondent,date,metric,scale,value,comment\n");
    let title = |i: usize| {
        format!(
            "Task {i} {}",
            "lorem ipsum dolor sit amet ".repeat(36).trim_end()
        )
    };
    for i in 0..10 {
        again += &format!("{},r{i},2026-03-02,csat,csat,5,changed\n", title(i % 100));
    }
    for i in 0..5 {
        again += &format!("{},new{i},2026-03-03,csat,csat,2,\n", title(i));
    }
    let stats = lib.import_responses(&id, "again.csv", &again).unwrap();
    assert_eq!((stats.added, stats.replaced), (5, 10));
    let answers = waymark_score::parse_responses_csv("again.csv", &again, &want).unwrap();
    waymark_score::merge_responses(&mut want, answers);
    let now = lib.journey(&id).unwrap();
    assert_eq!(now, in_the_document(&want));
    assert_eq!(lib.waves(&id).unwrap()[0].answers, 20_005);
    let changed = lib
        .explain(&id, &now.touchpoints[0].id.to_string())
        .unwrap();
    assert!(changed.responses.iter().any(|r| r.comment == "changed"));
    assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());

    // The live front was told every update it needs.
    for update in told.lock().unwrap().iter() {
        apply(&live, update);
    }
    assert_eq!(read_journey(&live).journey, now);
}
