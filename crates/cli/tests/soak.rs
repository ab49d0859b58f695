//! The multi-process soak: for a bounded time (WAYMARK_SOAK_SECS, default
//! 30 s) every kind of Waymark writer works on one library file at once, and
//! `waymark serve` and `waymark sync` are killed with SIGKILL and restarted.
//!
//! Writers: the API in this process (as the desktop app), `waymark serve`
//! with two y-websocket clients adding notes, `waymark sync` live against
//! the real `@y/websocket-server` with a third client adding notes in the
//! room, and CLI commands (`import`, `responses import`, `version`,
//! `restore`). Each records what was acknowledged (a success exit, an `Ok`,
//! a server's answer after the edit). The checker, in fresh processes,
//! proves every acknowledged edit is in the final document (and in the
//! room), `PRAGMA integrity_check` is ok and the derived tables equal the
//! projection, then prints the figures.

mod common;
#[path = "../../sync/tests/common/mod.rs"]
mod yserver;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{answer_csv, cli, ok, run, sigkill, NoteClient, Serve};
use waymark_api::Library;
use waymark_core::doc::read_journey;

/// What the writers were told was saved.
#[derive(Default)]
struct Ledger {
    notes: Vec<String>,
    answers: Vec<String>,
    imports: Vec<String>,
    versions: Vec<String>,
    restores: usize,
    renames: usize,
    last_title: Option<String>,
}

struct Soak {
    db: PathBuf,
    map: String,
    stop: AtomicBool,
    ledger: Mutex<Ledger>,
    serve_url: Mutex<Option<String>>,
    started: AtomicUsize,
    kills: AtomicUsize,
}

impl Soak {
    fn running(&self) -> bool {
        !self.stop.load(Ordering::Relaxed)
    }
    fn record(&self, f: impl FnOnce(&mut Ledger)) {
        f(&mut self.ledger.lock().unwrap());
    }
    fn spawned(&self) {
        self.started.fetch_add(1, Ordering::Relaxed);
    }
}

fn map_created(db: &Path, template: &str, title: &str) -> String {
    ok(db, &["new", "--template", template, "--title", title])
        .trim()
        .to_string()
}

/// A y-websocket client adding a note every `pace` to the room at the URL
/// `url()` gives, reconnecting whenever the connection breaks.
fn note_writer(soak: &Soak, url: impl Fn() -> Option<String>, pace: Duration) {
    let mut doc = yrs::Doc::new();
    let mut n = 0;
    while soak.running() {
        let Some(u) = url() else {
            std::thread::sleep(Duration::from_millis(100));
            continue;
        };
        let mut client = match NoteClient::connect(&u, doc) {
            Ok(c) => c,
            Err(_) => {
                doc = yrs::Doc::new();
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
        };
        while soak.running() {
            n += 1;
            match client.add_note(&format!("note {n}")) {
                Ok(id) => soak.record(|l| l.notes.push(id)),
                Err(_) => break,
            }
            std::thread::sleep(pace);
        }
        doc = client.doc;
    }
}

/// The desktop app's writes, through the API in this process.
fn app_writer(soak: &Soak, versions_map: &str, tp: &str) {
    let lib = Library::open(&soak.db).unwrap();
    let mut n = 0;
    while soak.running() {
        n += 1;
        let title = format!("Soak, rename {n}");
        if lib.rename(&soak.map, &title).is_ok() {
            soak.record(|l| {
                l.renames += 1;
                l.last_title = Some(title);
            });
        }
        let respondent = format!("app-{n}");
        if lib
            .import_responses(&soak.map, "app.csv", &answer_csv(tp, &respondent))
            .is_ok()
        {
            soak.record(|l| l.answers.push(respondent));
        }
        let _ = lib.rename(versions_map, &format!("Versions, rename {n}"));
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// CLI commands, one process each; now and then one is killed mid-way.
fn cli_writer(soak: &Soak, versions_map: &str, tp: &str, dir: &Path, export: &Path) {
    let db = &soak.db;
    let mut n: u64 = 0;
    while soak.running() {
        n += 1;
        let csv = dir.join(format!("answers-{n}.csv"));
        let respondent = format!("cli-{n}");
        std::fs::write(&csv, answer_csv(tp, &respondent)).unwrap();
        let csv = csv.to_str().unwrap();
        if n.is_multiple_of(5) {
            // Killed at some point of its run: acknowledged or not, nothing breaks.
            soak.spawned();
            let mut child = cli(db)
                .args(["responses", "import", &soak.map, csv])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(5 * (n % 7)));
            sigkill(&mut child);
            soak.kills.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        soak.spawned();
        let out = run(db, &["responses", "import", &soak.map, csv]);
        if out.status.success() {
            soak.record(|l| l.answers.push(respondent));
        }
        soak.spawned();
        let out = run(db, &["import", export.to_str().unwrap()]);
        if out.status.success() {
            let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
            soak.record(|l| l.imports.push(id));
        }
        let label = format!("v{n}");
        soak.spawned();
        if run(db, &["version", versions_map, "--label", &label])
            .status
            .success()
        {
            soak.record(|l| l.versions.push(label.clone()));
            if n.is_multiple_of(3) {
                soak.spawned();
                if run(db, &["restore", versions_map, &label]).status.success() {
                    soak.record(|l| l.restores += 1);
                }
            }
        }
    }
}

fn start_sync(soak: &Soak) -> Child {
    soak.spawned();
    cli(&soak.db)
        .args(["sync", &soak.map])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Keeps `waymark serve` and `waymark sync` running, killing each with
/// SIGKILL now and then and starting it again.
fn supervisor(soak: &Soak, port: u16) {
    let started = |s: &Serve| Some(s.ws_url(&soak.map));
    let mut serve = Serve::start(&soak.db, port);
    soak.spawned();
    *soak.serve_url.lock().unwrap() = started(&serve);
    let mut sync = start_sync(soak);
    let mut tick = 0u32;
    while soak.running() {
        std::thread::sleep(Duration::from_millis(500));
        tick += 1;
        if tick.is_multiple_of(13) {
            *soak.serve_url.lock().unwrap() = None;
            serve.kill();
            soak.kills.fetch_add(1, Ordering::Relaxed);
            serve = Serve::start(&soak.db, port);
            soak.spawned();
            *soak.serve_url.lock().unwrap() = started(&serve);
        }
        if tick.is_multiple_of(9) {
            sigkill(&mut sync);
            soak.kills.fetch_add(1, Ordering::Relaxed);
            sync = start_sync(soak);
        }
    }
    serve.kill();
    sigkill(&mut sync);
}

fn note_ids(doc: &yrs::Doc) -> HashSet<String> {
    read_journey(doc)
        .journey
        .annotations
        .iter()
        .map(|a| a.id.to_string())
        .collect()
}

#[test]
fn many_processes_on_one_library_lose_nothing_acknowledged() {
    let secs: u64 = std::env::var("WAYMARK_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let room_server = yserver::YServer::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let map = map_created(&db, "bank-lost-card", "Soak");
    let versions_map = map_created(&db, "broadband-outage", "Versions");
    let tp = Library::open(&db)
        .unwrap()
        .journey(&map)
        .unwrap()
        .touchpoints[0]
        .id
        .to_string();
    let export = dir.path().join("copy.waymark");
    std::fs::write(&export, ok(&db, &["export", &map, "--format", "waymark"])).unwrap();
    ok(
        &db,
        &[
            "sync",
            &map,
            "--server",
            &room_server.url(),
            "--room",
            "soak",
            "--once",
        ],
    );
    let room_url = format!("{}/soak", room_server.url());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();

    let soak = Arc::new(Soak {
        db: db.clone(),
        map: map.clone(),
        stop: AtomicBool::new(false),
        ledger: Mutex::default(),
        serve_url: Mutex::new(None),
        started: AtomicUsize::new(4), // new ×2, export, sync --once
        kills: AtomicUsize::new(0),
    });
    let work_dir = dir.path().to_path_buf();
    std::thread::scope(|s| {
        s.spawn(|| supervisor(&soak, port));
        for _ in 0..2 {
            s.spawn(|| {
                note_writer(
                    &soak,
                    || soak.serve_url.lock().unwrap().clone(),
                    Duration::from_millis(40),
                )
            });
        }
        s.spawn(|| note_writer(&soak, || Some(room_url.clone()), Duration::from_millis(80)));
        s.spawn(|| app_writer(&soak, &versions_map, &tp));
        s.spawn(|| cli_writer(&soak, &versions_map, &tp, &work_dir, &export));
        std::thread::sleep(Duration::from_secs(secs));
        soak.stop.store(true, Ordering::Relaxed);
    });

    // Whatever the room acknowledged reaches the library, and back.
    soak.spawned();
    ok(&db, &["sync", &map, "--once"]);

    // The checker: fresh processes only.
    let ledger = soak.ledger.lock().unwrap();
    let mut losses = Vec::new();
    soak.spawned();
    let exported: serde_json::Value =
        serde_json::from_str(&ok(&db, &["export", &map, "--format", "waymark"])).unwrap();
    let in_map = |what: &str, field: &str| -> HashSet<String> {
        exported["map"][what]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v[field].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let notes = in_map("annotations", "id");
    // The answers travel in the file's waves (the map carries statistics).
    let respondents: HashSet<String> = exported["waves"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|w| w["answers"].as_array().unwrap().iter())
        .map(|a| a["respondent"].as_str().unwrap_or_default().to_string())
        .collect();
    losses.extend(
        ledger
            .notes
            .iter()
            .filter(|n| !notes.contains(*n))
            .map(|n| format!("note {n}")),
    );
    losses.extend(
        ledger
            .answers
            .iter()
            .filter(|r| !respondents.contains(*r))
            .map(|r| format!("answer {r}")),
    );
    if exported["map"]["title"].as_str() != ledger.last_title.as_deref() {
        losses.push(format!(
            "title {:?}, last acknowledged rename {:?}",
            exported["map"]["title"], ledger.last_title
        ));
    }
    let lib = Library::open(&db).unwrap();
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    let listed: HashSet<String> = lib.list_maps().unwrap().into_iter().map(|m| m.id).collect();
    losses.extend(
        ledger
            .imports
            .iter()
            .filter(|id| !listed.contains(*id))
            .map(|id| format!("imported map {id}")),
    );
    let labels: Vec<String> = lib
        .versions(&versions_map)
        .unwrap()
        .into_iter()
        .map(|v| v.label)
        .collect();
    losses.extend(
        ledger
            .versions
            .iter()
            .filter(|v| !labels.contains(*v))
            .map(|v| format!("version {v}")),
    );
    let safety = labels
        .iter()
        .filter(|l| l.starts_with("Before restoring"))
        .count();
    if safety < ledger.restores {
        losses.push(format!(
            "{} restores, {safety} versions kept before them",
            ledger.restores
        ));
    }
    for id in &listed {
        let diff = lib.derived_differences(id).unwrap();
        assert!(diff.is_empty(), "map {id}: derived tables differ: {diff:?}");
    }
    // The room holds every acknowledged note too.
    let room = NoteClient::connect(&room_url, yrs::Doc::new()).unwrap();
    let in_room = note_ids(&room.doc);
    losses.extend(
        ledger
            .notes
            .iter()
            .filter(|n| !in_room.contains(*n))
            .map(|n| format!("note {n} missing in the room")),
    );

    let acknowledged = ledger.notes.len()
        + ledger.answers.len()
        + ledger.imports.len()
        + ledger.versions.len()
        + ledger.restores
        + ledger.renames;
    println!(
        "soak: {secs} s, {} processes started, {acknowledged} edits acknowledged \
         ({} notes over WebSocket, {} answers, {} renames, {} imports, {} versions, {} restores), \
         {} killed with SIGKILL, {} lost",
        soak.started.load(Ordering::Relaxed),
        ledger.notes.len(),
        ledger.answers.len(),
        ledger.renames,
        ledger.imports.len(),
        ledger.versions.len(),
        ledger.restores,
        soak.kills.load(Ordering::Relaxed),
        losses.len()
    );
    assert!(losses.is_empty(), "lost: {losses:?}");
    assert!(
        ledger.notes.len() > 10 && ledger.answers.len() > 10,
        "the writers barely ran"
    );
}
