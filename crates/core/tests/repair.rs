//! Hostile writes to a map's document: whatever a replica puts in it, the
//! projection validates, and what it shows exports and re-imports
//! byte-for-byte (the lossless promise holds for every stored map).

use proptest::prelude::*;
use waymark_core::doc::{new_doc, read_journey};
use waymark_core::formats::waymark;
use waymark_core::repair::{is_repair, UNTITLED_JOURNEY};
use waymark_core::{validate, Journey};
use yrs::{Any, Doc, In, Map, MapPrelim, MapRef, Out, ReadTxn, Transact};

/// Where a hostile write lands: a root, which entity of it (by position),
/// and a field path (one level of nesting).
const TARGETS: &[(&str, &str)] = &[
    ("meta", "title"),
    ("meta", "description"),
    ("meta", "settings.thresholds.pain_friction"),
    ("meta", "settings.friction_weights.wait"),
    ("meta", "settings.emotion_weights.designer"),
    ("meta", "settings.service_desired_wait_minutes"),
    ("meta", "inputs.customers_at_start"),
    ("meta", "inputs.customers_lost"),
    ("personas", "name"),
    ("personas", "order"),
    ("stages", "name"),
    ("stages", "order"),
    ("lanes", "name"),
    ("lanes", "kind"),
    ("lanes", "order"),
    ("touchpoints", "title"),
    ("touchpoints", "order"),
    ("touchpoints", "stage"),
    ("touchpoints", "lane"),
    ("touchpoints", "inputs.emotion"),
    ("touchpoints", "inputs.friction"),
    ("touchpoints", "inputs.wait_minutes"),
    ("touchpoints", "inputs.wait_desired_minutes"),
    ("touchpoints", "inputs.wait_adequate_minutes"),
    ("touchpoints", "inputs.fcr_rate"),
    ("touchpoints", "inputs.error_rate"),
    ("touchpoints", "inputs.aht_minutes"),
    ("connections", "from"),
    ("connections", "to"),
    ("annotations", "text"),
    ("annotations", "created_at"),
    ("annotations", "target.id"),
    ("annotations", "votes.someone"),
];

fn hostile_value() -> impl Strategy<Value = Any> {
    prop_oneof![
        Just(Any::from("")),
        Just(Any::from("   ")),
        Just(Any::from("a0")),
        Just(Any::from("not a date")),
        Just(Any::from("stage")),
        "\\PC{0,8}".prop_map(Any::from),
        Just(Any::from(99.0)),
        Just(Any::from(-5.0)),
        Just(Any::from(2.5)),
        Just(Any::from(1e300)),
        Just(Any::from(f64::NAN)),
        Just(Any::from(-0.0)),
        (-1000i64..1000).prop_map(|v| Any::from(v as f64)),
        any::<bool>().prop_map(Any::from),
        Just(Any::Null),
        Just(Any::from(uuid::Uuid::nil().to_string())),
    ]
}

fn entity(txn: &impl ReadTxn, root: &str, pick: usize) -> Option<MapRef> {
    if root == "meta" {
        return txn.get_map("meta");
    }
    let map = txn.get_map(root)?;
    let mut keys: Vec<String> = map.keys(txn).map(str::to_string).collect();
    keys.sort();
    if keys.is_empty() {
        return None;
    }
    match map.get(txn, &keys[pick % keys.len()]) {
        Some(Out::YMap(m)) => Some(m),
        _ => None,
    }
}

fn write(doc: &Doc, target: usize, pick: usize, value: Any) {
    let (root, path) = TARGETS[target % TARGETS.len()];
    let mut txn = doc.transact_mut();
    let Some(m) = entity(&txn, root, pick) else {
        return;
    };
    let parts: Vec<&str> = path.split('.').collect();
    let (last, parents) = parts.split_last().unwrap();
    let mut at = m;
    for p in parents {
        at = match at.get(&txn, p) {
            Some(Out::YMap(inner)) => inner,
            _ => at.insert(&mut txn, *p, MapPrelim::default()),
        };
    }
    at.insert(&mut txn, *last, In::Any(value));
}

fn assert_lossless(j: &Journey) {
    let problems = validate(j);
    assert!(problems.is_empty(), "projection invalid: {problems:?}");
    let file = waymark::to_string(j);
    let back = waymark::from_str("hostile.waymark", &file).expect("re-imports");
    assert_eq!(waymark::to_string(&back), file, "export is byte-for-byte");
    // Stored again (import makes a new document), it reads back the same.
    assert_eq!(read_journey(&new_doc(&back)).journey, back);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn whatever_is_written_reads_valid_and_exports_losslessly(
        j in waymark_core::arbitrary::journey(),
        writes in proptest::collection::vec((0usize..100, 0usize..100, hostile_value()), 1..8),
    ) {
        let doc = new_doc(&j);
        for (target, pick, value) in writes {
            write(&doc, target, pick, value);
        }
        let p = read_journey(&doc);
        assert_lossless(&p.journey);
    }
}

#[test]
fn an_empty_title_and_emotion_99_are_repaired_and_reported() {
    let j = waymark_core::synth::journey(
        waymark_core::synth::Size {
            stages: 2,
            lanes: 2,
            touchpoints: 4,
            annotations: 2,
        },
        3,
    );
    let doc = new_doc(&j);
    let tp = j.touchpoints[0].id;
    waymark_core::hostile::break_title_and_emotion(&doc, &tp.to_string());
    let p = read_journey(&doc);
    assert_eq!(p.journey.title, UNTITLED_JOURNEY);
    assert_eq!(p.journey.touchpoint(tp).unwrap().inputs.emotion, Some(2));
    let paths: Vec<&str> = p.problems.iter().map(|x| x.path.as_str()).collect();
    assert!(paths.contains(&"meta.title"), "{paths:?}");
    let emotion = format!("touchpoints[{tp}].inputs.emotion");
    let reported = p.problems.iter().find(|x| x.path == emotion).unwrap();
    assert_eq!(
        reported.message,
        "emotion must be a whole number from -2 to 2, not 99; read as 2; repaired"
    );
    assert!(p.problems.iter().all(is_repair));
    assert_lossless(&p.journey);
}
