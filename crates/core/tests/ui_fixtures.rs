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
            "inputs": t.inputs,
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
