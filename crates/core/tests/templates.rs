//! The built-in templates: valid, realistic in shape, canonical on disk, and
//! loaded with fresh ids.

use std::collections::HashSet;

use waymark_core::formats::waymark;
use waymark_core::templates::{self, BLANK};
use waymark_core::{validate, Journey, LaneKind, Nature, Target};

const NAMES: [&str; 4] = [
    "bank-lost-card",
    "broadband-outage",
    "damaged-order-return",
    "saas-trial-onboarding",
];

fn parsed(name: &str) -> Journey {
    let text = templates::source(name).unwrap_or_else(|| panic!("no template {name}"));
    waymark::from_str(name, text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn list_names_every_template() {
    let list = templates::list();
    let names: Vec<&str> = list.iter().map(|t| t.name).collect();
    assert_eq!(names, NAMES);
    for info in &list {
        let j = parsed(info.name);
        assert_eq!(info.title, j.title);
        assert_eq!(info.description, j.description);
        assert_eq!(info.stages, j.stages.len());
        assert_eq!(info.touchpoints, j.touchpoints.len());
        assert!(!info.title.is_empty() && !info.description.is_empty());
    }
}

#[test]
fn templates_are_valid_and_complete() {
    for name in NAMES {
        let j = parsed(name);
        assert!(validate(&j).is_empty(), "{name}: {:?}", validate(&j));
        assert!(
            !j.scenario.is_empty() && !j.expectations.is_empty(),
            "{name}"
        );
        assert!(!j.personas.is_empty(), "{name}: no persona");
        assert!(j.primary_persona.is_some(), "{name}: no primary persona");
        for p in &j.personas {
            assert!(
                !p.role.is_empty() && !p.quote.is_empty(),
                "{name}: {}",
                p.name
            );
            assert!(
                !p.goals.is_empty() && !p.frustrations.is_empty(),
                "{name}: {}",
                p.name
            );
        }
        assert!(
            (5..=7).contains(&j.stages.len()),
            "{name}: {} stages",
            j.stages.len()
        );
        for s in &j.stages {
            assert!(
                !s.description.is_empty() && !s.customer_goal.is_empty(),
                "{name}: {}",
                s.name
            );
        }
        let kinds: HashSet<LaneKind> = j.lanes.iter().map(|l| l.kind).collect();
        for kind in [
            LaneKind::CustomerActions,
            LaneKind::Emotions,
            LaneKind::Frontstage,
            LaneKind::Backstage,
            LaneKind::SupportProcesses,
        ] {
            assert!(kinds.contains(&kind), "{name}: no {} lane", kind.as_str());
        }
        assert!(kinds.contains(&LaneKind::Touchpoints) || kinds.contains(&LaneKind::Channels));
        assert!(kinds.contains(&LaneKind::PainPoints) || kinds.contains(&LaneKind::Opportunities));

        let tps = &j.touchpoints;
        assert!(tps.len() >= 20, "{name}: {} touchpoints", tps.len());
        let with_inputs = tps.iter().filter(|t| !t.inputs.is_empty()).count();
        assert!(
            with_inputs * 4 >= tps.len() * 3,
            "{name}: {with_inputs} with inputs"
        );
        let used_stages: HashSet<_> = tps.iter().map(|t| t.stage).collect();
        assert_eq!(
            used_stages.len(),
            j.stages.len(),
            "{name}: a stage is empty"
        );
        assert!(tps.iter().any(|t| t.nature == Nature::Service), "{name}");
        assert!(tps.iter().any(|t| t.nature == Nature::Experience), "{name}");
        let mots = tps.iter().filter(|t| t.moment_of_truth).count();
        assert!((1..=4).contains(&mots), "{name}: {mots} moments of truth");
        assert!(tps.iter().all(|t| !t.description.is_empty()), "{name}");
        assert!(!j.connections.is_empty(), "{name}: no connections");
        assert!((3..=6).contains(&j.annotations.len()), "{name}");
        assert!(j.annotations.iter().any(|a| a.vote_count() > 0), "{name}");
        assert!(
            j.responses.is_empty(),
            "{name}: templates carry no survey data"
        );
        assert_eq!(
            j.settings,
            Default::default(),
            "{name}: settings not default"
        );
        let ji = &j.inputs;
        assert!(
            ji.customers_at_start.is_some() && ji.customers_lost.is_some(),
            "{name}"
        );
        assert!(ji.average_purchase_value.is_some() && ji.purchases_per_period.is_some());
    }
}

#[test]
fn embedded_text_is_canonical() {
    for name in NAMES {
        let text = templates::source(name).unwrap();
        assert!(
            text == waymark::to_string(&parsed(name)),
            "{name}: the file is not in canonical form; re-save it with waymark::to_string"
        );
    }
}

#[test]
fn load_gives_fresh_ids_and_a_valid_map() {
    for name in NAMES {
        let original = parsed(name);
        let a = templates::load(name).unwrap();
        let b = templates::load(name).unwrap();
        for j in [&a, &b] {
            assert!(validate(j).is_empty(), "{name}: {:?}", validate(j));
            assert_eq!(j.touchpoints.len(), original.touchpoints.len());
            assert_eq!(j.connections.len(), original.connections.len());
            assert_eq!(j.annotations.len(), original.annotations.len());
            assert!(j.primary_persona.is_some());
        }
        let ids = |j: &Journey| -> HashSet<_> {
            let mut ids: HashSet<_> = j.touchpoints.iter().map(|t| t.id).collect();
            ids.extend(j.stages.iter().map(|s| s.id));
            ids.extend(j.lanes.iter().map(|l| l.id));
            ids.extend(j.personas.iter().map(|p| p.id));
            ids.extend(j.connections.iter().map(|c| c.id));
            ids.extend(j.annotations.iter().map(|a| a.id));
            ids
        };
        assert!(ids(&a).is_disjoint(&ids(&b)), "{name}: two loads share ids");
        assert!(
            ids(&a).is_disjoint(&ids(&original)),
            "{name}: load kept file ids"
        );

        // Same map apart from ids: titles per stage and lane line up, and
        // annotations still point at the same kind of thing.
        let cells = |j: &Journey| -> Vec<(String, String, String)> {
            j.touchpoints
                .iter()
                .map(|t| {
                    (
                        j.stage(t.stage).unwrap().name.clone(),
                        j.lane(t.lane).unwrap().name.clone(),
                        t.title.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(cells(&a), cells(&original), "{name}");
        let targets = |j: &Journey| -> Vec<String> {
            j.annotations
                .iter()
                .map(|an| match an.target {
                    Target::Map => "map".to_string(),
                    Target::Stage(id) => j.stage(id).unwrap().name.clone(),
                    Target::Touchpoint(id) => j.touchpoint(id).unwrap().title.clone(),
                })
                .collect()
        };
        assert_eq!(targets(&a), targets(&original), "{name}");
        assert_eq!(
            a.main_persona().map(|p| &p.name),
            original.main_persona().map(|p| &p.name)
        );
        let created: Vec<_> = a.annotations.iter().map(|an| &an.created_at).collect();
        let kept: Vec<_> = original
            .annotations
            .iter()
            .map(|an| &an.created_at)
            .collect();
        assert_eq!(created, kept, "{name}: created_at must be kept");
    }
}

#[test]
fn blank_is_one_stage_and_one_lane() {
    let j = templates::load(BLANK).unwrap();
    assert!(validate(&j).is_empty(), "{:?}", validate(&j));
    assert_eq!(j.stages.len(), 1);
    assert_eq!(j.stages[0].name, "Stage 1");
    assert_eq!(j.lanes.len(), 1);
    assert_eq!(j.lanes[0].name, "Touchpoints");
    assert_eq!(j.lanes[0].kind, LaneKind::Touchpoints);
    assert!(j.touchpoints.is_empty() && j.personas.is_empty());
    let again = templates::load(BLANK).unwrap();
    assert_ne!(j.stages[0].id, again.stages[0].id);
    // A blank map round-trips through the file format.
    let text = waymark::to_string(&j);
    assert_eq!(waymark::from_str("blank", &text).unwrap(), j);
}

#[test]
fn unknown_names_give_none() {
    assert!(templates::load("no-such-template").is_none());
    assert!(templates::load("").is_none());
    assert!(templates::source(BLANK).is_none());
}
