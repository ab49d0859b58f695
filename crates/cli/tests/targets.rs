//! `waymark target` through the real binary: set, list, refuse and clear
//! KPI targets, and their status in `score` and `trend` output.

mod bin;

use bin::{fails, import_wave, new_map, ok, ANSWERS_HEADER};

fn nps_csv(tp: &str, value: u32, n: usize) -> String {
    let mut s = String::from(ANSWERS_HEADER);
    for i in 0..n {
        s.push_str(&format!("{tp},r{value}-{i},2026-03-10,nps,nps,{value},\n"));
    }
    s
}

#[test]
fn targets_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, map) = new_map(&db, "Goals", "bank-lost-card");
    let tp = map["touchpoints"][0]["id"].as_str().unwrap().to_string();

    assert!(ok(&db, &["target", &id]).starts_with("no targets"));
    let out = ok(&db, &["target", &id, "nps", ">=30"]);
    assert!(out.starts_with("NPS target ≥ 30 set\n"), "{out}");
    ok(&db, &["target", &id, "--touchpoint", &tp, "nps", "≥ 20"]);
    // Refusals name the problem; usage mistakes exit 2.
    let e = fails(&db, &["target", &id, "csat", ">=120"], 1);
    assert!(e.contains("from 0 to 100, not 120"), "{e}");
    let e = fails(&db, &["target", &id, "speed", "3"], 2);
    assert!(e.contains("\"speed\" is not a KPI"), "{e}");
    fails(&db, &["target", &id, "nps"], 2);
    let e = fails(
        &db,
        &["target", &id, "--touchpoint", "Nowhere", "nps", "1"],
        1,
    );
    assert!(e.contains("no touchpoint \"Nowhere\""), "{e}");

    // Two waves: NPS −100 then +100 on the touchpoint.
    for (label, value) in [("Q1", 0), ("Q2", 10)] {
        import_wave(&db, &id, label, None, &nps_csv(&tp, value, 40));
    }
    let t: serde_json::Value = serde_json::from_str(&ok(&db, &["trend", &id, "--json"])).unwrap();
    let status = |w: usize| {
        let tps = t["waves"][w]["touchpoints"].as_array().unwrap();
        let f = tps.iter().find(|x| x["id"] == tp.as_str()).unwrap();
        f["targets"][0]["status"].as_str().unwrap().to_string()
    };
    assert_eq!((status(0), status(1)), ("not_met".into(), "met".into()));
    assert_eq!(t["waves"][1]["journey"]["targets"][0]["kpi"], "nps");
    let text = ok(&db, &["trend", &id]);
    assert!(
        text.contains("target  journey: NPS ≥ 30: met (100)"),
        "{text}"
    );
    assert!(text.contains("better  "), "{text}");

    // As of the latest wave the target is met; every wave pooled reads 0.
    let score = ok(&db, &["score", &id]);
    assert!(
        score.contains("TARGETS") && score.contains("NPS ≥ 30: met (100)"),
        "{score}"
    );
    let pooled = ok(&db, &["score", &id, "--all-waves"]);
    assert!(pooled.contains("NPS ≥ 30: not met (0)"), "{pooled}");
    let card: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", &id, "--json", "--all-waves"])).unwrap();
    assert_eq!(card["journey"]["targets"][0]["status"], "not_met");

    ok(&db, &["target", &id, "nps", "--clear"]);
    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["target", &id, "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["touchpoint"], tp.as_str());
}

#[test]
fn stage_targets_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, map) = new_map(&db, "Stages", "bank-lost-card");
    let tp = map["touchpoints"][0]["id"].as_str().unwrap().to_string();
    let stage_id = map["touchpoints"][0]["stage"].as_str().unwrap().to_string();
    let stage = map["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == stage_id.as_str())
        .unwrap()["name"]
        .as_str()
        .unwrap()
        .to_string();

    let out = ok(&db, &["target", &id, "--stage", &stage, "nps", ">=30"]);
    assert!(out.starts_with("NPS target ≥ 30 set\n"), "{out}");
    assert!(out.contains(&format!("stage {stage}")), "{out}");
    let e = fails(&db, &["target", &id, "--stage", "Nowhere", "nps", "1"], 1);
    assert!(e.contains("no stage \"Nowhere\""), "{e}");
    // A target belongs to a stage or a touchpoint: asking for both is a usage mistake.
    fails(
        &db,
        &[
            "target",
            &id,
            "--stage",
            &stage,
            "--touchpoint",
            &tp,
            "nps",
            "1",
        ],
        2,
    );

    // A wave of promoters on the stage's touchpoint: NPS 100, the target met.
    import_wave(&db, &id, "Q1", None, &nps_csv(&tp, 10, 40));
    let list = ok(&db, &["target", &id]);
    assert!(
        list.contains(&format!("stage {stage}")) && list.contains("NPS ≥ 30: met (100)"),
        "{list}"
    );
    let t: serde_json::Value = serde_json::from_str(&ok(&db, &["trend", &id, "--json"])).unwrap();
    let st = t["waves"][0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == stage_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(st["targets"][0]["status"], "met", "{st}");
    let text = ok(&db, &["trend", &id]);
    assert!(
        text.contains(&format!("target  {stage}: NPS ≥ 30: met (100)")),
        "{text}"
    );
    let score = ok(&db, &["score", &id]);
    assert!(score.contains("TARGETS"), "{score}");
    let card: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", &id, "--json"])).unwrap();
    let sc = card["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == stage_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(sc["targets"][0]["status"], "met", "{sc}");

    ok(&db, &["target", &id, "--stage", &stage, "nps", "--clear"]);
    assert!(ok(&db, &["target", &id]).starts_with("no targets"));
}
