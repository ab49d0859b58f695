//! Entities a concurrent edit leaves without a home: two replicas edit
//! apart, merge, and the homeless entity is listed, then put back.

use waymark_core::doc::{new_doc, read_journey, write_journey};
use waymark_core::order::key_between;
use waymark_core::orphans::{self, Lost, OrphanKind, RehomeError};
use waymark_core::synth::{journey as synth_journey, Size};
use waymark_core::{validate, Annotation, Connection, Journey, Target, Touchpoint};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, Update};

fn sync(from: &Doc, to: &Doc) {
    let sv = to.transact().state_vector();
    let update = from.transact().encode_diff_v1(&sv);
    to.transact_mut()
        .apply_update(Update::decode_v1(&update).unwrap())
        .unwrap();
}

fn replica(of: &Doc) -> Doc {
    let d = Doc::new();
    sync(of, &d);
    d
}

fn base() -> Journey {
    synth_journey(
        Size {
            stages: 3,
            lanes: 2,
            touchpoints: 6,
            annotations: 0,
        },
        11,
    )
}

fn edit(doc: &Doc, f: impl FnOnce(&mut Journey)) {
    let mut j = read_journey(doc).journey;
    f(&mut j);
    write_journey(doc, &j);
}

fn merge(a: &Doc, b: &Doc) {
    sync(a, b);
    sync(b, a);
}

fn homeless(doc: &Doc) -> Vec<orphans::Orphan> {
    let p = read_journey(doc);
    orphans::find(&doc.transact(), &p.journey)
}

fn delete_stage(j: &mut Journey, stage: uuid::Uuid) {
    j.stages.retain(|s| s.id != stage);
    j.touchpoints.retain(|t| t.stage != stage);
}

/// A touchpoint added to a stage deleted at the same time, with a note on
/// it and an arrow to it.
#[test]
fn a_touchpoint_added_to_a_deleted_stage_is_listed_and_put_back() {
    let base = base();
    let a = new_doc(&base);
    let b = replica(&a);
    let doomed = base.stages[2].id;
    let keep = base.stages[0].id;
    edit(&a, |j| delete_stage(j, doomed));
    let tp = uuid::Uuid::new_v4();
    let note = uuid::Uuid::new_v4();
    let arrow = uuid::Uuid::new_v4();
    edit(&b, |j| {
        j.touchpoints.push(Touchpoint {
            id: tp,
            stage: doomed,
            lane: base.lanes[1].id,
            order: "V".into(),
            title: "Added while apart".into(),
            ..Touchpoint::default()
        });
        j.annotations.push(Annotation {
            id: note,
            text: "on the new card".into(),
            created_at: "2026-12-06T04:00:00Z".into(),
            target: Target::Touchpoint(tp),
            ..Annotation::default()
        });
        j.connections.push(Connection {
            id: arrow,
            from: base.touchpoints[0].id,
            to: tp,
            label: "then".into(),
        });
    });
    merge(&a, &b);

    let p = read_journey(&a);
    assert!(p.journey.touchpoint(tp).is_none(), "hidden from readers");
    assert!(validate(&p.journey).is_empty());
    let found = homeless(&a);
    assert_eq!(found, homeless(&b), "both replicas list the same");
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        (found[0].kind, found[0].id, found[0].lost),
        (OrphanKind::Touchpoint, tp, Lost::Stage)
    );
    assert_eq!(found[0].label, "Added while apart");
    assert_eq!(
        (found[1].kind, found[1].lost, found[1].waits_for),
        (OrphanKind::Note, Lost::Waiting, Some(tp))
    );
    assert_eq!(
        (found[2].kind, found[2].lost, found[2].waits_for),
        (OrphanKind::Arrow, Lost::Waiting, Some(tp))
    );
    assert_eq!(
        orphans::summary(&found).as_deref(),
        Some("1 touchpoint lost its stage in a concurrent edit")
    );

    // The note waits for its touchpoint: it cannot be put back alone.
    let err = orphans::rehome(&mut a.transact_mut(), &p.journey, note, keep, None).unwrap_err();
    assert!(matches!(err, RehomeError::Waits { touchpoint, .. } if touchpoint == tp));

    let put = orphans::rehome(&mut a.transact_mut(), &p.journey, tp, keep, None).unwrap();
    assert_eq!(put.id, tp);
    let after = read_journey(&a).journey;
    let t = after.touchpoint(tp).expect("visible again");
    assert_eq!(
        (t.stage, t.lane),
        (keep, base.lanes[1].id),
        "keeps its lane"
    );
    let cell_last = after
        .touchpoints
        .iter()
        .rfind(|x| x.stage == keep && x.lane == t.lane)
        .unwrap();
    assert_eq!(cell_last.id, tp, "put at the end of the cell");
    assert!(after.annotations.iter().any(|n| n.id == note), "note back");
    assert!(
        after.connections.iter().any(|c| c.id == arrow),
        "arrow back"
    );
    assert!(homeless(&a).is_empty());
    assert!(validate(&after).is_empty());
    merge(&a, &b);
    assert_eq!(read_journey(&b).journey, after, "the put-back reaches B");
}

#[test]
fn a_touchpoint_whose_lane_was_deleted_goes_to_the_first_lane_by_default() {
    let base = base();
    let a = new_doc(&base);
    let b = replica(&a);
    let lane = base.lanes[1].id;
    let tp = uuid::Uuid::new_v4();
    edit(&a, |j| {
        j.lanes.retain(|l| l.id != lane);
        j.touchpoints.retain(|t| t.lane != lane);
    });
    edit(&b, |j| {
        j.touchpoints.push(Touchpoint {
            id: tp,
            stage: base.stages[1].id,
            lane,
            order: "V".into(),
            title: "Late card".into(),
            ..Touchpoint::default()
        })
    });
    merge(&a, &b);
    let found = homeless(&a);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].lost, Lost::Lane);
    assert_eq!(
        orphans::summary(&found).as_deref(),
        Some("1 touchpoint lost its lane in a concurrent edit")
    );
    let p = read_journey(&a).journey;
    let missing = uuid::Uuid::new_v4();
    assert_eq!(
        orphans::rehome(
            &mut a.transact_mut(),
            &p,
            tp,
            base.stages[1].id,
            Some(missing)
        ),
        Err(RehomeError::NoLane(missing))
    );
    assert_eq!(
        orphans::rehome(&mut a.transact_mut(), &p, tp, missing, None),
        Err(RehomeError::NoStage(missing))
    );
    orphans::rehome(&mut a.transact_mut(), &p, tp, base.stages[1].id, None).unwrap();
    let t = read_journey(&a).journey.touchpoint(tp).unwrap().clone();
    assert_eq!(t.lane, base.lanes[0].id);
}

#[test]
fn a_note_on_a_deleted_stage_goes_onto_another_stage() {
    let base = base();
    let a = new_doc(&base);
    let b = replica(&a);
    let doomed = base.stages[1].id;
    let note = uuid::Uuid::new_v4();
    edit(&a, |j| delete_stage(j, doomed));
    edit(&b, |j| {
        j.annotations.push(Annotation {
            id: note,
            text: "Why is this stage so long?".into(),
            created_at: "2026-12-06T04:00:00Z".into(),
            target: Target::Stage(doomed),
            ..Annotation::default()
        })
    });
    merge(&a, &b);
    let found = homeless(&a);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].kind, found[0].lost),
        (OrphanKind::Note, Lost::Target)
    );
    assert!(found[0].can_rehome());
    // The fronts read the rule from the list, never repeat it.
    assert_eq!(serde_json::json!(found[0])["can_rehome"], true);
    assert_eq!(
        orphans::summary(&found).as_deref(),
        Some("1 note lost what it was on in a concurrent edit")
    );
    let p = read_journey(&a).journey;
    orphans::rehome(&mut a.transact_mut(), &p, note, base.stages[2].id, None).unwrap();
    let after = read_journey(&a).journey;
    let n = after.annotations.iter().find(|n| n.id == note).unwrap();
    assert_eq!(n.target, Target::Stage(base.stages[2].id));
    assert!(validate(&after).is_empty());
}

#[test]
fn an_arrow_to_a_deleted_touchpoint_is_listed_but_cannot_come_back() {
    let base = base();
    let a = new_doc(&base);
    let b = replica(&a);
    let gone = base.touchpoints[1].id;
    let arrow = uuid::Uuid::new_v4();
    edit(&a, |j| j.touchpoints.retain(|t| t.id != gone));
    edit(&b, |j| {
        j.connections.push(Connection {
            id: arrow,
            from: base.touchpoints[0].id,
            to: gone,
            label: String::new(),
        })
    });
    merge(&a, &b);
    let found = homeless(&a);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].kind, found[0].lost),
        (OrphanKind::Arrow, Lost::End)
    );
    assert!(!found[0].can_rehome());
    assert_eq!(serde_json::json!(found[0])["can_rehome"], false);
    assert_eq!(
        orphans::summary(&found).as_deref(),
        Some("1 arrow lost an end in a concurrent edit")
    );
    let p = read_journey(&a).journey;
    assert_eq!(
        orphans::rehome(&mut a.transact_mut(), &p, arrow, base.stages[0].id, None),
        Err(RehomeError::EndGone(arrow))
    );
}

#[test]
fn a_visible_entity_is_not_homeless_and_nothing_is_written() {
    let base = base();
    let a = new_doc(&base);
    let before = a.transact().state_vector();
    let tp = base.touchpoints[0].id;
    assert_eq!(
        orphans::rehome(&mut a.transact_mut(), &base, tp, base.stages[0].id, None),
        Err(RehomeError::NotHomeless(tp))
    );
    assert_eq!(a.transact().state_vector(), before);
    assert!(homeless(&a).is_empty());
    assert_eq!(orphans::summary(&[]), None);
}

#[test]
fn the_summary_counts_each_kind() {
    let base = base();
    let a = new_doc(&base);
    let b = replica(&a);
    let doomed = base.stages[2].id;
    edit(&a, |j| delete_stage(j, doomed));
    let last = base.touchpoints.last().unwrap().order.clone();
    edit(&b, |j| {
        for i in 0..2 {
            j.touchpoints.push(Touchpoint {
                id: uuid::Uuid::new_v4(),
                stage: doomed,
                lane: base.lanes[0].id,
                order: key_between(Some(&last), None).unwrap() + &"1".repeat(i),
                title: format!("Card {i}"),
                ..Touchpoint::default()
            });
        }
        j.annotations.push(Annotation {
            id: uuid::Uuid::new_v4(),
            text: "on the stage".into(),
            created_at: "2026-12-06T04:00:00Z".into(),
            target: Target::Stage(doomed),
            ..Annotation::default()
        });
    });
    merge(&a, &b);
    assert_eq!(
        orphans::summary(&homeless(&a)).as_deref(),
        Some("2 touchpoints lost their stage, 1 note lost what it was on in a concurrent edit")
    );
}
