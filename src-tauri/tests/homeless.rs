//! Entities a concurrent edit left without a home, through the window: a
//! hostile update is mended, homeless touchpoints are listed and put back.

mod common;

use common::*;
use tauri::test::get_ipc_response;
use tauri::Manager;
use waymark_api::ExportFormat;
use waymark_desktop::LibraryState;

/// The window's `apply_update` with an empty title and `emotion: 99`:
/// stored as sent, read mended, and the export re-imports.
#[test]
fn a_hostile_window_update_is_mended_and_exports_losslessly() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let state = webview.state::<LibraryState>();
    let lib = state.library().unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    let update =
        waymark_core::hostile::title_and_emotion_update(&lib.encode_state(&id).unwrap(), &tp);
    get_ipc_response(&webview, raw_update(&id, update)).expect("apply_update");

    let j = lib.journey(&id).unwrap();
    assert_eq!(j.title, "Untitled journey");
    assert_eq!(j.touchpoints[0].inputs.emotion, Some(2));
    let file = lib.export(&id, ExportFormat::Waymark, None).unwrap();
    let back = lib.import("back.waymark", &file, None).unwrap();
    assert_eq!(
        lib.export(&back, ExportFormat::Waymark, None).unwrap(),
        file
    );
}

#[test]
fn homeless_touchpoints_are_listed_and_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let call = |cmd: &str, body: serde_json::Value| {
        get_ipc_response(&webview, request(cmd, body))
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    };
    let state = webview.state::<LibraryState>();
    let lib = state.library().unwrap();
    let id = lib.create_map(None, Some("Blank")).unwrap();
    // A second stage, then one replica deletes it while another adds a
    // card to it.
    lib.edit(&id, |j| {
        let mut s = j.stages[0].clone();
        s.id = uuid_like(1);
        s.order = "z".into();
        s.name = "Doomed".into();
        j.stages.push(s);
        Ok(())
    })
    .unwrap();
    let base = lib.journey(&id).unwrap();
    let stale = lib.encode_state(&id).unwrap();
    lib.edit(&id, |j| {
        j.stages.retain(|s| s.name != "Doomed");
        Ok(())
    })
    .unwrap();
    let update = waymark_core::hostile::card_added_while_apart(
        &stale,
        uuid_like(2),
        uuid_like(1),
        base.lanes[0].id,
    );
    lib.apply_update(&id, &update, "ui").unwrap();

    let listed = call("map_homeless", serde_json::json!({ "id": id })).unwrap();
    assert_eq!(
        listed["summary"],
        "1 touchpoint lost its stage in a concurrent edit"
    );
    let tp = uuid_like(2).to_string();
    assert_eq!(listed["entities"][0]["id"], tp.as_str());
    let left = call(
        "rehome",
        serde_json::json!({ "id": id, "entity": tp, "stage": base.stages[0].id.to_string() }),
    )
    .unwrap();
    assert_eq!(left["summary"], serde_json::Value::Null);
    assert!(lib.journey(&id).unwrap().touchpoint(uuid_like(2)).is_some());
    let err = call(
        "rehome",
        serde_json::json!({ "id": id, "entity": tp, "stage": "Nowhere", "lane": null }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

fn uuid_like(n: u128) -> waymark_core::Id {
    waymark_core::Id::from_u128(0x5eed_0000_0000_4000_8000_0000_0000_0000 | n)
}
