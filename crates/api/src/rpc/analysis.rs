//! Handlers of the analysis views' commands: scores, the survey import,
//! future-state copies, comparisons and CSV tables.

use serde::{Deserialize, Serialize};

use super::{Front, MapId};
use crate::compare::{Comparison, MapOrigin, MapRef};
use crate::survey::{ColumnMapping, ResponsesPreview, SurveyColumns, WideColumns};
use crate::themes::{MapThemes, ThemesQuery};
use crate::waves::WaveDate;
use crate::{Explanation, Library, Result, Scorecard};
use waymark_score::AsOf;

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ScoreMap {
    pub id: String,
    /// Leave out each touchpoint's factors and effort cues.
    #[serde(default)]
    pub brief: Option<bool>,
    /// Missing: as of the latest wave.
    #[serde(default)]
    pub as_of: Option<AsOf>,
    /// A Yjs state vector (the editor's document as it asks): score the map
    /// once it holds that much ([`Library::score_covering`]), so the editor
    /// need not wait for its edit to be durable first.
    #[serde(default)]
    pub covers: Option<Vec<u8>>,
}

/// A request naming one map and the survey wave its scores are as of.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct MapAsOf {
    pub id: String,
    /// Missing: as of the latest wave.
    #[serde(default)]
    pub as_of: Option<AsOf>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ExplainTouchpoint {
    pub id: String,
    pub touchpoint: String,
    /// Missing: as of the latest wave.
    #[serde(default)]
    pub as_of: Option<AsOf>,
}

/// A survey CSV as the import wizard sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct SurveyFile {
    pub id: String,
    /// The file name, for messages ("survey.csv:12: …").
    pub name: String,
    pub text: String,
    /// A long file's column for each field; missing: suggested from the headers.
    #[serde(default)]
    pub mapping: Option<ColumnMapping>,
    /// A wide file's respondent, date and questions (as the preview
    /// suggested them, confirmed or changed); missing: from the headers.
    #[serde(default)]
    pub wide: Option<WideColumns>,
    /// The wave to import into (the wizard suggests the file's name); an
    /// existing label's wave is replaced by this file. Missing: the answers
    /// join the day's wave and nothing is removed.
    #[serde(default)]
    pub wave: Option<String>,
    /// The wave's date, YYYY-MM-DD; missing: the latest answer's date (for
    /// a named wave).
    #[serde(default)]
    pub date: Option<String>,
}

impl SurveyFile {
    fn columns(&self) -> SurveyColumns {
        SurveyColumns {
            mapping: self.mapping.clone(),
            wide: self.wide.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportStats {
    pub added: usize,
    pub replaced: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct FutureState {
    pub id: String,
    /// Missing: "… (to-be)".
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CompareMaps {
    pub before: MapRef,
    pub after: MapRef,
}

/// A table the UI made (the pain-point board): a header and rows of text.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CsvTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub fn score_map(lib: &Library, _: Front, r: ScoreMap) -> Result<Scorecard> {
    let as_of = r.as_of.unwrap_or_default();
    let mut card = match &r.covers {
        Some(sv) => lib.score_covering(&r.id, &as_of, sv)?,
        None => lib.score_as_of(&r.id, &as_of)?,
    };
    if r.brief.unwrap_or(false) {
        crate::scoring::make_brief(&mut card);
    }
    Ok(card)
}

pub fn map_board(lib: &Library, _: Front, r: MapAsOf) -> Result<crate::Board> {
    lib.board_as_of(&r.id, &r.as_of.unwrap_or_default())
}

/// A browser (a workshop participant, `waymark serve`) gets what the map's
/// document carries: the score, its factors and the statistics' quotes; the
/// raw answers stay on the machine that holds the library.
pub fn explain_touchpoint(
    lib: &Library,
    front: Front,
    r: ExplainTouchpoint,
) -> Result<Explanation> {
    let mut ex = lib.explain_as_of(&r.id, &r.touchpoint, &r.as_of.unwrap_or_default())?;
    if front == Front::Browser {
        ex.responses.clear();
    }
    Ok(ex)
}

pub fn themes(lib: &Library, _: Front, q: ThemesQuery) -> Result<MapThemes> {
    lib.themes(&q)
}

pub fn evidence_coverage(
    lib: &Library,
    _: Front,
    r: MapAsOf,
) -> Result<crate::coverage::EvidenceCoverage> {
    lib.evidence_coverage_as_of(&r.id, &r.as_of.unwrap_or_default())
}

pub fn preview_responses(lib: &Library, _: Front, f: SurveyFile) -> Result<ResponsesPreview> {
    lib.preview_responses(&f.id, &f.name, &f.text, &f.columns())
}

pub fn import_responses(lib: &Library, _: Front, f: SurveyFile) -> Result<ImportStats> {
    // Through the wave path: a named wave becomes this file; without a name
    // the import adds to the day's wave.
    let wave = f.wave.as_deref().map(str::trim).filter(|w| !w.is_empty());
    let today = crate::waves::default_wave_label(None);
    let date = match (
        f.date.as_deref().map(str::trim).filter(|d| !d.is_empty()),
        wave,
    ) {
        (Some(d), _) => WaveDate::Given(d),
        (None, Some(_)) => WaveDate::FromAnswers { or: &today },
        (None, None) => WaveDate::Unknown,
    };
    let s = lib.import_wave_text(&f.id, &f.name, &f.text, &f.columns(), wave, date)?;
    Ok(ImportStats {
        added: s.added,
        replaced: s.replaced,
    })
}

pub fn create_future_state(lib: &Library, _: Front, r: FutureState) -> Result<String> {
    lib.create_future_state(&r.id, r.title.as_deref())
}

pub fn map_origins(lib: &Library, _: Front, r: MapId) -> Result<Vec<MapOrigin>> {
    lib.map_origins(&r.id)
}

pub fn compare_maps(lib: &Library, _: Front, r: CompareMaps) -> Result<Comparison> {
    lib.compare(&r.before, &r.after)
}

pub fn csv_table(_: &Library, _: Front, t: CsvTable) -> Result<String> {
    Ok(crate::csv_table(&t.header, &t.rows))
}

/// The settings as typed in the dialog.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SettingsDraft {
    pub values: Vec<waymark_core::settings_check::SettingValue>,
}

pub fn check_settings(
    _: &Library,
    _: Front,
    d: SettingsDraft,
) -> Result<Vec<waymark_core::settings_check::SettingProblem>> {
    Ok(waymark_core::settings_check::check_settings(&d.values))
}
