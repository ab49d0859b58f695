//! Two `Library` instances on one library file (as two processes would have):
//! each sees what the other wrote, compaction in one never drops a row the
//! other appended, and the derived tables stay the document's projection.

use std::path::Path;

use waymark_api::Library;

fn answers_csv(tp: &str, respondent: &str) -> String {
    format!(
        "touchpoint,respondent,date,metric,scale,value,comment\n{tp},{respondent},2026-10-01,csat,csat,5,\n"
    )
}

fn fresh_look(path: &Path, id: &str) -> waymark_core::Journey {
    let lib = Library::open(path).unwrap();
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    assert_eq!(lib.derived_differences(id).unwrap(), Vec::<String>::new());
    lib.journey(id).unwrap()
}

#[test]
fn an_answer_added_elsewhere_survives_compaction_here() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let serve = Library::open(&path).unwrap();
    let id = serve.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = serve.journey(&id).unwrap().touchpoints[0].id.to_string();

    // Another process imports one answer while this one holds the map open.
    let cli = Library::open(&path).unwrap();
    let stats = cli
        .import_responses(&id, "answers.csv", &answers_csv(&tp, "r1"))
        .unwrap();
    assert_eq!(stats.added, 1);
    drop(cli);

    // This one keeps editing, past the log's compaction.
    for i in 0..300 {
        serve.rename(&id, &format!("Lost card, pass {i}")).unwrap();
    }
    assert_eq!(serve.journey(&id).unwrap().answer_count(), 1);
    let seen = fresh_look(&path, &id);
    assert_eq!(seen.answer_count(), 1, "its statistics are in the document");
    assert_eq!(seen.title, "Lost card, pass 299");
}

#[test]
fn interleaved_writers_and_compactions_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let a = Library::open(&path).unwrap();
    let id = a.create_map(Some("bank-lost-card"), None).unwrap();
    let b = Library::open(&path).unwrap();
    let tps: Vec<String> = a
        .journey(&id)
        .unwrap()
        .touchpoints
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    // Each writer adds its own answers, and both rename the map: the log is
    // compacted several times, by either writer, between the other's writes.
    let n = 700;
    for i in 0..n {
        let (lib, who) = if i % 3 == 0 { (&b, "b") } else { (&a, "a") };
        let tp = &tps[i % tps.len()];
        lib.import_responses(&id, "answers.csv", &answers_csv(tp, &format!("{who}{i}")))
            .unwrap();
        if i % 50 == 0 {
            lib.rename(&id, &format!("Renamed by {who} at {i}"))
                .unwrap();
        }
    }
    for lib in [&a, &b] {
        assert_eq!(lib.journey(&id).unwrap().answer_count(), n as u64);
        assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());
    }
    let seen = fresh_look(&path, &id);
    assert_eq!(seen.answer_count(), n as u64);
    assert_eq!(seen.title, "Renamed by a at 650");
}

#[test]
fn a_refresh_hands_other_processes_updates_to_the_observers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let app = Library::open(&path).unwrap();
    let id = app.create_map(Some("bank-lost-card"), None).unwrap();
    let before = app.encode_state(&id).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    app.subscribe(std::sync::Arc::new(
        move |map: &str, update: &[u8], origin: &str| {
            tx.send((map.to_string(), update.to_vec(), origin.to_string()))
                .unwrap();
        },
    ));
    assert!(!app.refresh().unwrap(), "nothing changed yet");

    let other = Library::open(&path).unwrap();
    other.rename(&id, "Renamed elsewhere").unwrap();
    assert!(app.refresh().unwrap());
    let (map, update, origin) = rx.try_recv().unwrap();
    assert_eq!(
        (map.as_str(), origin.as_str()),
        (id.as_str(), waymark_api::OTHER_PROCESS)
    );
    assert_eq!(app.journey(&id).unwrap().title, "Renamed elsewhere");
    assert!(!app.refresh().unwrap(), "once is enough");

    // The update alone brings a replica of the map as it was to the new title.
    let replica = yrs::Doc::new();
    {
        use yrs::updates::decoder::Decode;
        use yrs::Transact;
        let mut txn = replica.transact_mut();
        txn.apply_update(yrs::Update::decode_v1(&before).unwrap())
            .unwrap();
        txn.apply_update(yrs::Update::decode_v1(&update).unwrap())
            .unwrap();
    }
    let title = waymark_core::doc::read_journey(&replica).journey.title;
    assert_eq!(title, "Renamed elsewhere");
}

#[test]
fn a_map_dropped_after_a_refused_update_still_hands_on_other_processes_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let serve = Library::open(&path).unwrap();
    let id = serve.create_map(Some("bank-lost-card"), None).unwrap();
    let before = serve.encode_state(&id).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    serve.subscribe(std::sync::Arc::new(
        move |_: &str, update: &[u8], origin: &str| {
            if origin == waymark_api::OTHER_PROCESS {
                tx.send(update.to_vec()).unwrap();
            }
        },
    ));
    // A participant's update is refused: the map leaves memory.
    let other = Library::open(&dir.path().join("other.db")).unwrap();
    let copy = other.create_map(None, Some("Elsewhere")).unwrap();
    let foreign = other.encode_state(&copy).unwrap();
    let refused = serve.apply_update_checked(&id, &foreign, "ws", |_| Err("not yours".into()));
    assert!(refused.is_err());

    Library::open(&path)
        .unwrap()
        .rename(&id, "Renamed meanwhile")
        .unwrap();
    assert!(serve.refresh().unwrap());
    let update = rx.try_recv().expect("the rename was handed on");
    let replica = yrs::Doc::new();
    {
        use yrs::updates::decoder::Decode;
        use yrs::Transact;
        let mut txn = replica.transact_mut();
        txn.apply_update(yrs::Update::decode_v1(&before).unwrap())
            .unwrap();
        txn.apply_update(yrs::Update::decode_v1(&update).unwrap())
            .unwrap();
    }
    let title = waymark_core::doc::read_journey(&replica).journey.title;
    assert_eq!(title, "Renamed meanwhile");
}
