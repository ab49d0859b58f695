//! The commands that move raw bytes: a map's Yjs state out, updates in
//! (yrs ↔ yjs both ways), and what another process writes reaching the window.

mod common;

use common::*;
use std::path::PathBuf;
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::{Manager, WebviewWindowBuilder};

use tauri::ipc::InvokeBody;
use waymark_api::Library;
use waymark_desktop::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src/lib/sync/fixtures")
        .join(name)
}

/// yrs ↔ yjs compatibility, both ways, against the npm `yjs` the UI
/// ships: `rust-state.bin` is a state this side encoded (53-bit client
/// ids, yrs 0.28's default); the UI's Vitest suite decodes it with yjs,
/// edits it (rename a stage, add a touchpoint with an emotion) and keeps
/// the update it made as `yjs-update.bin`, which must apply here.
/// `WAYMARK_WRITE_FIXTURES=1` rewrites `rust-state.bin` (then rerun
/// `WAYMARK_WRITE_FIXTURES=1 npm --prefix ui test` to renew the other).
#[test]
fn yjs_updates_apply_and_yrs_state_decodes_in_yjs() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(&dir.path().join("lib.db")).unwrap();
    if std::env::var_os("WAYMARK_WRITE_FIXTURES").is_some() {
        let source = library
            .create_map(Some("bank-lost-card"), Some("Fixture"))
            .unwrap();
        std::fs::create_dir_all(fixture("")).unwrap();
        std::fs::write(
            fixture("rust-state.bin"),
            library.encode_state(&source).unwrap(),
        )
        .unwrap();
    }
    let state = std::fs::read(fixture("rust-state.bin")).unwrap();
    let update = std::fs::read(fixture("yjs-update.bin")).unwrap();

    // A map whose document holds exactly the fixture state.
    let (_app, webview) = app_with_library(&dir.path().join("ui.db"));
    let lib = webview.state::<LibraryState>();
    let id = lib
        .library()
        .unwrap()
        .create_map(None, Some("Fixture"))
        .unwrap();
    get_ipc_response(&webview, raw_update(&id, state)).expect("the yrs state applies");
    get_ipc_response(&webview, raw_update(&id, update)).expect("the yjs update applies");

    let lib = webview.state::<LibraryState>();
    let journey = lib.library().unwrap().journey(&id).unwrap();
    assert!(
        journey.stages.iter().any(|s| s.name == "Renamed in yjs"),
        "{:?}",
        journey.stages.iter().map(|s| &s.name).collect::<Vec<_>>()
    );
    let made = journey
        .touchpoints
        .iter()
        .find(|t| t.title == "Made in yjs")
        .expect("the touchpoint made in yjs");
    assert_eq!(made.inputs.emotion, Some(-2));
}

#[test]
fn open_map_is_raw_bytes_and_apply_update_persists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let (_app, webview) = app_with_library(&path);
    let lib = webview.state::<LibraryState>();
    let a = lib
        .library()
        .unwrap()
        .create_map(Some("bank-lost-card"), Some("A"))
        .unwrap();
    let b = lib.library().unwrap().create_map(None, Some("B")).unwrap();
    let blank_stages = lib.library().unwrap().journey(&b).unwrap().stages.len();
    // Map A's whole state applied to map B: B now holds A's stages too.
    // Sent as a JSON array of bytes, as WebKitGTK's postMessage IPC does.
    let state = open_state(&webview, &a);
    assert!(state.len() > 100);
    let mut as_json = raw_update(&b, vec![]);
    as_json.body = InvokeBody::Json(serde_json::json!(state));
    get_ipc_response(&webview, as_json).expect("apply_update");
    drop(webview);
    drop(_app);
    let reopened = Library::open(&path).unwrap();
    let stages = |id: &str| reopened.journey(id).unwrap().stages.len();
    assert!(stages(&a) > 0);
    assert_eq!(
        stages(&b),
        stages(&a) + blank_stages,
        "the update was durable"
    );
}

#[test]
fn apply_update_refuses_bad_requests_with_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let id = call_create(&webview);
    let err = get_ipc_response(&webview, raw_update(&id, vec![1, 2, 3])).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let mut no_header = raw_update(&id, vec![0, 0]);
    no_header.headers.clear();
    let err = get_ipc_response(&webview, no_header).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let err =
        get_ipc_response(&webview, request("apply_update", serde_json::json!({}))).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let err = get_ipc_response(
        &webview,
        request("open_map", serde_json::json!({ "id": "nope" })),
    )
    .unwrap_err();
    assert!(err["code"].is_string(), "{err}");
}

/// The generated 600-touchpoint map opens through the command whole: the
/// state it returns rebuilds the same map. (Its time is reported, not
/// asserted; the README has the figures.)
#[test]
fn large_map_opens_whole() {
    use waymark_core::synth::{journey, Size};
    use yrs::updates::decoder::Decode;
    use yrs::Transact;
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let lib = webview.state::<LibraryState>();
    let id = lib
        .library()
        .unwrap()
        .insert_journey(journey(Size::LARGE, 1))
        .unwrap();
    let start = std::time::Instant::now();
    let state = open_state(&webview, &id);
    eprintln!(
        "open_map of 600 touchpoints: {} bytes in {:?} (mock IPC)",
        state.len(),
        start.elapsed()
    );
    let doc = yrs::Doc::new();
    doc.transact_mut()
        .apply_update(yrs::Update::decode_v1(&state).unwrap())
        .unwrap();
    let projected = waymark_core::doc::read_journey(&doc).journey;
    assert_eq!(projected.touchpoints.len(), 600);
    assert_eq!(projected, lib.library().unwrap().journey(&id).unwrap());
}

#[test]
fn edits_by_another_process_reach_the_open_editor_and_the_list() {
    use tauri::Listener;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let app = setup(mock_builder(), LibraryState::open(&path))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let id = get_ipc_response(
        &webview,
        request("create_map", serde_json::json!({ "title": "Shared" })),
    )
    .unwrap()
    .deserialize::<String>()
    .unwrap();
    // The editor has it open (a new map is not held in memory until read).
    open_state(&webview, &id);
    // What the setup hook does at launch (the mock app never runs it).
    let lib = app.state::<LibraryState>().shared().unwrap();
    sync_cmds::start_background(app.handle(), &app.state::<sync_cmds::SyncState>(), lib);
    let (tx, rx) = std::sync::mpsc::channel();
    let remote = tx.clone();
    app.listen(sync_cmds::REMOTE_UPDATE_EVENT, move |e| {
        let _ = remote.send(format!("update {}", e.payload()));
    });
    app.listen(sync_cmds::LIBRARY_CHANGED_EVENT, move |_| {
        let _ = tx.send("changed".to_string());
    });

    // The CLI, say, renames the map the editor has open.
    waymark_api::Library::open(&path)
        .unwrap()
        .rename(&id, "Renamed elsewhere")
        .unwrap();
    let (mut update, mut changed) = (false, false);
    while !(update && changed) {
        let event = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the app saw the other process's edit");
        update |= event.starts_with("update") && event.contains(&id);
        changed |= event == "changed";
    }
}
