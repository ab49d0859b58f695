//! Journeys for the report tests.
#![allow(dead_code)]

use waymark_core::{
    Annotation, AnnotationKind, Evidence, Id, Journey, Lane, LaneKind, Stage, Target, Touchpoint,
    TouchpointInputs,
};
use waymark_report::ReportOptions;

pub const TEMPLATES: [&str; 4] = [
    "bank-lost-card",
    "broadband-outage",
    "damaged-order-return",
    "saas-trial-onboarding",
];

pub fn template(name: &str) -> Journey {
    waymark_core::templates::load(name).expect("template")
}

pub fn options() -> ReportOptions {
    let mut o = ReportOptions::new("2026-03-01");
    o.company = Some("Café Ünïcode Bank — Group".into());
    o.version_label = Some("Q1 review".into());
    o
}

fn id(n: u128) -> Id {
    Id::from_u128(n)
}

/// A map with `stages` stages, blueprint lanes and long, accented text.
pub fn wide(stages: usize, cards_per_cell: usize) -> Journey {
    let mut j = Journey::new(format!(
        "A {stages}-stage journey with a deliberately long title that has to wrap — déjà vu, naïve café"
    ));
    j.scenario = "Scenario with em dashes — and accents: São Paulo, Zürich, Kraków. ".repeat(6);
    let kinds = [
        LaneKind::CustomerActions,
        LaneKind::Touchpoints,
        LaneKind::Frontstage,
        LaneKind::Backstage,
        LaneKind::SupportProcesses,
    ];
    for (i, k) in kinds.iter().enumerate() {
        j.lanes.push(Lane {
            id: id(1000 + i as u128),
            order: format!("a{i}"),
            name: format!("{} lane with a rather long name", k.as_str()),
            kind: *k,
        });
    }
    let mut n = 0;
    for s in 0..stages {
        j.stages.push(Stage {
            id: id(1 + s as u128),
            order: format!("s{s:03}"),
            name: format!("Stage {s}: an unusually verbose stage name that will not fit"),
            ..Stage::default()
        });
        for (li, _) in kinds.iter().enumerate() {
            for c in 0..((s + li) % (cards_per_cell + 1)) {
                n += 1;
                j.touchpoints.push(Touchpoint {
                    id: id(100_000 + n),
                    stage: id(1 + s as u128),
                    lane: id(1000 + li as u128),
                    order: format!("c{c}"),
                    title: format!(
                        "Touchpoint {n} — Supercalifragilisticexpialidocious-unbreakable-word and a lot more words to wrap"
                    ),
                    description: "Long description. ".repeat(20),
                    owner: "Customer operations and the very long team name".into(),
                    moment_of_truth: n % 3 == 0,
                    evidence: [Evidence::Observed, Evidence::Assumed, Evidence::Proposed][n as usize % 3],
                    inputs: TouchpointInputs {
                        emotion: Some(((n % 5) as i8) - 2),
                        friction: Some((n % 5) as u8),
                        wait_minutes: Some(n as f64 * 3.0),
                        reach: Some(100 * n as u64),
                        ..TouchpointInputs::default()
                    },
                    ..Touchpoint::default()
                });
            }
        }
    }
    for (i, t) in j.touchpoints.iter().take(5).enumerate() {
        j.annotations.push(Annotation {
            id: id(900_000 + i as u128),
            kind: if i % 2 == 0 {
                AnnotationKind::Idea
            } else {
                AnnotationKind::Question
            },
            text: "Could we — perhaps — call them back instead? ".repeat(4),
            author: "Zoë".into(),
            created_at: format!("2026-01-0{}T00:00:00Z", i + 1),
            target: Target::Touchpoint(t.id),
            ..Annotation::default()
        });
    }
    j.normalize();
    j
}
