//! Survey waves in the report (issue 17): the summary's "since the last
//! wave" block and targets line, and the trend page (the journey's NPS per
//! wave with its 95% interval and target, then the journey, each stage and
//! the top touchpoints wave by wave). Figures, intervals, the change rule
//! and target status are `waymark_score`'s; nothing is recomputed here.

use waymark_core::{Id, Kpi};
use waymark_score::intervals::Change;
use waymark_score::targets::{TargetCheck, TargetStatus};
use waymark_score::trend::{Figures, Trend, WaveTrend};
use waymark_score::wave_compare::since_last_wave;

use super::Ctx;
use crate::fmt::{num, num_signed, ACCENT, INK, MUTED, NA, RULE};
use crate::geom::{truncate, Align, Rect, Style};
use crate::layout::{Cell, Doc, Flow};
use crate::Section;

/// Picks one part's figures out of a wave.
type Pick = Box<dyn Fn(&WaveTrend) -> Option<&Figures>>;

/// Waves the trend page lists (the newest ones).
const MAX_WAVES: usize = 6;
/// Touchpoints the trend page lists, by priority.
const TOP_TOUCHPOINTS: usize = 8;
/// Lines per list in the summary's block.
const SUMMARY_LINES: usize = 4;

const GOOD: u32 = 0x1b7837;
const BAD: u32 = 0xb2182b;

/// The waves to show, when there are any.
fn waves<'a>(ctx: &Ctx<'a>) -> Option<&'a Trend> {
    ctx.opts.trend.as_ref().filter(|t| !t.waves.is_empty())
}

/// "NPS ≥ 30: met (34) · Friction ≤ 40: not met (55)".
fn checks_line(checks: &[TargetCheck]) -> String {
    checks
        .iter()
        .map(TargetCheck::sentence)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The summary's targets line and "since the last wave" block.
pub(super) fn summary_block(ctx: &Ctx, f: &mut Flow) {
    let note = Style::new(8.0, false, INK);
    let js = &ctx.sc.journey;
    let stage_checks: Vec<&TargetCheck> = ctx.sc.stages.iter().flat_map(|s| &s.targets).collect();
    let tp_checks: Vec<&TargetCheck> = ctx.sc.touchpoints.iter().flat_map(|t| &t.targets).collect();
    if !js.targets.is_empty() || !stage_checks.is_empty() || !tp_checks.is_empty() {
        let mut line = String::from("Targets: ");
        if js.targets.is_empty() {
            line.push_str("none for the journey");
        } else {
            line.push_str(&checks_line(&js.targets));
        }
        for (whose, checks) in [("Stage", &stage_checks), ("Touchpoint", &tp_checks)] {
            if checks.is_empty() {
                continue;
            }
            let count = |s| checks.iter().filter(|c| c.status == s).count();
            line.push_str(&format!(
                ". {whose} targets: {} met, {} not met, {} not measured",
                count(TargetStatus::Met),
                count(TargetStatus::NotMet),
                count(TargetStatus::NotMeasured)
            ));
        }
        line.push('.');
        f.para(&line, note, 0.0);
        f.gap(6.0);
    }
    let Some(trend) = waves(ctx) else {
        return;
    };
    let Some(c) = since_last_wave(&trend.waves) else {
        let w = &trend.waves[0];
        f.para(
            &format!(
                "One survey wave so far ({}, {} answers): the next wave shows what changed.",
                w.label, w.journey.n
            ),
            note,
            0.0,
        );
        f.gap(8.0);
        return;
    };
    f.heading(
        &format!("Since the last wave ({} to {})", c.before, c.after),
        13.0,
    );
    f.para(&c.summary(), Style::new(8.0, false, MUTED), 0.0);
    for (list, word, color) in [(&c.improved, "Better", GOOD), (&c.worse, "Worse", BAD)] {
        for m in list.iter().take(SUMMARY_LINES) {
            f.para(
                &format!("{word}: {}", m.sentence),
                Style::new(8.5, false, color),
                6.0,
            );
        }
        if list.len() > SUMMARY_LINES {
            f.para(
                &format!(
                    "…and {} more {}: see the trend page.",
                    list.len() - SUMMARY_LINES,
                    word.to_lowercase()
                ),
                Style::new(7.5, false, MUTED),
                6.0,
            );
        }
    }
    f.gap(10.0);
}

fn with_ci(v: Option<f64>, ci: Option<[f64; 2]>, digits: usize, signed: bool) -> String {
    let show = |x| {
        if signed {
            num_signed(Some(x), digits)
        } else {
            num(Some(x), digits)
        }
    };
    match (v, ci) {
        (Some(v), Some([lo, hi])) => format!("{} [{}, {}]", show(v), show(lo), show(hi)),
        (Some(v), None) => show(v),
        _ => NA.into(),
    }
}

fn mark(c: Option<Change>) -> &'static str {
    match c {
        Some(Change::Rose) => "rose",
        Some(Change::Fell) => "fell",
        Some(Change::WithinNoise) => "within noise",
        _ => "",
    }
}

/// What moved since the wave before, in words ("NPS rose; CSAT within noise").
fn changes_text(f: &Figures) -> String {
    let Some(c) = f.changes else {
        return String::new();
    };
    let parts: Vec<String> = [
        ("NPS", c.nps),
        ("CSAT", c.csat),
        ("CES", if f.ces5.is_some() { c.ces5 } else { c.ces7 }),
    ]
    .into_iter()
    .filter(|(_, ch)| *ch != Change::NotMeasured)
    .map(|(name, ch)| format!("{name} {}", mark(Some(ch))))
    .collect();
    parts.join("; ")
}

fn ces_ci(f: &Figures) -> String {
    match (f.ces5, f.ces7) {
        (Some(_), _) => with_ci(f.ces5, f.ces5_ci, 1, false) + " /5",
        (None, Some(_)) => with_ci(f.ces7, f.ces7_ci, 1, false) + " /7",
        _ => NA.into(),
    }
}

pub(super) fn target_text(checks: &[TargetCheck]) -> String {
    checks
        .iter()
        .map(|c| format!("{} {}: {}", c.kpi, c.target, c.status.words()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The trend page, when the map has survey waves.
pub(super) fn trends(ctx: &Ctx, doc: &mut Doc) {
    let Some(trend) = waves(ctx) else {
        return;
    };
    let mut f = Flow::new(doc, Section::Trends);
    f.heading("Trends across survey waves", 14.0);
    f.para(
        "Each wave is scored on its own answers against the map as it is now. Brackets are 95% intervals: Wald for NPS, Wilson for CSAT (share satisfied), normal for CES. A figure rose or fell only when the two waves' intervals do not overlap; otherwise the move is within noise.",
        Style::new(8.0, false, MUTED),
        0.0,
    );
    f.gap(8.0);
    let shown: &[WaveTrend] = &trend.waves[trend.waves.len().saturating_sub(MAX_WAVES)..];
    if shown.len() < trend.waves.len() {
        f.para(
            &format!(
                "The last {} of {} waves; `waymark trend` lists all.",
                shown.len(),
                trend.waves.len()
            ),
            Style::new(7.5, false, MUTED),
            0.0,
        );
    }
    nps_chart(ctx, &mut f, shown);

    let mut parts: Vec<(String, Pick)> = vec![(
        "Journey".to_string(),
        Box::new(|w: &WaveTrend| Some(&w.journey)),
    )];
    let stage_answered = |id: Id| {
        shown
            .iter()
            .any(|w| w.stages.iter().any(|s| s.id == id && s.figures.n > 0))
    };
    for s in ctx.sc.stages.iter().filter(|s| stage_answered(s.id)) {
        let id = s.id;
        parts.push((
            format!("Stage: {}", s.name),
            Box::new(move |w: &WaveTrend| w.stages.iter().find(|x| x.id == id).map(|x| &x.figures)),
        ));
    }
    let answered = |id: Id| {
        shown
            .iter()
            .any(|w| w.touchpoints.iter().any(|t| t.id == id && t.figures.n > 0))
    };
    for t in ctx
        .sc
        .touchpoints
        .iter()
        .filter(|t| answered(t.id))
        .take(TOP_TOUCHPOINTS)
    {
        let id = t.id;
        parts.push((
            t.title.clone(),
            Box::new(move |w: &WaveTrend| {
                w.touchpoints
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| &x.figures)
            }),
        ));
    }
    let cols = [
        ("Part", 2.2, Align::Left),
        ("Wave", 1.2, Align::Left),
        ("n", 0.6, Align::Right),
        ("NPS [95%]", 1.6, Align::Right),
        ("CSAT % [95%]", 1.6, Align::Right),
        ("CES [95%]", 1.5, Align::Right),
        ("Since the wave before", 1.7, Align::Left),
        ("Targets", 1.8, Align::Left),
    ];
    let mut rows = Vec::new();
    for (name, pick) in &parts {
        for (i, w) in shown.iter().enumerate() {
            let Some(fig) = pick(w) else { continue };
            rows.push(vec![
                // The name on every row, so a part split over pages keeps it.
                Cell {
                    bold: i == 0,
                    fg: (i > 0).then_some(MUTED),
                    ..Cell::new(name.as_str())
                },
                Cell::new(&w.label),
                Cell::new(fig.n.to_string()),
                Cell::new(with_ci(fig.nps, fig.nps_ci, 0, true)),
                Cell::new(with_ci(fig.csat, fig.csat_ci, 0, false)),
                Cell::new(ces_ci(fig)),
                Cell::new(changes_text(fig)),
                Cell::new(target_text(&fig.targets)),
            ]);
        }
    }
    f.table(&cols, &rows);
}

/// The journey's NPS per wave: a point and its 95% whisker per wave, the
/// target as a dashed line.
fn nps_chart(ctx: &Ctx, f: &mut Flow, shown: &[WaveTrend]) {
    if shown.iter().all(|w| w.journey.nps.is_none()) {
        return;
    }
    let h = 150.0;
    f.room(h + 10.0);
    let title = Style::new(9.0, true, INK);
    let small = Style::new(7.0, false, MUTED);
    let (x0, y0, w) = (f.x, f.y, f.w);
    let page = f.doc.cur();
    page.text(
        x0,
        y0,
        "Journey NPS per wave (95% interval)",
        title,
        Rect::new(x0, y0, w, title.line_height()),
    );
    let label_w = 30.0;
    let plot = Rect::new(
        x0 + label_w,
        y0 + title.line_height() + 6.0,
        w - label_w - 90.0,
        h - title.line_height() - 6.0 - 2.0 * small.line_height() - 4.0,
    );
    let y_of = |v: f64| plot.y + plot.h * ((100.0 - v.clamp(-100.0, 100.0)) / 200.0) as f32;
    for v in [-100.0, -50.0, 0.0, 50.0, 100.0] {
        let y = y_of(v);
        page.line((plot.x, y), (plot.right(), y), RULE, 0.5, &[1.0, 2.0]);
        let t = num_signed(Some(v), 0);
        let tw = small.width(&t);
        page.text(
            plot.x - 4.0 - tw,
            y - small.line_height() / 2.0,
            &t,
            small,
            Rect::new(
                x0,
                y - small.line_height() / 2.0,
                label_w - 4.0,
                small.line_height(),
            ),
        );
    }
    if let Some(t) = ctx.j.targets.get(Kpi::Nps) {
        let y = y_of(t.value);
        page.line((plot.x, y), (plot.right(), y), ACCENT, 1.0, &[4.0, 3.0]);
        let label = format!("target {t}");
        let cell = Rect::new(
            plot.right() + 4.0,
            y - small.line_height() / 2.0,
            86.0,
            small.line_height(),
        );
        let shown_label = truncate(
            &label,
            cell.w,
            Style {
                color: ACCENT,
                ..small
            },
        );
        page.text(
            cell.x,
            cell.y,
            &shown_label,
            Style {
                color: ACCENT,
                ..small
            },
            cell,
        );
    }
    let col = plot.w / shown.len() as f32;
    for (i, wv) in shown.iter().enumerate() {
        let cx = plot.x + col * (i as f32 + 0.5);
        let j = &wv.journey;
        if let Some([lo, hi]) = j.nps_ci {
            let (ya, yb) = (y_of(lo), y_of(hi));
            page.line((cx, ya), (cx, yb), INK, 1.0, &[]);
            page.line((cx - 4.0, ya), (cx + 4.0, ya), INK, 1.0, &[]);
            page.line((cx - 4.0, yb), (cx + 4.0, yb), INK, 1.0, &[]);
        }
        if let Some(v) = j.nps {
            let y = y_of(v);
            page.dot(cx, y, 3.0, ACCENT);
            let t = num_signed(Some(v), 0);
            let cell = Rect::new(
                cx + 6.0,
                y - small.line_height() / 2.0,
                col / 2.0 - 6.0,
                small.line_height(),
            );
            let t = truncate(
                &t,
                cell.w,
                Style {
                    bold: true,
                    color: INK,
                    ..small
                },
            );
            page.text(
                cell.x,
                cell.y,
                &t,
                Style {
                    bold: true,
                    color: INK,
                    ..small
                },
                cell,
            );
        }
        let cell = Rect::new(
            cx - col / 2.0 + 2.0,
            plot.bottom() + 3.0,
            col - 4.0,
            small.line_height(),
        );
        let label = truncate(&format!("{} · n {}", wv.label, j.nps_n), cell.w, small);
        let lw = small.width(&label);
        page.text(cx - lw / 2.0, cell.y, &label, small, cell);
    }
    f.y = y0 + h;
    f.gap(8.0);
}
