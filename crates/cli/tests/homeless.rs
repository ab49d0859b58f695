//! `waymark show` names what a concurrent edit left without a home, and
//! `waymark rehome` puts it back.

mod bin;

use std::path::Path;

use bin::{ok, waymark};
use waymark_api::Library;

/// A map whose last stage was deleted while another replica added a card
/// to it; returns (map, card id, first stage's name).
fn map_with_a_homeless_card(db: &Path) -> (String, String, String) {
    let lib = Library::open(db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let base = lib.journey(&id).unwrap();
    let doomed = base.stages.last().unwrap().id;
    let stale = lib.encode_state(&id).unwrap();
    lib.edit(&id, |j| {
        j.delete_stage(doomed);
        Ok(())
    })
    .unwrap();
    let tp = uuid::Uuid::new_v4();
    let update =
        waymark_core::hostile::card_added_while_apart(&stale, tp, doomed, base.lanes[0].id);
    lib.apply_update(&id, &update, "ui").unwrap();
    (id, tp.to_string(), base.stages[0].name.clone())
}

#[test]
fn show_names_the_homeless_and_rehome_puts_one_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.db");
    let (id, tp, stage) = map_with_a_homeless_card(&db);

    let shown = ok(&db, &["show", &id]);
    assert!(
        shown.contains("Homeless: 1 touchpoint lost its stage in a concurrent edit\n"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "  touchpoint {tp} \"Added while apart\" (stage deleted)\n"
        )),
        "{shown}"
    );
    assert!(shown.contains(&format!(
        "  put one back: waymark rehome {id} ENTITY --stage STAGE [--lane LANE]\n"
    )));
    let json: serde_json::Value = serde_json::from_str(&ok(&db, &["show", &id, "--json"])).unwrap();
    assert_eq!(
        json["homeless"]["summary"],
        "1 touchpoint lost its stage in a concurrent edit"
    );
    assert_eq!(json["homeless"]["entities"][0]["id"], tp.as_str());
    assert_eq!(json["homeless"]["entities"][0]["lost"], "stage");

    assert_eq!(
        ok(&db, &["rehome", &id, &tp, "--stage", &stage]),
        format!("put {tp} back into stage {stage:?}\n")
    );
    let shown = ok(&db, &["show", &id]);
    assert!(!shown.contains("Homeless"), "{shown}");
    let json: serde_json::Value = serde_json::from_str(&ok(&db, &["show", &id, "--json"])).unwrap();
    assert_eq!(json["homeless"]["entities"], serde_json::json!([]));
    let cards = json["map"]["touchpoints"].as_array().unwrap();
    assert!(cards.iter().any(|t| t["id"] == tp.as_str()));

    // Nothing is homeless any more: said in one line, exit 1.
    let again = waymark(&db, &["rehome", &id, &tp, "--stage", &stage]);
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(
        err.contains("is not a homeless touchpoint or note"),
        "{err}"
    );
}
