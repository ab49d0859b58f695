//! Survey waves and the trend (issue 17) through the real `waymark` binary
//! on a real library file: import as waves, list, replace, rename, delete,
//! and the trend's JSON with its intervals and change marks.

mod bin;

use bin::{fails, new_map, ok, ANSWERS_HEADER};

/// `promoters` answers of 10 and `detractors` of 0 on `tp`, dated `date`.
fn nps_csv(tp: &str, date: &str, promoters: usize, detractors: usize) -> String {
    let mut s = String::from(ANSWERS_HEADER);
    for i in 0..promoters {
        s.push_str(&format!("{tp},p{i},{date},nps,nps,10,\n"));
    }
    for i in 0..detractors {
        s.push_str(&format!("{tp},d{i},{date},nps,nps,0,On hold for an hour\n"));
    }
    s
}

#[test]
fn waves_and_trend_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, map) = new_map(&db, "Waves", "broadband-outage");
    let tp = map["touchpoints"][0]["id"].as_str().unwrap().to_string();
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };

    // Q1: NPS 0 on 200 answers; Q2: NPS 60 on 200 answers, clearly apart.
    let q1 = write("q1.csv", nps_csv(&tp, "2026-03-10", 100, 100));
    let out = ok(
        &db,
        &[
            "responses",
            "import",
            &id,
            &q1,
            "--wave",
            "Q1",
            "--date",
            "2026-03-31",
        ],
    );
    assert_eq!(
        out,
        "200 answers added, 0 replaced\nwave \"Q1\" holds 200 answers\n"
    );
    let q2 = write("q2.csv", nps_csv(&tp, "2026-06-10", 160, 40));
    ok(
        &db,
        &[
            "responses",
            "import",
            &id,
            &q2,
            "--wave",
            "Q2",
            "--date",
            "2026-06-30",
        ],
    );

    // A third import under Q2's label replaces that wave: 170 / 30 now.
    let q2b = write("q2b.csv", nps_csv(&tp, "2026-06-11", 170, 30));
    ok(
        &db,
        &[
            "responses",
            "import",
            &id,
            &q2b,
            "--wave",
            "Q2",
            "--date",
            "2026-06-30",
        ],
    );
    // The map's scorecard lost Q2's first answers with the re-import: every
    // wave pooled holds 400, the latest wave 200.
    let card: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", &id, "--json", "--all-waves"])).unwrap();
    assert_eq!(card["journey"]["responses"], 400);
    let card: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", &id, "--json"])).unwrap();
    assert_eq!(card["journey"]["responses"], 200);
    let waves: serde_json::Value =
        serde_json::from_str(&ok(&db, &["waves", &id, "--json"])).unwrap();
    let labels: Vec<_> = waves
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["label"].clone())
        .collect();
    assert_eq!(labels, ["Q1", "Q2"]);
    assert_eq!(waves[1]["answers"], 200);
    assert_eq!(waves[1]["date"], "2026-06-30");
    assert!(ok(&db, &["waves", &id]).contains("Q2"));

    let t: serde_json::Value = serde_json::from_str(&ok(&db, &["trend", &id, "--json"])).unwrap();
    let w = t["waves"].as_array().unwrap();
    assert_eq!(w.len(), 2);
    assert_eq!(
        (w[0]["label"].as_str(), w[0]["date"].as_str()),
        (Some("Q1"), Some("2026-03-31"))
    );
    let j1 = &w[0]["journey"];
    assert_eq!(j1["nps"], 0.0);
    assert_eq!(j1["n"], 200);
    // Wald: ±1.96·√((0.5 + 0.5 − 0)/200)·100 = ±13.86.
    let ci = j1["nps_ci"].as_array().unwrap();
    assert!((ci[0].as_f64().unwrap() + 13.859).abs() < 0.01, "{ci:?}");
    assert!((ci[1].as_f64().unwrap() - 13.859).abs() < 0.01, "{ci:?}");
    assert!(
        j1["changes"].is_null(),
        "the first wave has nothing before it"
    );
    let j2 = &w[1]["journey"];
    assert_eq!(j2["nps"], 70.0);
    assert_eq!(j2["changes"]["nps"], "rose");
    assert_eq!(j2["changes"]["csat"], "not_measured");
    let tps = w[1]["touchpoints"].as_array().unwrap();
    let first = tps.iter().find(|t| t["id"] == tp.as_str()).unwrap();
    assert_eq!(first["n"], 200);
    assert!(first["title"].is_string() && first["nps_ci"].is_array());
    assert!(tps.iter().any(|t| t["n"] == 0 && t["nps"].is_null()));
    assert!(!w[1]["stages"].as_array().unwrap().is_empty());
    let text = ok(&db, &["trend", &id]);
    assert!(
        text.contains("Q1 (2026-03-31)") && text.contains("↑"),
        "{text}"
    );

    // Rename, delete; a wave label must be new, a date real.
    fails(&db, &["wave", "rename", &id, "Q1", "Q2"], 1);
    ok(&db, &["wave", "rename", &id, "Q1", "2026 Q1"]);
    ok(&db, &["wave", "delete", &id, "Q2"]);
    let card: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", &id, "--json"])).unwrap();
    assert_eq!(
        card["journey"]["responses"], 200,
        "a deleted wave leaves the map"
    );
    let e = fails(&db, &["wave", "delete", &id, "Q2"], 1);
    assert!(e.contains("no survey wave \"Q2\""), "{e}");
    let e = fails(
        &db,
        &["responses", "import", &id, &q1, "--date", "2026-02-30"],
        1,
    );
    assert!(e.contains("YYYY-MM-DD"), "{e}");
    let t: serde_json::Value = serde_json::from_str(&ok(&db, &["trend", &id, "--json"])).unwrap();
    assert_eq!(t["waves"][0]["label"], "2026 Q1");
    assert_eq!(t["waves"].as_array().unwrap().len(), 1);

    // Without --wave the wave is named by its date.
    let out = ok(
        &db,
        &["responses", "import", &id, &q1, "--date", "2026-09-30"],
    );
    assert!(
        out.ends_with("wave \"2026-09-30\" holds 200 answers\n"),
        "{out}"
    );
}

#[test]
fn waymark_files_carry_waves_and_version_1_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let id = ok(
        &db,
        &["new", "--title", "Files", "--template", "bank-lost-card"],
    )
    .trim()
    .to_string();
    // Without waves the file stays version 1.
    let v1 = ok(&db, &["export", &id, "--format", "waymark"]);
    assert!(
        v1.contains("\"version\": 1,") && !v1.contains("\"waves\""),
        "{v1}"
    );
    let v1_file = dir.path().join("v1.waymark");
    std::fs::write(&v1_file, &v1).unwrap();
    let from_v1 = ok(&db, &["import", v1_file.to_str().unwrap()])
        .trim()
        .to_string();
    assert_eq!(ok(&db, &["export", &from_v1, "--format", "waymark"]), v1);

    let map: serde_json::Value = serde_json::from_str(&ok(&db, &["show", &id, "--json"])).unwrap();
    let tp = map["map"]["touchpoints"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, nps_csv(&tp, "2026-03-10", 3, 1)).unwrap();
    let csv = csv.to_str().unwrap();
    ok(
        &db,
        &[
            "responses",
            "import",
            &id,
            csv,
            "--wave",
            "Q1",
            "--date",
            "2026-03-31",
        ],
    );
    // An answer lives in one wave: Q2 brings answers of its own.
    let later = dir.path().join("b.csv");
    std::fs::write(&later, nps_csv(&tp, "2026-06-10", 3, 1)).unwrap();
    ok(
        &db,
        &[
            "responses",
            "import",
            &id,
            later.to_str().unwrap(),
            "--wave",
            "Q2",
        ],
    );
    let v2 = ok(&db, &["export", &id, "--format", "waymark"]);
    let file: serde_json::Value = serde_json::from_str(&v2).unwrap();
    assert_eq!(file["version"], 3);
    assert!(
        file["map"].get("evidence").is_none() && file["map"]["responses"] == serde_json::json!([]),
        "the answers travel in the waves only"
    );
    assert_eq!(file["waves"][0]["label"], "Q1");
    assert_eq!(file["waves"][0]["date"], "2026-03-31");
    assert_eq!(file["waves"][1]["answers"].as_array().unwrap().len(), 4);
    let v2_file = dir.path().join("v2.waymark");
    std::fs::write(&v2_file, &v2).unwrap();
    let copy = ok(&db, &["import", v2_file.to_str().unwrap()])
        .trim()
        .to_string();
    assert_eq!(
        ok(&db, &["export", &copy, "--format", "waymark"]),
        v2,
        "round trip"
    );
    let waves: serde_json::Value =
        serde_json::from_str(&ok(&db, &["waves", &copy, "--json"])).unwrap();
    assert_eq!(waves.as_array().unwrap().len(), 2);

    // A version 2 file (the map carried every answer again, besides its
    // waves) imports to the same map and scores.
    let mut v2_old = file.clone();
    v2_old["version"] = 2.into();
    v2_old["map"]["responses"] = file["waves"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["answers"].as_array().unwrap().clone())
        .collect();
    let old_file = dir.path().join("old.waymark");
    std::fs::write(&old_file, v2_old.to_string()).unwrap();
    let from_v2 = ok(&db, &["import", old_file.to_str().unwrap()])
        .trim()
        .to_string();
    let waves: serde_json::Value =
        serde_json::from_str(&ok(&db, &["waves", &from_v2, "--json"])).unwrap();
    assert_eq!(waves.as_array().unwrap().len(), 2, "no extra wave");
    assert_eq!(
        ok(&db, &["score", &from_v2, "--json"]),
        ok(&db, &["score", &copy, "--json"])
    );
    assert_eq!(ok(&db, &["export", &from_v2, "--format", "waymark"]), v2);

    // A wave's answers are checked like the map's: an unknown touchpoint is named.
    let mut bad = file.clone();
    bad["waves"][0]["answers"][0]["touchpoint"] = "00000000-0000-0000-0000-00000000beef".into();
    let bad_file = dir.path().join("bad.waymark");
    std::fs::write(&bad_file, bad.to_string()).unwrap();
    let e = fails(&db, &["import", bad_file.to_str().unwrap()], 1);
    assert!(
        e.contains("survey wave \"Q1\"") && e.contains("responses[0]"),
        "{e}"
    );
    // A version 4 file is from a newer Waymark.
    let mut newer = file.clone();
    newer["version"] = 4.into();
    std::fs::write(&bad_file, newer.to_string()).unwrap();
    let e = fails(&db, &["import", bad_file.to_str().unwrap()], 1);
    assert!(e.contains("newer Waymark"), "{e}");
}

/// The slides of a `.pptx` whose XML contains `needle`, read with `unzip`.
fn slides_with(pptx: &std::path::Path, needle: &str) -> Vec<String> {
    let list = std::process::Command::new("unzip")
        .arg("-Z1")
        .arg(pptx)
        .output()
        .unwrap();
    String::from_utf8(list.stdout)
        .unwrap()
        .lines()
        .filter(|p| p.starts_with("ppt/slides/slide") && p.ends_with(".xml"))
        .map(|p| {
            let out = std::process::Command::new("unzip")
                .arg("-p")
                .arg(pptx)
                .arg(p)
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        })
        .filter(|x| x.contains(needle))
        .collect()
}

#[test]
fn the_deck_has_a_trends_slide_once_there_are_waves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, map) = new_map(&db, "Waves", "broadband-outage");
    let tp = map["touchpoints"][0]["id"].as_str().unwrap().to_string();
    let title = map["touchpoints"][0]["title"].as_str().unwrap().to_string();
    let deck = |name: &str| {
        let p = dir.path().join(name);
        let said = ok(
            &db,
            &[
                "deck",
                &id,
                "-o",
                p.to_str().unwrap(),
                "--date",
                "2026-11-22",
            ],
        );
        (p, said)
    };
    // No waves: every section, and no trends slide.
    let (plain, _) = deck("plain.pptx");
    assert!(slides_with(&plain, "Trends across survey waves").is_empty());

    for (label, date, promoters, detractors) in [
        ("Q1", "2026-03-31", 100, 100),
        ("Q2", "2026-06-30", 170, 30),
    ] {
        let csv = dir.path().join(format!("{label}.csv"));
        std::fs::write(&csv, nps_csv(&tp, date, promoters, detractors)).unwrap();
        ok(
            &db,
            &[
                "responses",
                "import",
                &id,
                csv.to_str().unwrap(),
                "--wave",
                label,
                "--date",
                date,
            ],
        );
    }
    let (a, said) = deck("a.pptx");
    assert!(said.contains("12 slides"), "{said}");
    let trends = slides_with(&a, "Trends across survey waves");
    assert_eq!(trends.len(), 1);
    let xml = &trends[0];
    for text in [
        "Q1 · 2026-03-31",
        "Q2 · 2026-06-30",
        "Q1 → Q2",
        "Better — Journey: NPS rose from 0 to +70.",
    ] {
        assert!(xml.contains(text), "{text} missing from the trends slide");
    }
    assert!(xml.contains(&format!("{title}: NPS rose")), "{xml}");
    assert!(!xml.contains("<p:pic"), "the chart is native shapes");
    // Same map, same date: the same bytes.
    let (b, _) = deck("b.pptx");
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

/// Answers about a deleted touchpoint stay in their wave, and `waymark
/// waves` says so.
#[test]
fn waves_name_the_answers_about_deleted_touchpoints() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, map) = new_map(&db, "Waves", "broadband-outage");
    let tp = map["touchpoints"][0]["id"].as_str().unwrap().to_string();
    let csv = dir.path().join("q1.csv");
    std::fs::write(&csv, nps_csv(&tp, "2026-03-10", 2, 1)).unwrap();
    let file = csv.to_str().unwrap();
    ok(&db, &["responses", "import", &id, file, "--wave", "Q1"]);
    assert!(!ok(&db, &["waves", &id]).contains("no longer on the map"));
    waymark_api::Library::open(&db)
        .unwrap()
        .edit(&id, |j| {
            j.delete_touchpoint(tp.parse().unwrap());
            Ok(())
        })
        .unwrap();
    let listed = ok(&db, &["waves", &id]);
    assert!(
        listed.contains("3 answers in wave \"Q1\" are about touchpoints no longer on the map"),
        "{listed}"
    );
}
