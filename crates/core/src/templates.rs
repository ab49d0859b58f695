//! Built-in journey templates: realistic example maps to start from, embedded
//! in the binary as `.waymark` text (`assets/templates/`), plus a blank map.
//!
//! The files are canonical (`formats::waymark::to_string` of their own parse),
//! so exporting an unchanged template gives the same bytes. [`load`] gives
//! every entity a fresh id, so two maps made from one template never share ids.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::formats::waymark;
use crate::model::{Id, Journey, Lane, LaneKind, Stage, Target};
use crate::order::spread;

/// The name [`load`] takes for a new empty map (one stage, one lane).
pub const BLANK: &str = "blank";

/// Name (the file stem) and `.waymark` text of each built-in template.
const TEMPLATES: [(&str, &str); 4] = [
    (
        "bank-lost-card",
        include_str!("../../../assets/templates/bank-lost-card.waymark"),
    ),
    (
        "broadband-outage",
        include_str!("../../../assets/templates/broadband-outage.waymark"),
    ),
    (
        "damaged-order-return",
        include_str!("../../../assets/templates/damaged-order-return.waymark"),
    ),
    (
        "saas-trial-onboarding",
        include_str!("../../../assets/templates/saas-trial-onboarding.waymark"),
    ),
];

/// What a template picker shows about one template.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TemplateInfo {
    /// The name [`load`] takes.
    pub name: &'static str,
    pub title: String,
    pub description: String,
    pub stages: usize,
    pub touchpoints: usize,
}

/// The built-in templates, in a fixed order ([`BLANK`] is not among them).
pub fn list() -> Vec<TemplateInfo> {
    TEMPLATES
        .iter()
        .map(|&(name, text)| {
            let j = parse(name, text);
            TemplateInfo {
                name,
                title: j.title,
                description: j.description,
                stages: j.stages.len(),
                touchpoints: j.touchpoints.len(),
            }
        })
        .collect()
}

/// What a template picker shows about [`BLANK`]: one stage, one lane.
pub fn blank_info() -> TemplateInfo {
    let j = blank();
    TemplateInfo {
        name: BLANK,
        title: "Blank map".into(),
        description: "One stage and one lane, nothing else: start from nothing.".into(),
        stages: j.stages.len(),
        touchpoints: j.touchpoints.len(),
    }
}

/// The embedded `.waymark` text of a template, ids as in the file.
pub fn source(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, text)| text)
}

/// A new journey from the template `name` (or [`BLANK`]), every entity with a
/// fresh random id; `None` for an unknown name.
pub fn load(name: &str) -> Option<Journey> {
    if name == BLANK {
        return Some(blank());
    }
    let text = source(name)?;
    let mut journey = parse(name, text);
    refresh_ids(&mut journey);
    journey.normalize();
    Some(journey)
}

fn parse(name: &str, text: &str) -> Journey {
    waymark::from_str(&format!("{name}.waymark"), text)
        .unwrap_or_else(|e| panic!("built-in template {name} is invalid: {e}"))
}

fn blank() -> Journey {
    let order = spread(1).remove(0);
    let mut journey = Journey::new("Untitled journey");
    journey.stages.push(Stage {
        id: Uuid::new_v4(),
        order: order.clone(),
        name: "Stage 1".into(),
        ..Stage::default()
    });
    journey.lanes.push(Lane {
        id: Uuid::new_v4(),
        order,
        name: "Touchpoints".into(),
        kind: LaneKind::Touchpoints,
    });
    journey
}

/// Gives every persona, stage, lane, touchpoint, connection and annotation a
/// new id and rewrites every reference to them.
fn refresh_ids(j: &mut Journey) {
    let mut fresh: HashMap<Id, Id> = HashMap::new();
    let mut renew = |id: &mut Id| {
        let new = Uuid::new_v4();
        fresh.insert(*id, new);
        *id = new;
    };
    j.personas.iter_mut().for_each(|p| renew(&mut p.id));
    j.stages.iter_mut().for_each(|s| renew(&mut s.id));
    j.lanes.iter_mut().for_each(|l| renew(&mut l.id));
    j.touchpoints.iter_mut().for_each(|t| renew(&mut t.id));
    j.connections.iter_mut().for_each(|c| renew(&mut c.id));
    j.annotations.iter_mut().for_each(|a| renew(&mut a.id));

    let map = |id: &mut Id| {
        if let Some(new) = fresh.get(id) {
            *id = *new;
        }
    };
    if let Some(p) = j.primary_persona.as_mut() {
        map(p);
    }
    for t in &mut j.touchpoints {
        map(&mut t.stage);
        map(&mut t.lane);
        t.personas.iter_mut().for_each(map);
    }
    for c in &mut j.connections {
        map(&mut c.from);
        map(&mut c.to);
    }
    for a in &mut j.annotations {
        match &mut a.target {
            Target::Map => {}
            Target::Stage(id) | Target::Touchpoint(id) => map(id),
        }
    }
    for r in &mut j.responses {
        map(&mut r.touchpoint);
    }
}
