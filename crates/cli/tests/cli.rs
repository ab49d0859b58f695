//! The `waymark` binary end to end, on a real library file.

use std::path::Path;
use std::process::{Command, Output};

fn waymark(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("WAYMARK_DB")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = waymark(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(db: &Path, args: &[&str], code: i32) -> String {
    let out = waymark(db, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn every_command_on_a_real_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    assert!(ok(&db, &["templates"]).contains("broadband-outage"));
    assert!(ok(&db, &["list"]).contains("No maps yet"));

    let id = ok(
        &db,
        &[
            "new",
            "--title",
            "Outage Nov",
            "--template",
            "broadband-outage",
        ],
    )
    .trim()
    .to_string();
    assert_eq!(id.len(), 36);
    let blank = ok(&db, &["new", "--title", "Empty"]).trim().to_string();
    let list: serde_json::Value = serde_json::from_str(&ok(&db, &["list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(ok(&db, &["list"]).contains("Outage Nov"));

    let show = ok(&db, &["show", &id[..8]]);
    assert!(show.starts_with("Outage Nov\n"), "{show}");
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&db, &["show", &id, "--json"])).unwrap();
    assert_eq!(shown["map"]["title"], "Outage Nov");
    let tps = shown["map"]["touchpoints"].as_array().unwrap().len();
    assert!(tps >= 20);

    // Export in every format, to stdout and to a file; re-import round-trips.
    let file = dir.path().join("outage.waymark");
    ok(
        &db,
        &[
            "export",
            &id,
            "--format",
            "waymark",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let exported = std::fs::read_to_string(&file).unwrap();
    assert_eq!(exported, ok(&db, &["export", &id, "--format", "waymark"]));
    let copy = ok(&db, &["import", file.to_str().unwrap()])
        .trim()
        .to_string();
    assert_eq!(ok(&db, &["export", &copy, "--format", "waymark"]), exported);
    let csv = ok(&db, &["export", &id, "--format", "csv"]);
    assert_eq!(csv.lines().count(), tps + 1);
    let mmd_path = dir.path().join("outage.mmd");
    std::fs::write(&mmd_path, ok(&db, &["export", &id, "--format", "mermaid"])).unwrap();
    let from_mmd = ok(
        &db,
        &["import", mmd_path.to_str().unwrap(), "--format", "mermaid"],
    )
    .trim()
    .to_string();
    assert_eq!(
        ok(&db, &["export", &from_mmd, "--format", "mermaid"]),
        std::fs::read_to_string(&mmd_path).unwrap()
    );

    // Versions: save, list, export, restore.
    ok(&db, &["version", &id, "--label", "Before workshop"]);
    assert!(ok(&db, &["versions", &id]).contains("Before workshop"));
    let stderr = fails(&db, &["version", &id, "--label", "Before workshop"], 1);
    assert!(stderr.contains("already has a version"), "{stderr}");
    assert_eq!(
        ok(
            &db,
            &[
                "export",
                &id,
                "--format",
                "waymark",
                "--version",
                "Before workshop"
            ]
        ),
        exported
    );
    assert!(ok(&db, &["restore", &id, "Before workshop"]).contains("restored"));
    assert!(ok(&db, &["versions", &id]).contains("Before restoring Before workshop"));

    assert!(ok(&db, &["delete", &blank]).contains("deleted"));
    let stderr = fails(&db, &["show", &blank], 1);
    assert_eq!(stderr, format!("waymark: no map with id {blank}\n"));
}

#[test]
fn usage_errors_exit_2_and_other_errors_exit_1_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    fails(&db, &["frobnicate"], 2);
    fails(&db, &["new"], 2);
    fails(&db, &["export", "x", "--format", "pdf"], 2);
    let e = fails(&db, &["new", "--title", "X", "--template", "nope"], 1);
    assert!(e.contains("no template named \"nope\""), "{e}");
    assert_eq!(e.lines().count(), 1);

    let bad = dir.path().join("bad.waymark");
    std::fs::write(
        &bad,
        "{\"format\": \"waymark\", \"version\": 1,\n  \"map\": {\"title\": \"T\", \"stages\": 5}}",
    )
    .unwrap();
    let e = fails(&db, &["import", bad.to_str().unwrap()], 1);
    assert!(
        e.starts_with(&format!("waymark: {}:2:", bad.display())),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1);
    assert!(
        ok(&db, &["list"]).contains("No maps yet"),
        "nothing written on a failed import"
    );

    let missing = dir.path().join("missing.waymark");
    let e = fails(&db, &["import", missing.to_str().unwrap()], 1);
    assert!(e.contains("cannot read"), "{e}");

    let not_a_db = dir.path().join("notes.txt");
    std::fs::write(&not_a_db, "shopping list: milk, eggs, bread, coffee").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(["list"])
        .env("WAYMARK_DB", &not_a_db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Waymark library"));
    assert_eq!(
        std::fs::read_to_string(&not_a_db).unwrap(),
        "shopping list: milk, eggs, bread, coffee"
    );
}
