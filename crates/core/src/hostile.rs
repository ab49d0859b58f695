//! Updates a buggy or hostile replica could send, built on purpose: the one
//! place the tests of every crate (core, server, sync, the desktop shell) get
//! them from, so each front is checked against the same bad input.

use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, MapPrelim, Out, ReadTxn, Transact, Update};

/// Writes an empty map title and an emotion of 99 on `touchpoint` straight
/// into the document, past the typed model that would refuse both.
pub fn break_title_and_emotion(doc: &Doc, touchpoint: &str) {
    let mut txn = doc.transact_mut();
    txn.get_map("meta")
        .expect("a journey document has meta")
        .insert(&mut txn, "title", "");
    let t = match txn
        .get_map("touchpoints")
        .expect("a journey document has touchpoints")
        .get(&txn, touchpoint)
    {
        Some(Out::YMap(m)) => m,
        _ => panic!("no touchpoint {touchpoint} in the document"),
    };
    let inputs = match t.get(&txn, "inputs") {
        Some(Out::YMap(m)) => m,
        _ => t.insert(&mut txn, "inputs", MapPrelim::default()),
    };
    inputs.insert(&mut txn, "emotion", 99);
}

/// The update a replica holding `state` (a full document state) sends after
/// [`break_title_and_emotion`] on `touchpoint`.
pub fn title_and_emotion_update(state: &[u8], touchpoint: &str) -> Vec<u8> {
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(state).expect("a readable state"))
        .expect("the state applies");
    let sv = doc.transact().state_vector();
    break_title_and_emotion(&doc, touchpoint);
    let update = doc.transact().encode_diff_v1(&sv);
    update
}
