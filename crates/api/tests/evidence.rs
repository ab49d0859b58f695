//! Evidence out of the shared document (issue 17), on real library files:
//! a map whose document still holds raw answers moves them to the tables
//! once, as one logged update, with the same scores; a write of answers
//! that fails leaves the map and the tables as they were; two libraries on
//! one file importing at once both land.

use std::path::Path;

use waymark_api::{Library, EARLIER_ANSWERS};
use waymark_core::doc::write_journey;
use waymark_core::{Journey, Scale, SurveyResponse};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, Update};

fn count(db: &Path, sql: &str, id: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [id], |r| r.get(0))
        .unwrap()
}

fn answer(j: &Journey, i: usize, value: f64, comment: &str) -> SurveyResponse {
    SurveyResponse {
        touchpoint: j.touchpoints[i % j.touchpoints.len()].id,
        respondent: format!("r{i}"),
        date: "2026-03-01".into(),
        scale: Scale::Nps,
        value,
        comment: comment.into(),
    }
}

/// Writes `raw` into the map's document as a Waymark from before issue 17
/// (or a peer) did: one update holding the raw answers.
fn put_raw_answers(lib: &Library, id: &str, raw: &[SurveyResponse]) {
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(&lib.encode_state(id).unwrap()).unwrap())
        .unwrap();
    let sv = doc.transact().state_vector();
    let mut j = lib.journey(id).unwrap();
    j.responses = raw.to_vec();
    write_journey(&doc, &j);
    let update = doc.transact().encode_diff_v1(&sv);
    lib.apply_update(id, &update, "peer").unwrap();
}

#[test]
fn raw_answers_in_a_document_move_to_the_tables_once_with_the_same_scores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (id, want) = {
        let lib = Library::open(&db).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let j = lib.journey(&id).unwrap();
        let raw: Vec<SurveyResponse> = (0..40)
            .map(|i| {
                answer(
                    &j,
                    i,
                    (i % 11) as f64,
                    ["", "Slow and rude.", "Great!"][i % 3],
                )
            })
            .collect();
        let mut with = j.clone();
        with.responses = raw.clone();
        with.normalize(); // the order the document reads them in
        put_raw_answers(&lib, &id, &raw);
        (id, waymark_score::score(&with))
    };
    // Back to a library of schema 6, before waves: its answers were only in
    // the document.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP TABLE version_waves; DROP TABLE kept_answers; DROP TABLE kept_waves;
             ALTER TABLE versions DROP COLUMN keeps_answers;
             DROP TABLE watched_files; DROP TABLE survey_answers; DROP TABLE survey_waves;
             PRAGMA user_version = 6;",
        )
        .unwrap();

    let lib = Library::open(&db).unwrap();
    let j = lib.journey(&id).unwrap();
    assert!(j.responses.is_empty(), "the document holds no raw answer");
    assert_eq!(j.answer_count(), 40);
    let pooled = |lib: &Library| lib.score_as_of(&id, &waymark_api::AsOf::AllWaves).unwrap();
    assert_eq!(pooled(&lib), want, "the same scores");
    // As of its one wave, the latest, the figures are the same too.
    assert_eq!(lib.score(&id).unwrap().journey, want.journey);
    let waves = lib.waves(&id).unwrap();
    assert_eq!(
        (waves[0].label.as_str(), waves[0].answers),
        (EARLIER_ANSWERS, 40)
    );
    let migrations = "SELECT count(*) FROM map_updates WHERE map_id = ?1 AND origin = 'migration'";
    assert_eq!(count(&db, migrations, &id), 0, "folded into the snapshot");
    let snapshot = "SELECT length(data) FROM map_snapshots WHERE map_id = ?1";
    let after = count(&db, snapshot, &id);
    assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());
    drop(lib);

    // Once: opening again changes nothing.
    let lib = Library::open(&db).unwrap();
    assert_eq!(pooled(&lib), want);
    assert_eq!(count(&db, snapshot, &id), after);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM map_updates WHERE map_id = ?1",
            &id
        ),
        0
    );
    let ex = lib.explain(&id, &j.touchpoints[0].id.to_string()).unwrap();
    assert!(!ex.responses.is_empty(), "the raw answers, from the tables");
    assert!(ex.quotes.contains(&"Slow and rude.".to_string()));
}

#[test]
fn a_failing_answer_write_leaves_the_map_and_the_tables_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let j = lib.journey(&id).unwrap();
    let header = "touchpoint,respondent,date,metric,scale,value,comment\n";
    let line = |i: usize| format!("{},r{i},2026-03-01,nps,nps,9,\n", j.touchpoints[0].id);
    let first = dir.path().join("a.csv");
    std::fs::write(&first, format!("{header}{}{}", line(1), line(2))).unwrap();
    lib.import_wave_file(&id, &first, Some("Q1"), None).unwrap();
    let before = lib.journey(&id).unwrap();
    let logged = "SELECT count(*) FROM map_updates WHERE map_id = ?1";
    let rows = count(&db, logged, &id);
    let card = lib.score(&id).unwrap();

    // The disk refuses the second import half-way (a trigger stands in for
    // a full disk or an I/O error).
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON survey_answers
             WHEN NEW.respondent = 'r4' BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
        )
        .unwrap();
    let second = dir.path().join("b.csv");
    std::fs::write(
        &second,
        format!("{header}{}{}{}", line(3), line(4), line(5)),
    )
    .unwrap();
    assert!(lib
        .import_wave_file(&id, &second, Some("Q1"), None)
        .is_err());
    assert!(lib.import_wave_file(&id, &second, None, None).is_err());
    assert_eq!(lib.journey(&id).unwrap(), before, "the map as it was");
    assert_eq!(count(&db, logged, &id), rows, "nothing logged");
    assert_eq!(lib.score(&id).unwrap(), card);
    let waves = lib.waves(&id).unwrap();
    assert_eq!(waves.len(), 1, "no half-made wave");
    assert_eq!(waves[0].answers, 2);
    let fresh = Library::open(&db).unwrap();
    assert_eq!(fresh.score(&id).unwrap(), card);
}

#[test]
fn two_libraries_importing_into_one_wave_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let id = Library::open(&db)
        .unwrap()
        .create_map(Some("bank-lost-card"), None)
        .unwrap();
    let tp = Library::open(&db)
        .unwrap()
        .journey(&id)
        .unwrap()
        .touchpoints[0]
        .id;
    let per = 200;
    let files: Vec<_> = ["a", "b"]
        .iter()
        .map(|who| {
            let mut csv = String::from("touchpoint,respondent,date,metric,scale,value,comment\n");
            for i in 0..per {
                csv += &format!("{tp},{who}{i},2026-03-01,nps,nps,{},\n", i % 11);
            }
            let path = dir.path().join(format!("{who}.csv"));
            std::fs::write(&path, csv).unwrap();
            path
        })
        .collect();
    // Each file in several imports, the two libraries racing (no label:
    // both add to the day's wave).
    let handles: Vec<_> = files
        .into_iter()
        .map(|path| {
            let (db, id) = (db.clone(), id.clone());
            std::thread::spawn(move || {
                let lib = Library::open(&db).unwrap();
                for _ in 0..3 {
                    lib.import_wave_file(&id, &path, None, Some("2026-03-31"))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let lib = Library::open(&db).unwrap();
    let waves = lib.waves(&id).unwrap();
    assert_eq!(waves.len(), 1);
    assert_eq!(waves[0].answers, 2 * per as i64, "no row lost");
    assert_eq!(lib.journey(&id).unwrap().answer_count(), 2 * per as u64);
    assert_eq!(lib.score(&id).unwrap().journey.responses, 2 * per);
}

#[test]
fn a_copy_of_a_map_takes_its_waves_along() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id;
    let csv = dir.path().join("q1.csv");
    std::fs::write(
        &csv,
        format!("touchpoint,respondent,date,metric,scale,value,comment\n{tp},r1,2026-03-01,nps,nps,9,Fine\n"),
    )
    .unwrap();
    lib.import_wave_file(&id, &csv, Some("Q1"), Some("2026-03-31"))
        .unwrap();
    let copy = lib.duplicate(&id).unwrap();
    assert_eq!(lib.waves(&copy).unwrap()[0].answers, 1);
    assert_eq!(
        lib.journey(&copy).unwrap().evidence,
        lib.journey(&id).unwrap().evidence
    );
    assert_eq!(
        lib.explain(&copy, &tp.to_string()).unwrap().responses.len(),
        1
    );
}

#[test]
fn a_new_waves_statistics_made_on_import_equal_those_read_back_from_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let j = lib.journey(&id).unwrap();
    let comments = [
        "",
        "On hold for 40 minutes, then transferred AGAIN!!",
        "Quick and friendly, thanks :)",
        "The app kept crashing, but support was great.",
        "Not bad at all",
    ];
    let metrics = [
        ("nps", "nps", 11, 0),
        ("csat", "csat", 5, 1),
        ("ces", "ces7", 7, 1),
    ];
    let mut csv = String::from("touchpoint,respondent,date,metric,scale,value,comment\n");
    for i in 0..600usize {
        let (metric, scale, m, lo) = metrics[i % 3];
        let tp = j.touchpoints[(i * 7) % j.touchpoints.len()].id;
        // Respondents answer several metrics, often with the same comment.
        let who = i / 3;
        let comment = comments[(who * 5 + i % 2) % comments.len()];
        let value = lo + (i * 5) as i64 % m;
        csv += &format!(
            "{tp},r{who},2026-03-{:02},{metric},{scale},{value},\"{comment}\"\n",
            1 + who % 28
        );
    }
    let columns = waymark_api::survey::SurveyColumns::default();
    let given = waymark_api::waves::WaveDate::Given("2026-03-31");
    lib.import_wave_text(&id, "q1.csv", &csv, &columns, Some("Q1"), given)
        .unwrap();
    let made = lib.journey(&id).unwrap().evidence;
    assert!(made.len() > 1 && made.iter().all(|e| e.wave == "Q1"));
    // A rename restates both labels from what the tables hold.
    lib.rename_wave(&id, "Q1", "Q2").unwrap();
    lib.rename_wave(&id, "Q2", "Q1").unwrap();
    assert_eq!(lib.journey(&id).unwrap().evidence, made);
}
