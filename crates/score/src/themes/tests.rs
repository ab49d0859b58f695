//! Themes: determinism, labels from the comments' own words, quotes that are
//! real comments, shares that add up.

use super::*;

const COMMENTS: &[&str] = &[
    "Still waiting for my refund three weeks later.",
    "Refund promised in 5 days, it has been a month.",
    "The refund never reached my account.",
    "I can't log in to the app since the update.",
    "The app keeps logging me out.",
    "App login code never arrives.",
    "I was on hold for 45 minutes, then transferred.",
    "On hold for an hour and the hold music was awful.",
    "Lovely weather.",
];

fn found() -> Themes {
    themes(COMMENTS, &TUNING)
}

#[test]
fn same_comments_same_themes() {
    assert_eq!(found(), found());
    let json = |t: &Themes| serde_json::to_string(t).unwrap();
    assert_eq!(json(&found()), json(&found()));
}

#[test]
fn themes_are_found_and_labelled_with_their_words() {
    let t = found();
    let labels: Vec<&str> = t.themes.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, vec!["app", "refund", "hold"], "{t:#?}");
    assert_eq!(t.themes[0].count, 3);
    assert_eq!(t.unthemed, 1, "'lovely weather' shares no words");
    for theme in &t.themes {
        for word in theme.label.split(' ') {
            assert!(
                COMMENTS.iter().any(|c| c.to_lowercase().contains(word)),
                "label word {word:?} is not in the comments"
            );
        }
    }
}

#[test]
fn quotes_are_real_comments_of_the_theme() {
    for theme in found().themes {
        assert!(!theme.quotes.is_empty() && theme.quotes.len() <= QUOTES);
        for q in &theme.quotes {
            assert!(COMMENTS.contains(&q.as_str()), "{q:?} was not written");
        }
    }
}

#[test]
fn shares_and_unthemed_add_up_to_all_comments() {
    let t = found();
    let themed: usize = t.themes.iter().map(|t| t.count).sum();
    assert_eq!(themed + t.unthemed, t.comments);
    let share: f64 =
        t.themes.iter().map(|t| t.share).sum::<f64>() + t.unthemed as f64 / t.comments as f64;
    assert!((share - 1.0).abs() < 1e-9);
}

#[test]
fn sentiment_and_effort_cues_are_the_scorecards() {
    let t = found();
    let hold = t.themes.iter().find(|t| t.label == "hold").unwrap();
    let cues: Vec<&str> = hold.effort_cues.iter().map(|c| c.cue.as_str()).collect();
    assert_eq!(cues, vec!["on_hold", "long_wait", "transferred"]);
    let mean = (compound(COMMENTS[6]) + compound(COMMENTS[7])) / 2.0;
    assert!((hold.sentiment - mean).abs() < 1e-12);
}

#[test]
fn a_comment_repeated_on_each_metric_row_counts_once() {
    let tp = uuid::Uuid::from_u128(1);
    let row = |scale, respondent: &str, comment: &str| SurveyResponse {
        touchpoint: tp,
        respondent: respondent.into(),
        date: "2026-01-01".into(),
        scale,
        value: 3.0,
        comment: comment.into(),
    };
    let answers = [
        row(waymark_core::Scale::Csat, "r1", "Refund slow"),
        row(waymark_core::Scale::Ces5, "r1", "Refund slow"),
        row(waymark_core::Scale::Csat, "r2", "Refund slow"),
        row(waymark_core::Scale::Csat, "r3", " "),
    ];
    assert_eq!(comments(&answers), vec!["Refund slow", "Refund slow"]);
    assert_eq!(themes_of(&answers).themes[0].count, 2);
}

#[test]
fn no_comments_no_themes() {
    assert_eq!(themes(&[], &TUNING), Themes::default());
}
