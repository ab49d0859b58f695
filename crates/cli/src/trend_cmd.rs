//! `waymark waves`, `waymark wave rename|delete`, `waymark trend` and
//! `waymark target`: survey waves, how the scores moved between them, and
//! the KPI targets they are held against.

use clap::Subcommand;
use waymark_api::targets::TargetGroup;
use waymark_api::waves::{since_last_wave, Change, Figures, Trend, WaveRow};

#[derive(Subcommand)]
pub enum WaveCommand {
    /// Rename a wave of a map
    Rename {
        id: String,
        from: String,
        to: String,
    },
    /// Delete a wave of a map and its answers
    Delete { id: String, label: String },
}

pub fn waves(waves: &[WaveRow]) -> String {
    if waves.is_empty() {
        return "no survey waves (import answers with `waymark responses import ID FILE --wave LABEL`)\n".into();
    }
    let mut out = format!(
        "{:<24}  {:<10}  {:>9}  imported\n",
        "wave", "date", "answers"
    );
    for w in waves {
        out.push_str(&format!(
            "{:<24}  {:<10}  {:>9}  {}\n",
            w.label,
            w.date.as_deref().unwrap_or("–"),
            w.answers,
            w.imported_at
        ));
    }
    out
}

/// One line per wave holding answers about touchpoints no longer on the map.
pub fn off_the_map(waves: &[(String, i64)]) -> String {
    waves
        .iter()
        .map(|(label, n)| {
            format!(
                "{n} answers in wave {label:?} are about touchpoints no longer on the map: \
                 kept, they count again if the touchpoint comes back (undo, restore); \
                 `waymark wave delete` drops them\n"
            )
        })
        .collect()
}

fn with_ci(v: Option<f64>, ci: Option<[f64; 2]>, digits: usize) -> String {
    match (v, ci) {
        (Some(v), Some([lo, hi])) => format!("{v:.digits$} [{lo:.digits$}, {hi:.digits$}]"),
        (Some(v), None) => format!("{v:.digits$}"),
        _ => "–".into(),
    }
}

fn mark(c: Option<Change>) -> &'static str {
    match c {
        Some(Change::Rose) => " ↑",
        Some(Change::Fell) => " ↓",
        Some(Change::WithinNoise) => " ~",
        _ => "",
    }
}

fn line(name: &str, f: &Figures) -> String {
    let ch = f.changes;
    let name: String = name.chars().take(28).collect();
    format!(
        "{name:<28} {:>6}  NPS {:<18} CSAT {:<18} CES {:<16} friction {:>4}  emotion {:>4}\n",
        f.n,
        format!("{}{}", with_ci(f.nps, f.nps_ci, 0), mark(ch.map(|c| c.nps))),
        format!(
            "{}{}",
            with_ci(f.csat, f.csat_ci, 0),
            mark(ch.map(|c| c.csat))
        ),
        match (f.ces5, f.ces7) {
            (Some(_), _) => format!(
                "{}{}",
                with_ci(f.ces5, f.ces5_ci, 1),
                mark(ch.map(|c| c.ces5))
            ),
            (None, Some(_)) => format!(
                "{}/7{}",
                with_ci(f.ces7, f.ces7_ci, 1),
                mark(ch.map(|c| c.ces7))
            ),
            _ => "–".into(),
        },
        f.friction.map_or("–".into(), |v| format!("{v:.0}")),
        f.emotion.map_or("–".into(), |v| format!("{v:.0}")),
    )
}

/// Each wave's journey, stages and touchpoints with 95% intervals; ↑/↓ mark
/// a change since the wave before, ~ a move within noise.
pub fn trend(t: &Trend) -> String {
    if t.waves.is_empty() {
        return "no survey waves to compare\n".into();
    }
    let mut out = String::from(
        "95% intervals in brackets; ↑ ↓ changed since the wave before, ~ within noise\n",
    );
    for w in &t.waves {
        out.push_str(&format!(
            "\n{} ({})\n{:<28} {:>6}\n",
            w.label,
            w.date.as_deref().unwrap_or("undated"),
            "",
            "n"
        ));
        out.push_str(&line("journey", &w.journey));
        for s in &w.stages {
            out.push_str(&line(&format!("  {}", s.name), &s.figures));
        }
        for tp in &w.touchpoints {
            out.push_str(&line(&format!("    {}", tp.title), &tp.figures));
        }
        let checks = std::iter::once(("journey", &w.journey.targets))
            .chain(
                w.stages
                    .iter()
                    .map(|s| (s.name.as_str(), &s.figures.targets)),
            )
            .chain(
                w.touchpoints
                    .iter()
                    .map(|t| (t.title.as_str(), &t.figures.targets)),
            )
            .flat_map(|(name, cs)| cs.iter().map(move |c| (name, c)));
        for (name, c) in checks {
            out.push_str(&format!("  target  {name}: {}\n", c.sentence()));
        }
    }
    if let Some(c) = since_last_wave(&t.waves) {
        out.push_str(&format!("\n{}\n", c.summary()));
        for m in &c.improved {
            out.push_str(&format!("  better  {}\n", m.sentence));
        }
        for m in &c.worse {
            out.push_str(&format!("  worse   {}\n", m.sentence));
        }
    }
    out
}

/// Every target of the map with its status on the current scores.
pub fn targets(groups: &[TargetGroup]) -> String {
    if groups.is_empty() {
        return "no targets (set one with `waymark target ID nps \">=30\"`)\n".into();
    }
    let mut out = String::new();
    for g in groups {
        let name = if g.touchpoint.is_some() {
            g.title.clone()
        } else if g.stage.is_some() {
            format!("stage {}", g.title)
        } else {
            format!("journey ({})", g.title)
        };
        for c in &g.checks {
            out.push_str(&format!("{name:<32} {}\n", c.sentence()));
        }
    }
    out
}
