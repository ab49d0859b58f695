//! The `waymark` binary end to end, on a real library file.

mod bin;

use std::path::Path;
use std::process::Command;

use bin::{fails, new_id, ok, waymark};

#[test]
fn every_command_on_a_real_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    assert!(ok(&db, &["templates"]).contains("broadband-outage"));
    assert!(ok(&db, &["list"]).contains("No maps yet"));

    let id = new_id(&db, "Outage Nov", "broadband-outage");
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

#[test]
fn score_and_survey_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let id = new_id(&db, "Card", "bank-lost-card");
    let map: serde_json::Value = serde_json::from_str(&ok(&db, &["show", &id, "--json"])).unwrap();
    let title = map["map"]["touchpoints"][0]["title"]
        .as_str()
        .unwrap()
        .to_string();
    let tp_id = map["map"]["touchpoints"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let csv = dir.path().join("answers.csv");
    std::fs::write(
        &csv,
        format!(
            "touchpoint,respondent,date,metric,scale,value,comment\n\
             \"{title}\",r1,2026-10-01,nps,nps,10,Great help\n\
             \"{title}\",r2,2026-10-01,nps,nps,3,\"On hold for 40 minutes, then transferred again\"\n\
             {tp_id},r1,2026-10-02,csat,csat,5,\n"
        ),
    )
    .unwrap();
    assert_eq!(
        ok(&db, &["responses", "import", &id, csv.to_str().unwrap()])
            .lines()
            .next()
            .unwrap(),
        "3 answers added, 0 replaced"
    );
    assert_eq!(
        ok(&db, &["responses", "import", &id, csv.to_str().unwrap()])
            .lines()
            .next()
            .unwrap(),
        "0 answers added, 3 replaced"
    );

    // Answers live in the map: they survive versions and `.waymark` exports.
    ok(&db, &["version", &id, "--label", "with answers"]);
    let exported: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &[
            "export",
            &id,
            "--format",
            "waymark",
            "--version",
            "with answers",
        ],
    ))
    .unwrap();
    // A named version keeps the raw answers it was named with, and exports
    // them in its waves.
    let answers: usize = exported["waves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["answers"].as_array().unwrap().len())
        .sum();
    assert_eq!(answers, 3);
    assert_eq!(exported["version"], 3);

    let card: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", &id, "--json"])).unwrap();
    assert_eq!(card["journey"]["responses"], 3);
    // One promoter, one detractor: NPS 0 over the pooled answers.
    assert_eq!(card["journey"]["nps"], 0.0);
    assert_eq!(card["journey"]["csat"], 100.0);
    let tps = card["touchpoints"].as_array().unwrap();
    let prios: Vec<f64> = tps.iter().filter_map(|t| t["priority"].as_f64()).collect();
    assert!(
        prios.windows(2).all(|w| w[0] >= w[1]),
        "sorted by priority: {prios:?}"
    );
    assert!(ok(&db, &["score", &id]).contains("JOURNEY"));

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "touchpoint,respondent,date,metric,scale,value,comment\nNo such touchpoint,r1,2026-10-01,nps,nps,5,\n{tp},r2,2026-13-01,csat,csat,9,\n".replace("{tp}", &tp_id),
    )
    .unwrap();
    let e = fails(&db, &["responses", "import", &id, bad.to_str().unwrap()], 1);
    assert!(e.contains("nothing imported"), "{e}");
    assert!(e.contains(":2"), "line 2 named: {e}");
    assert!(e.contains(":3"), "line 3 named: {e}");
    let card: serde_json::Value =
        serde_json::from_str(&ok(&db, &["score", &id, "--json"])).unwrap();
    assert_eq!(
        card["journey"]["responses"], 3,
        "a rejected file imports nothing"
    );
}

/// `waymark CMD ID -o a.EXT` and `-o b.EXT` with `args`: what the first run
/// said, after checking both wrote the same bytes, starting with `magic`.
fn same_bytes_twice(
    db: &Path,
    cmd: &str,
    id: &str,
    ext: &str,
    args: &[&str],
    magic: &[u8],
) -> String {
    let dir = db.parent().unwrap();
    let said: Vec<String> = ["a", "b"]
        .iter()
        .map(|name| {
            let out = dir.join(format!("{name}.{ext}"));
            let mut all = vec![cmd, id, "-o", out.to_str().unwrap()];
            all.extend_from_slice(args);
            ok(db, &all)
        })
        .collect();
    let bytes = std::fs::read(dir.join(format!("a.{ext}"))).unwrap();
    assert!(bytes.starts_with(magic));
    assert_eq!(
        bytes,
        std::fs::read(dir.join(format!("b.{ext}"))).unwrap(),
        "same inputs and date give the same bytes"
    );
    said.into_iter().next().unwrap()
}

/// `waymark CMD ID -o c.EXT` with a date it cannot read: refused, nothing written.
fn a_bad_date_writes_nothing(db: &Path, cmd: &str, id: &str, ext: &str) {
    let out = db.parent().unwrap().join(format!("c.{ext}"));
    let e = fails(
        db,
        &[cmd, id, "-o", out.to_str().unwrap(), "--date", "22/11/2026"],
        1,
    );
    assert!(e.contains("date"), "{e}");
    assert!(!out.exists(), "nothing written on error");
}

#[test]
fn report_writes_a_deterministic_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let id = new_id(&db, "Returns", "damaged-order-return");
    let said = same_bytes_twice(
        &db,
        "report",
        &id,
        "pdf",
        &["--date", "2026-11-22", "--page-size", "letter"],
        b"%PDF-",
    );
    assert!(said.contains("pages"), "{said}");
    a_bad_date_writes_nothing(&db, "report", &id, "pdf");
}

#[test]
fn deck_writes_a_deterministic_pptx_with_the_sections_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let id = new_id(&db, "Card", "bank-lost-card");
    let said = same_bytes_twice(
        &db,
        "deck",
        &id,
        "pptx",
        &[
            "--date",
            "2026-11-22",
            "--company",
            "Northwind",
            "--version",
            "Q4",
        ],
        b"PK\x03\x04",
    );
    assert!(said.contains("11 slides"), "{said}");
    let sections = |name: &str, list: &str| {
        let out = dir.path().join(name);
        waymark(
            &db,
            &["deck", &id, "-o", out.to_str().unwrap(), "--sections", list],
        )
    };
    let said = String::from_utf8(sections("map.pptx", "title,map").stdout).unwrap();
    assert!(said.contains("2 slides"), "{said}");
    let refused = sections("c.pptx", "map,appendix");
    assert_eq!(refused.status.code(), Some(2));
    let e = String::from_utf8(refused.stderr).unwrap();
    assert!(e.contains("appendix"), "{e}");
    a_bad_date_writes_nothing(&db, "deck", &id, "pptx");
}

#[test]
fn future_state_and_compare() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let id = new_id(&db, "Card", "bank-lost-card");
    ok(&db, &["version", &id, "--label", "as-is"]);
    let copy = ok(&db, &["future", &id]).trim().to_string();
    assert_ne!(copy, id);
    let list = ok(&db, &["list"]);
    assert!(list.contains("Card (to-be)"), "{list}");

    let text = ok(&db, &["compare", &id, &copy]);
    assert!(
        text.contains("0 added, 0 removed, 0 changed touchpoints"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["compare", &format!("{id}@as-is"), &copy, "--json"],
    ))
    .unwrap();
    assert_eq!(json["after_title"], "Card (to-be)");
    assert_eq!(json["stages"].as_array().unwrap().len(), 6);

    let err = fails(&db, &["compare", &format!("{id}@"), &copy], 2);
    assert!(err.contains("version after @ is missing"), "{err}");
    let err = fails(&db, &["compare", &format!("{id}@nope"), &copy], 1);
    assert!(err.contains("nope"), "{err}");
}
