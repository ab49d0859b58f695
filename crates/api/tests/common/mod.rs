//! Test support shared by the API's tests: replicas of a library's map,
//! random edit sequences run against a library and a second `Library` on
//! the same file (another process), and a child test process killed with
//! SIGKILL in the middle of its writes.

#![allow(dead_code)] // each test file uses a different part

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use waymark_api::Library;
use waymark_core::arbitrary::edits::{apply, make, sync, Step};
use waymark_core::doc::read_journey;
use waymark_core::Journey;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

/// Applies a v1 update to `doc`.
pub fn mirror_apply(doc: &Doc, update: &[u8]) {
    doc.transact_mut()
        .apply_update(Update::decode_v1(update).unwrap())
        .unwrap();
}

/// A replica of the map (another window, a workshop peer) at its current state.
pub fn replica(lib: &Library, id: &str) -> Doc {
    let doc = Doc::new();
    mirror_apply(&doc, &lib.encode_state(id).unwrap());
    doc
}

/// The full projection of the library's document.
pub fn full(lib: &Library, id: &str) -> Journey {
    read_journey(&replica(lib, id)).journey
}

/// A library file holding one map, a second `Library` on the same file
/// (another process), a mirror of the map's document and two replicas
/// synced with it: what the random edit sequences run on.
pub struct Race {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub lib: Library,
    pub other: Library,
    pub id: String,
    mirror: Doc,
    a: Doc,
    b: Doc,
}

impl Race {
    pub fn new(start: Journey) -> Race {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let lib = Library::open(&path).unwrap();
        let id = lib.insert_journey(start).unwrap();
        let other = Library::open(&path).unwrap();
        let mirror = replica(&lib, &id);
        let (a, b) = (Doc::new(), Doc::new());
        sync(&mirror, &a);
        sync(&mirror, &b);
        Race {
            dir,
            path,
            lib,
            other,
            id,
            mirror,
            a,
            b,
        }
    }

    /// One step: a typed edit (refused when it leaves the map invalid) or
    /// a replica's update, now and then written by the other process (which
    /// `lib` then catches up with). The mirror then holds what the
    /// library's document holds (a reload after a refused edit converts
    /// text fields a hostile replica wrote as plain strings, and stores
    /// that too).
    pub fn step(&self, step: &Step) {
        let (writer, replica) = if step.on_b && step.seed.is_multiple_of(3) {
            (&self.other, &self.b)
        } else {
            (&self.lib, if step.on_b { &self.b } else { &self.a })
        };
        if step.seed.is_multiple_of(4) {
            let _refused_or_done = writer.edit_update(&self.id, "local", |j| {
                apply(&step.edit, j, step.seed);
                Ok(())
            });
        } else {
            let update = make(step, replica, &self.mirror);
            writer.apply_update(&self.id, &update, "test").unwrap();
        }
        mirror_apply(&self.mirror, &writer.encode_state(&self.id).unwrap());
    }
}

/// Runs this test binary's test `child` alone with `env` set, reads the
/// lines it prints until `kill_after` start with "ack " (or 20 s pass, on
/// a slow machine), then kills it with SIGKILL mid-stream: no destructor,
/// no flush, no goodbye. Returns the acknowledged lines (never none).
pub fn kill_mid_stream(
    child: &str,
    env: &[(&str, &std::ffi::OsStr)],
    kill_after: usize,
) -> Vec<String> {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([child, "--exact", "--nocapture", "--test-threads=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut process = cmd.spawn().unwrap();
    let mut acked = Vec::new();
    let reader = BufReader::new(process.stdout.take().unwrap());
    let started = Instant::now();
    for line in reader.lines() {
        let line = line.unwrap();
        if line.starts_with("ack ") {
            acked.push(line);
        }
        if acked.len() >= kill_after || started.elapsed() > Duration::from_secs(20) {
            break;
        }
    }
    unsafe { libc::kill(process.id() as i32, libc::SIGKILL) };
    process.wait().unwrap();
    assert!(!acked.is_empty(), "{child} acknowledged nothing");
    acked
}
