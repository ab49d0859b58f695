//! A projection kept up to date in time proportional to a change: a
//! [`Tracker`] records, from a document's deep events, which entities each
//! transaction touched ([`Touched`]), and [`reproject`] re-reads only those
//! into the typed model, and hands back what they were (for the derived
//! tables). Where the result could differ from what
//! [`crate::doc::read_journey`] reads (a deleted entity something still
//! refers to, something to mend or hide, an event it does not understand),
//! it says so and the caller projects the whole document instead. The property
//! test in `tests/incremental.rs` holds it to the full projection.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use yrs::types::{Event, PathSegment};
use yrs::{DeepObservable, Doc, Map, ReadTxn};

use crate::doc::{
    anchored, answered, connected, evidenced, placed, read_entity, read_evidence, read_meta,
    read_response, Present, ENTITY_COLLECTIONS, EVIDENCE, META, PLAIN_COLLECTIONS, RESPONSES,
};
use crate::evidence::WaveEvidence;
use crate::model::{note_order, CellOrder, Connection, Id, Journey, SurveyResponse, Target};
use crate::repair::one;
use crate::validate::Problem;

/// What transactions touched in a map's document.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Touched {
    /// The journey's own fields (`meta`).
    pub meta: bool,
    /// The keys touched in each collection ([`ENTITY_COLLECTIONS`] and
    /// [`PLAIN_COLLECTIONS`]): added, removed, or changed inside.
    pub keys: HashMap<&'static str, HashSet<String>>,
    /// Something the tracker does not follow changed: only a full
    /// projection is right.
    pub unknown: bool,
}

impl Touched {
    /// Everything: what the caller must assume when it knows nothing.
    pub fn everything() -> Touched {
        Touched {
            unknown: true,
            ..Touched::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.meta && !self.unknown && self.keys.values().all(HashSet::is_empty)
    }

    /// The touched keys of one collection.
    pub fn keys_of(&self, collection: &str) -> impl Iterator<Item = &str> {
        self.keys
            .get(collection)
            .into_iter()
            .flat_map(|k| k.iter().map(String::as_str))
    }

    pub fn count(&self, collection: &str) -> usize {
        self.keys.get(collection).map_or(0, HashSet::len)
    }

    /// Adds what `other` touched.
    pub fn merge(&mut self, other: Touched) {
        self.meta |= other.meta;
        self.unknown |= other.unknown;
        for (name, keys) in other.keys {
            self.keys.entry(name).or_default().extend(keys);
        }
    }

    fn record(&mut self, root: &'static str, txn: &yrs::TransactionMut, event: &Event) {
        if root == META {
            self.meta = true;
            return;
        }
        let keys = self.keys.entry(root).or_default();
        match (event.path().front(), event) {
            // Inside an entity: the first step is its key.
            (Some(PathSegment::Key(key)), _) => {
                keys.insert(key.to_string());
            }
            // The collection itself: entities added, removed or replaced.
            (None, Event::Map(m)) => keys.extend(m.keys(txn).keys().map(|k| k.to_string())),
            _ => self.unknown = true,
        }
    }
}

/// The observer's name on a document's root types.
const OBSERVER: &str = "waymark-incremental";

/// Records what each transaction on a document touches, until taken.
pub struct Tracker {
    touched: Arc<Mutex<Touched>>,
}

impl Tracker {
    /// Starts recording on `doc` (no transaction may be open on it). The
    /// map's root types are created if missing, which writes nothing.
    pub fn attach(doc: &Doc) -> Tracker {
        let touched = Arc::new(Mutex::new(Touched::default()));
        for root in std::iter::once(&META)
            .chain(ENTITY_COLLECTIONS.iter())
            .chain(PLAIN_COLLECTIONS.iter())
        {
            let root: &'static str = root;
            let map = doc.get_or_insert_map(root);
            let into = touched.clone();
            map.observe_deep(OBSERVER, move |txn, events| {
                let mut t = into.lock().unwrap_or_else(|p| p.into_inner());
                for event in events.iter() {
                    t.record(root, txn, event);
                }
            });
        }
        Tracker { touched }
    }

    /// What was touched since the last call.
    pub fn take(&self) -> Touched {
        std::mem::take(&mut *self.touched.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// Brings `journey` from the projection of the document before the
/// transactions that touched `touched` to the projection after them,
/// reading only what they touched. `journey` must be a projection that
/// reported no problems. Returns what the touched entities were before (a
/// journey holding only those, and the journey's own fields) when `journey`
/// is now exactly what [`crate::doc::read_journey`] returns, with no
/// problems; `None`, with `journey` unchanged, when the result might differ
/// from the full projection's: the caller reads the whole document then.
pub fn reproject<T: ReadTxn>(txn: &T, journey: &mut Journey, touched: &Touched) -> Option<Journey> {
    let mut was = Journey {
        title: journey.title.clone(),
        description: journey.description.clone(),
        scenario: journey.scenario.clone(),
        expectations: journey.expectations.clone(),
        primary_persona: journey.primary_persona,
        settings: journey.settings.clone(),
        inputs: journey.inputs.clone(),
        targets: journey.targets,
        ..Journey::default()
    };
    let fresh = read(txn, touched)?;
    if patch(journey, fresh, &mut was).is_some() {
        was.responses.sort_by_cached_key(|r| r.key());
        was.evidence.sort_by_cached_key(|e| e.key());
        return Some(was);
    }
    undo(journey, touched, was);
    None
}

/// Puts back what [`patch`] changed: every touched entity out, the old
/// ones in.
fn undo(j: &mut Journey, touched: &Touched, was: Journey) {
    let ids = |name| -> HashSet<Id> {
        touched
            .keys_of(name)
            .filter_map(|k| k.parse().ok())
            .collect()
    };
    take_out(&mut j.personas, &ids("personas"), |p| p.id);
    take_out(&mut j.stages, &ids("stages"), |s| s.id);
    take_out(&mut j.lanes, &ids("lanes"), |l| l.id);
    take_out(&mut j.touchpoints, &ids("touchpoints"), |t| t.id);
    take_out(&mut j.connections, &ids("connections"), |c| c.id);
    take_out(&mut j.annotations, &ids("annotations"), |a| a.id);
    let keys: HashSet<&str> = touched.keys_of(RESPONSES).collect();
    if !keys.is_empty() {
        j.responses.retain(|r| !keys.contains(r.key().as_str()));
    }
    let keys: HashSet<&str> = touched.keys_of(EVIDENCE).collect();
    if !keys.is_empty() {
        j.evidence.retain(|e| !keys.contains(e.key().as_str()));
    }
    j.title = was.title;
    j.description = was.description;
    j.scenario = was.scenario;
    j.expectations = was.expectations;
    j.primary_persona = was.primary_persona;
    j.settings = was.settings;
    j.inputs = was.inputs;
    j.personas.extend(was.personas);
    j.stages.extend(was.stages);
    j.lanes.extend(was.lanes);
    j.touchpoints.extend(was.touchpoints);
    j.connections.extend(was.connections);
    j.annotations.extend(was.annotations);
    j.responses.extend(was.responses);
    j.evidence.extend(was.evidence);
    j.normalize();
}

/// The touched part of the document, read and checked entity by entity.
struct Read {
    meta: Option<Journey>,
    personas: Fresh<crate::model::Persona>,
    stages: Fresh<crate::model::Stage>,
    lanes: Fresh<crate::model::Lane>,
    touchpoints: Fresh<crate::model::Touchpoint>,
    connections: Fresh<Connection>,
    annotations: Fresh<crate::model::Annotation>,
    answers: Vec<SurveyResponse>,
    answer_keys: Vec<String>,
    evidence: Vec<WaveEvidence>,
    evidence_keys: Vec<String>,
}

/// Reads what `touched` names; `None` when something in it is unreadable
/// or would be mended or hidden.
fn read<T: ReadTxn>(txn: &T, touched: &Touched) -> Option<Read> {
    if touched.unknown {
        return None;
    }
    let mut meta = None;
    if touched.meta {
        let mut m = read_meta(txn).ok()?;
        mended(|p| one::meta(&mut m, p))?;
        meta = Some(m);
    }
    let personas = fresh(txn, "personas", touched, |p, pr| {
        one::persona(p, pr);
        true
    })?;
    let stages = fresh(txn, "stages", touched, |s, pr| {
        one::stage(s, pr);
        true
    })?;
    let lanes = fresh(txn, "lanes", touched, |l, pr| {
        one::lane(l, pr);
        true
    })?;
    let touchpoints = fresh(txn, "touchpoints", touched, |t, pr| {
        one::touchpoint(t, pr);
        true
    })?;
    let connections = fresh(txn, "connections", touched, |_: &mut Connection, _| true)?;
    let annotations = fresh(txn, "annotations", touched, one::note)?;
    let answers = fresh_answers(txn, touched)?;
    let answer_keys = touched.keys_of(RESPONSES).map(str::to_string).collect();
    let evidence = fresh_evidence(txn, touched)?;
    let evidence_keys = touched.keys_of(EVIDENCE).map(str::to_string).collect();
    Some(Read {
        meta,
        personas,
        stages,
        lanes,
        touchpoints,
        connections,
        annotations,
        answers,
        answer_keys,
        evidence,
        evidence_keys,
    })
}

/// Puts what was read into `j`, the old entities into `was`; `None` when
/// the result is not the full projection's (the caller puts `j` back).
fn patch(j: &mut Journey, fresh: Read, was: &mut Journey) -> Option<()> {
    let Read {
        meta,
        personas,
        stages,
        lanes,
        mut touchpoints,
        connections,
        annotations,
        answers,
        answer_keys,
        evidence,
        evidence_keys,
    } = fresh;
    if let Some(m) = meta {
        j.title = m.title;
        j.description = m.description;
        j.scenario = m.scenario;
        j.expectations = m.expectations;
        j.primary_persona = m.primary_persona;
        j.settings = m.settings;
        j.inputs = m.inputs;
    }
    // Every touched entity is taken out (into `was`) and the fresh ones put back.
    let reordered = !(personas.ids.is_empty() && stages.ids.is_empty() && lanes.ids.is_empty());
    was.personas = take_out(&mut j.personas, &personas.ids, |p| p.id);
    was.stages = take_out(&mut j.stages, &stages.ids, |s| s.id);
    was.lanes = take_out(&mut j.lanes, &lanes.ids, |l| l.id);
    was.touchpoints = take_out(&mut j.touchpoints, &touchpoints.ids, |t| t.id);
    was.connections = take_out(&mut j.connections, &connections.ids, |c| c.id);
    was.annotations = take_out(&mut j.annotations, &annotations.ids, |a| a.id);
    for key in &answer_keys {
        if let Ok(at) = j.responses.binary_search_by(|r| r.key().cmp(key)) {
            was.responses.push(j.responses.remove(at));
        }
    }
    for key in &evidence_keys {
        if let Ok(at) = j.evidence.binary_search_by(|e| e.key().cmp(key)) {
            was.evidence.push(j.evidence.remove(at));
        }
    }
    // A fresh id must be no other entity's.
    let fresh_ids = personas
        .now
        .iter()
        .map(|p| p.id)
        .chain(stages.now.iter().map(|s| s.id));
    let fresh_ids = fresh_ids
        .chain(lanes.now.iter().map(|l| l.id))
        .chain(touchpoints.now.iter().map(|t| t.id))
        .chain(connections.now.iter().map(|c| c.id))
        .chain(annotations.now.iter().map(|a| a.id));
    let mut seen = HashSet::new();
    for id in fresh_ids {
        if !seen.insert(id) || Ids(j).any(id) {
            return None;
        }
    }
    j.personas.extend(personas.now);
    j.stages.extend(stages.now);
    j.lanes.extend(lanes.now);
    if reordered {
        j.sort_ordered();
    }
    if j.primary_persona.is_some_and(|p| !Ids(j).persona(p)) {
        return None;
    }
    for t in &mut touchpoints.now {
        t.personas.retain(|p| Ids(j).persona(*p));
        if !placed(t, &Ids(j)) {
            return None;
        }
    }
    let cells = CellOrder::of(j);
    if reordered {
        j.touchpoints.extend(touchpoints.now);
        j.touchpoints.sort_by(|a, b| cells.cmp(a, b));
    } else {
        for t in touchpoints.now {
            let at = j.touchpoints.partition_point(|x| cells.cmp(x, &t).is_lt());
            j.touchpoints.insert(at, t);
        }
    }
    for c in connections.now {
        if !connected(&c, &Ids(j)) {
            return None;
        }
        let at = j.connections.partition_point(|x| x.id < c.id);
        j.connections.insert(at, c);
    }
    for a in annotations.now {
        if !anchored(&a, &Ids(j)) {
            return None;
        }
        let at = j.annotations.partition_point(|x| note_order(x, &a).is_lt());
        j.annotations.insert(at, a);
    }
    for r in answers {
        if !answered(&r, &Ids(j)) {
            return None;
        }
        let key = r.key();
        let at = j.responses.partition_point(|x| x.key() < key);
        j.responses.insert(at, r);
    }
    for e in evidence {
        if !evidenced(&e, &Ids(j)) {
            return None;
        }
        let key = e.key();
        let at = j.evidence.partition_point(|x| x.key() < key);
        j.evidence.insert(at, e);
    }
    // What left must leave nothing behind that referred to it (the full
    // projection would hide or drop that).
    let gone = |old: Vec<Id>, now: &HashSet<Id>| {
        old.into_iter()
            .filter(|id| !now.contains(id))
            .collect::<Vec<_>>()
    };
    let now_ids = |ids: &mut dyn Iterator<Item = Id>| ids.collect::<HashSet<Id>>();
    let personas_now = now_ids(
        &mut j
            .personas
            .iter()
            .map(|p| p.id)
            .filter(|id| personas.ids.contains(id)),
    );
    for p in gone(was.personas.iter().map(|p| p.id).collect(), &personas_now) {
        if j.primary_persona == Some(p) || j.touchpoints.iter().any(|t| t.personas.contains(&p)) {
            return None;
        }
    }
    let stages_now = now_ids(
        &mut j
            .stages
            .iter()
            .map(|s| s.id)
            .filter(|id| stages.ids.contains(id)),
    );
    for s in gone(was.stages.iter().map(|s| s.id).collect(), &stages_now) {
        if j.touchpoints.iter().any(|t| t.stage == s)
            || j.annotations.iter().any(|a| a.target == Target::Stage(s))
        {
            return None;
        }
    }
    let lanes_now = now_ids(
        &mut j
            .lanes
            .iter()
            .map(|l| l.id)
            .filter(|id| lanes.ids.contains(id)),
    );
    for l in gone(was.lanes.iter().map(|l| l.id).collect(), &lanes_now) {
        if j.touchpoints.iter().any(|t| t.lane == l) {
            return None;
        }
    }
    let cards_now = now_ids(
        &mut j
            .touchpoints
            .iter()
            .map(|t| t.id)
            .filter(|id| touchpoints.ids.contains(id)),
    );
    for t in gone(was.touchpoints.iter().map(|t| t.id).collect(), &cards_now) {
        if j.connections.iter().any(|c| c.from == t || c.to == t)
            || j.annotations
                .iter()
                .any(|a| a.target == Target::Touchpoint(t))
            || j.responses.iter().any(|r| r.touchpoint == t)
            || j.evidence.iter().any(|e| e.touchpoint == t)
        {
            return None;
        }
    }
    Some(())
}

/// Runs a repair; `None` when it had anything to say.
fn mended(repair: impl FnOnce(&mut Vec<Problem>)) -> Option<()> {
    let mut problems = Vec::new();
    repair(&mut problems);
    problems.is_empty().then_some(())
}

/// The touched entities of one collection as the document now holds them.
struct Fresh<E> {
    /// Those still there, read and checked.
    now: Vec<E>,
    /// The ids of every touched entity, there or gone.
    ids: HashSet<Id>,
}

/// Reads the touched entities of collection `name`, each through `mend`
/// (false: it would be hidden); `None` when one would be mended, hidden or
/// is unreadable.
fn fresh<T: ReadTxn, E: DeserializeOwned>(
    txn: &T,
    name: &str,
    touched: &Touched,
    mend: impl Fn(&mut E, &mut Vec<Problem>) -> bool,
) -> Option<Fresh<E>> {
    let mut out = Fresh {
        now: Vec::new(),
        ids: HashSet::new(),
    };
    let root = txn.get_map(name);
    for key in touched.keys_of(name) {
        match root.as_ref().and_then(|r| r.get(txn, key)) {
            Some(value) => {
                let mut e: E = read_entity(txn, name, key, value).ok()?;
                let mut kept = true;
                mended(|p| kept = mend(&mut e, p))?;
                if !kept {
                    return None;
                }
                out.ids.insert(key.parse().ok()?);
                out.now.push(e);
            }
            None => {
                // Never read (its key is no id), or gone.
                if let Ok(id) = key.parse() {
                    out.ids.insert(id);
                }
            }
        }
    }
    Some(out)
}

/// Takes the entities with these ids out of `items`, in their order.
fn take_out<E>(items: &mut Vec<E>, ids: &HashSet<Id>, id: impl Fn(&E) -> Id) -> Vec<E> {
    if ids.is_empty() {
        return Vec::new();
    }
    items.extract_if(.., |e| ids.contains(&id(e))).collect()
}

/// The touched answers the document now holds, read and checked.
fn fresh_answers<T: ReadTxn>(txn: &T, touched: &Touched) -> Option<Vec<SurveyResponse>> {
    let root = txn.get_map(RESPONSES);
    let mut now = Vec::new();
    for key in touched.keys_of(RESPONSES) {
        if let Some(value) = root.as_ref().and_then(|r| r.get(txn, key)) {
            let r = read_response(key, value).ok()?;
            let mut kept = true;
            mended(|p| kept = one::answer(&r, p))?;
            if !kept {
                return None;
            }
            now.push(r);
        }
    }
    Some(now)
}

/// The touched evidence the document now holds, read and checked.
fn fresh_evidence<T: ReadTxn>(txn: &T, touched: &Touched) -> Option<Vec<WaveEvidence>> {
    let root = txn.get_map(EVIDENCE);
    let mut now = Vec::new();
    for key in touched.keys_of(EVIDENCE) {
        if let Some(value) = root.as_ref().and_then(|r| r.get(txn, key)) {
            now.push(read_evidence(key, value).ok()?);
        }
    }
    Some(now)
}

/// A journey's entities looked up one by one (few look-ups: a linear scan
/// beats building sets).
struct Ids<'a>(&'a Journey);

impl Ids<'_> {
    /// Whether any entity collection holds `id`.
    fn any(&self, id: Id) -> bool {
        let j = self.0;
        j.personas.iter().any(|e| e.id == id)
            || j.stages.iter().any(|e| e.id == id)
            || j.lanes.iter().any(|e| e.id == id)
            || j.touchpoints.iter().any(|e| e.id == id)
            || j.connections.iter().any(|e| e.id == id)
            || j.annotations.iter().any(|e| e.id == id)
    }
}

impl Present for Ids<'_> {
    fn persona(&self, id: Id) -> bool {
        self.0.personas.iter().any(|e| e.id == id)
    }
    fn stage(&self, id: Id) -> bool {
        self.0.stages.iter().any(|e| e.id == id)
    }
    fn lane(&self, id: Id) -> bool {
        self.0.lanes.iter().any(|e| e.id == id)
    }
    fn touchpoint(&self, id: Id) -> bool {
        self.0.touchpoints.iter().any(|e| e.id == id)
    }
}
