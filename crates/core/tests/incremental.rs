//! The incremental projection against the full one: after any sequence of
//! replicas' edits (typed, cascading, hostile, made while apart), whenever
//! [`reproject`] says it kept up, its model is exactly what
//! [`read_journey`] reads from the whole document.

use proptest::prelude::*;
use waymark_core::arbitrary::edits::{make, steps, sync, Edit, Step};
use waymark_core::doc::{new_doc, read_journey};
use waymark_core::incremental::{reproject, Touched, Tracker};
use waymark_core::synth::{journey as synth_journey, Size};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

/// Runs `steps` against a server document holding `start`, checking the
/// incremental projection at every step that asks; returns how many
/// projections were incremental.
fn run(start: &waymark_core::Journey, steps: &[Step]) -> usize {
    let server = new_doc(start);
    let tracker = Tracker::attach(&server);
    let (a, b) = (Doc::new(), Doc::new());
    sync(&server, &a);
    sync(&server, &b);
    let mut projection = read_journey(&server);
    let mut pending = Touched::default();
    let mut kept_up = 0;
    for step in steps {
        let update = make(step, if step.on_b { &b } else { &a }, &server);
        server
            .transact_mut()
            .apply_update(Update::decode_v1(&update).unwrap())
            .unwrap();
        pending.merge(tracker.take());
        if !step.project {
            continue;
        }
        let full = read_journey(&server);
        let touched = std::mem::take(&mut pending);
        if projection.problems.is_empty()
            && reproject(&server.transact(), &mut projection.journey, &touched)
        {
            assert_eq!(projection.journey, full.journey, "after {step:?}");
            assert!(full.problems.is_empty(), "{:?}", full.problems);
            kept_up += 1;
        }
        projection = full;
    }
    kept_up
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn incremental_projection_equals_the_full_one(
        start in waymark_core::arbitrary::journey(),
        steps in steps(40),
    ) {
        run(&start, &steps);
    }
}

#[test]
fn everyday_edits_are_projected_incrementally() {
    let start = synth_journey(Size::LARGE, 3);
    let step = |edit| Step {
        edit,
        on_b: false,
        apart: false,
        project: true,
        seed: 7,
    };
    let steps = [
        step(Edit::RetitleCard(5, "Renamed".into())),
        step(Edit::SetEmotion(9, -2)),
        step(Edit::MoveCard(9, 3, 4)),
        step(Edit::AddCard(1, 2, "New card".into())),
        step(Edit::AddNote(4, "A note".into())),
        step(Edit::EditNote(4, "Edited".into())),
        step(Edit::Vote(4, "ann".into())),
        step(Edit::DeleteNote(8)),
        step(Edit::RenameStage(2, "Stage".into())),
        step(Edit::MoveStageLast(0)),
        step(Edit::Retitle("New title".into())),
        step(Edit::AddAnswer(3, 9, "great".into())),
        step(Edit::Connect(1, 2)),
    ];
    assert_eq!(run(&start, &steps), steps.len());
}
