//! KPI targets in the map's document: they survive the round trip, a value
//! a peer wrote out of range is repaired (and reported), validation refuses
//! it from a typed edit.

use waymark_core::doc::{new_doc, read_journey, write_journey};
use waymark_core::{validate, Direction, Journey, Kpi, KpiTarget, Lane, Stage, Touchpoint};
use yrs::{Any, Map, Out, Transact, WriteTxn};

fn map() -> Journey {
    let mut j = Journey::new("Lost card");
    let stage = Stage {
        id: uuid::Uuid::from_u128(1),
        order: "V".into(),
        name: "Report".into(),
        ..Default::default()
    };
    let lane = Lane {
        id: uuid::Uuid::from_u128(2),
        order: "V".into(),
        name: "Actions".into(),
        ..Default::default()
    };
    j.touchpoints.push(Touchpoint {
        id: uuid::Uuid::from_u128(3),
        stage: stage.id,
        lane: lane.id,
        order: "V".into(),
        title: "Call the bank".into(),
        ..Default::default()
    });
    j.stages.push(stage);
    j.lanes.push(lane);
    j.targets.nps = Some(KpiTarget::parse(Kpi::Nps, ">=30").unwrap());
    j.touchpoints[0].targets.friction = Some(KpiTarget::parse(Kpi::Friction, "<=40").unwrap());
    j
}

#[test]
fn targets_round_trip_through_the_document() {
    let j = map();
    assert!(validate(&j).is_empty(), "{:?}", validate(&j));
    let p = read_journey(&new_doc(&j));
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.journey.targets, j.targets);
    assert_eq!(p.journey.touchpoints[0].targets, j.touchpoints[0].targets);
    // Clearing one writes it away.
    let doc = new_doc(&j);
    let mut cleared = j.clone();
    cleared.touchpoints[0].targets.friction = None;
    write_journey(&doc, &cleared);
    assert!(read_journey(&doc).journey.touchpoints[0].targets.is_empty());
}

#[test]
fn a_target_out_of_range_is_repaired_and_refused_from_a_typed_edit() {
    let j = map();
    let doc = new_doc(&j);
    {
        // A peer writes NPS ≥ 250 into the shared targets.
        let mut txn = doc.transact_mut();
        let meta = txn.get_or_insert_map("meta");
        let Some(Out::YMap(targets)) = meta.get(&txn, "targets") else {
            panic!("meta.targets is a nested map");
        };
        let bad: Any =
            serde_json::from_str::<serde_json::Value>(r#"{"direction": "at_least", "value": 250}"#)
                .map(|v| waymark_core::doc::json_to_any(&v))
                .unwrap();
        targets.insert(&mut txn, "nps", bad);
    }
    let p = read_journey(&doc);
    let nps = p.journey.targets.nps.unwrap();
    assert_eq!((nps.direction, nps.value), (Direction::AtLeast, 100.0));
    assert!(
        p.problems
            .iter()
            .any(|q| q.path == "meta.targets.nps" && q.message.contains("read as 100")),
        "{:?}",
        p.problems
    );
    let mut typed = j.clone();
    typed.touchpoints[0].targets.ces = Some(KpiTarget {
        direction: Direction::AtMost,
        value: 0.0,
    });
    let problems = validate(&typed);
    assert!(
        problems
            .iter()
            .any(|q| q.path.ends_with(".targets.ces") && q.message.contains("from 1 to 7")),
        "{problems:?}"
    );
}

#[test]
fn a_stage_target_round_trips_is_repaired_and_refused_out_of_range() {
    let mut j = map();
    j.stages[0].targets.csat = Some(KpiTarget::parse(Kpi::Csat, ">=80").unwrap());
    assert!(validate(&j).is_empty(), "{:?}", validate(&j));
    let doc = new_doc(&j);
    assert_eq!(
        read_journey(&doc).journey.stages[0].targets,
        j.stages[0].targets
    );
    {
        // A peer writes CSAT ≥ 250 into the stage's shared targets.
        let mut txn = doc.transact_mut();
        let stages = txn.get_or_insert_map("stages");
        let Some(Out::YMap(stage)) = stages.get(&txn, &j.stages[0].id.to_string()) else {
            panic!("the stage is a nested map");
        };
        let Some(Out::YMap(targets)) = stage.get(&txn, "targets") else {
            panic!("stage targets are a nested map");
        };
        let bad = waymark_core::doc::json_to_any(
            &serde_json::json!({"direction": "at_least", "value": 250}),
        );
        targets.insert(&mut txn, "csat", bad);
    }
    let p = read_journey(&doc);
    assert_eq!(p.journey.stages[0].targets.csat.unwrap().value, 100.0);
    assert!(
        p.problems
            .iter()
            .any(|q| q.path.ends_with(".targets.csat") && q.message.contains("read as 100")),
        "{:?}",
        p.problems
    );
    let mut typed = j.clone();
    typed.stages[0].targets.nps = Some(KpiTarget {
        direction: Direction::AtLeast,
        value: -300.0,
    });
    assert!(
        validate(&typed)
            .iter()
            .any(|q| q.path.starts_with("stages") && q.path.ends_with(".targets.nps")),
        "{:?}",
        validate(&typed)
    );
    // Clearing writes it away.
    let mut cleared = j.clone();
    cleared.stages[0].targets = Default::default();
    write_journey(&doc, &cleared);
    assert!(read_journey(&doc).journey.stages[0].targets.is_empty());
}
