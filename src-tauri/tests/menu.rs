//! The app menu, File › Open Recent, and the `--db` argument.

mod common;

use std::ffi::OsString;
use std::path::PathBuf;

use common::*;
use tauri::test::get_ipc_response;
use waymark_desktop::*;

#[test]
fn the_menu_is_built_from_the_one_list() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _webview) = app_with_library(&dir.path().join("lib.db"));
    let menu = app.menu().expect("an app menu");
    let mut items = Vec::new();
    let mut titles = Vec::new();
    for top in menu.items().unwrap() {
        let sub = top.as_submenu().expect("top-level items are submenus");
        titles.push(sub.text().unwrap());
        for item in sub.items().unwrap() {
            if let Some(i) = item.as_menuitem() {
                items.push((i.id().as_ref().to_string(), i.text().unwrap()));
            }
        }
    }
    let titles_listed: Vec<&str> = waymark_api::rpc::menu::MENU
        .iter()
        .map(|m| m.title)
        .collect();
    assert_eq!(titles, titles_listed);
    // Every item of the list, with its label, in its order (the UI's
    // command table reads the same list, generated).
    let listed: Vec<(String, String)> = MENU_ITEMS
        .iter()
        .map(|i| (i.id.to_string(), i.label.to_string()))
        .collect();
    assert_eq!(items, listed);
}

/// The labels and ids in File › Open Recent.
fn recent_items(app: &tauri::App<tauri::test::MockRuntime>) -> Vec<(String, String)> {
    let file = app.menu().unwrap().get(recent_menu::FILE_ID).unwrap();
    let recent = file
        .as_submenu()
        .unwrap()
        .get(recent_menu::SUBMENU_ID)
        .unwrap();
    recent
        .as_submenu()
        .unwrap()
        .items()
        .unwrap()
        .into_iter()
        .map(|i| {
            let text = i.as_menuitem().unwrap().text().unwrap();
            (i.id().as_ref().to_string(), text)
        })
        .collect()
}

#[test]
fn open_recent_follows_opening_renaming_and_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let (app, webview) = app_with_library(&dir.path().join("lib.db"));
    assert_eq!(
        recent_items(&app),
        [(
            "file.open_recent.none".to_string(),
            "No maps opened yet".to_string()
        )]
    );
    let a = call_create(&webview);
    let b = call_create(&webview);
    let call = |cmd: &str, args: serde_json::Value| {
        get_ipc_response(&webview, request(cmd, args)).unwrap();
    };
    call("mark_opened", serde_json::json!({ "id": a }));
    std::thread::sleep(std::time::Duration::from_millis(3));
    call("mark_opened", serde_json::json!({ "id": b }));
    call(
        "rename_map",
        serde_json::json!({ "id": a, "title": "Claims & refunds" }),
    );
    assert_eq!(
        recent_items(&app),
        [
            (format!("recent:{b}"), "M".to_string()),
            (format!("recent:{a}"), "Claims && refunds".to_string()),
        ]
    );
    call("trash_map", serde_json::json!({ "id": b }));
    assert_eq!(recent_items(&app).len(), 1);
    call("untrash_map", serde_json::json!({ "id": b }));
    assert_eq!(recent_items(&app).len(), 2);
}

#[test]
fn library_path_prefers_the_db_argument() {
    let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
    assert_eq!(
        library_path(args(&["--db", "/tmp/a.db"])).unwrap(),
        PathBuf::from("/tmp/a.db")
    );
    assert_eq!(
        library_path(args(&["--db=/tmp/b.db"])).unwrap(),
        PathBuf::from("/tmp/b.db")
    );
    assert!(library_path(args(&["--db"])).is_err());
    assert_eq!(
        library_path(args(&[])).unwrap(),
        waymark_api::default_library_path()
    );
}
