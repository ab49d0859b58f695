//! Plain-text rendering for the terminal.

use std::fmt::Write;

use waymark_api::{Board, MapSummary, TemplateInfo, VersionInfo};
use waymark_core::Journey;

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub fn templates(list: &[TemplateInfo]) -> String {
    let mut out = format!(
        "{:<24} {:>6} {:>11}  {}\n",
        "NAME", "STAGES", "TOUCHPOINTS", "TITLE"
    );
    for t in list {
        writeln!(
            out,
            "{:<24} {:>6} {:>11}  {}",
            t.name, t.stages, t.touchpoints, t.title
        )
        .unwrap();
    }
    out
}

pub fn map_list(maps: &[MapSummary]) -> String {
    if maps.is_empty() {
        return "No maps yet. Create one with `waymark new --title \"...\" --template bank-lost-card`.\n".into();
    }
    let mut out = format!(
        "{:<36}  {:<32} {:<18} {:>6} {:>5}  {}\n",
        "ID", "TITLE", "PERSONA", "STAGES", "TPS", "EDITED"
    );
    for m in maps {
        writeln!(
            out,
            "{:<36}  {:<32} {:<18} {:>6} {:>5}  {}",
            m.id,
            truncate(&m.title, 32),
            truncate(m.persona.as_deref().unwrap_or("-"), 18),
            m.stages,
            m.touchpoints,
            &m.updated_at[..m.updated_at.len().min(19)].replace('T', " ")
        )
        .unwrap();
    }
    out
}

/// The journey's headline figures in one line ("n/a": no data yet).
pub fn headline(j: &waymark_api::Scorecard) -> String {
    let f = |v: Option<f64>, signed: bool| match v {
        Some(v) if signed => format!("{v:+.0}"),
        Some(v) => format!("{v:.0}"),
        None => "n/a".into(),
    };
    let s = &j.journey;
    format!(
        "journey: NPS {} · CSAT {}{} · friction {} · emotion {} · {} answers",
        f(s.nps, true),
        f(s.csat, false),
        if s.csat.is_some() { "%" } else { "" },
        f(s.friction, false),
        f(s.emotion, true),
        s.responses
    )
}

pub fn map_detail(summary: &MapSummary, j: &Journey, versions: &[VersionInfo]) -> String {
    let mut out = String::new();
    writeln!(out, "{}", j.title).unwrap();
    writeln!(out, "id: {}   edited: {}", summary.id, summary.updated_at).unwrap();
    if let Some(p) = j.main_persona() {
        writeln!(
            out,
            "persona: {}{}",
            p.name,
            if p.role.is_empty() {
                String::new()
            } else {
                format!(" ({})", p.role)
            }
        )
        .unwrap();
    }
    for (label, text) in [
        ("description", &j.description),
        ("scenario", &j.scenario),
        ("expectations", &j.expectations),
    ] {
        if !text.is_empty() {
            writeln!(out, "{label}: {text}").unwrap();
        }
    }
    writeln!(out, "\nstages ({}):", j.stages.len()).unwrap();
    for (i, s) in j.stages.iter().enumerate() {
        let n = j.touchpoints.iter().filter(|t| t.stage == s.id).count();
        writeln!(out, "  {}. {} — {} touchpoints", i + 1, s.name, n).unwrap();
    }
    writeln!(out, "\nlanes ({}):", j.lanes.len()).unwrap();
    for l in &j.lanes {
        writeln!(out, "  {} [{}]", l.name, l.kind.as_str()).unwrap();
    }
    let open = j.annotations.iter().filter(|a| !a.resolved).count();
    writeln!(
        out,
        "\n{} touchpoints, {} connections, {} annotations ({} open), {} survey responses",
        j.touchpoints.len(),
        j.connections.len(),
        j.annotations.len(),
        open,
        j.answer_count()
    )
    .unwrap();
    if !versions.is_empty() {
        writeln!(
            out,
            "versions: {}",
            versions
                .iter()
                .map(|v| v.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
        .unwrap();
    }
    out
}

pub fn versions(list: &[VersionInfo]) -> String {
    if list.is_empty() {
        return "No versions yet. Save one with `waymark version ID --label \"...\"`.\n".into();
    }
    let mut out = format!("{:<36}  {:<24}  {}\n", "ID", "CREATED", "LABEL");
    for v in list {
        writeln!(out, "{:<36}  {:<24}  {}", v.id, v.created_at, v.label).unwrap();
    }
    out
}

/// The pain-point board as a table, in rank order; priority 0–100 as the
/// board holds it (100 = the map's top item).
pub fn board(b: &Board) -> String {
    if b.items.is_empty() {
        return "No pain points or opportunities yet.\n".into();
    }
    let fig = |v: Option<f64>, prec: usize| v.map_or_else(|| "-".into(), |v| format!("{v:.prec$}"));
    let mut out = format!(
        "{:>3}  {:<11} {:<36} {:<18} {:<16} {:>8} {:>8} {:>7} {:>5}\n",
        "#", "KIND", "TITLE", "STAGE", "OWNER", "PRIORITY", "FRICTION", "EMOTION", "VOTES"
    );
    for i in &b.items {
        writeln!(
            out,
            "{:>3}  {:<11} {:<36} {:<18} {:<16} {:>8} {:>8} {:>7} {:>5}",
            i.rank,
            i.kind.label(),
            truncate(&i.title, 36),
            truncate(
                if i.stage_name.is_empty() {
                    "-"
                } else {
                    &i.stage_name
                },
                18
            ),
            truncate(if i.owner.is_empty() { "-" } else { &i.owner }, 16),
            i.priority.map_or_else(|| "-".into(), |p| p.to_string()),
            fig(i.friction, 0),
            fig(i.emotion, 0),
            i.votes
        )
        .unwrap();
    }
    out
}
