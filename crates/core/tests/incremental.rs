//! The incremental projection against the full one: after any sequence of
//! replicas' edits (typed, cascading, hostile, made while apart), whenever
//! [`reproject`] says it kept up, its model is exactly what
//! [`read_journey`] reads from the whole document.

use proptest::prelude::*;
use waymark_core::arbitrary::edits::{make, steps, sync, Edit, Step};
use waymark_core::doc::{new_doc, read_journey};
use waymark_core::incremental::{reproject, Touched, Tracker};
use waymark_core::synth::{journey as synth_journey, Size};
use waymark_core::{Id, Journey};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

/// Runs `steps` against a server document holding `start`, checking the
/// incremental projection at every step that asks; returns how many
/// projections were incremental.
fn run(start: &Journey, steps: &[Step]) -> usize {
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
        if projection.problems.is_empty() {
            let before = projection.journey.clone();
            match reproject(&server.transact(), &mut projection.journey, &touched) {
                Some(was) => {
                    assert_eq!(projection.journey, full.journey, "after {step:?}");
                    assert!(full.problems.is_empty(), "{:?}", full.problems);
                    assert_was(&was, &before, &touched);
                    kept_up += 1;
                }
                None => assert_eq!(projection.journey, before, "put back after {step:?}"),
            }
        }
        projection = full;
    }
    kept_up
}

/// `was` holds exactly the touched entities of `before`.
fn assert_was(was: &Journey, before: &Journey, touched: &Touched) {
    let hit = |name: &str, id: Id| touched.keys_of(name).any(|k| k == id.to_string());
    let mut want = Journey {
        title: before.title.clone(),
        description: before.description.clone(),
        scenario: before.scenario.clone(),
        expectations: before.expectations.clone(),
        primary_persona: before.primary_persona,
        settings: before.settings.clone(),
        inputs: before.inputs.clone(),
        ..Journey::default()
    };
    want.personas = before
        .personas
        .iter()
        .filter(|e| hit("personas", e.id))
        .cloned()
        .collect();
    want.stages = before
        .stages
        .iter()
        .filter(|e| hit("stages", e.id))
        .cloned()
        .collect();
    want.lanes = before
        .lanes
        .iter()
        .filter(|e| hit("lanes", e.id))
        .cloned()
        .collect();
    want.touchpoints = before
        .touchpoints
        .iter()
        .filter(|e| hit("touchpoints", e.id))
        .cloned()
        .collect();
    want.connections = before
        .connections
        .iter()
        .filter(|e| hit("connections", e.id))
        .cloned()
        .collect();
    want.annotations = before
        .annotations
        .iter()
        .filter(|e| hit("annotations", e.id))
        .cloned()
        .collect();
    want.responses = before
        .responses
        .iter()
        .filter(|r| touched.keys_of("responses").any(|k| k == r.key()))
        .cloned()
        .collect();
    want.evidence = before
        .evidence
        .iter()
        .filter(|e| touched.keys_of("evidence").any(|k| k == e.key()))
        .cloned()
        .collect();
    let mut got = was.clone();
    got.responses.sort_by_key(|r| r.key());
    assert_eq!(&got, &want);
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
        step(Edit::DeleteConnection(0)),
        step(Edit::DeleteCard(11)),
        step(Edit::DeleteStage(5)),
        step(Edit::DeleteLane(6)),
    ];
    assert_eq!(run(&start, &steps), steps.len());
}
