//! Two waves compared: a move beyond noise is named better or worse by the
//! metric's direction (CES 1–5 falling is better), a small move is within
//! noise, and each wave's targets carry their status.

use uuid::Uuid;
use waymark_core::{Journey, Kpi, KpiTarget, Scale, Stage, SurveyResponse, Touchpoint};
use waymark_score::intervals::Change;
use waymark_score::targets::TargetStatus;
use waymark_score::trend::{trend, wave_trend};
use waymark_score::wave_compare::{compare_waves, since_last_wave, Scope, WaveMetric};

const CALL: u128 = 10;
const APP: u128 = 11;

fn map() -> Journey {
    let mut j = Journey::new("Waves");
    let stage = Uuid::from_u128(1);
    j.stages.push(Stage {
        id: stage,
        order: "V".into(),
        name: "Report".into(),
        ..Stage::default()
    });
    for (n, title) in [(CALL, "Call the bank"), (APP, "Freeze in app")] {
        j.touchpoints.push(Touchpoint {
            id: Uuid::from_u128(n),
            stage,
            lane: Uuid::from_u128(2),
            order: format!("{n}"),
            title: title.into(),
            ..Touchpoint::default()
        });
    }
    j.targets.nps = Some(KpiTarget::parse(Kpi::Nps, ">=0").unwrap());
    j.touchpoints[0].targets.ces = Some(KpiTarget::parse(Kpi::Ces, "<=2").unwrap());
    j
}

/// `count` answers of `value` on `scale` about touchpoint `tp`.
fn answers(tp: u128, scale: Scale, values: &[(f64, usize)]) -> Vec<SurveyResponse> {
    let mut out = Vec::new();
    for (v, count) in values {
        for i in 0..*count {
            out.push(SurveyResponse {
                touchpoint: Uuid::from_u128(tp),
                respondent: format!("{scale:?}-{v}-{i}"),
                date: "2026-03-01".into(),
                scale,
                value: *v,
                comment: String::new(),
            });
        }
    }
    out
}

fn wave(label: &str, responses: Vec<SurveyResponse>) -> waymark_score::trend::WaveTrend {
    let mut j = map();
    j.responses = responses;
    wave_trend(&j, label, None)
}

#[test]
fn improved_and_worse_beyond_noise_in_words() {
    // Q1: the call is hard work (CES 4.5) and NPS is low; Q2: the call is
    // easy (CES 1.5) but the app's NPS dropped from all promoters to all
    // detractors. The app's CSAT moves a little: within noise.
    let mut q1 = answers(CALL, Scale::Ces5, &[(4.0, 30), (5.0, 30)]);
    q1.extend(answers(APP, Scale::Nps, &[(10.0, 40), (9.0, 10)]));
    q1.extend(answers(APP, Scale::Csat, &[(5.0, 20), (2.0, 10)]));
    let mut q2 = answers(CALL, Scale::Ces5, &[(1.0, 30), (2.0, 30)]);
    q2.extend(answers(APP, Scale::Nps, &[(0.0, 40), (3.0, 10)]));
    q2.extend(answers(APP, Scale::Csat, &[(5.0, 18), (2.0, 12)]));
    let (a, b) = (wave("Q1", q1), wave("Q2", q2));
    let c = compare_waves(&a, &b);
    assert_eq!((c.before.as_str(), c.after.as_str()), ("Q1", "Q2"));
    let call = c
        .improved
        .iter()
        .find(|m| m.scope == Scope::Touchpoint && m.name == "Call the bank")
        .expect("the call's effort fell: better");
    assert_eq!((call.metric, call.change), (WaveMetric::Ces5, Change::Fell));
    assert_eq!(call.sentence, "Call the bank: CES fell from 4.5 to 1.5.");
    let app = c
        .worse
        .iter()
        .find(|m| m.name == "Freeze in app")
        .expect("the app's NPS fell: worse");
    assert_eq!(app.sentence, "Freeze in app: NPS fell from +100 to −100.");
    // The journey comes first in each list.
    assert_eq!(c.worse[0].scope, Scope::Journey);
    assert!(!c
        .worse
        .iter()
        .chain(&c.improved)
        .any(|m| m.metric == WaveMetric::Csat));
    assert!(c.within_noise >= 1, "{c:?}");
    assert!(c.summary().contains("better"), "{}", c.summary());

    // The same answers twice: nothing beyond noise.
    let same = compare_waves(&a, &a);
    assert!(same.improved.is_empty() && same.worse.is_empty());
    assert!(same.summary().contains("no change beyond noise"));

    // Since the last wave is the last two; one wave has nothing to compare.
    let t = trend(vec![a.clone(), b.clone()]);
    assert_eq!(since_last_wave(&t.waves).unwrap(), c);
    assert!(since_last_wave(&t.waves[..1]).is_none());
}

#[test]
fn each_wave_checks_the_targets_on_its_own_figures() {
    let q1 = answers(CALL, Scale::Ces5, &[(4.0, 30), (5.0, 30)]);
    let q2 = answers(CALL, Scale::Ces5, &[(1.0, 30), (2.0, 30)]);
    let t = trend(vec![wave("Q1", q1), wave("Q2", q2)]);
    let call = |w: usize| {
        t.waves[w]
            .touchpoints
            .iter()
            .find(|x| x.title == "Call the bank")
            .unwrap()
            .figures
            .targets[0]
    };
    assert_eq!(call(0).status, TargetStatus::NotMet);
    assert_eq!(call(1).status, TargetStatus::Met);
    // No NPS answers: the journey's NPS target is not measured.
    assert_eq!(
        t.waves[1].journey.targets[0].status,
        TargetStatus::NotMeasured
    );
}
