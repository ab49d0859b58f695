//! A projection kept up to date in time proportional to a change: a
//! [`Tracker`] records, from a document's deep events, which entities each
//! transaction touched ([`Touched`]), and [`reproject`] re-reads only those
//! into the typed model. Where the result could differ from what
//! [`crate::doc::read_journey`] reads (an entity others refer to is deleted,
//! something needs mending or hiding, an event it does not understand), it
//! says so and the caller projects the whole document instead. The property
//! test in `tests/incremental.rs` holds it to the full projection.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use yrs::types::{Event, PathSegment};
use yrs::{DeepObservable, Doc, Map, ReadTxn};

use crate::doc::{
    anchored, answered, connected, placed, read_entity, read_meta, read_response, Present,
    ENTITY_COLLECTIONS, META, RESPONSES,
};
use crate::model::{note_order, CellOrder, Connection, Id, Journey, SurveyResponse};
use crate::repair::one;
use crate::validate::Problem;

/// What transactions touched in a map's document.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Touched {
    /// The journey's own fields (`meta`).
    pub meta: bool,
    /// The keys touched in each collection ([`ENTITY_COLLECTIONS`] and
    /// [`RESPONSES`]): added, removed, or changed inside.
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
            .chain(std::iter::once(&RESPONSES))
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
/// reported no problems. Returns false when the result might differ from
/// the full projection's (then `journey` is half-way and the caller reads
/// the whole document); true when `journey` is exactly what
/// [`crate::doc::read_journey`] returns, with no problems.
pub fn reproject<T: ReadTxn>(txn: &T, journey: &mut Journey, touched: &Touched) -> bool {
    patch(txn, journey, touched).is_some()
}

fn patch<T: ReadTxn>(txn: &T, j: &mut Journey, touched: &Touched) -> Option<()> {
    if touched.unknown {
        return None;
    }
    if touched.meta {
        let mut meta = read_meta(txn).ok()?;
        mended(|p| one::meta(&mut meta, p))?;
        j.title = meta.title;
        j.description = meta.description;
        j.scenario = meta.scenario;
        j.expectations = meta.expectations;
        j.primary_persona = meta.primary_persona;
        j.settings = meta.settings;
        j.inputs = meta.inputs;
    }
    // Entities others refer to may change or arrive, not leave: what
    // referred to one that left would be hidden.
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
    let mut touchpoints = fresh(txn, "touchpoints", touched, |t, pr| {
        one::touchpoint(t, pr);
        true
    })?;
    let connections = fresh(txn, "connections", touched, |_: &mut Connection, _| true)?;
    let annotations = fresh(txn, "annotations", touched, one::note)?;
    if personas.gone || stages.gone || lanes.gone || touchpoints.gone {
        return None;
    }
    // Every touched entity is taken out and the fresh ones put back.
    let reordered = !(personas.ids.is_empty() && stages.ids.is_empty() && lanes.ids.is_empty());
    take_out(&mut j.personas, &personas.ids, |p| p.id);
    take_out(&mut j.stages, &stages.ids, |s| s.id);
    take_out(&mut j.lanes, &lanes.ids, |l| l.id);
    take_out(&mut j.touchpoints, &touchpoints.ids, |t| t.id);
    take_out(&mut j.connections, &connections.ids, |c| c.id);
    take_out(&mut j.annotations, &annotations.ids, |a| a.id);
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
    patch_responses(txn, j, touched)
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
    /// Whether one is gone.
    gone: bool,
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
        gone: false,
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
                    out.gone = true;
                }
            }
        }
    }
    Some(out)
}

fn take_out<E>(items: &mut Vec<E>, ids: &HashSet<Id>, id: impl Fn(&E) -> Id) {
    if !ids.is_empty() {
        items.retain(|e| !ids.contains(&id(e)));
    }
}

fn patch_responses<T: ReadTxn>(txn: &T, j: &mut Journey, touched: &Touched) -> Option<()> {
    let root = txn.get_map(RESPONSES);
    let mut now: Vec<SurveyResponse> = Vec::new();
    for key in touched.keys_of(RESPONSES) {
        if let Ok(at) = j.responses.binary_search_by(|r| r.key().as_str().cmp(key)) {
            j.responses.remove(at);
        }
        if let Some(value) = root.as_ref().and_then(|r| r.get(txn, key)) {
            let r = read_response(key, value).ok()?;
            let mut kept = true;
            mended(|p| kept = one::answer(&r, p))?;
            if !kept || !answered(&r, &Ids(j)) {
                return None;
            }
            now.push(r);
        }
    }
    for r in now {
        let key = r.key();
        let at = j.responses.partition_point(|x| x.key() < key);
        j.responses.insert(at, r);
    }
    Some(())
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
