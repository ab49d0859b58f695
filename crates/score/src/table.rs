//! A fixed-width text rendering of a scorecard for the terminal
//! (`waymark score`), so the numbers can be read without the app.

use std::collections::HashMap;
use std::fmt::Write;

use crate::scorecard::{Ces, Scorecard};
use crate::targets::TargetCheck;

/// How many touchpoints the table lists: the top of the priority ranking is
/// what a team acts on; the rest is in the JSON.
const TOP: usize = 15;

fn num(v: Option<f64>, prec: usize) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.prec$}"))
}

fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn ces(c: &Ces) -> (String, String) {
    (num(c.ces5, 2), num(c.ces7, 2))
}

pub fn render_table(sc: &Scorecard) -> String {
    let mut o = String::new();
    let j = &sc.journey;
    let (c5, c7) = ces(&j.ces);
    let _ = writeln!(o, "JOURNEY");
    let _ = writeln!(
        o,
        "  Friction {:>6}   Emotion {:>6}   Remembered emotion {:>6}   Pain points {}",
        num(j.friction, 1),
        num(j.emotion, 1),
        num(j.remembered_emotion, 1),
        j.pain_points
    );
    let _ = writeln!(
        o,
        "  NPS {:>6}   CSAT {:>6}   CES5 {:>5}   CES7 {:>5}   Responses {}",
        num(j.nps, 1),
        num(j.csat, 1),
        c5,
        c7,
        j.responses
    );
    let _ = writeln!(
        o,
        "  Churn {:>7}   CLV {:>10}",
        j.churn_rate
            .map_or_else(|| "—".to_string(), |c| format!("{:.1}%", c * 100.0)),
        num(j.clv, 2)
    );
    if j.reach_assumed {
        let _ = writeln!(
            o,
            "  (some touchpoints have no reach; counted as average ones)"
        );
    }

    let titles: HashMap<_, _> = sc
        .touchpoints
        .iter()
        .map(|t| (t.id, t.title.as_str()))
        .collect();
    let _ = writeln!(o, "\nSTAGES");
    let _ = writeln!(
        o,
        "  {:<24} {:>8} {:>8} {:>7} {:>7} {:>5} {:>5} {:>6}  Worst touchpoint",
        "Stage", "Friction", "Emotion", "NPS", "CSAT", "CES5", "CES7", "Resp"
    );
    for s in &sc.stages {
        let (c5, c7) = ces(&s.ces);
        let worst = s
            .worst_touchpoint
            .and_then(|id| titles.get(&id).copied())
            .unwrap_or("—");
        let _ = writeln!(
            o,
            "  {:<24} {:>8} {:>8} {:>7} {:>7} {:>5} {:>5} {:>6}  {}{}",
            fit(&s.name, 24),
            num(s.friction, 1),
            num(s.emotion, 1),
            num(s.nps, 1),
            num(s.csat, 1),
            c5,
            c7,
            s.responses,
            fit(worst, 30),
            if s.reach_assumed { " *" } else { "" }
        );
    }
    if sc.stages.iter().any(|s| s.reach_assumed) {
        let _ = writeln!(o, "  * reach assumed for some touchpoints");
    }

    let _ = writeln!(
        o,
        "\nTOP TOUCHPOINTS (by priority: 0–100, 100 = the map's top impact; {} of {})",
        sc.touchpoints.len().min(TOP),
        sc.touchpoints.len()
    );
    let _ = writeln!(
        o,
        "  {:>3} {:<30} {:>8} {:>8} {:>8} {:>7} {:<14} {:>4} {:>5}",
        "#", "Touchpoint", "Friction", "Emotion", "Priority", "Impact", "Label", "Pain", "Cover"
    );
    for (i, t) in sc.touchpoints.iter().take(TOP).enumerate() {
        let flags = match (t.low_confidence, t.reach_assumed) {
            (true, true) => "  low confidence, reach assumed",
            (true, false) => "  low confidence",
            (false, true) => "  reach assumed",
            (false, false) => "",
        };
        let _ = writeln!(
            o,
            "  {:>3} {:<30} {:>8} {:>8} {:>8} {:>7} {:<14} {:>4} {:>4.0}%{}",
            i + 1,
            fit(&t.title, 30),
            num(t.friction, 1),
            num(t.emotion, 1),
            t.priority
                .map_or_else(|| "—".to_string(), |p| p.to_string()),
            num(t.impact, 2),
            t.label.map_or("—", |l| l.as_str()),
            if t.pain_point { "yes" } else { "" },
            t.coverage * 100.0,
            flags
        );
    }
    let targets: Vec<(&str, &[TargetCheck])> = std::iter::once(("Journey", &j.targets[..]))
        .chain(sc.stages.iter().map(|s| (s.name.as_str(), &s.targets[..])))
        .chain(
            sc.touchpoints
                .iter()
                .map(|t| (t.title.as_str(), &t.targets[..])),
        )
        .filter(|(_, checks)| !checks.is_empty())
        .collect();
    if !targets.is_empty() {
        let _ = writeln!(o, "\nTARGETS");
        for (name, checks) in targets {
            for c in checks {
                let _ = writeln!(o, "  {:<30} {}", fit(name, 30), c.sentence());
            }
        }
    }
    o
}
