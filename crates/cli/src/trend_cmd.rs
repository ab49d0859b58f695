//! `waymark waves`, `waymark wave rename|delete` and `waymark trend`: survey
//! waves and how the scores moved between them.

use clap::Subcommand;
use waymark_api::waves::{Change, Figures, Trend, WaveRow};

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
    }
    out
}
