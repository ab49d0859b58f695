//! Survey-tool exports (issue 17, "Data in, without retyping"): realistic
//! sample exports of Qualtrics, SurveyMonkey, Typeform, Google Forms and a
//! Medallia-style file (`tests/data/surveys/`) are recognised from their
//! headers and read as wide files against the bank template's touchpoints.

use waymark_core::{templates, Journey, Scale, SurveyResponse};
use waymark_score::survey_read::{layout, read_answers, Layout};
use waymark_score::{preview_responses, SurveyColumns, SurveyTool, WideColumns};

const DAY: &str = "2026-03-31";

fn journey() -> Journey {
    templates::load("bank-lost-card").unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/data/surveys/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn title(j: &Journey, id: &str) -> String {
    j.touchpoints
        .iter()
        .find(|t| t.id.to_string() == id)
        .map(|t| t.title.clone())
        .unwrap_or_else(|| id.to_string())
}

/// (touchpoint title, scale) of each score column, and the comment columns' titles.
fn questions(j: &Journey, w: &WideColumns) -> (Vec<(String, Option<Scale>)>, usize) {
    let all: Vec<(String, Option<Scale>)> = w
        .questions
        .iter()
        .map(|q| (title(j, &q.touchpoint), q.scale))
        .collect();
    let comments = all.iter().filter(|q| q.1.is_none()).count();
    (all, comments)
}

fn read(j: &Journey, name: &str) -> (Layout, Vec<SurveyResponse>) {
    let text = fixture(name);
    let l = layout(name, &text, &SurveyColumns::default(), j, false);
    let answers = read_answers(name, &text, &l, j, DAY).unwrap_or_else(|e| panic!("{e:?}"));
    (l, answers)
}

fn wide(l: &Layout) -> (Option<SurveyTool>, &WideColumns) {
    match l {
        Layout::Wide { tool, columns } => (*tool, columns),
        other => panic!("read as {other:?}"),
    }
}

const CALL: &str = "Calls the lost and stolen card line";
const FREEZE: &str = "Freezes the card in the app";
const WALLET: &str = "Adds a virtual card to the phone wallet";

#[test]
fn qualtrics_three_header_rows_with_import_ids() {
    let j = journey();
    let (l, answers) = read(&j, "qualtrics.csv");
    let (tool, w) = wide(&l);
    assert_eq!(tool, Some(SurveyTool::Qualtrics));
    assert_eq!(w.respondent.as_deref(), Some("Response ID"));
    assert_eq!(w.date.as_deref(), Some("Recorded Date"));
    let (q, comments) = questions(&j, w);
    assert_eq!(
        q,
        vec![
            (CALL.into(), Some(Scale::Nps)),
            (FREEZE.into(), Some(Scale::Ces7)),
            (WALLET.into(), Some(Scale::Csat)),
            (CALL.into(), None),
        ]
    );
    assert_eq!(comments, 1);
    // 4 rows × 3 questions, one left blank.
    assert_eq!(answers.len(), 11);
    let first = &answers[0];
    assert_eq!(
        (first.respondent.as_str(), first.date.as_str(), first.value),
        ("R_1dA4kZ8xY2mNq3b", "2026-03-02", 9.0)
    );
    assert_eq!(first.comment, "Quick, but I was on hold for a while");
}

#[test]
fn surveymonkey_two_header_rows_and_answer_labels() {
    let j = journey();
    let (l, answers) = read(&j, "surveymonkey.csv");
    let (tool, w) = wide(&l);
    assert_eq!(tool, Some(SurveyTool::SurveyMonkey));
    assert_eq!(w.respondent.as_deref(), Some("Respondent ID"));
    let (q, _) = questions(&j, w);
    assert_eq!(q[0], (CALL.into(), Some(Scale::Nps)));
    assert_eq!(q[1], (FREEZE.into(), Some(Scale::Ces7)));
    assert_eq!(q[2], (WALLET.into(), Some(Scale::Csat)));
    assert_eq!(answers.len(), 9);
    let csat: Vec<f64> = answers
        .iter()
        .filter(|a| a.scale == Scale::Csat)
        .map(|a| a.value)
        .collect();
    assert_eq!(csat, [5.0, 1.0, 4.0], "labels read as numbers");
    assert_eq!(answers[0].date, "2026-03-02", "US month/day/year");
    assert_eq!(answers[6].date, "2026-03-05");
}

#[test]
fn typeform_hash_and_submitted_at() {
    let j = journey();
    let (l, answers) = read(&j, "typeform.csv");
    let (tool, w) = wide(&l);
    assert_eq!(tool, Some(SurveyTool::Typeform));
    assert_eq!(
        (w.respondent.as_deref(), w.date.as_deref()),
        (Some("#"), Some("Submitted At"))
    );
    let (q, _) = questions(&j, w);
    assert_eq!(
        q,
        vec![
            (CALL.into(), Some(Scale::Nps)),
            (FREEZE.into(), Some(Scale::Ces5)),
            (
                "Activates the new card in the app".into(),
                Some(Scale::Emotion)
            ),
        ],
        "\"What could we do better?\" names no touchpoint and is left out"
    );
    assert_eq!(answers.len(), 9);
    assert!(answers
        .iter()
        .any(|a| a.scale == Scale::Emotion && a.value == -2.0));
}

#[test]
fn google_forms_timestamp() {
    let j = journey();
    let (l, answers) = read(&j, "google-forms.csv");
    let (tool, w) = wide(&l);
    assert_eq!(tool, Some(SurveyTool::GoogleForms));
    assert_eq!(w.respondent.as_deref(), Some("Email Address"));
    assert_eq!(w.date.as_deref(), Some("Timestamp"));
    let (q, comments) = questions(&j, w);
    assert_eq!(q[0], (CALL.into(), Some(Scale::Nps)));
    assert_eq!(q[1], (WALLET.into(), Some(Scale::Csat)));
    assert_eq!(comments, 1);
    assert_eq!(answers.len(), 6);
    let last = answers
        .iter()
        .find(|a| a.respondent == "chloe@example.org")
        .unwrap();
    assert_eq!((last.date.as_str(), last.value), ("2026-03-09", 0.0));
    assert_eq!(last.comment, "I waited 40 minutes on hold");
}

#[test]
fn medallia_style_export() {
    let j = journey();
    let (l, answers) = read(&j, "medallia.csv");
    let (tool, w) = wide(&l);
    assert_eq!(tool, Some(SurveyTool::Medallia));
    assert_eq!(w.respondent.as_deref(), Some("Survey ID"));
    let (q, _) = questions(&j, w);
    assert_eq!(
        q,
        vec![
            (CALL.into(), Some(Scale::Nps)),
            (WALLET.into(), Some(Scale::Csat)),
            (FREEZE.into(), Some(Scale::Ces7)),
            (CALL.into(), None),
        ]
    );
    assert_eq!(answers.len(), 8);
}

#[test]
fn our_own_format_stays_long_and_the_preview_names_the_tool() {
    let j = journey();
    let text = format!(
        "touchpoint,respondent,date,metric,scale,value\n\"{CALL}\",r1,2026-03-01,nps,nps,9\n"
    );
    let l = layout("s.csv", &text, &SurveyColumns::default(), &j, false);
    assert_eq!(l, Layout::Long(None));
    let p = preview_responses(
        "q.csv",
        &fixture("qualtrics.csv"),
        &SurveyColumns::default(),
        &j,
        DAY,
    );
    assert_eq!(p.tool_name.as_deref(), Some("Qualtrics"));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!((p.answers, p.sample.total_rows), (11, 4));
    assert_eq!(p.sample.headers[8], "Response ID");
}

#[test]
fn a_generic_wide_file_with_touchpoint_titles_as_columns() {
    let j = journey();
    let text = format!("respondent,date,{CALL},{FREEZE}\nr1,2026-03-01,9,6\nr2,,3,\n");
    let l = layout("w.csv", &text, &SurveyColumns::default(), &j, false);
    let (tool, w) = wide(&l);
    assert_eq!(tool, None);
    let (q, _) = questions(&j, w);
    assert_eq!(
        q,
        vec![
            (CALL.into(), Some(Scale::Nps)),
            (FREEZE.into(), Some(Scale::Ces7))
        ]
    );
    let answers = read_answers("w.csv", &text, &l, &j, DAY).unwrap();
    assert_eq!(answers.len(), 3);
    assert_eq!(
        answers[2].date, DAY,
        "a row without a date takes the wave's"
    );
}

#[test]
fn errors_name_file_row_column_and_problem() {
    let j = journey();
    let text = format!(
        "respondent,date,{CALL}\nr1,2026-03-01,9\nr2,someday,3\nr3,2026-03-02,11\nr4,2026-03-02,lots\nr1,2026-03-01,8\n"
    );
    let l = layout("w.csv", &text, &SurveyColumns::default(), &j, false);
    let e = read_answers("w.csv", &text, &l, &j, DAY).unwrap_err();
    let lines: Vec<String> = e.iter().map(|e| e.to_string()).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[0].starts_with("w.csv:3: column date: \"someday\" is not a date"),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        format!("w.csv:4: column {CALL}: 11 is outside the nps scale (0 to 10)")
    );
    assert_eq!(
        lines[2],
        format!("w.csv:5: column {CALL}: \"lots\" is not a number on the nps scale (0 to 10)")
    );
    assert!(lines[3].contains("line 2 too"), "{lines:?}");

    // A mapping naming a column the file lacks, or a touchpoint the map lacks.
    let mut given = match l {
        Layout::Wide { columns, .. } => columns,
        _ => unreachable!(),
    };
    given.questions[0].touchpoint = "Nowhere".into();
    given.date = Some("When".into());
    let cols = SurveyColumns {
        mapping: None,
        wide: Some(given),
    };
    let l = layout("w.csv", &text, &cols, &j, false);
    let e = read_answers("w.csv", &text, &l, &j, DAY).unwrap_err();
    let lines: Vec<String> = e.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        lines,
        [
            "w.csv:1: column When: the file has no column \"When\" (the date)".to_string(),
            format!(
                "w.csv:1: column {CALL}: no touchpoint with id or title \"Nowhere\" in this map"
            ),
        ]
    );
}

#[test]
fn a_confirmed_mapping_overrides_the_guess() {
    let j = journey();
    let text = fixture("typeform.csv");
    let p = preview_responses("t.csv", &text, &SurveyColumns::default(), &j, DAY);
    let mut w = p.wide.unwrap();
    // The person says the effort question is on a 1–7 scale and the
    // free-text question is about the call.
    w.questions[1].scale = Some(Scale::Ces7);
    w.questions.push(waymark_score::Question {
        column: "What could we do better?".into(),
        touchpoint: CALL.into(),
        scale: None,
    });
    let cols = SurveyColumns {
        mapping: None,
        wide: Some(w),
    };
    let p = preview_responses("t.csv", &text, &cols, &j, DAY);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let l = layout("t.csv", &text, &cols, &j, false);
    let answers = read_answers("t.csv", &text, &l, &j, DAY).unwrap();
    assert!(answers.iter().any(|a| a.scale == Scale::Ces7));
    assert!(answers
        .iter()
        .any(|a| a.comment == "The app kept logging me out"));
    // The mapping travels as JSON (the wizard shows it, the CLI reads it).
    let json = serde_json::to_string(&cols).unwrap();
    assert_eq!(serde_json::from_str::<SurveyColumns>(&json).unwrap(), cols);
}
