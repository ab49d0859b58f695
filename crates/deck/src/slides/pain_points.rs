//! Pain points and opportunities, ranked, as native PowerPoint tables that
//! continue on further slides with the header row repeated.

use waymark_report::fmt::{self, num, num_signed};
use waymark_report::geom::{Align, Rect};
use waymark_score::{BoardItem, ItemSource};

use super::{fit, line_h, lines_of, text_box, title, Ctx, ACCENT, INK, MUTED, WHITE};
use crate::ooxml::shapes::{Cell, Paint, Para, Shape, Slide, Table};
use crate::ooxml::{SLIDE_H, SLIDE_W};

const SIDE: f32 = 24.0;
const TOP: f32 = 52.0;
const SIZE: f32 = 9.0;
/// Cell margins (left + right, top + bottom) as `ooxml` writes them.
const PAD_X: f32 = 7.0;
const PAD_Y: f32 = 5.0;
/// Rows are at most this many lines tall.
const MAX_LINES: usize = 2;

/// A column: title, width share, alignment.
type Col = (&'static str, f32, Align);

struct RowData {
    cells: Vec<(String, Option<u32>)>,
    note: Option<String>,
}

fn widths(cols: &[Col]) -> Vec<f32> {
    let total: f32 = cols.iter().map(|c| c.1).sum();
    let w = SLIDE_W - 2.0 * SIDE;
    cols.iter().map(|c| c.1 / total * w).collect()
}

fn cell(
    text: &str,
    width: f32,
    align: Align,
    bold: bool,
    paint: Paint,
    fill: Option<Paint>,
) -> Cell {
    Cell {
        paras: vec![Para::new(
            fit(text, width - PAD_X, SIZE, bold, MAX_LINES),
            SIZE,
            bold,
            paint,
        )
        .align(align)],
        fill,
    }
}

fn row_height(cells: &[(String, Option<u32>)], widths: &[f32]) -> f32 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|((t, _), w)| lines_of(t, w - PAD_X, SIZE, false, MAX_LINES))
        .max()
        .unwrap_or(1);
    lines as f32 * line_h(SIZE) + PAD_Y + 2.0
}

/// Slides holding `rows` in tables under `heading`, header repeated.
/// A deck shows the head of each ranking; the report's appendix has all.
const MAX_PAIN_POINTS: usize = 30;
const MAX_OPPORTUNITIES: usize = 20;

/// The explanation line, saying how many rows were left out.
fn intro_with(intro: &str, shown: usize, total: usize) -> String {
    if total > shown {
        format!("{intro} The top {shown} of {total} are shown; the PDF report lists them all.")
    } else {
        intro.to_string()
    }
}

fn tables(heading: &str, intro: &str, cols: &[Col], rows: Vec<RowData>, empty: &str) -> Vec<Slide> {
    let ws = widths(cols);
    let header_h = line_h(SIZE) + PAD_Y + 4.0;
    let intro_h = line_h(SIZE) * 2.0;
    let bottom = SLIDE_H - 20.0;
    let mut out = Vec::new();
    let mut rows = rows.into_iter().peekable();
    let mut part = 0;
    loop {
        part += 1;
        let mut s = Slide::default();
        title(
            &mut s,
            &if part == 1 {
                heading.to_string()
            } else {
                format!("{heading} (continued)")
            },
        );
        s.add(text_box(
            "Explanation",
            Rect::new(SIDE, TOP - 6.0, SLIDE_W - 2.0 * SIDE, intro_h),
            vec![Para::new(
                fit(intro, SLIDE_W - 2.0 * SIDE, SIZE, false, 2),
                SIZE,
                false,
                MUTED,
            )],
        ));
        let y0 = TOP - 6.0 + intro_h + 4.0;
        if rows.peek().is_none() {
            s.add(text_box(
                "Nothing yet",
                Rect::new(SIDE, y0, SLIDE_W - 2.0 * SIDE, line_h(12.0)),
                vec![Para::new(empty, 12.0, false, INK)],
            ));
            out.push(s);
            break;
        }
        let head = (
            header_h,
            cols.iter()
                .zip(&ws)
                .map(|(c, w)| cell(c.0, *w, c.2, true, WHITE, Some(ACCENT)))
                .collect::<Vec<Cell>>(),
        );
        let mut table_rows = vec![head];
        let mut y = y0 + header_h;
        let mut notes = Vec::new();
        while let Some(r) = rows.peek() {
            let h = row_height(&r.cells, &ws);
            if y + h > bottom && table_rows.len() > 1 {
                break;
            }
            let r = rows.next().expect("peeked");
            y += h;
            let cells = r
                .cells
                .iter()
                .zip(cols.iter().zip(&ws))
                .enumerate()
                .map(|(i, ((text, fill), (c, w)))| {
                    let ink = fill.map_or(INK, |f| Paint::Rgb(fmt::ink_on(f)));
                    cell(text, *w, c.2, i == 1, ink, fill.map(Paint::Rgb))
                })
                .collect();
            table_rows.push((h, cells));
            if let Some(n) = r.note {
                notes.push(n);
            }
        }
        s.add(Shape::Table(Table {
            name: heading.to_string(),
            x: SIDE,
            y: y0,
            cols: ws.clone(),
            rows: table_rows,
        }));
        s.notes = notes;
        out.push(s);
        if rows.peek().is_none() {
            break;
        }
    }
    out
}

/// "the whole journey" for an item without a stage.
fn place(item: &BoardItem) -> String {
    if item.stage_name.is_empty() {
        "the whole journey".into()
    } else {
        item.stage_name.clone()
    }
}

fn owner(item: &BoardItem) -> String {
    if item.owner.trim().is_empty() {
        "no owner named".into()
    } else {
        item.owner.trim().to_string()
    }
}

pub(crate) fn slides(ctx: &Ctx) -> Vec<Slide> {
    let ranked: Vec<&BoardItem> = ctx.board.pain_points().collect();
    let pains: Vec<RowData> = ranked
        .iter()
        .take(MAX_PAIN_POINTS)
        .enumerate()
        .map(|(i, t)| RowData {
            cells: vec![
                ((i + 1).to_string(), None),
                (t.title.clone(), None),
                (place(t), None),
                (owner(t), None),
                (num(t.friction, 0), Some(fmt::friction_color(t.friction))),
                (num_signed(t.emotion, 0), None),
                (fmt::priority(t.priority), None),
                (t.votes.to_string(), None),
                (ctx.why(t), None),
                (ctx.targets(t), None),
            ],
            note: Some(format!("{}. {}", i + 1, ctx.item_notes(t))),
        })
        .collect();
    let mut out = tables(
        "Pain points, ranked by priority",
        &intro_with(
            "Priority 0–100 = the touchpoint's share of customers × friction × how negative it feels; equal priorities rank by the team's dot votes. Friction is coloured on the map's scale.",
            pains.len(),
            ranked.len(),
        ),
        &[
            ("#", 0.35, Align::Right),
            ("Pain point", 2.6, Align::Left),
            ("Stage", 1.3, Align::Left),
            ("Owner", 1.3, Align::Left),
            ("Friction", 0.8, Align::Right),
            ("Emotion", 0.8, Align::Right),
            ("Priority", 0.8, Align::Right),
            ("Votes", 0.6, Align::Right),
            ("Why", 2.4, Align::Left),
            ("Target", 1.8, Align::Left),
        ],
        pains,
        "No pain points yet: no touchpoint crosses friction 60, emotion −20 or half negative comments, and none sits in a pain-points lane.",
    );
    for s in &mut out {
        if s.notes.is_empty() {
            s.notes.push("No pain points to explain.".into());
        }
    }

    // Opportunities in the board's order: opportunity-lane touchpoints and
    // the team's ideas.
    let all: Vec<&BoardItem> = ctx.board.opportunities().collect();
    let opps: Vec<RowData> = all
        .iter()
        .take(MAX_OPPORTUNITIES)
        .enumerate()
        .map(|(i, o)| {
            let tp = o.touchpoint.and_then(|id| ctx.j.touchpoint(id));
            let mut what = o.title.clone();
            if let Some(d) = tp.map(|t| t.description.trim()).filter(|d| !d.is_empty()) {
                what.push_str(&format!(": {d}"));
            }
            let kind = match (o.source, o.evidence) {
                (ItemSource::Note, _) => "Idea".to_string(),
                (_, Some(e)) => format!("Opportunity ({})", e.as_str()),
                (_, None) => "Opportunity".to_string(),
            };
            RowData {
                cells: vec![
                    ((i + 1).to_string(), None),
                    (what, None),
                    (kind, None),
                    (place(o), None),
                    (o.votes.to_string(), None),
                    (owner(o), None),
                ],
                note: Some(format!(
                    "Opportunity \"{}\" ({}): {}, owner {}.",
                    o.title,
                    place(o),
                    fmt::votes(o.votes),
                    owner(o)
                )),
            }
        })
        .collect();
    let mut more = tables(
        "Opportunities",
        &intro_with(
            "The touchpoints in opportunity lanes and the team's ideas, highest priority first, then most votes.",
            opps.len(),
            all.len(),
        ),
        &[
            ("#", 0.35, Align::Right),
            ("Opportunity", 5.0, Align::Left),
            ("Kind", 1.3, Align::Left),
            ("Where", 2.2, Align::Left),
            ("Votes", 0.6, Align::Right),
            ("Owner", 1.6, Align::Left),
        ],
        opps,
        "No ideas or opportunities recorded yet.",
    );
    for s in &mut more {
        if s.notes.is_empty() {
            s.notes.push("No opportunities recorded yet.".into());
        }
    }
    out.extend(more);
    out
}
