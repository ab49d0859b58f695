//! Hand-computed cases for every metric and factor; the arithmetic is in the
//! comments so a reviewer can check it without running anything.

use uuid::Uuid;
use waymark_core::{
    Journey, JourneyInputs, Lane, LaneKind, Nature, Scale, Stage, SurveyResponse, Touchpoint,
    TouchpointInputs,
};
use waymark_score::{score, Label, ScoreKind, Scorecard, Source, TouchpointScore};

const EPS: f64 = 1e-9;

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b): (Option<f64>, f64) = ($a, $b);
        assert!(close(a, b), "{} = {:?}, expected {}", stringify!($a), a, b);
    }};
}

/// A journey with `stages` stages and one lane; touchpoints are added with [`tp`].
fn journey(stages: usize) -> Journey {
    let mut j = Journey::new("Test");
    for i in 0..stages {
        j.stages.push(Stage {
            id: Uuid::from_u128(1000 + i as u128),
            order: format!("{}", (b'a' + i as u8) as char),
            name: format!("Stage {i}"),
            ..Stage::default()
        });
    }
    j.lanes.push(Lane {
        id: Uuid::from_u128(2000),
        order: "a".into(),
        name: "Touchpoints".into(),
        kind: LaneKind::Touchpoints,
    });
    j
}

/// Adds a touchpoint to stage `stage`, ordered by `order`, and returns its id.
fn tp(
    j: &mut Journey,
    stage: usize,
    order: &str,
    nature: Nature,
    inputs: TouchpointInputs,
) -> Uuid {
    let id = Uuid::from_u128(3000 + j.touchpoints.len() as u128);
    j.touchpoints.push(Touchpoint {
        id,
        stage: j.stages[stage].id,
        lane: j.lanes[0].id,
        order: order.into(),
        title: format!("TP {order}"),
        nature,
        inputs,
        ..Touchpoint::default()
    });
    id
}

fn answer(j: &mut Journey, touchpoint: Uuid, scale: Scale, value: f64, comment: &str) {
    let n = j.responses.len();
    j.responses.push(SurveyResponse {
        touchpoint,
        respondent: format!("r{n}"),
        date: "2026-01-01".into(),
        scale,
        value,
        comment: comment.into(),
    });
}

fn find(sc: &Scorecard, id: Uuid) -> &TouchpointScore {
    sc.touchpoints
        .iter()
        .find(|t| t.id == id)
        .expect("touchpoint scored")
}

fn factor<'a>(t: &'a TouchpointScore, name: &str) -> &'a waymark_score::Factor {
    t.factors
        .iter()
        .find(|f| f.factor == name)
        .unwrap_or_else(|| panic!("no factor {name}"))
}

/// Σ points of one score's factors equals the score to 1e-9.
fn assert_points_sum(t: &TouchpointScore) {
    for (kind, value) in [
        (ScoreKind::Friction, t.friction),
        (ScoreKind::Emotion, t.emotion),
    ] {
        let sum: f64 = t
            .factors
            .iter()
            .filter(|f| f.score == kind)
            .map(|f| f.points)
            .sum();
        // Checkable by eye: each factor's points are its normalised value ×
        // its share, and the shares of a score add up to 1.
        let of_kind = t.factors.iter().filter(|f| f.score == kind);
        for f in of_kind.clone() {
            assert!((f.points - f.normalized * f.share).abs() < EPS, "{f:?}");
            assert!(!f.unit.is_empty(), "{f:?} has a unit");
        }
        if value.is_some() {
            let shares: f64 = of_kind.map(|f| f.share).sum();
            assert!((shares - 1.0).abs() < EPS, "{kind:?}: shares {shares}");
        }
        match value {
            Some(v) => assert!((sum - v).abs() < EPS, "{kind:?}: points {sum} vs score {v}"),
            None => assert!(t.factors.iter().all(|f| f.score != kind)),
        }
    }
}

#[test]
fn empty_journey_has_no_figures() {
    let sc = score(&Journey::new("Empty"));
    let j = &sc.journey;
    assert_eq!(j.friction, None);
    assert_eq!(j.emotion, None);
    assert_eq!(j.remembered_emotion, None);
    assert_eq!(j.nps, None);
    assert_eq!(j.csat, None);
    assert_eq!(j.ces.ces5, None);
    assert_eq!(j.ces.ces7, None);
    assert_eq!(j.churn_rate, None);
    assert_eq!(j.clv, None);
    assert_eq!(j.responses, 0);
    assert_eq!(j.pain_points, 0);
    assert!(sc.stages.is_empty() && sc.touchpoints.is_empty());
    // A stage with no touchpoints: no figures either.
    let sc = score(&journey(1));
    assert_eq!(sc.stages[0].friction, None);
    assert_eq!(sc.stages[0].worst_touchpoint, None);
}

#[test]
fn all_missing_touchpoint() {
    let mut j = journey(1);
    let a = tp(&mut j, 0, "a", Nature::Service, TouchpointInputs::default());
    let sc = score(&j);
    let t = find(&sc, a);
    assert_eq!(
        (t.friction, t.emotion, t.priority, t.label),
        (None, None, None, None)
    );
    assert_eq!(t.coverage, 0.0);
    assert!(t.factors.is_empty() && t.low_confidence && t.reach_assumed && !t.pain_point);
    assert_eq!(sc.journey.friction, None);
    assert_eq!(sc.stages[0].worst_touchpoint, None);
}

#[test]
fn nps_csat_ces_pool_raw_answers() {
    let mut j = journey(1);
    let a = tp(&mut j, 0, "a", Nature::Service, TouchpointInputs::default());
    let b = tp(&mut j, 0, "b", Nature::Service, TouchpointInputs::default());
    // A: NPS 10 → 1 promoter of 1 → 100.
    answer(&mut j, a, Scale::Nps, 10.0, "");
    // B: NPS 0, 6, 7, 8, 9 → 1 promoter, 2 detractors of 5 → (1 − 2)/5 = −20.
    for v in [0.0, 6.0, 7.0, 8.0, 9.0] {
        answer(&mut j, b, Scale::Nps, v, "");
    }
    // CSAT at B: 5, 4, 3, 2, 1 → 2 of 5 satisfied → 40.
    for v in [5.0, 4.0, 3.0, 2.0, 1.0] {
        answer(&mut j, b, Scale::Csat, v, "");
    }
    // CES at A: ces7 7 and 5 → 6; ces5 2 → 2. Kept apart.
    answer(&mut j, a, Scale::Ces7, 7.0, "");
    answer(&mut j, a, Scale::Ces7, 5.0, "");
    answer(&mut j, a, Scale::Ces5, 2.0, "");
    let sc = score(&j);
    assert_close!(find(&sc, a).nps, 100.0);
    assert_close!(find(&sc, b).nps, -20.0);
    // Pooled: 2 promoters, 2 detractors of 6 → 0. Averaging the two
    // percentages would give (100 − 20)/2 = 40: wrong.
    assert_close!(sc.stages[0].nps, 0.0);
    assert_close!(sc.journey.nps, 0.0);
    assert_close!(sc.journey.csat, 40.0);
    assert_close!(sc.journey.ces.ces7, 6.0);
    assert_close!(sc.journey.ces.ces5, 2.0);
    assert_eq!(sc.journey.responses, 14);
    assert_eq!(sc.stages[0].responses, 14);
}

#[test]
fn survey_effort_each_scale_and_pooled() {
    let mut j = journey(1);
    let s7 = tp(&mut j, 0, "a", Nature::Service, TouchpointInputs::default());
    let s5 = tp(&mut j, 0, "b", Nature::Service, TouchpointInputs::default());
    let both = tp(&mut j, 0, "c", Nature::Service, TouchpointInputs::default());
    // ces7 7, 5 → mean 6 → (7 − 6)/6 × 100 = 16.666…
    answer(&mut j, s7, Scale::Ces7, 7.0, "");
    answer(&mut j, s7, Scale::Ces7, 5.0, "");
    // ces5 2 → (2 − 1)/4 × 100 = 25.
    answer(&mut j, s5, Scale::Ces5, 2.0, "");
    // Both: efforts 0 (ces7 7), 33.33 (ces7 5), 75 (ces5 4) → 108.33/3 = 36.11…
    answer(&mut j, both, Scale::Ces7, 7.0, "");
    answer(&mut j, both, Scale::Ces7, 5.0, "");
    answer(&mut j, both, Scale::Ces5, 4.0, "");
    let sc = score(&j);
    let t = find(&sc, s7);
    assert_close!(t.friction, 100.0 / 6.0);
    let f = factor(t, "survey_effort");
    assert_eq!(
        (f.raw, f.n, f.source, f.weight),
        (6.0, Some(2), Source::Survey, 0.30)
    );
    // Only survey effort present: coverage = 0.30 / (1.0 friction + 1.0 emotion).
    assert!((t.coverage - 0.15).abs() < EPS);
    assert_close!(find(&sc, s5).friction, 25.0);
    assert_close!(find(&sc, both).friction, (0.0 + 100.0 / 3.0 + 75.0) / 3.0);
    for t in &sc.touchpoints {
        assert_points_sum(t);
    }
}

#[test]
fn operational_friction_factors() {
    let mut j = journey(1);
    let ins = |f: fn(&mut TouchpointInputs)| {
        let mut i = TouchpointInputs::default();
        f(&mut i);
        i
    };
    // (1 − 0.7) × 100 = 30.
    let fcr = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        ins(|i| i.fcr_rate = Some(0.7)),
    );
    // 25 × (2 + 1) = 75.
    let hand = tp(
        &mut j,
        0,
        "b",
        Nature::Service,
        ins(|i| {
            i.transfers = Some(2);
            i.channel_switches = Some(1);
        }),
    );
    // 25 × 5 = 125 → capped at 100.
    let hand_max = tp(
        &mut j,
        0,
        "c",
        Nature::Service,
        ins(|i| i.transfers = Some(5)),
    );
    // Service, no levels: desired 10, adequate 30; wait 20 → (20 − 10)/20 = 50.
    let wait_s = tp(
        &mut j,
        0,
        "d",
        Nature::Service,
        ins(|i| i.wait_minutes = Some(20.0)),
    );
    // Experience, no levels: desired 20, adequate 60; wait 20 → 0; wait 50 → 30/40 = 75.
    let wait_e0 = tp(
        &mut j,
        0,
        "e",
        Nature::Experience,
        ins(|i| i.wait_minutes = Some(20.0)),
    );
    let wait_e = tp(
        &mut j,
        0,
        "f",
        Nature::Experience,
        ins(|i| i.wait_minutes = Some(50.0)),
    );
    // Own levels 5..30; wait 60 → beyond adequate → 100; wait 5 → 0.
    let wait_max = tp(
        &mut j,
        0,
        "g",
        Nature::Service,
        ins(|i| {
            i.wait_minutes = Some(60.0);
            i.wait_desired_minutes = Some(5.0);
            i.wait_adequate_minutes = Some(30.0);
        }),
    );
    // 0.12 × 100 = 12.
    let err = tp(
        &mut j,
        0,
        "h",
        Nature::Service,
        ins(|i| i.error_rate = Some(0.12)),
    );
    // 10 × (7 − 4) = 30; fewer steps than expected → 0.
    let steps = tp(
        &mut j,
        0,
        "i",
        Nature::Service,
        ins(|i| {
            i.steps = Some(7);
            i.expected_steps = Some(4);
        }),
    );
    let fewer = tp(
        &mut j,
        0,
        "j",
        Nature::Service,
        ins(|i| {
            i.steps = Some(2);
            i.expected_steps = Some(4);
        }),
    );
    // Steps without an expected count: no factor.
    let steps_only = tp(&mut j, 0, "k", Nature::Service, ins(|i| i.steps = Some(9)));
    let sc = score(&j);
    assert_close!(find(&sc, fcr).friction, 30.0);
    assert_close!(find(&sc, hand).friction, 75.0);
    assert_close!(find(&sc, hand_max).friction, 100.0);
    assert_close!(find(&sc, wait_s).friction, 50.0);
    assert_close!(find(&sc, wait_e0).friction, 0.0);
    assert_close!(find(&sc, wait_e).friction, 75.0);
    assert_close!(find(&sc, wait_max).friction, 100.0);
    assert_close!(find(&sc, err).friction, 12.0);
    assert_close!(find(&sc, steps).friction, 30.0);
    assert_close!(find(&sc, fewer).friction, 0.0);
    assert_eq!(find(&sc, steps_only).friction, None);
    let f = factor(find(&sc, wait_s), "wait");
    assert_eq!(
        (f.raw, f.normalized, f.n, f.source),
        (20.0, 50.0, None, Source::Operations)
    );
    assert_eq!(waymark_score::wait_friction(5.0, 5.0, 30.0), 0.0);
}

#[test]
fn friction_is_weighted_mean_of_present_factors_with_exact_points() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.7),   // 30, weight 0.20
            error_rate: Some(0.1), // 10, weight 0.15
            friction: Some(4),     // ignored: something was measured
            ..TouchpointInputs::default()
        },
    );
    let sc = score(&j);
    let t = find(&sc, a);
    // (30 × 0.20 + 10 × 0.15) / 0.35 = 7.5 / 0.35 = 21.428571…
    assert_close!(t.friction, 7.5 / 0.35);
    // Points: 30 × 0.20/0.35 = 17.142857…, 10 × 0.15/0.35 = 4.285714…
    assert!((factor(t, "repeat_contact").points - 6.0 / 0.35).abs() < 1e-9);
    assert!((factor(t, "errors").points - 1.5 / 0.35).abs() < 1e-9);
    assert!(t.factors.iter().all(|f| f.factor != "designer_severity"));
    assert_points_sum(t);
    // Coverage: 0.35 of 2.0 total weight.
    assert!((t.coverage - 0.175).abs() < EPS);
}

#[test]
fn designer_severity_only_without_measurements() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            friction: Some(3),
            ..TouchpointInputs::default()
        },
    );
    let sc = score(&j);
    let t = find(&sc, a);
    // 3 × 25 = 75; the fallback is not measured data, so coverage stays 0.
    assert_close!(t.friction, 75.0);
    let f = factor(t, "designer_severity");
    assert_eq!(
        (f.raw, f.normalized, f.weight, f.points),
        (3.0, 75.0, 1.0, 75.0)
    );
    assert_eq!(t.coverage, 0.0);
    assert!(t.pain_point, "75 ≥ 60");
}

#[test]
fn emotion_factors_and_labels() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            emotion: Some(-1),
            ..TouchpointInputs::default()
        },
    );
    // CSAT 5, 4 (positive), 1 (negative); emotion +2 (positive), 0 (neutral):
    // n = 5, net = (3 − 1)/5 = 0.4 → 40.
    answer(
        &mut j,
        a,
        Scale::Csat,
        5.0,
        "Great service, thank you so much!",
    ); // 0.7840
    answer(&mut j, a, Scale::Csat, 4.0, "");
    answer(&mut j, a, Scale::Csat, 1.0, "Terrible. Just terrible."); // −0.7351
    answer(&mut j, a, Scale::Emotion, 2.0, "   ");
    answer(&mut j, a, Scale::Emotion, 0.0, "It's fine."); // 0.2023
                                                          // NPS answers do not move emotion.
    answer(&mut j, a, Scale::Nps, 0.0, "");
    let sc = score(&j);
    let t = find(&sc, a);
    // Comments: (0.7840 − 0.7351 + 0.2023)/3 = 0.0837… → 8.373…
    let c = (0.7840 - 0.7351 + 0.2023) / 3.0 * 100.0;
    // Designer −1 → −50. Emotion = 40 × 0.5 + c × 0.3 + (−50) × 0.2 (weights sum to 1).
    assert_close!(t.emotion, 20.0 + c * 0.3 - 10.0);
    assert_eq!(factor(t, "survey_net").n, Some(5));
    assert_eq!(factor(t, "comment_sentiment").n, Some(3));
    assert_eq!(factor(t, "designer_rating").source, Source::Designer);
    assert_points_sum(t);
    // 12.5 ≥ 10 at a service touchpoint → relief.
    assert_eq!(t.label, Some(Label::Relief));
    // One of three comments ≤ −0.05 → share 1/3 < 0.5.
    assert!((t.negative_comment_share.unwrap() - 1.0 / 3.0).abs() < EPS);
    assert!(!t.pain_point);

    use waymark_score::label;
    assert_eq!(label(Some(50.0), Nature::Experience), Some(Label::Delight));
    assert_eq!(
        label(Some(-50.0), Nature::Service),
        Some(Label::Frustration)
    );
    assert_eq!(
        label(Some(-50.0), Nature::Experience),
        Some(Label::Disappointment)
    );
    assert_eq!(label(Some(9.9), Nature::Service), Some(Label::Neutral));
    assert_eq!(label(None, Nature::Service), None);
}

#[test]
fn single_response_touchpoint() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Experience,
        TouchpointInputs::default(),
    );
    answer(&mut j, a, Scale::Csat, 5.0, "");
    let sc = score(&j);
    let t = find(&sc, a);
    // One satisfied answer: CSAT 100, net 1 → emotion 100; no friction.
    assert_close!(t.csat, 100.0);
    assert_close!(t.emotion, 100.0);
    assert_eq!(t.friction, None);
    assert_eq!(t.priority, None);
    assert_eq!(t.responses, 1);
    assert!(t.low_confidence, "1 < 30");
    assert_eq!(t.label, Some(Label::Delight));
    // Coverage: survey weight 0.5 of 2.0.
    assert!((t.coverage - 0.25).abs() < EPS);
}

#[test]
fn low_confidence_threshold() {
    let mut j = journey(1);
    let a = tp(&mut j, 0, "a", Nature::Service, TouchpointInputs::default());
    for _ in 0..30 {
        answer(&mut j, a, Scale::Ces7, 6.0, "");
    }
    assert!(!find(&score(&j), a).low_confidence, "30 answers is enough");
}

#[test]
fn pain_points() {
    let mut j = journey(1);
    // Friction 60 exactly (fcr 0.4 → 60).
    let f = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.4),
            ..TouchpointInputs::default()
        },
    );
    // Emotion −50 (designer −1) ≤ −20.
    let e = tp(
        &mut j,
        0,
        "b",
        Nature::Service,
        TouchpointInputs {
            emotion: Some(-1),
            ..TouchpointInputs::default()
        },
    );
    // Comments: one negative of two = 0.5 ≥ 0.5, though the designer rates +2.
    let c = tp(
        &mut j,
        0,
        "c",
        Nature::Service,
        TouchpointInputs {
            emotion: Some(2),
            ..TouchpointInputs::default()
        },
    );
    answer(&mut j, c, Scale::Nps, 5.0, "Useless. Absolutely useless."); // −0.7089
    answer(&mut j, c, Scale::Nps, 9.0, "Love it!"); // 0.6696
                                                    // Friction 50, no emotion, no comments: not a pain point.
    let ok = tp(
        &mut j,
        0,
        "d",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.5),
            ..TouchpointInputs::default()
        },
    );
    let sc = score(&j);
    assert!(find(&sc, f).pain_point);
    assert!(find(&sc, e).pain_point);
    assert!(find(&sc, c).pain_point);
    assert!(!find(&sc, ok).pain_point);
    assert_eq!(sc.journey.pain_points, 3);
}

#[test]
fn priority_reach_shares_and_order() {
    let mut j = journey(2);
    // A: reach 300, friction 80 (fcr 0.2), emotion −50 (designer −1).
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            reach: Some(300),
            fcr_rate: Some(0.2),
            emotion: Some(-1),
            ..TouchpointInputs::default()
        },
    );
    // B: reach 100, friction 40 (fcr 0.6), no emotion (treated as 0).
    let b = tp(
        &mut j,
        1,
        "a",
        Nature::Service,
        TouchpointInputs {
            reach: Some(100),
            fcr_rate: Some(0.6),
            ..TouchpointInputs::default()
        },
    );
    // C: no reach → mean of known reaches (300 + 100 + 200)/3 = 200; friction 40, emotion +50.
    let c = tp(
        &mut j,
        1,
        "b",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.6),
            emotion: Some(1),
            ..TouchpointInputs::default()
        },
    );
    // D: no friction → no priority, listed last.
    let d = tp(
        &mut j,
        0,
        "b",
        Nature::Service,
        TouchpointInputs {
            reach: Some(200),
            emotion: Some(-2),
            ..TouchpointInputs::default()
        },
    );
    let sc = score(&j);
    // Total reach over all touchpoints: 300 + 100 + 200 + 200 = 800.
    // A: 300/800 × 0.8 × (1 + 0.5)/2 × 100 = 0.375 × 0.8 × 0.75 × 100 = 22.5
    assert_close!(find(&sc, a).impact, 22.5);
    // B: 100/800 × 0.4 × 0.5 × 100 = 2.5
    assert_close!(find(&sc, b).impact, 2.5);
    // C: 200/800 × 0.4 × (1 − 0.5)/2 × 100 = 0.25 × 0.4 × 0.25 × 100 = 2.5
    assert_close!(find(&sc, c).impact, 2.5);
    assert!(find(&sc, c).reach_assumed);
    assert_eq!(find(&sc, d).impact, None);
    // Priority is relative to the top impact (A's 22.5): 100, and 2.5/22.5
    // × 100 = 11.1 → 11 for B and C; D has none.
    let prio: Vec<Option<u8>> = [a, b, c, d]
        .iter()
        .map(|x| find(&sc, *x).priority)
        .collect();
    assert_eq!(prio, [Some(100), Some(11), Some(11), None]);
    // Order: A, then the B/C tie in journey order (B is stage 1 order "a"), D last.
    let ids: Vec<Uuid> = sc.touchpoints.iter().map(|t| t.id).collect();
    assert_eq!(ids, vec![a, b, c, d]);
    assert_eq!(
        waymark_score::priority::impact(0.5, None, Some(-100.0)),
        None
    );
    // Stage 1: friction (40 × 100 + 40 × 200)/300 = 40; emotion only from C
    // (+50) and D is in stage 0; reach assumed because of C.
    assert_close!(sc.stages[1].friction, 40.0);
    assert_close!(sc.stages[1].emotion, 50.0);
    assert!(sc.stages[1].reach_assumed && !sc.stages[0].reach_assumed);
    // Stage 0: friction only A (80); emotion (−50 × 300 + −100 × 200)/500 = −70.
    assert_close!(sc.stages[0].friction, 80.0);
    assert_close!(sc.stages[0].emotion, -70.0);
    // Worst in stage 0: A (friction 80 beats D without friction). In stage 1
    // B and C tie on friction 40; B's missing emotion counts as 0 < C's +50.
    assert_eq!(sc.stages[0].worst_touchpoint, Some(a));
    assert_eq!(sc.stages[1].worst_touchpoint, Some(b));
    // Journey friction: (80×300 + 40×100 + 40×200)/600 = 36000/600 = 60.
    assert_close!(sc.journey.friction, 60.0);
    assert!(sc.journey.reach_assumed);
}

#[test]
fn no_reach_anywhere_means_equal_shares() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.0),
            ..TouchpointInputs::default()
        },
    );
    tp(&mut j, 0, "b", Nature::Service, TouchpointInputs::default());
    let sc = score(&j);
    // Share 1/2 × friction 1.0 × 0.5 × 100 = 25, the top: priority 100.
    assert_close!(find(&sc, a).impact, 25.0);
    assert_eq!(find(&sc, a).priority, Some(100));
    assert!(find(&sc, a).reach_assumed);
}

#[test]
fn remembered_emotion_peak_end() {
    let mut j = journey(2);
    // Journey order: stage 0 "a" (+50), stage 0 "b" (−100), stage 1 "a" (+50),
    // stage 1 "b" (no emotion). Inserted out of order on purpose.
    tp(&mut j, 1, "b", Nature::Service, TouchpointInputs::default());
    tp(
        &mut j,
        1,
        "a",
        Nature::Service,
        TouchpointInputs {
            emotion: Some(1),
            ..Default::default()
        },
    );
    tp(
        &mut j,
        0,
        "b",
        Nature::Service,
        TouchpointInputs {
            emotion: Some(-2),
            ..Default::default()
        },
    );
    tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            emotion: Some(1),
            ..Default::default()
        },
    );
    let sc = score(&j);
    // Peak −100, end +50 (the last touchpoint with an emotion) → −25.
    assert_close!(sc.journey.remembered_emotion, -25.0);
    // Journey emotion: equal shares → (50 − 100 + 50)/3 = 0.
    assert_close!(sc.journey.emotion, 0.0);
}

#[test]
fn churn_and_clv() {
    let mut j = journey(0);
    j.inputs = JourneyInputs {
        customers_at_start: Some(1000.0),
        customers_lost: Some(100.0),
        average_purchase_value: Some(50.0),
        purchases_per_period: Some(2.0),
        lifespan_periods: None,
    };
    let sc = score(&j);
    // 100 / 1000 = 0.1; lifespan 1/0.1 = 10; CLV 50 × 2 × 10 = 1000.
    assert_close!(sc.journey.churn_rate, 0.1);
    assert_close!(sc.journey.clv, 1000.0);
    j.inputs.lifespan_periods = Some(4.0);
    // 50 × 2 × 4 = 400.
    assert_close!(score(&j).journey.clv, 400.0);
    j.inputs.lifespan_periods = None;
    j.inputs.customers_lost = Some(0.0);
    // Zero churn, no lifespan: unbounded → None.
    assert_eq!(score(&j).journey.clv, None);
    assert_close!(score(&j).journey.churn_rate, 0.0);
}

#[test]
fn fcr_aht_and_effort_cues_reported() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.8),
            aht_minutes: Some(7.5),
            ..TouchpointInputs::default()
        },
    );
    answer(
        &mut j,
        a,
        Scale::Csat,
        2.0,
        "I waited 40 minutes on hold and then got cut off.",
    );
    answer(
        &mut j,
        a,
        Scale::Csat,
        3.0,
        "On hold again, transferred twice.",
    );
    let sc = score(&j);
    let t = find(&sc, a);
    assert_eq!(t.fcr, Some(0.8));
    assert_eq!(t.aht_minutes, Some(7.5));
    let cues: Vec<(&str, usize)> = t
        .effort_cues
        .iter()
        .map(|c| (c.cue.as_str(), c.comments))
        .collect();
    assert_eq!(
        cues,
        vec![
            ("on_hold", 2),
            ("transferred", 1),
            ("repeat_contact", 1),
            ("long_wait", 1),
            ("cut_off", 1)
        ]
    );
}

#[test]
fn duplicate_comment_on_several_metric_rows_counts_once() {
    let mut j = journey(1);
    let a = tp(&mut j, 0, "a", Nature::Service, TouchpointInputs::default());
    for scale in [Scale::Nps, Scale::Ces7] {
        j.responses.push(SurveyResponse {
            touchpoint: a,
            respondent: "same".into(),
            date: "2026-01-01".into(),
            scale,
            value: 5.0,
            comment: "Terrible. Just terrible.".into(),
        });
    }
    let sc = score(&j);
    assert_eq!(factor(find(&sc, a), "comment_sentiment").n, Some(1));
}

#[test]
fn scorecard_serde_roundtrip_and_nulls() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.5),
            ..Default::default()
        },
    );
    answer(&mut j, a, Scale::Ces7, 4.0, "");
    let sc = score(&j);
    let json = serde_json::to_value(&sc).unwrap();
    assert!(json["journey"]["nps"].is_null(), "no data is null, not 0");
    assert!(json["touchpoints"][0]["factors"][0]["points"].is_number());
    assert_eq!(json["touchpoints"][0]["label"], serde_json::Value::Null);
    let back: Scorecard = serde_json::from_value(json).unwrap();
    assert_eq!(back, sc);
}

#[test]
fn render_table_lists_headline_stages_and_touchpoints() {
    let mut j = journey(1);
    let a = tp(
        &mut j,
        0,
        "a",
        Nature::Service,
        TouchpointInputs {
            fcr_rate: Some(0.1),
            ..Default::default()
        },
    );
    answer(&mut j, a, Scale::Nps, 10.0, "");
    let table = waymark_score::render_table(&score(&j));
    assert!(
        table.contains("JOURNEY") && table.contains("STAGES") && table.contains("TOP TOUCHPOINTS")
    );
    assert!(table.contains("Stage 0") && table.contains("TP a"));
    assert!(table.contains("90.0"), "{table}");
}

#[test]
fn synthetic_large_journey() {
    let j = waymark_core::synth::journey(waymark_core::synth::Size::LARGE, 1);
    let sc = score(&j);
    assert_eq!(sc.touchpoints.len(), j.touchpoints.len());
    assert_eq!(sc.stages.len(), j.stages.len());
    for t in &sc.touchpoints {
        assert_points_sum(t);
        assert!((0.0..=1.0).contains(&t.coverage));
        if let Some(f) = t.friction {
            assert!((0.0..=100.0).contains(&f));
        }
        if let Some(p) = t.priority {
            assert!(p <= 100);
            // A positive impact never reads 0.
            assert_eq!(p == 0, t.impact.is_some_and(|i| i <= 0.0));
        }
    }
    assert_eq!(sc.touchpoints[0].priority, Some(100));
    // Sorted by impact, highest first, missing last; so is the priority.
    let p: Vec<Option<u8>> = sc.touchpoints.iter().map(|t| t.priority).collect();
    for w in p.windows(2) {
        match (w[0], w[1]) {
            (Some(a), Some(b)) => assert!(a >= b),
            (None, Some(_)) => panic!("missing priority before a present one"),
            _ => {}
        }
    }
    // Every synthetic touchpoint has a designer rating, so the journey has figures.
    assert!(sc.journey.friction.is_some() && sc.journey.emotion.is_some());
    assert!(!waymark_score::render_table(&sc).is_empty());
}
