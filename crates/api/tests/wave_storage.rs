//! "Saved means saved" for the survey tables (issue 17): the wave writes
//! (import, re-import replacing a label, rename, delete) and the watch's
//! `watched_files` on a full disk (a small tmpfs, mounted as root; otherwise
//! the test says it was skipped) and under SIGKILL. What was acknowledged
//! survives, nothing is half-written, and the error names the file.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use waymark_api::survey::SurveyColumns;
use waymark_api::survey_watch::{FolderWatch, WatchEvent};
use waymark_api::{ExportFormat, Library};

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A tmpfs of `size` mounted at `dir`, unmounted on drop.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> SmallDisk {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mount tmpfs");
        SmallDisk(dir.to_path_buf())
    }

    /// Fills what is left of the disk with one file; removing it frees it.
    fn fill(&self) -> PathBuf {
        let path = self.0.join("filler");
        let mut f = std::fs::File::create(&path).unwrap();
        let block = vec![0u8; 4096];
        loop {
            if let Err(e) = f.write_all(&block) {
                assert_eq!(e.raw_os_error(), Some(libc::ENOSPC), "{e}");
                break;
            }
        }
        path
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Another reader in the middle of a read: SQLite cannot start its log
/// over, so every write must grow it, and a full disk refuses each one
/// (without it a write may fit in the space an earlier one left).
fn hold_a_read(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("BEGIN; SELECT count(*) FROM maps;")
        .unwrap();
    c
}

/// A survey file of `n` NPS answers on `tp`, respondents `{who}0`…
fn survey(dir: &Path, name: &str, tp: &str, who: &str, n: usize) -> PathBuf {
    let mut csv = String::from("touchpoint,respondent,date,metric,scale,value,comment\n");
    for i in 0..n {
        csv += &format!(
            "{tp},{who}{i},2026-03-01,nps,nps,{},Waited {i} minutes on the phone\n",
            i % 11
        );
    }
    let path = dir.join(name);
    std::fs::write(&path, csv).unwrap();
    path
}

fn waves(lib: &Library, id: &str) -> Vec<(String, i64)> {
    lib.waves(id)
        .unwrap()
        .into_iter()
        .map(|w| (w.label, w.answers))
        .collect()
}

/// The map's statistics add up, wave by wave, to the answers in the tables.
fn assert_document_agrees(lib: &Library, id: &str) {
    let journey = lib.journey(id).unwrap();
    for (label, answers) in waves(lib, id) {
        let in_doc: u64 = journey
            .evidence
            .iter()
            .filter(|e| e.wave == label)
            .map(|e| e.stats.answers())
            .sum();
        assert_eq!(in_doc, answers as u64, "wave {label}");
    }
    let labels: Vec<String> = waves(lib, id).into_iter().map(|w| w.0).collect();
    for e in &journey.evidence {
        assert!(
            labels.contains(&e.wave),
            "statistics of no wave: {}",
            e.wave
        );
    }
}

fn disk_full(what: &str, db: &Path, r: Result<impl std::fmt::Debug, waymark_api::ApiError>) {
    let e = r.expect_err(what).to_string();
    assert!(
        e.contains(&format!("{}: the disk is full", db.display())),
        "{what}: {e}"
    );
}

#[test]
fn wave_writes_on_a_full_disk_fail_clearly_and_keep_what_was_saved() {
    if !is_root() {
        eprintln!("skipped: needs root to mount a small tmpfs");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(&tmp.path().join("small"), "8m");
    let db = disk.0.join("library.db");
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    let q1 = survey(tmp.path(), "q1.csv", &tp, "a", 300);
    let q2 = survey(tmp.path(), "q2.csv", &tp, "b", 50);
    let big = survey(tmp.path(), "big.csv", &tp, "c", 20_000);
    lib.import_wave_file(&id, &q1, Some("Q1"), None).unwrap();
    lib.import_wave_file(&id, &q2, Some("Q2"), None).unwrap();
    let saved = (
        waves(&lib, &id),
        lib.score(&id).unwrap(),
        lib.export(&id, ExportFormat::Waymark, None).unwrap(),
    );
    let current = |lib: &Library| {
        (
            waves(lib, &id),
            lib.score(&id).unwrap(),
            lib.export(&id, ExportFormat::Waymark, None).unwrap(),
        )
    };

    let reader = hold_a_read(&db);
    let filler = disk.fill();
    disk_full(
        "a new wave",
        &db,
        lib.import_wave_file(&id, &big, Some("Q3"), None),
    );
    disk_full(
        "a re-import replacing Q1",
        &db,
        lib.import_wave_file(&id, &big, Some("Q1"), None),
    );
    disk_full("a rename", &db, lib.rename_wave(&id, "Q1", "2026 Q1"));
    disk_full("a delete", &db, lib.delete_wave(&id, "Q2"));
    disk_full("a version", &db, lib.create_version(&id, "v1"));
    // Nothing changed, in this library and in a fresh one.
    assert!(current(&lib) == saved, "as saved");
    assert!(current(&Library::open(&db).unwrap()) == saved, "as saved");
    assert_document_agrees(&lib, &id);

    // Space again: the file is sound and the same writes go through.
    drop(reader);
    std::fs::remove_file(filler).unwrap();
    let lib = Library::open(&db).unwrap();
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    assert!(current(&lib) == saved, "as saved");
    lib.rename_wave(&id, "Q1", "2026 Q1").unwrap();
    lib.delete_wave(&id, "Q2").unwrap();
    let q3 = survey(tmp.path(), "q3.csv", &tp, "d", 100);
    lib.import_wave_file(&id, &q3, Some("Q3"), None).unwrap();
    assert_eq!(
        waves(&lib, &id),
        [("2026 Q1".to_string(), 300), ("Q3".to_string(), 100)]
    );
    assert_document_agrees(&lib, &id);
}

/// One look at the folder, as short words: "in:2026 Q1.csv", "known:…".
fn look(w: &mut FolderWatch, lib: &Library) -> Result<Vec<String>, waymark_api::ApiError> {
    let mut out = Vec::new();
    w.scan(lib, |e| {
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().to_string();
        match e {
            WatchEvent::Imported { file, .. } => out.push(format!("in:{}", name(&file))),
            WatchEvent::AlreadyImported { file, .. } => out.push(format!("known:{}", name(&file))),
            WatchEvent::Failed { file, error } => {
                out.push(format!("failed:{}:{error}", name(&file)))
            }
            WatchEvent::Importing { .. } | WatchEvent::StillWriting { .. } => {}
        }
    })?;
    Ok(out)
}

#[test]
fn a_watch_on_a_full_disk_stops_with_the_reason_and_takes_the_file_later() {
    if !is_root() {
        eprintln!("skipped: needs root to mount a small tmpfs");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(&tmp.path().join("small"), "8m");
    let db = disk.0.join("library.db");
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    survey(&inbox, "2026 Q1.csv", &tp, "a", 5_000);
    let watched = |db: &Path| {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM watched_files", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    };

    let reader = hold_a_read(&db);
    let filler = disk.fill();
    let mut w = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    assert_eq!(look(&mut w, &lib).unwrap(), Vec::<String>::new(), "waits");
    disk_full("the watch's import", &db, look(&mut w, &lib));
    assert_eq!(waves(&lib, &id), [], "no half-made wave");
    assert_eq!(watched(&db), 0, "not remembered as imported");

    // Space again: a restarted watch takes the file, once.
    drop(reader);
    std::fs::remove_file(filler).unwrap();
    let lib = Library::open(&db).unwrap();
    let mut w = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    look(&mut w, &lib).unwrap();
    assert_eq!(look(&mut w, &lib).unwrap(), ["in:2026 Q1.csv"]);
    assert_eq!(waves(&lib, &id), [("2026 Q1".to_string(), 5_000)]);
    assert_eq!(watched(&db), 1);
    let mut again = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    look(&mut again, &lib).unwrap();
    assert_eq!(look(&mut again, &lib).unwrap(), ["known:2026 Q1.csv"]);
    assert_document_agrees(&lib, &id);
}

/// The watch writes its `watched_files` row after the wave: a watch stopped
/// in between (killed, or the disk filled up right then) left the wave in
/// and the file unremembered. A restarted watch takes the file again under
/// the same label, which replaces the wave: no answer is doubled.
#[test]
fn a_watch_stopped_between_its_wave_and_its_record_imports_the_file_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("library.db");
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let tp = lib.journey(&id).unwrap().touchpoints[0].id.to_string();
    survey(&inbox, "2026 Q1.csv", &tp, "a", 40);
    let mut w = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    look(&mut w, &lib).unwrap();
    assert_eq!(look(&mut w, &lib).unwrap(), ["in:2026 Q1.csv"]);
    let card = lib.score(&id).unwrap();
    // The state such a stop leaves: the wave without its record.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("DELETE FROM watched_files", [])
        .unwrap();

    let lib = Library::open(&db).unwrap();
    let mut w = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    look(&mut w, &lib).unwrap();
    assert_eq!(look(&mut w, &lib).unwrap(), ["in:2026 Q1.csv"]);
    assert_eq!(waves(&lib, &id), [("2026 Q1".to_string(), 40)]);
    assert_eq!(lib.score(&id).unwrap(), card, "nothing doubled");
    let mut again = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    look(&mut again, &lib).unwrap();
    assert_eq!(look(&mut again, &lib).unwrap(), ["known:2026 Q1.csv"]);
}

const CHILD_ENV: &str = "WAYMARK_WAVE_CHILD_DB";

/// One wave write the child makes.
enum Op {
    /// Imports `answers` answers as wave `label` (replacing it if there).
    Import(String, usize),
    Rename(String, String),
    Delete(String),
}

/// The child's write number `n`: each wave is imported, re-imported with
/// other answers, renamed, and deleted a cycle later.
fn step(n: usize) -> Op {
    let cycle = n / 4 * 4;
    match n % 4 {
        0 => Op::Import(format!("w{n}"), 40 + n % 7),
        1 => Op::Import(format!("w{cycle}"), 30 + n % 5),
        2 => Op::Rename(format!("w{cycle}"), format!("r{cycle}")),
        _ if cycle >= 4 => Op::Delete(format!("r{}", cycle - 4)),
        _ => Op::Import(format!("w{n}"), 20),
    }
}

/// The waves (label, answers) after writes `0..k`.
fn expected_after(k: usize) -> Vec<(String, i64)> {
    let mut waves: Vec<(String, i64)> = Vec::new();
    for n in 0..k {
        match step(n) {
            Op::Import(label, answers) => {
                waves.retain(|w| w.0 != label);
                waves.push((label, answers as i64));
            }
            Op::Rename(from, to) => {
                for w in waves.iter_mut().filter(|w| w.0 == from) {
                    w.0 = to.clone();
                }
            }
            Op::Delete(label) => waves.retain(|w| w.0 != label),
        }
    }
    waves.sort();
    waves
}

/// Runs only as the child (spawned by the test below): wave writes until
/// killed, printing each one the moment the library returns.
#[test]
fn wave_child_writer() {
    let Some(db) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let map_id = std::env::var("WAYMARK_WAVE_CHILD_MAP").unwrap();
    let start: usize = std::env::var("WAYMARK_WAVE_CHILD_FROM")
        .unwrap()
        .parse()
        .unwrap();
    let dir = PathBuf::from(std::env::var("WAYMARK_WAVE_CHILD_DIR").unwrap());
    let lib = Library::open(Path::new(&db)).unwrap();
    let tp = lib.journey(&map_id).unwrap().touchpoints[0].id.to_string();
    let stdout = std::io::stdout();
    for n in start.. {
        match step(n) {
            Op::Import(label, answers) => {
                let file = survey(&dir, &format!("s{n}.csv"), &tp, &format!("p{n}-"), answers);
                lib.import_wave_file(&map_id, &file, Some(&label), None)
                    .unwrap();
            }
            Op::Rename(from, to) => {
                lib.rename_wave(&map_id, &from, &to).unwrap();
            }
            Op::Delete(label) => lib.delete_wave(&map_id, &label).unwrap(),
        }
        let mut out = stdout.lock();
        writeln!(out, "ack {n}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn sigkill_during_wave_writes_loses_nothing_acknowledged() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("waves.db");
    let map_id = Library::open(&db)
        .unwrap()
        .create_map(Some("bank-lost-card"), None)
        .unwrap();
    let mut done = 0usize;
    for round in 0..3 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "wave_child_writer",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &db)
            .env("WAYMARK_WAVE_CHILD_MAP", &map_id)
            .env("WAYMARK_WAVE_CHILD_FROM", done.to_string())
            .env("WAYMARK_WAVE_CHILD_DIR", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let reader = BufReader::new(child.stdout.take().unwrap());
        let started = Instant::now();
        // Kill after a varying number of acknowledged writes, mid-stream.
        let kill_after = 9 + round * 5;
        let mut acked = done;
        for line in reader.lines() {
            if let Some(n) = line.unwrap().strip_prefix("ack ") {
                acked = n.parse::<usize>().unwrap() + 1;
            }
            if acked >= done + kill_after || started.elapsed() > Duration::from_secs(30) {
                break;
            }
        }
        // SIGKILL: no destructor, no flush, no goodbye.
        unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        child.wait().unwrap();
        assert!(
            acked > done,
            "round {round}: the child acknowledged nothing"
        );

        let lib = Library::open(&db).unwrap();
        assert_eq!(lib.integrity_check().unwrap(), "ok");
        let mut now = waves(&lib, &map_id);
        now.sort();
        // Every acknowledged write is there; the one under way when killed
        // is there whole or not at all.
        let whole = (acked..acked + 2).find(|k| expected_after(*k) == now);
        let Some(k) = whole else {
            panic!(
                "round {round}: after {acked} acknowledged writes the waves are {now:?}, expected {:?}",
                expected_after(acked)
            );
        };
        assert_document_agrees(&lib, &map_id);
        done = k;
    }
}
