//! The survey CSV behind `waymark responses import`:
//!
//! ```text
//! touchpoint,respondent,date,metric,scale,value,comment
//! Call the bank,r-17,2026-03-02,ces,ces7,5,"Quick, but I was on hold"
//! ```
//!
//! All-or-nothing: every problem in the file is found (file, line, column)
//! and nothing is returned if there is any, because a half-imported survey
//! skews every pooled metric without anyone noticing. The first
//! [`limits::ERRORS_LISTED`] problems are listed, the rest counted; the file
//! size, each cell and the answers are bounded by [`waymark_core::limits`]
//! while reading.

use std::collections::{HashMap, HashSet};
use std::fmt;

use waymark_core::limits::{self, group};

use crate::answer_index::AnswerIndex;
use waymark_core::{Id, Journey, Scale, SurveyResponse};

/// One problem in a survey CSV. `line` is 1-based and counts the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseError {
    pub file: String,
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    pub message: String,
    /// On the last entry of a long list: how many more problems were found
    /// and not listed (0 on every real problem).
    pub more: usize,
}

impl ResponseError {
    /// A problem on `line` (0: the whole file), in `column` if one.
    pub(crate) fn new(file: &str, line: u64, column: Option<&str>, message: String) -> Self {
        ResponseError {
            file: file.to_string(),
            line,
            column: column.map(str::to_string),
            message,
            more: 0,
        }
    }

    fn overflow(file: &str, more: usize) -> Self {
        ResponseError {
            message: format!("… and {} more errors", group(more)),
            more,
            ..ResponseError::new(file, 0, None, String::new())
        }
    }
}

/// How many problems `errors` stands for, the counted ones included.
pub fn total_problems(errors: &[ResponseError]) -> usize {
    errors.iter().map(|e| e.more.max(1)).sum()
}

/// The problems of one file as they are found: the first
/// [`limits::ERRORS_LISTED`] kept, the rest only counted, so a million bad
/// lines cost a counter, not a million messages.
pub(crate) struct Problems {
    file: String,
    listed: Vec<ResponseError>,
    more: usize,
}

impl Problems {
    pub(crate) fn new(file: &str) -> Self {
        Problems {
            file: file.to_string(),
            listed: Vec::new(),
            more: 0,
        }
    }

    pub(crate) fn push(&mut self, e: ResponseError) {
        if e.more > 0 {
            self.more += e.more;
        } else if self.listed.len() < limits::ERRORS_LISTED.max {
            self.listed.push(e);
        } else {
            self.more += 1;
        }
    }

    /// Every problem found so far, listed or counted.
    pub(crate) fn len(&self) -> usize {
        self.listed.len() + self.more
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The listed problems by line, then "… and N more errors" if any.
    pub(crate) fn into_vec(mut self) -> Vec<ResponseError> {
        self.listed.sort_by_key(|e| e.line);
        if self.more > 0 {
            self.listed
                .push(ResponseError::overflow(&self.file, self.more));
        }
        self.listed
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.file, self.message);
        }
        match &self.column {
            Some(c) => write!(
                f,
                "{}:{}: column {}: {}",
                self.file, self.line, c, self.message
            ),
            None => write!(f, "{}:{}: {}", self.file, self.line, self.message),
        }
    }
}

impl std::error::Error for ResponseError {}

pub(crate) const REQUIRED: [&str; 6] = [
    "touchpoint",
    "respondent",
    "date",
    "metric",
    "scale",
    "value",
];
pub(crate) const OPTIONAL: [&str; 1] = ["comment"];

/// Parses a survey CSV against `journey` (touchpoints are named by id or by
/// exact title). Columns may come in any order; `comment` may be absent.
pub fn parse_responses_csv(
    file_name: &str,
    text: &str,
    journey: &Journey,
) -> Result<Vec<SurveyResponse>, Vec<ResponseError>> {
    let mut errors = Problems::new(file_name);
    let err = |line: u64, column: Option<&str>, message: String| {
        ResponseError::new(file_name, line, column, message)
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > limits::SURVEY_FILE_BYTES.max {
        return Err(vec![err(
            0,
            None,
            limits::SURVEY_FILE_BYTES.exceeded(text.len()),
        )]);
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let lines = Lines::new(text);

    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![err(1, None, format!("unreadable header: {e}"))]),
        None => {
            return Err(vec![err(
                1,
                None,
                format!(
                    "missing header; expected {}",
                    REQUIRED.join(",") + ",comment"
                ),
            )])
        }
    };
    let mut col: HashMap<String, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()) {
            errors.push(err(1, Some(&name), "unknown column".into()));
        } else if col.insert(name.clone(), i).is_some() {
            errors.push(err(1, Some(&name), "column appears twice".into()));
        }
    }
    for name in REQUIRED {
        if !col.contains_key(name) {
            errors.push(err(1, Some(name), "required column is missing".into()));
        }
    }
    if !errors.is_empty() {
        return Err(errors.into_vec());
    }

    let ids: HashSet<Id> = journey.touchpoints.iter().map(|t| t.id).collect();
    let mut by_title: HashMap<&str, usize> = HashMap::new();
    let mut title_id: HashMap<&str, Id> = HashMap::new();
    for t in &journey.touchpoints {
        *by_title.entry(t.title.as_str()).or_default() += 1;
        title_id.insert(t.title.as_str(), t.id);
    }

    // Sized once from the line count (at most one answer a line), so a
    // large file's answers are not copied as the list grows.
    let at_most = line_count(text).min(limits::ANSWERS_PER_FILE.max);
    let mut out = Vec::with_capacity(at_most);
    let mut seen: AnswerIndex<u64> = AnswerIndex::with_capacity(at_most);
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = lines.line(e.position());
                errors.push(err(line, None, format!("unreadable row: {e}")));
                continue;
            }
        };
        let line = lines.line(rec.position());
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != header.len() {
            errors.push(err(
                line,
                None,
                format!("{} fields, the header has {}", rec.len(), header.len()),
            ));
            continue;
        }
        let get = |name: &str| col.get(name).and_then(|&i| rec.get(i)).unwrap_or("").trim();
        let before = errors.len();
        if let Some((i, cell)) = rec
            .iter()
            .enumerate()
            .find(|(_, c)| c.len() > limits::TEXT_BYTES.max)
        {
            errors.push(err(
                line,
                header.get(i),
                limits::TEXT_BYTES.exceeded(cell.len()),
            ));
            continue;
        }

        let tp_cell = get("touchpoint");
        let touchpoint = if tp_cell.is_empty() {
            errors.push(err(line, Some("touchpoint"), "empty".into()));
            None
        } else if let Some(id) = Id::parse_str(tp_cell).ok().filter(|id| ids.contains(id)) {
            Some(id)
        } else {
            match by_title.get(tp_cell) {
                Some(1) => title_id.get(tp_cell).copied(),
                Some(n) => {
                    errors.push(err(
                        line,
                        Some("touchpoint"),
                        format!("\"{tp_cell}\" is the title of {n} touchpoints; use the id"),
                    ));
                    None
                }
                None => {
                    errors.push(err(
                        line,
                        Some("touchpoint"),
                        format!("no touchpoint with id or title \"{tp_cell}\" in this map"),
                    ));
                    None
                }
            }
        };

        let respondent = get("respondent");
        if respondent.is_empty() {
            errors.push(err(line, Some("respondent"), "empty".into()));
        }

        let date = get("date");
        if !valid_date(date) {
            errors.push(err(
                line,
                Some("date"),
                format!("\"{date}\" is not a date as YYYY-MM-DD"),
            ));
        }

        let metric = get("metric").to_lowercase();
        let scale_cell = get("scale").to_lowercase();
        let scale = match (metric.as_str(), scale_cell.as_str()) {
            ("nps", "" | "nps") => Some(Scale::Nps),
            ("csat", "" | "csat") => Some(Scale::Csat),
            ("emotion", "" | "emotion") => Some(Scale::Emotion),
            ("ces", "ces5") => Some(Scale::Ces5),
            ("ces", "ces7") => Some(Scale::Ces7),
            ("ces", "") => {
                errors.push(err(
                    line,
                    Some("scale"),
                    "ces needs scale ces5 or ces7".into(),
                ));
                None
            }
            ("nps" | "csat" | "emotion" | "ces", other) => {
                errors.push(err(
                    line,
                    Some("scale"),
                    format!("\"{other}\" is not a scale of metric {metric}"),
                ));
                None
            }
            (other, _) => {
                errors.push(err(
                    line,
                    Some("metric"),
                    format!("unknown metric \"{other}\"; expected nps, csat, ces or emotion"),
                ));
                None
            }
        };

        let value_cell = get("value");
        let value = match value_cell.parse::<f64>() {
            Ok(v) if v.is_finite() && v.fract() == 0.0 => Some(v),
            _ => {
                errors.push(err(
                    line,
                    Some("value"),
                    format!("\"{value_cell}\" is not a whole number"),
                ));
                None
            }
        };
        if let (Some(s), Some(v)) = (scale, value) {
            let (lo, hi) = s.range();
            if v < lo || v > hi {
                errors.push(err(
                    line,
                    Some("value"),
                    format!("{v} is outside the {} scale ({lo} to {hi})", s.as_str()),
                ));
            }
        }

        if errors.len() > before {
            continue;
        }
        let (Some(touchpoint), Some(scale), Some(value)) = (touchpoint, scale, value) else {
            continue;
        };
        let r = SurveyResponse {
            touchpoint,
            respondent: respondent.to_string(),
            date: date.to_string(),
            scale,
            value,
            comment: get("comment").to_string(),
        };
        let key = r.key();
        match seen.get(&out, &key) {
            Some((_, first)) => errors.push(err(
                line,
                None,
                format!(
                    "same respondent, touchpoint, metric and date as line {first}; \
                     a file may hold each answer once"
                ),
            )),
            None if out.len() == limits::ANSWERS_PER_FILE.max => {
                errors.push(err(line, None, limits::ANSWERS_PER_FILE.too_many()));
                break;
            }
            None => {
                seen.insert(&out, key, out.len(), line);
                out.push(r);
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.into_vec())
    }
}

/// Lines in `text` (newlines, plus a last line without one).
fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// 1-based line numbers of CSV records. The csv crate's own count misses a
/// blank line skipped just before a record, so lines are counted here from
/// the record's byte offset.
pub(crate) struct Lines<'a> {
    text: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let text = text.as_bytes();
        let newlines = text
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Lines { text, newlines }
    }

    /// The line a record starts on (0 when the reader gave no position).
    pub(crate) fn line(&self, pos: Option<&csv::Position>) -> u64 {
        let Some(p) = pos else { return 0 };
        let mut b = usize::try_from(p.byte())
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while b < self.text.len() && matches!(self.text[b], b'\n' | b'\r') {
            b += 1;
        }
        self.newlines.partition_point(|&o| o < b) as u64 + 1
    }
}

pub(crate) fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    if !b
        .iter()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        s[0..4].parse::<i32>(),
        s[5..7].parse::<u8>(),
        s[8..10].parse::<u8>(),
    ) else {
        return false;
    };
    let Ok(month) = time::Month::try_from(m) else {
        return false;
    };
    time::Date::from_calendar_date(y, month, d).is_ok()
}

/// What [`merge_responses`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeStats {
    /// Answers not in the journey before.
    pub added: usize,
    /// Answers whose identity was already there; the new one wins, so a
    /// corrected re-export updates values instead of double-counting them.
    pub replaced: usize,
}

/// Merges imported answers by identity ([`SurveyResponse::key`]) and leaves
/// the responses in canonical (key) order.
pub fn merge_responses(journey: &mut Journey, new: Vec<SurveyResponse>) -> MergeStats {
    let (stats, _) = merge_answers(&mut journey.responses, new);
    journey.responses.sort_by_cached_key(|r| r.key());
    stats
}

/// Merges `new` answers into `responses` by identity: an answer with the
/// key of one already there replaces it, the others are appended in file
/// order (a later duplicate in the file wins). Returns the counts and the
/// indexes of the answers replaced in place (those before the appended
/// ones); the appended ones are the tail past the old length. Leaves the
/// order as it was, for callers that write only what changed.
pub fn merge_answers(
    responses: &mut Vec<SurveyResponse>,
    new: Vec<SurveyResponse>,
) -> (MergeStats, Vec<usize>) {
    let old_len = responses.len();
    // The answers move in without a copy of the list (into an empty map
    // the imported list itself becomes the map's), then duplicates leave.
    if old_len == 0 {
        *responses = new;
    } else {
        responses.reserve_exact(new.len());
        responses.extend(new);
    }
    let mut index: AnswerIndex<()> = AnswerIndex::with_capacity(responses.len());
    for i in 0..old_len {
        index.insert(responses, responses[i].key(), i, ());
    }
    let mut stats = MergeStats::default();
    let mut replaced = Vec::new();
    let mut duplicate = vec![false; responses.len()];
    for i in old_len..responses.len() {
        let key = responses[i].key();
        match index.get(responses, &key) {
            Some((first, ())) => {
                // The later answer takes the earlier one's place.
                responses.swap(first, i);
                duplicate[i] = true;
                stats.replaced += 1;
                if first < old_len {
                    replaced.push(first);
                }
            }
            None => {
                index.insert(responses, key, i, ());
                stats.added += 1;
            }
        }
    }
    let mut i = 0;
    responses.retain(|_| {
        i += 1;
        !duplicate[i - 1]
    });
    replaced.sort_unstable();
    replaced.dedup();
    (stats, replaced)
}
