//! Proptest strategies for random valid journeys (feature `arbitrary`), shared
//! by the property tests of every crate.

use std::collections::BTreeMap;

pub mod edits;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use crate::model::*;
use crate::order::spread;
use crate::synth::Rng;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,.!?'-]{1,24}",
        "\\PC{1,12}",
        Just("Café — naïve “quoted” 日本語 ✓".to_string()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ]{0,20}"
}

fn finite(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|v| (v * 100.0).round() / 100.0)
}

fn inputs() -> impl Strategy<Value = TouchpointInputs> {
    (
        (
            option::of(-2i8..=2),
            option::of(0u8..=4),
            option::of(0u32..20),
            option::of(0u32..20),
            option::of(0u32..6),
            option::of(0u32..6),
        ),
        (
            option::of(finite(0.0, 600.0)),
            option::of(finite(0.0, 10.0)),
            option::of(finite(10.0, 120.0)),
            option::of(finite(0.0, 1.0)),
            option::of(finite(0.0, 1.0)),
            option::of(finite(0.0, 90.0)),
            option::of(0u64..1_000_000),
        ),
    )
        .prop_map(
            |(
                (emotion, friction, steps, expected_steps, transfers, channel_switches),
                (wait, desired, adequate, fcr, err, aht, reach),
            )| TouchpointInputs {
                emotion,
                friction,
                steps,
                expected_steps,
                transfers,
                channel_switches,
                wait_minutes: wait,
                wait_desired_minutes: desired,
                wait_adequate_minutes: adequate,
                fcr_rate: fcr,
                error_rate: err,
                aht_minutes: aht,
                reach,
            },
        )
}

#[derive(Debug, Clone)]
struct TouchpointSpec {
    cell: (usize, usize),
    title: String,
    text: String,
    nature: bool,
    mot: bool,
    evidence: usize,
    tags: Vec<String>,
    inputs: TouchpointInputs,
}

fn touchpoint_spec() -> impl Strategy<Value = TouchpointSpec> {
    (
        (0usize..100, 0usize..100),
        name(),
        text(),
        any::<bool>(),
        any::<bool>(),
        0usize..3,
        vec(name(), 0..3),
        inputs(),
    )
        .prop_map(
            |(cell, title, text, nature, mot, evidence, tags, inputs)| TouchpointSpec {
                cell,
                title,
                text,
                nature,
                mot,
                evidence,
                tags,
                inputs,
            },
        )
}

/// A random valid journey (ids and order keys drawn from `seed`).
pub fn journey() -> impl Strategy<Value = Journey> {
    (
        name(),
        text(),
        vec((name(), text(), vec(name(), 0..3)), 0..3),
        vec((name(), text()), 1..6),
        vec((name(), 0usize..13), 1..5),
        vec(touchpoint_spec(), 0..25),
        vec(
            (
                0usize..4,
                name(),
                any::<bool>(),
                0usize..100,
                vec((name(), 1u32..4), 0..3),
            ),
            0..10,
        ),
        vec((0usize..100, 0usize..5, 0u32..11, text()), 0..20),
        any::<u64>(),
    )
        .prop_map(
            |(title, description, personas, stages, lanes, tps, notes, answers, seed)| {
                let mut rng = Rng::new(seed);
                let mut j = Journey::new(title);
                j.description = description.clone();
                j.scenario = description;
                for ((name, quote, goals), key) in personas.into_iter().zip(spread(3)) {
                    j.personas.push(Persona {
                        id: rng.uuid(),
                        order: key,
                        name,
                        role: "customer".into(),
                        goals: goals.clone(),
                        frustrations: goals,
                        quote,
                    });
                }
                j.primary_persona = j.personas.first().map(|p| p.id);
                let stage_keys = spread(stages.len());
                for (i, ((name, desc), key)) in stages.into_iter().zip(stage_keys).enumerate() {
                    j.stages.push(Stage {
                        id: rng.uuid(),
                        order: key,
                        name,
                        description: desc.clone(),
                        customer_goal: desc,
                        // The first stage carries a target, so round trips cover them.
                        targets: Targets {
                            csat: (i == 0).then_some(KpiTarget {
                                direction: Direction::AtLeast,
                                value: 80.0,
                            }),
                            ..Targets::default()
                        },
                    });
                }
                let lane_keys = spread(lanes.len());
                for ((name, kind), key) in lanes.into_iter().zip(lane_keys) {
                    j.lanes.push(Lane {
                        id: rng.uuid(),
                        order: key,
                        name,
                        kind: LaneKind::ALL[kind],
                    });
                }
                let tp_keys = spread(tps.len());
                for (spec, key) in tps.into_iter().zip(tp_keys) {
                    j.touchpoints.push(Touchpoint {
                        id: rng.uuid(),
                        stage: j.stages[spec.cell.0 % j.stages.len()].id,
                        lane: j.lanes[spec.cell.1 % j.lanes.len()].id,
                        order: key,
                        title: spec.title,
                        description: spec.text.clone(),
                        channel: spec.text.chars().take(8).collect(),
                        owner: spec.text,
                        nature: if spec.nature {
                            Nature::Service
                        } else {
                            Nature::Experience
                        },
                        moment_of_truth: spec.mot,
                        evidence: [Evidence::Observed, Evidence::Assumed, Evidence::Proposed]
                            [spec.evidence],
                        tags: spec.tags,
                        personas: j.personas.iter().take(1).map(|p| p.id).collect(),
                        inputs: spec.inputs,
                        // Some cards carry a target, so round trips cover them.
                        targets: Targets {
                            nps: spec.mot.then_some(KpiTarget {
                                direction: Direction::AtLeast,
                                value: 30.0,
                            }),
                            ..Targets::default()
                        },
                    });
                }
                for (i, (kind, text, resolved, target, votes)) in notes.into_iter().enumerate() {
                    let target = match target % 3 {
                        0 if !j.touchpoints.is_empty() => {
                            Target::Touchpoint(j.touchpoints[target % j.touchpoints.len()].id)
                        }
                        1 => Target::Stage(j.stages[target % j.stages.len()].id),
                        _ => Target::Map,
                    };
                    j.annotations.push(Annotation {
                        id: rng.uuid(),
                        kind: [
                            AnnotationKind::PainPoint,
                            AnnotationKind::Idea,
                            AnnotationKind::Question,
                            AnnotationKind::Evidence,
                        ][kind],
                        text,
                        author: "tester".into(),
                        created_at: format!("2026-11-22T10:{:02}:00Z", i % 60),
                        resolved,
                        target,
                        votes: votes.into_iter().collect::<BTreeMap<_, _>>(),
                    });
                }
                if !j.touchpoints.is_empty() {
                    for (tp, scale, value, comment) in answers {
                        let scale = [
                            Scale::Nps,
                            Scale::Csat,
                            Scale::Ces5,
                            Scale::Ces7,
                            Scale::Emotion,
                        ][scale];
                        let (lo, hi) = scale.range();
                        let value = (lo + value as f64).min(hi);
                        let r = SurveyResponse {
                            touchpoint: j.touchpoints[tp % j.touchpoints.len()].id,
                            respondent: format!("r{}", rng.below(1000)),
                            date: "2026-10-01".into(),
                            scale,
                            value,
                            comment,
                        };
                        if !j.responses.iter().any(|x| x.key() == r.key()) {
                            j.responses.push(r);
                        }
                    }
                }
                for (a, b) in j
                    .touchpoints
                    .iter()
                    .zip(j.touchpoints.iter().skip(1))
                    .take(3)
                {
                    j.connections.push(Connection {
                        id: Uuid::from_u128(rng.next_u64() as u128 | 1 << 100),
                        from: a.id,
                        to: b.id,
                        label: String::new(),
                    });
                }
                j.normalize();
                j
            },
        )
}

use uuid::Uuid;
