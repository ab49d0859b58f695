//! Running the real `waymark` binary on a library in tests.

#![allow(dead_code)] // each test file uses a different part

use std::path::Path;
use std::process::{Command, Output};

pub fn waymark(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("WAYMARK_DB")
        .output()
        .unwrap()
}

pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = waymark(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn fails(db: &Path, args: &[&str], code: i32) -> String {
    let out = waymark(db, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

/// The header of a survey answers file (`waymark responses import`).
pub const ANSWERS_HEADER: &str = "touchpoint,respondent,date,metric,scale,value,comment\n";

/// A new map titled `title` from `template`: its id.
pub fn new_id(db: &Path, title: &str, template: &str) -> String {
    ok(db, &["new", "--title", title, "--template", template])
        .trim()
        .to_string()
}

/// A new map titled `title` from `template`: its id and the map as `waymark
/// show --json` prints it.
pub fn new_map(db: &Path, title: &str, template: &str) -> (String, serde_json::Value) {
    let id = new_id(db, title, template);
    let shown: serde_json::Value = serde_json::from_str(&ok(db, &["show", &id, "--json"])).unwrap();
    (id, shown["map"].clone())
}

/// Imports `answers` (CSV text, written beside the library as `LABEL.csv`)
/// into map `id` as the wave `label`, dated `date` when given: what
/// `waymark responses import` printed.
pub fn import_wave(db: &Path, id: &str, label: &str, date: Option<&str>, answers: &str) -> String {
    let file = db.with_file_name(format!("{label}.csv"));
    std::fs::write(&file, answers).unwrap();
    let file = file.to_str().unwrap();
    let mut args = vec!["responses", "import", id, file, "--wave", label];
    if let Some(date) = date {
        args.extend(["--date", date]);
    }
    ok(db, &args)
}

/// The text of the PDF at `pdf` (pdftotext), its lines joined by spaces.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).replace('\n', " ")
}
