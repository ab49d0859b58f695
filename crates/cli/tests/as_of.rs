//! Scores "as of" a survey wave (issue 17) through the real `waymark` binary
//! on a real library file: `score`, `show`, `board`, `themes` and `report`
//! read the latest wave by default, `--wave LABEL` an earlier one and
//! `--all-waves` every wave pooled; a touchpoint the chosen wave did not
//! ask about carries its latest earlier wave forward, and says so.

mod bin;

use bin::{fails, import_wave, new_map, ok, pdf_text, ANSWERS_HEADER};

/// Four answers of `value` and one passive (8) about `tp`, with a comment.
fn csv(tp: &str, date: &str, value: u8, comment: &str) -> String {
    let mut s = String::from(ANSWERS_HEADER);
    for i in 0..4 {
        s.push_str(&format!("{tp},r{i},{date},nps,nps,{value},{comment}\n"));
    }
    s.push_str(&format!("{tp},r4,{date},nps,nps,8,\n"));
    s
}

fn json(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn nps(v: &serde_json::Value) -> f64 {
    v["nps"].as_f64().unwrap()
}

#[test]
fn scores_read_the_latest_wave_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, map) = new_map(&db, "As of", "broadband-outage");
    let a = map["touchpoints"][0]["id"].as_str().unwrap().to_string();
    let b = map["touchpoints"][1]["id"].as_str().unwrap().to_string();
    let import = |label: &str, date: &str, text: String| {
        import_wave(&db, &id, label, Some(date), &text);
    };
    // Q1 −80, Q2 +80 on the same touchpoint: pooled they read 0.
    import(
        "Q1",
        "2026-03-31",
        csv(&a, "2026-03-10", 0, "On hold for an hour"),
    );
    import(
        "Q2",
        "2026-06-30",
        csv(&a, "2026-06-10", 10, "Quick and kind"),
    );

    let card = json(&db, &["score", &id, "--json"]);
    assert_eq!(card["as_of"], "Q2");
    assert_eq!(nps(&card["journey"]), 80.0, "the latest wave, not the pool");
    assert_eq!(
        nps(&json(&db, &["score", &id, "--json", "--wave", "Q1"])["journey"]),
        -80.0
    );
    let all = json(&db, &["score", &id, "--json", "--all-waves"]);
    assert_eq!(
        (nps(&all["journey"]), &all["as_of"]),
        (0.0, &serde_json::Value::Null)
    );
    assert!(ok(&db, &["score", &id, "--all-waves"]).starts_with("Scores pool every survey wave.\n"));

    // Q3 asks only about b: a carries Q2 forward and says so.
    import("Q3", "2026-09-30", csv(&b, "2026-09-10", 10, ""));
    let card = json(&db, &["score", &id, "--json"]);
    assert_eq!(card["as_of"], "Q3");
    let tp = |card: &serde_json::Value, id: &str| {
        card["touchpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (tp(&card, &a)["wave"].as_str(), nps(&tp(&card, &a))),
        (Some("Q2"), 80.0)
    );
    assert_eq!(tp(&card, &b)["wave"], "Q3");
    let q1 = json(&db, &["score", &id, "--json", "--wave", "Q1"]);
    assert!(tp(&q1, &b)["nps"].is_null(), "no answers about b up to Q1");
    let text = ok(&db, &["score", &id]);
    assert!(
        text.starts_with("Scores as of survey wave Q3; 1 touchpoint without answers in it shows its latest earlier wave.\n"),
        "{text}"
    );

    let shown = ok(&db, &["show", &id, "--wave", "Q1"]);
    assert!(shown.contains("Scores as of survey wave Q1."), "{shown}");
    assert!(shown.contains("journey: NPS -80"), "{shown}");
    assert!(
        shown.contains("survey answers in the last wave (Q1)"),
        "{shown}"
    );
    let shown = json(&db, &["show", &id, "--json"]);
    assert_eq!(shown["as_of"], "Q3");

    let board = json(&db, &["board", &id, "--json", "--wave", "Q2"]);
    assert_eq!(board["as_of"], "Q2");
    assert!(ok(&db, &["board", &id]).starts_with("As of survey wave Q3\n"));

    // Themes: each touchpoint's comments from the wave its score reads.
    let themes = json(&db, &["themes", &id, "--json", "--touchpoint", &a]);
    assert_eq!(themes["wave"], "Q3");
    assert_eq!(
        themes["touchpoints"][0]["comments"], 4,
        "Q2's comments, carried"
    );
    let themes = json(
        &db,
        &["themes", &id, "--json", "--touchpoint", &a, "--all-waves"],
    );
    assert_eq!(themes["touchpoints"][0]["comments"], 8);

    // The PDF's summary names the wave.
    let pdf = dir.path().join("r.pdf");
    let pdf = pdf.to_str().unwrap();
    ok(
        &db,
        &[
            "report",
            &id,
            "-o",
            pdf,
            "--sections",
            "summary",
            "--date",
            "2026-10-01",
            "--wave",
            "Q1",
        ],
    );
    let text = pdf_text(pdf.as_ref());
    assert!(text.contains("Scores as of survey wave Q1."), "{text}");

    // An unknown label names the map and the waves it has; the two flags clash.
    let err = fails(&db, &["score", &id, "--wave", "Q9"], 1);
    assert!(err.contains(&id) && err.contains("\"Q9\""), "{err}");
    assert!(err.contains("its waves: Q1, Q2, Q3"), "{err}");
    let err = fails(&db, &["board", &id, "--wave", "Q9"], 1);
    assert!(err.contains("\"Q9\""), "{err}");
    fails(&db, &["score", &id, "--wave", "Q1", "--all-waves"], 2);
}
