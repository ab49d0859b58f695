//! Survey waves through the library (issue 17). A library that predates
//! waves is tested in `evidence.rs`.

use waymark_api::Library;

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

/// A deleted touchpoint's statistics leave the document with it (nothing
/// hidden is left behind); its raw answers stay in the wave, and a version
/// named before brings both back.
#[test]
fn deleting_a_touchpoint_takes_its_statistics_and_keeps_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id;
    let file = dir.path().join("q1.csv");
    std::fs::write(
        &file,
        format!(
            "touchpoint,respondent,date,metric,scale,value,comment\n\
             {tp},r1,2026-03-01,nps,nps,10,\n{tp},r2,2026-03-01,nps,nps,2,\n"
        ),
    )
    .unwrap();
    lib.import_wave_file(&id, &file, Some("Q1"), None).unwrap();
    lib.create_version(&id, "before").unwrap();
    let card = lib.score(&id).unwrap();

    lib.edit(&id, |j| {
        j.delete_touchpoint(tp);
        Ok(())
    })
    .unwrap();
    assert!(lib.journey(&id).unwrap().evidence.is_empty());
    assert_eq!(
        lib.problems(&id).unwrap(),
        [],
        "nothing hidden in the document"
    );
    assert_eq!(lib.score(&id).unwrap().journey.responses, 0);
    assert_eq!(lib.waves(&id).unwrap()[0].answers, 2, "the answers stay");
    assert_eq!(
        lib.answers_off_the_map(&id).unwrap(),
        [("Q1".to_string(), 2)],
        "and are said to be off the map"
    );

    lib.restore(&id, "before").unwrap();
    assert_eq!(lib.score(&id).unwrap(), card);
    assert_eq!(lib.answers_off_the_map(&id).unwrap(), []);
}
