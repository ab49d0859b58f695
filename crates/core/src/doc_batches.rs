//! A large map's document built as a series of small Yjs updates, so an
//! import never holds the whole document in memory.
//!
//! A Yjs document costs several times the text it holds (an item, a key and
//! a branch per field), so building a 20 MB map's document at once costs
//! over 100 MB. Here each batch of about [`BATCH_BYTES`] of content is
//! written into a fresh document of its own (its own client id), encoded and
//! dropped. New entities and answers go under keys no other batch uses, so
//! the updates never conflict: applied in any order they make a document that
//! reads exactly as [`crate::doc::new_doc`] of the same map.

use serde::Serialize;
use serde_json::{Map as JsonMap, Value};
use yrs::{Doc, Map, ReadTxn, StateVector, Transact, TransactionMut, WriteTxn};

use crate::doc::{insert_entity, json_to_any, meta_fields, reconcile_fields, META, RESPONSES};
use crate::doc_text::text_fields;
use crate::model::{Journey, SurveyResponse};

/// Content (text and values, roughly in bytes) written into one batch.
pub const BATCH_BYTES: usize = 1 << 20;

/// Fills fresh documents and hands each one's update to `emit` once it holds
/// about `budget` bytes.
struct Batches<F> {
    doc: Option<Doc>,
    bytes: usize,
    budget: usize,
    emit: F,
}

impl<E, F: FnMut(Vec<u8>) -> Result<(), E>> Batches<F> {
    fn new(budget: usize, emit: F) -> Self {
        Batches {
            doc: None,
            bytes: 0,
            budget: budget.max(1),
            emit,
        }
    }

    /// Writes `weight` bytes of content with `write` into the current batch,
    /// first sending that batch when it is full.
    fn write(&mut self, weight: usize, write: impl FnOnce(&mut TransactionMut)) -> Result<(), E> {
        if self.bytes > 0 && self.bytes + weight > self.budget {
            self.flush()?;
        }
        let doc = self.doc.get_or_insert_with(Doc::new);
        write(&mut doc.transact_mut());
        self.bytes += weight;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        if let Some(doc) = self.doc.take() {
            let update = doc
                .transact()
                .encode_state_as_update_v1(&StateVector::default());
            drop(doc);
            self.bytes = 0;
            (self.emit)(update)?;
        }
        Ok(())
    }

    fn entities<T: Serialize>(&mut self, name: &str, items: &[T]) -> Result<(), E> {
        for item in items {
            let Value::Object(mut fields) = serde_json::to_value(item).expect("entity serializes")
            else {
                continue;
            };
            let Some(Value::String(id)) = fields.remove("id") else {
                continue;
            };
            self.write(weight(&fields) + id.len(), |txn| {
                let root = txn.get_or_insert_map(name);
                insert_entity(txn, &root, &id, &fields, text_fields(name));
            })?;
        }
        Ok(())
    }

    fn responses<'a>(
        &mut self,
        responses: impl IntoIterator<Item = &'a SurveyResponse>,
    ) -> Result<(), E> {
        for r in responses {
            let value = serde_json::to_value(r).expect("response serializes");
            let key = r.key();
            self.write(weight_of(&value) + key.len(), |txn| {
                let root = txn.get_or_insert_map(RESPONSES);
                root.insert(txn, key.as_str(), json_to_any(&value));
            })?;
        }
        Ok(())
    }

    fn evidence(&mut self, evidence: &[crate::evidence::WaveEvidence]) -> Result<(), E> {
        for e in evidence {
            let value = serde_json::to_value(e).expect("evidence serializes");
            let key = e.key();
            self.write(weight_of(&value) + key.len(), |txn| {
                let root = txn.get_or_insert_map(crate::doc::EVIDENCE);
                root.insert(txn, key.as_str(), json_to_any(&value));
            })?;
        }
        Ok(())
    }
}

/// Roughly the bytes of content in `fields`: what a batch is measured by.
fn weight(fields: &JsonMap<String, Value>) -> usize {
    fields.iter().map(|(k, v)| k.len() + weight_of(v)).sum()
}

fn weight_of(v: &Value) -> usize {
    match v {
        Value::String(s) => s.len() + 8,
        Value::Array(items) => 8 + items.iter().map(weight_of).sum::<usize>(),
        Value::Object(m) => 8 + weight(m),
        _ => 8,
    }
}

/// The document of a new map holding `journey`, as updates of about
/// `budget` bytes of content each, handed to `emit` in order (the first
/// holds the map's own fields). Together they read as
/// [`crate::doc::new_doc`]`(journey)`; a small map is one update.
pub fn new_doc_updates<E>(
    journey: &Journey,
    budget: usize,
    emit: impl FnMut(Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let mut b = Batches::new(budget, emit);
    let meta = meta_fields(journey);
    b.write(weight(&meta), |txn| {
        let root = txn.get_or_insert_map(META);
        reconcile_fields(txn, &root, &meta, true, text_fields(META));
    })?;
    b.entities("personas", &journey.personas)?;
    b.entities("stages", &journey.stages)?;
    b.entities("lanes", &journey.lanes)?;
    b.entities("touchpoints", &journey.touchpoints)?;
    b.entities("connections", &journey.connections)?;
    b.entities("annotations", &journey.annotations)?;
    b.responses(&journey.responses)?;
    b.evidence(&journey.evidence)?;
    b.flush()
}

/// Updates that add `responses` to a map's document, for answers whose keys
/// ([`SurveyResponse::key`]) the document does not hold yet (a key it holds
/// must be replaced through the document itself, so the new value wins).
/// Nothing is emitted for no answers.
pub fn response_updates<'a, E>(
    responses: impl IntoIterator<Item = &'a SurveyResponse>,
    budget: usize,
    emit: impl FnMut(Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    let mut b = Batches::new(budget, emit);
    b.responses(responses)?;
    b.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{new_doc, read_journey};
    use yrs::updates::decoder::Decode;
    use yrs::Update;

    fn apply(doc: &Doc, updates: &[Vec<u8>]) {
        let mut txn = doc.transact_mut();
        for u in updates {
            txn.apply_update(Update::decode_v1(u).unwrap()).unwrap();
        }
    }

    fn batches(journey: &Journey, budget: usize) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        new_doc_updates::<()>(journey, budget, |u| {
            out.push(u);
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn a_map_in_many_batches_reads_as_the_whole_document() {
        let mut journey = crate::templates::load("bank-lost-card").unwrap();
        journey.normalize();
        let whole = read_journey(&new_doc(&journey));
        let updates = batches(&journey, 200);
        assert!(updates.len() > 5, "small budget, many batches");
        // In reverse, too: the batches do not depend on each other.
        for order in [false, true] {
            let doc = Doc::new();
            let mut u = updates.clone();
            if order {
                u.reverse();
            }
            apply(&doc, &u);
            let p = read_journey(&doc);
            assert!(p.problems.is_empty(), "{:?}", p.problems);
            assert_eq!(p.journey, whole.journey);
        }
        assert_eq!(
            batches(&journey, usize::MAX).len(),
            1,
            "a small map is one update"
        );
    }

    #[test]
    fn synthetic_maps_in_batches_read_as_their_whole_documents() {
        for seed in 0..4 {
            let journey = crate::synth::journey(
                crate::synth::Size {
                    stages: 6,
                    lanes: 4,
                    touchpoints: 80,
                    annotations: 60,
                },
                seed,
            );
            let whole = read_journey(&new_doc(&journey));
            for budget in [1, 500, 5_000] {
                let doc = Doc::new();
                apply(&doc, &batches(&journey, budget));
                let p = read_journey(&doc);
                assert_eq!(p.problems, whole.problems, "seed {seed}, budget {budget}");
                assert_eq!(p.journey, whole.journey, "seed {seed}, budget {budget}");
            }
        }
    }

    #[test]
    fn answers_in_batches_join_the_map() {
        let journey = crate::templates::load("bank-lost-card").unwrap();
        let doc = new_doc(&journey);
        let tp = journey.touchpoints[0].id;
        let answers: Vec<SurveyResponse> = (0..50)
            .map(|i| SurveyResponse {
                touchpoint: tp,
                respondent: format!("r{i}"),
                date: "2026-03-02".into(),
                scale: crate::model::Scale::Csat,
                value: (1 + i % 5) as f64,
                comment: "fine".into(),
            })
            .collect();
        let mut updates = Vec::new();
        response_updates::<()>(&answers, 300, |u| {
            updates.push(u);
            Ok(())
        })
        .unwrap();
        assert!(updates.len() > 3);
        apply(&doc, &updates);
        let mut want = journey.clone();
        want.responses = answers;
        want.normalize();
        let p = read_journey(&doc);
        assert_eq!(p.journey.responses.len(), 50);
        assert_eq!(p.journey, read_journey(&new_doc(&want)).journey);
    }
}
