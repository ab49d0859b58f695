//! Through the server: an update sent with the host token that leaves
//! invalid values is merged, answered with what was mended, and the map
//! still exports and re-imports; the homeless list and the put-back routes,
//! with the put-back reaching a replica in the map's room.

mod common;

use common::*;
use waymark_api::ExportFormat;
use waymark_core::doc::read_journey;
use waymark_core::hostile::card_added_while_apart;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map, ReadTxn, Transact, Update};

fn doc_of(state: &[u8]) -> Doc {
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(state).unwrap())
        .unwrap();
    doc
}

#[tokio::test]
async fn a_host_update_with_an_empty_title_and_emotion_99_is_mended_and_reported() {
    let f = fixture().await;
    let id = create_from(&f, Some("bank-lost-card")).await;
    let auth = bearer(&f);
    let h = [("Authorization", auth.as_str())];
    let tp = f.library.journey(&id).unwrap().touchpoints[0]
        .id
        .to_string();

    let update =
        waymark_core::hostile::title_and_emotion_update(&f.library.encode_state(&id).unwrap(), &tp);
    let r = http(
        f.server.addr(),
        "POST",
        &format!("/api/maps/{id}/update"),
        &h,
        &update,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let answer: waymark_server::UpdateRepaired = serde_json::from_value(r.json()).unwrap();
    let paths: Vec<&str> = answer.repaired.iter().map(|p| p.path.as_str()).collect();
    let emotion = format!("touchpoints[{tp}].inputs.emotion");
    assert_eq!(paths, ["meta.title", emotion.as_str()]);

    let j = f.library.journey(&id).unwrap();
    assert_eq!(j.title, "Untitled journey");
    assert_eq!(j.touchpoints[0].inputs.emotion, Some(2));
    let file = f.library.export(&id, ExportFormat::Waymark, None).unwrap();
    let back = f.library.import("back.waymark", &file, None).unwrap();
    assert_eq!(
        f.library
            .export(&back, ExportFormat::Waymark, None)
            .unwrap(),
        file
    );

    // A valid update still answers 204.
    let doc = doc_of(&f.library.encode_state(&id).unwrap());
    let sv = doc.transact().state_vector();
    {
        let mut txn = doc.transact_mut();
        txn.get_map("meta")
            .unwrap()
            .insert(&mut txn, "title", "Named");
    }
    let ok = doc.transact().encode_diff_v1(&sv);
    let r = http(
        f.server.addr(),
        "POST",
        &format!("/api/maps/{id}/update"),
        &h,
        &ok,
    )
    .await;
    assert_eq!(r.status, 204);
}

#[tokio::test]
async fn homeless_entities_are_listed_and_put_back_for_the_room() {
    let f = fixture().await;
    let id = create_from(&f, Some("bank-lost-card")).await;
    let base = f.library.journey(&id).unwrap();
    let doomed = base.stages.last().unwrap().id;
    let mut peer = Client::connect(&f, &id).await;
    peer.synced().await;

    // The peer adds a card to the last stage while the host deletes it.
    let tp = uuid::Uuid::new_v4();
    let lane = base.lanes[0].id;
    let stale = f.library.encode_state(&id).unwrap();
    f.library
        .edit(&id, |j| {
            j.delete_stage(doomed);
            Ok(())
        })
        .unwrap();
    let update = card_added_while_apart(&stale, tp, doomed, lane);
    f.library.apply_update(&id, &update, "ui").unwrap();

    let token = f.server.token().to_string();
    let listed = call(
        &f,
        &token,
        "POST",
        "/api/rpc/map_homeless",
        serde_json::json!({ "id": id }),
    )
    .await;
    assert_eq!(listed.status, 200);
    let listed = listed.json();
    assert_eq!(
        listed["summary"],
        "1 touchpoint lost its stage in a concurrent edit"
    );
    assert_eq!(listed["entities"][0]["id"], tp.to_string());
    assert_eq!(listed["entities"][0]["kind"], "touchpoint");
    assert_eq!(listed["entities"][0]["lost"], "stage");

    let stage = base.stages[0].id.to_string();
    let bad = call(
        &f,
        &token,
        "POST",
        "/api/rpc/rehome",
        serde_json::json!({ "id": id, "entity": tp.to_string(), "stage": uuid::Uuid::nil().to_string() }),
    )
    .await;
    assert_eq!(bad.status, 400, "{}", String::from_utf8_lossy(&bad.body));
    assert!(bad.json()["message"]
        .as_str()
        .unwrap()
        .contains("no stage has id"));

    let put = call(
        &f,
        &token,
        "POST",
        "/api/rpc/rehome",
        serde_json::json!({ "id": id, "entity": tp.to_string(), "stage": stage }),
    )
    .await;
    assert_eq!(put.status, 200, "{}", String::from_utf8_lossy(&put.body));
    assert_eq!(put.json()["summary"], serde_json::Value::Null);
    assert!(f.library.journey(&id).unwrap().touchpoint(tp).is_some());
    // The peer in the room sees the card back.
    peer.sync_until(|d| read_journey(d).journey.touchpoint(tp).is_some())
        .await;
}

#[tokio::test]
async fn the_workshop_summary_names_what_lost_its_home() {
    let f = fixture().await;
    let id = create_from(&f, Some("bank-lost-card")).await;
    let base = f.library.journey(&id).unwrap();
    let doomed = base.stages.last().unwrap().id;
    let mut peer = Client::connect(&f, &id).await;
    peer.synced().await;
    let stale = f.library.encode_state(&id).unwrap();
    f.library
        .edit(&id, |j| {
            j.delete_stage(doomed);
            Ok(())
        })
        .unwrap();
    let update = card_added_while_apart(&stale, uuid::Uuid::new_v4(), doomed, base.lanes[0].id);
    f.library.apply_update(&id, &update, "ui").unwrap();

    let token = f.server.token().to_string();
    let r = call(
        &f,
        &token,
        "POST",
        "/api/workshop/end",
        serde_json::Value::Null,
    )
    .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(
        r.json()["maps"][0]["homeless"],
        "1 touchpoint lost its stage in a concurrent edit"
    );
}
