//! The survey import wizard's dry run: read a CSV whose headers may not be
//! ours, suggest which of its columns holds each expected one, rewrite it
//! with our headers, and report every problem before anything is imported.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use waymark_core::{Journey, SurveyResponse};

use crate::responses_csv::{
    parse_responses_csv, Lines, Problems, ResponseError, OPTIONAL, REQUIRED,
};

/// Every column of the survey CSV, required ones first.
pub fn expected_columns() -> Vec<&'static str> {
    REQUIRED.iter().chain(OPTIONAL.iter()).copied().collect()
}

/// Which column of the file holds each expected column: expected name →
/// the file's header. Expected columns absent from the mapping are missing
/// (an error when required); the file's other columns are ignored.
pub type ColumnMapping = BTreeMap<String, String>;

/// Names people give each expected column in survey exports.
fn synonyms(expected: &str) -> &'static [&'static str] {
    match expected {
        "touchpoint" => &[
            "touchpoint",
            "touchpoint_id",
            "touchpoint id",
            "touch point",
            "step",
            "question",
        ],
        "respondent" => &[
            "respondent",
            "respondent_id",
            "respondent id",
            "customer",
            "customer_id",
            "user",
            "user_id",
            "response id",
            "response_id",
        ],
        "date" => &[
            "date",
            "answered",
            "submitted",
            "submitted_at",
            "answered_at",
            "timestamp",
            "created_at",
        ],
        "metric" => &["metric", "measure", "kpi", "type"],
        "scale" => &["scale", "scale_type", "range"],
        "value" => &["value", "score", "rating", "answer"],
        "comment" => &[
            "comment",
            "comments",
            "verbatim",
            "feedback",
            "text",
            "free text",
        ],
        _ => &[],
    }
}

fn norm(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect()
}

/// Guesses the mapping from the file's headers: an exact name first, then a
/// known synonym; each header is used once.
pub fn suggest_mapping(headers: &[String]) -> ColumnMapping {
    let mut used = vec![false; headers.len()];
    let mut out = ColumnMapping::new();
    for expected in expected_columns() {
        let candidates: Vec<String> = synonyms(expected).iter().map(|s| norm(s)).collect();
        let pick = headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .find(|(_, h)| norm(h) == expected)
            .or_else(|| {
                candidates.iter().find_map(|c| {
                    headers
                        .iter()
                        .enumerate()
                        .find(|(i, h)| !used[*i] && norm(h) == *c)
                })
            });
        if let Some((i, h)) = pick {
            used[i] = true;
            out.insert(expected.to_string(), h.clone());
        }
    }
    out
}

/// A file read for the preview: its header, its first rows as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct CsvSample {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Data rows in the file (blank lines not counted).
    pub total_rows: usize,
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The header and the first `limit` rows; unreadable rows are skipped here
/// (the validation reports them with their line).
pub fn sample(text: &str, limit: usize) -> CsvSample {
    let mut rdr = reader(text);
    let mut records = rdr.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|s| s.trim().to_string()).collect(),
        _ => Vec::new(),
    };
    let mut rows = Vec::new();
    let mut total_rows = 0;
    for rec in records.flatten() {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        total_rows += 1;
        if rows.len() < limit {
            rows.push(rec.iter().map(str::to_string).collect());
        }
    }
    CsvSample {
        headers,
        rows,
        total_rows,
    }
}

/// Rewrites the file with our column names, keeping only the mapped columns,
/// and returns it with the problems found on the way. Every row stays on its
/// line, so errors in the rewritten file carry the original file's line
/// numbers. A mapping naming a header the file lacks, or an unknown expected
/// column, is an error on line 1; a row with another number of fields than
/// the header is reported and left blank.
fn apply_mapping(
    file_name: &str,
    text: &str,
    mapping: &ColumnMapping,
) -> (String, Vec<ResponseError>) {
    let err = |line: u64, column: Option<&str>, message: String| {
        ResponseError::new(file_name, line, column, message)
    };
    let expected = expected_columns();
    let s = sample(text, 0);
    let mut errors = Problems::new(file_name);
    let mut picks: Vec<(&str, usize)> = Vec::new();
    for (ours, theirs) in mapping {
        match expected.iter().find(|e| **e == ours.as_str()) {
            None => errors.push(err(
                1,
                Some(ours),
                "not a column of the survey format".into(),
            )),
            Some(e) => match s.headers.iter().position(|h| h == theirs.trim()) {
                Some(i) => picks.push((e, i)),
                None => errors.push(err(
                    1,
                    Some(ours),
                    format!("the file has no column \"{theirs}\""),
                )),
            },
        }
    }
    if !errors.is_empty() {
        return (String::new(), errors.into_vec());
    }
    // Our own intermediate text, parsed again below: written as read, not
    // through the export writer (which would change what people typed).
    let mut out = String::new();
    let mut push = |fields: &[&str]| {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        w.write_record(fields).expect("writing to memory");
        out.push_str(&String::from_utf8(w.into_inner().expect("memory")).expect("UTF-8 in"));
    };
    push(&picks.iter().map(|(e, _)| *e).collect::<Vec<_>>());
    let stripped = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = Lines::new(stripped);
    let mut rdr = reader(text);
    let mut line = 1u64;
    for rec in rdr.records().skip(1) {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                errors.push(err(
                    lines.line(e.position()),
                    None,
                    format!("unreadable row: {e}"),
                ));
                continue;
            }
        };
        let at = match lines.line(rec.position()) {
            0 => line + 1,
            n => n,
        };
        // Lines the reader skipped are written back blank, so line numbers
        // keep matching the original file.
        while line + 1 < at {
            push(&[""]);
            line += 1;
        }
        line = at + rec.as_slice().matches('\n').count() as u64;
        if rec.iter().all(|f| f.trim().is_empty()) {
            push(&[""]);
        } else if rec.len() != s.headers.len() {
            errors.push(err(
                at,
                None,
                format!("{} fields, the header has {}", rec.len(), s.headers.len()),
            ));
            push(&[""]);
        } else {
            let fields: Vec<&str> = picks
                .iter()
                .map(|(_, i)| rec.get(*i).unwrap_or(""))
                .collect();
            push(&fields);
        }
    }
    (out, errors.into_vec())
}

/// Parses a survey CSV whose columns are named by `mapping` (see
/// [`parse_responses_csv`]): all or nothing, every problem with its line.
pub fn parse_mapped_responses(
    file_name: &str,
    text: &str,
    mapping: &ColumnMapping,
    journey: &Journey,
) -> Result<Vec<SurveyResponse>, Vec<ResponseError>> {
    let limit = waymark_core::limits::SURVEY_FILE_BYTES;
    if text.len() > limit.max {
        let e = ResponseError::new(file_name, 0, None, limit.exceeded(text.len()));
        return Err(vec![e]);
    }
    let (mapped, errors) = apply_mapping(file_name, text, mapping);
    if errors.iter().any(|e| e.line == 1) {
        return Err(errors);
    }
    match parse_responses_csv(file_name, &mapped, journey) {
        Ok(answers) if errors.is_empty() => Ok(answers),
        Ok(_) => Err(errors),
        Err(more) => {
            let mut all = Problems::new(file_name);
            errors.into_iter().chain(more).for_each(|e| all.push(e));
            Err(all.into_vec())
        }
    }
}

/// What importing the file would do, found without importing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ResponsesPreview {
    pub sample: CsvSample,
    /// The columns of the survey format, required first.
    pub expected: Vec<String>,
    /// The mapping used for a long file (the suggested one when none was
    /// given); empty for a wide one.
    pub mapping: ColumnMapping,
    /// The survey tool whose export this is, when recognised from its headers.
    pub tool: Option<crate::SurveyTool>,
    /// The tool's name ("Qualtrics"), for the wizard to say.
    pub tool_name: Option<String>,
    /// A wide file's columns (suggested when none were given); none for a long file.
    pub wide: Option<crate::WideColumns>,
    /// The map's touchpoints a wide file's questions can be mapped to (empty
    /// for a long file).
    pub touchpoints: Vec<TouchpointChoice>,
    /// Every problem, with its line; empty when the file can be imported.
    pub errors: Vec<PreviewError>,
    /// Answers the file holds when it is valid.
    pub answers: usize,
    /// Of those, answers new to the map and answers replacing one it has.
    pub added: usize,
    pub replaced: usize,
    /// The wave label the file suggests (its name; filled by the library,
    /// which owns the rule: `waymark_api::survey_watch::wave_label`).
    #[serde(default)]
    pub wave: String,
    /// The map's survey waves, so the wizard can say that a label it
    /// re-uses replaces that wave (filled by the library).
    #[serde(default)]
    pub waves: Vec<String>,
}

/// A touchpoint as the wizard's question mapping offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TouchpointChoice {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PreviewError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
    /// The whole message, "file:line: column c: problem".
    pub text: String,
}

impl From<ResponseError> for PreviewError {
    fn from(e: ResponseError) -> Self {
        PreviewError {
            text: e.to_string(),
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

/// The dry run: decides the layout ([`crate::survey_read::layout`], the
/// suggestion when `columns` says nothing), validates every row against
/// `journey`, and counts what an import would add or replace. Rows of a
/// wide file without a date take `fallback_date`.
pub fn preview_responses(
    file_name: &str,
    text: &str,
    columns: &crate::SurveyColumns,
    journey: &Journey,
    fallback_date: &str,
) -> ResponsesPreview {
    use crate::survey_read::{layout, read_answers, Layout};
    let layout = layout(file_name, text, columns, journey, true);
    let (sample, mapping, tool, wide) = match &layout {
        Layout::Long(m) => (sample(text, 5), m.clone().unwrap_or_default(), None, None),
        Layout::Wide { tool, columns } => {
            let sample = match crate::survey_tools::read_table(file_name, text) {
                Ok(t) => CsvSample {
                    total_rows: t.rows.len(),
                    rows: t.rows.into_iter().take(5).map(|(_, r)| r).collect(),
                    headers: t.headers,
                },
                Err(_) => sample(text, 5),
            };
            (sample, ColumnMapping::new(), *tool, Some(columns.clone()))
        }
    };
    let parsed = read_answers(file_name, text, &layout, journey, fallback_date);
    let (errors, answers, added, replaced) = match parsed {
        Ok(answers) => {
            let existing: std::collections::HashSet<String> =
                journey.responses.iter().map(|r| r.key()).collect();
            let replaced = answers
                .iter()
                .filter(|r| existing.contains(&r.key()))
                .count();
            (
                Vec::new(),
                answers.len(),
                answers.len() - replaced,
                replaced,
            )
        }
        Err(errors) => (
            errors.into_iter().map(PreviewError::from).collect(),
            0,
            0,
            0,
        ),
    };
    ResponsesPreview {
        sample,
        expected: expected_columns().into_iter().map(str::to_string).collect(),
        mapping,
        tool,
        tool_name: tool.map(|t| t.name().to_string()),
        touchpoints: match wide {
            None => Vec::new(),
            Some(_) => journey
                .touchpoints
                .iter()
                .map(|t| TouchpointChoice {
                    id: t.id.to_string(),
                    title: t.title.clone(),
                })
                .collect(),
        },
        wide,
        errors,
        answers,
        added,
        replaced,
        wave: String::new(),
        waves: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::templates;

    fn journey() -> Journey {
        templates::load("bank-lost-card").unwrap()
    }

    const DAY: &str = "2026-03-31";

    fn none() -> crate::SurveyColumns {
        crate::SurveyColumns::default()
    }

    fn long(m: ColumnMapping) -> crate::SurveyColumns {
        crate::SurveyColumns {
            mapping: Some(m),
            wide: None,
        }
    }

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn suggestion_finds_exact_names_and_synonyms_once_each() {
        let m = suggest_mapping(&headers(&[
            "Respondent ID",
            "Step",
            "Submitted_At",
            "KPI",
            "Scale",
            "Score",
            "Verbatim",
            "Region",
        ]));
        assert_eq!(m["touchpoint"], "Step");
        assert_eq!(m["respondent"], "Respondent ID");
        assert_eq!(m["date"], "Submitted_At");
        assert_eq!(m["metric"], "KPI");
        assert_eq!(m["scale"], "Scale");
        assert_eq!(m["value"], "Score");
        assert_eq!(m["comment"], "Verbatim");
        assert_eq!(m.len(), 7);
    }

    #[test]
    fn a_file_in_our_format_previews_clean_and_counts_answers() {
        let j = journey();
        let tp = format!("\"{}\"", j.touchpoints[0].title);
        let text = format!(
            "touchpoint,respondent,date,metric,scale,value,comment\n\
             {tp},r1,2026-03-01,csat,csat,4,Fine\n\
             {tp},r2,2026-03-01,ces,ces7,6,\n"
        );
        let p = preview_responses("s.csv", &text, &none(), &j, DAY);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!((p.answers, p.added, p.replaced), (2, 2, 0));
        assert_eq!(p.sample.total_rows, 2);
        assert_eq!(p.sample.rows[0][1], "r1");
        assert_eq!(p.mapping.len(), 7);
    }

    #[test]
    fn mapped_headers_import_and_errors_keep_the_original_lines() {
        let j = journey();
        let tp = format!("\"{}\"", j.touchpoints[0].title);
        let text = format!(
            "Region,Step,Customer,When,KPI,Range,Score\n\
             north,{tp},r1,2026-03-01,csat,csat,4\n\
             \n\
             south,{tp},r2,2026-13-01,csat,csat,9\n\
             south,Nowhere,r3,2026-03-01,nps,nps,7\n"
        );
        let mut m = suggest_mapping(&sample(&text, 0).headers);
        m.insert("date".into(), "When".into());
        let p = preview_responses("s.csv", &text, &long(m), &j, DAY);
        let lines: Vec<(u64, Option<&str>)> = p
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_deref()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (4, Some("date")),
                (4, Some("value")),
                (5, Some("touchpoint"))
            ],
            "{:?}",
            p.errors
        );
        assert!(p.errors[0].text.starts_with("s.csv:4: column date:"));
        assert_eq!(p.answers, 0);
    }

    #[test]
    fn a_missing_required_column_and_a_bad_mapping_are_line_one_errors() {
        let j = journey();
        let p = preview_responses("s.csv", "who,what\nx,y\n", &none(), &j, DAY);
        assert!(p.errors.iter().all(|e| e.line == 1));
        assert!(p
            .errors
            .iter()
            .any(|e| e.column.as_deref() == Some("touchpoint") && e.message.contains("missing")));
        let mut m = ColumnMapping::new();
        m.insert("touchpoint".into(), "nope".into());
        let p = preview_responses("s.csv", "who,what\nx,y\n", &long(m), &j, DAY);
        assert_eq!(p.errors.len(), 1);
        assert!(p.errors[0].message.contains("no column \"nope\""));
    }

    #[test]
    fn lines_after_a_blank_line_are_counted_right() {
        let j = journey();
        let text =
            "touchpoint,respondent,date,metric,scale,value\n\nNowhere,r1,2026-03-01,csat,csat,4\n";
        let e = parse_responses_csv("s.csv", text, &j).unwrap_err();
        assert_eq!(e[0].line, 3, "{e:?}");
    }

    #[test]
    fn replaced_answers_are_counted() {
        let mut j = journey();
        let tp = format!("\"{}\"", j.touchpoints[0].title);
        let text = format!(
            "touchpoint,respondent,date,metric,scale,value\n{tp},r1,2026-03-01,csat,csat,4\n"
        );
        let answers = parse_responses_csv("s.csv", &text, &j).unwrap();
        crate::merge_responses(&mut j, answers);
        let p = preview_responses("s.csv", &text, &none(), &j, DAY);
        assert_eq!((p.answers, p.added, p.replaced), (1, 0, 1));
    }
}
