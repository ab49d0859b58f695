//! Fixtures the UI's Vitest suite reads, written from the Rust
//! implementation so the TypeScript side is checked against it rather than
//! against a hand-made copy of these tests. Each test compares with the
//! committed file; `WAYMARK_BLESS=1 cargo test -p waymark-core --test
//! ui_fixtures` rewrites them.
//!
//! * `order.json`: order keys (`key_between`, `spread`, `is_valid_key`) and
//!   a replayable sequence of insertions, for `ui/src/lib/order.test.ts`.
//! * `projection.bin` + `projection.json`: a map state (with a touchpoint
//!   and a note whose stage is gone) and what Rust's projection shows of
//!   it, in the shape of the UI's `JourneyView`, for
//!   `ui/src/lib/doc/journey.test.ts`.

use serde_json::{json, Value};
use waymark_core::doc::{read_journey, write_journey};
use waymark_core::generated::{check_or_bless, check_or_bless_bytes};
use waymark_core::order::{is_valid_key, key_between, spread, OrderError};
use waymark_core::{Annotation, AnnotationKind, Id, Journey, Target, Touchpoint};
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, ReadTxn, StateVector, Transact};

const DIR: &str = "ui/src/lib/generated/fixtures";

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap() + "\n"
}

fn between(before: Option<&str>, after: Option<&str>) -> Value {
    let result = match key_between(before, after) {
        Ok(k) => json!({ "key": k }),
        Err(OrderError::Invalid(_)) => json!({ "error": "invalid" }),
        Err(OrderError::NotAscending(..)) => json!({ "error": "not-ascending" }),
    };
    json!({ "before": before, "after": after, "result": result })
}

#[test]
fn order_keys_fixture_is_current() {
    let pairs: [(Option<&str>, Option<&str>); 16] = [
        (None, None),
        (Some("V"), None),
        (None, Some("V")),
        (Some("a"), Some("b")),
        (Some("a"), Some("a1")),
        (Some("z"), None),
        (None, Some("1")),
        (Some("0V"), Some("1")),
        (Some("zzz"), None),
        (None, Some("01")),
        (Some("Az"), Some("B")),
        (Some("b"), Some("a")),
        (Some("a"), Some("a")),
        (Some("a0"), None),
        (Some("a-"), None),
        (None, Some("")),
    ];
    let cases: Vec<Value> = pairs.iter().map(|(b, a)| between(*b, *a)).collect();
    let spreads: Vec<Value> = [0usize, 1, 2, 3, 30, 61, 62, 100]
        .iter()
        .map(|&n| json!({ "n": n, "keys": spread(n) }))
        .collect();
    let valid: Vec<Value> = ["aZ9", "", "10", "a b", "é", "V", "0", "z1"]
        .iter()
        .map(|k| json!({ "key": k, "valid": is_valid_key(k) }))
        .collect();
    // Insertions at positions from a fixed linear congruential sequence: the
    // UI replays the positions and must get the same keys.
    let mut keys: Vec<String> = Vec::new();
    let mut inserts = Vec::new();
    let mut state: u64 = 42;
    for _ in 0..300 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let i = ((state >> 33) as usize) % (keys.len() + 1);
        let before = i.checked_sub(1).map(|j| keys[j].as_str());
        let after = keys.get(i).map(String::as_str);
        let k = key_between(before, after).unwrap();
        inserts.push(json!({ "at": i, "key": k }));
        keys.insert(i, k);
    }
    let fixture = json!({
        "between": cases,
        "spread": spreads,
        "valid": valid,
        "inserts": inserts,
    });
    check_or_bless(&format!("{DIR}/order.json"), &pretty(&fixture));
}

/// The journey as the UI's `readJourney` returns it (`JourneyView`).
fn view(j: &Journey) -> Value {
    json!({
        "title": j.title,
        "personas": j.personas.iter().map(|p| json!({
            "id": p.id, "order": p.order, "name": p.name, "role": p.role,
            "goals": p.goals, "frustrations": p.frustrations, "quote": p.quote,
        })).collect::<Vec<_>>(),
        "primaryPersona": j.primary_persona,
        "stages": j.stages.iter().map(|s| json!({
            "id": s.id, "order": s.order, "name": s.name, "description": s.description,
        })).collect::<Vec<_>>(),
        "lanes": j.lanes.iter().map(|l| json!({
            "id": l.id, "order": l.order, "name": l.name, "kind": l.kind,
        })).collect::<Vec<_>>(),
        "touchpoints": j.touchpoints.iter().map(|t| json!({
            "id": t.id, "stage": t.stage, "lane": t.lane, "order": t.order, "title": t.title,
            "description": t.description, "channel": t.channel, "owner": t.owner,
            "nature": t.nature, "moment_of_truth": t.moment_of_truth, "evidence": t.evidence,
            "personas": t.personas, "inputs": t.inputs,
        })).collect::<Vec<_>>(),
        "annotations": j.annotations.iter().map(|a| json!({
            "id": a.id, "kind": a.kind, "text": a.text, "author": a.author,
            "created_at": a.created_at, "resolved": a.resolved, "target": a.target,
        })).collect::<Vec<_>>(),
    })
}

#[test]
fn projection_fixture_is_current() {
    // The template with the ids in its file (`load` gives fresh ones).
    let source = waymark_core::templates::source("bank-lost-card").unwrap();
    let mut j = waymark_core::formats::waymark::from_str("bank-lost-card.waymark", source).unwrap();
    // What a concurrent delete leaves behind: both sides hide it.
    let gone = Id::from_u128(0xdead);
    j.touchpoints.push(Touchpoint {
        id: Id::from_u128(0xd1),
        stage: gone,
        lane: j.lanes[0].id,
        order: "V".into(),
        title: "On a deleted stage".into(),
        ..Touchpoint::default()
    });
    j.annotations.push(Annotation {
        id: Id::from_u128(0xd2),
        kind: AnnotationKind::Idea,
        text: "On a deleted stage".into(),
        created_at: "2026-01-01T00:00:00Z".into(),
        target: Target::Stage(gone),
        ..Annotation::default()
    });
    // A fixed client id keeps the encoded state byte-identical between runs.
    let doc = Doc::with_client_id(7);
    write_journey(&doc, &j);
    let state = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let projected = read_journey(&doc).journey;
    assert!(projected.touchpoint(Id::from_u128(0xd1)).is_none());
    assert_eq!(projected.touchpoints.len(), j.touchpoints.len() - 1);
    // Yrs encodes nested values' keys in hash order, so the bytes vary
    // between runs: the committed state is current when it holds the same
    // map, and only rewritten (or reported stale) when it does not.
    let bin = format!("{DIR}/projection.bin");
    let committed = std::fs::read(waymark_core::generated::repo_root().join(&bin)).ok();
    let same_map = committed.is_some_and(|bytes| {
        let d = Doc::new();
        let update = yrs::Update::decode_v1(&bytes);
        update.is_ok_and(|u| d.transact_mut().apply_update(u).is_ok())
            && view(&read_journey(&d).journey) == view(&projected)
            && {
                let tps = d.get_or_insert_map("touchpoints");
                tps.contains_key(&d.transact(), &Id::from_u128(0xd1).to_string())
            }
    });
    if !same_map {
        check_or_bless_bytes(&bin, &state);
    }
    check_or_bless(
        &format!("{DIR}/projection.json"),
        &pretty(&view(&projected)),
    );
}

/// `homeless.json`: what a concurrent stage delete leaves homeless, as the
/// backend's `mapHomeless` returns it (`orphans::find` and `summary`), for
/// the editor's tray tests (`ui/src/lib/doc/homeless.test.ts`).
#[test]
fn homeless_fixture_is_current() {
    use waymark_core::doc::write_journey_diff;
    use waymark_core::orphans::{find, summary};
    use waymark_core::{Connection, Lane, LaneKind, Stage};
    use yrs::Update;

    let id = Id::from_u128;
    let (keep, doomed, lane) = (id(0x51), id(0x52), id(0x71));
    let card = |n: u128, stage: Id, title: &str| Touchpoint {
        id: id(n),
        stage,
        lane,
        order: format!("V{n}"),
        title: title.into(),
        ..Touchpoint::default()
    };
    let note = |n: u128, text: &str, target: Target| Annotation {
        id: id(n),
        kind: AnnotationKind::PainPoint,
        text: text.into(),
        created_at: "2026-01-01T00:00:00Z".into(),
        target,
        ..Annotation::default()
    };
    let mut base = Journey::new("Homeless");
    for (s, order, name) in [(keep, "F", "Discover"), (doomed, "V", "Buy")] {
        base.stages.push(Stage {
            id: s,
            order: order.into(),
            name: name.into(),
            ..Stage::default()
        });
    }
    base.lanes.push(Lane {
        id: lane,
        order: "V".into(),
        name: "Touchpoints".into(),
        kind: LaneKind::Touchpoints,
    });
    base.touchpoints.push(card(0xa, keep, "Search"));
    let ours = Doc::with_client_id(1);
    write_journey(&ours, &base);
    let state = ours
        .transact()
        .encode_state_as_update_v1(&StateVector::default());

    // Someone else, apart: two cards on the stage about to go, a note on one,
    // an arrow to it, a note on the stage.
    let theirs = Doc::with_client_id(2);
    theirs
        .transact_mut()
        .apply_update(Update::decode_v1(&state).unwrap())
        .unwrap();
    let mut j = read_journey(&theirs).journey;
    j.touchpoints.push(card(0xc, doomed, "Added while apart"));
    j.touchpoints.push(card(0xd, doomed, "Compare prices"));
    j.annotations
        .push(note(0xe1, "Too slow", Target::Touchpoint(id(0xc))));
    j.annotations
        .push(note(0xe2, "Nobody owns checkout", Target::Stage(doomed)));
    j.connections.push(Connection {
        id: id(0xf1),
        from: id(0xa),
        to: id(0xc),
        label: "then".into(),
    });
    let before = read_journey(&theirs).journey;
    write_journey_diff(&mut theirs.transact_mut(), &before, &j);
    // Meanwhile we delete the stage (after their card d reached us).
    let mut mine = read_journey(&ours).journey;
    let after_theirs = read_journey(&theirs).journey;
    mine.touchpoints
        .push(after_theirs.touchpoint(id(0xd)).unwrap().clone());
    let seen = read_journey(&ours).journey;
    write_journey_diff(&mut ours.transact_mut(), &seen, &mine);
    let before_delete = read_journey(&ours).journey;
    let mut deleted = before_delete.clone();
    deleted.delete_stage(doomed);
    write_journey_diff(&mut ours.transact_mut(), &before_delete, &deleted);
    let update = theirs
        .transact()
        .encode_diff_v1(&ours.transact().state_vector());
    ours.transact_mut()
        .apply_update(Update::decode_v1(&update).unwrap())
        .unwrap();

    let visible = read_journey(&ours).journey;
    let entities = find(&ours.transact(), &visible);
    assert!(!entities.is_empty());
    let fixture = json!({ "summary": summary(&entities), "entities": entities });
    check_or_bless(&format!("{DIR}/homeless.json"), &pretty(&fixture));
}
