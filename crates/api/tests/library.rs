//! The library through the API, on real SQLite files.

use proptest::prelude::*;
use waymark_api::{ApiError, ExportFormat, Library};
use waymark_core::formats::waymark;
use waymark_core::synth::{journey as synth, Size};
use waymark_core::{Stage, Touchpoint};

fn temp_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    (dir, lib)
}

fn sql_count(lib: &Library, sql: &str) -> i64 {
    let conn = rusqlite_conn(lib);
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn rusqlite_conn(lib: &Library) -> rusqlite::Connection {
    rusqlite::Connection::open(lib.path()).unwrap()
}

#[test]
fn create_edit_reopen_and_query_with_sql() {
    let (dir, lib) = temp_library();
    let id = lib
        .create_map(Some("bank-lost-card"), Some("Lost card, Q4"))
        .unwrap();
    let j = lib.journey(&id).unwrap();
    assert_eq!(j.title, "Lost card, Q4");
    assert!(j.touchpoints.len() >= 20);
    let first = j.touchpoints[0].id;
    lib.edit(&id, |j| {
        j.touchpoints[0].title = "Freeze card in the app".into();
        j.touchpoints[0].inputs.emotion = Some(1);
        Ok(())
    })
    .unwrap();
    drop(lib);

    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let j = lib.journey(&id).unwrap();
    let tp = j.touchpoint(first).unwrap();
    assert_eq!(
        (tp.title.as_str(), tp.inputs.emotion),
        ("Freeze card in the app", Some(1))
    );
    let listed = lib.list_maps().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].title, "Lost card, Q4");
    assert_eq!(listed[0].touchpoints as usize, j.touchpoints.len());
    // Derived tables answer SQL questions.
    assert_eq!(
        sql_count(
            &lib,
            &format!("select count(*) from touchpoints where map_id = '{id}'")
        ),
        j.touchpoints.len() as i64
    );
    let title: String = rusqlite_conn(&lib)
        .query_row(
            "select title from touchpoints where id = ?1",
            [first.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(title, "Freeze card in the app");
    assert_eq!(
        sql_count(&lib, "select count(*) from stages s join touchpoints t on t.stage_id = s.id and t.map_id = s.map_id"),
        j.touchpoints.len() as i64
    );
}

#[test]
fn invalid_edits_are_refused_and_change_nothing() {
    let (_dir, lib) = temp_library();
    let id = lib.create_map(None, Some("Blank")).unwrap();
    let before = lib.journey(&id).unwrap();
    let err = lib
        .edit(&id, |j| {
            j.touchpoints.push(Touchpoint {
                id: uuid::Uuid::new_v4(),
                stage: uuid::Uuid::new_v4(),
                lane: j.lanes[0].id,
                order: "V".into(),
                title: "Orphan".into(),
                ..Touchpoint::default()
            });
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("no stage has id"), "{err}");
    assert_eq!(lib.journey(&id).unwrap(), before);
    let err = lib.edit(&id, |j| {
        j.stages.push(Stage {
            id: uuid::Uuid::new_v4(),
            order: "z".into(),
            name: "X".into(),
            ..Stage::default()
        });
        j.stages[0].name = String::new();
        Ok(())
    });
    assert!(matches!(err, Err(ApiError::Invalid(_))));
    assert_eq!(lib.journey(&id).unwrap(), before);
}

#[test]
fn versions_list_export_and_restore() {
    let (_dir, lib) = temp_library();
    let id = lib.create_map(Some("broadband-outage"), None).unwrap();
    let original = lib.journey(&id).unwrap();
    lib.create_version(&id, "Workshop 1").unwrap();
    assert!(matches!(
        lib.create_version(&id, "Workshop 1"),
        Err(ApiError::Conflict(_))
    ));
    lib.edit(&id, |j| {
        j.title = "Changed".into();
        let doomed: Vec<_> = j.touchpoints.iter().skip(3).map(|t| t.id).collect();
        for t in doomed {
            j.delete_touchpoint(t);
        }
        Ok(())
    })
    .unwrap();
    let exported = lib
        .export(&id, ExportFormat::Waymark, Some("Workshop 1"))
        .unwrap();
    assert_eq!(exported, waymark::to_string(&original));
    let kept = lib.restore(&id, "Workshop 1").unwrap();
    assert_eq!(kept.label, "Before restoring Workshop 1");
    assert_eq!(lib.journey(&id).unwrap(), original);
    let labels: Vec<String> = lib
        .versions(&id)
        .unwrap()
        .into_iter()
        .map(|v| v.label)
        .collect();
    assert_eq!(labels, ["Workshop 1", "Before restoring Workshop 1"]);
    // The state before the restore is still there.
    assert_eq!(
        lib.version_journey(&id, "Before restoring Workshop 1")
            .unwrap()
            .touchpoints
            .len(),
        3
    );
    assert_eq!(lib.restore(&id, "nope").unwrap_err().code(), "not_found");
}

#[test]
fn import_export_round_trips_and_bad_imports_write_nothing() {
    let (_dir, lib) = temp_library();
    let j = synth(
        Size {
            stages: 4,
            lanes: 3,
            touchpoints: 40,
            annotations: 12,
        },
        9,
    );
    let text = waymark::to_string(&j);
    let id = lib.import("map.waymark", &text, None).unwrap();
    assert_eq!(lib.export(&id, ExportFormat::Waymark, None).unwrap(), text);
    let mmd = lib.export(&id, ExportFormat::Mermaid, None).unwrap();
    let id2 = lib.import("map.mmd", &mmd, None).unwrap();
    assert_eq!(lib.export(&id2, ExportFormat::Mermaid, None).unwrap(), mmd);
    let csv = lib.export(&id, ExportFormat::Csv, None).unwrap();
    assert_eq!(csv.lines().count(), 41);

    let before = lib.list_maps().unwrap().len();
    let err = lib
        .import(
            "broken.waymark",
            "{\"format\":\"waymark\",\"version\":1,\n\"map\":{\"title\":\"x\",",
            None,
        )
        .unwrap_err();
    assert_eq!(err.code(), "import_failed");
    assert!(err.to_string().starts_with("broken.waymark:2:"), "{err}");
    let err = lib
        .import("bad.mmd", "journey\n  section A\n    Task: 7: Me\n", None)
        .unwrap_err();
    assert!(err.to_string().starts_with("bad.mmd:3:"), "{err}");
    assert_eq!(lib.list_maps().unwrap().len(), before);
    assert_eq!(sql_count(&lib, "select count(*) from maps"), before as i64);
}

#[test]
fn delete_removes_everything_derived() {
    let (_dir, lib) = temp_library();
    let id = lib.create_map(Some("saas-trial-onboarding"), None).unwrap();
    lib.create_version(&id, "v1").unwrap();
    lib.delete(&id).unwrap();
    assert_eq!(lib.journey(&id).unwrap_err().code(), "not_found");
    for table in [
        "maps",
        "map_updates",
        "versions",
        "stages",
        "lanes",
        "touchpoints",
        "annotations",
    ] {
        assert_eq!(
            sql_count(&lib, &format!("select count(*) from {table}")),
            0,
            "{table}"
        );
    }
    assert_eq!(lib.delete(&id).unwrap_err().code(), "not_found");
}

#[test]
fn remote_updates_apply_and_malformed_ones_are_refused() {
    use yrs::updates::decoder::Decode;
    use yrs::{Doc, Transact, Update};
    let (_dir, lib) = temp_library();
    let id = lib.create_map(Some("damaged-order-return"), None).unwrap();
    // A replica (as the UI would hold) edits the title.
    let replica = Doc::new();
    replica
        .transact_mut()
        .apply_update(Update::decode_v1(&lib.encode_state(&id).unwrap()).unwrap())
        .unwrap();
    let mut j = waymark_core::doc::read_journey(&replica).journey;
    j.title = "Edited in the UI".into();
    let update = {
        let mut txn = replica.transact_mut();
        waymark_core::doc::write_journey_txn(&mut txn, &j);
        txn.encode_update_v1()
    };
    lib.apply_update(&id, &update, "ui").unwrap();
    assert_eq!(lib.journey(&id).unwrap().title, "Edited in the UI");
    assert_eq!(lib.map_summary(&id).unwrap().title, "Edited in the UI");
    let err = lib
        .apply_update(&id, &[0xff, 0x01, 0x02], "hostile")
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("malformed Yjs update"), "{err}");
    assert_eq!(lib.journey(&id).unwrap().title, "Edited in the UI");
}

#[test]
fn log_is_compacted_and_still_rebuilds_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(None, Some("Many edits")).unwrap();
    for i in 0..600 {
        lib.edit(&id, |j| {
            j.description = format!("edit {i}");
            Ok(())
        })
        .unwrap();
    }
    let pending = sql_count(&lib, "select count(*) from map_updates");
    assert!(pending <= 257, "log compacted, {pending} left");
    assert_eq!(sql_count(&lib, "select count(*) from map_snapshots"), 1);
    drop(lib);
    let lib = Library::open(&db).unwrap();
    assert_eq!(lib.journey(&id).unwrap().description, "edit 599");
}

fn write_file(path: &std::path::Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn foreign_newer_and_corrupt_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Not SQLite at all.
    let text = dir.path().join("notes.db");
    write_file(&text, b"these are my notes, not a database at all........");
    let err = Library::open(&text).err().unwrap();
    assert_eq!(err.code(), "not_a_library");
    assert!(err.to_string().contains("notes.db"), "{err}");
    assert_eq!(
        std::fs::read(&text).unwrap(),
        b"these are my notes, not a database at all........"
    );

    // Another program's SQLite database.
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("create table invoices(id integer primary key, total real); insert into invoices values (1, 9.5);").unwrap();
    }
    let bytes = std::fs::read(&other).unwrap();
    assert_eq!(Library::open(&other).err().unwrap().code(), "not_a_library");
    assert_eq!(std::fs::read(&other).unwrap(), bytes);

    // A library from a newer Waymark.
    let newer = dir.path().join("newer.db");
    drop(Library::open(&newer).unwrap());
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = std::fs::read(&newer).unwrap();
    let err = Library::open(&newer).err().unwrap();
    assert_eq!(err.code(), "newer_library");
    assert!(err.to_string().contains("newer Waymark"), "{err}");
    assert_eq!(std::fs::read(&newer).unwrap(), bytes);

    // A damaged library: real header, garbage pages.
    let damaged = dir.path().join("damaged.db");
    {
        let lib = Library::open(&damaged).unwrap();
        for _ in 0..5 {
            lib.create_map(Some("bank-lost-card"), None).unwrap();
        }
    }
    {
        let c = rusqlite::Connection::open(&damaged).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut bytes = std::fs::read(&damaged).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096..len.min(4096 * 6)] {
        *b = 0xA5;
    }
    write_file(&damaged, &bytes);
    let err = Library::open(&damaged).err().unwrap();
    assert_eq!(err.code(), "corrupt_library", "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&damaged).unwrap(), bytes);
}

/// `j` as the library keeps it: its raw answers' statistics in the wave
/// that takes answers without one.
fn moved(j: &waymark_core::Journey) -> waymark_core::Journey {
    let mut m = j.clone();
    let answers = std::mem::take(&mut m.responses);
    for t in &j.touchpoints {
        let mine: Vec<_> = answers.iter().filter(|a| a.touchpoint == t.id).collect();
        if !mine.is_empty() {
            m.evidence.push(waymark_core::evidence::WaveEvidence {
                touchpoint: t.id,
                wave: waymark_api::EARLIER_ANSWERS.into(),
                stats: waymark_score::evidence::stats_of(mine),
            });
        }
    }
    m.normalize();
    m
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// model → document → SQLite → model, and through a `.waymark` file.
    #[test]
    fn random_maps_survive_the_library(j in waymark_core::arbitrary::journey()) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        let id = Library::open(&db).unwrap().insert_journey(j.clone()).unwrap();
        let lib = Library::open(&db).unwrap();
        // The document carries the answers' statistics; the answers are in
        // the tables, and in the file's waves.
        prop_assert_eq!(&lib.journey(&id).unwrap(), &moved(&j));
        let text = lib.export(&id, ExportFormat::Waymark, None).unwrap();
        let (in_file, waves) = waymark::from_str_with_waves("p.waymark", &text).unwrap();
        let mut bare = j.clone();
        let mut answers = std::mem::take(&mut bare.responses);
        prop_assert_eq!(&in_file, &bare);
        let mut carried: Vec<_> = waves.into_iter().flat_map(|w| w.answers).collect();
        answers.sort_by_key(|a| a.key());
        carried.sort_by_key(|a| a.key());
        prop_assert_eq!(carried, answers);
        let id2 = lib.import("p.waymark", &text, None).unwrap();
        prop_assert_eq!(lib.export(&id2, ExportFormat::Waymark, None).unwrap(), text);
        let n: i64 = rusqlite::Connection::open(&db).unwrap()
            .query_row("select count(*) from touchpoints where map_id = ?1", [&id], |r| r.get(0)).unwrap();
        prop_assert_eq!(n as usize, j.touchpoints.len());
    }
}

#[test]
fn rename_duplicate_trash_restore_and_recent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let lib = Library::open(&path).unwrap();
    let id = lib
        .create_map(Some("bank-lost-card"), Some("Original"))
        .unwrap();

    let renamed = lib.rename(&id, "  Lost card  ").unwrap();
    assert_eq!(renamed.title, "Lost card");
    assert_eq!(lib.journey(&id).unwrap().title, "Lost card");
    assert_eq!(lib.rename(&id, " ").unwrap_err().code(), "invalid");
    assert_eq!(lib.rename("nope", "x").unwrap_err().code(), "not_found");

    let copy = lib.duplicate(&id).unwrap();
    assert_ne!(copy, id);
    let (a, b) = (lib.journey(&id).unwrap(), lib.journey(&copy).unwrap());
    assert_eq!(b.title, "Lost card (copy)");
    assert_eq!(a.touchpoints, b.touchpoints);
    assert_eq!(a.stages, b.stages);

    // The trash: out of the list, everything kept, back on restore.
    lib.move_to_trash(&id).unwrap();
    assert!(lib.is_trashed(&id).unwrap());
    let listed: Vec<String> = lib.list_maps().unwrap().into_iter().map(|m| m.id).collect();
    assert_eq!(listed, vec![copy.clone()]);
    drop(lib);
    // Closing the app meanwhile loses nothing: the trashed map is still there.
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.purge_trash(waymark_api::TRASH_KEEP).unwrap(), 0);
    lib.restore_from_trash(&id).unwrap();
    assert!(!lib.is_trashed(&id).unwrap());
    assert_eq!(lib.list_maps().unwrap().len(), 2);
    assert_eq!(lib.journey(&id).unwrap(), a);

    // Purging removes only what was trashed long enough ago.
    lib.move_to_trash(&copy).unwrap();
    assert_eq!(
        lib.purge_trash(std::time::Duration::from_secs(3600))
            .unwrap(),
        0
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(lib.purge_trash(std::time::Duration::ZERO).unwrap(), 1);
    assert_eq!(lib.journey(&copy).unwrap_err().code(), "not_found");
    assert_eq!(lib.list_maps().unwrap().len(), 1);

    // Recently opened.
    assert_eq!(lib.map_summary(&id).unwrap().opened_at, None);
    lib.mark_opened(&id).unwrap();
    assert!(lib.map_summary(&id).unwrap().opened_at.is_some());

    // One strip per listed map, one cell per stage, scored.
    let strips = lib.strips().unwrap();
    assert_eq!(strips.len(), 1);
    assert_eq!(strips[0].stages.len(), a.stages.len());
    assert!(strips[0].stages.iter().any(|s| s.friction.is_some()));
}

#[test]
fn import_file_reads_waymark_and_mermaid_and_names_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("lib.db")).unwrap();
    let src = lib
        .create_map(Some("bank-lost-card"), Some("Source"))
        .unwrap();
    let wm = dir.path().join("card.waymark");
    std::fs::write(&wm, lib.export(&src, ExportFormat::Waymark, None).unwrap()).unwrap();
    let id = lib.import_file(&wm).unwrap();
    assert_eq!(lib.journey(&id).unwrap(), lib.journey(&src).unwrap());

    let mmd = dir.path().join("trip.mmd");
    std::fs::write(
        &mmd,
        "journey\n  title Trip\n  section Book\n    Search: 4: Me\n",
    )
    .unwrap();
    let id = lib.import_file(&mmd).unwrap();
    assert_eq!(lib.journey(&id).unwrap().title, "Trip");

    let before = lib.list_maps().unwrap().len();
    let bad = dir.path().join("broken.waymark");
    std::fs::write(
        &bad,
        "{\"format\": \"waymark\", \"version\": 1, \"map\": 3}",
    )
    .unwrap();
    let err = lib.import_file(&bad).unwrap_err();
    assert!(err.to_string().contains("broken.waymark"), "{err}");
    let binary = dir.path().join("x.waymark");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    let err = lib.import_file(&binary).unwrap_err();
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    let err = lib
        .import_file(&dir.path().join("missing.waymark"))
        .unwrap_err();
    assert!(err.to_string().contains("missing.waymark"), "{err}");
    assert_eq!(lib.list_maps().unwrap().len(), before, "nothing written");
}

#[test]
fn recent_maps_are_the_opened_ones_latest_first_without_the_trash() {
    let (_dir, lib) = temp_library();
    let ids: Vec<String> = ["A", "B", "C", "D"]
        .iter()
        .map(|t| lib.create_map(None, Some(t)).unwrap())
        .collect();
    assert!(lib.recent_maps(5).unwrap().is_empty(), "nothing opened yet");
    for i in [2, 0, 3, 1] {
        lib.mark_opened(&ids[i]).unwrap();
        // Opened at distinct milliseconds, as a person does.
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    let titles = |n| -> Vec<String> {
        lib.recent_maps(n)
            .unwrap()
            .into_iter()
            .map(|m| m.title)
            .collect()
    };
    assert_eq!(titles(10), ["B", "D", "A", "C"]);
    assert_eq!(titles(2), ["B", "D"]);
    lib.move_to_trash(&ids[3]).unwrap();
    assert_eq!(titles(10), ["B", "A", "C"]);
}

#[test]
fn the_blank_map_is_offered_first_and_creates_one_stage_and_one_lane() {
    let list = waymark_api::list_templates();
    let blank = &list[0];
    assert_eq!(
        (blank.name, blank.stages, blank.touchpoints),
        ("blank", 1, 0)
    );
    assert_eq!(list.iter().filter(|t| t.name == "blank").count(), 1);
    let (_dir, lib) = temp_library();
    let id = lib
        .create_map(Some(blank.name), Some("From nothing"))
        .unwrap();
    let j = lib.journey(&id).unwrap();
    assert_eq!(
        (j.stages.len(), j.lanes.len(), j.touchpoints.len()),
        (1, 1, 0)
    );
}

/// Recently opened never lists one map twice: not when it is opened again,
/// and not when the file it came from is opened (double-clicked) again.
#[test]
fn recently_opened_lists_a_map_once_however_often_it_is_opened() {
    let (dir, lib) = temp_library();
    let id = lib.create_map(None, Some("Twice")).unwrap();
    let file = dir.path().join("twice.waymark");
    std::fs::write(&file, lib.export(&id, ExportFormat::Waymark, None).unwrap()).unwrap();
    let from_file = lib.open_file(&file).unwrap().id;
    for map in [&id, &from_file, &id, &from_file] {
        lib.mark_opened(map).unwrap();
    }
    assert_eq!(
        lib.open_file(&file).unwrap().id,
        from_file,
        "the same bytes, the same map"
    );
    lib.mark_opened(&from_file).unwrap();
    let recent: Vec<String> = lib
        .recent_maps(8)
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    let mut unique = recent.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(recent.len(), unique.len(), "{recent:?}");
    assert_eq!(recent.len(), 2, "the map and the one its file made");
}
