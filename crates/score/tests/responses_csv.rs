//! The survey CSV import: parsing, every error with its line and column, and
//! re-imports that replace rather than double-count.

use uuid::Uuid;
use waymark_core::{Journey, Scale, Stage, Touchpoint};
use waymark_score::{merge_responses, parse_responses_csv, score, MergeStats, ResponseError};

fn journey() -> Journey {
    let mut j = Journey::new("CSV");
    let stage = Uuid::from_u128(1);
    j.stages.push(Stage {
        id: stage,
        order: "a".into(),
        name: "Stage".into(),
        ..Stage::default()
    });
    for (n, title) in [
        (10, "Call the bank"),
        (11, "Twin"),
        (12, "Twin"),
        (13, "Open the app"),
    ] {
        j.touchpoints.push(Touchpoint {
            id: Uuid::from_u128(n),
            stage,
            lane: Uuid::from_u128(2),
            order: format!("{n}"),
            title: title.into(),
            ..Touchpoint::default()
        });
    }
    j
}

fn errors_of(text: &str) -> Vec<ResponseError> {
    parse_responses_csv("survey.csv", text, &journey()).expect_err("should fail")
}

fn has(errors: &[ResponseError], line: u64, column: Option<&str>, needle: &str) -> bool {
    errors
        .iter()
        .any(|e| e.line == line && e.column.as_deref() == column && e.message.contains(needle))
}

#[test]
fn parses_titles_ids_scales_and_optional_comment() {
    let id = Uuid::from_u128(13);
    let text = format!(
        "touchpoint,respondent,date,metric,scale,value,comment\n\
         Call the bank,r1,2026-03-02,nps,,9,\"Quick, but I was on hold\"\n\
         {id},r1,2026-03-02,ces,ces7,6,\n\
         Call the bank,r2,2026-03-02,CES,ces5,2,\n\
         Call the bank,r2,2026-03-02,csat,csat,4,fine\n\
         Call the bank,r2,2026-03-02,emotion,,-2,\n"
    );
    let rs = parse_responses_csv("survey.csv", &text, &journey()).unwrap();
    assert_eq!(rs.len(), 5);
    assert_eq!(rs[0].touchpoint, Uuid::from_u128(10));
    assert_eq!(rs[0].comment, "Quick, but I was on hold");
    assert_eq!((rs[0].scale, rs[0].value), (Scale::Nps, 9.0));
    assert_eq!((rs[1].touchpoint, rs[1].scale), (id, Scale::Ces7));
    assert_eq!(rs[2].scale, Scale::Ces5);
    assert_eq!((rs[4].scale, rs[4].value), (Scale::Emotion, -2.0));

    // Columns in another order, no comment column.
    let text = "value,metric,touchpoint,date,respondent,scale\n10,nps,Open the app,2026-01-31,x,\n";
    let rs = parse_responses_csv("s.csv", text, &journey()).unwrap();
    assert_eq!((rs[0].value, rs[0].comment.as_str()), (10.0, ""));
}

#[test]
fn reports_every_error_with_file_line_and_column() {
    let text = "touchpoint,respondent,date,metric,scale,value,comment\n\
                Call the bank,r1,2026-02-30,nps,,9,\n\
                Twin,r1,2026-03-01,nps,,9,\n\
                Nowhere,r1,2026-03-01,nps,,9,\n\
                Call the bank,r1,2026-03-01,nps,,11,\n\
                Call the bank,r1,2026-03-01,csat,,4.5,\n\
                Call the bank,r1,2026-03-01,ces,,3,\n\
                Call the bank,r1,2026-03-01,ces,ces9,3,\n\
                Call the bank,r1,2026-03-01,mood,,3,\n\
                Call the bank,,03/01/2026,nps,csat,x,\n\
                Call the bank,r1,2026-03-01,ces,ces7,8,\n\
                Call the bank,r1,2026-03-01,emotion,,3,\n\
                Call the bank,r9,2026-03-01,nps,,3\n";
    let e = errors_of(text);
    assert!(has(&e, 2, Some("date"), "YYYY-MM-DD"), "{e:#?}");
    assert!(has(&e, 3, Some("touchpoint"), "title of 2 touchpoints"));
    assert!(has(&e, 4, Some("touchpoint"), "no touchpoint"));
    assert!(has(&e, 5, Some("value"), "outside the nps scale"));
    assert!(has(&e, 6, Some("value"), "not a whole number"));
    assert!(has(&e, 7, Some("scale"), "ces5 or ces7"));
    assert!(has(&e, 8, Some("scale"), "not a scale"));
    assert!(has(&e, 9, Some("metric"), "unknown metric"));
    // Line 10 has four problems; all are reported.
    assert!(has(&e, 10, Some("respondent"), "empty"));
    assert!(has(&e, 10, Some("date"), ""));
    assert!(has(&e, 10, Some("scale"), ""));
    assert!(has(&e, 10, Some("value"), ""));
    assert!(has(&e, 11, Some("value"), "outside the ces7 scale"));
    assert!(has(&e, 12, Some("value"), "outside the emotion scale"));
    assert!(has(&e, 13, None, "6 fields"));
    assert_eq!(e.len(), 15); // 8 lines with one problem, line 10 with four, 11–13 one each
    assert_eq!(
        e[0].to_string(),
        "survey.csv:2: column date: \"2026-02-30\" is not a date as YYYY-MM-DD"
    );
}

#[test]
fn header_problems() {
    let e = errors_of("");
    assert!(has(&e, 1, None, "missing header"));
    let e = errors_of("touchpoint,respondent,date,metric,value,coment\n");
    assert!(has(&e, 1, Some("coment"), "unknown column"));
    assert!(has(&e, 1, Some("scale"), "missing"));
}

#[test]
fn duplicate_identity_in_one_file() {
    let text = "touchpoint,respondent,date,metric,scale,value,comment\n\
                Call the bank,r1,2026-03-01,ces,ces7,3,\n\
                Call the bank,r1,2026-03-01,nps,,3,\n\
                Call the bank,r1,2026-03-01,ces,ces5,2,\n";
    let e = errors_of(text);
    // ces7 and ces5 are the same metric (ces) for the same respondent and day.
    assert_eq!(e.len(), 1);
    assert!(has(&e, 4, None, "as line 2"));
}

#[test]
fn multiline_comment_keeps_line_numbers() {
    let text = "touchpoint,respondent,date,metric,scale,value,comment\n\
                Call the bank,r1,2026-03-01,nps,,3,\"first line\nsecond line\"\n\
                Call the bank,r2,2026-03-01,nps,,12,\n";
    let e = errors_of(text);
    assert!(has(&e, 4, Some("value"), "outside"), "{e:#?}");
}

#[test]
fn reimport_does_not_double_count() {
    let mut j = journey();
    let text = "touchpoint,respondent,date,metric,scale,value,comment\n\
                Call the bank,r1,2026-03-01,nps,,10,\n\
                Call the bank,r2,2026-03-01,nps,,0,\n";
    let rs = parse_responses_csv("a.csv", text, &j).unwrap();
    assert_eq!(
        merge_responses(&mut j, rs.clone()),
        MergeStats {
            added: 2,
            replaced: 0
        }
    );
    let before = score(&j);
    // Same file again: nothing added.
    assert_eq!(
        merge_responses(&mut j, rs),
        MergeStats {
            added: 0,
            replaced: 2
        }
    );
    assert_eq!(j.responses.len(), 2);
    assert_eq!(score(&j), before);
    assert_eq!(before.journey.nps, Some(0.0)); // (1 − 1)/2
                                               // A corrected export: r2 changed its answer, r3 is new.
    let text = "touchpoint,respondent,date,metric,scale,value,comment\n\
                Call the bank,r2,2026-03-01,nps,,10,\n\
                Call the bank,r3,2026-03-01,nps,,10,\n";
    let rs = parse_responses_csv("b.csv", text, &j).unwrap();
    assert_eq!(
        merge_responses(&mut j, rs),
        MergeStats {
            added: 1,
            replaced: 1
        }
    );
    assert_eq!(j.responses.len(), 3);
    assert_eq!(score(&j).journey.nps, Some(100.0));
    // Canonical order, as Journey::normalize leaves it.
    let keys: Vec<String> = j.responses.iter().map(|r| r.key()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}
