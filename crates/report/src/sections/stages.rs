//! The stage heat table: friction and emotion per stage, its worst
//! touchpoint and its survey figures.

use super::trends::target_text;
use super::Ctx;
use crate::fmt::{self, num, num_signed, INK, MUTED, NA};
use crate::geom::{Align, Style};
use crate::layout::{legend_friction, Cell, Doc, Flow};
use crate::Section;

pub(super) fn stages(ctx: &Ctx, doc: &mut Doc) {
    let mut f = Flow::new(doc, Section::Stages);
    f.heading("Stage heat table", 14.0);
    f.para(
        "Friction 0–100 (higher hurts more) and emotion -100..+100 per stage, weighted by reach. The worst touchpoint has the highest friction, then the lowest emotion.",
        Style::new(8.0, false, MUTED),
        0.0,
    );
    f.gap(6.0);
    if ctx.sc.stages.is_empty() {
        f.para(
            "This journey has no stages yet.",
            Style::new(9.0, false, INK),
            0.0,
        );
        return;
    }
    // The targets column only when some stage has a target.
    let with_targets = ctx.sc.stages.iter().any(|s| !s.targets.is_empty());
    let mut cols = vec![
        ("Stage", 2.2, Align::Left),
        ("Friction", 1.0, Align::Right),
        ("Emotion", 1.1, Align::Right),
        ("Worst touchpoint", 2.6, Align::Left),
        ("Responses", 1.0, Align::Right),
        ("NPS", 0.8, Align::Right),
        ("CSAT", 0.8, Align::Right),
        ("CES", 0.8, Align::Right),
    ];
    if with_targets {
        cols.push(("Targets", 2.2, Align::Left));
    }
    let rows: Vec<Vec<Cell>> = ctx
        .sc
        .stages
        .iter()
        .map(|s| {
            let bg = fmt::friction_color(s.friction);
            let worst = s
                .worst_touchpoint
                .and_then(|id| ctx.tps.get(&id))
                .map(|t| format!("{} (friction {})", t.title, num(t.friction, 0)))
                .unwrap_or_else(|| "—".into());
            let ces = match (s.ces.ces7, s.ces.ces5) {
                (Some(v), _) => format!("{} /7", num(Some(v), 1)),
                (None, Some(v)) => format!("{} /5", num(Some(v), 1)),
                _ => NA.into(),
            };
            let mut row = vec![
                Cell {
                    bold: true,
                    ..Cell::new(&s.name)
                },
                Cell {
                    bg: Some(bg),
                    fg: Some(fmt::ink_on(bg)),
                    bold: true,
                    ..Cell::new(num(s.friction, 0))
                },
                Cell {
                    dot: Some(fmt::emotion_color(s.emotion)),
                    ..Cell::new(num_signed(s.emotion, 0))
                },
                Cell::new(worst),
                Cell::new(s.responses.to_string()),
                Cell::new(num_signed(s.nps, 0)),
                Cell::new(
                    s.csat
                        .map(|c| format!("{}%", num(Some(c), 0)))
                        .unwrap_or_else(|| NA.into()),
                ),
                Cell::new(ces),
            ];
            if with_targets {
                row.push(Cell::new(target_text(&s.targets)));
            }
            row
        })
        .collect();
    f.table(&cols, &rows);
    f.gap(6.0);
    legend_friction(&mut f);
}
