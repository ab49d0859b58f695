//! One reader for every survey file: our long format, a long file with
//! other column names, or a wide export of a survey tool. The import, the
//! wizard's preview and `waymark watch` all decide the layout here.

use serde::{Deserialize, Serialize};
use waymark_core::{Journey, SurveyResponse};

use crate::responses_csv::{parse_responses_csv, ResponseError, REQUIRED};
use crate::responses_preview::{parse_mapped_responses, sample, suggest_mapping, ColumnMapping};
use crate::survey_tools::{read_table, SurveyTool};
use crate::wide_format::{parse_wide, suggest_wide, WideColumns};

/// How the person said the file's columns are read; both empty: decide from
/// the headers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
#[serde(deny_unknown_fields)]
pub struct SurveyColumns {
    /// A long file's columns: our column → the file's header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<ColumnMapping>,
    /// A wide file's columns: respondent, date and each question's touchpoint and scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wide: Option<WideColumns>,
}

/// The layout a file was read in.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// One answer a row; `None` for our own column names.
    Long(Option<ColumnMapping>),
    /// One respondent a row, from `tool` when one was recognised.
    Wide {
        tool: Option<SurveyTool>,
        columns: WideColumns,
    },
}

/// Decides how to read `text` when `given` says nothing. A recognised tool's
/// export, or a file whose columns are named after touchpoints, is wide.
/// Otherwise it is long: with `synonyms`, under the suggested mapping of its
/// headers (the wizard, where the person sees it); without, under our
/// column names only (the CLI, where nobody checks a guess).
pub fn layout(
    file_name: &str,
    text: &str,
    given: &SurveyColumns,
    journey: &Journey,
    synonyms: bool,
) -> Layout {
    if let Some(w) = &given.wide {
        let tool = read_table(file_name, text).ok().and_then(|t| t.tool);
        return Layout::Wide {
            tool,
            columns: w.clone(),
        };
    }
    if let Some(m) = &given.mapping {
        return Layout::Long(Some(m.clone()));
    }
    let headers = sample(text, 0).headers;
    let ours = REQUIRED
        .iter()
        .all(|r| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(r)));
    let suggested = suggest_mapping(&headers);
    if ours {
        return Layout::Long(synonyms.then_some(suggested));
    }
    if let Ok(table) = read_table(file_name, text) {
        let long_like = suggested.contains_key("metric") && suggested.contains_key("value");
        let columns = suggest_wide(&table, journey);
        if table.tool.is_some() || (!long_like && !columns.questions.is_empty()) {
            return Layout::Wide {
                tool: table.tool,
                columns,
            };
        }
    }
    Layout::Long(synonyms.then_some(suggested))
}

/// Reads the answers of `text` in `layout`: all or nothing, every problem
/// with its line and column. Wide rows without a date take `fallback_date`.
pub fn read_answers(
    file_name: &str,
    text: &str,
    layout: &Layout,
    journey: &Journey,
    fallback_date: &str,
) -> Result<Vec<SurveyResponse>, Vec<ResponseError>> {
    let limit = waymark_core::limits::SURVEY_FILE_BYTES;
    if text.len() > limit.max {
        let e = ResponseError::new(file_name, 0, None, limit.exceeded(text.len()));
        return Err(vec![e]);
    }
    match layout {
        Layout::Long(None) => parse_responses_csv(file_name, text, journey),
        Layout::Long(Some(m)) => parse_mapped_responses(file_name, text, m, journey),
        Layout::Wide { columns, .. } => {
            let table = read_table(file_name, text)?;
            parse_wide(file_name, &table, columns, journey, fallback_date)
        }
    }
}
