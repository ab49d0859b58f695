//! The journey document's text fields: which fields are Y.Text, how a new
//! value is written into one as a character edit (so it merges with someone
//! else's concurrent typing instead of replacing it), and the one-time
//! migration of documents written before text fields were Y.Text (plain
//! strings in the entity's Y.Map). The UI's twin is ui/src/lib/doc/text.ts;
//! both must pick the same fields and migrate identically.

use yrs::types::text::TextPrelim;
use yrs::updates::decoder::Decode;
use yrs::{
    Any, Doc, GetString, Map, MapRef, OffsetKind, Out, ReadTxn, StateVector, Text, TextRef,
    Transact, TransactionMut, Update, WriteTxn,
};

use crate::doc::{ENTITY_COLLECTIONS, META};

/// The fields of `collection` (`meta` or an entity collection) that people
/// type into, stored as Y.Text. Lists (a persona's goals, frustrations) stay
/// plain arrays: each item is a short phrase replaced as a whole.
pub fn text_fields(collection: &str) -> &'static [&'static str] {
    match collection {
        META => &["title", "description", "scenario", "expectations"],
        "personas" => &["name", "role", "quote"],
        "stages" => &["name", "description", "customer_goal"],
        "lanes" => &["name"],
        "touchpoints" => &["title", "description", "channel", "owner"],
        "annotations" => &["text"],
        _ => &[],
    }
}

/// Makes `text` read `new` by deleting and inserting only where the two
/// differ, so concurrent edits elsewhere in the same text survive.
pub fn set_text(txn: &mut TransactionMut, text: &TextRef, new: &str) {
    let old = text.get_string(txn);
    if old == new {
        return;
    }
    let utf16 = txn.doc().offset_kind() == OffsetKind::Utf16;
    let len = |s: &str| -> u32 {
        let n = if utf16 {
            s.encode_utf16().count()
        } else {
            s.len()
        };
        u32::try_from(n).expect("a text field fits in u32")
    };
    let mut at = 0u32;
    for chunk in dissimilar::diff(&old, new) {
        match chunk {
            dissimilar::Chunk::Equal(s) => at += len(s),
            dissimilar::Chunk::Delete(s) => text.remove_range(txn, at, len(s)),
            dissimilar::Chunk::Insert(s) => {
                text.insert(txn, at, s);
                at += len(s);
            }
        }
    }
}

/// Writes `value` into the text field `key` of `ymap`: an edit of the Y.Text
/// there, or a new Y.Text when the field is missing or an old plain string
/// that differs (an equal one is left for [`migrate_text`] to convert).
pub fn write_text_field(txn: &mut TransactionMut, ymap: &MapRef, key: &str, value: &str) {
    match ymap.get(txn, key) {
        Some(Out::YText(t)) => set_text(txn, &t, value),
        Some(Out::Any(Any::String(s))) if &*s == value => {}
        _ => {
            ymap.insert(txn, key, TextPrelim::new(value));
        }
    }
}

/// A text field still held as a plain string: collection, entity id (empty
/// for `meta`), field, value.
type PlainField = (&'static str, String, &'static str, String);

/// The document's text fields still stored as plain strings, in the order
/// both migrations (this one and the UI's) convert them: by collection name,
/// entity id and field, comparing UTF-16 code units as JavaScript does.
fn plain_text_fields<T: ReadTxn>(txn: &T) -> Vec<PlainField> {
    let mut out = Vec::new();
    let mut scan = |collection: &'static str, id: String, m: &MapRef| {
        for key in text_fields(collection) {
            if let Some(Out::Any(Any::String(s))) = m.get(txn, key) {
                out.push((collection, id.clone(), *key, s.to_string()));
            }
        }
    };
    if let Some(meta) = txn.get_map(META) {
        scan(META, String::new(), &meta);
    }
    for name in ENTITY_COLLECTIONS {
        if let Some(root) = txn.get_map(name) {
            for (id, v) in root.iter(txn) {
                if let Out::YMap(m) = v {
                    scan(name, id.to_string(), &m);
                }
            }
        }
    }
    let utf16 = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
    out.sort_by(|a, b| {
        (utf16(a.0), utf16(&a.1), utf16(a.2)).cmp(&(utf16(b.0), utf16(&b.1), utf16(b.2)))
    });
    out
}

/// The client id a migration writes with: a hash (64-bit FNV-1a, kept to 53
/// bits as Yjs client ids are) of the document's state vector and of the
/// fields it converts. Two replicas that convert the same old document
/// compute the same id and write the very same items, which Yjs then counts
/// once.
fn migration_client(sv: &StateVector, fields: &[PlainField]) -> u64 {
    let mut clients: Vec<(u64, u32)> = sv.iter().map(|(c, k)| (c.get(), *k)).collect();
    clients.sort_unstable();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for (client, clock) in clients {
        feed(format!("{client}:{clock};").as_bytes());
    }
    for (collection, id, key, value) in fields {
        feed(format!("{collection}\u{0}{id}\u{0}{key}\u{0}{value}\u{1}").as_bytes());
    }
    match h & ((1 << 53) - 1) {
        0 => 1,
        id => id,
    }
}

/// Converts every text field that is still a plain string into a Y.Text
/// with the same content, in one transaction, and returns the update it made
/// (`None` when there was nothing to convert).
///
/// Replacing a map value is last-writer-wins, so two replicas that each
/// converted an old field on their own would keep only one of the two new
/// Y.Texts, and typing already done into the other would be lost. The
/// conversion therefore writes as a client id derived from the old state
/// ([`migration_client`]): every replica (yrs here, yjs in the UI) converting
/// the same state makes identical items with identical ids, so the
/// conversions are one and the same edit, not two that compete.
pub fn migrate_text(doc: &Doc) -> Option<Vec<u8>> {
    let (sv, fields, state) = {
        let txn = doc.transact();
        let fields = plain_text_fields(&txn);
        if fields.is_empty() {
            return None;
        }
        let sv = txn.state_vector();
        let state = txn.encode_state_as_update_v1(&StateVector::default());
        (sv, fields, state)
    };
    let scratch = Doc::with_client_id(migration_client(&sv, &fields));
    {
        let mut txn = scratch.transact_mut();
        txn.apply_update(Update::decode_v1(&state).expect("own state decodes"))
            .expect("own state applies");
    }
    {
        let mut txn = scratch.transact_mut();
        for (collection, id, key, value) in &fields {
            let map = if *collection == META {
                Some(txn.get_or_insert_map(META))
            } else {
                match txn.get_or_insert_map(*collection).get(&txn, id) {
                    Some(Out::YMap(m)) => Some(m),
                    _ => None,
                }
            };
            if let Some(m) = map {
                m.insert(&mut txn, *key, TextPrelim::new(value.as_str()));
            }
        }
    }
    let update = scratch.transact().encode_diff_v1(&sv);
    doc.transact_mut()
        .apply_update(Update::decode_v1(&update).expect("own update decodes"))
        .expect("own update applies");
    Some(update)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_doc(s: &str) -> (Doc, TextRef) {
        let doc = Doc::new();
        let t = doc.get_or_insert_text("t");
        t.insert(&mut doc.transact_mut(), 0, s);
        (doc, t)
    }

    #[test]
    fn set_text_edits_only_what_changed() {
        for (old, new) in [
            ("Pay the bill", "Pay the whole bill"),
            ("Pay the bill", "Pay bill"),
            ("", "Café ☕ ok"),
            ("Café ☕ ok", "Café 🍵 ok!"),
            ("abc", ""),
        ] {
            let (doc, t) = text_doc(old);
            set_text(&mut doc.transact_mut(), &t, new);
            assert_eq!(t.get_string(&doc.transact()), new);
        }
        // Appending keeps the old characters' items: a concurrent insert
        // into the old text still lands.
        let (a, ta) = text_doc("Pay the bill");
        let b = Doc::new();
        let tb = b.get_or_insert_text("t");
        let s = a
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        b.transact_mut()
            .apply_update(Update::decode_v1(&s).unwrap())
            .unwrap();
        set_text(&mut a.transact_mut(), &ta, "Pay the bill online");
        set_text(&mut b.transact_mut(), &tb, "Pay the gas bill");
        let ua = a.transact().encode_diff_v1(&b.transact().state_vector());
        let ub = b.transact().encode_diff_v1(&a.transact().state_vector());
        a.transact_mut()
            .apply_update(Update::decode_v1(&ub).unwrap())
            .unwrap();
        b.transact_mut()
            .apply_update(Update::decode_v1(&ua).unwrap())
            .unwrap();
        assert_eq!(ta.get_string(&a.transact()), "Pay the gas bill online");
        assert_eq!(tb.get_string(&b.transact()), "Pay the gas bill online");
    }
}
