//! The board's rules on a small map: what is on it, the ranking, the votes,
//! the CSV cells.

use std::collections::BTreeMap;

use waymark_core::{
    Annotation, AnnotationKind, Evidence, Id, Journey, Lane, LaneKind, Nature, Stage, Target,
    Touchpoint,
};

use super::*;
use crate::score;

fn id(n: u128) -> Id {
    Id::from_u128(n)
}

const S1: u128 = 0x51;
const S2: u128 = 0x52;
const L_TP: u128 = 0x71;
const L_PAIN: u128 = 0x72;
const L_OPP: u128 = 0x73;
const A: u128 = 0xa;
const B: u128 = 0xb;
const C: u128 = 0xc;
const D: u128 = 0xd;
const E: u128 = 0xe;

fn tp(n: u128, order: &str, stage: u128, lane: u128, owner: &str) -> Touchpoint {
    Touchpoint {
        id: id(n),
        stage: id(stage),
        lane: id(lane),
        order: order.into(),
        title: format!("Touchpoint {order}"),
        channel: "phone".into(),
        owner: owner.into(),
        nature: Nature::Service,
        evidence: Evidence::Observed,
        ..Touchpoint::default()
    }
}

fn note(n: u128, kind: AnnotationKind, text: &str, target: Target, votes: u32) -> Annotation {
    Annotation {
        id: id(n),
        kind,
        text: text.into(),
        created_at: format!("2026-01-01T00:00:{n:02}Z"),
        target,
        votes: if votes > 0 {
            BTreeMap::from([("ana".to_string(), votes)])
        } else {
            BTreeMap::new()
        },
        ..Annotation::default()
    }
}

/// Two stages; touchpoints a, b, e in a plain lane of the first, c in a
/// pain-points lane and d in an opportunities lane of the second; notes of
/// every kind.
pub(crate) fn journey() -> Journey {
    let lane = |n, order: &str, name: &str, kind| Lane {
        id: id(n),
        order: order.into(),
        name: name.into(),
        kind,
    };
    let mut b = tp(B, "b", S1, L_TP, "Digital");
    b.channel = "app".into();
    b.nature = Nature::Experience;
    let mut d = tp(D, "d", S2, L_OPP, "Cards");
    d.evidence = Evidence::Proposed;
    let mut j = Journey {
        title: "Board".into(),
        stages: vec![
            Stage {
                id: id(S1),
                order: "a".into(),
                name: "Report".into(),
                ..Stage::default()
            },
            Stage {
                id: id(S2),
                order: "b".into(),
                name: "Replace".into(),
                ..Stage::default()
            },
        ],
        lanes: vec![
            lane(L_TP, "a", "Touchpoints", LaneKind::Touchpoints),
            lane(L_PAIN, "b", "Pain points", LaneKind::PainPoints),
            lane(L_OPP, "c", "Opportunities", LaneKind::Opportunities),
        ],
        touchpoints: vec![
            tp(A, "a", S1, L_TP, "Contact centre"),
            b,
            tp(C, "c", S2, L_PAIN, "Cards"),
            d,
            tp(E, "e", S1, L_TP, "Contact centre"),
        ],
        annotations: vec![
            note(
                0x1,
                AnnotationKind::PainPoint,
                "",
                Target::Touchpoint(id(A)),
                4,
            ),
            note(
                0x2,
                AnnotationKind::Idea,
                "=Offer a virtual card",
                Target::Touchpoint(id(B)),
                1,
            ),
            note(
                0x3,
                AnnotationKind::PainPoint,
                " Nobody owns this, \"really\" ",
                Target::Stage(id(S2)),
                2,
            ),
            Annotation {
                resolved: true,
                ..note(0x4, AnnotationKind::Idea, "Done already", Target::Map, 7)
            },
            note(
                0x5,
                AnnotationKind::Question,
                "Why?",
                Target::Touchpoint(id(A)),
                9,
            ),
        ],
        ..Journey::default()
    };
    j.normalize();
    j
}

/// The map's scorecard with the figures the tests rank by.
pub(crate) fn card(j: &Journey) -> Scorecard {
    let mut card = score(j);
    for t in &mut card.touchpoints {
        let (pain, impact, friction, emotion) = match t.id.as_u128() {
            B => (true, Some(12.0), Some(70.0), Some(-40.0)),
            A => (true, Some(12.0), Some(65.0), Some(-30.0)),
            C => (false, Some(3.0), Some(20.0), None),
            E => (false, Some(1.0), None, None),
            _ => (false, None, None, None),
        };
        t.pain_point = pain;
        t.impact = impact;
        t.priority = crate::priority::relative(impact, 12.0);
        t.friction = friction;
        t.emotion = emotion;
    }
    card
}

fn keys(b: &Board) -> Vec<String> {
    b.items.iter().map(|i| i.key.clone()).collect()
}

#[test]
fn lists_scored_lane_and_note_items_and_leaves_out_the_rest() {
    let j = journey();
    let b = board(&j, &card(&j));
    assert_eq!(
        keys(&b),
        [
            format!("pain_point:{}", id(A)),
            format!("pain_point:{}", id(B)),
            format!("note:{}", id(0x2)),
            format!("pain_point:{}", id(C)),
            format!("note:{}", id(0x3)),
            format!("opportunity:{}", id(D)),
        ]
    );
    // e has a priority but is neither flagged nor in a board lane; the
    // resolved idea and the question are not on the board.
    assert!(!keys(&b).iter().any(|k| k.contains(&id(E).to_string())));
    assert_eq!(b.pain_points().count(), 4);
    assert_eq!(b.opportunities().count(), 2);
}

#[test]
fn ranks_by_priority_then_votes_then_journey_order() {
    let j = journey();
    let b = board(&j, &card(&j));
    let ranks: Vec<usize> = b.items.iter().map(|i| i.rank).collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5, 6]);
    // a and b tie on priority; a has the 4 votes of its pain-point note (a
    // question's 9 never count), b the 1 of the idea on it.
    let first = &b.items[0];
    assert_eq!(
        (first.votes, first.priority, first.source),
        (4, Some(100), ItemSource::Score)
    );
    assert_eq!(first.stage_name, "Report");
    assert_eq!(b.items[1].votes, 1);
    // The idea on b takes b's priority, owner and stage; its votes are its own.
    let idea = &b.items[2];
    assert_eq!(idea.kind, ItemKind::Opportunity);
    assert_eq!(
        (idea.owner.as_str(), idea.priority, idea.votes),
        ("Digital", Some(100), 1)
    );
    assert_eq!((idea.touchpoint, idea.note), (Some(id(B)), Some(id(0x2))));
    // A stage note: no touchpoint, its stage's name, trimmed text.
    let stage_note = &b.items[4];
    assert_eq!(stage_note.touchpoint, None);
    assert_eq!(stage_note.stage_name, "Replace");
    assert_eq!(stage_note.title, "Nobody owns this, \"really\"");
    assert_eq!(stage_note.votes, 2);
    // c is on the board for its lane.
    assert_eq!(b.items[3].source, ItemSource::Lane);
}

#[test]
fn a_vote_moves_an_item_up_among_equal_priorities() {
    let j = journey();
    let mut card = card(&j);
    for t in &mut card.touchpoints {
        t.priority = None;
        t.impact = None;
    }
    let b = board(&j, &card);
    // Without priorities: votes first (a 4, the stage note 2, b and its idea
    // 1 each), then journey order (notes off the map's touchpoints last).
    assert_eq!(
        keys(&b)[..3],
        [
            format!("pain_point:{}", id(A)),
            format!("note:{}", id(0x3)),
            format!("pain_point:{}", id(B)),
        ]
    );
}

#[test]
fn empty_notes_and_missing_scores_still_make_items() {
    let mut j = journey();
    j.annotations
        .push(note(0x6, AnnotationKind::Idea, "  ", Target::Map, 0));
    j.normalize();
    let b = board(&j, &score(&j));
    let empty = b.items.iter().find(|i| i.note == Some(id(0x6))).unwrap();
    assert_eq!(empty.title, "(empty note)");
    assert_eq!((empty.stage, empty.stage_name.as_str()), (None, ""));
}

#[test]
fn csv_has_one_row_per_item_through_the_one_writer() {
    let j = journey();
    let b = board(&j, &card(&j));
    assert_eq!(b.items[0].csv_row, b.items[0].cells());
    assert_eq!(b.csv_header, CSV_COLUMNS);
    let first = b.items[0].cells();
    assert_eq!(
        first,
        [
            "1",
            "pain point",
            "Touchpoint a",
            "Report",
            "Contact centre",
            "phone",
            "service",
            "observed",
            "100",
            "65",
            "-30",
            "4",
            "score"
        ]
    );
    let csv = b.csv();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], CSV_COLUMNS.join(","));
    assert_eq!(lines.len(), 1 + b.items.len());
    // The writer neutralises formula-like text and quotes.
    assert!(
        lines[3].contains(",'=Offer a virtual card,"),
        "{}",
        lines[3]
    );
    assert!(
        lines[5].contains("\"Nobody owns this, \"\"really\"\"\""),
        "{}",
        lines[5]
    );
}

#[test]
fn a_touchpoint_with_an_open_pain_point_note_is_on_the_board() {
    let mut j = journey();
    // e is neither flagged by its scores nor in a board lane: off the board…
    let b = board(&j, &card(&j));
    let e_key = format!("pain_point:{}", id(E));
    assert!(!keys(&b).contains(&e_key));
    // …until someone writes a pain-point note on it; its votes are e's.
    j.annotations.push(note(
        0x7,
        AnnotationKind::PainPoint,
        "Customers hang up here",
        Target::Touchpoint(id(E)),
        3,
    ));
    j.normalize();
    let b = board(&j, &card(&j));
    let item = b
        .items
        .iter()
        .find(|i| i.key == e_key)
        .expect("e on the board");
    assert_eq!(item.kind, ItemKind::PainPoint);
    assert_eq!(item.source, ItemSource::Note);
    assert_eq!((item.touchpoint, item.note), (Some(id(E)), Some(id(0x7))));
    assert_eq!(item.title, "Touchpoint e");
    assert_eq!((item.votes, item.priority), (3, Some(8)));
    // Not a second item for the note itself.
    assert!(!keys(&b).contains(&format!("note:{}", id(0x7))));
    // A resolved note takes it off again.
    j.annotations.last_mut().unwrap().resolved = true;
    assert!(!keys(&board(&j, &card(&j))).contains(&e_key));
}

#[test]
fn figures_round_to_two_decimals() {
    assert_eq!(two_decimals(12.345_6), "12.35");
    assert_eq!(two_decimals(12.0), "12");
    assert_eq!(two_decimals(-0.001), "0");
    assert_eq!(two_decimals(-3.5), "-3.5");
}

#[test]
fn items_carry_their_touchpoint_and_stage_targets() {
    use waymark_core::{Kpi, KpiTarget};
    let mut j = journey();
    let a = j.touchpoints.iter_mut().find(|t| t.id == id(A)).unwrap();
    a.targets.nps = KpiTarget::parse(Kpi::Nps, ">=30").ok();
    let s2 = j.stages.iter_mut().find(|s| s.id == id(S2)).unwrap();
    s2.targets.csat = KpiTarget::parse(Kpi::Csat, ">=80").ok();
    let b = board(&j, &card(&j));
    let texts = |key: String| -> Vec<String> {
        let item = b.items.iter().find(|i| i.key == key).unwrap();
        item.targets.iter().map(|t| t.text.clone()).collect()
    };
    let stage = "Stage Replace: CSAT – · target ≥ 80 not measured".to_string();
    assert_eq!(
        texts(format!("pain_point:{}", id(A))),
        ["NPS – · target ≥ 30 not measured"]
    );
    // c sits in the stage; the note is about the stage itself.
    for key in [format!("pain_point:{}", id(C)), format!("note:{}", id(0x3))] {
        assert_eq!(texts(key), [stage.as_str()]);
    }
    assert!(texts(format!("pain_point:{}", id(B))).is_empty());
}

/// The board of [`journey`], with a pain-point note on e, as JSON for the
/// UI's tests (`ui/src/lib/generated/fixtures/board.json`).
#[test]
fn board_fixture_for_the_ui_is_current() {
    let mut j = journey();
    j.annotations.push(note(
        0x7,
        AnnotationKind::PainPoint,
        "Customers hang up here",
        Target::Touchpoint(id(E)),
        3,
    ));
    j.normalize();
    let b = board(&j, &card(&j));
    let text = serde_json::to_string_pretty(&b).unwrap() + "\n";
    waymark_core::generated::check_or_bless("ui/src/lib/generated/fixtures/board.json", &text);
}
