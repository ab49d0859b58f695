//! Synthetic journeys for benchmarks and load tests: deterministic for a seed,
//! valid, with every input filled in somewhere.

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::model::*;
use crate::order::spread;

/// Size of a synthetic journey.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub stages: usize,
    pub lanes: usize,
    pub touchpoints: usize,
    pub annotations: usize,
}

impl Size {
    /// The benchmark map of the foundation issue: 12 × 10 × 600 × 2,000.
    pub const LARGE: Size = Size {
        stages: 12,
        lanes: 10,
        touchpoints: 600,
        annotations: 2000,
    };
}

/// A small deterministic generator (SplitMix64); the benches need repeatable
/// maps, not statistical quality.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(
            ((self.next_u64() as u128) << 64 | self.next_u64() as u128).to_be_bytes(),
        )
        .into_uuid()
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const WORDS: [&str; 16] = [
    "check", "balance", "call", "agent", "wait", "upload", "form", "confirm", "card", "refund",
    "delivery", "login", "chat", "email", "store", "survey",
];

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A valid journey of `size`, the same for the same seed.
pub fn journey(size: Size, seed: u64) -> Journey {
    let mut rng = Rng::new(seed);
    let mut j = Journey::new(format!("Synthetic journey {seed}"));
    j.description = words(&mut rng, 12);
    j.scenario = words(&mut rng, 20);
    let persona = Persona {
        id: rng.uuid(),
        order: "V".into(),
        name: "Sam Synthetic".into(),
        role: "customer".into(),
        goals: vec![words(&mut rng, 4)],
        frustrations: vec![words(&mut rng, 4)],
        quote: words(&mut rng, 8),
    };
    j.primary_persona = Some(persona.id);
    j.personas.push(persona);
    for (i, key) in spread(size.stages).into_iter().enumerate() {
        j.stages.push(Stage {
            id: rng.uuid(),
            order: key,
            name: format!("Stage {}", i + 1),
            description: words(&mut rng, 8),
            customer_goal: words(&mut rng, 5),
            targets: Default::default(),
        });
    }
    for (i, key) in spread(size.lanes).into_iter().enumerate() {
        j.lanes.push(Lane {
            id: rng.uuid(),
            order: key,
            name: format!("Lane {}", i + 1),
            kind: LaneKind::ALL[i % LaneKind::ALL.len()],
        });
    }
    let cells = (size.stages * size.lanes).max(1);
    let per_cell = size.touchpoints.div_ceil(cells);
    let keys = spread(per_cell);
    for i in 0..size.touchpoints {
        let cell = i % cells;
        let stage = j.stages[cell % size.stages].id;
        let lane = j.lanes[cell / size.stages % size.lanes].id;
        let mut inputs = TouchpointInputs {
            emotion: Some(rng.below(5) as i8 - 2),
            friction: Some(rng.below(5) as u8),
            reach: Some(100 + rng.below(10_000)),
            ..TouchpointInputs::default()
        };
        if rng.chance(60) {
            inputs.steps = Some(2 + rng.below(8) as u32);
            inputs.expected_steps = Some(2 + rng.below(3) as u32);
        }
        if rng.chance(50) {
            inputs.transfers = Some(rng.below(3) as u32);
            inputs.channel_switches = Some(rng.below(2) as u32);
        }
        if rng.chance(50) {
            inputs.wait_minutes = Some(rng.below(60) as f64 + 0.5);
            inputs.wait_desired_minutes = Some(5.0);
            inputs.wait_adequate_minutes = Some(30.0);
        }
        if rng.chance(40) {
            inputs.fcr_rate = Some(rng.below(100) as f64 / 100.0);
            inputs.aht_minutes = Some(3.0 + rng.below(20) as f64);
        }
        if rng.chance(40) {
            inputs.error_rate = Some(rng.below(30) as f64 / 100.0);
        }
        j.touchpoints.push(Touchpoint {
            id: rng.uuid(),
            stage,
            lane,
            order: keys[i / cells].clone(),
            title: format!("Touchpoint {} {}", i + 1, words(&mut rng, 2)),
            description: words(&mut rng, 10),
            channel: ["phone", "app", "web", "email", "branch", "chat"][rng.below(6) as usize]
                .into(),
            owner: ["Contact centre", "Digital", "Operations", "Fraud"][rng.below(4) as usize]
                .into(),
            nature: if rng.chance(50) {
                Nature::Service
            } else {
                Nature::Experience
            },
            moment_of_truth: rng.chance(10),
            evidence: [Evidence::Observed, Evidence::Assumed, Evidence::Proposed]
                [rng.below(3) as usize],
            tags: vec![WORDS[rng.below(16) as usize].to_string()],
            personas: vec![j.personas[0].id],
            inputs,
            targets: Default::default(),
        });
    }
    for i in 0..size.annotations {
        let target = match (i % 3, j.touchpoints.is_empty(), j.stages.is_empty()) {
            (0, false, _) => {
                Target::Touchpoint(j.touchpoints[rng.below(j.touchpoints.len() as u64) as usize].id)
            }
            (1, _, false) => Target::Stage(j.stages[rng.below(j.stages.len() as u64) as usize].id),
            _ => Target::Map,
        };
        let mut votes = BTreeMap::new();
        for v in 0..rng.below(4) {
            votes.insert(format!("participant-{v}"), 1 + rng.below(3) as u32);
        }
        j.annotations.push(Annotation {
            id: rng.uuid(),
            kind: [
                AnnotationKind::PainPoint,
                AnnotationKind::Idea,
                AnnotationKind::Question,
                AnnotationKind::Evidence,
            ][i % 4],
            text: words(&mut rng, 9),
            author: format!("participant-{}", rng.below(8)),
            created_at: format!(
                "2026-11-{:02}T{:02}:{:02}:{:02}Z",
                1 + i % 28,
                i % 24,
                i % 60,
                (i / 60) % 60
            ),
            resolved: rng.chance(20),
            target,
            votes,
        });
    }
    j.normalize();
    j
}
