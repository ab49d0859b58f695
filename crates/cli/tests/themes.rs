//! Themes from verbatims (issue 17) through the real `waymark` binary on a
//! real library file: comments imported as survey waves are grouped per
//! touchpoint and stage, filtered by touchpoint, stage and wave, with
//! quotes that are the comments as written.

mod bin;

use bin::{fails, import_wave, new_map, ok, pdf_text, ANSWERS_HEADER};

const Q1: &[&str] = &[
    "Still waiting for my refund three weeks later.",
    "Refund promised in 5 days, it has been a month.",
    "The refund never reached my account.",
    "On hold for 45 minutes before anyone answered.",
    "Hold music for an hour, awful.",
];
const Q2: &[&str] = &[
    "The app keeps logging me out.",
    "App login code never arrives.",
    "Can't log in to the app since the update.",
];

fn csv(tp: &str, date: &str, comments: &[&str]) -> String {
    let mut s = String::from(ANSWERS_HEADER);
    for (i, c) in comments.iter().enumerate() {
        // The same comment on two metric rows of one respondent counts once.
        s.push_str(&format!("{tp},r{i},{date},nps,nps,3,\"{c}\"\n"));
        s.push_str(&format!("{tp},r{i},{date},csat,csat,2,\"{c}\"\n"));
    }
    s
}

#[test]
fn themes_of_imported_waves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, map) = new_map(&db, "Themes", "broadband-outage");
    let tp = map["touchpoints"][0]["id"].as_str().unwrap().to_string();
    let title = map["touchpoints"][0]["title"].as_str().unwrap().to_string();
    for (label, date, comments) in [("Q1", "2026-03-10", Q1), ("Q2", "2026-06-10", Q2)] {
        import_wave(&db, &id, label, None, &csv(&tp, date, comments));
    }

    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["themes", &id, "--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&ok(&db, &all)).unwrap()
    };
    let all = json(&["--all-waves"]);
    assert_eq!(all["wave"], serde_json::Value::Null);
    let tps = all["touchpoints"].as_array().unwrap();
    assert_eq!(tps.len(), map["touchpoints"].as_array().unwrap().len());
    let first = tps.iter().find(|t| t["id"] == tp.as_str()).unwrap();
    assert_eq!(first["comments"], 8);
    let labels: Vec<&str> = first["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, vec!["app", "refund", "hold"], "{first:#}");
    let refund = &first["themes"][1];
    assert_eq!(refund["count"], 3);
    assert!((refund["share"].as_f64().unwrap() - 3.0 / 8.0).abs() < 1e-9);
    for q in refund["quotes"].as_array().unwrap() {
        assert!(Q1.contains(&q.as_str().unwrap()), "{q} is not a comment");
    }
    let hold = &first["themes"][2];
    assert!(hold["sentiment"].as_f64().unwrap() < 0.0);
    assert_eq!(hold["effort_cues"][0]["cue"], "on_hold");
    // The stage holding the touchpoint pools its comments.
    let stage = all["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == first["stage"])
        .unwrap();
    assert_eq!(stage["comments"], 8);

    // As of one wave (by default the latest); one touchpoint by title; one stage by id.
    assert_eq!(
        json(&["--touchpoint", &title]),
        json(&["--wave", "Q2", "--touchpoint", &title])
    );
    let q2 = json(&["--wave", "Q2", "--touchpoint", &title]);
    assert_eq!(q2["wave"], "Q2");
    assert_eq!(q2["touchpoints"].as_array().unwrap().len(), 1);
    assert_eq!(q2["stages"].as_array().unwrap().len(), 0);
    assert_eq!(q2["touchpoints"][0]["comments"], 3);
    assert_eq!(q2["touchpoints"][0]["themes"][0]["label"], "app");
    let by_stage = json(&["--stage", first["stage"].as_str().unwrap(), "--all-waves"]);
    assert_eq!(by_stage["stages"].as_array().unwrap().len(), 1);

    // The text form: each theme with its count, share and a quote.
    let text = ok(&db, &["themes", &id, "--touchpoint", &tp, "--all-waves"]);
    assert!(
        text.contains(&format!("{title} — 8 comments, 0 unthemed")),
        "{text}"
    );
    assert!(text.contains("refund"), "{text}");
    assert!(text.contains("“"), "{text}");

    // Same library, same answers: the same themes.
    assert_eq!(json(&["--all-waves"]), all);

    // The report's pain points carry their top theme and a quote.
    let board: serde_json::Value =
        serde_json::from_str(&ok(&db, &["board", &id, "--json"])).unwrap();
    assert!(
        board["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["key"] == format!("pain_point:{tp}").as_str()),
        "the touchpoint is a pain point: {board:#}"
    );
    let pdf = dir.path().join("report.pdf");
    let pdf = pdf.to_str().unwrap();
    ok(
        &db,
        &[
            "report",
            &id,
            "-o",
            pdf,
            "--sections",
            "pain-points",
            "--date",
            "2026-07-01",
        ],
    );
    let text = pdf_text(pdf.as_ref());
    assert!(text.contains("Top theme in the comments: app"), "{text}");

    let err = fails(&db, &["themes", &id, "--touchpoint", "Nowhere"], 1);
    assert!(err.contains("no touchpoint \"Nowhere\""), "{err}");
    let err = fails(&db, &["themes", &id, "--wave", "Q9"], 1);
    assert!(err.contains("Q9"), "{err}");
}
