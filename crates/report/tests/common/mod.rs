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

/// Two survey waves on `j`'s first touchpoints: NPS far below, then far
/// above, so the change is beyond noise; a CSAT that barely moves; and
/// targets on the journey and the first touchpoint.
pub fn with_waves(j: &Journey) -> (Journey, waymark_score::trend::Trend) {
    use waymark_core::{Kpi, KpiTarget, Scale, SurveyResponse};
    use waymark_score::trend::{trend, wave_trend};
    let mut j = j.clone();
    j.targets.nps = Some(KpiTarget::parse(Kpi::Nps, ">=30").unwrap());
    j.targets.csat = Some(KpiTarget::parse(Kpi::Csat, ">=70").unwrap());
    if let Some(t) = j.touchpoints.first_mut() {
        t.targets.nps = Some(KpiTarget::parse(Kpi::Nps, ">=0").unwrap());
    }
    // A stage none of the answers are about: its target is not measured.
    let answered: Vec<Id> = j.touchpoints.iter().take(3).map(|t| t.stage).collect();
    if let Some(s) = j.stages.iter_mut().find(|s| !answered.contains(&s.id)) {
        s.targets.csat = Some(KpiTarget::parse(Kpi::Csat, ">=95").unwrap());
    }
    let tps: Vec<Id> = j.touchpoints.iter().take(3).map(|t| t.id).collect();
    let answers = |label: &str, nps: f64, csat_low: usize| {
        let mut out = Vec::new();
        for tp in &tps {
            for i in 0..60 {
                let who = format!("{label}-r{i}");
                out.push(SurveyResponse {
                    touchpoint: *tp,
                    respondent: who.clone(),
                    date: "2026-03-01".into(),
                    scale: Scale::Nps,
                    value: if i % 6 == 0 { 7.0 } else { nps },
                    comment: String::new(),
                });
                out.push(SurveyResponse {
                    touchpoint: *tp,
                    respondent: who,
                    date: "2026-03-01".into(),
                    scale: Scale::Csat,
                    value: if i < csat_low { 2.0 } else { 5.0 },
                    comment: String::new(),
                });
            }
        }
        out
    };
    let waves = [
        ("Q1", "2026-03-31", 1.0, 20),
        ("Q2", "2026-06-30", 10.0, 16),
    ];
    let mut all = Vec::new();
    let t = trend(
        waves
            .iter()
            .map(|(label, date, nps, csat_low)| {
                let mut w = j.clone();
                w.responses = answers(label, *nps, *csat_low);
                all.extend(w.responses.clone());
                wave_trend(&w, label, Some(date))
            })
            .collect(),
    );
    // The map pools every wave's answers, as the library's does.
    j.responses = all;
    j.normalize();
    (j, t)
}
