//! Numbers a designer can trust: the 0–100 priority, the factor table that
//! adds up by eye, what happens when a measurement is removed, and
//! touchpoints behind the line of visibility ranking through the customer
//! touchpoints they feed.

use proptest::prelude::*;
use uuid::Uuid;
use waymark_core::{
    Connection, Journey, Lane, LaneKind, Nature, Stage, Touchpoint, TouchpointInputs,
};
use waymark_score::{score, ScoreKind, Scorecard, TouchpointScore};

const EPS: f64 = 1e-9;

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 128;
    }
    c
}

const FRONT: u128 = 2001;
const BACK: u128 = 2002;
const SUPPORT: u128 = 2003;

/// One stage; a frontstage, a backstage and a support-process lane.
fn blueprint() -> Journey {
    let mut j = Journey::new("Blueprint");
    j.stages.push(Stage {
        id: Uuid::from_u128(1000),
        order: "a".into(),
        name: "Stage".into(),
        ..Stage::default()
    });
    for (n, order, kind) in [
        (FRONT, "a", LaneKind::Frontstage),
        (BACK, "b", LaneKind::Backstage),
        (SUPPORT, "c", LaneKind::SupportProcesses),
    ] {
        j.lanes.push(Lane {
            id: Uuid::from_u128(n),
            order: order.into(),
            name: format!("{kind:?}"),
            kind,
        });
    }
    j
}

fn add(j: &mut Journey, lane: u128, order: &str, inputs: TouchpointInputs) -> Uuid {
    let id = Uuid::from_u128(3000 + j.touchpoints.len() as u128);
    j.touchpoints.push(Touchpoint {
        id,
        stage: j.stages[0].id,
        lane: Uuid::from_u128(lane),
        order: order.into(),
        title: format!("TP {order}"),
        nature: Nature::Service,
        inputs,
        ..Touchpoint::default()
    });
    id
}

fn arrow(j: &mut Journey, from: Uuid, to: Uuid) {
    j.connections.push(Connection {
        id: Uuid::from_u128(9000 + j.connections.len() as u128),
        from,
        to,
        label: String::new(),
    });
}

fn find(sc: &Scorecard, id: Uuid) -> &TouchpointScore {
    sc.touchpoints.iter().find(|t| t.id == id).unwrap()
}

/// A customer wait against the service default (desired 10, adequate 30):
/// 20 minutes is friction 50.
fn waits(minutes: f64) -> TouchpointInputs {
    TouchpointInputs {
        wait_minutes: Some(minutes),
        reach: Some(100),
        ..TouchpointInputs::default()
    }
}

#[test]
fn priority_reads_0_to_100_relative_to_the_top_item_with_the_impact_beside_it() {
    let mut j = blueprint();
    // Thirty customer touchpoints share the reach: impacts are small numbers.
    let mut ids = Vec::new();
    for i in 0..30 {
        ids.push(add(
            &mut j,
            FRONT,
            &format!("a{i:02}"),
            waits(10.0 + i as f64),
        ));
    }
    let sc = score(&j);
    let top = &sc.touchpoints[0];
    assert_eq!(top.priority, Some(100));
    assert!(top.impact.unwrap() < 5.0, "impact {:?}", top.impact);
    for t in &sc.touchpoints {
        let (p, i) = (t.priority.unwrap(), t.impact.unwrap());
        // The same figure, rescaled: priority = impact / top impact × 100.
        // Only the top reads 100; a positive impact reads at least 1.
        let top_i = top.impact.unwrap();
        let want = match (i / top_i * 100.0).round() {
            _ if i <= 0.0 => 0.0,
            r if i >= top_i => r,
            r => r.clamp(1.0, 99.0),
        };
        assert_eq!(f64::from(p), want);
        // A small positive impact never reads 0.
        if i > 0.0 {
            assert!(p >= 1, "impact {i} reads priority {p}");
        }
    }
    // The first card waits 10 minutes: no friction, no impact, priority 0.
    assert_eq!(find(&sc, ids[0]).priority, Some(0));
    // The table prints the whole numbers and the impact.
    let table = waymark_score::render_table(&sc);
    assert!(table.contains(" 100 "), "{table}");
}

#[test]
fn backstage_waits_alone_do_not_rank_as_customer_pain() {
    let mut j = blueprint();
    let front = add(&mut j, FRONT, "a", waits(12.0));
    // A 3-day internal queue nobody's customer touchpoint depends on.
    let queue = add(&mut j, BACK, "b", waits(3.0 * 1440.0));
    let sc = score(&j);
    let q = find(&sc, queue);
    assert_eq!(q.friction, Some(100.0), "its own friction stays visible");
    assert!(q.behind_the_line && q.serves.is_empty());
    assert!(
        !q.pain_point,
        "internal friction alone is not customer pain"
    );
    assert_eq!((q.impact, q.priority), (Some(0.0), Some(0)));
    assert_eq!(sc.touchpoints[0].id, front);
    assert_eq!(find(&sc, front).priority, Some(100));
}

#[test]
fn a_backstage_cause_ranks_under_the_frontstage_pain_it_feeds_and_both_say_so() {
    let mut j = blueprint();
    // The customer waits 40 minutes on the phone (friction 100, pain point).
    let call = add(&mut j, FRONT, "a", waits(40.0));
    // A milder customer touchpoint with nothing behind it.
    let app = add(&mut j, FRONT, "b", waits(20.0));
    // Behind the line: a card-block system (friction 50), fed by a support
    // process (friction 100), arrows drawn either way.
    let block = add(&mut j, BACK, "c", waits(20.0));
    let vendor = add(&mut j, SUPPORT, "d", waits(600.0));
    arrow(&mut j, call, block);
    arrow(&mut j, vendor, block);
    let sc = score(&j);
    let (c, a, b, v) = (
        find(&sc, call),
        find(&sc, app),
        find(&sc, block),
        find(&sc, vendor),
    );
    assert!(c.pain_point && !c.behind_the_line);
    // Causes: the call's impact × their own friction/100.
    let top = c.impact.unwrap();
    assert!((b.impact.unwrap() - top * 0.5).abs() < EPS);
    assert!((v.impact.unwrap() - top).abs() < EPS);
    assert_eq!(c.priority, Some(100));
    assert_eq!(b.priority, Some(50));
    // The app's own impact is its own: reach share × 50 × ½.
    assert!(a.impact.unwrap() > 0.0 && a.fed_by.is_empty());
    // Both ends explain it: the call is fed by both, each serves the call
    // (the vendor through the block system).
    let ids = |l: &[waymark_score::Linked]| l.iter().map(|x| x.id).collect::<Vec<_>>();
    assert_eq!(ids(&c.fed_by), [block, vendor]);
    assert_eq!(ids(&b.serves), [call]);
    assert_eq!(ids(&v.serves), [call]);
    assert_eq!(b.serves[0].priority, Some(100));
    assert!(
        c.fed_by[1].pain_point,
        "the vendor crosses the thresholds and feeds pain"
    );
    // The customer's friction is not raised by the causes: the wait they
    // feel is already measured where they wait.
    assert_eq!(c.friction, Some(100.0));
    // Ranked: the call first; its causes never above it.
    assert_eq!(sc.touchpoints[0].id, call);
    for t in [b, v] {
        assert!(t.impact.unwrap() <= top + EPS);
    }
}

#[test]
fn a_backstage_step_feeding_a_painless_touchpoint_is_not_a_pain_point() {
    let mut j = blueprint();
    let fine = add(&mut j, FRONT, "a", waits(5.0));
    let slow = add(&mut j, BACK, "b", waits(600.0));
    arrow(&mut j, slow, fine);
    let sc = score(&j);
    let s = find(&sc, slow);
    assert_eq!(s.serves.len(), 1);
    assert!(!s.pain_point);
    assert_eq!(s.priority, Some(0));
}

/// Friction inputs with every measured factor set, from a strategy.
fn measured() -> impl Strategy<Value = TouchpointInputs> {
    (
        0.0..=1.0f64,
        0u32..5,
        0.0..200.0f64,
        0.0..=1.0f64,
        (0u32..20, 0u32..20),
        proptest::option::of(0u8..=4),
    )
        .prop_map(
            |(fcr, transfers, wait, err, (steps, expected), sev)| TouchpointInputs {
                fcr_rate: Some(fcr),
                transfers: Some(transfers),
                wait_minutes: Some(wait),
                error_rate: Some(err),
                steps: Some(steps),
                expected_steps: Some(expected),
                friction: sev,
                ..TouchpointInputs::default()
            },
        )
}

/// Removes the measured factor `k` (0..5) from the inputs.
fn without(mut i: TouchpointInputs, k: usize) -> TouchpointInputs {
    match k {
        0 => i.fcr_rate = None,
        1 => i.transfers = None,
        2 => i.wait_minutes = None,
        3 => i.error_rate = None,
        _ => i.steps = None,
    }
    i
}

const REMOVED: [&str; 5] = [
    "repeat_contact",
    "handoffs",
    "wait",
    "errors",
    "extra_steps",
];

fn friction_of(inputs: TouchpointInputs) -> TouchpointScore {
    let mut j = blueprint();
    let id = add(&mut j, FRONT, "a", inputs);
    find(&score(&j), id).clone()
}

proptest! {
    #![proptest_config(config())]

    /// Removing a measurement moves friction only as the explanation says:
    /// the removed factor is listed as missing, the factors left took over
    /// its weight in proportion to their own (their shares are weight ÷ the
    /// weight left), and the new score is their points' sum — so any jump
    /// is there in the table, factor by factor.
    #[test]
    fn removing_a_measurement_is_explained(inputs in measured(), k in 0usize..5) {
        let before = friction_of(inputs.clone());
        let after = friction_of(without(inputs, k));
        let missing: Vec<&str> = after
            .missing
            .iter()
            .filter(|m| m.score == ScoreKind::Friction)
            .map(|m| m.factor.as_str())
            .collect();
        prop_assert!(missing.contains(&REMOVED[k]), "{missing:?}");
        let left: Vec<_> = after.factors.iter().filter(|f| f.score == ScoreKind::Friction).collect();
        let weight_left: f64 = left.iter().map(|f| f.weight).sum();
        let removed_weight = before
            .factors
            .iter()
            .find(|f| f.factor == REMOVED[k])
            .map(|f| f.weight)
            .unwrap();
        let weight_before: f64 = before
            .factors
            .iter()
            .filter(|f| f.score == ScoreKind::Friction)
            .map(|f| f.weight)
            .sum();
        prop_assert!((weight_left - (weight_before - removed_weight)).abs() < EPS);
        let mut sum = 0.0;
        for f in &left {
            prop_assert!((f.share - f.weight / weight_left).abs() < EPS);
            // Its share grew by exactly the removed weight's part.
            let old = before.factors.iter().find(|o| o.factor == f.factor).unwrap();
            prop_assert!(f.share >= old.share - EPS);
            sum += f.normalized * f.share;
        }
        prop_assert!((sum - after.friction.unwrap()).abs() < 1e-6);
        // The change is the removed factor's pull, undone: friction rises
        // exactly when the removed factor was below the old score.
        let removed_norm = before.factors.iter().find(|f| f.factor == REMOVED[k]).unwrap().normalized;
        let old = before.friction.unwrap();
        let new = after.friction.unwrap();
        if new > old + 1e-6 {
            prop_assert!(removed_norm < old);
        }
        let expected = (old * weight_before - removed_norm * removed_weight) / weight_left;
        prop_assert!((new - expected).abs() < 1e-6, "{new} vs {expected}");
    }

    /// Removing every measurement: the designer's severity (when rated)
    /// stands in for the whole score, and every measured factor is listed
    /// as missing.
    #[test]
    fn with_nothing_measured_the_severity_takes_over_and_says_so(inputs in measured()) {
        let after = friction_of(TouchpointInputs {
            friction: inputs.friction,
            reach: inputs.reach,
            ..TouchpointInputs::default()
        });
        match inputs.friction {
            Some(sev) => {
                let f: Vec<_> = after.factors.iter().filter(|f| f.score == ScoreKind::Friction).collect();
                prop_assert_eq!(f.len(), 1);
                prop_assert_eq!(f[0].factor.as_str(), "designer_severity");
                prop_assert_eq!(f[0].share, 1.0);
                prop_assert_eq!(after.friction, Some(f64::from(sev) * 25.0));
                let missing = after.missing.iter().filter(|m| m.score == ScoreKind::Friction).count();
                prop_assert_eq!(missing, 6);
            }
            None => {
                prop_assert_eq!(after.friction, None);
                prop_assert!(after.missing.iter().all(|m| m.score != ScoreKind::Friction));
            }
        }
    }
}

#[test]
fn each_factor_has_its_unit_share_and_points_that_add_up() {
    let t = friction_of(TouchpointInputs {
        fcr_rate: Some(0.5),
        wait_minutes: Some(20.0),
        emotion: Some(-1),
        ..TouchpointInputs::default()
    });
    // Repeat contact 50 × 0.20/0.35 + wait 50 × 0.15/0.35 = 50.
    let rc = t
        .factors
        .iter()
        .find(|f| f.factor == "repeat_contact")
        .unwrap();
    let wait = t.factors.iter().find(|f| f.factor == "wait").unwrap();
    assert_eq!(wait.unit, "minutes");
    assert!((rc.share - 0.20 / 0.35).abs() < EPS && (wait.share - 0.15 / 0.35).abs() < EPS);
    assert!((rc.points + wait.points - t.friction.unwrap()).abs() < EPS);
    assert!((t.friction.unwrap() - 50.0).abs() < EPS);
    // Not measured: survey effort, hand-offs, errors, extra steps; and for
    // emotion the survey and the comments.
    let missing: Vec<&str> = t.missing.iter().map(|m| m.factor.as_str()).collect();
    assert_eq!(
        missing,
        [
            "survey_effort",
            "handoffs",
            "errors",
            "extra_steps",
            "survey_net",
            "comment_sentiment"
        ]
    );
}
