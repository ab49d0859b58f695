//! Waymark's scoring engine: turns a journey map's survey answers, comments,
//! operational figures and designer ratings into friction, emotion, CX
//! metrics and a priority ranking — each score with the factors that add up
//! to it, so a team can argue with the inputs rather than with a black box.
//!
//! The model in one screen (weights and thresholds live in the journey's
//! `settings`):
//!
//! * **Friction** 0–100 per touchpoint: weighted mean of the measured factors
//!   present — survey effort (CES), repeat contact (1 − FCR), handoffs, wait
//!   against the desired/adequate levels, errors/drop-off, extra steps. The
//!   designer's severity (0–4 × 25) stands in only when nothing is measured.
//! * **Emotion** −100..100: weighted mean of survey net sentiment (CSAT and
//!   emotion answers), comment sentiment (VADER) and the designer's rating.
//! * **Impact**: reach share × friction × how negative it feels. The reach
//!   share is over *all* touchpoints of the journey, so impacts are
//!   comparable across stages and a touchpoint's share shrinks as the map
//!   grows; a touchpoint without reach gets the mean reach of the others.
//!   **Priority** is impact on a 0–100 scale relative to the map's top item
//!   (`priority`). Touchpoints behind the line of visibility rank through
//!   the customer touchpoints they feed (`blueprint`).
//! * **Aggregates** pool raw answers (never average percentages) and weight
//!   touchpoint scores by reach.
//!
//! A figure without data is `None`, never 0.

mod aggregate;
mod answer_index;
pub mod as_of;
pub mod blueprint;
pub mod board;
pub mod compare;
pub mod coverage;
mod emotion;
pub mod evidence;
mod explain;
mod friction;
pub mod intervals;
pub mod metrics;
pub mod priority;
mod responses_csv;
mod responses_preview;
mod scorecard;
pub mod sentiment;
pub mod survey_read;
pub mod survey_tools;
mod table;
pub mod targets;
pub mod themes;
pub mod trend;
pub mod wave_compare;
pub mod wide_format;

pub use aggregate::{score, score_as_of, score_reusing, TouchpointPart};
pub use as_of::{AsOf, UnknownWave, WaveView};
pub use board::{board, Board, BoardItem, ItemKind, ItemSource};
pub use coverage::{coverage, EvidenceCoverage};
pub use emotion::{label, NEUTRAL_BAND};
pub use friction::{ces_effort, wait_friction, wait_levels};
pub use responses_csv::{
    merge_answers, merge_responses, parse_responses_csv, total_problems, MergeStats, ResponseError,
};
pub use responses_preview::{
    expected_columns, parse_mapped_responses, preview_responses, suggest_mapping, ColumnMapping,
    CsvSample, PreviewError, ResponsesPreview,
};
pub use scorecard::*;
pub use survey_read::{read_answers, Layout, SurveyColumns};
pub use survey_tools::{SurveyTable, SurveyTool};
pub use table::render_table;
pub use wide_format::{Question, WideColumns};
