//! `waymark rehome` and the lines `waymark show` prints about entities a
//! concurrent edit left without a home, and about values the projection
//! mended (see `waymark_core::orphans` and `waymark_core::repair`).

use waymark_api::{Homeless, Library};
use waymark_core::orphans::{Lost, OrphanKind};
use waymark_core::validate::Problem;

#[derive(clap::Args)]
pub struct RehomeArgs {
    /// The map
    pub id: String,
    /// The homeless touchpoint or note (its id, as `waymark show` lists it)
    pub entity: String,
    /// The stage to put it in (id or name)
    #[arg(long)]
    pub stage: String,
    /// The lane, for a touchpoint (id or name; default: its old lane if it
    /// still exists, else the first)
    #[arg(long)]
    pub lane: Option<String>,
}

pub fn rehome(lib: &Library, map: &str, args: &RehomeArgs) -> waymark_api::Result<String> {
    let (journey, _) = lib.rehome(map, &args.entity, &args.stage, args.lane.as_deref())?;
    let entity = args.entity.trim();
    let stage = journey
        .touchpoints
        .iter()
        .find(|t| t.id.to_string() == entity)
        .map(|t| t.stage)
        .or_else(|| {
            journey
                .annotations
                .iter()
                .find(|a| a.id.to_string() == entity)
                .and_then(|a| a.target.id())
        })
        .and_then(|s| journey.stage(s))
        .map_or(args.stage.as_str(), |s| s.name.as_str());
    Ok(format!("put {entity} back into stage {stage:?}\n"))
}

/// The homeless block of `waymark show`: the summary, one line per entity,
/// and how to put one back. Empty when nothing is homeless.
pub fn render(map: &str, h: &Homeless) -> String {
    let Some(summary) = &h.summary else {
        return String::new();
    };
    let mut out = format!("\nHomeless: {summary}\n");
    for o in &h.entities {
        let kind = match o.kind {
            OrphanKind::Touchpoint => "touchpoint",
            OrphanKind::Note => "note",
            OrphanKind::Arrow => "arrow",
        };
        let why = match (o.lost, o.waits_for) {
            (Lost::Stage, _) => "stage deleted".to_string(),
            (Lost::Lane, _) => "lane deleted".to_string(),
            (Lost::StageAndLane, _) => "stage and lane deleted".to_string(),
            (Lost::Target, _) => "its stage or touchpoint deleted".to_string(),
            (Lost::End, _) => "an end deleted; cannot come back".to_string(),
            (Lost::Waiting, Some(t)) => format!("comes back with touchpoint {t}"),
            (Lost::Waiting, None) => "waits for its touchpoint".to_string(),
        };
        let label = if o.label.is_empty() {
            String::new()
        } else {
            format!(" {:?}", o.label)
        };
        out.push_str(&format!("  {kind} {}{label} ({why})\n", o.id));
    }
    if h.entities.iter().any(|o| o.can_rehome()) {
        out.push_str(&format!(
            "  put one back: waymark rehome {map} ENTITY --stage STAGE [--lane LANE]\n"
        ));
    }
    out
}

/// Values the projection mended or left out because of what a writer put
/// in the document, at most `max` listed.
pub fn render_repairs(problems: &[Problem], max: usize) -> String {
    let repairs: Vec<&Problem> = problems
        .iter()
        .filter(|p| waymark_core::repair::is_repair(p))
        .collect();
    if repairs.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\nMended on reading ({}; the next edit of the field replaces it):\n",
        repairs.len()
    );
    for p in repairs.iter().take(max) {
        out.push_str(&format!("  {p}\n"));
    }
    if repairs.len() > max {
        out.push_str(&format!("  ... and {} more\n", repairs.len() - max));
    }
    out
}
