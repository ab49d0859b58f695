//! Workshops on a real server: joining, roles enforced where updates are
//! applied, dot-voting with a budget and hidden votes, limits, the end.

mod common;

use common::*;
use serde_json::json;
use waymark_api::Library;
use waymark_core::model::{Annotation, AnnotationKind, Target};
use waymark_server::ServerConfig;

const TEMPLATE: Option<&str> = Some("bank-lost-card");
const POLICY: u16 = 1008;

fn note(author: &str, text: &str, target: Target) -> Annotation {
    Annotation {
        id: uuid::Uuid::new_v4(),
        kind: AnnotationKind::PainPoint,
        text: text.into(),
        author: author.into(),
        created_at: "2026-11-22T10:00:00Z".into(),
        resolved: false,
        target,
        votes: Default::default(),
    }
}

/// A participant connected to `map`, with the map synced.
async fn participant(f: &Fixture, map: &str, name: &str) -> (String, Client) {
    let token = join(f, name).await;
    let mut c = Client::connect_as(f.server.addr(), map, &token).await;
    c.synced().await;
    (token, c)
}

async fn set_role(f: &Fixture, name: &str, role: &str) {
    let view = call(f, f.server.token(), "GET", "/api/workshop", json!(null)).await;
    let id = view.json()["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = call(
        f,
        f.server.token(),
        "POST",
        &format!("/api/workshop/participants/{id}/role"),
        json!({ "role": role }),
    )
    .await;
    assert_eq!(r.status, 204);
}

/// The browser's y-websocket provider reads the pushed workshop state with
/// lib0's `readVarString`; a second length prefix made it fail in every
/// browser (found by the three-browser Playwright test).
#[tokio::test]
async fn the_workshop_message_reads_as_a_lib0_string() {
    let f = fixture().await;
    let map = create_from(&f, TEMPLATE).await;
    let token = join(&f, "Ana").await;
    let mut c = Client::connect_as(f.server.addr(), &map, &token).await;
    let view = c.workshop_view().await;
    assert_eq!(view["you"]["name"], "Ana");
    assert_eq!(view["ended"], false);
    let mut host = Client::connect(&f, &map).await;
    assert_eq!(host.workshop_view().await["you"]["facilitator"], true);
}

#[tokio::test]
async fn joining_binds_a_name_and_a_token() {
    let f = fixture_with(ServerConfig {
        max_participants: 2,
        ..ServerConfig::default()
    })
    .await;
    let map = create_from(&f, TEMPLATE).await;
    let join_token = f.server.join_token().to_string();

    // The join token opens the page and the join route, nothing of the maps.
    let r = call(&f, &join_token, "POST", "/api/rpc/list_maps", json!(null)).await;
    assert_eq!(r.status, 403);
    let r = call(
        &f,
        &join_token,
        "GET",
        &format!("/api/maps/{map}/state"),
        json!(null),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = call(
        &f,
        &join_token,
        "POST",
        "/api/workshop/join",
        json!({ "name": "  " }),
    )
    .await;
    assert_eq!(r.status, 400);

    let ana = join(&f, "Ana").await;
    assert_eq!(ana.len(), 32, "a 128-bit token");
    let r = call(
        &f,
        &join_token,
        "POST",
        "/api/workshop/join",
        json!({ "name": "ana" }),
    )
    .await;
    assert_eq!(r.status, 409, "names are unique");
    let r = call(
        &f,
        &join_token,
        "POST",
        "/api/workshop/join",
        json!({ "name": "Facilitator" }),
    )
    .await;
    assert_eq!(r.status, 409);
    join(&f, "Ben").await;
    let r = call(
        &f,
        &join_token,
        "POST",
        "/api/workshop/join",
        json!({ "name": "Cy" }),
    )
    .await;
    assert_eq!(r.status, 429, "the workshop is full");

    // A participant reads the map and the workshop, and sees who they are.
    let r = call(
        &f,
        &ana,
        "GET",
        &format!("/api/maps/{map}/state"),
        json!(null),
    )
    .await;
    assert_eq!(r.status, 200);
    let view = call(&f, &ana, "GET", "/api/workshop", json!(null))
        .await
        .json();
    assert_eq!(view["you"]["name"], "Ana");
    assert_eq!(view["you"]["role"], "annotator");
    assert_eq!(view["participants"].as_array().unwrap().len(), 2);
    // ...but creates no maps, versions or restores: that is the facilitator's.
    let r = call(
        &f,
        &ana,
        "POST",
        "/api/rpc/create_map",
        json!({ "template": null, "title": "x" }),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = call(
        &f,
        &ana,
        "POST",
        "/api/rpc/create_version",
        json!({ "id": map, "label": "x" }),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = call(
        &f,
        &ana,
        "POST",
        "/api/workshop/settings",
        json!({ "locked": true }),
    )
    .await;
    assert_eq!(r.status, 403);
    // A made-up token is nobody.
    let r = call(&f, &"0".repeat(32), "GET", "/api/workshop", json!(null)).await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn an_annotator_adds_notes_but_cannot_edit_the_map() {
    let f = fixture_with(ServerConfig::default()).await;
    let map = create_from(&f, TEMPLATE).await;
    let mut host = Client::connect(&f, &map).await;
    host.synced().await;
    let (_, mut ana) = participant(&f, &map, "Ana").await;
    let touchpoint = ana.journey().touchpoints[0].clone();
    let stage = ana.journey().stages[0].id;
    let notes = ana.journey().annotations.len();

    // Her own note on a touchpoint and one on a stage: applied, kept, relayed.
    let mine = note(
        "Ana",
        "card blocked twice",
        Target::Touchpoint(touchpoint.id),
    );
    let on_stage = note("Ana", "why so slow?", Target::Stage(stage));
    let (n1, n2) = (mine.clone(), on_stage.clone());
    ana.edit(|j| j.annotations.extend([n1, n2])).await;
    host.sync_until(|d| waymark_core::doc::read_journey(d).journey.annotations.len() == notes + 2)
        .await;
    let stored = f.library.journey(&map).unwrap();
    assert!(stored
        .annotations
        .iter()
        .any(|a| a.text == "card blocked twice"));

    // Editing the touchpoint's title is refused on the server: the
    // connection closes with the reason and the map is unchanged.
    ana.edit(|j| j.touchpoints[0].title = "hacked".into()).await;
    let (code, reason) = ana.close_frame().await.unwrap();
    assert_eq!(code, POLICY);
    assert!(reason.contains("annotator"), "{reason}");
    let stored = f.library.journey(&map).unwrap();
    assert_eq!(stored.touchpoints[0].title, touchpoint.title);
    assert_eq!(stored.annotations.len(), notes + 2);

    // The same through HTTP: 403.
    let token = join(&f, "Ben").await;
    let mut ben = Client::connect_as(f.server.addr(), &map, &token).await;
    ben.synced().await;
    let update = {
        let before = ben.journey();
        let mut after = before.clone();
        after.stages[0].name = "renamed".into();
        let mut txn = yrs::Transact::transact_mut(&ben.doc);
        waymark_core::doc::write_journey_diff(&mut txn, &before, &after);
        txn.encode_update_v1()
    };
    let auth = format!("Bearer {token}");
    let r = http(
        f.server.addr(),
        "POST",
        &format!("/api/maps/{map}/update"),
        &[("Authorization", &auth)],
        &update,
    )
    .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["code"], "forbidden");

    // Someone else's note, or a note in someone else's name: refused.
    let id = mine.id;
    ben.edit(|j| j.annotations.iter_mut().find(|a| a.id == id).unwrap().text = "not yours".into())
        .await;
    assert_eq!(ben.close_frame().await.unwrap().0, POLICY);
    let mut ben = Client::connect_as(f.server.addr(), &map, &token).await;
    ben.synced().await;
    ben.edit(|j| j.annotations.push(note("Ana", "forged", Target::Map)))
        .await;
    assert_eq!(ben.close_frame().await.unwrap().0, POLICY);
    // Votes written straight into a note: refused (they go through the workshop).
    let mut ben = Client::connect_as(f.server.addr(), &map, &token).await;
    ben.synced().await;
    ben.edit(|j| {
        let a = j.annotations.iter_mut().find(|a| a.id == id).unwrap();
        a.votes.insert("Ben".into(), 5);
    })
    .await;
    assert_eq!(ben.close_frame().await.unwrap().0, POLICY);
    let stored = f.library.journey(&map).unwrap();
    let ours =
        |j: &waymark_core::Journey| j.annotations.iter().find(|a| a.id == id).cloned().unwrap();
    assert!(ours(&stored).votes.is_empty());
    assert!(!stored.annotations.iter().any(|a| a.text == "forged"));

    // As an editor, Ben may edit the map.
    set_role(&f, "Ben", "editor").await;
    let mut ben = Client::connect_as(f.server.addr(), &map, &token).await;
    ben.synced().await;
    ben.edit(|j| j.stages[0].name = "Noticing".into()).await;
    host.sync_until(|d| waymark_core::doc::read_journey(d).journey.stages[0].name == "Noticing")
        .await;

    // A viewer changes nothing; nor anyone while the facilitator locks.
    set_role(&f, "Ben", "viewer").await;
    ben.edit(|j| j.annotations.push(note("Ben", "hello", Target::Map)))
        .await;
    assert!(ben.close_frame().await.unwrap().1.contains("viewer"));
    let r = call(
        &f,
        f.server.token(),
        "POST",
        "/api/workshop/settings",
        json!({ "locked": true }),
    )
    .await;
    assert_eq!(r.status, 200);
    let mut ana = Client::connect_as(f.server.addr(), &map, &join_token_of(&f, "Ana").await).await;
    ana.synced().await;
    ana.edit(|j| j.annotations.push(note("Ana", "late", Target::Map)))
        .await;
    assert!(ana.close_frame().await.unwrap().1.contains("locked"));
    let stored = f.library.journey(&map).unwrap();
    assert_eq!(stored.annotations.len(), notes + 2);
    assert_eq!(stored.stages[0].name, "Noticing");
    assert_eq!(f.library.integrity_check().unwrap(), "ok");
}

/// The token a participant joined with cannot be asked for again; tests keep
/// it by joining under a fresh name instead.
async fn join_token_of(f: &Fixture, name: &str) -> String {
    join(f, &format!("{name} again")).await
}

#[tokio::test]
async fn hidden_votes_stay_on_the_server_until_revealed() {
    let f = fixture_with(ServerConfig::default()).await;
    let map = create_map(&f).await;
    let host_token = f.server.token().to_string();
    let r = call(
        &f,
        &host_token,
        "POST",
        "/api/workshop/settings",
        json!({ "vote_budget": 2, "votes_hidden": true }),
    )
    .await;
    assert_eq!(r.status, 200);
    let (ana_token, mut ana) = participant(&f, &map, "Ana").await;
    let (ben_token, mut ben) = participant(&f, &map, "Ben").await;
    let n = note("Ana", "lost card flow", Target::Map);
    let id = n.id;
    ana.edit(|j| j.annotations.push(n)).await;
    ben.sync_until(|d| voted(d, id).is_some()).await;

    let vote = |token: String, delta: i32| {
        let (f, map) = (&f, map.clone());
        async move { vote_on(f, &token, &map, id, delta).await.status }
    };
    assert_eq!(vote(ana_token.clone(), 1).await, 204);
    assert_eq!(vote(ben_token.clone(), 1).await, 204);
    assert_eq!(vote(ben_token.clone(), 1).await, 204);
    assert_eq!(
        vote(ben_token.clone(), 1).await,
        409,
        "over the budget of 2"
    );
    assert_eq!(vote(ana_token.clone(), -1).await, 204);
    assert_eq!(
        vote(ana_token.clone(), -1).await,
        409,
        "no vote left to take back"
    );
    assert_eq!(vote(ana_token.clone(), 1).await, 204);

    // Nobody's replica, nor the file, holds a vote yet; each participant
    // sees only their own.
    assert!(f
        .library
        .journey(&map)
        .unwrap()
        .annotations
        .iter()
        .all(|a| a.votes.is_empty()));
    let state = call(
        &f,
        &ana_token,
        "GET",
        &format!("/api/maps/{map}/state"),
        json!(null),
    )
    .await;
    assert!(!String::from_utf8_lossy(&state.body).contains("Ben"));
    let view = call(&f, &ana_token, "GET", "/api/workshop", json!(null))
        .await
        .json();
    assert_eq!(view["you"]["hidden_votes"][&map][id.to_string()], 1);
    assert!(!view.to_string().contains("\"Ben\":"), "{view}");

    let r = call(&f, &host_token, "POST", "/api/workshop/reveal", json!(null)).await;
    assert_eq!(r.status, 204);
    let expect = |d: &yrs::Doc| {
        voted(d, id).is_some_and(|v| v.get("Ben") == Some(&2) && v.get("Ana") == Some(&1))
    };
    ana.sync_until(expect).await;
    ben.sync_until(expect).await;
    let j = f.library.journey(&map).unwrap();
    assert_eq!(j.annotations.iter().map(|a| a.vote_count()).sum::<u32>(), 3);
    // Revealed: votes now go straight into the map, still within the budget.
    assert_eq!(vote(ben_token.clone(), 1).await, 409);
    assert_eq!(vote(ana_token.clone(), 1).await, 204);
    ben.sync_until(|d| voted(d, id).is_some_and(|v| v.values().sum::<u32>() == 4))
        .await;
}

/// The votes on note `id` in a replica, once the note is there.
fn voted(d: &yrs::Doc, id: uuid::Uuid) -> Option<std::collections::BTreeMap<String, u32>> {
    let j = waymark_core::doc::read_journey(d).journey;
    j.annotations
        .into_iter()
        .find(|a| a.id == id)
        .map(|a| a.votes)
}

#[tokio::test]
async fn connections_are_limited_per_address_and_in_all() {
    let f = fixture_with(ServerConfig {
        max_connections_per_addr: 2,
        ..ServerConfig::default()
    })
    .await;
    let map = create_map(&f).await;
    let mut a = Client::connect(&f, &map).await;
    let mut b = Client::connect(&f, &map).await;
    a.synced().await;
    b.synced().await;
    let url = format!(
        "ws://{}/ws/{map}?token={}",
        f.server.addr(),
        f.server.token()
    );
    let third = tokio_tungstenite::connect_async(url.clone()).await;
    match third {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => assert_eq!(r.status(), 429),
        other => panic!("a third connection from one address was let in: {other:?}"),
    }
    // A closed connection frees its slot.
    drop(a);
    let mut ok = false;
    for _ in 0..50 {
        if tokio_tungstenite::connect_async(url.clone()).await.is_ok() {
            ok = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(ok, "the slot was not freed");
}

#[tokio::test]
async fn ending_closes_every_connection_and_sums_up() {
    let f = fixture_with(ServerConfig::default()).await;
    let map = create_map(&f).await;
    let (ana_token, mut ana) = participant(&f, &map, "Ana").await;
    let mut host = Client::connect(&f, &map).await;
    host.synced().await;
    let n = note("Ana", "hold music", Target::Map);
    let id = n.id;
    ana.edit(|j| j.annotations.push(n)).await;
    host.sync_until(|d| voted(d, id).is_some()).await;
    let notes = f.library.journey(&map).unwrap().annotations.len();
    let r = call(
        &f,
        &ana_token,
        "POST",
        "/api/workshop/vote",
        json!({ "map": map, "annotation": id, "delta": 1 }),
    )
    .await;
    assert_eq!(r.status, 204);

    let r = call(
        &f,
        f.server.token(),
        "POST",
        "/api/workshop/end",
        json!(null),
    )
    .await;
    assert_eq!(r.status, 200);
    let summary = r.json();
    assert_eq!(summary["maps"][0]["notes"], notes);
    assert_eq!(summary["maps"][0]["votes"], 1);
    assert_eq!(summary["maps"][0]["top"][0]["text"], "hold music");
    assert_eq!(summary["participants"][0]["name"], "Ana");
    assert_eq!(summary["participants"][0]["notes"], 1);
    assert_eq!(summary["participants"][0]["votes"], 1);

    // Her last message before the close says it ended, with the summary.
    let last = loop {
        let v = ana.workshop_view().await;
        if v["ended"] == true {
            break v;
        }
    };
    assert_eq!(last["summary"], summary);
    let (code, _) = ana.close_frame().await.unwrap();
    assert_eq!(code, 4000);
    // Everything is in the file, and a version marks the end.
    let reopened = Library::open(&f.path).unwrap();
    let j = reopened.journey(&map).unwrap();
    assert_eq!(
        j.annotations
            .iter()
            .find(|a| a.id == id)
            .unwrap()
            .vote_count(),
        1
    );
    assert!(reopened
        .versions(&map)
        .unwrap()
        .iter()
        .any(|v| v.label.starts_with("workshop end")));
    // The participant's token no longer opens anything.
    let r = call(
        &f,
        &ana_token,
        "POST",
        "/api/workshop/vote",
        json!({ "map": map, "annotation": id, "delta": 1 }),
    )
    .await;
    assert_eq!(r.status, 410);
    let r = call(
        &f,
        f.server.join_token(),
        "POST",
        "/api/workshop/join",
        json!({ "name": "Late" }),
    )
    .await;
    assert_eq!(r.status, 410);
}

#[tokio::test]
async fn writing_outside_the_map_is_refused() {
    let f = fixture_with(ServerConfig::default()).await;
    let map = create_map(&f).await;
    let (_, mut ana) = participant(&f, &map, "Ana").await;
    ana.write("not part of any map").await;
    let (code, reason) = ana.close_frame().await.unwrap();
    assert_eq!(code, POLICY);
    assert!(reason.contains("outside the map"), "{reason}");
    assert_eq!(scratch(&f.library.encode_state(&map).unwrap()), "");
}

async fn vote_on(f: &Fixture, token: &str, map: &str, note: uuid::Uuid, delta: i32) -> Reply {
    call(
        f,
        token,
        "POST",
        "/api/workshop/vote",
        json!({ "map": map, "annotation": note, "delta": delta }),
    )
    .await
}

#[tokio::test]
async fn votes_are_limited_per_person() {
    let f = fixture_with(ServerConfig {
        votes_per_sec: 0.001,
        vote_burst: 3.0,
        ..ServerConfig::default()
    })
    .await;
    let map = create_map(&f).await;
    let (ana_token, mut ana) = participant(&f, &map, "Ana").await;
    let (ben_token, mut ben) = participant(&f, &map, "Ben").await;
    let n = note("Ana", "hold music", Target::Map);
    let id = n.id;
    ana.edit(|j| j.annotations.push(n)).await;
    ben.sync_until(|d| voted(d, id).is_some()).await;

    for delta in [1, -1, 1] {
        assert_eq!(vote_on(&f, &ana_token, &map, id, delta).await.status, 204);
    }
    let r = vote_on(&f, &ana_token, &map, id, -1).await;
    assert_eq!(r.status, 429);
    assert!(r.json()["message"]
        .as_str()
        .unwrap()
        .contains("too many votes"));
    // Refused means unchanged: her one vote stands.
    let stored = f.library.journey(&map).unwrap();
    let votes = &stored
        .annotations
        .iter()
        .find(|a| a.id == id)
        .unwrap()
        .votes;
    assert_eq!(votes.get("Ana"), Some(&1));
    // The allowance is per person: Ben still votes.
    assert_eq!(vote_on(&f, &ben_token, &map, id, 1).await.status, 204);
}

/// Presence is not a place to pose as someone else: the server writes each
/// participant's own name and colour into what they announce.
#[tokio::test]
async fn presence_carries_the_name_the_token_was_issued_to() {
    let f = fixture().await;
    let map = create_from(&f, TEMPLATE).await;
    let (_, mut mallory) = participant(&f, &map, "Mallory").await;
    let (_, mut ben) = participant(&f, &map, "Ben").await;
    let mut host = Client::connect(&f, &map).await;
    host.synced().await;

    mallory
        .send_presence(
            11,
            1,
            r#"{"name":"Facilitator","facilitator":true,"focus":"x","user":{"name":"Ana"}}"#,
        )
        .await;
    let seen = ben.presence_of(11).await;
    assert_eq!(seen["name"], "Mallory");
    assert_eq!(seen["user"]["name"], "Mallory");
    assert!(seen.get("facilitator").is_none(), "{seen}");
    assert_eq!(seen["focus"], "x", "the rest of the state is kept");

    // The facilitator's own state is passed on as sent.
    host.send_presence(12, 1, r#"{"name":"Facilitator","facilitator":true}"#)
        .await;
    assert_eq!(ben.presence_of(12).await["facilitator"], true);

    // Mallory cannot overwrite the facilitator's client either: Ben next
    // hears the facilitator's own update, not hers.
    mallory
        .send_presence(12, 9, r#"{"name":"Facilitator"}"#)
        .await;
    host.send_presence(
        12,
        2,
        r#"{"name":"Facilitator","facilitator":true,"focus":"s"}"#,
    )
    .await;
    let next = ben.presence_of(12).await;
    assert_eq!(next["focus"], "s", "{next}");
}
