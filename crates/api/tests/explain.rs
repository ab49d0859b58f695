//! A touchpoint's explanation through the library: the same numbers as the
//! scorecard, its answers with their sentiment and cues.

use waymark_api::{ApiError, Library};
use waymark_score::ScoreKind;

#[test]
fn explanation_matches_the_scorecard_and_lists_answers_with_sentiment() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let j = lib.journey(&id).unwrap();
    let tp = &j.touchpoints[0];
    let csv = format!(
        "touchpoint,respondent,date,metric,scale,value,comment\n\
         {t},r1,2026-01-02,ces,ces7,2,\"I was on hold for ages and got transferred twice\"\n\
         {t},r1,2026-01-02,csat,,2,\n\
         {t},r2,2026-01-01,csat,,5,\"Great, quick and friendly\"\n",
        t = tp.id
    );
    lib.import_responses(&id, "answers.csv", &csv).unwrap();

    let ex = lib.explain(&id, &tp.id.to_string()).unwrap();
    let card = lib.score(&id).unwrap();
    let scored = card.touchpoints.iter().find(|t| t.id == tp.id).unwrap();
    assert_eq!(&ex.score, scored);
    for kind in [ScoreKind::Friction, ScoreKind::Emotion] {
        let points: f64 = ex
            .score
            .factors
            .iter()
            .filter(|f| f.score == kind)
            .map(|f| f.points)
            .sum();
        let score = match kind {
            ScoreKind::Friction => ex.score.friction,
            ScoreKind::Emotion => ex.score.emotion,
        };
        assert!((points - score.unwrap()).abs() < 1e-9, "{kind:?}");
    }

    let brief = lib.score_brief(&id).unwrap();
    let mut stripped = card.clone();
    for t in &mut stripped.touchpoints {
        t.factors.clear();
        t.effort_cues.clear();
    }
    assert_eq!(brief, stripped, "the brief scorecard has every figure");
    assert!(card.touchpoints.iter().any(|t| !t.factors.is_empty()));

    assert_eq!(ex.responses.len(), 3);
    assert_eq!(ex.responses[0].respondent, "r2", "oldest first");
    assert!(ex.responses[0].sentiment.unwrap() > 0.3);
    // Same date and respondent: CSAT before CES, in scale order.
    assert_eq!(ex.responses[1].sentiment, None, "no comment, no sentiment");
    let hold = &ex.responses[2];
    assert!(hold.comment.contains("on hold"));
    assert!(hold.sentiment.is_some());
    assert!(
        hold.cues.iter().any(|c| c.contains("hold")),
        "{:?}",
        hold.cues
    );
}

#[test]
fn explaining_an_unknown_touchpoint_is_a_coded_error() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let err = lib.explain(&id, "not-an-id").unwrap_err();
    assert!(matches!(err, ApiError::Invalid(_)), "{err:?}");
    let err = lib
        .explain(&id, "00000000-0000-4000-8000-000000000000")
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}
