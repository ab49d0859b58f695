//! A map document's identity for team sync. Every copy of one map (the
//! library's, a sync room's, a teammate's) carries the same `doc_id`, so a
//! room holding a different map is recognised before anything is merged.
//!
//! It lives in its own root Y.Map (`sync`), outside `meta`: the journey
//! projection refuses unknown `meta` fields, and a full `write_journey`
//! never touches roots it does not own.

use yrs::{Map, Out, ReadTxn, TransactionMut, WriteTxn};

/// The root Y.Map holding the identity.
pub const SYNC_ROOT: &str = "sync";
const DOC_ID: &str = "doc_id";

/// The document's sync identity, when it has one.
pub fn doc_id<T: ReadTxn>(txn: &T) -> Option<String> {
    match txn.get_map(SYNC_ROOT)?.get(txn, DOC_ID)? {
        Out::Any(yrs::Any::String(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// Gives the document its sync identity (done once, when a map is first
/// linked to a room).
pub fn set_doc_id(txn: &mut TransactionMut, id: &str) {
    let root = txn.get_or_insert_map(SYNC_ROOT);
    root.insert(txn, DOC_ID, id);
}

/// True when the document holds nothing at all (a fresh sync room).
pub fn is_empty<T: ReadTxn>(txn: &T) -> bool {
    txn.state_vector().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{new_doc, read_journey, write_journey};
    use yrs::Transact;

    #[test]
    fn identity_survives_projection_and_full_writes() {
        let j = crate::Journey::new("Map");
        let doc = new_doc(&j);
        assert_eq!(doc_id(&doc.transact()), None);
        set_doc_id(&mut doc.transact_mut(), "abc");
        let p = read_journey(&doc);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.journey, read_journey(&new_doc(&j)).journey);
        write_journey(&doc, &p.journey);
        assert_eq!(doc_id(&doc.transact()).as_deref(), Some("abc"));
        assert!(!is_empty(&doc.transact()));
        assert!(is_empty(&yrs::Doc::new().transact()));
    }
}
