//! One library, several processes, and foreign code inside one of them.
//!
//! The desktop app lost every edit after File › Import… browsed the folder of
//! its library: the GTK chooser opened and closed `library.db` in the app's
//! process to sniff its type, which on Linux and macOS drops every POSIX lock
//! SQLite held on it. A `waymark list` then thought it was alone and deleted
//! the `-wal` and `-shm` the app was still writing into. The chooser reads
//! `library.db-shm` too, after which the next process to open the library
//! truncates the index the app has mapped (the app died with SIGBUS here).
//! Here the app is a [`Library`] in this process (the desktop shell opens it
//! the same way), the dialog an `std::fs::File` open and close of every file
//! in the folder, and the other process the real `waymark` binary.

mod bin;

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use bin::ok;
use waymark_api::Library;

/// One acknowledged edit: a touchpoint titled `ack N`.
fn add_touchpoint(lib: &Library, map: &str, n: usize) {
    lib.edit(map, |j| {
        let stage = j.stages[0].id;
        let lane = j.lanes[0].id;
        let last = j
            .touchpoints
            .iter()
            .filter(|t| t.stage == stage && t.lane == lane)
            .map(|t| t.order.clone())
            .max();
        j.touchpoints.push(waymark_core::Touchpoint {
            id: uuid::Uuid::new_v4(),
            stage,
            lane,
            order: waymark_core::order::key_between(last.as_deref(), None)?,
            title: format!("ack {n}"),
            ..Default::default()
        });
        Ok(())
    })
    .unwrap();
}

/// What a file chooser does to a file it lists: open it, read its first
/// bytes to guess its type, close it.
fn sniff(path: &Path) {
    let mut head = [0u8; 64];
    let mut f = std::fs::File::open(path).unwrap();
    let _ = f.read(&mut head).unwrap();
}

/// What the GTK file chooser does when it lists a folder: sniff every file.
fn sniff_folder(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        sniff(&entry.unwrap().path());
    }
}

/// Checks from another process (the real binary) that the library holds
/// every acknowledged edit while the app still has it open.
fn assert_other_processes_see_every_edit(db: &Path, map: &str, acked: usize) {
    let exported = ok(db, &["export", map, "--format", "waymark"]);
    let missing: Vec<usize> = (0..acked)
        .filter(|n| !exported.contains(&format!("\"ack {n}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "another process misses {} of {acked} acknowledged edits, first {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
}

/// Reopens the library and checks that it holds every one of `acked` edits
/// and passes `integrity_check`.
fn assert_every_edit_kept(db: &Path, map: &str, acked: usize) {
    let lib = Library::open(db).unwrap();
    let titles: std::collections::HashSet<String> = lib
        .journey(map)
        .unwrap()
        .touchpoints
        .into_iter()
        .map(|t| t.title)
        .collect();
    let missing: Vec<usize> = (0..acked)
        .filter(|n| !titles.contains(&format!("ack {n}")))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {acked} acknowledged edits lost, first {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn a_file_dialog_sniffing_the_folder_while_the_app_writes_costs_no_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let app = Arc::new(Library::open(&db).unwrap());
    let map = app.create_map(None, Some("Dialog")).unwrap();

    // The app keeps writing the whole time.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (app, map, stop) = (app.clone(), map.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) || n < 20 {
                add_touchpoint(&app, &map, n);
                n += 1;
            }
            n
        })
    };
    // The dialog, then other processes opening and closing the library.
    for _ in 0..3 {
        sniff_folder(dir.path());
        assert!(ok(&db, &["list"]).contains("Dialog"));
    }
    stop.store(true, Ordering::Relaxed);
    let mut acked = writer.join().unwrap();
    for n in acked..acked + 20 {
        add_touchpoint(&app, &map, n);
    }
    acked += 20;
    assert_other_processes_see_every_edit(&db, &map, acked);
    drop(app);
    assert_every_edit_kept(&db, &map, acked);
}

#[test]
fn a_file_dialog_sniffing_every_file_of_the_folder_costs_no_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let app = Library::open(&db).unwrap();
    let map = app.create_map(None, Some("Dialog")).unwrap();
    for n in 0..30 {
        add_touchpoint(&app, &map, n);
    }
    // The GTK chooser guesses the type of every listed file, so it opens
    // library.db-wal and library.db-shm too: SQLite's locks on those go as
    // well.
    sniff_folder(dir.path());
    assert_other_processes_see_every_edit(&db, &map, 30);
    assert!(ok(&db, &["list"]).contains("Dialog"));
    for n in 30..60 {
        add_touchpoint(&app, &map, n);
    }
    assert_other_processes_see_every_edit(&db, &map, 60);
    drop(app);
    assert_every_edit_kept(&db, &map, 60);
    // Closed by its last user, the library is one file again.
    assert!(!dir.path().join("library.db-wal").exists());
}
