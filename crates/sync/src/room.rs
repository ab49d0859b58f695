//! Checking what a room holds before anything of it reaches the library.

use waymark_core::doc::read_journey;
use waymark_core::identity;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use crate::SyncError;

/// A room's content, checked.
pub(crate) enum RoomState {
    /// Nothing there yet: the first client seeds it.
    Empty,
    /// A Waymark map with its sync identity, in a scratch document.
    Map { doc: Doc },
}

impl RoomState {
    /// What the room has that a replica at `sv` lacks.
    pub(crate) fn diff(&self, sv: &StateVector) -> Option<Vec<u8>> {
        match self {
            RoomState::Empty => None,
            RoomState::Map { doc } => Some(doc.transact().encode_diff_v1(sv)),
        }
    }

    pub(crate) fn state_vector(&self) -> StateVector {
        match self {
            RoomState::Empty => StateVector::default(),
            RoomState::Map { doc } => doc.transact().state_vector(),
        }
    }
}

/// Reads a room's full state (the answer to an empty state vector) into a
/// scratch document and checks that it is a Waymark map, and — when
/// `expected` is given — the same map (same sync identity).
pub(crate) fn check(
    place: &str,
    state: &[u8],
    expected: Option<&str>,
) -> Result<RoomState, SyncError> {
    let reject = |why: String| SyncError::Rejected(format!("{place}: {why}; nothing was merged"));
    let update = Update::decode_v1(state).map_err(|e| {
        reject(format!(
            "the server sent a document that does not decode ({e})"
        ))
    })?;
    let doc = Doc::new();
    doc.transact_mut().apply_update(update).map_err(|e| {
        reject(format!(
            "the server sent a document that does not apply ({e})"
        ))
    })?;
    if identity::is_empty(&doc.transact()) {
        return Ok(RoomState::Empty);
    }
    let Some(found) = identity::doc_id(&doc.transact()) else {
        return Err(reject(
            "the room holds a document that is not a Waymark map shared for sync".into(),
        ));
    };
    if let Some(expected) = expected.filter(|e| *e != found) {
        return Err(reject(format!(
            "the room holds another map (document {found}), not this one (document {expected})"
        )));
    }
    let p = read_journey(&doc);
    // Entities hidden because a concurrent delete left them dangling are
    // normal in a shared map; anything unreadable is not.
    if let Some(bad) = p.problems.iter().find(|pr| !pr.message.ends_with("hidden")) {
        return Err(reject(format!(
            "the room's map does not read as a journey ({}: {})",
            bad.path, bad.message
        )));
    }
    let problems = waymark_core::validate(&p.journey);
    if !problems.is_empty() {
        return Err(reject(format!(
            "the room's map is not a valid journey: {}",
            waymark_core::validate::describe(&problems, 5)
        )));
    }
    Ok(RoomState::Map { doc })
}
