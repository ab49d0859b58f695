//! Several `waymark` processes on one library: what one acknowledges, the
//! others never lose, and a live server shows it.

mod common;

use std::time::Duration;

use common::{answer_csv, new_id, ok, NoteClient, Serve};
use waymark_api::Library;

/// The report that started it: `waymark serve` holds a map open, `waymark
/// responses import` adds an answer, and the server's later edits (and its
/// log compaction after 256 of them) must keep it.
#[test]
fn an_answer_imported_beside_a_running_server_survives_its_compaction() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let id = new_id(&db, "Lost card", "bank-lost-card");
    let tp = Library::open(&db)
        .unwrap()
        .journey(&id)
        .unwrap()
        .touchpoints[0]
        .id
        .to_string();
    let serve = Serve::start(&db, 0);
    let rename = |title: &str| {
        let (status, body) = serve.post(
            "/api/rpc/rename_map",
            &format!("{{\"id\":\"{id}\",\"title\":\"{title}\"}}"),
        );
        assert_eq!(status, 200, "{body}");
    };
    rename("Held open by the server");

    let csv = dir.path().join("answers.csv");
    std::fs::write(&csv, answer_csv(&tp, "r1")).unwrap();
    assert_eq!(
        ok(&db, &["responses", "import", &id, csv.to_str().unwrap()])
            .lines()
            .next()
            .unwrap(),
        "1 answers added, 0 replaced"
    );
    for i in 0..260 {
        rename(&format!("Edit {i} through the server"));
    }
    serve.kill();

    let lib = Library::open(&db).unwrap();
    let journey = lib.journey(&id).unwrap();
    assert_eq!(
        journey.answer_count(),
        1,
        "its statistics are in the document"
    );
    assert_eq!(journey.title, "Edit 259 through the server");
    assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

/// A browser on `waymark serve` sees, within a second or so, an edit
/// another process made (the server's poll hands it to the room).
#[test]
fn a_browser_on_the_server_receives_edits_made_by_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let id = new_id(&db, "Lost card", "bank-lost-card");
    let serve = Serve::start(&db, 0);
    let mut browser = NoteClient::connect(&serve.ws_url(&id), yrs::Doc::new()).unwrap();

    Library::open(&db)
        .unwrap()
        .rename(&id, "Renamed by another process")
        .unwrap();
    // The browser sends nothing: only the server's poll can bring it.
    let renamed = browser.listen_until(Duration::from_secs(20), |doc| {
        waymark_core::doc::read_journey(doc).journey.title == "Renamed by another process"
    });
    assert!(renamed, "the browser never got the rename");
}
