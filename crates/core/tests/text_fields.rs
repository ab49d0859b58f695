//! Text fields as Y.Text: concurrent typing merges (yrs with yrs, and yrs
//! with the npm yjs through fixtures), and documents written before text was
//! Y.Text (plain strings) still read and are converted once, identically on
//! every replica.
//!
//! Fixtures live in ui/src/lib/doc/fixtures, shared with the Vitest suite
//! (ui/src/lib/doc/text.test.ts). `map-before-text.bin` is a map state
//! written by Waymark before this change (plain strings). Renew the others
//! with `WAYMARK_WRITE_FIXTURES=1` here, then in `npm --prefix ui test`.

use std::path::PathBuf;

use waymark_core::doc::{new_doc, read_journey, write_journey};
use waymark_core::doc_text::{migrate_text, text_fields};
use waymark_core::synth::{journey as synth_journey, Size};
use waymark_core::Journey;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, Out, ReadTxn, StateVector, Transact, Update};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/lib/doc/fixtures")
        .join(name)
}

fn write_fixtures() -> bool {
    std::env::var_os("WAYMARK_WRITE_FIXTURES").is_some()
}

fn apply(doc: &Doc, update: &[u8]) {
    doc.transact_mut()
        .apply_update(Update::decode_v1(update).unwrap())
        .unwrap();
}

fn state(doc: &Doc) -> Vec<u8> {
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}

fn doc_of(bytes: &[u8]) -> Doc {
    let d = Doc::new();
    apply(&d, bytes);
    d
}

fn exchange(a: &Doc, b: &Doc) {
    let to_b = a.transact().encode_diff_v1(&b.transact().state_vector());
    let to_a = b.transact().encode_diff_v1(&a.transact().state_vector());
    apply(b, &to_b);
    apply(a, &to_a);
}

/// Every text field of every entity, with whether it is a Y.Text.
fn text_kinds(doc: &Doc) -> Vec<(String, bool)> {
    let txn = doc.transact();
    let mut out = Vec::new();
    let mut scan = |name: &str, m: &yrs::MapRef, id: &str| {
        for key in text_fields(name) {
            match m.get(&txn, key) {
                Some(Out::YText(_)) => out.push((format!("{name}[{id}].{key}"), true)),
                Some(_) => out.push((format!("{name}[{id}].{key}"), false)),
                None => {}
            }
        }
    };
    scan("meta", &txn.get_map("meta").unwrap(), "");
    for name in waymark_core::doc::ENTITY_COLLECTIONS {
        if let Some(root) = txn.get_map(name) {
            for (id, v) in root.iter(&txn) {
                if let Out::YMap(m) = v {
                    scan(name, &m, id);
                }
            }
        }
    }
    out
}

/// Both sides' edits of "Customer calls the bank"; the two appends at the
/// end may come in either order (the replicas' client ids decide).
const MERGED: [&str; 2] = [
    "Angry: Customer phones bank at night!",
    "Angry: Customer phones bank! at night",
];

fn small() -> Journey {
    synth_journey(
        Size {
            stages: 2,
            lanes: 2,
            touchpoints: 4,
            annotations: 2,
        },
        21,
    )
}

#[test]
fn new_documents_hold_text_fields_as_y_text() {
    let j = small();
    let kinds = text_kinds(&new_doc(&j));
    assert!(kinds.len() > 20, "{kinds:?}");
    assert!(kinds.iter().all(|(_, text)| *text), "{kinds:?}");
}

/// Sets the first touchpoint's description through the typed model, as the
/// CLI or the API does.
fn set_description(doc: &Doc, f: impl FnOnce(&str) -> String) {
    let mut j = read_journey(doc).journey;
    let t = &mut j.touchpoints[0];
    t.description = f(&t.description);
    write_journey(doc, &j);
}

fn description(doc: &Doc) -> String {
    read_journey(doc).journey.touchpoints[0].description.clone()
}

#[test]
fn typed_model_edits_on_two_yrs_replicas_merge() {
    let mut j = small();
    j.touchpoints[0].description = "Customer calls the bank".into();
    let a = new_doc(&j);
    let b = doc_of(&state(&a));
    // Apart: A appends, inserts and deletes; B does the same elsewhere.
    set_description(&a, |d| d.replace("calls", "phones") + " at night");
    set_description(&b, |d| format!("Angry: {}", d.replace(" the", "")) + "!");
    exchange(&a, &b);
    assert!(
        MERGED.contains(&description(&a).as_str()),
        "{}",
        description(&a)
    );
    assert_eq!(description(&b), description(&a));
    assert_eq!(read_journey(&a).journey, read_journey(&b).journey);
}

#[test]
fn an_old_document_reads_the_same_and_converts_once() {
    let old = std::fs::read(fixture("map-before-text.bin")).unwrap();
    let doc = doc_of(&old);
    let kinds = text_kinds(&doc);
    assert!(
        !kinds.is_empty() && kinds.iter().all(|(_, text)| !text),
        "the fixture predates Y.Text: {kinds:?}"
    );
    let before = read_journey(&doc);
    assert!(before.problems.is_empty(), "{:?}", before.problems);
    assert!(migrate_text(&doc).is_some());
    assert!(text_kinds(&doc).iter().all(|(_, text)| *text));
    assert_eq!(read_journey(&doc).journey, before.journey);
    assert!(migrate_text(&doc).is_none(), "the migration runs once");
}

#[test]
fn two_replicas_converting_the_same_old_document_make_the_same_edit() {
    let old = std::fs::read(fixture("map-before-text.bin")).unwrap();
    let a = doc_of(&old);
    let b = doc_of(&old);
    migrate_text(&a).unwrap();
    migrate_text(&b).unwrap();
    // Each types into a converted field before hearing of the other.
    set_description(&a, |d| format!("{d} (A)"));
    set_description(&b, |d| format!("(B) {d}"));
    exchange(&a, &b);
    let d = description(&a);
    assert!(d.starts_with("(B) ") && d.ends_with(" (A)"), "{d}");
    assert_eq!(read_journey(&a).journey, read_journey(&b).journey);
    assert!(text_kinds(&a).iter().all(|(_, text)| *text));
}

#[test]
fn writing_into_an_old_document_converts_the_field() {
    let old = std::fs::read(fixture("map-before-text.bin")).unwrap();
    let doc = doc_of(&old);
    // Writing the same model changes nothing: conversion is the migration's.
    let sv = doc.transact().state_vector();
    write_journey(&doc, &read_journey(&doc).journey);
    assert_eq!(doc.transact().state_vector(), sv);
    set_description(&doc, |d| format!("{d}!"));
    let id = read_journey(&doc).journey.touchpoints[0].id.to_string();
    let kinds = text_kinds(&doc);
    let field = format!("touchpoints[{id}].description");
    assert!(kinds.contains(&(field, true)), "{kinds:?}");
}

/// yrs and yjs typing into the same field while apart: the yrs edit is made
/// here, the yjs edit by the Vitest suite on the same base; both apply both
/// and must read the same text.
#[test]
fn yrs_and_yjs_typing_merge() {
    if write_fixtures() {
        let mut j = small();
        j.title = "Text fixture".into();
        j.touchpoints[0].description = "Customer calls the bank".into();
        std::fs::write(fixture("text-base.bin"), state(&new_doc(&j))).unwrap();
    }
    let base = std::fs::read(fixture("text-base.bin")).unwrap();
    let doc = doc_of(&base);
    let sv = doc.transact().state_vector();
    set_description(&doc, |d| d.replace("calls", "phones") + " at night");
    let ours = doc.transact().encode_diff_v1(&sv);
    if write_fixtures() {
        std::fs::write(fixture("text-yrs-edit.bin"), &ours).unwrap();
    }
    let theirs = std::fs::read(fixture("text-yjs-edit.bin")).unwrap();
    apply(&doc, &theirs);
    assert!(
        MERGED.contains(&description(&doc).as_str()),
        "{}",
        description(&doc)
    );
}

/// The UI converts an old document the same way: the update yjs made
/// converting `map-before-text.bin` is, to yrs, the conversion it made.
#[test]
fn yrs_and_yjs_convert_old_documents_identically() {
    let old = std::fs::read(fixture("map-before-text.bin")).unwrap();
    let doc = doc_of(&old);
    let ours = migrate_text(&doc).unwrap();
    if write_fixtures() {
        std::fs::write(fixture("migration-yrs.bin"), &ours).unwrap();
    }
    let sv = doc.transact().state_vector();
    let content = read_journey(&doc).journey;
    let theirs = std::fs::read(fixture("migration-yjs.bin")).unwrap();
    apply(&doc, &theirs);
    assert_eq!(doc.transact().state_vector(), sv, "yjs made the same items");
    assert_eq!(read_journey(&doc).journey, content);
    assert!(text_kinds(&doc).iter().all(|(_, text)| *text));
}
