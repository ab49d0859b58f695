//! The API's command table through the window's one `rpc` command: maps,
//! versions, the library home, scores, files by path and the analysis views.

mod common;

use common::*;
use std::path::PathBuf;
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::{Manager, WebviewWindowBuilder};

use tauri::ipc::InvokeBody;
use waymark_desktop::*;

#[test]
fn commands_create_and_list_maps_without_a_display() {
    let dir = tempfile::tempdir().unwrap();
    let app = setup(
        mock_builder(),
        LibraryState::open(&dir.path().join("lib.db")),
    )
    .build(mock_context(noop_assets()))
    .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let call = |cmd: &str, body: serde_json::Value| {
        get_ipc_response(&webview, request(cmd, body))
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    };

    let templates = call("list_templates", serde_json::json!({})).unwrap();
    let first = templates[0]["name"]
        .as_str()
        .expect("a template")
        .to_string();

    assert_eq!(
        call("list_maps", serde_json::json!({})).unwrap(),
        serde_json::json!([])
    );
    let id = call(
        "create_map",
        serde_json::json!({ "template": first, "title": "Onboarding" }),
    )
    .unwrap();
    let maps = call("list_maps", serde_json::json!({})).unwrap();
    assert_eq!(maps.as_array().unwrap().len(), 1);
    assert_eq!(maps[0]["id"], id);
    assert_eq!(maps[0]["title"], "Onboarding");
}

#[test]
fn unknown_template_is_a_coded_error() {
    let dir = tempfile::tempdir().unwrap();
    let app = setup(
        mock_builder(),
        LibraryState::open(&dir.path().join("lib.db")),
    )
    .build(mock_context(noop_assets()))
    .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let err = get_ipc_response(
        &webview,
        request(
            "create_map",
            serde_json::json!({ "template": "no-such-template" }),
        ),
    )
    .unwrap_err();
    assert!(err["code"].is_string(), "{err}");
    assert!(err["message"].is_string(), "{err}");
}

#[test]
fn versions_are_created_listed_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let id = call_create(&webview);
    let call = |cmd: &str, body: serde_json::Value| {
        get_ipc_response(&webview, request(cmd, body))
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    };
    let v1 = call(
        "create_version",
        serde_json::json!({ "id": id, "label": "Workshop 1" }),
    )
    .unwrap();
    assert_eq!(v1["label"], "Workshop 1");
    assert!(v1["created_at"].is_string(), "{v1}");
    let err = call(
        "create_version",
        serde_json::json!({ "id": id, "label": "  " }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");

    let lib = webview.state::<LibraryState>();
    lib.library()
        .unwrap()
        .edit(&id, |j| {
            j.title = "Changed".into();
            Ok(())
        })
        .unwrap();
    let kept = call(
        "restore_version",
        serde_json::json!({ "id": id, "version": v1["id"] }),
    )
    .unwrap();
    assert_eq!(kept["label"], "Before restoring Workshop 1");
    assert_eq!(lib.library().unwrap().journey(&id).unwrap().title, "M");
    let list = call("list_versions", serde_json::json!({ "id": id })).unwrap();
    let labels: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["label"].as_str().unwrap().to_string())
        .collect();
    assert!(labels.contains(&"Workshop 1".to_string()), "{labels:?}");
    assert!(
        labels.contains(&"Before restoring Workshop 1".to_string()),
        "{labels:?}"
    );
}

#[test]
fn export_map_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let id = call_create(&webview);
    let out = dir.path().join("out.csv");
    let written = get_ipc_response(
        &webview,
        request(
            "export_map",
            serde_json::json!({ "id": id, "format": "csv", "path": out.display().to_string() }),
        ),
    )
    .unwrap()
    .deserialize::<String>()
    .unwrap();
    assert_eq!(PathBuf::from(written), out);
    assert!(!std::fs::read_to_string(&out).unwrap().is_empty());
    let err = get_ipc_response(
        &webview,
        request(
            "export_map",
            serde_json::json!({ "id": id, "format": "pdf", "path": "x" }),
        ),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
}

#[test]
fn score_explain_and_save_commands() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let lib = webview.state::<LibraryState>();
    let id = lib
        .library()
        .unwrap()
        .create_map(Some("bank-lost-card"), None)
        .unwrap();
    let call = |cmd: &str, body: serde_json::Value| {
        get_ipc_response(&webview, request(cmd, body))
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    };
    let card = call("score_map", serde_json::json!({ "id": id })).unwrap();
    // Both sides through the same JSON text, so floats parse alike.
    let expected = serde_json::to_string(&lib.library().unwrap().score(&id).unwrap()).unwrap();
    assert!(
        card == serde_json::from_str::<serde_json::Value>(&expected).unwrap(),
        "score_map differs from Library::score"
    );
    let brief = call("score_map", serde_json::json!({ "id": id, "brief": true })).unwrap();
    assert_eq!(brief["touchpoints"][0]["factors"], serde_json::json!([]));
    assert_eq!(brief["journey"], card["journey"]);
    let first = card["touchpoints"][0]["id"].as_str().unwrap().to_string();
    let ex = call(
        "explain_touchpoint",
        serde_json::json!({ "id": id, "touchpoint": first }),
    )
    .unwrap();
    assert_eq!(ex["score"], card["touchpoints"][0]);
    assert!(ex["responses"].is_array());
    let err = call(
        "explain_touchpoint",
        serde_json::json!({ "id": id, "touchpoint": "nope" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let board = call("map_board", serde_json::json!({ "id": id })).unwrap();
    let expected = serde_json::to_string(&lib.library().unwrap().board(&id).unwrap()).unwrap();
    assert!(
        board == serde_json::from_str::<serde_json::Value>(&expected).unwrap(),
        "map_board differs from Library::board"
    );

    let out = dir.path().join("board.csv");
    let written = call(
        "save_csv",
        serde_json::json!({ "path": out.display().to_string(), "header": ["a", "b"], "rows": [["=1+1", "-3"]] }),
    )
    .unwrap();
    assert_eq!(written, serde_json::json!(out.display().to_string()));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "a,b\r\n'=1+1,-3\r\n"
    );
    let err = call(
        "save_csv",
        serde_json::json!({ "path": dir.path().join("no/dir/x.csv"), "header": ["x"], "rows": [] }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io", "{err}");
    assert!(err["message"].as_str().unwrap().contains("x.csv"), "{err}");
}

#[test]
fn library_commands_rename_trash_untrash_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let id = call_create(&webview);
    let call = |cmd: &str, body: serde_json::Value| {
        get_ipc_response(&webview, request(cmd, body))
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    };
    let titles = || -> Vec<String> {
        call("list_maps", serde_json::json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["title"].as_str().unwrap().to_string())
            .collect()
    };
    let renamed = call("rename_map", serde_json::json!({ "id": id, "title": "R" })).unwrap();
    assert_eq!(renamed["title"], "R");
    let copy = call("duplicate_map", serde_json::json!({ "id": id })).unwrap();
    assert!(copy.is_string());
    call("trash_map", serde_json::json!({ "id": id })).unwrap();
    assert_eq!(titles(), vec!["R (copy)"]);
    call("untrash_map", serde_json::json!({ "id": id })).unwrap();
    assert_eq!(titles().len(), 2);
    call("mark_opened", serde_json::json!({ "id": id })).unwrap();
    assert_eq!(
        call("map_strips", serde_json::json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let file = dir.path().join("trip.mmd");
    std::fs::write(&file, "journey\n  title Trip\n  section A\n    Go: 5: Me\n").unwrap();
    let by_path = call(
        "import_file",
        serde_json::json!({ "path": file.display().to_string() }),
    )
    .unwrap();
    assert!(by_path.is_string());
    let by_text = call(
        "import_map",
        serde_json::json!({ "name": "x.mmd", "content": "journey\n  title Text\n" }),
    );
    assert!(by_text.is_ok(), "{by_text:?}");
    assert!(titles().contains(&"Trip".to_string()));
    let err = call("import_map", serde_json::json!({})).unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
}

#[test]
fn analysis_commands_preview_import_report_and_compare() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let call = |cmd: &str, body: serde_json::Value| {
        get_ipc_response(&webview, request(cmd, body))
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    };
    let id = call(
        "create_map",
        serde_json::json!({ "template": "bank-lost-card", "title": "Card" }),
    )
    .unwrap();
    let lib = webview.state::<LibraryState>();
    let tp = lib
        .library()
        .unwrap()
        .journey(id.as_str().unwrap())
        .unwrap()
        .touchpoints[0]
        .id;

    let csv = dir.path().join("survey.csv");
    std::fs::write(
        &csv,
        format!("Step,Customer,Date,KPI,Scale,Score\n{tp},r1,2026-03-01,ces,ces7,2\n"),
    )
    .unwrap();
    let file = call(
        "read_text_file",
        serde_json::json!({ "path": csv.display().to_string() }),
    )
    .unwrap();
    assert_eq!(file["name"], "survey.csv");
    let args = serde_json::json!({ "id": id, "name": file["name"], "text": file["text"] });
    let preview = call("preview_responses", args.clone()).unwrap();
    assert_eq!(preview["errors"], serde_json::json!([]));
    assert_eq!(preview["added"], 1);
    let mut with_mapping = args.clone();
    with_mapping["mapping"] = preview["mapping"].clone();
    let stats = call("import_responses", with_mapping).unwrap();
    assert_eq!(stats["added"], 1);
    let err = call("import_responses", args).unwrap_err();
    assert_eq!(err["code"], "import_failed", "{err}");
    let err = call(
        "read_text_file",
        serde_json::json!({ "path": dir.path().join("none.csv").display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io", "{err}");

    let pdf = dir.path().join("report.pdf");
    let written = call(
        "export_report",
        serde_json::json!({ "id": id, "path": pdf.display().to_string(),
            "request": { "page_size": "a3", "sections": ["summary", "map"], "company": "Acme", "date": "2026-03-01" } }),
    )
    .unwrap();
    assert!(written["pages"].as_u64().unwrap() >= 2, "{written}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let err = call(
        "export_report",
        serde_json::json!({ "id": id, "path": pdf.display().to_string(), "request": {}, "logo_path": "/no/such/logo.png" }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io", "{err}");

    let pptx = dir.path().join("deck.pptx");
    let written = call(
        "export_deck",
        serde_json::json!({ "id": id, "path": pptx.display().to_string(),
            "request": { "sections": ["title", "map"], "company": "Acme", "date": "2026-03-01" } }),
    )
    .unwrap();
    assert_eq!(written["slides"], 2, "{written}");
    assert!(std::fs::read(&pptx).unwrap().starts_with(b"PK\x03\x04"));

    let copy = call("create_future_state", serde_json::json!({ "id": id })).unwrap();
    let origins = call("map_origins", serde_json::json!({ "id": copy })).unwrap();
    assert_eq!(origins[0]["source_id"], id);
    let cmp = call(
        "compare_maps",
        serde_json::json!({ "before": { "map": id }, "after": { "map": copy } }),
    )
    .unwrap();
    assert_eq!(cmp["after_title"], "Card (to-be)");
    assert_eq!(cmp["changed"], 0);

    let png = dir.path().join("canvas.png");
    let mut req = request("save_binary_file", serde_json::Value::Null);
    req.body = InvokeBody::Raw(vec![137, 80, 78, 71]);
    req.headers.insert(
        files_cmds::PATH_HEADER,
        png.display().to_string().parse().unwrap(),
    );
    get_ipc_response(&webview, req).unwrap();
    assert_eq!(std::fs::read(&png).unwrap(), vec![137, 80, 78, 71]);
}

/// Re-scoring the generated 600-touchpoint map through the command, as
/// the editor does after each edit: the scorecard holds every touchpoint.
/// (Times are printed, not asserted; the README has the figures.)
#[test]
fn large_map_scores_through_the_command() {
    use waymark_core::synth::{journey, Size};
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let lib = webview.state::<LibraryState>();
    let id = lib
        .library()
        .unwrap()
        .insert_journey(journey(Size::LARGE, 1))
        .unwrap();
    for brief in [false, true] {
        let mut times = Vec::new();
        let mut card = serde_json::Value::Null;
        for _ in 0..7 {
            let start = std::time::Instant::now();
            let body = get_ipc_response(
                &webview,
                request("score_map", serde_json::json!({ "id": id, "brief": brief })),
            )
            .expect("score_map");
            card = body.deserialize::<serde_json::Value>().unwrap();
            times.push(start.elapsed());
        }
        times.sort();
        eprintln!(
            "score_map (brief: {brief}) of 600 touchpoints: median {:?} (min {:?}, max {:?}; mock IPC, {} bytes of JSON)",
            times[3],
            times[0],
            times[6],
            card.to_string().len()
        );
        assert_eq!(card["touchpoints"].as_array().unwrap().len(), 600);
    }
}

/// A rename from the window is an edit of the map like any other: the
/// library hands it to its observers with an origin that a hosted
/// workshop's room and a team-sync room both relay (the server's own test
/// sees a rename over HTTP reach the room the same way).
#[test]
fn a_rename_from_the_window_reaches_the_maps_rooms() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let id = call_create(&webview);
    let lib = webview.state::<LibraryState>().shared().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, String)>::new()));
    let sink = seen.clone();
    lib.subscribe(std::sync::Arc::new(
        move |map: &str, _: &[u8], origin: &str| {
            sink.lock()
                .unwrap()
                .push((map.to_string(), origin.to_string()));
        },
    ));
    json_call(
        &webview,
        "rename_map",
        serde_json::json!({ "id": id, "title": "Renamed" }),
    )
    .unwrap();
    let seen = seen.lock().unwrap().clone();
    let relayed = |origin: &str| {
        !waymark_server::SERVER_ORIGINS.contains(&origin) && origin != waymark_sync::SYNC_ORIGIN
    };
    assert!(
        seen.iter()
            .any(|(map, origin)| *map == id && relayed(origin)),
        "{seen:?}"
    );
}
