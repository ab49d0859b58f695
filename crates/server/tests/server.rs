//! The server against a real socket on 127.0.0.1:0 and a temporary library.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use waymark_api::Library;
use waymark_server::{start, ServerConfig};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Text, Transact, Update};

#[tokio::test]
async fn commands_and_raw_routes_serve_the_backend_interface() {
    let f = fixture().await;
    let addr = f.server.addr();
    let auth = bearer(&f);
    let h = [("Authorization", auth.as_str())];

    let templates = rpc(&f, "list_templates", serde_json::Value::Null).await;
    assert_eq!(templates.status, 200);
    let name = templates.json()[0]["name"].as_str().unwrap().to_string();

    let body = serde_json::json!({ "template": name, "title": "From the browser" });
    let created = rpc(&f, "create_map", body).await;
    assert_eq!(created.status, 200);
    let id = created.json().as_str().unwrap().to_string();

    let maps = rpc(&f, "list_maps", serde_json::json!({})).await;
    assert_eq!(maps.status, 200);
    assert_eq!(maps.json()[0]["id"], id.as_str());
    assert_eq!(maps.json()[0]["title"], "From the browser");

    // The state is the library's, byte for byte.
    let state = http(addr, "GET", &format!("/api/maps/{id}/state"), &h, b"").await;
    assert_eq!(state.status, 200);
    assert_eq!(state.body, f.library.encode_state(&id).unwrap());

    // An update made on a replica is durable once the 204 is back.
    let doc = Doc::new();
    let text = doc.get_or_insert_text("scratch");
    let update = {
        let mut txn = doc.transact_mut();
        txn.apply_update(Update::decode_v1(&state.body).unwrap())
            .unwrap();
        let sv = txn.state_vector();
        text.push(&mut txn, "over http");
        txn.encode_diff_v1(&sv)
    };
    let r = http(addr, "POST", &format!("/api/maps/{id}/update"), &h, &update).await;
    assert_eq!(r.status, 204);
    assert_eq!(scratch(&f.library.encode_state(&id).unwrap()), "over http");

    // A malformed update is refused with the API's error shape.
    let bad = http(
        addr,
        "POST",
        &format!("/api/maps/{id}/update"),
        &h,
        &[0xff, 0xff, 0xff],
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["code"], "invalid");

    let missing = http(addr, "GET", "/api/maps/nope/state", &h, b"").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["code"], "not_found");

    let v = rpc(
        &f,
        "create_version",
        serde_json::json!({ "id": id, "label": "before workshop" }),
    )
    .await;
    assert_eq!(v.status, 200);
    let versions = rpc(&f, "list_versions", serde_json::json!({ "id": id })).await;
    assert_eq!(versions.json()[0]["label"], "before workshop");

    // Unknown commands and requests that do not fit are coded errors.
    let r = rpc(&f, "format_disk", serde_json::json!({})).await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (404, "not_found".into())
    );
    let r = http(addr, "POST", "/api/rpc/list_versions", &h, b"{").await;
    assert_eq!(
        (r.status, r.json()["code"].clone()),
        (400, "invalid".into())
    );
    // Files by path are the desktop's: the server's disk is not offered.
    let r = rpc(
        &f,
        "export_map",
        serde_json::json!({ "id": id, "format": "csv", "path": "/tmp/x.csv" }),
    )
    .await;
    assert_eq!(r.status, 501);
    assert_eq!(r.json()["code"], "unsupported");
}

#[tokio::test]
async fn board_command_returns_the_library_board() {
    let f = fixture().await;
    let addr = f.server.addr();
    let id = f.library.create_map(Some("bank-lost-card"), None).unwrap();
    let board = rpc(&f, "map_board", serde_json::json!({ "id": id })).await;
    assert_eq!(board.status, 200);
    let expected = serde_json::to_string(&f.library.board(&id).unwrap()).unwrap();
    assert_eq!(
        board.json(),
        serde_json::from_str::<serde_json::Value>(&expected).unwrap()
    );
    assert!(!board.json()["items"].as_array().unwrap().is_empty());
    let missing = rpc(&f, "map_board", serde_json::json!({ "id": "nope" })).await;
    assert_eq!(missing.status, 404);
    let no_auth = http(addr, "POST", "/api/rpc/map_board", &[], b"").await;
    assert_eq!(no_auth.status, 401);
}

#[tokio::test]
async fn score_and_explain_commands_return_the_library_numbers() {
    let f = fixture().await;
    let addr = f.server.addr();
    let id = f.library.create_map(Some("bank-lost-card"), None).unwrap();
    let card = rpc(&f, "score_map", serde_json::json!({ "id": id })).await;
    assert_eq!(card.status, 200);
    // Both sides through the same JSON text, so floats parse alike.
    let expected = serde_json::to_string(&f.library.score(&id).unwrap()).unwrap();
    assert_eq!(
        card.json(),
        serde_json::from_str::<serde_json::Value>(&expected).unwrap()
    );
    let brief = rpc(
        &f,
        "score_map",
        serde_json::json!({ "id": id, "brief": true }),
    )
    .await;
    assert_eq!(brief.status, 200);
    assert_eq!(
        brief.json()["touchpoints"][0]["factors"],
        serde_json::json!([])
    );
    assert_eq!(brief.json()["stages"], card.json()["stages"]);
    let tp = card.json()["touchpoints"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let card_tp = card.json()["touchpoints"][0].clone();
    let ex = rpc(
        &f,
        "explain_touchpoint",
        serde_json::json!({ "id": id, "touchpoint": tp }),
    )
    .await;
    assert_eq!(ex.status, 200);
    assert_eq!(ex.json()["score"], card_tp);
    // With answers: a browser gets the quotes, never the raw answers.
    f.library
        .import_responses(
            &id,
            "a.csv",
            &format!("touchpoint,respondent,date,metric,scale,value,comment\n{tp},r1,2026-03-01,csat,csat,1,Terrible wait.\n"),
        )
        .unwrap();
    let ex = rpc(
        &f,
        "explain_touchpoint",
        serde_json::json!({ "id": id, "touchpoint": tp }),
    )
    .await;
    assert_eq!(ex.json()["quotes"], serde_json::json!(["Terrible wait."]));
    assert_eq!(ex.json()["responses"], serde_json::json!([]));
    assert_eq!(f.library.explain(&id, &tp).unwrap().responses.len(), 1);
    let bad = rpc(
        &f,
        "explain_touchpoint",
        serde_json::json!({ "id": id, "touchpoint": "nope" }),
    )
    .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["code"], "invalid");
    let no_auth = http(addr, "POST", "/api/rpc/score_map", &[], b"").await;
    assert_eq!(no_auth.status, 401);
}

#[tokio::test]
async fn token_host_and_origin_are_checked() {
    let f = fixture().await;
    let addr = f.server.addr();
    let token = f.server.token().to_string();
    assert!(token.len() >= 32, "at least 128 bits");

    let none = http(addr, "POST", "/api/rpc/list_maps", &[], b"").await;
    assert_eq!(none.status, 401);
    assert!(none.body.is_empty(), "no detail on a refusal");
    let wrong = http(addr, "POST", "/api/rpc/list_maps?token=0123", &[], b"").await;
    assert_eq!(wrong.status, 401);
    let wrong_bearer = http(
        addr,
        "POST",
        "/api/rpc/list_maps",
        &[("Authorization", "Bearer 00000000000000000000000000000000")],
        b"",
    )
    .await;
    assert_eq!(wrong_bearer.status, 401);
    let ws_without = http(addr, "GET", "/ws/anything", &[], b"").await;
    assert_eq!(ws_without.status, 401);

    let ok = http(
        addr,
        "POST",
        &format!("/api/rpc/list_maps?token={token}"),
        &[],
        b"",
    )
    .await;
    assert_eq!(ok.status, 200);

    let auth = bearer(&f);
    let own_origin = format!("http://{addr}");
    let same = http(
        addr,
        "POST",
        "/api/rpc/list_maps",
        &[("Authorization", &auth), ("Origin", &own_origin)],
        b"",
    )
    .await;
    assert_eq!(same.status, 200);
    let evil = http(
        addr,
        "POST",
        "/api/rpc/list_maps",
        &[("Authorization", &auth), ("Origin", "http://evil.example")],
        b"",
    )
    .await;
    assert_eq!(evil.status, 403);
    let other_port = http(
        addr,
        "POST",
        "/api/rpc/list_maps",
        &[("Authorization", &auth), ("Origin", "http://127.0.0.1:1")],
        b"",
    )
    .await;
    assert_eq!(other_port.status, 403);
    let rebound = http(
        addr,
        "POST",
        "/api/rpc/list_maps",
        &[("Authorization", &auth), ("Host", "evil.example")],
        b"",
    )
    .await;
    assert_eq!(rebound.status, 403);
}

#[tokio::test]
async fn two_websocket_clients_converge_and_the_library_keeps_it() {
    let f = fixture().await;
    let map = create_map(&f).await;
    let title_state = f.library.encode_state(&map).unwrap();

    let mut a = Client::connect(&f, &map).await;
    let mut b = Client::connect(&f, &map).await;
    // Both receive the map from the library first.
    let has_map = |d: &Doc| d.transact().state_vector() != StateVector::default();
    a.sync_until(has_map).await;
    b.sync_until(has_map).await;

    a.write("hello").await;
    b.sync_until(|d| Client::text(d) == "hello").await;
    b.write(" world").await;
    a.sync_until(|d| Client::text(d) == "hello world").await;
    b.sync_until(|d| Client::text(d) == "hello world").await;

    // A late joiner gets everything.
    let mut c = Client::connect(&f, &map).await;
    c.sync_until(|d| Client::text(d) == "hello world").await;
    assert_ne!(f.library.encode_state(&map).unwrap(), title_state);

    drop((a, b, c));
    let Fixture {
        _dir,
        path,
        library,
        server,
    } = f;
    server.shutdown().await.unwrap();
    drop(library);
    let reopened = Library::open(&path).unwrap();
    assert_eq!(
        scratch(&reopened.encode_state(&map).unwrap()),
        "hello world"
    );
}

#[tokio::test]
async fn oversized_and_garbage_messages_close_only_that_connection() {
    let f = fixture().await;
    let map = create_map(&f).await;
    let before = f.library.encode_state(&map).unwrap();

    let mut big = Client::connect(&f, &map).await;
    let mut payload = Message::Sync(SyncMessage::Update(vec![0u8; 2 << 20])).encode_v1();
    payload.truncate(2 << 20);
    let _ = big.ws.send(WsMessage::Binary(payload.into())).await;
    big.closed().await;

    // A sync update whose payload is not a Yjs update.
    let mut bad_update = Client::connect(&f, &map).await;
    bad_update
        .ws
        .send(WsMessage::Binary(
            vec![0, 2, 4, 0xff, 0xff, 0xff, 0xff].into(),
        ))
        .await
        .unwrap();
    bad_update.closed().await;

    // Bytes that are not a y-websocket message at all.
    let mut garbage = Client::connect(&f, &map).await;
    garbage
        .ws
        .send(WsMessage::Binary(vec![0xff, 0xff, 0xff].into()))
        .await
        .unwrap();
    garbage.closed().await;

    // Text frames are not part of the protocol.
    let mut text = Client::connect(&f, &map).await;
    text.ws.send(WsMessage::Text("hi".into())).await.unwrap();
    text.closed().await;

    assert_eq!(f.library.encode_state(&map).unwrap(), before);

    // The server still serves the map to a well-behaved client.
    let mut ok = Client::connect(&f, &map).await;
    ok.write("still here").await;
    ok.sync_until(|d| Client::text(d) == "still here").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while scratch(&f.library.encode_state(&map).unwrap()) != "still here" {
        assert!(tokio::time::Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_flood_of_messages_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let library = Arc::new(Library::open(&dir.path().join("lib.db")).unwrap());
    let config = ServerConfig {
        rate_per_sec: 5.0,
        rate_burst: 10.0,
        ..ServerConfig::default()
    };
    let server = start(library.clone(), config).await.unwrap();
    let map = library.create_map(None, Some("Flood")).unwrap();
    let url = format!("ws://{}/ws/{map}?token={}", server.addr(), server.token());
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let query = Message::AwarenessQuery.encode_v1();
    let mut closed = false;
    for _ in 0..200 {
        if ws
            .send(WsMessage::Binary(query.clone().into()))
            .await
            .is_err()
        {
            closed = true;
            break;
        }
    }
    if !closed {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            match tokio::time::timeout_at(deadline, ws.next()).await.unwrap() {
                None | Some(Err(_)) | Some(Ok(WsMessage::Close(_))) => break,
                Some(Ok(_)) => {}
            }
        }
    }
}

#[tokio::test]
async fn websocket_needs_the_token_and_an_existing_map() {
    let f = fixture().await;
    let map = create_map(&f).await;
    let url = format!("ws://{}/ws/{map}?token=wrong", f.server.addr());
    assert!(tokio_tungstenite::connect_async(url).await.is_err());
    let url = format!(
        "ws://{}/ws/no-such-map?token={}",
        f.server.addr(),
        f.server.token()
    );
    assert!(tokio_tungstenite::connect_async(url).await.is_err());
}

#[tokio::test]
async fn http_updates_restores_and_renames_reach_the_room() {
    let f = fixture().await;
    let map = create_map(&f).await;
    let auth = bearer(&f);
    let h = [("Authorization", auth.as_str())];
    let v = rpc(
        &f,
        "create_version",
        serde_json::json!({ "id": map, "label": "clean" }),
    )
    .await;
    assert_eq!(v.status, 200);

    let mut a = Client::connect(&f, &map).await;
    a.sync_until(|d| d.transact().state_vector() != StateVector::default())
        .await;

    // An update POSTed by an HTTP replica (the browser UI) is relayed.
    let state = f.library.encode_state(&map).unwrap();
    let replica = Doc::new();
    let text = replica.get_or_insert_text("scratch");
    let update = {
        let mut txn = replica.transact_mut();
        txn.apply_update(Update::decode_v1(&state).unwrap())
            .unwrap();
        let sv = txn.state_vector();
        text.push(&mut txn, "from http");
        txn.encode_diff_v1(&sv)
    };
    let r = http(
        f.server.addr(),
        "POST",
        &format!("/api/maps/{map}/update"),
        &h,
        &update,
    )
    .await;
    assert_eq!(r.status, 204);
    a.sync_until(|d| Client::text(d) == "from http").await;

    // A restore is relayed as the full state: the room follows the map.
    let r = rpc(
        &f,
        "restore_version",
        serde_json::json!({ "id": map, "version": "clean" }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let expected = state_vector(&f.library.encode_state(&map).unwrap());
    a.sync_until(|d| d.transact().state_vector() == expected)
        .await;

    // A rename is an edit of the map like any other: the room receives it.
    let r = rpc(
        &f,
        "rename_map",
        serde_json::json!({ "id": map, "title": "Renamed live" }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let expected = state_vector(&f.library.encode_state(&map).unwrap());
    a.sync_until(|d| d.transact().state_vector() == expected)
        .await;
}

fn state_vector(state: &[u8]) -> StateVector {
    let d = Doc::new();
    d.transact_mut()
        .apply_update(Update::decode_v1(state).unwrap())
        .unwrap();
    let sv = d.transact().state_vector();
    sv
}

/// A figure, not a gate: how long 300 updates take from one client to
/// another through the server, each persisted on the way.
#[tokio::test]
async fn relay_throughput() {
    let f = fixture().await;
    let map = create_map(&f).await;
    let mut a = Client::connect(&f, &map).await;
    let mut b = Client::connect(&f, &map).await;
    let has_map = |d: &Doc| d.transact().state_vector() != StateVector::default();
    a.sync_until(has_map).await;
    b.sync_until(has_map).await;
    let n = 300;
    let start = std::time::Instant::now();
    for _ in 0..n {
        a.write("x").await;
    }
    b.sync_until(|d| Client::text(d).len() == n).await;
    let took = start.elapsed();
    eprintln!(
        "relay: {n} updates persisted and relayed in {:?} ({:.0}/s)",
        took,
        n as f64 / took.as_secs_f64()
    );
}

#[tokio::test]
async fn library_commands_rename_duplicate_trash_and_import() {
    let f = fixture().await;
    let id = create_map(&f).await;
    let listed = |r: &Reply| -> Vec<String> {
        r.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["title"].as_str().unwrap().to_string())
            .collect()
    };

    let r = rpc(
        &f,
        "rename_map",
        serde_json::json!({ "id": id, "title": "Renamed" }),
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["title"], "Renamed");
    let r = rpc(
        &f,
        "rename_map",
        serde_json::json!({ "id": id, "title": " " }),
    )
    .await;
    assert_eq!(r.status, 400);

    let one = serde_json::json!({ "id": id });
    let r = rpc(&f, "duplicate_map", one.clone()).await;
    assert_eq!(r.status, 200);
    let copy = r.json().as_str().unwrap().to_string();
    assert_eq!(f.library.journey(&copy).unwrap().title, "Renamed (copy)");

    let r = rpc(&f, "trash_map", one.clone()).await;
    assert_eq!((r.status, r.json()), (200, serde_json::Value::Null));
    let maps = rpc(&f, "list_maps", serde_json::Value::Null).await;
    assert_eq!(listed(&maps), vec!["Renamed (copy)"]);
    let r = rpc(&f, "untrash_map", one.clone()).await;
    assert_eq!(r.status, 200);
    let maps = rpc(&f, "list_maps", serde_json::Value::Null).await;
    assert_eq!(listed(&maps).len(), 2);

    let r = rpc(&f, "mark_opened", one.clone()).await;
    assert_eq!(r.status, 200);
    assert!(f.library.map_summary(&id).unwrap().opened_at.is_some());

    let strips = rpc(&f, "map_strips", serde_json::Value::Null).await;
    assert_eq!(strips.status, 200);
    assert_eq!(strips.json().as_array().unwrap().len(), 2);

    let body = serde_json::json!({
        "name": "trip.mmd",
        "content": "journey\n  title Trip\n  section Book\n    Search: 4: Me\n"
    });
    let r = rpc(&f, "import_map", body).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let imported = r.json().as_str().unwrap().to_string();
    assert_eq!(f.library.journey(&imported).unwrap().title, "Trip");
    let body = serde_json::json!({ "name": "bad.waymark", "content": "{" });
    let r = rpc(&f, "import_map", body).await;
    assert_eq!(r.status, 400);
    assert!(r.json()["message"]
        .as_str()
        .unwrap()
        .contains("bad.waymark"));
}

#[tokio::test]
async fn analysis_commands_preview_import_report_future_and_compare() {
    let f = fixture().await;
    let addr = f.server.addr();
    let auth = bearer(&f);
    let hj = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    let id = f.library.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = f.library.journey(&id).unwrap().touchpoints[0].id;

    let csv = format!("Step,Customer,Date,KPI,Scale,Score\n{tp},r1,2026-03-01,csat,csat,5\n{tp},r2,2026-03-01,csat,csat,9\n");
    let body = serde_json::json!({ "id": id, "name": "s.csv", "text": csv });
    let r = rpc(&f, "preview_responses", body.clone()).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let p = r.json();
    assert_eq!(p["mapping"]["touchpoint"], "Step");
    assert_eq!(p["errors"][0]["line"], 3);
    assert_eq!(f.library.journey(&id).unwrap().answer_count(), 0);
    let r = rpc(&f, "import_responses", body).await;
    assert_eq!(r.status, 400);
    let good = csv.lines().take(2).collect::<Vec<_>>().join("\n");
    let body =
        serde_json::json!({ "id": id, "name": "s.csv", "text": good, "mapping": p["mapping"] });
    let r = rpc(&f, "import_responses", body).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["added"], 1);
    assert_eq!(f.library.journey(&id).unwrap().answer_count(), 1);

    let r = http(
        addr,
        "POST",
        &format!("/api/maps/{id}/report"),
        &hj,
        br#"{"page_size": "letter", "sections": ["summary"], "company": "Acme", "date": "2026-03-01"}"#,
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with(b"%PDF-"));
    let r = http(
        addr,
        "POST",
        &format!("/api/maps/{id}/report"),
        &hj,
        br#"{"page_size": "a5"}"#,
    )
    .await;
    assert_eq!(r.status, 400);

    let r = http(
        addr,
        "POST",
        &format!("/api/maps/{id}/deck"),
        &hj,
        br#"{"sections": ["title", "summary"], "company": "Acme", "date": "2026-03-01"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert!(r.body.starts_with(b"PK\x03\x04"));
    let r = http(
        addr,
        "POST",
        &format!("/api/maps/{id}/deck"),
        &hj,
        br#"{"sections": ["appendix"]}"#,
    )
    .await;
    assert_eq!(r.status, 400);

    let r = rpc(&f, "create_future_state", serde_json::json!({ "id": id })).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let copy = r.json().as_str().unwrap().to_string();
    let r = rpc(&f, "map_origins", serde_json::json!({ "id": copy })).await;
    assert_eq!(r.json()[0]["source_id"], id.as_str());
    f.library
        .edit(&copy, |j| {
            j.touchpoints[0].title = "Better".into();
            Ok(())
        })
        .unwrap();
    let body = serde_json::json!({ "before": { "map": id }, "after": { "map": copy } });
    let r = rpc(&f, "compare_maps", body).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["changed"], 1);

    // The board's CSV: the browser sends the table, the one writer
    // neutralises formula-like cells.
    let body = serde_json::json!({ "header": ["title", "priority"], "rows": [["@SUM(A1)", "-3"]] });
    let r = rpc(&f, "csv_table", body).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json(), "title,priority\r\n'@SUM(A1),-3\r\n");
}

#[tokio::test]
async fn the_link_route_shows_a_maps_team_sync_link_without_its_token() {
    let f = fixture().await;
    let id = create_map(&f).await;
    let auth = bearer(&f);
    let path = format!("/api/maps/{id}/link");
    let r = http(
        f.server.addr(),
        "GET",
        &path,
        &[("Authorization", &auth)],
        b"",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), serde_json::Value::Null);
    let spec = waymark_api::LinkSpec {
        server: "wss://sync.example.org/yjs".into(),
        room: "team".into(),
        token: Some(waymark_api::Secret::new("s3cr3t")),
        token_via: waymark_api::TokenVia::Header,
        protocol: waymark_api::Protocol::YWebsocket,
    };
    f.library.link_map(&id, &spec).unwrap();
    f.library
        .record_sync(&id, Some(("offline", "cannot connect")))
        .unwrap();
    let r = http(
        f.server.addr(),
        "GET",
        &path,
        &[("Authorization", &auth)],
        b"",
    )
    .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["link"]["room"], "team");
    assert_eq!(v["link"]["has_token"], true);
    assert_eq!(v["status"]["state"], "offline");
    assert_eq!(v["status"]["message"], "cannot connect");
    assert!(!String::from_utf8_lossy(&r.body).contains("s3cr3t"));
    let r = http(
        f.server.addr(),
        "GET",
        "/api/maps/nope/link",
        &[("Authorization", &auth)],
        b"",
    )
    .await;
    assert_eq!(r.status, 404);
}
