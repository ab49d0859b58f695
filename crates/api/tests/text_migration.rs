//! Maps written before text fields were Y.Text (plain strings) open, read the
//! same, are converted once (stored, in one update) and edit normally: from a
//! library, a `.waymark` file, a template, and a sync room's state.
//!
//! `map-before-text.bin` (ui/src/lib/doc/fixtures) is a map state that
//! Waymark wrote before the change.

use std::path::{Path, PathBuf};

use waymark_api::Library;
use waymark_core::doc::read_journey;
use waymark_core::formats::waymark;
use waymark_store::Store;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, Out, ReadTxn, Transact, Update};

fn old_state() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/lib/doc/fixtures/map-before-text.bin"),
    )
    .unwrap()
}

fn doc_of(bytes: &[u8]) -> Doc {
    let d = Doc::new();
    d.transact_mut()
        .apply_update(Update::decode_v1(bytes).unwrap())
        .unwrap();
    d
}

/// Whether the map's title and every touchpoint title are Y.Text.
fn texts_are_y_text(state: &[u8]) -> bool {
    let doc = doc_of(state);
    let txn = doc.transact();
    let title = matches!(
        txn.get_map("meta").unwrap().get(&txn, "title"),
        Some(Out::YText(_))
    );
    let touchpoints = txn.get_map("touchpoints").unwrap();
    title
        && touchpoints.iter(&txn).all(|(_, tp)| match tp {
            Out::YMap(m) => matches!(m.get(&txn, "title"), Some(Out::YText(_))),
            _ => false,
        })
}

fn stored_updates(path: &Path, id: &str) -> usize {
    Store::open(path)
        .unwrap()
        .load_doc(id)
        .unwrap()
        .updates
        .len()
}

/// A library file holding one map in the old format, as Waymark stored it.
fn old_library(path: &Path) -> (String, waymark_core::Journey) {
    let state = old_state();
    let journey = read_journey(&doc_of(&state)).journey;
    let id = uuid::Uuid::new_v4().to_string();
    Store::open(path)
        .unwrap()
        .create_map_from(&id, &state, &journey, None)
        .unwrap();
    (id, journey)
}

#[test]
fn an_old_library_opens_converts_once_and_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let (id, journey) = old_library(&path);
    assert!(
        !texts_are_y_text(&old_state()),
        "the fixture predates Y.Text"
    );
    let rows = stored_updates(&path, &id);
    {
        let lib = Library::open(&path).unwrap();
        assert_eq!(lib.journey(&id).unwrap(), journey, "reads the same");
        assert!(texts_are_y_text(&lib.encode_state(&id).unwrap()));
    }
    assert_eq!(
        stored_updates(&path, &id),
        rows + 1,
        "one stored conversion"
    );
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.journey(&id).unwrap(), journey);
    assert_eq!(stored_updates(&path, &id), rows + 1, "converted only once");
    let edited = lib
        .edit(&id, |j| {
            j.touchpoints[0].title.push_str(" (checked)");
            Ok(())
        })
        .unwrap();
    assert!(edited.touchpoints[0].title.ends_with(" (checked)"));
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn an_old_waymark_file_and_a_template_become_y_text() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib.db")).unwrap();
    // The .waymark format did not change: this is the file old Waymark wrote.
    let journey = read_journey(&doc_of(&old_state())).journey;
    let file = waymark::to_string(&journey);
    let id = lib.import("old.waymark", &file, None).unwrap();
    assert!(texts_are_y_text(&lib.encode_state(&id).unwrap()));
    assert_eq!(waymark::to_string(&lib.journey(&id).unwrap()), file);
    let from_template = lib.create_map(Some("bank-lost-card"), None).unwrap();
    assert!(texts_are_y_text(&lib.encode_state(&from_template).unwrap()));
}

#[test]
fn an_old_sync_room_state_merges_and_converts_on_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let id = {
        let lib = Library::open(&path).unwrap();
        let id = lib.create_map(None, Some("Joined a room")).unwrap();
        // What `waymark sync` merges when the room was written by old Waymark.
        lib.apply_update(&id, &old_state(), "sync").unwrap();
        let j = lib.journey(&id).unwrap();
        assert!(j.touchpoints.len() > 10, "the room's map reads");
        id
    };
    let lib = Library::open(&path).unwrap();
    let state = lib.encode_state(&id).unwrap();
    assert!(texts_are_y_text(&state));
    lib.edit(&id, |j| {
        j.stages[0].name = format!("{} again", j.stages[0].name);
        Ok(())
    })
    .unwrap();
    assert!(lib.journey(&id).unwrap().stages[0].name.ends_with(" again"));
}

/// An edit that changes nothing still stores the conversion its map was
/// read with: otherwise this process's memory runs ahead of the file, and
/// what its peers build on the converted fields never reaches another
/// process (a property-test failure in `tests/incremental.rs` found it).
#[test]
fn an_edit_that_changes_nothing_stores_the_conversion_it_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let (id, _) = old_library(&path);
    let rows = stored_updates(&path, &id);
    let editor = Library::open(&path).unwrap();
    editor.edit_update(&id, "local", |_| Ok(())).unwrap();
    assert_eq!(
        stored_updates(&path, &id),
        rows + 1,
        "the conversion is stored"
    );
    let other = Library::open(&path).unwrap();
    let sv = |state: &[u8]| doc_of(state).transact().state_vector();
    assert_eq!(
        sv(&other.encode_state(&id).unwrap()),
        sv(&editor.encode_state(&id).unwrap()),
        "another process holds what this one holds"
    );
}
