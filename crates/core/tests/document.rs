//! The journey document: model → Yjs → model round trips, concurrent edits,
//! and the `.waymark` file.

use proptest::prelude::*;
use waymark_core::doc::{new_doc, read_journey, write_journey};
use waymark_core::formats::waymark;
use waymark_core::order::key_between;
use waymark_core::synth::{journey as synth_journey, Size};
use waymark_core::{templates, validate, Journey, Stage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

fn sync(from: &Doc, to: &Doc) {
    let sv = to.transact().state_vector();
    let update = from.transact().encode_diff_v1(&sv);
    to.transact_mut()
        .apply_update(Update::decode_v1(&update).unwrap())
        .unwrap();
}

fn replica(of: &Doc) -> Doc {
    let d = Doc::new();
    sync(of, &d);
    d
}

#[test]
fn large_synthetic_map_survives_the_document() {
    let j = synth_journey(Size::LARGE, 7);
    assert!(validate(&j).is_empty(), "{:?}", validate(&j).first());
    let p = read_journey(&new_doc(&j));
    assert!(p.problems.is_empty(), "{:?}", p.problems.first());
    assert_eq!(p.journey, j);
}

#[test]
fn writing_the_same_model_again_changes_nothing() {
    let j = synth_journey(
        Size {
            stages: 3,
            lanes: 3,
            touchpoints: 20,
            annotations: 10,
        },
        1,
    );
    let doc = new_doc(&j);
    let before = doc.transact().state_vector();
    write_journey(&doc, &j);
    assert_eq!(
        doc.transact().state_vector(),
        before,
        "an unchanged model must not produce an update"
    );
}

#[test]
fn concurrent_edits_merge_into_a_valid_map() {
    let base = synth_journey(
        Size {
            stages: 4,
            lanes: 3,
            touchpoints: 24,
            annotations: 6,
        },
        3,
    );
    let a = new_doc(&base);
    let b = replica(&a);
    let tp = base.touchpoints[0].id;

    // A moves the touchpoint to stage 2 and renames stage 1; adds a stage at the end.
    let mut ja = read_journey(&a).journey;
    ja.touchpoints
        .iter_mut()
        .find(|t| t.id == tp)
        .unwrap()
        .stage = base.stages[2].id;
    ja.stages[1].name = "Renamed by A".into();
    let last = ja.stages.last().unwrap().order.clone();
    ja.stages.push(Stage {
        id: uuid::Uuid::new_v4(),
        order: key_between(Some(&last), None).unwrap(),
        name: "Added by A".into(),
        ..Stage::default()
    });
    write_journey(&a, &ja);

    // B, at the same time, moves the same touchpoint to stage 3, moves stage 0
    // to the end, deletes stage 3 (so A's move target survives, B's does not),
    // and edits an input of the touchpoint.
    let mut jb = read_journey(&b).journey;
    let t = jb.touchpoints.iter_mut().find(|t| t.id == tp).unwrap();
    t.stage = base.stages[3].id;
    t.inputs.wait_minutes = Some(42.0);
    let last = jb.stages.last().unwrap().order.clone();
    jb.stages[0].order = key_between(Some(&last), None).unwrap();
    let deleted = base.stages[3].id;
    jb.stages.retain(|s| s.id != deleted);
    jb.touchpoints.retain(|t| t.stage != deleted || t.id == tp);
    jb.annotations
        .retain(|a| a.target != waymark_core::Target::Stage(deleted));
    write_journey(&b, &jb);

    sync(&a, &b);
    sync(&b, &a);
    let pa = read_journey(&a);
    let pb = read_journey(&b);
    assert_eq!(pa.journey, pb.journey, "replicas converge");
    let merged = pa.journey;
    assert!(
        validate(&merged).is_empty(),
        "merged map is valid: {:?}",
        validate(&merged)
    );
    let names: Vec<&str> = merged.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == base.stages[0].name).count(),
        1,
        "a moved stage is not duplicated"
    );
    assert!(names.contains(&"Renamed by A") && names.contains(&"Added by A"));
    assert!(!merged.stages.iter().any(|s| s.id == deleted));
    // A and B both appended after the same last stage, so their keys tie and
    // the ids decide which comes first; both are after every other stage.
    let tail = &names[names.len() - 2..];
    assert!(
        tail.contains(&base.stages[0].name.as_str()) && tail.contains(&"Added by A"),
        "{names:?}"
    );
    // Both edits of the touchpoint's fields land; its stage is whichever move won,
    // and if that stage was deleted the touchpoint is hidden, not dangling.
    if let Some(t) = merged.touchpoint(tp) {
        assert_eq!(t.inputs.wait_minutes, Some(42.0));
        assert!(merged.stage(t.stage).is_some());
    } else {
        assert!(pa.problems.iter().any(|p| p.path.contains(&tp.to_string())));
    }
}

#[test]
fn waymark_file_round_trip_is_byte_identical() {
    let j = synth_journey(
        Size {
            stages: 5,
            lanes: 4,
            touchpoints: 60,
            annotations: 30,
        },
        11,
    );
    let text = waymark::to_string(&j);
    let back = waymark::from_str("x.waymark", &text).unwrap();
    assert_eq!(back, j);
    assert_eq!(waymark::to_string(&back), text);
}

#[test]
fn waymark_import_errors_name_the_place() {
    let e = waymark::from_str(
        "m.waymark",
        "{\"format\": \"waymark\",\n \"version\": 1,\n \"map\": {\"title\": 3}}",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(3), "{e}");
    // In the user's words, at the field: not the parser's "invalid type".
    assert_eq!(e.message, "title: must be text in quotes, not 3", "{e}");
    let e = waymark::from_str(
        "m.waymark",
        "{\"format\": \"waymark\", \"version\": 1, \"map\": {\"title\": \"T\", \"stages\": [], \"lanes\": [],\n \"touchpoints\": [{\"id\": \"00000000-0000-0000-0000-000000000001\", \"stage\": \"00000000-0000-0000-0000-000000000002\", \"lane\": \"00000000-0000-0000-0000-000000000003\", \"order\": \"V\", \"title\": \"x\", \"inputs\": {\"steps\": \"three\"}}]}}",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    assert_eq!(
        e.message,
        "touchpoints[0].inputs.steps: must be a whole number of 0 or more, not \"three\"",
        "{e}"
    );
    let e = waymark::from_str(
        "m.waymark",
        "{\"format\": \"waymark\", \"version\": 9, \"map\": {}}",
    )
    .unwrap_err();
    assert!(e.message.contains("newer Waymark"), "{e}");
    let e = waymark::from_str("m.waymark", "{\"format\": \"other\"}").unwrap_err();
    assert!(e.message.contains("not a .waymark file"), "{e}");
    let e = waymark::from_str("m.waymark", "not json").unwrap_err();
    assert_eq!((e.line, e.column), (Some(1), Some(2)), "{e}");
    let mut j = synth_journey(
        Size {
            stages: 2,
            lanes: 2,
            touchpoints: 4,
            annotations: 0,
        },
        2,
    );
    j.touchpoints[1].inputs.emotion = Some(5);
    let e = waymark::from_str("m.waymark", &waymark::to_string(&j)).unwrap_err();
    assert!(
        e.message
            .contains("inputs.emotion: emotion must be a whole number from -2 to 2, not 5"),
        "{e}"
    );
}

#[test]
fn hostile_document_values_are_reported_not_fatal() {
    let j = synth_journey(
        Size {
            stages: 2,
            lanes: 2,
            touchpoints: 4,
            annotations: 0,
        },
        5,
    );
    let doc = new_doc(&j);
    {
        use yrs::{Map, WriteTxn};
        let mut txn = doc.transact_mut();
        let tps = txn.get_or_insert_map("touchpoints");
        tps.insert(
            &mut txn,
            "not-a-uuid",
            yrs::MapPrelim::from([("title", yrs::In::Any("x".into()))]),
        );
        let meta = txn.get_or_insert_map("meta");
        meta.insert(&mut txn, "title", 12);
    }
    let p = read_journey(&doc);
    assert_eq!(p.journey.touchpoints.len(), 4);
    assert!(
        p.problems
            .iter()
            .any(|p| p.path == "touchpoints[not-a-uuid]"),
        "{:?}",
        p.problems
    );
    assert!(
        p.problems.iter().any(|p| p.path == "meta"),
        "{:?}",
        p.problems
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_maps_survive_document_and_file(j in waymark_core::arbitrary::journey()) {
        prop_assert!(validate(&j).is_empty(), "{:?}", validate(&j));
        let doc = new_doc(&j);
        let p = read_journey(&doc);
        prop_assert!(p.problems.is_empty(), "{:?}", p.problems);
        prop_assert_eq!(&p.journey, &j);
        // The encoded document state alone rebuilds the map.
        let state = doc.transact().encode_state_as_update_v1(&StateVector::default());
        let fresh = Doc::new();
        fresh.transact_mut().apply_update(Update::decode_v1(&state).unwrap()).unwrap();
        prop_assert_eq!(&read_journey(&fresh).journey, &j);
        let text = waymark::to_string(&j);
        let back: Journey = waymark::from_str("p.waymark", &text).unwrap();
        prop_assert_eq!(&back, &j);
        prop_assert_eq!(waymark::to_string(&back), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Writing only the difference gives the same document content as writing
    /// the whole model.
    #[test]
    fn diff_writes_match_full_writes(a in waymark_core::arbitrary::journey(), b in waymark_core::arbitrary::journey()) {
        // Mix the two maps so some entities are kept, some changed, some new.
        let mut next = a.clone();
        next.title = b.title.clone();
        next.personas.extend(b.personas.iter().cloned());
        next.stages.extend(b.stages.iter().cloned());
        next.lanes.extend(b.lanes.iter().cloned());
        next.touchpoints.extend(b.touchpoints.iter().cloned());
        if let Some(t) = next.touchpoints.first_mut() { t.inputs.emotion = Some(-1); t.title.push('!'); }
        if let Some(first) = next.stages.first().map(|s| s.id) {
            if next.stages.len() > 1 { next.delete_stage(first); }
        }
        next.responses.retain(|r| next.touchpoints.iter().any(|t| t.id == r.touchpoint));
        next.normalize();
        let doc = new_doc(&a);
        {
            let mut txn = doc.transact_mut();
            waymark_core::doc::write_journey_diff(&mut txn, &a, &next);
        }
        prop_assert_eq!(&read_journey(&doc).journey, &next);
        // And writing the full model afterwards finds nothing left to change.
        let sv = doc.transact().state_vector();
        write_journey(&doc, &next);
        prop_assert_eq!(doc.transact().state_vector(), sv);
    }
}

#[test]
fn a_rating_that_is_not_a_whole_number_is_refused_in_plain_words() {
    let j = templates::load("bank-lost-card").unwrap();
    let text = waymark::to_string(&j);
    let tp = &j.touchpoints[0];
    let rated = format!("\"emotion\": {}", tp.inputs.emotion.unwrap());
    assert!(
        text.contains(&rated),
        "the template rates its first touchpoint"
    );
    for (bad, says) in [
        (
            "1.5",
            "emotion must be a whole number from -2 to 2, not 1.5",
        ),
        (
            "\"sad\"",
            "emotion must be a whole number from -2 to 2, not \"sad\"",
        ),
        (
            "300",
            "emotion must be a whole number from -2 to 2, not 300",
        ),
    ] {
        let e = waymark::from_str(
            "m.waymark",
            &text.replacen(&rated, &format!("\"emotion\": {bad}"), 1),
        )
        .unwrap_err();
        assert!(e.message.contains(says), "{bad}: {e}");
        assert!(!e.message.contains("i8"), "{bad}: {e}");
        assert!(e.line.is_some(), "{bad}: the line is named: {e}");
    }
}
