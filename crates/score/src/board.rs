//! The pain-point board: what counts as a pain point or an opportunity, how
//! they rank and how many dot votes each has. One rule for the app's board,
//! the PDF report and `waymark board`; the fronts only filter and present.
//!
//! What is on it:
//! * every touchpoint the scores flag as a pain point (source `score`), and
//!   every other touchpoint in a pain-points lane (source `lane`);
//! * every touchpoint in an opportunities lane, as an opportunity (`lane`);
//! * every touchpoint carrying an open pain-point note, as a pain point
//!   (`note`, when neither its scores nor its lane put it there already):
//!   someone on the team saw the pain, and the board is where it is
//!   discussed, whatever the figures say yet. The note is not an item of
//!   its own: its votes go to the touchpoint;
//! * every open idea note, as an opportunity, and every open pain-point note
//!   about a stage or the whole map, as a pain point (`note`).
//!
//! Votes: an item for a touchpoint counts the votes of every open note on it
//! except questions; a note's item counts its own votes. Resolved notes and
//! questions are not on the board.
//!
//! Rank: highest impact (the absolute figure behind the 0–100 priority)
//! first, none last, then most votes, then journey
//! order (touchpoints in map order, notes not on a touchpoint after them, in
//! the order they were written).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use waymark_core::formats::csv::write_table;
use waymark_core::{AnnotationKind, Evidence, Id, Journey, LaneKind, Nature, Target, Touchpoint};

use crate::scorecard::{Scorecard, StageScore, TouchpointScore};
use crate::targets::TargetNote;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "BoardItemKind")]
pub enum ItemKind {
    PainPoint,
    Opportunity,
}

impl ItemKind {
    /// The words the board and its CSV use.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::PainPoint => "pain point",
            ItemKind::Opportunity => "opportunity",
        }
    }
}

/// Why an item is on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "BoardItemSource")]
pub enum ItemSource {
    /// Its scores cross the pain-point thresholds.
    Score,
    /// It sits in a pain-points or opportunities lane.
    Lane,
    /// A team note.
    Note,
}

impl ItemSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemSource::Score => "score",
            ItemSource::Lane => "lane",
            ItemSource::Note => "note",
        }
    }
}

/// One line of the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct BoardItem {
    /// Stable across re-ranks: `pain_point:<touchpoint>`,
    /// `opportunity:<touchpoint>` or `note:<note>`.
    pub key: String,
    pub kind: ItemKind,
    pub source: ItemSource,
    /// The touchpoint's title, or the note's text.
    pub title: String,
    /// The touchpoint it is about (the note's, for a note on one).
    pub touchpoint: Option<Id>,
    /// The note it comes from, for source `note`.
    pub note: Option<Id>,
    pub stage: Option<Id>,
    /// Empty when the item has no stage.
    pub stage_name: String,
    pub owner: String,
    pub channel: String,
    pub nature: Option<Nature>,
    pub evidence: Option<Evidence>,
    /// 0–100 relative to the map, as the scorecard has it.
    pub priority: Option<u8>,
    /// The absolute figure the board ranks by (see
    /// [`crate::priority::impact`]).
    pub impact: Option<f64>,
    pub friction: Option<f64>,
    pub emotion: Option<f64>,
    pub votes: u32,
    /// The targets of its touchpoint, then of its stage, with their status
    /// on the current scores ("NPS 12 · target ≥ 30 not met").
    pub targets: Vec<TargetNote>,
    /// 1-based, over the whole board.
    pub rank: usize,
    /// This item as a CSV row under [`Board::csv_header`] (see
    /// [`BoardItem::cells`]), so a front exporting some items writes the
    /// same cells as `waymark board --csv`.
    pub csv_row: Vec<String>,
}

/// The board, ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Board {
    pub items: Vec<BoardItem>,
    /// [`CSV_COLUMNS`].
    pub csv_header: Vec<String>,
    /// The survey wave the scores it ranks are as of ([`Scorecard::as_of`]).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub as_of: Option<String>,
}

/// The CSV columns of [`Board::table`], in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "rank", "kind", "title", "stage", "owner", "channel", "nature", "evidence", "priority",
    "friction", "emotion", "votes", "source",
];

impl Board {
    pub fn pain_points(&self) -> impl Iterator<Item = &BoardItem> {
        self.items.iter().filter(|i| i.kind == ItemKind::PainPoint)
    }

    pub fn opportunities(&self) -> impl Iterator<Item = &BoardItem> {
        self.items
            .iter()
            .filter(|i| i.kind == ItemKind::Opportunity)
    }

    /// The items as CSV cells (one row each, [`CSV_COLUMNS`] wide).
    pub fn rows<'a>(items: impl IntoIterator<Item = &'a BoardItem>) -> Vec<Vec<String>> {
        items.into_iter().map(|i| i.csv_row.clone()).collect()
    }

    /// The whole board as CSV text, through the one CSV writer.
    pub fn csv(&self) -> String {
        write_table(&CSV_COLUMNS, Board::rows(&self.items))
    }
}

impl BoardItem {
    /// This item's CSV row; figures rounded to two decimals, no data empty.
    pub fn cells(&self) -> Vec<String> {
        let fig = |v: Option<f64>| v.map(two_decimals).unwrap_or_default();
        vec![
            self.rank.to_string(),
            self.kind.label().into(),
            self.title.clone(),
            self.stage_name.clone(),
            self.owner.clone(),
            self.channel.clone(),
            self.nature.map(|n| n.as_str().into()).unwrap_or_default(),
            self.evidence.map(|e| e.as_str().into()).unwrap_or_default(),
            self.priority.map(|p| p.to_string()).unwrap_or_default(),
            fig(self.friction),
            fig(self.emotion),
            self.votes.to_string(),
            self.source.as_str().into(),
        ]
    }
}

/// `12.345` → `12.35`, `12.0` → `12`, never `-0`.
fn two_decimals(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r}")
}

/// The board of a map and its scorecard.
pub fn board(j: &Journey, card: &Scorecard) -> Board {
    let scores: HashMap<Id, &TouchpointScore> =
        card.touchpoints.iter().map(|t| (t.id, t)).collect();
    let lane_kind: HashMap<Id, LaneKind> = j.lanes.iter().map(|l| (l.id, l.kind)).collect();
    let stage_name = |id: Id| j.stage(id).map(|s| s.name.clone()).unwrap_or_default();
    let stage_scores: HashMap<Id, &StageScore> = card.stages.iter().map(|s| (s.id, s)).collect();
    // The touchpoint's own targets, then its stage's, named.
    let target_notes = |tp: Option<&TouchpointScore>, stage: Option<Id>| -> Vec<TargetNote> {
        let own = tp
            .into_iter()
            .flat_map(|t| &t.targets)
            .map(|c| TargetNote::new(*c, None));
        let of_stage = stage
            .and_then(|s| stage_scores.get(&s))
            .into_iter()
            .flat_map(|s| {
                let of = format!("Stage {}", s.name.trim());
                s.targets
                    .iter()
                    .map(move |c| TargetNote::new(*c, Some(&of)))
            });
        own.chain(of_stage).collect()
    };
    let journey_order: HashMap<Id, usize> = j
        .touchpoints
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    let open: Vec<_> = j
        .annotations
        .iter()
        .filter(|a| !a.resolved && a.kind != AnnotationKind::Question)
        .collect();
    let mut votes_on: HashMap<Id, u32> = HashMap::new();
    let mut pain_noted: HashMap<Id, Id> = HashMap::new();
    for a in &open {
        if let Target::Touchpoint(tp) = a.target {
            *votes_on.entry(tp).or_default() += a.vote_count();
            if a.kind == AnnotationKind::PainPoint {
                pain_noted.entry(tp).or_insert(a.id);
            }
        }
    }

    let from_touchpoint = |tp: &Touchpoint, kind: ItemKind, source: ItemSource| {
        let s = scores.get(&tp.id);
        BoardItem {
            key: format!("{}:{}", kind_key(kind), tp.id),
            kind,
            source,
            title: tp.title.clone(),
            touchpoint: Some(tp.id),
            note: None,
            stage: Some(tp.stage),
            stage_name: stage_name(tp.stage),
            owner: tp.owner.trim().to_string(),
            channel: tp.channel.trim().to_string(),
            nature: Some(tp.nature),
            evidence: Some(tp.evidence),
            priority: s.and_then(|s| s.priority),
            impact: s.and_then(|s| s.impact),
            friction: s.and_then(|s| s.friction),
            emotion: s.and_then(|s| s.emotion),
            votes: votes_on.get(&tp.id).copied().unwrap_or(0),
            targets: target_notes(s.copied(), Some(tp.stage)),
            rank: 0,
            csv_row: Vec::new(),
        }
    };

    // (item, journey order) in the order they are found: stable ties.
    let mut items: Vec<(BoardItem, usize)> = Vec::new();
    for tp in &j.touchpoints {
        let order = journey_order[&tp.id];
        let lane = lane_kind.get(&tp.lane).copied();
        if scores.get(&tp.id).is_some_and(|s| s.pain_point) {
            items.push((
                from_touchpoint(tp, ItemKind::PainPoint, ItemSource::Score),
                order,
            ));
        } else if lane == Some(LaneKind::PainPoints) {
            items.push((
                from_touchpoint(tp, ItemKind::PainPoint, ItemSource::Lane),
                order,
            ));
        } else if let Some(note) = pain_noted.get(&tp.id) {
            let mut item = from_touchpoint(tp, ItemKind::PainPoint, ItemSource::Note);
            item.note = Some(*note);
            items.push((item, order));
        }
        if lane == Some(LaneKind::Opportunities) {
            items.push((
                from_touchpoint(tp, ItemKind::Opportunity, ItemSource::Lane),
                order,
            ));
        }
    }
    for a in &open {
        let kind = match (a.kind, a.target) {
            (AnnotationKind::Idea, _) => ItemKind::Opportunity,
            (AnnotationKind::PainPoint, Target::Map | Target::Stage(_)) => ItemKind::PainPoint,
            _ => continue,
        };
        let tp = match a.target {
            Target::Touchpoint(id) => j.touchpoint(id),
            _ => None,
        };
        let stage = match (tp, a.target) {
            (Some(tp), _) => Some(tp.stage),
            (None, Target::Stage(id)) => Some(id),
            _ => None,
        };
        let text = a.text.trim();
        let mut item = match tp {
            Some(tp) => from_touchpoint(tp, kind, ItemSource::Note),
            None => BoardItem {
                key: String::new(),
                kind,
                source: ItemSource::Note,
                title: String::new(),
                touchpoint: None,
                note: None,
                stage,
                stage_name: stage.map(stage_name).unwrap_or_default(),
                owner: String::new(),
                channel: String::new(),
                nature: None,
                evidence: None,
                priority: None,
                impact: None,
                friction: None,
                emotion: None,
                votes: 0,
                targets: target_notes(None, stage),
                rank: 0,
                csv_row: Vec::new(),
            },
        };
        item.key = format!("note:{}", a.id);
        item.title = if text.is_empty() {
            "(empty note)".into()
        } else {
            text.into()
        };
        item.note = Some(a.id);
        item.votes = a.vote_count();
        let order = tp.map_or(usize::MAX, |tp| journey_order[&tp.id]);
        items.push((item, order));
    }

    items.sort_by(|(a, ao), (b, bo)| {
        let pa = a.impact.unwrap_or(-1.0);
        let pb = b.impact.unwrap_or(-1.0);
        pb.total_cmp(&pa)
            .then(b.votes.cmp(&a.votes))
            .then(ao.cmp(bo))
    });
    Board {
        items: items
            .into_iter()
            .enumerate()
            .map(|(i, (item, _))| {
                let mut item = BoardItem {
                    rank: i + 1,
                    ..item
                };
                item.csv_row = item.cells();
                item
            })
            .collect(),
        csv_header: CSV_COLUMNS.iter().map(|c| c.to_string()).collect(),
        as_of: card.as_of.clone(),
    }
}

fn kind_key(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::PainPoint => "pain_point",
        ItemKind::Opportunity => "opportunity",
    }
}

#[cfg(test)]
mod tests;
