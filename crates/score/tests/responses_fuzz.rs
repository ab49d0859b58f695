//! Fuzzing the survey CSV import (plain and through a column mapping):
//! arbitrary or mangled files never panic, list at most the first hundred
//! problems (each with its line) plus a count, and accept at most the
//! per-file answer limit. The budget is small by default (64 cases a
//! property); PROPTEST_CASES raises it.

use proptest::prelude::*;
use uuid::Uuid;
use waymark_core::{limits, Journey, Stage, Touchpoint};
use waymark_score::{
    parse_mapped_responses, parse_responses_csv, preview_responses, suggest_mapping,
    total_problems, ResponseError,
};

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 64;
    }
    c
}

fn journey() -> Journey {
    let mut j = Journey::new("Fuzz");
    let stage = Uuid::from_u128(1);
    j.stages.push(Stage {
        id: stage,
        order: "V".into(),
        name: "S".into(),
        ..Stage::default()
    });
    for (n, title) in [(10, "Call"), (11, "Twin"), (12, "Twin")] {
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

const VALID: &str = "touchpoint,respondent,date,metric,scale,value,comment\n\
    Call,r1,2026-03-02,nps,,9,\"Quick, \"\"fine\"\"\"\n\
    00000000-0000-0000-0000-00000000000b,r1,2026-03-02,ces,ces7,6,\n\
    Call,r2,2026-02-28,csat,csat,4,ok\n";

fn well_formed(errors: &[ResponseError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty());
    prop_assert!(errors.len() <= limits::ERRORS_LISTED.max + 1);
    for (i, e) in errors.iter().enumerate() {
        prop_assert!(e.to_string().starts_with("s.csv"), "{}", e);
        if e.more > 0 {
            prop_assert_eq!(i, errors.len() - 1, "the count comes last");
        } else {
            prop_assert!(e.line >= 1, "no line: {}", e);
        }
    }
    prop_assert!(total_problems(errors) >= errors.len());
    Ok(())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let j = journey();
    match parse_responses_csv("s.csv", text, &j) {
        Ok(answers) => prop_assert!(answers.len() <= limits::ANSWERS_PER_FILE.max),
        Err(errors) => well_formed(&errors)?,
    }
    // The preview decides the layout too: long, or wide when the headers say so.
    let p = preview_responses("s.csv", text, &Default::default(), &j, "2026-03-31");
    prop_assert!(p.errors.len() <= limits::ERRORS_LISTED.max + 1);
    let mapping = suggest_mapping(&p.sample.headers);
    if let Err(errors) = parse_mapped_responses("s.csv", text, &mapping, &j) {
        well_formed(&errors)?;
    }
    Ok(())
}

fn mangled() -> impl Strategy<Value = String> {
    let len = VALID.chars().count();
    prop::collection::vec((0..len, 0..3u8, any::<char>()), 1..8).prop_map(|edits| {
        let mut chars: Vec<char> = VALID.chars().collect();
        for (at, op, c) in edits {
            let at = at.min(chars.len().saturating_sub(1));
            match op {
                0 if !chars.is_empty() => {
                    chars.remove(at);
                }
                1 => chars.insert(at, c),
                _ if at < chars.len() => chars[at] = c,
                _ => chars.push(c),
            }
        }
        chars.into_iter().collect()
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text(text in "\u{feff}?.{0,120}(\n.{0,60}){0,6}") {
        check(&text)?;
    }

    #[test]
    fn mangled_surveys(text in mangled()) {
        check(&text)?;
    }

    #[test]
    fn many_bad_rows(rows in prop::collection::vec("[^\n]{0,12}", 0..400)) {
        let text = format!("touchpoint,respondent,date,metric,scale,value\n{}", rows.join("\n"));
        check(&text)?;
    }
}

#[test]
fn a_million_bad_lines_give_a_hundred_errors_and_a_count() {
    let mut text = String::from("touchpoint,respondent,date,metric,scale,value\n");
    text.push_str(&"x\n".repeat(1_000_000));
    let errors = parse_responses_csv("s.csv", &text, &journey()).unwrap_err();
    assert_eq!(errors.len(), 101);
    assert_eq!(errors[0].line, 2);
    assert_eq!(errors[99].line, 101);
    let last = &errors[100];
    assert_eq!(last.more, 999_900);
    assert_eq!(last.to_string(), "s.csv: … and 999,900 more errors");
    assert_eq!(total_problems(&errors), 1_000_000);
}

#[test]
fn answers_and_cells_over_their_limits_are_refused_on_their_line() {
    let mut text = String::from("touchpoint,respondent,date,metric,scale,value\n");
    for i in 0..=limits::ANSWERS_PER_FILE.max {
        text.push_str(&format!("Call,r{i},2026-03-02,nps,,9\n"));
    }
    let errors = parse_responses_csv("s.csv", &text, &journey()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, limits::ANSWERS_PER_FILE.max as u64 + 2);
    assert!(
        errors[0]
            .message
            .contains("more than the limit of 200,000 answers"),
        "{}",
        errors[0]
    );

    let long = "c".repeat(limits::TEXT_BYTES.max + 1);
    let text = format!(
        "touchpoint,respondent,date,metric,scale,value,comment\nCall,r1,2026-03-02,nps,,9,{long}\n"
    );
    let errors = parse_responses_csv("s.csv", &text, &journey()).unwrap_err();
    assert_eq!(
        (errors[0].line, errors[0].column.as_deref()),
        (2, Some("comment"))
    );
    assert!(
        errors[0].message.contains("more than the limit of 65,536"),
        "{}",
        errors[0]
    );
}
