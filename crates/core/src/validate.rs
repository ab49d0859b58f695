//! Validation of the typed model: every problem names where it is (a path like
//! `touchpoints[3] "Call the bank".inputs.emotion`) and what is wrong.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Id, Journey, Target};
use crate::order::is_valid_key;
use crate::schema::{input_range, setting_range, Range};

/// One thing wrong with a journey: where (`touchpoints[…].inputs.emotion`)
/// and what, in the user's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

struct Collector(Vec<Problem>);

impl Collector {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    /// `v` within `r` (see [`crate::schema`]).
    fn range(&mut self, path: &str, field: &str, v: Option<f64>, r: Range) {
        if let Some(v) = v {
            if !r.contains(v) {
                let whole = if r.integer { "a whole number " } else { "" };
                self.push(
                    format!("{path}.{field}"),
                    format!("{v} is not {whole}in {}..{}", r.min, r.max),
                );
            }
        }
    }

    /// Each target within its KPI's range.
    fn targets(&mut self, path: &str, targets: &crate::targets::Targets) {
        for (kpi, t) in targets.iter() {
            if let Some(p) = t.problem(kpi) {
                self.push(format!("{path}.{}", kpi.as_str()), p);
            }
        }
    }

    fn non_negative(&mut self, path: &str, field: &str, v: Option<f64>) {
        if let Some(v) = v {
            if !v.is_finite() || v < 0.0 {
                self.push(
                    format!("{path}.{field}"),
                    format!("{v} must be a finite number of at least 0"),
                );
            }
        }
    }

    fn order_key(&mut self, path: &str, key: &str) {
        if !is_valid_key(key) {
            self.push(
                format!("{path}.order"),
                format!("{key:?} is not an order key (digits 0-9A-Za-z, not ending in 0)"),
            );
        }
    }

    fn unique(&mut self, seen: &mut HashSet<Id>, path: &str, id: Id) {
        if !seen.insert(id) {
            self.push(format!("{path}.id"), format!("id {id} is used twice"));
        }
    }
}

fn label(collection: &str, i: usize, name: &str) -> String {
    if name.is_empty() {
        format!("{collection}[{i}]")
    } else {
        format!("{collection}[{i}] {name:?}")
    }
}

/// The entity a problem of [`validate`] is about, as `(collection, index)`
/// in the journey validated: read back from its path (`touchpoints[3]
/// "Call"…`); `None` for the journey's own fields.
pub fn problem_at(p: &Problem) -> Option<(&str, usize)> {
    let (collection, rest) = p.path.split_once('[')?;
    let (index, _) = rest.split_once(']')?;
    Some((collection, index.parse().ok()?))
}

/// Every problem with `j`; empty when it is valid.
pub fn validate(j: &Journey) -> Vec<Problem> {
    let mut c = Collector(Vec::new());
    if j.title.trim().is_empty() {
        c.push("title", "a journey needs a title");
    }
    let mut ids = HashSet::new();
    let personas: HashSet<Id> = j.personas.iter().map(|p| p.id).collect();
    for (i, p) in j.personas.iter().enumerate() {
        let path = label("personas", i, &p.name);
        c.unique(&mut ids, &path, p.id);
        c.order_key(&path, &p.order);
        if p.name.trim().is_empty() {
            c.push(format!("{path}.name"), "a persona needs a name");
        }
    }
    if let Some(pid) = j.primary_persona {
        if !personas.contains(&pid) {
            c.push("primary_persona", format!("no persona has id {pid}"));
        }
    }
    let stages: HashSet<Id> = j.stages.iter().map(|s| s.id).collect();
    for (i, s) in j.stages.iter().enumerate() {
        let path = label("stages", i, &s.name);
        c.unique(&mut ids, &path, s.id);
        c.order_key(&path, &s.order);
        if s.name.trim().is_empty() {
            c.push(format!("{path}.name"), "a stage needs a name");
        }
        c.targets(&format!("{path}.targets"), &s.targets);
    }
    let lanes: HashSet<Id> = j.lanes.iter().map(|l| l.id).collect();
    for (i, l) in j.lanes.iter().enumerate() {
        let path = label("lanes", i, &l.name);
        c.unique(&mut ids, &path, l.id);
        c.order_key(&path, &l.order);
        if l.name.trim().is_empty() {
            c.push(format!("{path}.name"), "a lane needs a name");
        }
    }
    let touchpoints: HashSet<Id> = j.touchpoints.iter().map(|t| t.id).collect();
    for (i, t) in j.touchpoints.iter().enumerate() {
        let path = label("touchpoints", i, &t.title);
        c.unique(&mut ids, &path, t.id);
        c.order_key(&path, &t.order);
        if t.title.trim().is_empty() {
            c.push(format!("{path}.title"), "a touchpoint needs a title");
        }
        if !stages.contains(&t.stage) {
            c.push(
                format!("{path}.stage"),
                format!("no stage has id {}", t.stage),
            );
        }
        if !lanes.contains(&t.lane) {
            c.push(format!("{path}.lane"), format!("no lane has id {}", t.lane));
        }
        for p in &t.personas {
            if !personas.contains(p) {
                c.push(format!("{path}.personas"), format!("no persona has id {p}"));
            }
        }
        let inp = &t.inputs;
        let ip = format!("{path}.inputs");
        if let Some(e) = inp.emotion {
            let r = input_range("emotion");
            if !r.contains(f64::from(e)) {
                c.push(format!("{ip}.emotion"), r.refusal("emotion", e));
            }
        }
        if let Some(f) = inp.friction {
            let r = input_range("friction");
            if !r.contains(f64::from(f)) {
                c.push(format!("{ip}.friction"), r.refusal("friction", f));
            }
        }
        for (field, v) in inp.numbers() {
            if !matches!(field, "emotion" | "friction") {
                c.range(&ip, field, v, input_range(field));
            }
        }
        c.targets(&format!("{path}.targets"), &t.targets);
        if let (Some(d), Some(a)) = (inp.wait_desired_minutes, inp.wait_adequate_minutes) {
            if a < d {
                c.push(
                    format!("{ip}.wait_adequate_minutes"),
                    format!("{a} is below the desired wait {d}: the adequate level must be the longer one"),
                );
            }
        }
    }
    for (i, k) in j.connections.iter().enumerate() {
        let path = format!("connections[{i}]");
        c.unique(&mut ids, &path, k.id);
        for (end, id) in [("from", k.from), ("to", k.to)] {
            if !touchpoints.contains(&id) {
                c.push(
                    format!("{path}.{end}"),
                    format!("no touchpoint has id {id}"),
                );
            }
        }
        if k.from == k.to {
            c.push(path, "a connection must join two different touchpoints");
        }
    }
    for (i, a) in j.annotations.iter().enumerate() {
        let path = format!("annotations[{i}]");
        c.unique(&mut ids, &path, a.id);
        if a.text.trim().is_empty() {
            c.push(format!("{path}.text"), "an annotation needs text");
        }
        if time::OffsetDateTime::parse(
            &a.created_at,
            &time::format_description::well_known::Rfc3339,
        )
        .is_err()
        {
            c.push(
                format!("{path}.created_at"),
                format!("{:?} is not an RFC 3339 timestamp", a.created_at),
            );
        }
        match a.target {
            Target::Map => {}
            Target::Stage(id) if !stages.contains(&id) => {
                c.push(format!("{path}.target"), format!("no stage has id {id}"))
            }
            Target::Touchpoint(id) if !touchpoints.contains(&id) => c.push(
                format!("{path}.target"),
                format!("no touchpoint has id {id}"),
            ),
            _ => {}
        }
    }
    let mut keys = HashSet::new();
    for (i, r) in j.responses.iter().enumerate() {
        let path = format!("responses[{i}]");
        if !touchpoints.contains(&r.touchpoint) {
            c.push(
                format!("{path}.touchpoint"),
                format!("no touchpoint has id {}", r.touchpoint),
            );
        }
        let (lo, hi) = r.scale.range();
        if !r.value.is_finite() || r.value < lo || r.value > hi || r.value.fract() != 0.0 {
            c.push(
                format!("{path}.value"),
                format!(
                    "{} is not a whole number in {lo}..{hi} ({})",
                    r.value,
                    r.scale.as_str()
                ),
            );
        }
        if parse_date(&r.date).is_none() {
            c.push(
                format!("{path}.date"),
                format!("{:?} is not a date YYYY-MM-DD", r.date),
            );
        }
        if !keys.insert(r.key()) {
            c.push(
                path,
                "the same respondent, touchpoint, metric and date appear twice",
            );
        }
    }
    let mut keys = HashSet::new();
    for e in &j.evidence {
        let path = format!("evidence[{}]", e.key());
        if !touchpoints.contains(&e.touchpoint) {
            c.push(
                format!("{path}.touchpoint"),
                format!("no touchpoint has id {}", e.touchpoint),
            );
        }
        if let Some(why) = e.stats.impossible() {
            c.push(format!("{path}.stats"), why);
        }
        if !keys.insert(e.key()) {
            c.push(path, "the same touchpoint and wave appear twice");
        }
    }
    for (group, field, v) in j.settings.numbers() {
        let path = group.map_or("settings".to_string(), |g| format!("settings.{g}"));
        c.range(&path, field, Some(v), setting_range(group, field));
    }
    c.targets("targets", &j.targets);
    let ji = &j.inputs;
    for (name, v) in [
        ("customers_at_start", ji.customers_at_start),
        ("customers_lost", ji.customers_lost),
        ("average_purchase_value", ji.average_purchase_value),
        ("purchases_per_period", ji.purchases_per_period),
        ("lifespan_periods", ji.lifespan_periods),
    ] {
        c.non_negative("inputs", name, v);
    }
    if let (Some(start), Some(lost)) = (ji.customers_at_start, ji.customers_lost) {
        if lost > start {
            c.push(
                "inputs.customers_lost",
                format!("{lost} lost is more than the {start} at start"),
            );
        }
    }
    c.0
}

/// Parses a YYYY-MM-DD date.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Problems joined into one message, at most `max` listed.
pub fn describe(problems: &[Problem], max: usize) -> String {
    let mut out: Vec<String> = problems.iter().take(max).map(|p| p.to_string()).collect();
    if problems.len() > max {
        out.push(format!("... and {} more", problems.len() - max));
    }
    out.join("; ")
}
