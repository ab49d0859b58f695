//! The journey's Yjs document schema, and the bridge between it and the typed
//! model.
//!
//! Longer than 600 lines on purpose: the schema and both directions of the
//! bridge stay together, so adding a field is a change to one file.
//!
//! Layout (root shared types):
//! - `meta`: Y.Map of the journey's own fields (title, description, scenario,
//!   expectations, primary_persona); object fields (`settings`, `inputs`) are
//!   nested Y.Maps so two people changing different settings both win.
//! - `personas`, `stages`, `lanes`, `touchpoints`, `connections`,
//!   `annotations`: Y.Map from entity id to a Y.Map of the entity's fields
//!   (the id itself is the key, not a field). Object fields (a touchpoint's
//!   `inputs`, an annotation's `votes` and `target`) are nested Y.Maps, so
//!   concurrent edits of different inputs, or votes by different people, merge.
//!   Text people type (titles, names, descriptions, notes; the list is
//!   [`crate::doc_text::text_fields`]) is a Y.Text, edited in place so that
//!   concurrent typing merges character by character; other scalars and
//!   arrays (tags, a persona's goals) are plain values: last writer wins.
//!   Documents written before text was Y.Text hold plain strings there; they
//!   read the same and are converted once ([`crate::doc_text::migrate_text`]).
//! - `evidence`: Y.Map from `touchpoint|wave` to one plain value, the
//!   statistics of that touchpoint's answers in that wave
//!   ([`crate::evidence::WaveEvidence`]); the raw answers live in the
//!   library's tables, so a workshop browser never downloads a survey.
//! - `responses`: raw answers, one plain value per identity key, as maps
//!   kept them before `evidence` (issue 17). Still read, so such a document
//!   scores the same; the library moves them to its tables once.
//!
//! Order lives in each entity's `order` key (see [`crate::order`]).
//!
//! Writing ([`write_journey`]) reconciles: only fields that differ are set and
//! only entities that are gone are removed, so writing a model into a document
//! that other people edit produces the smallest update.

use std::collections::HashSet;

use serde_json::{Map as JsonMap, Value};
use yrs::{Any, Doc, In, Map, MapPrelim, MapRef, Out, ReadTxn, Transact, TransactionMut, WriteTxn};

use crate::doc_text::{text_fields, write_text_field};
use crate::evidence::WaveEvidence;
use crate::model::{Annotation, Connection, Id, Journey, SurveyResponse, Target, Touchpoint};
use crate::validate::Problem;

pub const META: &str = "meta";

/// Entity collections stored as Y.Map of Y.Maps, keyed by id.
pub const ENTITY_COLLECTIONS: [&str; 6] = [
    "personas",
    "stages",
    "lanes",
    "touchpoints",
    "connections",
    "annotations",
];
/// Collections stored as Y.Map of plain values.
pub const RESPONSES: &str = "responses";
pub const EVIDENCE: &str = "evidence";
pub const PLAIN_COLLECTIONS: [&str; 2] = [RESPONSES, EVIDENCE];

/// Whether `name` is one of the map's own root types (those the projection
/// reads).
pub fn is_map_root(name: &str) -> bool {
    name == META || PLAIN_COLLECTIONS.contains(&name) || ENTITY_COLLECTIONS.contains(&name)
}

/// The document's other root types (the sync identity, say) with their
/// content, sorted by name: what the projection does not show.
pub fn other_roots<T: ReadTxn>(txn: &T) -> Vec<(String, Any)> {
    use yrs::types::ToJson;
    let mut out: Vec<(String, Any)> = txn
        .root_refs()
        .filter(|(name, _)| !is_map_root(name))
        .map(|(name, v)| (name.to_string(), v.to_json(txn)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A document read into the typed model, with anything that could not be read.
#[derive(Debug, Clone)]
pub struct Projection {
    pub journey: Journey,
    /// Entities or fields the document holds that do not fit the model (for
    /// example a value written by a buggy or hostile peer). They are left out
    /// of `journey` and reported here; the document keeps them.
    pub problems: Vec<Problem>,
}

/// Reads the typed journey out of `doc`.
pub fn read_journey(doc: &Doc) -> Projection {
    let txn = doc.transact();
    read_journey_txn(&txn)
}

pub fn read_journey_txn<T: ReadTxn>(txn: &T) -> Projection {
    let mut problems = Vec::new();
    let mut journey = read_meta(txn).unwrap_or_else(|p| {
        problems.push(p);
        Journey::new(crate::repair::UNTITLED_JOURNEY)
    });
    macro_rules! read_collection {
        ($name:literal, $field:ident) => {
            if let Some(root) = txn.get_map($name) {
                for (key, out) in root.iter(txn) {
                    match read_entity(txn, $name, key, out) {
                        Ok(v) => journey.$field.push(v),
                        Err(p) => problems.push(p),
                    }
                }
            }
        };
    }
    read_collection!("personas", personas);
    read_collection!("stages", stages);
    read_collection!("lanes", lanes);
    read_collection!("touchpoints", touchpoints);
    read_collection!("connections", connections);
    read_collection!("annotations", annotations);
    if let Some(root) = txn.get_map(RESPONSES) {
        for (key, out) in root.iter(txn) {
            match read_response(key, out) {
                Ok(r) => journey.responses.push(r),
                Err(p) => problems.push(p),
            }
        }
    }
    if let Some(root) = txn.get_map(EVIDENCE) {
        for (key, out) in root.iter(txn) {
            match read_evidence(key, out) {
                Ok(e) => journey.evidence.push(e),
                Err(p) => problems.push(p),
            }
        }
    }
    problems.extend(crate::repair::repair(&mut journey));
    drop_dangling(&mut journey, &mut problems);
    journey.normalize();
    Projection { journey, problems }
}

/// The journey's own fields (no collections) as the document holds them.
pub(crate) fn read_meta<T: ReadTxn>(txn: &T) -> Result<Journey, Problem> {
    let meta = txn
        .get_map(META)
        .map(|m| read_fields(txn, &m))
        .unwrap_or_default();
    serde_json::from_value::<Journey>(Value::Object(meta)).map_err(|e| Problem {
        path: META.into(),
        message: format!("unreadable journey fields: {e}"),
    })
}

/// One entity of the collection `name`, stored under `key` as `out`.
pub(crate) fn read_entity<T: ReadTxn, E: serde::de::DeserializeOwned>(
    txn: &T,
    name: &str,
    key: &str,
    out: Out,
) -> Result<E, Problem> {
    let Out::YMap(m) = out else {
        return Err(Problem {
            path: format!("{name}[{key}]"),
            message: "is not a map".into(),
        });
    };
    let mut fields = read_fields(txn, &m);
    fields.insert("id".into(), Value::String(key.to_string()));
    serde_json::from_value(Value::Object(fields)).map_err(|e| Problem {
        path: format!("{name}[{key}]"),
        message: format!("unreadable: {e}"),
    })
}

/// One survey answer, stored under `key` as `out`.
pub(crate) fn read_response(key: &str, out: Out) -> Result<SurveyResponse, Problem> {
    let parsed = match out {
        Out::Any(a) => {
            serde_json::from_value::<SurveyResponse>(any_to_json(&a)).map_err(|e| e.to_string())
        }
        _ => Err("is not a plain value".to_string()),
    };
    match parsed {
        Ok(r) if r.key() == key => Ok(r),
        Ok(_) => Err(Problem {
            path: format!("{RESPONSES}[{key}]"),
            message: "key does not match the response's identity".into(),
        }),
        Err(e) => Err(Problem {
            path: format!("{RESPONSES}[{key}]"),
            message: format!("unreadable: {e}"),
        }),
    }
}

/// One touchpoint's statistics from one wave, stored under `key` as `out`.
pub(crate) fn read_evidence(key: &str, out: Out) -> Result<WaveEvidence, Problem> {
    let problem = |message: String| Problem {
        path: format!("{EVIDENCE}[{key}]"),
        message,
    };
    let e = match out {
        Out::Any(a) => serde_json::from_value::<WaveEvidence>(any_to_json(&a))
            .map_err(|e| problem(format!("unreadable: {e}")))?,
        _ => return Err(problem("is not a plain value".into())),
    };
    if e.key() != key {
        return Err(problem("key does not match the touchpoint and wave".into()));
    }
    match e.stats.impossible() {
        Some(why) => Err(problem(format!("hidden: {why}"))),
        None => Ok(e),
    }
}

/// The entities other entities refer to, as the projection sees them: an
/// entity whose reference is not [`Present`] is dangling. The rules below
/// are the projection's, shared with [`crate::incremental`].
pub(crate) trait Present {
    fn persona(&self, id: Id) -> bool;
    fn stage(&self, id: Id) -> bool;
    fn lane(&self, id: Id) -> bool;
    fn touchpoint(&self, id: Id) -> bool;
}

/// A touchpoint is shown when its stage and lane are.
pub(crate) fn placed(t: &Touchpoint, p: &impl Present) -> bool {
    p.stage(t.stage) && p.lane(t.lane)
}

/// A connection is shown when both ends are, and they differ.
pub(crate) fn connected(c: &Connection, p: &impl Present) -> bool {
    p.touchpoint(c.from) && p.touchpoint(c.to) && c.from != c.to
}

/// A note is shown when what it is stuck to is.
pub(crate) fn anchored(a: &Annotation, p: &impl Present) -> bool {
    match a.target {
        Target::Map => true,
        Target::Stage(id) => p.stage(id),
        Target::Touchpoint(id) => p.touchpoint(id),
    }
}

/// An answer is shown when its touchpoint is.
pub(crate) fn answered(r: &SurveyResponse, p: &impl Present) -> bool {
    p.touchpoint(r.touchpoint)
}

/// Evidence is shown when its touchpoint is.
pub(crate) fn evidenced(e: &WaveEvidence, p: &impl Present) -> bool {
    p.touchpoint(e.touchpoint)
}

/// The ids of a journey's referenced entities, for many look-ups.
#[derive(Default)]
struct IdSets {
    personas: HashSet<Id>,
    stages: HashSet<Id>,
    lanes: HashSet<Id>,
    touchpoints: HashSet<Id>,
}

impl Present for IdSets {
    fn persona(&self, id: Id) -> bool {
        self.personas.contains(&id)
    }
    fn stage(&self, id: Id) -> bool {
        self.stages.contains(&id)
    }
    fn lane(&self, id: Id) -> bool {
        self.lanes.contains(&id)
    }
    fn touchpoint(&self, id: Id) -> bool {
        self.touchpoints.contains(&id)
    }
}

/// Concurrent edits can leave references dangling (one person deletes a stage
/// while another moves a touchpoint into it). The projection leaves such
/// entities out, so every reader sees a valid map, and reports them; the
/// document keeps them, so undoing the delete brings them back. A
/// touchpoint's personas that are gone are dropped without a word.
fn drop_dangling(j: &mut Journey, problems: &mut Vec<Problem>) {
    let mut report = |path: String, message: String| problems.push(Problem { path, message });
    let mut ids = IdSets {
        personas: j.personas.iter().map(|p| p.id).collect(),
        stages: j.stages.iter().map(|s| s.id).collect(),
        lanes: j.lanes.iter().map(|l| l.id).collect(),
        ..IdSets::default()
    };
    if j.primary_persona.is_some_and(|p| !ids.persona(p)) {
        report(
            "meta.primary_persona".into(),
            "refers to a deleted persona".into(),
        );
        j.primary_persona = None;
    }
    j.touchpoints.retain_mut(|t| {
        t.personas.retain(|p| ids.persona(*p));
        let ok = placed(t, &ids);
        if !ok {
            report(
                format!("touchpoints[{}]", t.id),
                "its stage or lane was deleted; hidden".into(),
            );
        }
        ok
    });
    ids.touchpoints = j.touchpoints.iter().map(|t| t.id).collect();
    j.connections.retain(|c| {
        let ok = connected(c, &ids);
        if !ok {
            report(
                format!("connections[{}]", c.id),
                "an end was deleted; hidden".into(),
            );
        }
        ok
    });
    j.annotations.retain(|a| {
        let ok = anchored(a, &ids);
        if !ok {
            report(
                format!("annotations[{}]", a.id),
                "its target was deleted; hidden".into(),
            );
        }
        ok
    });
    j.responses.retain(|r| {
        let ok = answered(r, &ids);
        if !ok {
            report(
                format!("responses[{}]", r.key()),
                "its touchpoint was deleted; hidden".into(),
            );
        }
        ok
    });
    j.evidence.retain(|e| {
        let ok = evidenced(e, &ids);
        if !ok {
            report(
                format!("{EVIDENCE}[{}]", e.key()),
                "its touchpoint was deleted; hidden".into(),
            );
        }
        ok
    });
}

/// Makes `doc` hold exactly `journey`, changing only what differs.
pub fn write_journey(doc: &Doc, journey: &Journey) {
    let mut txn = doc.transact_mut();
    write_journey_txn(&mut txn, journey);
}

pub fn write_journey_txn(txn: &mut TransactionMut, journey: &Journey) {
    let Value::Object(mut all) = serde_json::to_value(journey).expect("journey serializes") else {
        unreachable!("a struct serializes to an object")
    };
    let mut collections: Vec<(&str, Vec<Value>)> = Vec::new();
    for name in ENTITY_COLLECTIONS.iter().chain(&PLAIN_COLLECTIONS) {
        let items = match all.remove(*name) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        collections.push((name, items));
    }
    let meta = txn.get_or_insert_map(META);
    reconcile_fields(txn, &meta, &all, true, text_fields(META));

    for (name, items) in collections {
        let root = txn.get_or_insert_map(name);
        let mut keep: HashSet<String> = HashSet::with_capacity(items.len());
        if name == RESPONSES {
            for (item, r) in items.into_iter().zip(&journey.responses) {
                let key = r.key();
                let any = json_to_any(&item);
                let same = matches!(root.get(txn, &key), Some(Out::Any(ref a)) if *a == any);
                if !same {
                    root.insert(txn, key.as_str(), any);
                }
                keep.insert(key);
            }
        } else if name == EVIDENCE {
            for (item, e) in items.into_iter().zip(&journey.evidence) {
                let key = e.key();
                let any = json_to_any(&item);
                let same = matches!(root.get(txn, &key), Some(Out::Any(ref a)) if *a == any);
                if !same {
                    root.insert(txn, key.as_str(), any);
                }
                keep.insert(key);
            }
        } else {
            for item in items {
                let Value::Object(mut fields) = item else {
                    continue;
                };
                let Some(Value::String(id)) = fields.remove("id") else {
                    continue;
                };
                match root.get(txn, &id) {
                    Some(Out::YMap(m)) => {
                        reconcile_fields(txn, &m, &fields, true, text_fields(name))
                    }
                    _ => insert_entity(txn, &root, &id, &fields, text_fields(name)),
                }
                keep.insert(id);
            }
        }
        let gone: Vec<String> = root
            .keys(txn)
            .filter(|k| !keep.contains(*k))
            .map(str::to_string)
            .collect();
        for k in gone {
            root.remove(txn, &k);
        }
    }
}

/// The journey's own fields, without its collections.
fn meta_of(j: &Journey) -> Journey {
    Journey {
        title: j.title.clone(),
        description: j.description.clone(),
        scenario: j.scenario.clone(),
        expectations: j.expectations.clone(),
        primary_persona: j.primary_persona,
        settings: j.settings.clone(),
        inputs: j.inputs.clone(),
        targets: j.targets,
        ..Journey::default()
    }
}

pub(crate) fn meta_fields(j: &Journey) -> JsonMap<String, Value> {
    let Value::Object(mut all) = serde_json::to_value(meta_of(j)).expect("journey serializes")
    else {
        unreachable!("a struct serializes to an object")
    };
    for name in ENTITY_COLLECTIONS.iter().chain(&PLAIN_COLLECTIONS) {
        all.remove(*name);
    }
    all
}

/// Writes into the document only what differs between `before` (what the
/// document holds now, as projected) and `after`. Equivalent to
/// [`write_journey_txn`] with `after` when the document projects to `before`,
/// but costs time in proportion to the change, not the map; entities the
/// projection hid (dangling after a concurrent delete) are left alone.
pub fn write_journey_diff(txn: &mut TransactionMut, before: &Journey, after: &Journey) {
    if meta_of(before) != meta_of(after) {
        let meta = txn.get_or_insert_map(META);
        reconcile_fields(txn, &meta, &meta_fields(after), true, text_fields(META));
    }
    diff_collection(txn, "personas", &before.personas, &after.personas, |p| {
        p.id.to_string()
    });
    diff_collection(txn, "stages", &before.stages, &after.stages, |s| {
        s.id.to_string()
    });
    diff_collection(txn, "lanes", &before.lanes, &after.lanes, |l| {
        l.id.to_string()
    });
    diff_collection(
        txn,
        "touchpoints",
        &before.touchpoints,
        &after.touchpoints,
        |t| t.id.to_string(),
    );
    diff_collection(
        txn,
        "connections",
        &before.connections,
        &after.connections,
        |c| c.id.to_string(),
    );
    diff_collection(
        txn,
        "annotations",
        &before.annotations,
        &after.annotations,
        |a| a.id.to_string(),
    );
    let old: std::collections::HashMap<String, &SurveyResponse> =
        before.responses.iter().map(|r| (r.key(), r)).collect();
    let mut keep = HashSet::with_capacity(after.responses.len());
    let root = txn.get_or_insert_map(RESPONSES);
    for r in &after.responses {
        let key = r.key();
        if old.get(&key) != Some(&r) {
            let any = json_to_any(&serde_json::to_value(r).expect("response serializes"));
            root.insert(txn, key.as_str(), any);
        }
        keep.insert(key);
    }
    for key in old.keys().filter(|k| !keep.contains(*k)) {
        root.remove(txn, key);
    }
    diff_plain(txn, EVIDENCE, &before.evidence, &after.evidence, |e| {
        e.key()
    });
}

/// As [`diff_collection`] for a collection of plain values.
fn diff_plain<T: serde::Serialize + PartialEq>(
    txn: &mut TransactionMut,
    name: &str,
    before: &[T],
    after: &[T],
    key: impl Fn(&T) -> String,
) {
    let mut old: std::collections::HashMap<String, &T> =
        before.iter().map(|e| (key(e), e)).collect();
    let root = txn.get_or_insert_map(name);
    for e in after {
        let k = key(e);
        if old.remove(&k).is_some_and(|o| o == e) {
            continue;
        }
        let any = json_to_any(&serde_json::to_value(e).expect("evidence serializes"));
        root.insert(txn, k.as_str(), any);
    }
    for k in old.into_keys() {
        root.remove(txn, &k);
    }
}

fn diff_collection<T: serde::Serialize + PartialEq>(
    txn: &mut TransactionMut,
    name: &str,
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> String,
) {
    let mut old: std::collections::HashMap<String, &T> =
        before.iter().map(|e| (id(e), e)).collect();
    let root = txn.get_or_insert_map(name);
    for e in after {
        let key = id(e);
        if old.remove(&key).is_some_and(|o| o == e) {
            continue;
        }
        let Value::Object(mut fields) = serde_json::to_value(e).expect("entity serializes") else {
            continue;
        };
        fields.remove("id");
        match root.get(txn, &key) {
            Some(Out::YMap(m)) => reconcile_fields(txn, &m, &fields, true, text_fields(name)),
            _ => insert_entity(txn, &root, &key, &fields, text_fields(name)),
        }
    }
    for key in old.into_keys() {
        root.remove(txn, &key);
    }
}

/// A new document holding `journey`.
pub fn new_doc(journey: &Journey) -> Doc {
    let doc = Doc::new();
    write_journey(&doc, journey);
    doc
}

/// Adds an entity's Y.Map under `id`; its text fields become Y.Texts.
pub(crate) fn insert_entity(
    txn: &mut TransactionMut,
    root: &MapRef,
    id: &str,
    fields: &JsonMap<String, Value>,
    text: &[&str],
) {
    let (texts, plain): (JsonMap<String, Value>, JsonMap<String, Value>) = fields
        .clone()
        .into_iter()
        .partition(|(k, v)| v.is_string() && text.contains(&k.as_str()));
    let m = root.insert(txn, id, prelim(&plain, true));
    for (k, v) in texts {
        write_text_field(txn, &m, &k, v.as_str().unwrap_or_default());
    }
}

/// Makes `ymap` hold exactly `fields`: `text` names the keys that are Y.Text
/// (edited by their difference), `nest` whether objects become nested maps.
pub(crate) fn reconcile_fields(
    txn: &mut TransactionMut,
    ymap: &MapRef,
    fields: &JsonMap<String, Value>,
    nest: bool,
    text: &[&str],
) {
    for (k, v) in fields {
        match (nest, v) {
            (_, Value::String(s)) if text.contains(&k.as_str()) => {
                write_text_field(txn, ymap, k, s);
            }
            (true, Value::Object(inner)) => match ymap.get(txn, k) {
                Some(Out::YMap(m)) => reconcile_fields(txn, &m, inner, false, &[]),
                _ => {
                    ymap.insert(txn, k.as_str(), prelim(inner, false));
                }
            },
            _ => {
                let any = json_to_any(v);
                let same = matches!(ymap.get(txn, k), Some(Out::Any(ref a)) if *a == any);
                if !same {
                    ymap.insert(txn, k.as_str(), any);
                }
            }
        }
    }
    let gone: Vec<String> = ymap
        .keys(txn)
        .filter(|k| !fields.contains_key(*k))
        .map(str::to_string)
        .collect();
    for k in gone {
        ymap.remove(txn, &k);
    }
}

fn prelim(fields: &JsonMap<String, Value>, nest: bool) -> MapPrelim {
    fields
        .iter()
        .map(|(k, v)| {
            let value = match (nest, v) {
                (true, Value::Object(inner)) => In::Map(prelim(inner, false)),
                _ => In::Any(json_to_any(v)),
            };
            (k.clone(), value)
        })
        .collect()
}

fn read_fields<T: ReadTxn>(txn: &T, ymap: &MapRef) -> JsonMap<String, Value> {
    let mut out = JsonMap::new();
    for (k, v) in ymap.iter(txn) {
        let value = match v {
            Out::Any(a) => any_to_json(&a),
            Out::YMap(m) => Value::Object(read_fields(txn, &m)),
            Out::YText(t) => {
                use yrs::GetString;
                Value::String(t.get_string(txn))
            }
            // Other shared types are not part of the schema; a reader that
            // meets one leaves the field out and validation reports it.
            _ => continue,
        };
        out.insert(k.to_string(), value);
    }
    out
}

/// JSON to a Yjs value. Integral numbers become integers, as Yjs writes them.
pub fn json_to_any(v: &Value) -> Any {
    match v {
        Value::Null => Any::Null,
        Value::Bool(b) => Any::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Any::Number(yrs::any::Number::Int(i))
            } else if let Some(u) = n.as_u64() {
                Any::Number(yrs::any::Number::Float(u as f64))
            } else {
                let f = n.as_f64().unwrap_or(0.0);
                Any::Number(yrs::any::Number::try_i64(f))
            }
        }
        Value::String(s) => Any::String(s.as_str().into()),
        Value::Array(items) => Any::Array(items.iter().map(json_to_any).collect()),
        Value::Object(m) => Any::Map(std::sync::Arc::new(
            m.iter().map(|(k, v)| (k.clone(), json_to_any(v))).collect(),
        )),
    }
}

/// A Yjs value to JSON; integral floats become integers so integer fields read
/// back whichever way a peer encoded them.
pub fn any_to_json(a: &Any) -> Value {
    match a {
        Any::Null | Any::Undefined => Value::Null,
        Any::Bool(b) => Value::Bool(*b),
        Any::Number(n) => match *n {
            yrs::any::Number::Int(i) => Value::from(i),
            yrs::any::Number::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
                    Value::from(f as i64)
                } else {
                    serde_json::Number::from_f64(f)
                        .map(Value::Number)
                        .unwrap_or(Value::Null)
                }
            }
        },
        Any::String(s) => Value::String(s.to_string()),
        Any::Buffer(_) => Value::Null,
        Any::Array(items) => Value::Array(items.iter().map(any_to_json).collect()),
        Any::Map(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), any_to_json(v))).collect()),
    }
}
