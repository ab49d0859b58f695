//! Survey-tool exports read as tables: which tool wrote a file (Qualtrics,
//! Medallia, SurveyMonkey, Typeform, Google Forms), recognised from its
//! header rows, how many header rows it has, what each column is called and
//! which columns hold the respondent and the date. Every data row keeps the
//! line it starts on, so problems are reported where people look for them.

use serde::{Deserialize, Serialize};

use crate::responses_csv::{Lines, ResponseError};

/// A survey tool whose export Waymark recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SurveyTool {
    Qualtrics,
    Medallia,
    SurveyMonkey,
    Typeform,
    GoogleForms,
}

impl SurveyTool {
    /// The tool's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            SurveyTool::Qualtrics => "Qualtrics",
            SurveyTool::Medallia => "Medallia",
            SurveyTool::SurveyMonkey => "SurveyMonkey",
            SurveyTool::Typeform => "Typeform",
            SurveyTool::GoogleForms => "Google Forms",
        }
    }

    /// Header rows before the first answer.
    fn header_rows(self) -> usize {
        match self {
            SurveyTool::Qualtrics => 3,
            SurveyTool::SurveyMonkey => 2,
            _ => 1,
        }
    }

    /// The tool's own names for the respondent and the date columns, best
    /// first, as they appear in [`SurveyTable::headers`].
    fn respondent_and_date(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            SurveyTool::Qualtrics => (&["Response ID"], &["Recorded Date", "End Date"]),
            SurveyTool::SurveyMonkey => (&["Respondent ID"], &["End Date", "Start Date"]),
            SurveyTool::Typeform => (
                &["#", "Response ID"],
                &["Submitted At", "Submit Date (UTC)", "Start Date (UTC)"],
            ),
            SurveyTool::GoogleForms => (
                &["Email Address", "Email address", "Timestamp"],
                &["Timestamp"],
            ),
            SurveyTool::Medallia => (
                &["Survey ID", "Record ID"],
                &["Response Date", "Survey End Date"],
            ),
        }
    }

    /// Columns the tool adds that are never answers about a touchpoint.
    pub(crate) fn is_metadata(self, header: &str) -> bool {
        const QUALTRICS: &[&str] = &[
            "Start Date",
            "End Date",
            "Response Type",
            "IP Address",
            "Progress",
            "Duration (in seconds)",
            "Finished",
            "Recorded Date",
            "Response ID",
            "Recipient Last Name",
            "Recipient First Name",
            "Recipient Email",
            "External Data Reference",
            "Location Latitude",
            "Location Longitude",
            "Distribution Channel",
            "User Language",
        ];
        const MONKEY: &[&str] = &[
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
        ];
        const TYPEFORM: &[&str] = &[
            "#",
            "Response ID",
            "Start Date (UTC)",
            "Submit Date (UTC)",
            "Submitted At",
            "Network ID",
            "Tags",
            "Ending",
        ];
        const GOOGLE: &[&str] = &["Timestamp", "Email Address", "Email address", "Score"];
        const MEDALLIA: &[&str] = &[
            "Survey ID",
            "Record ID",
            "Response Date",
            "Survey End Date",
            "Unit",
            "Unit Name",
            "Customer Segment",
            "Region",
        ];
        let list = match self {
            SurveyTool::Qualtrics => QUALTRICS,
            SurveyTool::SurveyMonkey => MONKEY,
            SurveyTool::Typeform => TYPEFORM,
            SurveyTool::GoogleForms => GOOGLE,
            SurveyTool::Medallia => MEDALLIA,
        };
        list.iter().any(|m| m.eq_ignore_ascii_case(header.trim()))
    }
}

/// A survey file read as a table: the names of its columns (one per
/// column, even where the tool spreads a name over several header rows) and
/// its data rows with the line each starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyTable {
    pub tool: Option<SurveyTool>,
    pub headers: Vec<String>,
    /// Data rows: (1-based line, cells). Blank rows are left out.
    pub rows: Vec<(u64, Vec<String>)>,
    /// The tool's respondent and date columns, when it has them.
    pub respondent: Option<String>,
    pub date: Option<String>,
}

fn has(row: &[String], name: &str) -> bool {
    row.iter().any(|h| h.trim().eq_ignore_ascii_case(name))
}

/// Which tool wrote a file whose first rows are `rows` (at most three).
pub fn recognise(rows: &[Vec<String>]) -> Option<SurveyTool> {
    let first = rows.first()?;
    let row = |i: usize| rows.get(i).map(Vec::as_slice).unwrap_or(&[]);
    if has(first, "ResponseId")
        && row(2)
            .iter()
            .any(|c| c.trim_start().starts_with("{\"ImportId\""))
    {
        return Some(SurveyTool::Qualtrics);
    }
    if has(first, "Respondent ID")
        && has(first, "Collector ID")
        // Its second header row is blank under the respondent id.
        && row(1).first().is_some_and(|c| c.trim().is_empty())
    {
        return Some(SurveyTool::SurveyMonkey);
    }
    if first.first().is_some_and(|c| c.trim() == "#")
        && (has(first, "Submitted At") || has(first, "Submit Date (UTC)"))
    {
        return Some(SurveyTool::Typeform);
    }
    if first
        .first()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("Timestamp"))
    {
        return Some(SurveyTool::GoogleForms);
    }
    if (has(first, "Survey ID") || has(first, "Record ID"))
        && (has(first, "Response Date") || has(first, "Survey End Date"))
    {
        return Some(SurveyTool::Medallia);
    }
    None
}

/// The columns' names from a tool's header rows: Qualtrics' question text
/// (its second row; the first holds ids like `Q1`), SurveyMonkey's question
/// with the sub-column of a matrix ("Question - Row"), others' one row.
fn column_names(tool: Option<SurveyTool>, rows: &[Vec<String>]) -> Vec<String> {
    let first: Vec<String> = rows[0].iter().map(|s| s.trim().to_string()).collect();
    match tool {
        Some(SurveyTool::Qualtrics) if rows.len() > 1 => first
            .iter()
            .enumerate()
            .map(|(i, id)| match rows[1].get(i).map(|s| s.trim()) {
                Some(text) if !text.is_empty() => text.to_string(),
                _ => id.clone(),
            })
            .collect(),
        Some(SurveyTool::SurveyMonkey) if rows.len() > 1 => {
            let mut last = String::new();
            first
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let sub = rows[1].get(i).map(|s| s.trim()).unwrap_or("");
                    let generic = matches!(sub, "" | "Response" | "Open-Ended Response");
                    if !q.is_empty() {
                        last = q.clone();
                    }
                    match (q.is_empty(), generic) {
                        (false, true) => q.clone(),
                        (true, true) => format!("{last} (column {})", i + 1),
                        (_, false) => format!("{last} - {sub}"),
                    }
                })
                .collect()
        }
        _ => first,
    }
}

/// Reads `text` as a survey table, recognising the tool from its headers.
/// An unreadable row is a problem on its line.
pub fn read_table(file_name: &str, text: &str) -> Result<SurveyTable, Vec<ResponseError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = Lines::new(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                if r.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                records.push((
                    lines.line(r.position()),
                    r.iter().map(str::to_string).collect::<Vec<_>>(),
                ));
            }
            Err(e) => errors.push(ResponseError::new(
                file_name,
                lines.line(e.position()),
                None,
                format!("unreadable row: {e}"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if records.is_empty() {
        return Err(vec![ResponseError::new(
            file_name,
            1,
            None,
            "the file is empty: it has no header row".into(),
        )]);
    }
    let heads: Vec<Vec<String>> = records.iter().take(3).map(|(_, r)| r.clone()).collect();
    let tool = recognise(&heads);
    let n = tool.map_or(1, SurveyTool::header_rows).min(records.len());
    let headers = column_names(tool, &heads[..n]);
    let rows: Vec<(u64, Vec<String>)> = records.into_iter().skip(n).collect();
    let pick = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().find(|h| h.eq_ignore_ascii_case(n)).cloned())
    };
    let (respondent, date) = match tool {
        Some(t) => {
            let (r, d) = t.respondent_and_date();
            (pick(r), pick(d))
        }
        None => (None, None),
    };
    Ok(SurveyTable {
        tool,
        headers,
        rows,
        respondent,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn headers_alone_name_the_tool() {
        assert_eq!(
            recognise(&rows("#,Q,Submitted At\nx,1,2026-01-01")),
            Some(SurveyTool::Typeform)
        );
        assert_eq!(
            recognise(&rows("Timestamp,How was it?")),
            Some(SurveyTool::GoogleForms)
        );
        assert_eq!(
            recognise(&rows("Survey ID,Response Date,LTR")),
            Some(SurveyTool::Medallia)
        );
        assert_eq!(
            recognise(&rows("touchpoint,respondent,date,metric,scale,value")),
            None
        );
        // SurveyMonkey's names without its second header row are not enough.
        assert_eq!(
            recognise(&rows("Respondent ID,Collector ID,Q\n1,2,3")),
            None
        );
    }

    #[test]
    fn a_matrix_question_in_surveymonkey_names_each_row() {
        let t = read_table(
            "m.csv",
            "Respondent ID,Collector ID,Rate each step,\n,,Calling us,The app\n1,2,4,5\n",
        )
        .unwrap();
        assert_eq!(t.tool, Some(SurveyTool::SurveyMonkey));
        assert_eq!(
            t.headers[2..],
            ["Rate each step - Calling us", "Rate each step - The app"]
        );
        assert_eq!(
            t.rows,
            vec![(3, vec!["1".into(), "2".into(), "4".into(), "5".into()])]
        );
    }
}
