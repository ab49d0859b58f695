//! Helpers the desktop shell's tests share: an app on Tauri's mock runtime
//! over a temporary library, and IPC requests as the window sends them (a
//! command of the API's table goes through the one `rpc` command, as
//! `ui/src/lib/backend/tauri.ts` sends it).
#![allow(dead_code)]

use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;
use waymark_desktop::{setup, LibraryState, MAP_HEADER};

pub type App = tauri::App<MockRuntime>;
pub type Webview = tauri::WebviewWindow<MockRuntime>;

/// The IPC request the window sends for `cmd`: table commands as
/// `rpc { command, request }`, the shell's own commands as they are.
pub fn request(cmd: &str, body: serde_json::Value) -> InvokeRequest {
    let (cmd, body) = if waymark_api::rpc::COMMANDS.contains(&cmd) {
        (
            "rpc",
            serde_json::json!({ "command": cmd, "request": body }),
        )
    } else {
        (cmd, body)
    };
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // The IPC origin of the app on Linux.
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

/// The app over the library at `path`, and its window.
pub fn app_with_library(path: &std::path::Path) -> (App, Webview) {
    let app = setup(mock_builder(), LibraryState::open(path))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

/// `apply_update` with the raw update as the body, as the window sends it.
pub fn raw_update(map: &str, update: Vec<u8>) -> InvokeRequest {
    let mut req = request("apply_update", serde_json::Value::Null);
    req.body = InvokeBody::Raw(update);
    req.headers.insert(MAP_HEADER, map.parse().unwrap());
    req
}

/// Calls `cmd` with a JSON body; its JSON answer or error.
pub fn json_call(
    webview: &Webview,
    cmd: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    get_ipc_response(webview, request(cmd, body))
        .map(|b| b.deserialize::<serde_json::Value>().unwrap())
}

/// The map's state through `open_map`: raw bytes, never JSON.
pub fn open_state(webview: &Webview, id: &str) -> Vec<u8> {
    let body = get_ipc_response(
        webview,
        request("open_map", serde_json::json!({ "id": id })),
    )
    .expect("open_map");
    match body {
        InvokeResponseBody::Raw(bytes) => bytes,
        InvokeResponseBody::Json(json) => panic!("expected raw bytes, got JSON {json}"),
    }
}

/// A new blank map titled "M"; its id.
pub fn call_create(webview: &Webview) -> String {
    get_ipc_response(
        webview,
        request("create_map", serde_json::json!({ "title": "M" })),
    )
    .unwrap()
    .deserialize::<String>()
    .unwrap()
}

/// The status of `GET path` on `addr` (one request per connection).
pub fn http_status(addr: std::net::SocketAddr, path: &str) -> u16 {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    reply.split(' ').nth(1).unwrap().parse().unwrap()
}
