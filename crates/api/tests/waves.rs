//! Survey waves in a library that predates them (issue 17): a library of
//! schema 6 holding a map with answers, made by today's code, opens migrated
//! to the latest schema with its map and answers intact and takes waves.

use waymark_api::Library;

#[test]
fn a_schema_6_library_with_answers_migrates_and_takes_waves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (id, tp, card) = {
        let lib = Library::open(&db).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let tp = lib.journey(&id).unwrap().touchpoints[0].id;
        let text = format!(
            "touchpoint,respondent,date,metric,scale,value,comment\n\
             {tp},r1,2026-03-01,nps,nps,10,Quick\n{tp},r2,2026-03-01,nps,nps,2,Slow\n"
        );
        lib.import_responses(&id, "s.csv", &text).unwrap();
        let card = lib.score(&id).unwrap();
        (id, tp, card)
    };
    // Back to schema 6: what a library of the Waymark before waves holds.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "DROP TABLE watched_files; DROP TABLE survey_answers; DROP TABLE survey_waves;
             PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let lib = Library::open(&db).unwrap();
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, waymark_store::schema::latest_version());
    assert_eq!(
        lib.score(&id).unwrap(),
        card,
        "the map and its answers are intact"
    );
    assert!(lib.waves(&id).unwrap().is_empty());
    assert!(lib.trend(&id).unwrap().waves.is_empty());

    let csv = dir.path().join("q2.csv");
    std::fs::write(
        &csv,
        format!("touchpoint,respondent,date,metric,scale,value,comment\n{tp},r3,2026-06-01,nps,nps,9,\n"),
    )
    .unwrap();
    let done = lib
        .import_wave_file(&id, &csv, Some("Q2"), Some("2026-06-30"))
        .unwrap();
    assert_eq!((done.added, done.wave.answers), (1, 1));
    let trend = lib.trend(&id).unwrap();
    assert_eq!(trend.waves[0].journey.nps, Some(100.0));
    assert_eq!(lib.score(&id).unwrap().journey.responses, 3);
}

/// Two imports without a wave label on one day: the second adds to the
/// day's wave and takes nothing of the first away (the soak's import loop
/// lost acknowledged answers when it replaced them).
#[test]
fn imports_without_a_label_add_to_the_wave_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id;
    let header = "touchpoint,respondent,date,metric,scale,value,comment\n";
    let first = dir.path().join("a.csv");
    std::fs::write(
        &first,
        format!("{header}{tp},r1,2026-03-01,nps,nps,10,\n{tp},r2,2026-03-01,nps,nps,2,\n"),
    )
    .unwrap();
    let second = dir.path().join("b.csv");
    std::fs::write(&second, format!("{header}{tp},r3,2026-03-02,nps,nps,9,\n")).unwrap();
    lib.import_wave_file(&id, &first, None, Some("2026-03-31"))
        .unwrap();
    let done = lib
        .import_wave_file(&id, &second, None, Some("2026-03-31"))
        .unwrap();
    assert_eq!(done.wave.answers, 3, "the wave holds both files' answers");
    assert_eq!(lib.score(&id).unwrap().journey.responses, 3);
    // Under a label the person gave, a re-import replaces that wave.
    lib.import_wave_file(&id, &second, Some("2026-03-31"), None)
        .unwrap();
    assert_eq!(lib.score(&id).unwrap().journey.responses, 1);
}
