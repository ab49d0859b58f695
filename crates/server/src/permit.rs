//! What a workshop participant's update may change. The server applies the
//! update to the map, projects it, and compares with the map before (only
//! the entities the update touched, [`crate::changed`], unless the map was
//! projected whole); this module says yes or why not. The facilitator (the host token) is not
//! checked.

use std::collections::HashMap;

use waymark_api::{Before, UpdateCheck};
use waymark_core::doc::other_roots;
use waymark_core::model::{Annotation, Id};
use waymark_core::{validate, Journey};
use yrs::{ReadTxn, Transact};

use crate::changed::Changed;
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
    match c.before {
        Before::Touched { was, touched } => {
            check_touched(actor, &Changed::new(was, touched, after))
        }
        Before::Whole(before) => check_whole(actor, before, after),
        Before::Unknown => Err("the server cannot tell what the update changed".into()),
    }
}

/// The rules on what the update touched (the usual case): costs what it
/// changed.
fn check_touched(actor: &Actor, changed: &Changed) -> Result<(), String> {
    if changed.nothing() {
        return Ok(());
    }
    if let Some(p) = changed.new_problem() {
        return Err(format!("the update leaves the map invalid: {p}"));
    }
    check_role(actor)?;
    let (before, after) = changed.notes();
    check_notes(actor, before, after)?;
    if actor.role == Role::Annotator && changed.beyond_notes() {
        return Err(ANNOTATOR.into());
    }
    Ok(())
}

/// The same rules on the whole map (when the projection read the whole
/// document).
fn check_whole(actor: &Actor, before: &Journey, after: &Journey) -> Result<(), String> {
    if after == before {
        return Ok(());
    }
    // What the projection reads may still break the model's rules (an
    // empty note, a bad order key): the app validates its own edits, the
    // server validates everyone else's.
    let was = validate(before);
    if let Some(p) = validate(after).into_iter().find(|p| !was.contains(p)) {
        return Err(format!("the update leaves the map invalid: {p}"));
    }
    check_role(actor)?;
    check_notes(actor, &before.annotations, &after.annotations)?;
    if actor.role == Role::Annotator && !same_without_notes(before, after) {
        return Err(ANNOTATOR.into());
    }
    Ok(())
}

const ANNOTATOR: &str = "an annotator may add and edit notes, not the map";

/// Whether the actor may change the map at all.
fn check_role(actor: &Actor) -> Result<(), String> {
    if actor.role == Role::Viewer {
        return Err("a viewer cannot change the map".into());
    }
    if actor.locked {
        return Err("the facilitator locked editing".into());
    }
    Ok(())
}

/// Notes are added in one's own name, votes go through the workshop (so the
/// budget and hiding hold), and an annotator touches only their own notes.
fn check_notes<'a>(
    actor: &Actor,
    before: impl IntoIterator<Item = &'a Annotation>,
    after: impl IntoIterator<Item = &'a Annotation>,
) -> Result<(), String> {
    let before: HashMap<Id, &Annotation> = before.into_iter().map(|a| (a.id, a)).collect();
    let after: HashMap<Id, &Annotation> = after.into_iter().map(|a| (a.id, a)).collect();
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

#[cfg(test)]
mod tests {
    //! Every role rule refuses an update checked on what it touched exactly
    //! as on the whole map, through a real library: the check sees what the
    //! server's check sees, and is run a second time on the whole map from
    //! before the update.

    use std::sync::atomic::{AtomicUsize, Ordering};

    use proptest::prelude::*;
    use waymark_api::Library;
    use waymark_core::arbitrary::edits::{make, steps, sync};
    use waymark_core::doc::write_journey_diff;
    use waymark_core::model::{AnnotationKind, Target};
    use yrs::updates::decoder::Decode;
    use yrs::{Doc, ReadTxn, Transact, Update};

    use super::*;

    /// Both verdicts on one update: on what it touched, and on the whole
    /// map. `None` for the second when the library projected it whole.
    type Verdicts = (Result<(), String>, Option<Result<(), String>>);

    fn check_both(lib: &Library, id: &str, update: &[u8], actor: &Actor) -> Verdicts {
        let before = lib.journey(id).unwrap();
        let mut whole = None;
        let touched = lib
            .apply_update_checked(id, update, "test", |c| {
                let verdict = check_update(actor, c);
                if matches!(c.before, Before::Touched { .. }) {
                    whole = Some(check_update(
                        actor,
                        &UpdateCheck {
                            before: Before::Whole(&before),
                            ..*c
                        },
                    ));
                }
                verdict
            })
            .map_err(|e| e.to_string());
        let touched = touched.map_err(|e| {
            e.split_once(": ")
                .map_or(e.clone(), |(_, why)| why.to_string())
        });
        (touched, whole)
    }

    /// `edit` made on a replica of the map, as its update.
    fn update_of(lib: &Library, id: &str, edit: impl FnOnce(&mut Journey)) -> Vec<u8> {
        let replica = Doc::new();
        let state = lib.encode_state(id).unwrap();
        replica
            .transact_mut()
            .apply_update(Update::decode_v1(&state).unwrap())
            .unwrap();
        let sv = replica.transact().state_vector();
        let before = lib.journey(id).unwrap();
        let mut after = before.clone();
        edit(&mut after);
        after.normalize();
        write_journey_diff(&mut replica.transact_mut(), &before, &after);
        let diff = replica.transact().encode_diff_v1(&sv);
        diff
    }

    fn note(id: u128, author: &str, target: Target) -> Annotation {
        Annotation {
            id: uuid::Uuid::from_u128(id),
            kind: AnnotationKind::Idea,
            text: format!("note by {author}"),
            author: author.into(),
            created_at: "2026-03-02T10:00:00Z".into(),
            resolved: false,
            target,
            votes: Default::default(),
        }
    }

    fn library() -> (tempfile::TempDir, Library, String) {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("library.db")).unwrap();
        let size = waymark_core::synth::Size {
            stages: 3,
            lanes: 2,
            touchpoints: 12,
            annotations: 0,
        };
        let mut j = waymark_core::synth::journey(size, 3);
        let card = Target::Touchpoint(j.touchpoints[0].id);
        j.annotations = vec![note(1, "ann", card), note(2, "bob", Target::Map)];
        let id = lib.insert_journey(j).unwrap();
        (dir, lib, id)
    }

    #[test]
    fn every_role_rule_refuses_on_what_the_update_touched() {
        let who = |name, role, locked| Actor { name, role, locked };
        let ann = who("ann", Role::Annotator, false);
        let editor = who("ed", Role::Editor, false);
        let card = |j: &mut Journey| j.touchpoints[3].title = "Renamed".into();
        let by = |j: &Journey, id: u128| {
            j.annotations
                .iter()
                .position(|a| a.id == uuid::Uuid::from_u128(id))
                .unwrap()
        };
        type Edit = Box<dyn Fn(&mut Journey)>;
        let cases: Vec<(Actor, Edit, Option<&str>)> = vec![
            (
                who("vi", Role::Viewer, false),
                Box::new(card),
                Some("a viewer cannot change the map"),
            ),
            (
                who("ed", Role::Editor, true),
                Box::new(card),
                Some("the facilitator locked editing"),
            ),
            (
                ann.clone(),
                Box::new(|j| j.annotations.push(note(3, "bob", Target::Map))),
                Some("a note must be added in your own name (ann)"),
            ),
            (
                editor.clone(),
                Box::new(|j| {
                    let mut n = note(3, "ed", Target::Map);
                    n.votes.insert("ed".into(), 2);
                    j.annotations.push(n);
                }),
                Some("votes are cast through the workshop, not written into notes"),
            ),
            (
                editor.clone(),
                Box::new(move |j| {
                    let i = by(j, 2);
                    j.annotations[i].votes.insert("ed".into(), 1);
                }),
                Some("votes are cast through the workshop, not written into notes"),
            ),
            (
                ann.clone(),
                Box::new(move |j| {
                    let i = by(j, 2);
                    j.annotations[i].text = "changed".into();
                }),
                Some("an annotator may only edit their own notes"),
            ),
            (
                ann.clone(),
                Box::new(move |j| {
                    let i = by(j, 2);
                    j.annotations.remove(i);
                }),
                Some("an annotator may only delete their own notes"),
            ),
            (ann.clone(), Box::new(card), Some(ANNOTATOR)),
            (
                ann.clone(),
                Box::new(move |j| {
                    let i = by(j, 1);
                    j.annotations[i].text = String::new();
                }),
                None, // an empty note is hidden by the projection: read whole
            ),
            // Allowed: one's own note, and an editor's change to the map.
            (
                ann.clone(),
                Box::new(move |j| {
                    let i = by(j, 1);
                    j.annotations[i].text = "mine, changed".into();
                    j.annotations.push(note(4, "ann", Target::Map));
                }),
                None,
            ),
            (editor.clone(), Box::new(card), None),
        ];
        for (n, (actor, edit, refusal)) in cases.iter().enumerate() {
            let (_dir, lib, id) = library();
            let update = update_of(&lib, &id, edit);
            let (touched, whole) = check_both(&lib, &id, &update, actor);
            match refusal {
                Some(why) => {
                    assert_eq!(touched, Err(why.to_string()), "case {n}");
                    assert_eq!(whole, Some(Err(why.to_string())), "case {n}");
                }
                None => {
                    if let Some(whole) = whole {
                        assert_eq!(touched, Ok(()), "case {n}");
                        assert_eq!(whole, Ok(()), "case {n}");
                    }
                }
            }
        }
    }

    impl Clone for Actor<'_> {
        fn clone(&self) -> Self {
            Actor { ..*self }
        }
    }

    static TOUCHED: AtomicUsize = AtomicUsize::new(0);

    fn role(i: u64) -> Role {
        [Role::Viewer, Role::Annotator, Role::Editor][(i % 3) as usize]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Random replicas' updates by random participants: the check on
        /// what each touched says what the check on the whole map says.
        #[test]
        fn the_check_on_what_was_touched_is_the_check_on_the_whole_map(
            start in waymark_core::arbitrary::journey(),
            steps in steps(16),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let lib = Library::open(&dir.path().join("library.db")).unwrap();
            let id = lib.insert_journey(start).unwrap();
            let mirror = Doc::new();
            let state = lib.encode_state(&id).unwrap();
            mirror.transact_mut().apply_update(Update::decode_v1(&state).unwrap()).unwrap();
            let replica = Doc::new();
            sync(&mirror, &replica);
            for step in &steps {
                let actor = Actor {
                    name: if step.seed % 2 == 0 { "tester" } else { "someone" },
                    role: role(step.seed / 2),
                    locked: step.seed % 7 == 0,
                };
                let update = make(step, &replica, &mirror);
                let (touched, whole) = check_both(&lib, &id, &update, &actor);
                if let Some(whole) = whole {
                    TOUCHED.fetch_add(1, Ordering::Relaxed);
                    let invalid = |v: &Result<(), String>| {
                        v.as_ref().is_err_and(|e| e.starts_with("the update leaves the map invalid"))
                    };
                    if invalid(&touched) || invalid(&whole) {
                        prop_assert!(touched.is_err() && whole.is_err(), "{:?} vs {:?} after {:?}", touched, whole, step);
                    } else {
                        prop_assert_eq!(&touched, &whole, "after {:?}", step);
                    }
                }
                // The mirror holds what the library holds (a refused update is not kept).
                let now = Doc::new();
                let state = lib.encode_state(&id).unwrap();
                now.transact_mut().apply_update(Update::decode_v1(&state).unwrap()).unwrap();
                sync(&now, &mirror);
            }
        }
    }

    #[test]
    fn the_property_test_checks_touched_updates() {
        // Run after (or with) the property test in the same process.
        the_check_on_what_was_touched_is_the_check_on_the_whole_map();
        assert!(TOUCHED.load(Ordering::Relaxed) > 0);
    }

    /// A workshop editor deletes a touchpoint with survey statistics: the
    /// app's delete takes its statistics in the same transaction and is
    /// accepted; a delete that leaves them behind (the app before, another
    /// Yjs client) hides them, which the server refuses.
    #[test]
    fn deleting_a_touchpoint_with_statistics_takes_them_along() {
        let (dir, lib, id) = library();
        let tp = lib.journey(&id).unwrap().touchpoints[5].id;
        let file = dir.path().join("q1.csv");
        std::fs::write(
            &file,
            format!(
                "touchpoint,respondent,date,metric,scale,value,comment\n\
                 {tp},r1,2026-03-01,nps,nps,9,\n{tp},r2,2026-03-01,nps,nps,3,\n"
            ),
        )
        .unwrap();
        lib.import_wave_file(&id, &file, Some("Q1"), None).unwrap();
        assert_eq!(lib.journey(&id).unwrap().evidence.len(), 1);
        let editor = Actor {
            name: "ed",
            role: Role::Editor,
            locked: false,
        };
        let left_behind = update_of(&lib, &id, |j| {
            let evidence = j.evidence.clone();
            j.delete_touchpoint(tp);
            j.evidence = evidence;
        });
        let (touched, _) = check_both(&lib, &id, &left_behind, &editor);
        let why = touched.unwrap_err();
        assert!(why.contains("its touchpoint was deleted; hidden"), "{why}");

        let taken = update_of(&lib, &id, |j| j.delete_touchpoint(tp));
        assert_eq!(check_both(&lib, &id, &taken, &editor).0, Ok(()));
        let after = lib.journey(&id).unwrap();
        assert!(after.touchpoint(tp).is_none() && after.evidence.is_empty());
        assert_eq!(lib.problems(&id).unwrap(), []);
        assert_eq!(lib.waves(&id).unwrap()[0].answers, 2, "the answers stay");
    }
}
