//! `waymark watch` through the real binary on a real library: survey-tool
//! exports dropped in a folder become waves, a second run imports nothing,
//! `watch --once && report` is the quarterly cron line, and a watch killed
//! in the middle of an import leaves no half-written wave behind.

mod bin;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use bin::{fails, new_id, ok};

fn fixture(name: &str) -> String {
    format!(
        "{}/../../tests/data/surveys/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// (label, answers) of each wave.
fn waves(db: &Path, id: &str) -> Vec<(String, i64)> {
    let v: serde_json::Value = serde_json::from_str(&ok(db, &["waves", id, "--json"])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["label"].as_str().unwrap().to_string(),
                w["answers"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn new_map(db: &Path) -> String {
    new_id(db, "Bank", "bank-lost-card")
}

#[test]
fn tool_exports_in_a_folder_become_waves_once_and_a_report_follows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let id = new_map(&db);
    for f in ["qualtrics.csv", "medallia.csv"] {
        std::fs::copy(fixture(f), inbox.join(f)).unwrap();
    }
    let inbox_s = inbox.to_str().unwrap();
    let watch = ["watch", inbox_s, "--map", &id, "--once", "--settle", "0"];
    let out = ok(&db, &watch);
    assert!(
        out.contains("wave \"qualtrics\" (2026-03-04) holds 11 answers"),
        "{out}"
    );
    assert!(
        out.contains("wave \"medallia\" (2026-03-07) holds 8 answers"),
        "{out}"
    );
    let before = waves(&db, &id);
    assert_eq!(before.len(), 2);
    // The last wave (by date) covers three of the template's 28 touchpoints.
    let show = ok(&db, &["show", &id]);
    assert!(
        show.contains("survey answers in the last wave (medallia) for 3 (11%)."),
        "{show}"
    );

    // The cron line: nothing new, nothing imported, the report runs.
    let out = ok(&db, &watch);
    assert!(
        out.contains("already imported as wave \"qualtrics\""),
        "{out}"
    );
    assert_eq!(waves(&db, &id), before);
    let pdf = dir.path().join("report.pdf");
    ok(&db, &["report", &id, "-o", pdf.to_str().unwrap()]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    // A bad file fails the run (so `&& report` does not run) and names its place.
    std::fs::write(
        inbox.join("typo.csv"),
        "#,How easy was it to freeze your card in the app? (1-5),Submitted At\nx1,9,2026-04-02 10:00:00\n",
    )
    .unwrap();
    let err = fails(&db, &watch, 1);
    assert!(
        err.contains("typo.csv:2: column How easy was it to freeze your card in the app? (1-5): 9 is outside the ces5 scale (1 to 5)"),
        "{err}"
    );
    assert_eq!(waves(&db, &id).len(), 2, "nothing of it imported");
}

#[test]
fn the_mapping_confirmed_in_the_wizard_is_passed_to_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let id = new_map(&db);
    let columns = dir.path().join("columns.json");
    std::fs::write(
        &columns,
        r##"{"wide": {"respondent": "#", "date": "Submitted At", "questions": [
            {"column": "What could we do better?", "touchpoint": "Activates the new card in the app", "scale": "csat"}
        ]}}"##,
    )
    .unwrap();
    let typeform = fixture("typeform.csv");
    let import = [
        "responses",
        "import",
        &id,
        &typeform,
        "--wave",
        "T",
        "--columns",
        columns.to_str().unwrap(),
    ];
    let err = fails(&db, &import, 1);
    assert!(
        err.contains("typeform.csv:2: column What could we do better?: \"Nothing really\" is not a number on the csat scale (1 to 5)"),
        "{err}"
    );
    std::fs::write(
        &columns,
        r##"{"respondent": "#", "date": "Submitted At", "questions": [
            {"column": "How easy was it to freeze your card in the app? (1-5)", "touchpoint": "Freezes the card in the app", "scale": "ces7"}
        ]}"##,
    )
    .unwrap();
    let out = ok(&db, &import);
    assert!(out.contains("wave \"T\" holds 3 answers"), "{out}");
}

#[test]
fn a_watch_killed_mid_import_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let id = new_map(&db);
    let rows = 20_000usize;
    let mut text = String::from(
        "respondent,date,Calls the lost and stolen card line,Freezes the card in the app,Adds a virtual card to the phone wallet\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "r{i},2026-06-{:02},{},{},{}\n",
            1 + i % 28,
            i % 11,
            1 + i % 7,
            1 + i % 5
        ));
    }
    std::fs::write(inbox.join("big.csv"), &text).unwrap();
    let inbox_s = inbox.to_str().unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .arg("--db")
        .arg(&db)
        .args(["watch", inbox_s, "--map", &id, "--once", "--settle", "0"])
        .env_remove("WAYMARK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("importing"), "{line}");
    child.kill().unwrap();
    child.wait().unwrap();

    // Whenever the kill landed: no wave, or the whole wave.
    let after_kill = waves(&db, &id);
    eprintln!("after the kill: {after_kill:?}");
    assert!(
        after_kill.is_empty() || after_kill == [("big".to_string(), (rows * 3) as i64)],
        "{after_kill:?}"
    );
    // The next run takes the file (again) and completes it; the one after skips it.
    let watch = ["watch", inbox_s, "--map", &id, "--once", "--settle", "0"];
    ok(&db, &watch);
    assert_eq!(waves(&db, &id), [("big".to_string(), (rows * 3) as i64)]);
    let out = ok(&db, &watch);
    assert!(out.contains("already imported as wave \"big\""), "{out}");
    let trend: serde_json::Value =
        serde_json::from_str(&ok(&db, &["trend", &id, "--json"])).unwrap();
    assert_eq!(
        trend["waves"][0]["journey"]["n"].as_u64(),
        Some((rows * 3) as u64)
    );
}
