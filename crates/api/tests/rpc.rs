//! The command table's dispatcher: commands run by name with JSON, unknown
//! names and ill-fitting requests are coded errors, and the commands that
//! touch files by path run only for the desktop front.

use serde_json::json;
use waymark_api::rpc::{dispatch, Front, COMMANDS};
use waymark_api::Library;

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib.db")).unwrap();
    (dir, lib)
}

#[test]
fn commands_run_by_name_with_json() {
    let (_dir, lib) = library();
    let templates = dispatch(&lib, Front::Desktop, "list_templates", json!({})).unwrap();
    let first = templates[0]["name"].as_str().unwrap().to_string();
    let id = dispatch(
        &lib,
        Front::Browser,
        "create_map",
        json!({ "template": first, "title": "  " }),
    )
    .unwrap();
    // Nothing at all stands for an empty request.
    let maps = dispatch(&lib, Front::Browser, "list_maps", serde_json::Value::Null).unwrap();
    assert_eq!(maps[0]["id"], id);
    let renamed = dispatch(
        &lib,
        Front::Browser,
        "rename_map",
        json!({ "id": id, "title": "Onboarding" }),
    )
    .unwrap();
    assert_eq!(renamed["title"], "Onboarding");
    assert_eq!(
        dispatch(&lib, Front::Browser, "trash_map", json!({ "id": id })).unwrap(),
        serde_json::Value::Null
    );
}

#[test]
fn unknown_commands_and_ill_fitting_requests_are_coded_errors() {
    let (_dir, lib) = library();
    let e = dispatch(&lib, Front::Desktop, "format_disk", json!({})).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(e.to_string().contains("format_disk"), "{e}");
    let e = dispatch(&lib, Front::Desktop, "rename_map", json!({ "id": 3 })).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("rename_map"), "{e}");
}

#[test]
fn files_by_path_are_written_atomically_on_the_desktop_only() {
    let (dir, lib) = library();
    let id = lib.create_map(None, Some("Export me")).unwrap();
    let out = dir.path().join("out.waymark");
    let req = json!({ "id": id, "format": "waymark", "path": out.display().to_string() });
    let e = dispatch(&lib, Front::Browser, "export_map", req.clone()).unwrap_err();
    assert_eq!(e.code(), "unsupported");
    assert!(!out.exists());
    let written = dispatch(&lib, Front::Desktop, "export_map", req).unwrap();
    assert_eq!(written, out.display().to_string());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Export me"));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let bad = dir.path().join("no/such/dir/out.csv");
    let e = dispatch(
        &lib,
        Front::Desktop,
        "save_csv",
        json!({ "path": bad.display().to_string(), "header": ["a"], "rows": [] }),
    )
    .unwrap_err();
    assert_eq!(e.code(), "io");
    assert!(e.to_string().contains("no/such/dir/out.csv"), "{e}");
}

#[test]
fn the_table_names_each_command_once() {
    let mut names = COMMANDS.to_vec();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), COMMANDS.len());
}

#[test]
fn the_settings_dialog_checks_through_the_table_and_gets_words_by_field() {
    let (_dir, lib) = library();
    let answer = dispatch(
        &lib,
        Front::Browser,
        "check_settings",
        json!({ "values": [
            { "field": "friction_weights.wait", "value": -1 },
            { "field": "thresholds.min_responses", "value": null },
        ] }),
    )
    .unwrap();
    let problems: Vec<(String, String)> = answer
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["field"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(problems.contains(&(
        "friction_weights.wait".into(),
        "must be a number from 0 to 100".into()
    )));
    // A setting not sent is not a number: every field is named.
    assert!(problems.contains(&("thresholds.pain_friction".into(), "enter a number".into())));
}
