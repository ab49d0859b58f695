//! `waymark board`: the pain-point board of a map as a table, CSV and JSON,
//! all the board of `Library::board` (`waymark_score::board`).

mod bin;

use bin::{fails, new_id, ok};

#[test]
fn board_as_table_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let id = new_id(&db, "Lost card", "bank-lost-card");

    // The board is the library's, as the app and the report get it.
    let expected = waymark_api::Library::open(&db).unwrap().board(&id).unwrap();
    assert!(expected.pain_points().count() > 0);

    // Compared as JSON values: both sides go through the same float parser
    // (serde_json's default one may differ from the f64 in the last bit).
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["board", &id[..8], "--json"])).unwrap();
    let want: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&expected).unwrap()).unwrap();
    assert_eq!(json, want);

    let csv = ok(&db, &["board", &id, "--csv"]);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "rank,kind,title,stage,owner,channel,nature,evidence,priority,friction,emotion,votes,source"
    );
    assert_eq!(lines.len(), expected.items.len() + 1);
    assert_eq!(csv, expected.csv());

    let table = ok(&db, &["board", &id]);
    let first = &expected.items[0];
    assert!(
        table.lines().nth(1).unwrap().contains("pain point"),
        "{table}"
    );
    assert!(
        table.contains(&first.title.chars().take(30).collect::<String>()),
        "{table}"
    );

    let blank = ok(&db, &["new", "--title", "Empty"]).trim().to_string();
    assert!(ok(&db, &["board", &blank]).contains("No pain points or opportunities yet"));
    let err = fails(&db, &["board", &id, "--csv", "--json"], 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = fails(&db, &["board", "00000000-0000-0000-0000-000000000000"], 1);
    assert!(err.contains("no map with id"), "{err}");
}
