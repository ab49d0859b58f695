//! `waymark future` and `waymark compare`: as-is and to-be.

use waymark_api::compare::{Comparison, MapRef, Status};
use waymark_api::Library;

use crate::{resolve, Failure};

/// "ID" or "ID@VERSION" (a version id or label) → a side of a comparison.
pub fn parse_side(lib: &Library, spec: &str) -> Result<MapRef, Failure> {
    let (id, version) = match spec.split_once('@') {
        Some((id, v)) if !v.is_empty() => (id, Some(v.to_string())),
        Some(_) => {
            return Err(Failure::Usage(format!(
                "{spec}: a version after @ is missing"
            )))
        }
        None => (spec, None),
    };
    Ok(MapRef {
        map: resolve(lib, id)?,
        version,
    })
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.0}"))
}

fn signed(v: Option<f64>) -> String {
    match v {
        Some(v) if v.round() != 0.0 => format!("{:+.0}", v),
        Some(_) => "0".into(),
        None => "".into(),
    }
}

/// The comparison as text: counts, stage deltas, what improved and worsened,
/// and the touchpoints that differ.
pub fn render(c: &Comparison) -> String {
    let mut out = format!(
        "{} → {}\n{} added, {} removed, {} changed touchpoints\n\n",
        c.before_title, c.after_title, c.added, c.removed, c.changed
    );
    let j = &c.journey;
    out.push_str(&format!(
        "journey friction {} → {} ({}), emotion {} → {} ({}), pain points {} → {}\n\n",
        num(j.friction.before),
        num(j.friction.after),
        signed(j.friction.change),
        num(j.emotion.before),
        num(j.emotion.after),
        signed(j.emotion.change),
        num(j.pain_points.before),
        num(j.pain_points.after),
    ));
    out.push_str("stage                             friction          emotion\n");
    for s in &c.stages {
        let name: String = s.name.chars().take(32).collect();
        out.push_str(&format!(
            "{name:<32}  {:>4} → {:<4} {:>4}  {:>4} → {:<4} {:>4}{}\n",
            num(s.friction.before),
            num(s.friction.after),
            signed(s.friction.change),
            num(s.emotion.before),
            num(s.emotion.after),
            signed(s.emotion.change),
            match s.status {
                Status::Added => "  (added)",
                Status::Removed => "  (removed)",
                _ => "",
            }
        ));
    }
    for (title, lines) in [
        ("What improved", &c.improved),
        ("What got worse", &c.worsened),
    ] {
        if !lines.is_empty() {
            out.push_str(&format!("\n{title}:\n"));
            for l in lines {
                out.push_str(&format!("  - {l}\n"));
            }
        }
    }
    let differing: Vec<_> = c
        .touchpoints
        .iter()
        .filter(|t| t.status != Status::Unchanged)
        .collect();
    if !differing.is_empty() {
        out.push_str("\nTouchpoints:\n");
        for t in differing {
            let what = match t.status {
                Status::Added => "added".to_string(),
                Status::Removed => "removed".to_string(),
                _ => format!("changed: {}", t.changes.join(", ")),
            };
            out.push_str(&format!("  {} — {what}\n", t.title));
        }
    }
    out
}
