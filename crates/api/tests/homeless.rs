//! Nothing disappears unannounced, and every writer's update leaves a map
//! that exports and re-imports: concurrent edits through the API on real
//! SQLite files, and hostile updates from replicas.

mod common;

use common::replica;
use proptest::prelude::*;
use waymark_api::{ExportFormat, Library};
use waymark_core::doc::read_journey;
use waymark_core::hostile::card_added_while_apart;
use waymark_core::orphans::{Lost, OrphanKind};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, MapPrelim, Out, ReadTxn, Transact, Update};

fn temp_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    (dir, lib)
}

fn sql_titles(lib: &Library, map: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(lib.path()).unwrap();
    let mut st = conn
        .prepare("SELECT title FROM touchpoints WHERE map_id = ?1 ORDER BY title")
        .unwrap();
    st.query_map([map], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn assert_exports_losslessly(lib: &Library, id: &str) {
    let file = lib.export(id, ExportFormat::Waymark, None).unwrap();
    let back = lib.import("back.waymark", &file, None).expect("re-imports");
    assert_eq!(
        lib.export(&back, ExportFormat::Waymark, None).unwrap(),
        file,
        "byte-for-byte"
    );
}

#[test]
fn a_touchpoint_added_to_a_stage_deleted_meanwhile_is_reported_and_put_back() {
    let (_dir, lib) = temp_library();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let base = lib.journey(&id).unwrap();
    let doomed = base.stages.last().unwrap().id;
    let stale = lib.encode_state(&id).unwrap();
    let other = replica(&lib, &id);

    // The app deletes the last stage while a replica adds a card to it.
    lib.edit(&id, |j| {
        j.delete_stage(doomed);
        Ok(())
    })
    .unwrap();
    let tp = uuid::Uuid::new_v4();
    let update = card_added_while_apart(&stale, tp, doomed, base.lanes[0].id);
    lib.apply_update(&id, &update, "ui").unwrap();

    assert!(lib.journey(&id).unwrap().touchpoint(tp).is_none());
    assert!(!sql_titles(&lib, &id).contains(&"Added while apart".to_string()));
    let h = lib.homeless(&id).unwrap();
    assert_eq!(
        h.summary.as_deref(),
        Some("1 touchpoint lost its stage in a concurrent edit")
    );
    assert_eq!(h.entities.len(), 1);
    assert_eq!(
        (h.entities[0].kind, h.entities[0].id, h.entities[0].lost),
        (OrphanKind::Touchpoint, tp, Lost::Stage)
    );
    // Still homeless after the library is opened again.
    let path = lib.path();
    drop(lib);
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.homeless(&id).unwrap().entities.len(), 1);

    // A stage that does not exist is refused, naming it.
    let err = lib
        .rehome(&id, &tp.to_string(), "Nowhere", None)
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert!(err.to_string().contains("Nowhere"), "{err}");

    // The replica catches up, and sees the card gone too.
    other
        .transact_mut()
        .apply_update(Update::decode_v1(&lib.encode_state(&id).unwrap()).unwrap())
        .unwrap();
    assert!(read_journey(&other).journey.touchpoint(tp).is_none());

    let first = &base.stages[0];
    let (after, update) = lib
        .rehome(&id, &tp.to_string(), &first.name.to_uppercase(), None)
        .unwrap();
    assert!(!update.is_empty());
    let t = after.touchpoint(tp).expect("visible again");
    assert_eq!((t.stage, t.lane), (first.id, base.lanes[0].id));
    assert!(lib.homeless(&id).unwrap().entities.is_empty());
    assert!(sql_titles(&lib, &id).contains(&"Added while apart".to_string()));
    assert_eq!(
        lib.map_summary(&id).unwrap().touchpoints as usize,
        after.touchpoints.len()
    );
    // The replica merges the put-back like any edit.
    other
        .transact_mut()
        .apply_update(Update::decode_v1(&update).unwrap())
        .unwrap();
    assert_eq!(read_journey(&other).journey, after);
    assert_exports_losslessly(&lib, &id);
    // Nothing left to put back.
    let again = lib
        .rehome(&id, &tp.to_string(), &first.name, None)
        .unwrap_err();
    assert_eq!(again.code(), "invalid");
}

fn hostile_update(lib: &Library, id: &str, f: impl FnOnce(&mut yrs::TransactionMut)) -> Vec<u8> {
    let doc = replica(lib, id);
    let sv = doc.transact().state_vector();
    {
        let mut txn = doc.transact_mut();
        f(&mut txn);
    }
    let update = doc.transact().encode_diff_v1(&sv);
    update
}

fn touchpoint_inputs(txn: &mut yrs::TransactionMut, tp: &str) -> yrs::MapRef {
    let t = match txn.get_map("touchpoints").unwrap().get(txn, tp) {
        Some(Out::YMap(m)) => m,
        _ => panic!("no touchpoint {tp}"),
    };
    match t.get(txn, "inputs") {
        Some(Out::YMap(m)) => m,
        _ => t.insert(txn, "inputs", MapPrelim::default()),
    }
}

/// The desktop window's path (`apply_update` with origin "ui") and a
/// workshop editor's: an empty title and `emotion: 99` are stored as sent,
/// read mended, reported with the entity and field, and the export
/// re-imports.
#[test]
fn an_empty_title_and_emotion_99_are_mended_and_reported() {
    let (_dir, lib) = temp_library();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    let update = hostile_update(&lib, &id, |txn| {
        txn.get_map("meta").unwrap().insert(txn, "title", "");
        touchpoint_inputs(txn, &tp).insert(txn, "emotion", 99);
    });
    let repaired = lib
        .apply_update_reported(&id, &update, "ui", |_| Ok(()))
        .unwrap();
    let paths: Vec<&str> = repaired.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["meta.title", &format!("touchpoints[{tp}].inputs.emotion")],
        "{repaired:?}"
    );
    assert!(repaired[1]
        .message
        .contains("emotion must be a whole number from -2 to 2, not 99; read as 2"));
    let j = lib.journey(&id).unwrap();
    assert_eq!(j.title, "Untitled journey");
    assert_eq!(j.touchpoints[0].inputs.emotion, Some(2));
    assert_eq!(lib.map_summary(&id).unwrap().title, "Untitled journey");
    assert_exports_losslessly(&lib, &id);
    // Reported once: the next update does not repeat it.
    let fine = hostile_update(&lib, &id, |txn| {
        txn.get_map("meta")
            .unwrap()
            .insert(txn, "description", "ok");
    });
    assert!(lib
        .apply_update_reported(&id, &fine, "ui", |_| Ok(()))
        .unwrap()
        .is_empty());
    // The problems stay listed for `waymark show`, and a typed edit of the
    // field replaces the value in the document.
    assert_eq!(lib.problems(&id).unwrap().len(), 2);
    lib.rename(&id, "Named again").unwrap();
    assert_eq!(lib.journey(&id).unwrap().title, "Named again");
    let state = lib.encode_state(&id).unwrap();
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(&state).unwrap())
        .unwrap();
    assert_eq!(read_journey(&doc).journey.title, "Named again");
}

/// The sync room's path (`apply_remote_update`): the same hostile values
/// are merged, never refused (a refusal would wedge the sync session), and
/// read mended.
#[test]
fn a_sync_update_with_hostile_values_is_merged_and_mended() {
    let (_dir, lib) = temp_library();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let doc_id = lib.ensure_doc_id(&id).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[1].id.to_string();
    let update = hostile_update(&lib, &id, |txn| {
        touchpoint_inputs(txn, &tp).insert(txn, "friction", 12);
        touchpoint_inputs(txn, &tp).insert(txn, "fcr_rate", -3.5);
    });
    lib.apply_remote_update(&id, &update, "sync", &doc_id)
        .unwrap();
    let t = lib.journey(&id).unwrap().touchpoints[1].clone();
    assert_eq!(t.inputs.friction, Some(4));
    assert_eq!(t.inputs.fcr_rate, Some(0.0));
    assert_exports_losslessly(&lib, &id);
}

const FIELDS: &[(&str, &str)] = &[
    ("meta", "title"),
    ("meta", "scenario"),
    ("stages", "name"),
    ("stages", "order"),
    ("lanes", "name"),
    ("touchpoints", "title"),
    ("touchpoints", "order"),
    ("touchpoints", "stage"),
    ("touchpoints", "inputs.emotion"),
    ("touchpoints", "inputs.friction"),
    ("touchpoints", "inputs.wait_minutes"),
    ("touchpoints", "inputs.error_rate"),
    ("annotations", "text"),
    ("annotations", "created_at"),
];

fn hostile() -> impl Strategy<Value = yrs::Any> {
    prop_oneof![
        Just(yrs::Any::from("")),
        Just(yrs::Any::from(" ")),
        Just(yrs::Any::from("00")),
        Just(yrs::Any::from(99.0)),
        Just(yrs::Any::from(-7.0)),
        Just(yrs::Any::from(0.5)),
        Just(yrs::Any::Null),
        Just(yrs::Any::Bool(true)),
        "\\PC{0,6}".prop_map(yrs::Any::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever a replica sends, what the library stores exports and
    /// re-imports byte-for-byte.
    #[test]
    fn whatever_is_stored_exports_and_reimports(
        writes in proptest::collection::vec((0usize..64, 0usize..64, hostile()), 1..6),
    ) {
        let (_dir, lib) = temp_library();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let update = hostile_update(&lib, &id, |txn| {
            for (field, pick, value) in writes {
                let (root, path) = FIELDS[field % FIELDS.len()];
                let entity = if root == "meta" {
                    txn.get_map("meta")
                } else {
                    let map = txn.get_map(root).unwrap();
                    let mut keys: Vec<String> = map.keys(txn).map(str::to_string).collect();
                    keys.sort();
                    match map.get(txn, &keys[pick % keys.len()]) {
                        Some(Out::YMap(m)) => Some(m),
                        _ => None,
                    }
                };
                let Some(mut at) = entity else { continue };
                let (parent, last) = path.split_once('.').map_or((None, path), |(a, b)| (Some(a), b));
                if let Some(parent) = parent {
                    at = match at.get(txn, parent) {
                        Some(Out::YMap(m)) => m,
                        _ => at.insert(txn, parent, MapPrelim::default()),
                    };
                }
                at.insert(txn, last, yrs::In::Any(value));
            }
        });
        lib.apply_update(&id, &update, "ui").unwrap();
        assert!(waymark_core::validate(&lib.journey(&id).unwrap()).is_empty());
        assert_exports_losslessly(&lib, &id);
    }
}
