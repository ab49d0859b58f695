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

/// Scores, the explanation, the board, the themes and the coverage as of a
/// wave through the command table, as the app's wave picker asks for them:
/// a touchpoint the chosen wave did not ask about shows its latest earlier
/// wave's answers, and an unknown label is `not_found` naming the map.
#[test]
fn every_score_command_follows_the_wave_it_is_asked_for() {
    use serde_json::json;
    use waymark_api::rpc::{dispatch, Front};

    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tps = lib.journey(&id).unwrap().touchpoints;
    let (a, b) = (tps[0].id, tps[1].id);
    let header = "touchpoint,respondent,date,metric,scale,value,comment\n";
    let import = |label: &str, date: &str, rows: String| {
        let p = dir.path().join(format!("{label}.csv"));
        std::fs::write(&p, format!("{header}{rows}")).unwrap();
        lib.import_wave_file(&id, &p, Some(label), Some(date))
            .unwrap();
    };
    import(
        "Q1",
        "2026-03-31",
        format!("{a},r1,2026-03-01,nps,nps,0,On hold for ages\n{b},r1,2026-03-01,nps,nps,10,\n"),
    );
    import(
        "Q2",
        "2026-06-30",
        format!("{a},r2,2026-06-01,nps,nps,10,Quick\n"),
    );
    let call = |name: &str, req: serde_json::Value| dispatch(&lib, Front::Desktop, name, req);
    let tp = |card: &serde_json::Value, t: uuid::Uuid| {
        card["touchpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == t.to_string())
            .unwrap()
            .clone()
    };

    let latest = call("score_map", json!({ "id": id, "brief": true })).unwrap();
    assert_eq!(latest["as_of"], "Q2");
    assert_eq!(
        (
            tp(&latest, a)["nps"].as_f64(),
            tp(&latest, a)["wave"].as_str()
        ),
        (Some(100.0), Some("Q2"))
    );
    assert_eq!(tp(&latest, b)["wave"], "Q1", "carried forward");
    let q1 = call("score_map", json!({ "id": id, "as_of": { "wave": "Q1" } })).unwrap();
    assert_eq!(tp(&q1, a)["nps"], -100.0);
    let all = call("score_map", json!({ "id": id, "as_of": "all_waves" })).unwrap();
    assert!(all["as_of"].is_null() && tp(&all, a)["nps"] == 0.0);

    // The explanation lists the answers of the wave the score reads.
    let ex = call(
        "explain_touchpoint",
        json!({ "id": id, "touchpoint": a.to_string() }),
    )
    .unwrap();
    let dates: Vec<&str> = ex["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2026-06-01"]);
    assert_eq!(ex["quotes"], json!(["Quick"]));
    let ex = call(
        "explain_touchpoint",
        json!({ "id": id, "touchpoint": a.to_string(), "as_of": "all_waves" }),
    )
    .unwrap();
    assert_eq!(ex["responses"].as_array().unwrap().len(), 2);

    let board = call("map_board", json!({ "id": id, "as_of": { "wave": "Q1" } })).unwrap();
    assert_eq!(board["as_of"], "Q1");
    let themes = call(
        "themes",
        json!({ "id": id, "touchpoint": a.to_string(), "as_of": { "wave": "Q1" } }),
    )
    .unwrap();
    assert_eq!(themes["wave"], "Q1");
    assert_eq!(themes["touchpoints"][0]["comments"], 1);
    let cov = call(
        "evidence_coverage",
        json!({ "id": id, "as_of": { "wave": "Q1" } }),
    )
    .unwrap();
    assert_eq!(
        (cov["last_wave"].as_str(), cov["with_survey"].as_u64()),
        (Some("Q1"), Some(2))
    );
    let waves = call("map_waves", json!({ "id": id })).unwrap();
    assert_eq!(
        waves
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["label"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Q1", "Q2"]
    );

    let e = call("score_map", json!({ "id": id, "as_of": { "wave": "Q9" } })).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert_eq!(
        e.to_string(),
        format!("map {id} has no survey wave \"Q9\" (its waves: Q1, Q2)")
    );
}
