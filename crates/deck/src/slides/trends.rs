//! Trends across survey waves (issue 18): the journey's NPS, and CSAT where
//! measured, per wave as native points with 95% interval whiskers, and the
//! touchpoints that rose or fell since the wave before beyond noise. The
//! figures and the change rule are `waymark_score::trend`'s, passed in
//! through `DeckOptions::trend`; nothing is recomputed here.

use waymark_core::Kpi;
use waymark_report::fmt::{num, num_signed};
use waymark_report::geom::{Align, Rect};
use waymark_score::trend::{Figures, Trend};
use waymark_score::wave_compare::since_last_wave;

use super::{fit, line_h, text_box, title, Ctx, ACCENT, INK, MUTED, RULE};
use crate::ooxml::shapes::{BoxShape, Dash, Geom, Line, Para, Shape, Slide, Stroke};
use crate::ooxml::SLIDE_W;

const SIDE: f32 = 24.0;
const TOP: f32 = 78.0;
/// Charts on the left, the list of changes on the right.
const CHART_W: f32 = 560.0;
const CHART_H: f32 = 170.0;
const LABEL_W: f32 = 44.0;

/// The trends slides, or `None` when the map has no waves to compare.
pub(crate) fn slides(ctx: &Ctx) -> Option<Vec<Slide>> {
    let trend = ctx.opts.trend.as_ref().filter(|t| !t.waves.is_empty())?;
    let mut s = Slide::default();
    title(&mut s, "Trends across survey waves");
    chart(
        &mut s,
        trend,
        Metric::Nps,
        Rect::new(SIDE, TOP, CHART_W, CHART_H),
    );
    let has_csat = trend.waves.iter().any(|w| w.journey.csat.is_some());
    if has_csat {
        let y = TOP + CHART_H + 40.0;
        chart(
            &mut s,
            trend,
            Metric::Csat,
            Rect::new(SIDE, y, CHART_W, CHART_H),
        );
    }
    changes(&mut s, trend);
    s.notes = notes(trend, has_csat);
    Some(vec![s])
}

#[derive(Clone, Copy)]
enum Metric {
    Nps,
    Csat,
}

impl Metric {
    fn name(self) -> &'static str {
        match self {
            Metric::Nps => "NPS",
            Metric::Csat => "CSAT %",
        }
    }
    fn range(self) -> (f64, f64) {
        match self {
            Metric::Nps => (-100.0, 100.0),
            Metric::Csat => (0.0, 100.0),
        }
    }
    fn of(self, f: &Figures) -> (Option<f64>, Option<[f64; 2]>) {
        match self {
            Metric::Nps => (f.nps, f.nps_ci),
            Metric::Csat => (f.csat, f.csat_ci),
        }
    }
    fn kpi(self) -> Kpi {
        match self {
            Metric::Nps => Kpi::Nps,
            Metric::Csat => Kpi::Csat,
        }
    }
    fn show(self, v: Option<f64>) -> String {
        match self {
            Metric::Nps => num_signed(v, 0),
            Metric::Csat => num(v, 0),
        }
    }
}

/// One metric's points and whiskers, a wave per column, labelled by wave.
fn chart(s: &mut Slide, trend: &Trend, m: Metric, r: Rect) {
    let (lo, hi) = m.range();
    let plot = Rect::new(r.x + LABEL_W, r.y + 18.0, r.w - LABEL_W, r.h - 18.0 - 30.0);
    let y_of = |v: f64| plot.y + plot.h * ((hi - v.clamp(lo, hi)) / (hi - lo)) as f32;
    s.add(text_box(
        &format!("{} axis title", m.name()),
        Rect::new(r.x, r.y, r.w, line_h(11.0)),
        vec![Para::new(
            format!("Journey {} per wave (95% interval)", m.name()),
            11.0,
            true,
            INK,
        )],
    ));
    for v in [lo, (lo + hi) / 2.0, hi] {
        let y = y_of(v);
        s.add(Shape::Line(Line {
            name: format!("{} gridline {v}", m.name()),
            from: (plot.x, y),
            to: (plot.x + plot.w, y),
            stroke: Stroke::new(RULE, 0.75).dash(Dash::Dot),
            arrow: false,
            glue: None,
        }));
        s.add(text_box(
            &format!("{} axis {v}", m.name()),
            Rect::new(r.x, y - 6.0, LABEL_W - 6.0, 12.0),
            vec![Para::new(format!("{v}"), 8.0, false, MUTED).align(Align::Right)],
        ));
    }
    target_line(s, trend, m, plot, y_of);
    let n = trend.waves.len();
    let col = plot.w / n as f32;
    for (i, w) in trend.waves.iter().enumerate() {
        let cx = plot.x + col * (i as f32 + 0.5);
        let (v, ci) = m.of(&w.journey);
        if let Some([a, b]) = ci {
            let (ya, yb) = (y_of(a), y_of(b));
            let whisker = |name: String, from, to| {
                Shape::Line(Line {
                    name,
                    from,
                    to,
                    stroke: Stroke::new(ACCENT, 1.25),
                    arrow: false,
                    glue: None,
                })
            };
            s.add(whisker(
                format!("{} {} interval", w.label, m.name()),
                (cx, yb),
                (cx, ya),
            ));
            for y in [ya, yb] {
                s.add(whisker(
                    format!("{} {} interval cap", w.label, m.name()),
                    (cx - 6.0, y),
                    (cx + 6.0, y),
                ));
            }
        }
        if let Some(v) = v {
            let y = y_of(v);
            s.add(Shape::Box(
                BoxShape::new(
                    format!("{} {} point", w.label, m.name()),
                    Geom::Ellipse,
                    Rect::new(cx - 4.5, y - 4.5, 9.0, 9.0),
                )
                .fill(ACCENT),
            ));
            s.add(text_box(
                &format!("{} {} value", w.label, m.name()),
                Rect::new(cx + 8.0, y - 7.0, 44.0, 14.0),
                vec![Para::new(m.show(Some(v)), 9.0, true, INK)],
            ));
        }
        let label = match &w.date {
            Some(d) => format!("{} · {d}", w.label),
            None => w.label.clone(),
        };
        let sub = format!(
            "{} · n = {}",
            fit(&label, col - 4.0, 9.0, true, 1),
            match m {
                Metric::Nps => w.journey.nps_n,
                Metric::Csat => w.journey.csat_n,
            }
        );
        s.add(text_box(
            &format!("{} {} label", w.label, m.name()),
            Rect::new(cx - col / 2.0 + 2.0, plot.y + plot.h + 6.0, col - 4.0, 24.0),
            vec![
                Para::new(fit(&sub, col - 4.0, 9.0, true, 2), 9.0, true, INK).align(Align::Center),
            ],
        ));
    }
}

/// The journey's target on this metric as a dashed line across the plot,
/// labelled with its status in the newest wave.
fn target_line(s: &mut Slide, trend: &Trend, m: Metric, plot: Rect, y_of: impl Fn(f64) -> f32) {
    let Some(last) = trend.waves.last() else {
        return;
    };
    let Some(c) = last.journey.targets.iter().find(|c| c.kpi == m.kpi()) else {
        return;
    };
    let y = y_of(c.target.value);
    s.add(Shape::Line(Line {
        name: format!("{} target line", m.name()),
        from: (plot.x, y),
        to: (plot.x + plot.w, y),
        stroke: Stroke::new(INK, 1.0).dash(Dash::Dash),
        arrow: false,
        glue: None,
    }));
    let text = format!(
        "target {} · {} in {}",
        c.target,
        c.status.words(),
        last.label
    );
    let w = 200.0;
    // Above the line, unless the line is at the plot's top.
    let ty = if y - plot.y > 14.0 { y - 14.0 } else { y + 2.0 };
    s.add(text_box(
        &format!("{} target", m.name()),
        Rect::new(plot.x + plot.w - w, ty, w, 12.0),
        vec![Para::new(fit(&text, w, 8.0, false, 1), 8.0, false, INK).align(Align::Right)],
    ));
}

/// What got better, then worse, since the wave before, beyond noise (the
/// same sentences as the PDF's and the app's).
fn change_lines(trend: &Trend) -> Vec<String> {
    since_last_wave(&trend.waves).map_or_else(Vec::new, |c| {
        let better = c
            .improved
            .iter()
            .map(|m| format!("Better — {}", m.sentence));
        let worse = c.worse.iter().map(|m| format!("Worse — {}", m.sentence));
        better.chain(worse).collect()
    })
}

fn changes(s: &mut Slide, trend: &Trend) {
    let x = SIDE + CHART_W + 24.0;
    let w = SLIDE_W - x - SIDE;
    let last = trend.waves.last().map(|w| w.label.as_str()).unwrap_or("");
    let head = if trend.waves.len() < 2 {
        format!("Only one wave ({last}): the next wave shows what changed.")
    } else {
        let before = &trend.waves[trend.waves.len() - 2].label;
        format!("Changed beyond noise, {before} → {last}")
    };
    let mut paras = vec![Para::new(fit(&head, w, 12.0, true, 2), 12.0, true, INK)];
    let lines = change_lines(trend);
    if trend.waves.len() > 1 && lines.is_empty() {
        paras.push(
            Para::new(
                "Nothing: every difference is within noise.",
                10.0,
                false,
                MUTED,
            )
            .before(6.0),
        );
    }
    let shown = 14;
    for l in lines.iter().take(shown) {
        paras.push(
            Para::new(fit(&format!("• {l}"), w, 10.0, false, 2), 10.0, false, INK).before(4.0),
        );
    }
    if lines.len() > shown {
        paras.push(
            Para::new(
                format!("and {} more", lines.len() - shown),
                10.0,
                false,
                MUTED,
            )
            .before(4.0),
        );
    }
    s.add(text_box(
        "Changes since the last wave",
        Rect::new(x, TOP, w, 420.0),
        paras,
    ));
}

fn notes(trend: &Trend, has_csat: bool) -> Vec<String> {
    let mut n = vec![format!(
        "Each wave is scored on its own answers against the map as it is now: {}.",
        trend
            .waves
            .iter()
            .map(|w| format!(
                "{} NPS {} (95% {}, n = {})",
                w.label,
                num_signed(w.journey.nps, 0),
                interval(w.journey.nps_ci),
                w.journey.nps_n
            ))
            .collect::<Vec<_>>()
            .join("; ")
    )];
    n.push("The whiskers are 95% intervals: Wald for NPS (the share of promoters minus detractors, with its standard error)".to_string()
        + if has_csat { ", Wilson for CSAT (the share of satisfied answers)." } else { "; CSAT is not measured in these waves." });
    n.push("The rule: a figure rose or fell only when this wave's interval lies wholly above or below the wave before's; overlapping intervals are within noise, and a wave with too few answers has no interval, so no change is claimed.".into());
    n.extend(change_lines(trend));
    n
}

fn interval(ci: Option<[f64; 2]>) -> String {
    match ci {
        Some([a, b]) => format!("{} to {}", num_signed(Some(a), 0), num_signed(Some(b), 0)),
        None => "no interval".into(),
    }
}
