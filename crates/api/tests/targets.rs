//! KPI targets through the library and the command table: set on the
//! journey and a touchpoint (by title), refused out of range, stored in the
//! map's document, checked on the scorecard and on each survey wave, and
//! two waves compared.

use serde_json::json;
use waymark_api::rpc::{dispatch, Front};
use waymark_api::targets::TargetStatus;
use waymark_api::Library;
use waymark_core::{Direction, Kpi, KpiTarget};

fn wave(dir: &std::path::Path, name: &str, tp: &str, values: &[u32]) -> std::path::PathBuf {
    let mut text = String::from("touchpoint,respondent,date,metric,scale,value,comment\n");
    for (i, v) in values.iter().enumerate() {
        text.push_str(&format!("{tp},{name}{i},2026-03-01,nps,nps,{v},\n"));
    }
    let path = dir.join(format!("{name}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn targets_are_set_refused_listed_and_checked_per_wave() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let journey = lib.journey(&id).unwrap();
    let tp = &journey.touchpoints[0];

    let at_least_30 = KpiTarget::parse(Kpi::Nps, ">=30").unwrap();
    let g = lib
        .set_target(&id, Some(&tp.title), Kpi::Nps, Some(at_least_30))
        .unwrap();
    assert_eq!(g.touchpoint, Some(tp.id));
    lib.set_target(
        &id,
        None,
        Kpi::Friction,
        KpiTarget::parse(Kpi::Friction, "<=40").ok(),
    )
    .unwrap();
    // Out of range, or an unknown touchpoint: refused in words, nothing written.
    let e = lib
        .set_target(
            &id,
            None,
            Kpi::Csat,
            Some(KpiTarget {
                direction: Direction::AtLeast,
                value: 120.0,
            }),
        )
        .unwrap_err();
    assert!(e.to_string().contains("from 0 to 100, not 120"), "{e}");
    let e = lib
        .set_target(&id, Some("No such step"), Kpi::Nps, Some(at_least_30))
        .unwrap_err();
    assert!(
        e.to_string().contains("no touchpoint \"No such step\""),
        "{e}"
    );
    // In the document: the projection carries them.
    let j = lib.journey(&id).unwrap();
    assert!(j.targets.friction.is_some() && j.targets.csat.is_none());
    assert_eq!(j.touchpoint(tp.id).unwrap().targets.nps, Some(at_least_30));

    // Two waves on the touchpoint: all detractors, then all promoters.
    let tid = tp.id.to_string();
    let q1 = wave(dir.path(), "q1", &tid, &[0; 40]);
    let q2 = wave(dir.path(), "q2", &tid, &[10; 40]);
    lib.import_wave_file(&id, &q1, Some("Q1"), Some("2026-03-31"))
        .unwrap();
    lib.import_wave_file(&id, &q2, Some("Q2"), Some("2026-06-30"))
        .unwrap();
    let t = lib.trend(&id).unwrap();
    let status = |w: usize| {
        t.waves[w]
            .touchpoints
            .iter()
            .find(|x| x.id == tp.id)
            .unwrap()
            .figures
            .targets[0]
            .status
    };
    assert_eq!(
        (status(0), status(1)),
        (TargetStatus::NotMet, TargetStatus::Met)
    );
    // As of the latest wave (Q2), NPS is +100: met (pooled it would read 0).
    let groups = lib.targets(&id).unwrap();
    assert_eq!(groups.len(), 2, "the journey and one touchpoint");
    assert_eq!(groups[0].touchpoint, None);
    assert_eq!(groups[1].checks[0].status, TargetStatus::Met);

    // Through the command table, as the app calls it.
    let c = dispatch(
        &lib,
        Front::Browser,
        "compare_waves",
        json!({ "id": id, "before": "Q1", "after": "Q2" }),
    )
    .unwrap();
    let improved: Vec<&str> = c["improved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["sentence"].as_str().unwrap())
        .collect();
    assert!(
        improved.contains(&format!("{}: NPS rose from −100 to +100.", tp.title).as_str()),
        "{improved:?}"
    );
    let cleared = dispatch(
        &lib,
        Front::Browser,
        "set_target",
        json!({ "id": id, "touchpoint": tid, "kpi": "nps" }),
    )
    .unwrap();
    assert_eq!(cleared["checks"], json!([]));
    let trend = dispatch(&lib, Front::Browser, "map_trend", json!({ "id": id })).unwrap();
    assert_eq!(trend["waves"][1]["label"], "Q2");
    assert_eq!(
        trend["waves"][1]["journey"]["targets"][0]["kpi"],
        "friction"
    );
}

#[test]
fn a_stage_target_is_set_by_name_checked_on_the_stage_and_shown_on_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let journey = lib.journey(&id).unwrap();
    let tp = journey.touchpoints[0].clone();
    let stage = journey.stages.iter().find(|s| s.id == tp.stage).unwrap();

    // Through the command table, by the stage's name.
    let g = dispatch(
        &lib,
        Front::Browser,
        "set_target",
        json!({ "id": id, "stage": stage.name, "kpi": "nps",
                "target": { "direction": "at_least", "value": 30 } }),
    )
    .unwrap();
    assert_eq!(g["stage"], stage.id.to_string());
    assert_eq!(g["checks"][0]["status"], "not_measured");
    assert!(lib
        .journey(&id)
        .unwrap()
        .stages
        .iter()
        .any(|s| s.id == stage.id && s.targets.nps.map(|t| t.value) == Some(30.0)));
    // A stage and a touchpoint at once, or an unknown stage: refused in words.
    let e = dispatch(
        &lib,
        Front::Browser,
        "set_target",
        json!({ "id": id, "stage": stage.name, "touchpoint": tp.title, "kpi": "nps" }),
    )
    .unwrap_err();
    assert!(e.to_string().contains("not both"), "{e}");
    let e = lib
        .set_target_of(
            &id,
            waymark_api::targets::TargetOf::Stage("Nowhere"),
            Kpi::Nps,
            None,
        )
        .unwrap_err();
    assert!(e.to_string().contains("no stage \"Nowhere\""), "{e}");

    // One wave on the stage's touchpoint: NPS 12 (40 promoters, 28 detractors of 100).
    let tid = tp.id.to_string();
    let values: Vec<u32> = (0..100)
        .map(|i| match i {
            0..40 => 10,
            40..72 => 8,
            _ => 3,
        })
        .collect();
    let q3 = wave(dir.path(), "q3", &tid, &values);
    lib.import_wave_file(&id, &q3, Some("Q3"), Some("2026-09-30"))
        .unwrap();
    let groups = lib.targets(&id).unwrap();
    let g = groups.iter().find(|g| g.stage == Some(stage.id)).unwrap();
    assert_eq!(g.title, stage.name);
    assert_eq!(g.checks[0].value, Some(12.0));
    assert_eq!(g.checks[0].status, TargetStatus::NotMet);
    let card = lib.score(&id).unwrap();
    let sc = card.stages.iter().find(|s| s.id == stage.id).unwrap();
    assert_eq!(sc.targets[0].status, TargetStatus::NotMet);
    let t = lib.trend(&id).unwrap();
    let st = t.waves[0].stages.iter().find(|s| s.id == stage.id).unwrap();
    assert_eq!(st.figures.targets[0].status, TargetStatus::NotMet);
}
