//! Entities a concurrent edit left without a home (see
//! [`waymark_core::orphans`]): listing them for the fronts, and putting one
//! back into a stage of the user's choice.
//!
//! Also the report of what the projection repaired in an update a replica
//! sent (see [`waymark_core::repair`]): such updates are merged, never
//! refused, and the caller learns what was mended.

use waymark_core::orphans::{self, Orphan};
use waymark_core::validate::Problem;
use waymark_core::{Id, Journey};
use yrs::Transact;

use crate::shared::Change;
use crate::{check_valid, ApiError, Library, Result, UpdateCheck};

/// The map's homeless entities and the sentence that sums them up.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct Homeless {
    /// "2 touchpoints lost their stage in a concurrent edit"; `None` when the
    /// list is empty.
    pub summary: Option<String>,
    pub entities: Vec<Orphan>,
}

impl From<Vec<Orphan>> for Homeless {
    fn from(entities: Vec<Orphan>) -> Self {
        Homeless {
            summary: orphans::summary(&entities),
            entities,
        }
    }
}

fn parse_id(what: &str, s: &str) -> Result<Id> {
    s.trim()
        .parse()
        .map_err(|_| ApiError::Invalid(format!("{what} {s:?} is not an id")))
}

/// The id of the stage (or lane) named or identified by `key`: an id first,
/// then a name (ignoring case), which must be unique.
fn pick<'a>(what: &str, key: &str, items: impl Iterator<Item = (Id, &'a str)>) -> Result<Id> {
    if let Ok(id) = key.trim().parse::<Id>() {
        return Ok(id);
    }
    let want = key.trim().to_lowercase();
    let found: Vec<Id> = items
        .filter(|(_, name)| name.trim().to_lowercase() == want)
        .map(|(id, _)| id)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(ApiError::NotFound(format!("no {what} is named {key:?}"))),
        _ => Err(ApiError::Invalid(format!(
            "{} {what}s are named {key:?}; give its id",
            found.len()
        ))),
    }
}

/// Repairs in `after` that `before` did not have: what an update made the
/// projection mend or leave out (not what a concurrent delete left homeless).
fn new_repairs(before: &[Problem], after: &[Problem]) -> Vec<Problem> {
    after
        .iter()
        .filter(|p| waymark_core::repair::is_repair(p) && !before.contains(p))
        .cloned()
        .collect()
}

impl Library {
    /// The map's homeless entities: touchpoints whose stage or lane a
    /// concurrent edit deleted, notes whose stage or touchpoint is gone,
    /// arrows that lost an end, and what waits for a homeless touchpoint.
    pub fn homeless(&self, id: &str) -> Result<Homeless> {
        let mut inner = self.lock();
        let open = inner.load(id)?;
        let found = orphans::find(&open.doc.transact(), &open.journey);
        Ok(found.into())
    }

    /// Puts homeless `entity` (an id from [`Library::homeless`]) back into
    /// `stage` (an id or a name) and, for a touchpoint, `lane` (an id or a
    /// name; by default the lane it had if it still exists, else the first).
    /// Returns the map after the change and the Yjs update it made, for a
    /// server to forward to the map's replicas.
    pub fn rehome(
        &self,
        id: &str,
        entity: &str,
        stage: &str,
        lane: Option<&str>,
    ) -> Result<(Journey, Vec<u8>)> {
        let entity = parse_id("entity", entity)?;
        // Written on the map's true state (caught up with other processes);
        // on any error nothing is stored and the map is dropped from memory.
        self.lock().write(id, "rehome", |open| {
            let before = Journey::clone(&open.journey);
            let stage = pick(
                "stage",
                stage,
                before.stages.iter().map(|s| (s.id, s.name.as_str())),
            )?;
            let lane = lane
                .map(|l| {
                    pick(
                        "lane",
                        l,
                        before.lanes.iter().map(|x| (x.id, x.name.as_str())),
                    )
                })
                .transpose()?;
            let update = {
                let mut txn = open.doc.transact_mut();
                orphans::rehome(&mut txn, &before, entity, stage, lane)
                    .map_err(|e| ApiError::Invalid(format!("map {id}: {e}")))?;
                txn.encode_update_v1()
            };
            let was = open.reproject();
            // The projection is always valid; never store one that is not.
            check_valid(&open.journey)?;
            let after = open.journey.clone();
            let change = Change {
                update: update.clone(),
                was,
                after: after.clone(),
                compact: false,
            };
            Ok(((Journey::clone(&after), update), Some(change)))
        })
    }

    /// [`Library::apply_update_checked`] that returns what the update made
    /// the projection repair or hide (an empty title, `emotion: 99`): the
    /// update is merged and stored as sent, and every reader sees the map
    /// repaired, so what is stored always exports and re-imports.
    pub fn apply_update_reported(
        &self,
        id: &str,
        update: &[u8],
        origin: &str,
        check: impl FnOnce(&UpdateCheck) -> std::result::Result<(), String>,
    ) -> Result<Vec<Problem>> {
        let mut repairs = Vec::new();
        self.apply_update_checked(id, update, origin, |c| {
            check(c)?;
            repairs = new_repairs(c.before_problems, &c.after.problems);
            Ok(())
        })?;
        Ok(repairs)
    }

    /// What the projection of the map leaves out or mends, each naming the
    /// entity and the field.
    pub fn problems(&self, id: &str) -> Result<Vec<Problem>> {
        let mut inner = self.lock();
        Ok(inner.load(id)?.problems.clone())
    }
}
