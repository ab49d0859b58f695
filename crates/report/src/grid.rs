//! The journey map as a grid, for the PDF's map pages and the deck's map
//! slides alike: stages grouped into columns that fit a page, the rows of
//! one group (the emotion curve, the service-blueprint lines, each lane's
//! card slots), how those rows split over pages, and each lane's run of
//! rows on one page. What each document draws in the grid is its own.

use std::collections::HashMap;
use std::ops::Range;

use waymark_core::{Id, Journey, LaneKind, Touchpoint};

/// The cards of each (stage, lane) cell, in journey order.
pub type Cells<'a> = HashMap<(Id, Id), Vec<&'a Touchpoint>>;

pub fn cells(j: &Journey) -> Cells<'_> {
    let mut cells: Cells = HashMap::new();
    for t in &j.touchpoints {
        cells.entry((t.stage, t.lane)).or_default().push(t);
    }
    cells
}

/// The heights of a document's rows.
#[derive(Debug, Clone, Copy)]
pub struct Heights {
    pub curve: f32,
    pub line: f32,
    pub slot: f32,
    pub empty: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Row {
    /// The emotion curve.
    Curve,
    /// A service-blueprint line above the next lane.
    Line(&'static str),
    /// Card slot `slot` of lane `lane`.
    Slot { lane: usize, slot: usize },
    /// A lane with no cards in these stages.
    Empty { lane: usize },
}

impl Row {
    pub fn height(self, h: &Heights) -> f32 {
        match self {
            Row::Curve => h.curve,
            Row::Line(_) => h.line,
            Row::Slot { .. } => h.slot,
            Row::Empty { .. } => h.empty,
        }
    }

    pub fn lane(self) -> Option<usize> {
        match self {
            Row::Slot { lane, .. } | Row::Empty { lane } => Some(lane),
            _ => None,
        }
    }

    /// Whether a lane (or the blueprint line above one) begins here.
    fn starts_lane(self) -> bool {
        matches!(
            self,
            Row::Line(_) | Row::Empty { .. } | Row::Slot { slot: 0, .. }
        )
    }
}

/// The stages split into groups of at most as many columns of `min_col`
/// as fit `width`, the columns balanced over the groups.
pub fn stage_groups(stages: usize, width: f32, min_col: f32) -> Vec<Range<usize>> {
    let per_page = ((width / min_col).floor() as usize).max(1);
    let groups = stages.div_ceil(per_page);
    let per_group = stages.div_ceil(groups.max(1));
    (0..groups)
        .map(|g| g * per_group..((g + 1) * per_group).min(stages))
        .collect()
}

/// The rows of the stages in `stages`: the curve, then each lane with the
/// blueprint line above it where one belongs, as many slots as its fullest
/// cell holds.
pub fn rows(j: &Journey, stages: Range<usize>, cells: &Cells) -> Vec<Row> {
    let stages = &j.stages[stages];
    let first_of = |k: LaneKind| j.lanes.iter().position(|l| l.kind == k);
    let front = first_of(LaneKind::Frontstage);
    let back = first_of(LaneKind::Backstage);
    let support = first_of(LaneKind::SupportProcesses);
    let mut rows = vec![Row::Curve];
    for (li, lane) in j.lanes.iter().enumerate() {
        if Some(li) == front {
            rows.push(Row::Line("Line of interaction"));
        }
        if Some(li) == back && front.is_some_and(|f| f < li) {
            rows.push(Row::Line("Line of visibility"));
        }
        if Some(li) == support {
            rows.push(Row::Line("Line of internal interaction"));
        }
        let slots = stages
            .iter()
            .map(|s| cells.get(&(s.id, lane.id)).map_or(0, Vec::len))
            .max()
            .unwrap_or(0);
        if slots == 0 {
            rows.push(Row::Empty { lane: li });
        } else {
            rows.extend((0..slots).map(|slot| Row::Slot { lane: li, slot }));
        }
    }
    rows
}

/// How [`split`] fills pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fill {
    /// Each page as full as it goes.
    Greedy,
    /// The rows spread evenly over as many pages as they need, breaking
    /// between lanes where it can (no last page with one lane on it).
    Even,
}

/// `rows` over pages of height `room`. A blueprint line never ends a page:
/// it goes with the lane below it.
pub fn split(rows: Vec<Row>, room: f32, h: &Heights, fill: Fill) -> Vec<Vec<Row>> {
    let total: f32 = rows.iter().map(|r| r.height(h)).sum();
    let pages = (total / room).ceil().max(1.0);
    let target = total / pages;
    let mut parts: Vec<Vec<Row>> = vec![Vec::new()];
    let mut used = 0.0;
    for r in rows {
        let count = parts.len() as f32;
        let last = parts.last_mut().expect("one part");
        let full = used + r.height(h) > room;
        let even = fill == Fill::Even
            && r.starts_lane()
            && used + r.height(h) > target + 0.01
            && count < pages;
        if (full || even) && !last.is_empty() {
            let carry = if matches!(last.last(), Some(Row::Line(_))) {
                last.pop()
            } else {
                None
            };
            parts.push(carry.into_iter().collect());
            used = parts
                .last()
                .expect("pushed")
                .iter()
                .map(|r| r.height(h))
                .sum();
        }
        parts.last_mut().expect("one part").push(r);
        used += r.height(h);
    }
    parts
}

/// Each lane's runs on a page whose rows start at `top`: (lane, top,
/// bottom); and the bottom of the last row.
pub fn lane_runs(rows: &[Row], top: f32, h: &Heights) -> (Vec<(usize, f32, f32)>, f32) {
    let mut runs: Vec<(usize, f32, f32)> = Vec::new();
    let mut y = top;
    for r in rows {
        let rh = r.height(h);
        if let Some(l) = r.lane() {
            match runs.last_mut() {
                Some(run) if run.0 == l && (run.2 - y).abs() < 0.01 => run.2 = y + rh,
                _ => runs.push((l, y, y + rh)),
            }
        }
        y += rh;
    }
    (runs, y)
}
