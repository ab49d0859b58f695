//! Named versions keep the survey answers they were named with (issue 17):
//! restoring or exporting a version after a wave was re-imported or deleted
//! gives answers that agree with the statistics in its document.

use std::path::Path;

use waymark_api::{ExportFormat, Library};

const HEADER: &str = "touchpoint,respondent,date,metric,scale,value,comment\n";

/// Writes a survey file of `answers` (respondent, NPS) on touchpoint `tp`.
fn survey(dir: &Path, name: &str, tp: &str, answers: &[(&str, u8)]) -> std::path::PathBuf {
    let mut csv = String::from(HEADER);
    for (who, v) in answers {
        csv += &format!("{tp},{who},2026-03-01,nps,nps,{v},\n");
    }
    let path = dir.join(name);
    std::fs::write(&path, csv).unwrap();
    path
}

fn waves(lib: &Library, id: &str) -> Vec<(String, i64)> {
    lib.waves(id)
        .unwrap()
        .into_iter()
        .map(|w| (w.label, w.answers))
        .collect()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn restoring_a_version_brings_back_the_answers_it_was_named_with() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    let d = dir.path();
    let q1 = survey(d, "q1.csv", &tp, &[("a", 10), ("b", 9), ("c", 2)]);
    let q2 = survey(d, "q2.csv", &tp, &[("d", 7)]);
    lib.import_wave_file(&id, &q1, Some("Q1"), None).unwrap();
    lib.import_wave_file(&id, &q2, Some("Q2"), Some("2026-06-30"))
        .unwrap();
    lib.create_version(&id, "v1").unwrap();
    let card_v1 = lib.score(&id).unwrap();
    let waves_v1 = waves(&lib, &id);

    // Afterwards: Q1 re-imported with other answers, Q2 deleted, Q3 added.
    let q1b = survey(d, "q1b.csv", &tp, &[("x", 0), ("y", 1)]);
    lib.import_wave_file(&id, &q1b, Some("Q1"), None).unwrap();
    lib.delete_wave(&id, "Q2").unwrap();
    let q3 = survey(d, "q3.csv", &tp, &[("z", 8)]);
    lib.import_wave_file(&id, &q3, Some("Q3"), None).unwrap();
    let card_now = lib.score(&id).unwrap();
    let waves_now = waves(&lib, &id);
    assert_ne!(card_now, card_v1);

    // The version exports with the answers it was named with.
    let file = lib.export(&id, ExportFormat::Waymark, Some("v1")).unwrap();
    let (_, kept) =
        waymark_core::formats::waymark::from_str_with_waves("v1.waymark", &file).unwrap();
    let kept: Vec<(String, Vec<String>)> = kept
        .into_iter()
        .map(|w| {
            (
                w.label,
                w.answers.into_iter().map(|a| a.respondent).collect(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        [
            ("Q2".to_string(), vec!["d".to_string()]),
            ("Q1".to_string(), vec!["a".into(), "b".into(), "c".into()]),
        ],
        "by date, undated last"
    );

    // Restoring it brings those answers back with its statistics.
    let safety = lib.restore(&id, "v1").unwrap();
    assert_eq!(waves(&lib, &id), waves_v1);
    assert_eq!(lib.score(&id).unwrap(), card_v1);
    assert_eq!(lib.trend(&id).unwrap().waves.len(), 2);
    let fresh = Library::open(&db).unwrap();
    assert_eq!(fresh.score(&id).unwrap(), card_v1, "from the file");
    assert_eq!(waves(&fresh, &id), waves_v1);

    // The state before the restore was kept, answers included.
    lib.restore(&id, &safety.label).unwrap();
    assert_eq!(waves(&lib, &id), waves_now);
    assert_eq!(lib.score(&id).unwrap(), card_now);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn versions_share_the_waves_that_did_not_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    let d = dir.path();
    let q1 = survey(d, "q1.csv", &tp, &[("a", 10), ("b", 9)]);
    let q2 = survey(d, "q2.csv", &tp, &[("c", 3)]);
    lib.import_wave_file(&id, &q1, Some("Q1"), None).unwrap();
    lib.import_wave_file(&id, &q2, Some("Q2"), None).unwrap();
    let copies = "SELECT COUNT(*) FROM kept_waves";
    let rows = "SELECT COUNT(*) FROM kept_answers";
    lib.create_version(&id, "v1").unwrap();
    assert_eq!((count(&db, copies), count(&db, rows)), (2, 3));
    lib.create_version(&id, "v2").unwrap();
    assert_eq!(
        (count(&db, copies), count(&db, rows)),
        (2, 3),
        "nothing changed"
    );
    // One answer of Q1 changes value: only Q1 is copied again.
    let q1b = survey(d, "q1b.csv", &tp, &[("a", 10), ("b", 8)]);
    lib.import_wave_file(&id, &q1b, Some("Q1"), None).unwrap();
    lib.create_version(&id, "v3").unwrap();
    assert_eq!((count(&db, copies), count(&db, rows)), (3, 5));
    // Each version still exports its own Q1.
    let value_of_b = |v: &str| {
        let file = lib.export(&id, ExportFormat::Waymark, Some(v)).unwrap();
        let (_, w) =
            waymark_core::formats::waymark::from_str_with_waves("v.waymark", &file).unwrap();
        w.iter()
            .find(|w| w.label == "Q1")
            .unwrap()
            .answers
            .iter()
            .find(|a| a.respondent == "b")
            .unwrap()
            .value
    };
    assert_eq!((value_of_b("v2"), value_of_b("v3")), (9.0, 8.0));
    // Deleting the map takes every copy with it.
    lib.delete(&id).unwrap();
    assert_eq!((count(&db, copies), count(&db, rows)), (0, 0));
}

#[test]
fn a_version_named_before_versions_kept_answers_restores_with_todays_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    let d = dir.path();
    let q1 = survey(d, "q1.csv", &tp, &[("a", 10), ("b", 9)]);
    lib.import_wave_file(&id, &q1, Some("Q1"), None).unwrap();
    lib.create_version(&id, "old").unwrap();
    // As schema 9 left it: the version holds its document only.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DELETE FROM version_waves; UPDATE versions SET keeps_answers = 0;")
        .unwrap();
    lib.delete_wave(&id, "Q1").unwrap();
    let q2 = survey(d, "q2.csv", &tp, &[("c", 3)]);
    lib.import_wave_file(&id, &q2, Some("Q2"), None).unwrap();
    let card = lib.score(&id).unwrap();

    lib.restore(&id, "old").unwrap();
    // Today's answers stay, and the statistics are theirs (not Q1's).
    assert_eq!(waves(&lib, &id), [("Q2".to_string(), 1)]);
    assert_eq!(lib.score(&id).unwrap().journey, card.journey);
    let file = lib.export(&id, ExportFormat::Waymark, Some("old")).unwrap();
    let (_, w) = waymark_core::formats::waymark::from_str_with_waves("o.waymark", &file).unwrap();
    assert!(w.is_empty(), "the old version has no answers to export");
}
