//! What a workshop participant's update may change. The server applies the
//! update to the map, projects it, and compares with the map before; this
//! module says yes or why not. The facilitator (the host token) is not
//! checked.

use std::collections::HashMap;

use waymark_api::UpdateCheck;
use waymark_core::doc::other_roots;
use waymark_core::model::{Annotation, Id};
use waymark_core::{validate, Journey};
use yrs::{ReadTxn, Transact};

use crate::who::Role;

/// Who is changing the map, as the server knows them.
pub(crate) struct Actor<'a> {
    pub name: &'a str,
    pub role: Role,
    /// The facilitator locked editing.
    pub locked: bool,
}

/// `Ok` when `actor` may make the change `c` shows; else the reason, for
/// the close frame.
pub(crate) fn check_update(actor: &Actor, c: &UpdateCheck) -> Result<(), String> {
    {
        let txn = c.doc.transact();
        if txn.has_missing_updates() {
            return Err("the update depends on changes the server does not have".into());
        }
        // Root types outside the map (the sync identity) are not theirs.
        if other_roots(&txn) != c.before_roots {
            return Err("the update writes outside the map".into());
        }
    }
    if let Some(p) = c
        .after
        .problems
        .iter()
        .find(|p| !c.before_problems.contains(p))
    {
        return Err(format!("the update leaves the map invalid: {p}"));
    }
    let after = &c.after.journey;
    if after == c.before {
        return Ok(());
    }
    // What the projection reads may still break the model's rules (an
    // empty note, a bad order key): the app validates its own edits, the
    // server validates everyone else's.
    let was = validate(c.before);
    if let Some(p) = validate(after).into_iter().find(|p| !was.contains(p)) {
        return Err(format!("the update leaves the map invalid: {p}"));
    }
    if actor.role == Role::Viewer {
        return Err("a viewer cannot change the map".into());
    }
    if actor.locked {
        return Err("the facilitator locked editing".into());
    }
    check_notes(actor, &c.before.annotations, &after.annotations)?;
    if actor.role == Role::Annotator && !same_without_notes(c.before, after) {
        return Err("an annotator may add and edit notes, not the map".into());
    }
    Ok(())
}

/// Notes are added in one's own name, votes go through the workshop (so the
/// budget and hiding hold), and an annotator touches only their own notes.
fn check_notes(actor: &Actor, before: &[Annotation], after: &[Annotation]) -> Result<(), String> {
    let before: HashMap<Id, &Annotation> = before.iter().map(|a| (a.id, a)).collect();
    let after: HashMap<Id, &Annotation> = after.iter().map(|a| (a.id, a)).collect();
    let own = |a: &Annotation| a.author == actor.name;
    let annotator = actor.role == Role::Annotator;
    for (id, a) in &after {
        match before.get(id) {
            None => {
                if !own(a) {
                    return Err(format!(
                        "a note must be added in your own name ({})",
                        actor.name
                    ));
                }
                if !a.votes.is_empty() {
                    return Err(
                        "votes are cast through the workshop, not written into notes".into(),
                    );
                }
            }
            Some(b) if b != a => {
                if a.votes != b.votes {
                    return Err(
                        "votes are cast through the workshop, not written into notes".into(),
                    );
                }
                if annotator && !(own(a) && own(b)) {
                    return Err("an annotator may only edit their own notes".into());
                }
            }
            Some(_) => {}
        }
    }
    for (id, b) in &before {
        if annotator && !after.contains_key(id) && !own(b) {
            return Err("an annotator may only delete their own notes".into());
        }
    }
    Ok(())
}

fn same_without_notes(a: &Journey, b: &Journey) -> bool {
    let strip = |j: &Journey| Journey {
        annotations: Vec::new(),
        ..j.clone()
    };
    strip(a) == strip(b)
}
