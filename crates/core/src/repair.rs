//! Deterministic repair of a projected journey, so that every reader of a
//! document sees a map that passes [`crate::validate`], whatever the document
//! holds.
//!
//! A Yjs update cannot be taken back once its author's replica holds it: a
//! refused update leaves the writer's document and ours apart for good (and
//! wedges a sync session whose later updates depend on it). So updates from
//! replicas (the editor, workshop pages, the host token, sync rooms) are
//! merged as they are, and the projection repairs what they broke: a value
//! out of range is clamped, an empty name gets a placeholder, an entity that
//! cannot be mended (an empty note, an impossible answer) is hidden. Every
//! repair is reported as a [`Problem`] whose message ends in
//! [`REPAIRED`] or [`HIDDEN`]; the document keeps what was written, so the
//! author's next edit replaces it. Typed edits (CLI, commands) are refused
//! instead, with the reason, before anything is written.
//!
//! Every rule here mirrors one in [`crate::validate`]; the property test in
//! `tests/repair.rs` checks that a repaired journey always validates.

use std::collections::HashSet;

use crate::model::{Annotation, Id, Journey, Lane, Persona, Stage, SurveyResponse, Touchpoint};
use crate::order::is_valid_key;
use crate::schema::{input_range, setting_range, Range};
use crate::validate::{parse_date, Problem};

/// The end of a problem's message when the projection fixed the value.
pub const REPAIRED: &str = "repaired";
/// The end of a problem's message when the projection left the entity out.
pub const HIDDEN: &str = "hidden";

pub const UNTITLED_JOURNEY: &str = "Untitled journey";
/// The time an annotation whose timestamp is unreadable is dated at.
pub const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The journey's churn and value inputs: any finite number of at least 0.
const NON_NEGATIVE: Range = Range {
    min: 0.0,
    max: f64::MAX,
    integer: false,
};

struct Report<'a>(&'a mut Vec<Problem>);

impl Report<'_> {
    fn fixed(&mut self, path: String, what: impl std::fmt::Display) {
        self.0.push(Problem {
            path,
            message: format!("{what}; {REPAIRED}"),
        });
    }

    fn hidden(&mut self, path: String, what: impl std::fmt::Display) {
        self.0.push(Problem {
            path,
            message: format!("{what}; {HIDDEN}"),
        });
    }

    fn name(&mut self, path: String, field: &str, value: &mut String, placeholder: &str) {
        if value.trim().is_empty() {
            self.fixed(
                format!("{path}.{field}"),
                format!("is empty, shown as {placeholder:?}"),
            );
            *value = placeholder.to_string();
        }
    }

    fn order(&mut self, path: String, key: &mut String) {
        if !is_valid_key(key) {
            let fixed = repair_key(key);
            self.fixed(
                format!("{path}.order"),
                format!("{key:?} is not an order key, read as {fixed:?}"),
            );
            *key = fixed;
        }
    }

    /// Brings `v` into `r` (see [`crate::schema`]); `fallback` stands in for
    /// a value that is not a number.
    fn clamp_f(&mut self, path: String, v: &mut f64, r: Range, fallback: f64) {
        if !r.contains(*v) {
            let fixed = r.clamp(*v, fallback);
            self.fixed(
                path,
                format!("{v} is outside {}..{}, read as {fixed}", r.min, r.max),
            );
            *v = fixed;
        }
    }

    fn clamp_opt(&mut self, path: String, v: &mut Option<f64>, r: Range) {
        if let Some(x) = v {
            if !x.is_finite() {
                self.fixed(path, format!("{x} is not a number, left out"));
                *v = None;
            } else {
                self.clamp_f(path, x, r, r.min);
            }
        }
    }

    /// A target outside its KPI's range is read as the range's nearest
    /// end; one that is not a number is left out.
    fn targets(&mut self, path: String, targets: &mut crate::targets::Targets) {
        for kpi in crate::targets::Kpi::ALL {
            let slot = targets.slot(kpi);
            if let Some(t) = slot {
                let p = format!("{path}.{}", kpi.as_str());
                if !t.value.is_finite() {
                    self.fixed(p, format!("{} is not a number, left out", t.value));
                    *slot = None;
                } else {
                    self.clamp_f(p, &mut t.value, kpi.range(), 0.0);
                }
            }
        }
    }

    /// A whole-number input above its range's top is read as the top.
    fn cap<T>(&mut self, path: String, v: &mut Option<T>, r: Range)
    where
        T: Copy + std::fmt::Display + TryFrom<u64> + Into<f64>,
    {
        if let Some(x) = *v {
            if x.into() > r.max {
                let top = T::try_from(r.max as u64).ok();
                self.fixed(
                    path,
                    format!("{x} is outside {}..{}, read as {}", r.min, r.max, r.max),
                );
                *v = top;
            }
        }
    }
}

/// A well-formed order key made from `key`: its digits, without trailing
/// zeros, or the middle key `V` when nothing is left.
pub fn repair_key(key: &str) -> String {
    let digits: String = key.chars().filter(char::is_ascii_alphanumeric).collect();
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        "V".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Leaves out the entities of `items` whose id an earlier one took.
fn unique<T>(
    items: &mut Vec<T>,
    id: impl Fn(&T) -> Id,
    collection: &str,
    ids: &mut HashSet<Id>,
    r: &mut Report<'_>,
) {
    items.retain(|item| {
        let fresh = ids.insert(id(item));
        if !fresh {
            r.hidden(at(collection, id(item)), "its id is used by another entity");
        }
        fresh
    });
}

fn at(collection: &str, id: Id) -> String {
    format!("{collection}[{id}]")
}

/// Makes `j` pass [`crate::validate`] except for dangling references (which
/// the projection handles after this, see `doc::drop_dangling`), and returns
/// what it changed.
pub fn repair(j: &mut Journey) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut r = Report(&mut problems);
    title(j, &mut r);
    // Ids are unique per collection by construction (they are the keys); a
    // hostile peer can still reuse one across collections: the later
    // collection, in validation's order, loses the entity.
    let mut ids: HashSet<Id> = HashSet::new();
    unique(&mut j.personas, |p| p.id, "personas", &mut ids, &mut r);
    unique(&mut j.stages, |s| s.id, "stages", &mut ids, &mut r);
    unique(&mut j.lanes, |l| l.id, "lanes", &mut ids, &mut r);
    unique(
        &mut j.touchpoints,
        |t| t.id,
        "touchpoints",
        &mut ids,
        &mut r,
    );
    unique(
        &mut j.connections,
        |c| c.id,
        "connections",
        &mut ids,
        &mut r,
    );
    unique(
        &mut j.annotations,
        |a| a.id,
        "annotations",
        &mut ids,
        &mut r,
    );

    for p in &mut j.personas {
        persona(p, &mut r);
    }
    for s in &mut j.stages {
        stage(s, &mut r);
    }
    for l in &mut j.lanes {
        lane(l, &mut r);
    }
    for t in &mut j.touchpoints {
        touchpoint(t, &mut r);
    }
    j.annotations.retain_mut(|a| note(a, &mut r));
    // An answer is evidence: clamping it would invent one, so a bad one is
    // left out.
    j.responses.retain(|resp| answer(resp, &mut r));
    settings_and_inputs(j, &mut r);
    problems
}

/// The repairs of one entity, for a projection kept up to date entity by
/// entity ([`crate::incremental`]): what [`repair`] would report about it,
/// and whether it stays. Cross-collection ids are the caller's to check.
pub(crate) mod one {
    use super::*;

    pub fn meta(j: &mut Journey, problems: &mut Vec<Problem>) {
        let mut r = Report(problems);
        title(j, &mut r);
        settings_and_inputs(j, &mut r);
    }
    pub fn persona(p: &mut Persona, problems: &mut Vec<Problem>) {
        super::persona(p, &mut Report(problems))
    }
    pub fn stage(s: &mut Stage, problems: &mut Vec<Problem>) {
        super::stage(s, &mut Report(problems))
    }
    pub fn lane(l: &mut Lane, problems: &mut Vec<Problem>) {
        super::lane(l, &mut Report(problems))
    }
    pub fn touchpoint(t: &mut Touchpoint, problems: &mut Vec<Problem>) {
        super::touchpoint(t, &mut Report(problems))
    }
    pub fn note(a: &mut Annotation, problems: &mut Vec<Problem>) -> bool {
        super::note(a, &mut Report(problems))
    }
    pub fn answer(a: &SurveyResponse, problems: &mut Vec<Problem>) -> bool {
        super::answer(a, &mut Report(problems))
    }
}

fn title(j: &mut Journey, r: &mut Report<'_>) {
    if j.title.trim().is_empty() {
        r.fixed(
            "meta.title".into(),
            format!("is empty, shown as {UNTITLED_JOURNEY:?}"),
        );
        j.title = UNTITLED_JOURNEY.to_string();
    }
}

fn persona(p: &mut Persona, r: &mut Report<'_>) {
    let path = at("personas", p.id);
    r.order(path.clone(), &mut p.order);
    r.name(path, "name", &mut p.name, "Unnamed persona");
}

fn stage(s: &mut Stage, r: &mut Report<'_>) {
    let path = at("stages", s.id);
    r.order(path.clone(), &mut s.order);
    r.targets(format!("{path}.targets"), &mut s.targets);
    r.name(path, "name", &mut s.name, "Unnamed stage");
}

fn lane(l: &mut Lane, r: &mut Report<'_>) {
    let path = at("lanes", l.id);
    r.order(path.clone(), &mut l.order);
    r.name(path, "name", &mut l.name, "Unnamed lane");
}

fn touchpoint(t: &mut Touchpoint, r: &mut Report<'_>) {
    let path = at("touchpoints", t.id);
    r.order(path.clone(), &mut t.order);
    r.name(path.clone(), "title", &mut t.title, "Untitled touchpoint");
    let ip = format!("{path}.inputs");
    let inp = &mut t.inputs;
    let emotion = input_range("emotion");
    if let Some(e) = inp.emotion.filter(|e| !emotion.contains(f64::from(*e))) {
        let fixed = emotion.clamp(f64::from(e), 0.0) as i8;
        r.fixed(
            format!("{ip}.emotion"),
            format!("{}; read as {fixed}", emotion.refusal("emotion", e)),
        );
        inp.emotion = Some(fixed);
    }
    let friction = input_range("friction");
    if let Some(f) = inp.friction.filter(|f| !friction.contains(f64::from(*f))) {
        let fixed = friction.clamp(f64::from(f), 0.0) as u8;
        r.fixed(
            format!("{ip}.friction"),
            format!("{}; read as {fixed}", friction.refusal("friction", f)),
        );
        inp.friction = Some(fixed);
    }
    for (field, v) in [
        ("steps", &mut inp.steps),
        ("expected_steps", &mut inp.expected_steps),
        ("transfers", &mut inp.transfers),
        ("channel_switches", &mut inp.channel_switches),
    ] {
        r.cap(format!("{ip}.{field}"), v, input_range(field));
    }
    if let Some(reach) = inp.reach {
        let top = input_range("reach").max;
        if reach as f64 > top {
            r.fixed(
                format!("{ip}.reach"),
                format!("{reach} is outside 0..{top}, read as {top}"),
            );
            inp.reach = Some(top as u64);
        }
    }
    for (field, v) in [
        ("wait_minutes", &mut inp.wait_minutes),
        ("wait_desired_minutes", &mut inp.wait_desired_minutes),
        ("wait_adequate_minutes", &mut inp.wait_adequate_minutes),
        ("aht_minutes", &mut inp.aht_minutes),
        ("fcr_rate", &mut inp.fcr_rate),
        ("error_rate", &mut inp.error_rate),
    ] {
        r.clamp_opt(format!("{ip}.{field}"), v, input_range(field));
    }
    r.targets(format!("{path}.targets"), &mut t.targets);
    if let (Some(d), Some(a)) = (inp.wait_desired_minutes, inp.wait_adequate_minutes) {
        if a < d {
            r.fixed(
                format!("{ip}.wait_adequate_minutes"),
                format!("{a} is below the desired wait {d}, read as {d}"),
            );
            inp.wait_adequate_minutes = Some(d);
        }
    }
}

/// Mends a note; false when it is left out.
fn note(a: &mut Annotation, r: &mut Report<'_>) -> bool {
    let path = at("annotations", a.id);
    if a.text.trim().is_empty() {
        r.hidden(path, "a note without text");
        return false;
    }
    if time::OffsetDateTime::parse(
        &a.created_at,
        &time::format_description::well_known::Rfc3339,
    )
    .is_err()
    {
        r.fixed(
            format!("{path}.created_at"),
            format!(
                "{:?} is not an RFC 3339 timestamp, read as {EPOCH}",
                a.created_at
            ),
        );
        a.created_at = EPOCH.to_string();
    }
    true
}

/// Whether an answer is kept.
fn answer(resp: &SurveyResponse, r: &mut Report<'_>) -> bool {
    let (lo, hi) = resp.scale.range();
    let v = resp.value;
    if !(v.is_finite() && v >= lo && v <= hi && v.fract() == 0.0) {
        r.hidden(
            format!("responses[{}].value", resp.key()),
            format!("{v} is not a whole number in {lo}..{hi}"),
        );
        return false;
    }
    if parse_date(&resp.date).is_none() {
        r.hidden(
            format!("responses[{}].date", resp.key()),
            format!("{:?} is not a date YYYY-MM-DD", resp.date),
        );
        return false;
    }
    true
}

fn settings_and_inputs(j: &mut Journey, r: &mut Report<'_>) {
    let s = &mut j.settings;
    let fw = &mut s.friction_weights;
    let ew = &mut s.emotion_weights;
    let th = &mut s.thresholds;
    let fwg = Some("friction_weights");
    let ewg = Some("emotion_weights");
    let thg = Some("thresholds");
    for (group, name, v) in [
        (fwg, "survey_effort", &mut fw.survey_effort),
        (fwg, "repeat_contact", &mut fw.repeat_contact),
        (fwg, "handoffs", &mut fw.handoffs),
        (fwg, "wait", &mut fw.wait),
        (fwg, "errors", &mut fw.errors),
        (fwg, "extra_steps", &mut fw.extra_steps),
        (ewg, "survey", &mut ew.survey),
        (ewg, "sentiment", &mut ew.sentiment),
        (ewg, "designer", &mut ew.designer),
        (thg, "pain_friction", &mut th.pain_friction),
        (thg, "pain_emotion", &mut th.pain_emotion),
        (
            thg,
            "pain_negative_comment_share",
            &mut th.pain_negative_comment_share,
        ),
        (
            None,
            "service_desired_wait_minutes",
            &mut s.service_desired_wait_minutes,
        ),
    ] {
        let path = match group {
            Some(g) => format!("meta.settings.{g}.{name}"),
            None => format!("meta.settings.{name}"),
        };
        r.clamp_f(path, v, setting_range(group, name), 0.0);
    }
    let mut min_responses = Some(th.min_responses);
    r.cap(
        "meta.settings.thresholds.min_responses".into(),
        &mut min_responses,
        setting_range(thg, "min_responses"),
    );
    th.min_responses = min_responses.unwrap_or_default();
    r.targets("meta.targets".into(), &mut j.targets);
    let ji = &mut j.inputs;
    for (name, v) in [
        ("customers_at_start", &mut ji.customers_at_start),
        ("customers_lost", &mut ji.customers_lost),
        ("average_purchase_value", &mut ji.average_purchase_value),
        ("purchases_per_period", &mut ji.purchases_per_period),
        ("lifespan_periods", &mut ji.lifespan_periods),
    ] {
        r.clamp_opt(format!("meta.inputs.{name}"), v, NON_NEGATIVE);
    }
    if let (Some(start), Some(lost)) = (ji.customers_at_start, ji.customers_lost) {
        if lost > start {
            r.fixed(
                "meta.inputs.customers_lost".into(),
                format!("{lost} lost is more than the {start} at start, read as {start}"),
            );
            ji.customers_lost = Some(start);
        }
    }
}

/// Whether the projection mended or left out something because of what a
/// writer put in the document (this module's repairs, and unreadable
/// entities), rather than because a concurrent delete left it without a home
/// (`doc::drop_dangling`, whose messages all say what was "deleted"; see
/// [`crate::orphans`] for those).
pub fn is_repair(p: &Problem) -> bool {
    !p.message.contains(" deleted")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_mended_deterministically() {
        assert_eq!(repair_key("a0"), "a");
        assert_eq!(repair_key("0"), "V");
        assert_eq!(repair_key(""), "V");
        assert_eq!(repair_key("a-b"), "ab");
        assert!(is_valid_key(&repair_key("ü0x0")));
    }
}
