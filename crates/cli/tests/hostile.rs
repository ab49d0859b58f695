//! Hostile files through the `waymark` binary: control characters in map
//! text never reach the terminal raw, oversized and badly encoded files are
//! refused with the place and the limit, and a survey with a flood of bad
//! lines lists the first problems and counts the rest.

mod bin;

use std::path::Path;

use bin::waymark;

fn run(db: &Path, args: &[&str], code: i32) -> (String, String) {
    let out = waymark(db, args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// Characters that act on a terminal instead of being shown.
const RAW: [char; 7] = [
    '\u{1b}', '\u{7}', '\u{0}', '\r', '\u{9b}', '\u{202e}', '\u{8}',
];

fn assert_no_raw_controls(what: &str, text: &str) {
    assert!(
        !text.contains(RAW),
        "{what} printed raw control characters: {text:?}"
    );
}

#[test]
fn control_characters_in_map_text_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let file = dir.path().join("evil.mmd");
    std::fs::write(
        &file,
        "journey\n  title Evil\u{1b}]0;pwned\u{7}\u{1b}[2J map\n  section Sea\u{1b}[31mrch\u{9b}\n    \
         Ta\u{0}sk\u{8}\u{8}: 2: Me\u{202e}em\n    Call\r: 4: Me\u{202e}em\n",
    )
    .unwrap();
    let (out, _) = run(&db, &["import", file.to_str().unwrap()], 0);
    let id: &str = out.trim();
    run(&db, &["version", id, "--label", "v\u{1b}[2J1"], 0);

    for args in [
        vec!["list"],
        vec!["show", id],
        vec!["show", id, "--json"],
        vec!["list", "--json"],
        vec!["score", id],
        vec!["score", id, "--json"],
        vec!["versions", id],
        vec!["compare", id, id],
        vec!["compare", id, id, "--json"],
    ] {
        let (out, err) = run(&db, &args, 0);
        assert_no_raw_controls(&format!("{args:?}"), &out);
        assert_no_raw_controls(&format!("{args:?} (stderr)"), &err);
    }
    let (show, _) = run(&db, &["show", id], 0);
    assert!(
        show.contains("Evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J map"),
        "names stay readable: {show}"
    );
    let (json, _) = run(&db, &["show", id, "--json"], 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["map"]["title"], "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J map");

    // Into a pipe an export is the exact data.
    let (csv, _) = run(&db, &["export", id, "--format", "csv"], 0);
    assert!(csv.contains("Sea\u{1b}[31mrch\u{9b}"), "{csv}");

    // Errors that quote the file's text are made visible too.
    let survey = dir.path().join("s.csv");
    std::fs::write(
        &survey,
        "touchpoint,respondent,date,metric,scale,value\nNo\u{1b}[2Jpe\u{7},r1,2026-03-01,csat,csat,4\n",
    )
    .unwrap();
    let (_, err) = run(
        &db,
        &["responses", "import", id, survey.to_str().unwrap()],
        1,
    );
    assert!(err.contains("No\\u{1b}[2Jpe\\u{7}"), "{err}");
    assert_no_raw_controls("responses import (stderr)", &err);
}

#[test]
fn byte_order_marks_are_read_and_bad_bytes_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let mmd = dir.path().join("bom.mmd");
    std::fs::write(
        &mmd,
        "\u{feff}journey\n  title Bom\n  section A\n    T: 3\n",
    )
    .unwrap();
    let (id, _) = run(&db, &["import", mmd.to_str().unwrap()], 0);
    let (export, _) = run(&db, &["export", id.trim(), "--format", "waymark"], 0);
    let wm = dir.path().join("bom.waymark");
    std::fs::write(&wm, format!("\u{feff}{export}")).unwrap();
    run(&db, &["import", wm.to_str().unwrap()], 0);

    let bad = dir.path().join("bad.mmd");
    std::fs::write(&bad, b"journey\n  title Caf\xE9\n").unwrap();
    let (_, err) = run(&db, &["import", bad.to_str().unwrap()], 1);
    assert!(err.contains("bad.mmd:2:12: not UTF-8 text"), "{err}");

    let open = dir.path().join("open.mmd");
    std::fs::write(&open, "---\ntitle: x\njourney\n").unwrap();
    let (_, err) = run(&db, &["import", open.to_str().unwrap()], 1);
    assert!(err.contains("open.mmd:1:1: the front matter"), "{err}");
}

#[test]
fn oversized_files_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let big = dir.path().join("big.waymark");
    let f = std::fs::File::create(&big).unwrap();
    // Sparse: 200 MB on paper, nothing on disk; the size alone refuses it.
    f.set_len(200_000_000).unwrap();
    let (_, err) = run(&db, &["import", big.to_str().unwrap()], 1);
    assert!(
        err.contains("200,000,000 bytes, more than the limit of 33,554,432"),
        "{err}"
    );
    let (id, _) = run(&db, &["new", "--title", "T"], 0);
    let (_, err) = run(
        &db,
        &["responses", "import", id.trim(), big.to_str().unwrap()],
        1,
    );
    assert!(
        err.contains("big.waymark: a survey CSV to import: 200,000,000 bytes"),
        "{err}"
    );
}

#[test]
fn a_flood_of_bad_survey_lines_lists_a_hundred_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, _) = run(
        &db,
        &["new", "--title", "T", "--template", "bank-lost-card"],
        0,
    );
    let survey = dir.path().join("flood.csv");
    let mut text = String::from("touchpoint,respondent,date,metric,scale,value\n");
    text.push_str(&"x\n".repeat(100_000));
    std::fs::write(&survey, text).unwrap();
    let (_, err) = run(
        &db,
        &["responses", "import", id.trim(), survey.to_str().unwrap()],
        1,
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 102, "summary, 100 problems, the count: {err}");
    assert!(lines[0].contains("100,000 problems found"), "{}", lines[0]);
    assert!(lines[1].contains("flood.csv:2:"), "{}", lines[1]);
    assert!(
        lines[101].ends_with("flood.csv: … and 99,900 more errors"),
        "{}",
        lines[101]
    );
}
