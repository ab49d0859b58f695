//! Updates a buggy or hostile replica could send, built on purpose: the one
//! place the tests of every crate (core, server, sync, the desktop shell) get
//! them from, so each front is checked against the same bad input.

use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, MapPrelim, Out, ReadTxn, Transact, Update};

use crate::doc::{read_journey, write_journey};
use crate::model::{Id, Touchpoint};

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

/// The update of a replica still at `state` (a full document state) that adds
/// a card titled "Added while apart" to `stage` and `lane`, unaware that
/// someone else deleted the stage meanwhile: merged, the card is homeless.
pub fn card_added_while_apart(state: &[u8], card: Id, stage: Id, lane: Id) -> Vec<u8> {
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(state).expect("a readable state"))
        .expect("the state applies");
    let sv = doc.transact().state_vector();
    let mut theirs = read_journey(&doc).journey;
    theirs.touchpoints.push(Touchpoint {
        id: card,
        stage,
        lane,
        order: "zz".into(),
        title: "Added while apart".into(),
        ..Touchpoint::default()
    });
    write_journey(&doc, &theirs);
    let update = doc.transact().encode_diff_v1(&sv);
    update
}
