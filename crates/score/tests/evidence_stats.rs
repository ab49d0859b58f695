//! Issue 17's equality: the scores computed from the per-touchpoint-and-wave
//! statistics the shared document carries equal those computed from the raw
//! answers, and the statistics of waves pooled equal those of all answers.

use proptest::prelude::*;
use uuid::Uuid;
use waymark_core::evidence::WaveEvidence;
use waymark_core::{Journey, Scale, Stage, SurveyResponse, Touchpoint};
use waymark_score::evidence::{stats_of, tally, AnswerStats};
use waymark_score::score;

const COMMENTS: [&str; 6] = [
    "",
    "Great, quick and friendly service.",
    "I was on hold for ages and then transferred twice.",
    "It was fine.",
    "Terrible, I had to call back three times.",
    "The form was confusing and the app crashed.",
];
const DATES: [&str; 3] = ["2026-01-05", "2026-04-02", "2026-07-09"];

fn journey(answers: Vec<SurveyResponse>) -> Journey {
    let mut j = Journey::new("Equality");
    let stage = Uuid::from_u128(1);
    j.stages.push(Stage {
        id: stage,
        order: "V".into(),
        name: "S".into(),
        ..Stage::default()
    });
    for n in 10..13 {
        j.touchpoints.push(Touchpoint {
            id: Uuid::from_u128(n),
            stage,
            lane: Uuid::from_u128(2),
            order: format!("{n}"),
            title: format!("T{n}"),
            ..Touchpoint::default()
        });
    }
    j.responses = answers;
    j
}

fn answer() -> impl Strategy<Value = SurveyResponse> {
    let scale = prop_oneof![
        Just(Scale::Nps),
        Just(Scale::Csat),
        Just(Scale::Ces5),
        Just(Scale::Ces7),
        Just(Scale::Emotion)
    ];
    (10u128..13, 0usize..8, 0usize..3, scale, 0u32..11, 0usize..6).prop_map(
        |(tp, who, date, scale, v, comment)| {
            let (lo, hi) = scale.range();
            SurveyResponse {
                touchpoint: Uuid::from_u128(tp),
                respondent: format!("r{who}"),
                date: DATES[date].into(),
                scale,
                value: lo + f64::from(v) % (hi - lo + 1.0),
                comment: COMMENTS[comment].into(),
            }
        },
    )
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_from_statistics_equal_scores_from_answers(
        answers in prop::collection::vec(answer(), 0..120)
    ) {
        let j = journey(answers);
        let card = score(&j);
        let mut pooled = AnswerStats::default();
        for t in &card.touchpoints {
            // One wave per date: statistics made per wave, then pooled.
            let mut stats = AnswerStats::default();
            for date in DATES {
                stats.merge(&stats_of(
                    j.responses.iter().filter(|r| r.touchpoint == t.id && r.date == date),
                ));
            }
            let all = stats_of(j.responses.iter().filter(|r| r.touchpoint == t.id));
            prop_assert_eq!(tally(&stats), tally(&all));
            prop_assert_eq!(stats.comments, all.comments);
            let tally = tally(&stats);
            prop_assert_eq!(tally.responses, t.responses);
            prop_assert!(close(tally.nps(), t.nps));
            prop_assert!(close(tally.csat(), t.csat));
            prop_assert!(close(tally.ces().ces5, t.ces.ces5));
            prop_assert!(close(tally.ces().ces7, t.ces.ces7));
            prop_assert!(close(stats.negative_comment_share(), t.negative_comment_share));
            for cue in &t.effort_cues {
                prop_assert_eq!(stats.effort_cues[&cue.cue] as usize, cue.comments);
            }
            let cues: u64 = stats.effort_cues.values().sum();
            prop_assert_eq!(cues as usize, t.effort_cues.iter().map(|c| c.comments).sum::<usize>());
            pooled.merge(&stats);
        }
        let journey_tally = tally(&pooled);
        prop_assert_eq!(journey_tally.responses, card.journey.responses);
        prop_assert!(close(journey_tally.nps(), card.journey.nps));
        prop_assert!(close(journey_tally.csat(), card.journey.csat));
        prop_assert!(close(journey_tally.ces().ces5, card.journey.ces.ces5));
    }

    /// The whole scorecard of a journey whose document carries per-wave
    /// statistics equals that of the same journey holding the raw answers.
    #[test]
    fn scorecard_from_wave_evidence_equals_scorecard_from_answers(
        answers in prop::collection::vec(answer(), 0..120)
    ) {
        let raw = journey(answers);
        let mut moved = raw.clone();
        moved.responses.clear();
        for t in &raw.touchpoints {
            for date in DATES {
                let stats = stats_of(
                    raw.responses.iter().filter(|r| r.touchpoint == t.id && r.date == date),
                );
                if stats.answers() > 0 {
                    moved.evidence.push(WaveEvidence {
                        touchpoint: t.id,
                        wave: date.to_string(),
                        stats,
                    });
                }
            }
        }
        moved.normalize();
        let (a, b) = (score(&raw), score(&moved));
        prop_assert!(same(&serde_json::to_value(&a).unwrap(), &serde_json::to_value(&b).unwrap()),
            "{a:#?}\n{b:#?}");
    }
}

/// Equal JSON, numbers within rounding (a sum taken in another order).
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value::*;
    match (a, b) {
        (Number(x), Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9,
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Object(x), Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
