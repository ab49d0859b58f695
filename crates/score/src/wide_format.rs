//! Wide survey files: one row per respondent, one column per question, as
//! every survey tool exports them. Each question column is matched to a
//! touchpoint by its words and given a scale (NPS 0–10, CSAT 1–5, CES 1–5 or
//! 1–7, emotion −2..2) from its text and its answers; a text column about a
//! touchpoint holds comments. The person confirms or changes that mapping
//! ([`WideColumns`]) and the rows become answers in the long format.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use waymark_core::limits;
use waymark_core::{Id, Journey, Scale, SurveyResponse};

use crate::responses_csv::{valid_date, Problems, ResponseError};
use crate::survey_tools::SurveyTable;

/// How a wide file's columns become answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct WideColumns {
    /// The column naming each respondent; none: "line N".
    pub respondent: Option<String>,
    /// The column dating each answer; none: the wave's date.
    pub date: Option<String>,
    pub questions: Vec<Question>,
}

/// One question column and what it says about which touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The column's name in the file.
    pub column: String,
    /// The touchpoint's id (or its exact title).
    pub touchpoint: String,
    /// The answers' scale; none: the column holds comments on the touchpoint.
    pub scale: Option<Scale>,
}

/// Words too common in questions to say which touchpoint one is about.
const STOP: &[&str] = &[
    "a", "about", "after", "an", "and", "any", "anything", "are", "as", "at", "be", "by", "can",
    "could", "did", "do", "else", "for", "friend", "from", "had", "have", "how", "i", "in", "is",
    "it", "me", "my", "of", "on", "or", "our", "overall", "please", "rate", "tell", "that", "the",
    "this", "to", "us", "was", "we", "were", "what", "when", "with", "would", "you", "your",
];

/// The words of `s` that carry meaning, crudely stemmed so "calls",
/// "called" and "call" (or "freeze" and "freezes") meet.
fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .map(|w| {
            let mut w = w.as_str();
            for suffix in ["ing", "ed", "es", "s"] {
                if w.len() > suffix.len() + 2 {
                    if let Some(stem) = w.strip_suffix(suffix) {
                        w = stem;
                        break;
                    }
                }
            }
            w.strip_suffix('e')
                .filter(|s| s.len() > 2)
                .unwrap_or(w)
                .to_string()
        })
        .collect()
}

/// The touchpoint a column is about: the one most of whose title's words it
/// has (at least three quarters), or none when two tie.
pub fn match_touchpoint(header: &str, journey: &Journey) -> Option<Id> {
    let h = words(header);
    let lower = header.to_lowercase();
    let mut best: Option<(f64, usize, Id)> = None;
    let mut tied = false;
    for t in &journey.touchpoints {
        if lower.contains(&t.id.to_string()) {
            return Some(t.id);
        }
        let title = words(&t.title);
        if title.is_empty() {
            continue;
        }
        let shared = title.iter().filter(|w| h.contains(*w)).count();
        let share = shared as f64 / title.len() as f64;
        if share < 0.75 {
            continue;
        }
        match best {
            Some((s, n, _)) if (s, n) == (share, shared) => tied = true,
            Some((s, n, _)) if (s, n) > (share, shared) => {}
            _ => {
                best = Some((share, shared, t.id));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, _, id)| id)
}

/// Answer labels the tools write instead of numbers, by scale.
fn label_value(cell: &str) -> Option<f64> {
    let c = cell.trim().to_lowercase();
    let v = match c.as_str() {
        "very dissatisfied" | "very difficult" | "strongly disagree" => 1.0,
        "dissatisfied" | "difficult" | "disagree" => 2.0,
        "neutral"
        | "neither satisfied nor dissatisfied"
        | "neither easy nor difficult"
        | "neither agree nor disagree" => 3.0,
        "satisfied" | "easy" | "agree" => 4.0,
        "very satisfied" | "very easy" | "strongly agree" => 5.0,
        _ => return None,
    };
    Some(v)
}

/// A cell's number: a whole number, alone or leading a label ("10 -
/// Extremely likely"), or a known label; `Ok(None)` for an empty cell.
fn cell_value(cell: &str) -> Result<Option<f64>, ()> {
    let c = cell.trim();
    if c.is_empty() {
        return Ok(None);
    }
    let digits = c
        .char_indices()
        .take_while(|(i, ch)| ch.is_ascii_digit() || (*i == 0 && (*ch == '-' || *ch == '+')))
        .count();
    let rest = c[digits..].trim_start();
    if digits > 0
        && (rest.is_empty() || !rest.starts_with(|ch: char| ch.is_alphanumeric() || ch == '.'))
    {
        if let Ok(v) = c[..digits].parse::<i64>() {
            return Ok(Some(v as f64));
        }
    }
    label_value(c).map(Some).ok_or(())
}

/// The scale a question column holds, from its words and its answers.
fn guess_scale(header: &str, values: &[f64]) -> Scale {
    let h = header.to_lowercase();
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let said = |s: &[&str]| s.iter().any(|w| h.contains(w));
    // What the question says beats what its answers suggest.
    let five = said(&["1-5", "1 to 5", "1 – 5"]);
    let seven = said(&["1-7", "1 to 7", "1 – 7"]) || (!five && max > 5.0);
    if said(&["recommend", "nps", "0-10", "0 to 10"]) {
        Scale::Nps
    } else if said(&["feel", "emotion", "-2"]) || min < 0.0 {
        Scale::Emotion
    } else if said(&["easy", "ease", "effort", "difficult", "ces"]) {
        if seven {
            Scale::Ces7
        } else {
            Scale::Ces5
        }
    } else if said(&["satisf", "csat"]) {
        Scale::Csat
    } else if max > 7.0 || min == 0.0 {
        Scale::Nps
    } else if seven {
        Scale::Ces7
    } else {
        Scale::Csat
    }
}

/// A date as the tools write it: `YYYY-MM-DD…`, `YYYY/MM/DD…` or
/// `M/D/YYYY…` (month first, as US exports write it, unless the first
/// number is over 12), with or without a time after it.
pub fn answer_date(cell: &str) -> Option<String> {
    let day = cell.trim().split([' ', 'T']).next()?;
    let iso = if day.len() == 10 && day.as_bytes()[4] == b'/' {
        day.replace('/', "-")
    } else if let [a, b, y] = day.split('/').collect::<Vec<_>>()[..] {
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        format!("{y:0>4}-{m:02}-{d:02}")
    } else {
        day.to_string()
    };
    valid_date(&iso).then_some(iso)
}

/// The mapping suggested for `table`: the tool's respondent and date
/// columns (or ones named like them), and every other column matched to a
/// touchpoint, with numbers as answers on a guessed scale and text as
/// comments.
pub fn suggest_wide(table: &SurveyTable, journey: &Journey) -> WideColumns {
    let generic = crate::responses_preview::suggest_mapping(&table.headers);
    let respondent = table
        .respondent
        .clone()
        .or_else(|| generic.get("respondent").cloned());
    let date = table.date.clone().or_else(|| generic.get("date").cloned());
    let mut questions = Vec::new();
    for (i, h) in table.headers.iter().enumerate() {
        if Some(h) == respondent.as_ref()
            || Some(h) == date.as_ref()
            || table.tool.is_some_and(|t| t.is_metadata(h))
        {
            continue;
        }
        let Some(tp) = match_touchpoint(h, journey) else {
            continue;
        };
        let cells: Vec<&str> = table
            .rows
            .iter()
            .filter_map(|(_, r)| r.get(i).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        let values: Vec<f64> = cells
            .iter()
            .filter_map(|c| cell_value(c).ok().flatten())
            .collect();
        let numeric = !cells.is_empty() && values.len() * 2 >= cells.len();
        questions.push(Question {
            column: h.clone(),
            touchpoint: tp.to_string(),
            scale: numeric.then(|| guess_scale(h, &values)),
        });
    }
    WideColumns {
        respondent,
        date,
        questions,
    }
}

/// Reads the rows of a wide `table` as answers through `cols`: all or
/// nothing, every problem with its line and column. Rows without a date
/// column take `fallback_date`.
pub fn parse_wide(
    file_name: &str,
    table: &SurveyTable,
    cols: &WideColumns,
    journey: &Journey,
    fallback_date: &str,
) -> Result<Vec<SurveyResponse>, Vec<ResponseError>> {
    let mut errors = Problems::new(file_name);
    let err = |line: u64, column: Option<&str>, message: String| {
        ResponseError::new(file_name, line, column, message)
    };
    let index = |name: &str| table.headers.iter().position(|h| h == name.trim());
    let column = |name: &Option<String>, what: &str, errors: &mut Problems| match name {
        None => None,
        Some(n) => {
            let i = index(n);
            if i.is_none() {
                errors.push(err(
                    1,
                    Some(n),
                    format!("the file has no column \"{n}\" (the {what})"),
                ));
            }
            i
        }
    };
    let respondent = column(&cols.respondent, "respondent", &mut errors);
    let date = column(&cols.date, "date", &mut errors);
    let mut by_title: HashMap<&str, Vec<Id>> = HashMap::new();
    for t in &journey.touchpoints {
        by_title.entry(t.title.as_str()).or_default().push(t.id);
    }
    // (column index, touchpoint, scale or comment)
    let mut picks: Vec<(usize, Id, Option<Scale>)> = Vec::new();
    let mut given: HashMap<(Id, &str), &str> = HashMap::new();
    for q in &cols.questions {
        let Some(i) = column(&Some(q.column.clone()), "question", &mut errors) else {
            continue;
        };
        let tp = q.touchpoint.trim();
        let id = match Id::parse_str(tp)
            .ok()
            .filter(|id| journey.touchpoints.iter().any(|t| t.id == *id))
        {
            Some(id) => id,
            None => match by_title.get(tp).map(Vec::as_slice) {
                Some([id]) => *id,
                Some(more) => {
                    errors.push(err(
                        1,
                        Some(&q.column),
                        format!(
                            "\"{tp}\" is the title of {} touchpoints; use the id",
                            more.len()
                        ),
                    ));
                    continue;
                }
                None => {
                    errors.push(err(
                        1,
                        Some(&q.column),
                        format!("no touchpoint with id or title \"{tp}\" in this map"),
                    ));
                    continue;
                }
            },
        };
        let metric = q.scale.map_or("comment", Scale::metric);
        if let Some(other) = given.insert((id, metric), &q.column) {
            errors.push(err(
                1,
                Some(&q.column),
                format!(
                    "column \"{other}\" already gives this touchpoint's {metric}; \
                     a touchpoint takes one column per metric"
                ),
            ));
            continue;
        }
        picks.push((i, id, q.scale));
    }
    if !picks.iter().any(|p| p.2.is_some()) && errors.is_empty() {
        errors.push(err(
            1,
            None,
            "no column is mapped to a touchpoint's scores; \
             name each question's touchpoint and scale"
                .into(),
        ));
    }
    if !errors.is_empty() {
        return Err(errors.into_vec());
    }

    let mut out = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, row) in &table.rows {
        let line = *line;
        if row.len() != table.headers.len() {
            errors.push(err(
                line,
                None,
                format!(
                    "{} fields, the header has {}",
                    row.len(),
                    table.headers.len()
                ),
            ));
            continue;
        }
        let cell = |i: usize| row[i].trim();
        let who = match respondent.map(cell) {
            Some(r) if !r.is_empty() => r.to_string(),
            _ => format!("line {line}"),
        };
        let when = match date {
            None => fallback_date.to_string(),
            Some(i) => match answer_date(cell(i)) {
                Some(d) => d,
                None if cell(i).is_empty() => fallback_date.to_string(),
                None => {
                    errors.push(err(
                        line,
                        Some(&table.headers[i]),
                        format!(
                            "\"{}\" is not a date (YYYY-MM-DD, YYYY/MM/DD or M/D/YYYY)",
                            cell(i)
                        ),
                    ));
                    continue;
                }
            },
        };
        let first = out.len();
        for &(i, tp, scale) in &picks {
            let Some(scale) = scale else { continue };
            let (lo, hi) = scale.range();
            let value = match cell_value(cell(i)) {
                Ok(None) => continue,
                Ok(Some(v)) if (lo..=hi).contains(&v) => v,
                Ok(Some(v)) => {
                    errors.push(err(
                        line,
                        Some(&table.headers[i]),
                        format!("{v} is outside the {} scale ({lo} to {hi})", scale.as_str()),
                    ));
                    continue;
                }
                Err(()) => {
                    errors.push(err(
                        line,
                        Some(&table.headers[i]),
                        format!(
                            "\"{}\" is not a number on the {} scale ({lo} to {hi})",
                            cell(i),
                            scale.as_str()
                        ),
                    ));
                    continue;
                }
            };
            let r = SurveyResponse {
                touchpoint: tp,
                respondent: who.clone(),
                date: when.clone(),
                scale,
                value,
                comment: String::new(),
            };
            if let Some(earlier) = seen.insert(r.key(), line) {
                errors.push(err(
                    line,
                    Some(&table.headers[i]),
                    format!(
                        "respondent \"{who}\" answered this on {when} on line {earlier} too; \
                         a file may hold each answer once"
                    ),
                ));
                continue;
            }
            if out.len() == limits::ANSWERS_PER_FILE.max {
                errors.push(err(line, None, limits::ANSWERS_PER_FILE.too_many()));
                return Err(errors.into_vec());
            }
            out.push(r);
        }
        // A comment goes with the row's first answer about its touchpoint;
        // without one there is nothing to attach it to.
        for &(i, tp, scale) in &picks {
            if scale.is_some() || cell(i).is_empty() {
                continue;
            }
            if cell(i).len() > limits::TEXT_BYTES.max {
                errors.push(err(
                    line,
                    Some(&table.headers[i]),
                    limits::TEXT_BYTES.exceeded(cell(i).len()),
                ));
                continue;
            }
            if let Some(a) = out[first..].iter_mut().find(|a| a.touchpoint == tp) {
                a.comment = cell(i).to_string();
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.into_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_numbers_labels_or_nothing() {
        assert_eq!(cell_value(" 9 "), Ok(Some(9.0)));
        assert_eq!(cell_value("10 - Extremely likely"), Ok(Some(10.0)));
        assert_eq!(cell_value("-2"), Ok(Some(-2.0)));
        assert_eq!(cell_value("Very satisfied"), Ok(Some(5.0)));
        assert_eq!(cell_value(""), Ok(None));
        assert_eq!(cell_value("4.5"), Err(()));
        assert_eq!(cell_value("often"), Err(()));
    }

    #[test]
    fn dates_in_the_tools_formats() {
        assert_eq!(
            answer_date("2026-03-02 09:14:03").as_deref(),
            Some("2026-03-02")
        );
        assert_eq!(
            answer_date("2026-03-02T09:14:03Z").as_deref(),
            Some("2026-03-02")
        );
        assert_eq!(
            answer_date("2026/03/02 9:14:03 AM GMT").as_deref(),
            Some("2026-03-02")
        );
        assert_eq!(
            answer_date("3/2/2026 9:14:03").as_deref(),
            Some("2026-03-02")
        );
        assert_eq!(
            answer_date("03/02/2026 09:14:03 AM").as_deref(),
            Some("2026-03-02")
        );
        assert_eq!(answer_date("25/3/2026").as_deref(), Some("2026-03-25"));
        assert_eq!(answer_date("2/30/2026"), None);
        assert_eq!(answer_date("yesterday"), None);
    }

    #[test]
    fn scales_from_words_then_answers() {
        assert_eq!(
            guess_scale("How likely to recommend us?", &[3.0]),
            Scale::Nps
        );
        assert_eq!(guess_scale("How easy was it? (1-7)", &[3.0]), Scale::Ces7);
        assert_eq!(guess_scale("How easy was it?", &[3.0, 5.0]), Scale::Ces5);
        assert_eq!(guess_scale("How easy was it? (1-5)", &[9.0]), Scale::Ces5);
        assert_eq!(guess_scale("How satisfied were you?", &[4.0]), Scale::Csat);
        assert_eq!(guess_scale("How did you feel?", &[1.0]), Scale::Emotion);
        assert_eq!(guess_scale("Step 3", &[0.0, 6.0]), Scale::Nps);
        assert_eq!(guess_scale("Step 3", &[-1.0, 2.0]), Scale::Emotion);
        assert_eq!(guess_scale("Step 3", &[1.0, 6.0]), Scale::Ces7);
        assert_eq!(guess_scale("Step 3", &[1.0, 4.0]), Scale::Csat);
    }

    #[test]
    fn words_meet_across_forms() {
        let a = words("After you called the lost and stolen card line");
        let b = words("Calls the lost and stolen card line");
        assert!(b.is_subset(&a), "{a:?} {b:?}");
        assert!(words("Freezes the card").is_subset(&words("freeze your card")));
    }
}
