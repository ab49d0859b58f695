//! Behaviour parity of the two fronts: every command of the API's table runs
//! through the desktop shell's `rpc` command (Tauri's mock runtime) and
//! through `POST /api/rpc/{command}` of `waymark serve`'s router, each on a
//! copy of the same library, and the answers must agree (new ids and
//! timestamps aside). Commands that read or write files by path run on the
//! desktop and answer `unsupported` over HTTP.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::sync::Arc;

use common::*;
use serde_json::{json, Value};
use waymark_api::rpc::COMMANDS;
use waymark_api::Library;

/// What one front answered: the JSON, or `{code, message}` with `"error"`.
fn outcome(r: Result<Value, Value>) -> Value {
    match r {
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({ "error": e }),
    }
}

/// `POST /api/rpc/{name}` with the host token; the JSON answer or error.
fn http_call(
    addr: std::net::SocketAddr,
    token: &str,
    name: &str,
    body: &Value,
) -> Result<Value, Value> {
    let body = body.to_string();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /api/rpc/{name} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = Vec::new();
    s.read_to_end(&mut reply).unwrap();
    let split = reply.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&reply[..split]).to_string();
    assert!(!head.to_ascii_lowercase().contains("chunked"), "{head}");
    let json: Value = serde_json::from_slice(&reply[split + 4..]).unwrap();
    if head.starts_with("HTTP/1.1 200") {
        Ok(json)
    } else {
        Err(json)
    }
}

/// Ids and times a front made itself differ by nature: both become
/// placeholders, ids the base library already had stay as they are.
fn normalize(v: &Value, known: &BTreeSet<String>) -> Value {
    match v {
        Value::String(s) if is_uuid(s) && !known.contains(s) => json!("<new id>"),
        Value::String(s) if is_time(s) => json!("<time>"),
        Value::String(s) => Value::String(
            // Paths and messages may carry a new id.
            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .filter(|w| is_uuid(w) && !known.contains(*w))
                .fold(s.clone(), |acc, id| acc.replace(id, "<new id>")),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| normalize(x, known)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), normalize(x, known)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn is_uuid(s: &str) -> bool {
    uuid_like(s).is_some()
}

fn uuid_like(s: &str) -> Option<()> {
    (s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4).then_some(())
}

fn is_time(s: &str) -> bool {
    s.len() >= 20 && s.as_bytes()[4] == b'-' && s.as_bytes()[10] == b'T'
}

#[test]
fn every_command_answers_alike_from_the_desktop_and_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    let (map, tp, stage) = {
        let lib = Library::open(&base).unwrap();
        let map = lib
            .create_map(Some("bank-lost-card"), Some("Parity"))
            .unwrap();
        lib.create_version(&map, "first").unwrap();
        let j = lib.journey(&map).unwrap();
        (
            map,
            j.touchpoints[0].id.to_string(),
            j.stages[0].id.to_string(),
        )
    };
    let known: BTreeSet<String> = {
        let lib = Library::open(&base).unwrap();
        let j = lib.journey(&map).unwrap();
        let mut ids: BTreeSet<String> = j.stages.iter().map(|s| s.id.to_string()).collect();
        ids.extend(j.lanes.iter().map(|l| l.id.to_string()));
        ids.extend(j.touchpoints.iter().map(|t| t.id.to_string()));
        ids.extend(lib.versions(&map).unwrap().into_iter().map(|v| v.id));
        ids.insert(map.clone());
        ids
    };
    let desktop_db = dir.path().join("desktop.db");
    let http_db = dir.path().join("http.db");
    std::fs::copy(&base, &desktop_db).unwrap();
    std::fs::copy(&base, &http_db).unwrap();
    let (_app, webview) = app_with_library(&desktop_db);
    let server = tauri::async_runtime::block_on(waymark_server::start(
        Arc::new(Library::open(&http_db).unwrap()),
        waymark_server::ServerConfig::default(),
    ))
    .unwrap();

    let out = |name: &str| dir.path().join(name).display().to_string();
    let mermaid = dir.path().join("trip.mmd");
    std::fs::write(
        &mermaid,
        "journey\n  title Trip\n  section A\n    Go: 5: Me\n",
    )
    .unwrap();
    let survey = format!("Step,Customer,Date,KPI,Scale,Score\n{tp},r1,2026-03-01,csat,csat,5\n");
    let survey_file = dir.path().join("survey.csv");
    std::fs::write(&survey_file, &survey).unwrap();
    let mapping = json!({ "touchpoint": "Step", "respondent": "Customer", "date": "Date", "metric": "KPI",
        "scale": "Scale", "value": "Score" });

    // Every command, some twice (an answer and an error), in an order that
    // leaves each one something to do.
    let calls: Vec<(&str, Value)> = vec![
        ("list_templates", json!({})),
        ("list_maps", json!({})),
        (
            "create_map",
            json!({ "template": "bank-lost-card", "title": "Second" }),
        ),
        ("create_map", json!({ "template": "no-such-template" })),
        (
            "rename_map",
            json!({ "id": map, "title": "Parity renamed" }),
        ),
        ("rename_map", json!({ "id": map, "title": " " })),
        ("duplicate_map", json!({ "id": map })),
        ("mark_opened", json!({ "id": map })),
        ("map_strips", json!({})),
        (
            "import_map",
            json!({ "name": "t.mmd", "content": "journey\n  title Text\n" }),
        ),
        (
            "import_map",
            json!({ "name": "bad.waymark", "content": "{" }),
        ),
        ("create_version", json!({ "id": map, "label": "second" })),
        ("create_version", json!({ "id": map, "label": "second" })),
        ("list_versions", json!({ "id": map })),
        ("restore_version", json!({ "id": map, "version": "first" })),
        ("map_homeless", json!({ "id": map })),
        ("rehome", json!({ "id": map, "entity": tp, "stage": stage })),
        ("score_map", json!({ "id": map })),
        ("score_map", json!({ "id": map, "brief": true })),
        ("map_board", json!({ "id": map })),
        ("explain_touchpoint", json!({ "id": map, "touchpoint": tp })),
        (
            "explain_touchpoint",
            json!({ "id": map, "touchpoint": "nope" }),
        ),
        ("themes", json!({ "id": map })),
        ("themes", json!({ "id": map, "touchpoint": "nope" })),
        (
            "preview_responses",
            json!({ "id": map, "name": "s.csv", "text": survey }),
        ),
        (
            "import_responses",
            json!({ "id": map, "name": "s.csv", "text": survey, "mapping": mapping }),
        ),
        ("create_future_state", json!({ "id": map })),
        ("map_origins", json!({ "id": map })),
        (
            "compare_maps",
            json!({ "before": { "map": map, "version": "first" }, "after": { "map": map } }),
        ),
        ("map_trend", json!({ "id": map })),
        ("map_waves", json!({ "id": map })),
        (
            "compare_waves",
            json!({ "id": map, "before": "nope", "after": "nope" }),
        ),
        (
            "set_target",
            json!({ "id": map, "kpi": "nps", "target": { "direction": "at_least", "value": 30 } }),
        ),
        (
            "set_target",
            json!({ "id": map, "touchpoint": tp, "kpi": "ces", "target": { "direction": "at_most", "value": 9 } }),
        ),
        ("map_targets", json!({ "id": map })),
        ("evidence_coverage", json!({ "id": map })),
        ("title_clashes", json!({ "ids": [map, "nope"] })),
        ("evidence_coverage", json!({ "id": "nope" })),
        ("csv_table", json!({ "header": ["a"], "rows": [["=1+1"]] })),
        (
            "check_settings",
            json!({ "values": [{ "field": "friction_weights.wait", "value": -1 }] }),
        ),
        ("trash_map", json!({ "id": map })),
        ("list_maps", json!({})),
        ("untrash_map", json!({ "id": map })),
        ("trash_map", json!({ "id": "nope" })),
        // Files by path: the desktop's.
        (
            "import_file",
            json!({ "path": mermaid.display().to_string() }),
        ),
        (
            "read_text_file",
            json!({ "path": survey_file.display().to_string() }),
        ),
        (
            "export_map",
            json!({ "id": map, "format": "mermaid", "path": out("map.mmd") }),
        ),
        (
            "save_csv",
            json!({ "path": out("board.csv"), "header": ["a"], "rows": [] }),
        ),
        (
            "export_report",
            json!({ "id": map, "path": out("report.pdf"), "request": { "date": "2026-03-01" } }),
        ),
        (
            "export_deck",
            json!({ "id": map, "path": out("deck.pptx"), "request": { "date": "2026-03-01" } }),
        ),
    ];
    let by_path = [
        "import_file",
        "read_text_file",
        "export_map",
        "save_csv",
        "export_report",
        "export_deck",
    ];

    let covered: BTreeSet<&str> = calls.iter().map(|(n, _)| *n).collect();
    let table: BTreeSet<&str> = COMMANDS.iter().copied().collect();
    assert_eq!(
        covered, table,
        "the parity test calls every command of the table"
    );

    for (name, request) in &calls {
        let desktop = outcome(json_call(&webview, name, request.clone()));
        let http = outcome(http_call(server.addr(), server.token(), name, request));
        if by_path.contains(name) {
            assert!(
                desktop.get("ok").is_some(),
                "{name} on the desktop: {desktop}"
            );
            assert_eq!(
                http["error"]["code"], "unsupported",
                "{name} over HTTP: {http}"
            );
            continue;
        }
        if std::env::var_os("PARITY_SHOW").is_some() {
            let text: String = normalize(&desktop, &known)
                .to_string()
                .chars()
                .take(160)
                .collect();
            eprintln!("{name}: {text}");
        }
        assert_eq!(
            normalize(&desktop, &known),
            normalize(&http, &known),
            "{name} {request}"
        );
    }
    eprintln!("parity: {} commands, {} calls", table.len(), calls.len());
}
