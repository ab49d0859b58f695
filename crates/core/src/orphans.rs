//! Entities that concurrent edits left without a home, and putting them back.
//!
//! One person deletes a stage while another adds a touchpoint to it; both
//! edits merge, and the touchpoint points at nothing. The projection hides it
//! (see `doc::drop_dangling`) so every reader sees a valid map; this module
//! finds such entities in the document, so the fronts can show them ("2
//! touchpoints lost their stage in a concurrent edit"), and writes the one
//! change that puts one back into a stage (and lane) of the user's choice.
//! Notes and arrows attached to a homeless touchpoint come back with it.

use std::collections::HashSet;

use serde::Serialize;
use yrs::types::ToJson;
use yrs::{Any, In, Map, MapPrelim, MapRef, Out, ReadTxn, TransactionMut, WriteTxn};

use crate::model::{Id, Journey};
use crate::order::key_between;

/// What kind of entity lost its home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum OrphanKind {
    Touchpoint,
    Note,
    Arrow,
}

/// What the entity lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Lost {
    /// A touchpoint whose stage was deleted.
    Stage,
    /// A touchpoint whose lane was deleted.
    Lane,
    StageAndLane,
    /// A note whose stage or touchpoint was deleted.
    Target,
    /// An arrow one of whose ends was deleted: it cannot be put back.
    End,
    /// A note or arrow on a homeless touchpoint: it comes back with it.
    Waiting,
}

/// One homeless entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Orphan {
    pub kind: OrphanKind,
    pub id: Id,
    /// The touchpoint's title, the note's text or the arrow's label.
    pub label: String,
    pub lost: Lost,
    /// The homeless touchpoint it comes back with (when `lost` is `Waiting`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub waits_for: Option<Id>,
    /// Whether [`rehome`] can put it back (a touchpoint, or a note whose
    /// stage or touchpoint is gone): sent with the list, so no front
    /// repeats the rule.
    pub can_rehome: bool,
}

impl Orphan {
    fn new(kind: OrphanKind, id: Id, label: String, lost: Lost, waits_for: Option<Id>) -> Self {
        let can_rehome = matches!(kind, OrphanKind::Touchpoint)
            || (kind == OrphanKind::Note && lost == Lost::Target);
        Orphan {
            kind,
            id,
            label,
            lost,
            waits_for,
            can_rehome,
        }
    }

    /// Whether [`rehome`] can put it back.
    pub fn can_rehome(&self) -> bool {
        self.can_rehome
    }
}

/// Why an entity cannot be put back where asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RehomeError {
    #[error("{0} is not a homeless touchpoint or note (see the map's homeless list)")]
    NotHomeless(Id),
    #[error("no stage has id {0}")]
    NoStage(Id),
    #[error("no lane has id {0}")]
    NoLane(Id),
    #[error("the map has no lane to put touchpoint {0} in; add one first")]
    NoLanes(Id),
    #[error("{kind} {id} comes back when touchpoint {touchpoint} is put back")]
    Waits {
        kind: &'static str,
        id: Id,
        touchpoint: Id,
    },
    #[error("arrow {0} lost one of its ends for good; it cannot be put back")]
    EndGone(Id),
}

/// Sentence for a list of homeless entities, for the editor, `waymark show`
/// and the workshop summary ("2 touchpoints lost their stage in a concurrent
/// edit"); `None` when there are none.
pub fn summary(orphans: &[Orphan]) -> Option<String> {
    let count = |k: OrphanKind, lost: &[Lost]| {
        orphans
            .iter()
            .filter(|o| o.kind == k && lost.contains(&o.lost))
            .count()
    };
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = Vec::new();
    let tps = count(
        OrphanKind::Touchpoint,
        &[Lost::Stage, Lost::Lane, Lost::StageAndLane],
    );
    if tps > 0 {
        let place = if orphans
            .iter()
            .filter(|o| o.kind == OrphanKind::Touchpoint)
            .all(|o| o.lost == Lost::Lane)
        {
            if tps == 1 {
                "its lane"
            } else {
                "their lane"
            }
        } else if tps == 1 {
            "its stage"
        } else {
            "their stage"
        };
        parts.push(format!(
            "{} lost {place}",
            plural(tps, "touchpoint", "touchpoints")
        ));
    }
    let notes = count(OrphanKind::Note, &[Lost::Target]);
    if notes > 0 {
        parts.push(format!(
            "{} lost {}",
            plural(notes, "note", "notes"),
            if notes == 1 {
                "what it was on"
            } else {
                "what they were on"
            }
        ));
    }
    let arrows = count(OrphanKind::Arrow, &[Lost::End]);
    if arrows > 0 {
        parts.push(format!("{} lost an end", plural(arrows, "arrow", "arrows")));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("{} in a concurrent edit", parts.join(", ")))
}

fn field<T: ReadTxn>(txn: &T, m: &MapRef, name: &str) -> Option<Any> {
    m.get(txn, name).map(|v| v.to_json(txn))
}

fn text<T: ReadTxn>(txn: &T, m: &MapRef, name: &str) -> String {
    match field(txn, m, name) {
        Some(Any::String(s)) => s.to_string(),
        _ => String::new(),
    }
}

fn id_field<T: ReadTxn>(txn: &T, m: &MapRef, name: &str) -> Option<Id> {
    match field(txn, m, name) {
        Some(Any::String(s)) => s.parse().ok(),
        _ => None,
    }
}

/// A note's target as (kind, id).
fn target<T: ReadTxn>(txn: &T, m: &MapRef) -> Option<(String, Option<Id>)> {
    let Some(Any::Map(t)) = field(txn, m, "target") else {
        return None;
    };
    let kind = match t.get("kind") {
        Some(Any::String(k)) => k.to_string(),
        _ => return None,
    };
    let id = match t.get("id") {
        Some(Any::String(s)) => s.parse().ok(),
        _ => None,
    };
    Some((kind, id))
}

fn entities<T: ReadTxn>(txn: &T, root: &str) -> Vec<(Id, MapRef)> {
    let Some(map) = txn.get_map(root) else {
        return Vec::new();
    };
    map.iter(txn)
        .filter_map(|(k, v)| match v {
            Out::YMap(m) => k.parse().ok().map(|id| (id, m)),
            _ => None,
        })
        .collect()
}

/// The entities `txn`'s document holds that `visible` (its projection) left
/// out because a concurrent edit deleted their home: touchpoints first, then
/// notes, then arrows, each by label then id.
pub fn find<T: ReadTxn>(txn: &T, visible: &Journey) -> Vec<Orphan> {
    let stages: HashSet<Id> = visible.stages.iter().map(|s| s.id).collect();
    let lanes: HashSet<Id> = visible.lanes.iter().map(|l| l.id).collect();
    let tps: HashSet<Id> = visible.touchpoints.iter().map(|t| t.id).collect();
    let mut out = Vec::new();
    for (id, m) in entities(txn, "touchpoints") {
        if tps.contains(&id) {
            continue;
        }
        let stage_ok = id_field(txn, &m, "stage").is_some_and(|s| stages.contains(&s));
        let lane_ok = id_field(txn, &m, "lane").is_some_and(|l| lanes.contains(&l));
        let lost = match (stage_ok, lane_ok) {
            // Hidden for another reason (unreadable): not homeless.
            (true, true) => continue,
            (false, true) => Lost::Stage,
            (true, false) => Lost::Lane,
            (false, false) => Lost::StageAndLane,
        };
        out.push(Orphan::new(
            OrphanKind::Touchpoint,
            id,
            text(txn, &m, "title"),
            lost,
            None,
        ));
    }
    let homeless: HashSet<Id> = out.iter().map(|o| o.id).collect();
    let notes: HashSet<Id> = visible.annotations.iter().map(|a| a.id).collect();
    for (id, m) in entities(txn, "annotations") {
        if notes.contains(&id) {
            continue;
        }
        let (lost, waits_for) = match target(txn, &m) {
            Some((kind, Some(t))) if kind == "touchpoint" && homeless.contains(&t) => {
                (Lost::Waiting, Some(t))
            }
            Some((kind, Some(t))) if kind == "touchpoint" && !tps.contains(&t) => {
                (Lost::Target, None)
            }
            Some((kind, Some(s))) if kind == "stage" && !stages.contains(&s) => {
                (Lost::Target, None)
            }
            _ => continue,
        };
        out.push(Orphan::new(
            OrphanKind::Note,
            id,
            text(txn, &m, "text"),
            lost,
            waits_for,
        ));
    }
    let arrows: HashSet<Id> = visible.connections.iter().map(|c| c.id).collect();
    for (id, m) in entities(txn, "connections") {
        if arrows.contains(&id) {
            continue;
        }
        let (Some(from), Some(to)) = (id_field(txn, &m, "from"), id_field(txn, &m, "to")) else {
            continue;
        };
        if from == to {
            continue;
        }
        let gone = |e: Id| !tps.contains(&e) && !homeless.contains(&e);
        let (lost, waits_for) = if gone(from) || gone(to) {
            (Lost::End, None)
        } else if let Some(w) = [from, to].into_iter().find(|e| homeless.contains(e)) {
            (Lost::Waiting, Some(w))
        } else {
            continue;
        };
        out.push(Orphan::new(
            OrphanKind::Arrow,
            id,
            text(txn, &m, "label"),
            lost,
            waits_for,
        ));
    }
    let rank = |k: OrphanKind| match k {
        OrphanKind::Touchpoint => 0,
        OrphanKind::Note => 1,
        OrphanKind::Arrow => 2,
    };
    out.sort_by(|a, b| (rank(a.kind), &a.label, a.id).cmp(&(rank(b.kind), &b.label, b.id)));
    out
}

/// Puts homeless `entity` back: a touchpoint into `stage` and `lane` (by
/// default the lane it had when that still exists, else the first lane), at
/// the end of that cell; a note onto `stage`. `visible` is the document's
/// projection. Writes nothing when it returns an error.
pub fn rehome(
    txn: &mut TransactionMut,
    visible: &Journey,
    entity: Id,
    stage: Id,
    lane: Option<Id>,
) -> Result<Orphan, RehomeError> {
    let orphan = find(&*txn, visible)
        .into_iter()
        .find(|o| o.id == entity)
        .ok_or(RehomeError::NotHomeless(entity))?;
    if !visible.stages.iter().any(|s| s.id == stage) {
        return Err(RehomeError::NoStage(stage));
    }
    match (orphan.kind, orphan.lost, orphan.waits_for) {
        (OrphanKind::Touchpoint, _, _) => {
            let root = txn.get_or_insert_map("touchpoints");
            let Some(Out::YMap(m)) = root.get(txn, &entity.to_string()) else {
                return Err(RehomeError::NotHomeless(entity));
            };
            let has_lane = |l: Id| visible.lanes.iter().any(|x| x.id == l);
            let lane = match lane {
                Some(l) if has_lane(l) => l,
                Some(l) => return Err(RehomeError::NoLane(l)),
                None => id_field(&*txn, &m, "lane")
                    .filter(|l| has_lane(*l))
                    .or_else(|| visible.lanes.first().map(|l| l.id))
                    .ok_or(RehomeError::NoLanes(entity))?,
            };
            let last = visible
                .touchpoints
                .iter()
                .filter(|t| t.stage == stage && t.lane == lane)
                .map(|t| t.order.as_str())
                .max();
            let order = key_between(last, None).unwrap_or_else(|_| "V".to_string());
            m.insert(txn, "stage", stage.to_string());
            m.insert(txn, "lane", lane.to_string());
            m.insert(txn, "order", order);
        }
        (OrphanKind::Note, Lost::Target, _) => {
            let root = txn.get_or_insert_map("annotations");
            let Some(Out::YMap(m)) = root.get(txn, &entity.to_string()) else {
                return Err(RehomeError::NotHomeless(entity));
            };
            m.insert(
                txn,
                "target",
                [
                    ("kind".to_string(), In::Any(Any::from("stage"))),
                    ("id".to_string(), In::Any(Any::from(stage.to_string()))),
                ]
                .into_iter()
                .collect::<MapPrelim>(),
            );
        }
        (kind, Lost::Waiting, Some(touchpoint)) => {
            return Err(RehomeError::Waits {
                kind: if kind == OrphanKind::Note {
                    "note"
                } else {
                    "arrow"
                },
                id: entity,
                touchpoint,
            })
        }
        _ => return Err(RehomeError::EndGone(entity)),
    }
    Ok(orphan)
}
