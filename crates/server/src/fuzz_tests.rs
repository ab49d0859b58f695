//! Hostile y-websocket messages against the message handler: whatever the
//! bytes, [`process`] answers or closes, never panics, and the map stays
//! valid; a refused message changes nothing.

use proptest::prelude::*;
use waymark_api::Library;
use waymark_core::doc::{read_journey, write_journey_diff};
use waymark_core::model::{Annotation, Target};
use waymark_core::{validate, Journey};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, Transact, Update};

use crate::permit::Actor;
use crate::who::Role;
use crate::ws::process;

struct Setup {
    _dir: tempfile::TempDir,
    lib: Library,
    map: String,
    state: Vec<u8>,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib.db")).unwrap();
    let map = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let state = lib.encode_state(&map).unwrap();
    Setup {
        _dir: dir,
        lib,
        map,
        state,
    }
}

/// Edits a participant might try, allowed or not.
#[derive(Debug, Clone)]
enum Edit {
    OwnNote(String),
    ForgedNote(String),
    Retitle(usize, String),
    Vote(usize, u32),
    DeleteNote(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => ".{0,20}".prop_map(Edit::OwnNote),
        1 => ".{0,20}".prop_map(Edit::ForgedNote),
        1 => (0usize..30, ".{0,20}").prop_map(|(i, t)| Edit::Retitle(i, t)),
        1 => (0usize..10, 1u32..5).prop_map(|(i, n)| Edit::Vote(i, n)),
        1 => (0usize..10).prop_map(Edit::DeleteNote),
    ]
}

fn note(author: &str, text: &str) -> Annotation {
    Annotation {
        id: uuid::Uuid::new_v4(),
        text: text.into(),
        author: author.into(),
        created_at: "2026-11-22T10:00:00Z".into(),
        target: Target::Map,
        ..Annotation::default()
    }
}

fn apply(j: &mut Journey, e: &Edit) {
    let n = j.annotations.len().max(1);
    match e {
        Edit::OwnNote(t) => j.annotations.push(note("Ana", t)),
        Edit::ForgedNote(t) => j.annotations.push(note("Ben", t)),
        Edit::Retitle(i, t) => {
            let len = j.touchpoints.len();
            if len > 0 {
                j.touchpoints[i % len].title = t.clone();
            }
        }
        Edit::Vote(i, v) => {
            if let Some(a) = j.annotations.get_mut(i % n) {
                a.votes.insert("Ana".into(), *v);
            }
        }
        Edit::DeleteNote(i) => {
            if i % n < j.annotations.len() {
                j.annotations.remove(i % n);
            }
        }
    }
}

/// A sync update made from `edits` on a replica of `state`, then damaged.
fn update_from(state: &[u8], edits: &[Edit], cut: usize, flip: Option<(usize, u8)>) -> Vec<u8> {
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(state).unwrap())
        .unwrap();
    let before = read_journey(&doc).journey;
    let mut after = before.clone();
    for e in edits {
        apply(&mut after, e);
    }
    let mut update = {
        let mut txn = doc.transact_mut();
        write_journey_diff(&mut txn, &before, &after);
        txn.encode_update_v1()
    };
    if let Some((at, bits)) = flip.filter(|_| !update.is_empty()) {
        let at = at % update.len();
        update[at] ^= bits;
    }
    if cut > 0 && cut < update.len() {
        update.truncate(update.len() - cut);
    }
    yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(update)).encode_v1()
}

fn message(state: Vec<u8>) -> impl Strategy<Value = Vec<u8>> + 'static {
    prop_oneof![
        // Noise.
        proptest::collection::vec(any::<u8>(), 0..64),
        // A sync or awareness header over noise.
        (
            0u8..4,
            0u8..4,
            proptest::collection::vec(any::<u8>(), 0..64)
        )
            .prop_map(|(t, s, mut b)| {
                b.splice(0..0, [t, s]);
                b
            }),
        // Real edits, some damaged.
        (
            proptest::collection::vec(edit(), 1..3),
            prop_oneof![3 => Just(0usize), 1 => 1usize..8],
            proptest::option::weighted(0.25, (any::<usize>(), 1u8..=255)),
        )
            .prop_map(move |(edits, cut, flip)| update_from(&state, &edits, cut, flip)),
    ]
}

/// Checks one message; `Ok(true)` when it was applied and relayed.
fn check(s: &Setup, actor: Option<&Actor>, msg: &[u8]) -> Result<bool, TestCaseError> {
    let before = s.lib.journey(&s.map).unwrap();
    let result = process(&s.lib, &s.map, actor, msg);
    let relayed = matches!(result, Ok(crate::ws::Action::Relay(_)));
    let after = s.lib.journey(&s.map).unwrap();
    prop_assert!(validate(&after).is_empty(), "the map became invalid");
    if result.is_err() {
        prop_assert_eq!(&before, &after, "a refused message changed the map");
    }
    if let Some(a) = actor {
        prop_assert_eq!(&before.touchpoints, &after.touchpoints);
        let forged = after
            .annotations
            .iter()
            .any(|n| n.author != a.name && !before.annotations.iter().any(|b| b.id == n.id));
        prop_assert!(!forged, "a note was added in someone else's name");
    }
    // The library still reads back whole.
    prop_assert!(s.lib.encode_state(&s.map).is_ok());
    Ok(relayed)
}

/// One library for all cases (the edits are made against its first state,
/// so real ones apply); each case sends a few messages as an annotator.
#[test]
fn hostile_messages_never_corrupt_the_map() {
    let s = setup();
    let ana = Actor {
        name: "Ana",
        role: Role::Annotator,
        locked: false,
    };
    let config = ProptestConfig {
        cases: 192,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "proptest-regressions/fuzz_tests.txt",
            ),
        )),
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let strategy = proptest::collection::vec(message(s.state.clone()), 1..4);
    let (applied, refused) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    runner
        .run(&strategy, |msgs| {
            for m in &msgs {
                if check(&s, Some(&ana), m)? {
                    applied.set(applied.get() + 1);
                } else {
                    refused.set(refused.get() + 1);
                }
            }
            Ok(())
        })
        .unwrap();
    // The generator reaches both sides of the check.
    let (applied, refused) = (applied.get(), refused.get());
    assert!(
        applied > 10 && refused > 10,
        "applied {applied}, refused {refused}"
    );
}

/// Kept seeds: shapes that once needed care.
#[test]
fn known_hostile_messages_close_cleanly() {
    let s = setup();
    let ana = Actor {
        name: "Ana",
        role: Role::Annotator,
        locked: false,
    };
    let seeds: [&[u8]; 7] = [
        &[],
        &[0],
        &[0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f],
        &[
            0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
        ],
        &[1, 0xff, 0xff, 0xff, 0xff, 0x0f],
        &[0, 1, 3, 1, 0xde, 0xad, 0x00],
        &[100, 3, b'a', b'b', b'c'],
    ];
    for seed in seeds {
        check(&s, Some(&ana), seed).unwrap();
        check(&s, None, seed).unwrap();
    }
    // The state the server greets with still loads.
    assert_eq!(
        read_journey(&{
            let d = Doc::new();
            d.transact_mut()
                .apply_update(Update::decode_v1(&s.state).unwrap())
                .unwrap();
            d
        })
        .journey
        .touchpoints
        .len(),
        s.lib.journey(&s.map).unwrap().touchpoints.len()
    );
}
