//! The command table: every command the UI calls, declared once with its
//! name, request and response types. From it come [`dispatch`] (which the
//! desktop shell registers as one Tauri command and the server serves as
//! `POST /api/rpc/{command}`) and the TypeScript client's types
//! (`ui/src/lib/generated/`, see [`bindings`]). Adding a command is one line
//! here plus its handler, then `WAYMARK_BLESS=1 cargo test -p waymark-api
//! --test bindings` to regenerate.
//!
//! What stays outside the table: calls that move raw bytes (a map's Yjs
//! state and updates, a PNG, the PDF a browser downloads), streams, and
//! desktop-only things (file dialogs, opening files, team sync, hosting a
//! workshop).

pub mod analysis;
pub mod bindings;
pub mod files;
pub mod library;
pub mod menu;
pub mod trend;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{ApiError, Code, Library, Result};

/// Which front a command arrives from: only the desktop app reads and
/// writes files on the person's disk by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    Desktop,
    Browser,
}

impl Front {
    /// Refuses commands that read or write files by path where the files
    /// would be the server's, not the person's.
    pub fn local_files(self, instead: &str) -> Result<()> {
        match self {
            Front::Desktop => Ok(()),
            Front::Browser => Err(ApiError::coded(Code::Unsupported, instead)),
        }
    }
}

/// A request with nothing in it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct NoArgs {}

/// A request naming one map.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct MapId {
    pub id: String,
}

type Handler<Req, Res> = fn(&Library, Front, Req) -> Result<Res>;

macro_rules! commands {
    ($( $(#[doc = $doc:expr])* $name:ident($req:ty) -> $res:ty = $run:path; )*) => {
        /// Every command's name, in table order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Runs command `name` with its JSON `request` on `lib`; the answer
        /// as JSON. An unknown name is `not_found`, a request that does not
        /// fit the command's type is `invalid`.
        pub fn dispatch(
            lib: &Library,
            front: Front,
            name: &str,
            request: serde_json::Value,
        ) -> Result<serde_json::Value> {
            match name {
                $(stringify!($name) => {
                    let run: Handler<$req, $res> = $run;
                    answer(run(lib, front, decode(name, request)?)?)
                })*
                _ => Err(ApiError::NotFound(format!("there is no command named {name:?}"))),
            }
        }

        /// Calls `visit(name, request type, response type)` for every command.
        pub(crate) fn each_command(v: &mut impl bindings::CommandVisitor) {
            $(v.command::<$req, $res>(stringify!($name), concat!($($doc, "\n"),*));)*
        }
    };
}

commands! {
    /// The maps in the library, most recently edited first.
    list_maps(NoArgs) -> Vec<crate::MapSummary> = library::list_maps;
    /// The built-in templates a new map can start from.
    list_templates(NoArgs) -> Vec<crate::TemplateInfo> = library::list_templates;
    /// Create a map from a template; answers the new map's id.
    create_map(library::CreateMap) -> String = library::create_map;
    /// Rename a map; answers its summary after the change.
    rename_map(library::RenameMap) -> crate::MapSummary = library::rename_map;
    /// The renames that keep just-imported maps apart from the others by title.
    title_clashes(library::MapIds) -> Vec<crate::keep_both::TitleClash> = library::title_clashes;
    /// Copy a map (not its versions) as "… (copy)"; answers the copy's id.
    duplicate_map(MapId) -> String = library::duplicate_map;
    /// Move a map to the trash (`untrash_map` undoes it).
    trash_map(MapId) -> () = library::trash_map;
    /// Take a map back out of the trash.
    untrash_map(MapId) -> () = library::untrash_map;
    /// Note that a map was opened, for the recent list.
    mark_opened(MapId) -> () = library::mark_opened;
    /// Every listed map's stages with their friction and emotion scores.
    map_strips(NoArgs) -> Vec<crate::MapStrip> = library::map_strips;
    /// Import a `.waymark` or Mermaid file sent as text; answers the new map's id.
    import_map(library::ImportText) -> String = library::import_map;
    /// Keep the map's current state as a named version.
    create_version(library::CreateVersion) -> crate::VersionInfo = library::create_version;
    /// The map's named versions.
    list_versions(MapId) -> Vec<crate::VersionInfo> = library::list_versions;
    /// Bring the map back to a version; answers the version kept of the state before.
    restore_version(library::RestoreVersion) -> crate::VersionInfo = library::restore_version;
    /// What concurrent edits left without a home in the map.
    map_homeless(MapId) -> crate::Homeless = library::map_homeless;
    /// Put a homeless entity back; answers what is still homeless.
    rehome(library::Rehome) -> crate::Homeless = library::rehome;
    /// The map's scorecard as of a survey wave (`brief` leaves out factors and effort cues).
    score_map(analysis::ScoreMap) -> crate::Scorecard = analysis::score_map;
    /// The map's pain-point board, ranked (`waymark board --json`).
    map_board(analysis::MapAsOf) -> crate::Board = analysis::map_board;
    /// One touchpoint's score with its factors, answers and their sentiment.
    explain_touchpoint(analysis::ExplainTouchpoint) -> crate::Explanation = analysis::explain_touchpoint;
    /// What the comments are about: themes per touchpoint and stage, from the survey waves.
    themes(crate::themes::ThemesQuery) -> crate::themes::MapThemes = analysis::themes;
    /// Shares of touchpoints observed, assumed, proposed and with answers in the last wave.
    evidence_coverage(analysis::MapAsOf) -> crate::coverage::EvidenceCoverage = analysis::evidence_coverage;
    /// The survey import's dry run: nothing is written.
    preview_responses(analysis::SurveyFile) -> crate::survey::ResponsesPreview = analysis::preview_responses;
    /// Import survey answers, all or nothing (re-importing replaces).
    import_responses(analysis::SurveyFile) -> analysis::ImportStats = analysis::import_responses;
    /// Copy a map as its future state, linked to it; answers the copy's id.
    create_future_state(analysis::FutureState) -> String = analysis::create_future_state;
    /// The maps linked to this one: its source and the copies made from it.
    map_origins(MapId) -> Vec<crate::compare::MapOrigin> = analysis::map_origins;
    /// What changed from `before` to `after`, with score deltas.
    compare_maps(analysis::CompareMaps) -> crate::compare::Comparison = analysis::compare_maps;
    /// Every survey wave scored on its own answers, with 95% intervals, changes and targets.
    map_trend(MapId) -> crate::waves::Trend = trend::map_trend;
    /// The map's survey waves, oldest first (by date, undated last, then import time): the wave picker's choices.
    map_waves(MapId) -> Vec<crate::waves::WaveRow> = trend::map_waves;
    /// What improved and what got worse beyond noise between two waves.
    compare_waves(trend::CompareWaves) -> waymark_score::wave_compare::WaveComparison = trend::compare_waves_cmd;
    /// The journey's and touchpoints' KPI targets with their status.
    map_targets(MapId) -> Vec<crate::targets::TargetGroup> = trend::map_targets;
    /// Set or clear one KPI target of the journey or a touchpoint.
    set_target(trend::SetTarget) -> crate::targets::TargetGroup = trend::set_target;
    /// A table as CSV text through the one CSV writer (for a download).
    csv_table(analysis::CsvTable) -> String = analysis::csv_table;
    /// What is wrong with the scoring settings as typed, by field (empty: all fine).
    check_settings(analysis::SettingsDraft) -> Vec<waymark_core::settings_check::SettingProblem> = analysis::check_settings;
    /// Import a `.waymark` or Mermaid file by path (desktop).
    import_file(files::PathArg) -> String = files::import_file;
    /// Read a UTF-8 text file by path (desktop).
    read_text_file(files::PathArg) -> files::TextFile = files::read_text_file;
    /// Write the map as `format` to `path`; answers the absolute path (desktop).
    export_map(files::ExportMap) -> String = files::export_map;
    /// Write a table as CSV to `path`; answers the absolute path (desktop).
    save_csv(files::SaveCsv) -> String = files::save_csv;
    /// Render the PDF report to `path` (desktop; a browser downloads it).
    export_report(files::ExportReport) -> files::ReportWritten = files::export_report;
    /// Render the editable PowerPoint deck to `path` (desktop; a browser downloads it).
    export_deck(files::ExportDeck) -> files::DeckWritten = files::export_deck;
}

fn decode<T: DeserializeOwned>(name: &str, request: serde_json::Value) -> Result<T> {
    // A command without arguments may be called with nothing at all.
    let request = match request {
        serde_json::Value::Null => serde_json::json!({}),
        other => other,
    };
    serde_json::from_value(request)
        .map_err(|e| ApiError::Invalid(format!("the request for {name} does not fit: {e}")))
}

fn answer<T: Serialize>(value: T) -> Result<serde_json::Value> {
    serde_json::to_value(value)
        .map_err(|e| ApiError::coded(Code::Internal, format!("the answer did not encode: {e}")))
}
