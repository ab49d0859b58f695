//! `waymark sync`, `waymark join` and `waymark show` against the real
//! `@y/websocket-server` (tests/yserver) on loopback.

#[path = "../../sync/tests/common/mod.rs"]
mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::YServer;
use waymark_api::Library;

fn cli(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_waymark"));
    c.arg("--db")
        .arg(db)
        .env_remove("WAYMARK_DB")
        .env_remove("WAYMARK_SYNC_TOKEN");
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    cli(db).args(args).output().unwrap()
}

/// Runs and checks the exit code; returns stdout (code 0) or stderr.
fn expect(db: &Path, args: &[&str], code: i32) -> String {
    let out = run(db, args);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    );
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stdout}{stderr}");
    if code == 0 {
        stdout
    } else {
        stderr
    }
}

fn title_of_first_touchpoint(db: &Path, id: &str) -> String {
    Library::open(db).unwrap().journey(id).unwrap().touchpoints[0]
        .title
        .clone()
}

#[test]
fn sync_once_join_show_and_errors() {
    let server = YServer::start();
    let url = server.url();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let id_a = expect(
        &a,
        &["new", "--title", "Shared", "--template", "bank-lost-card"],
        0,
    )
    .trim()
    .to_string();

    let out = expect(
        &a,
        &["sync", &id_a, "--server", &url, "--room", "team", "--once"],
        0,
    );
    assert!(
        out.contains("in sync with room \"team\"") && out.contains("room was empty"),
        "{out}"
    );
    let show = expect(&a, &["show", &id_a], 0);
    // No --protocol: the server was asked, and it speaks y-websocket.
    assert!(
        show.contains(&format!("sync: room \"team\" on {url} (y-websocket)")),
        "{show}"
    );
    assert!(!show.contains("last sync: never"), "{show}");

    let id_b = expect(&b, &["join", "--server", &url, "--room", "team"], 0)
        .trim()
        .to_string();
    assert_eq!(id_b.len(), 36);
    let export = |db: &Path, id: &str| expect(db, &["export", id, "--format", "waymark"], 0);
    assert_eq!(export(&a, &id_a), export(&b, &id_b));

    // An edit in B reaches A through the room.
    Library::open(&b)
        .unwrap()
        .edit(&id_b, |j| {
            j.touchpoints[0].title = "Edited in B".into();
            Ok(())
        })
        .unwrap();
    expect(&b, &["sync", &id_b, "--once"], 0);
    expect(&a, &["sync", &id_a, "--once"], 0);
    assert_eq!(title_of_first_touchpoint(&a, &id_a), "Edited in B");

    // The token is sent but never shown.
    let out = cli(&a)
        .args(["sync", &id_a, "--server", &url, "--room", "team", "--once"])
        .env("WAYMARK_SYNC_TOKEN", "s3cr3t-t0ken")
        .output()
        .unwrap();
    assert!(out.status.success());
    let show = expect(&a, &["show", &id_a], 0) + &expect(&a, &["show", &id_a, "--json"], 0);
    assert!(
        show.contains("(token set)") && show.contains("\"has_token\": true"),
        "{show}"
    );
    assert!(!show.contains("s3cr3t"), "{show}");

    // Errors: exit 2 for usage, 1 for the rest, one line naming the problem.
    let blank = expect(&a, &["new", "--title", "Alone"], 0)
        .trim()
        .to_string();
    assert!(expect(&a, &["sync", &blank, "--once"], 2).contains("not linked to a sync room"));
    let err = expect(
        &a,
        &["sync", &blank, "--server", "http://example.org", "--once"],
        1,
    );
    assert!(err.contains("ws:// or wss://"), "{err}");
    let err = expect(
        &a,
        &[
            "sync",
            &blank,
            "--server",
            &url,
            "--protocol",
            "phoenix-channels",
        ],
        2,
    );
    assert!(err.contains("phoenix-channels"), "{err}");
    let err = expect(&b, &["join", "--server", &url, "--room", "nobody-here"], 1);
    assert!(err.contains("the room is empty"), "{err}");
    let err = expect(
        &a,
        &["sync", &blank, "--server", &url, "--room", "team", "--once"],
        1,
    );
    assert!(err.contains("another map"), "{err}");
    assert!(expect(&a, &["show", &blank], 0).contains("state: error"));
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let err = expect(
        &a,
        &[
            "sync",
            &blank,
            "--server",
            &format!("ws://{dead}"),
            "--once",
        ],
        1,
    );
    assert!(err.contains("cannot connect"), "{err}");
    assert!(expect(&a, &["show", &blank], 0).contains("state: offline"));
    assert_eq!(expect(&a, &["unlink", &blank], 0).lines().count(), 1);
    assert!(!expect(&a, &["show", &blank], 0).contains("sync:"));
}

#[test]
fn sync_runs_live_until_interrupted() {
    let server = YServer::start();
    let url = server.url();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let id_a = expect(
        &a,
        &["new", "--title", "Live", "--template", "broadband-outage"],
        0,
    )
    .trim()
    .to_string();
    expect(
        &a,
        &["sync", &id_a, "--server", &url, "--room", "live", "--once"],
        0,
    );
    let id_b = expect(&b, &["join", "--server", &url, "--room", "live"], 0)
        .trim()
        .to_string();

    let mut child = cli(&a)
        .args(["sync", &id_a])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    while !seen.contains("connected") {
        let line = lines.next().expect("output until connected").unwrap();
        seen.push_str(&line);
        seen.push('\n');
    }
    Library::open(&b)
        .unwrap()
        .edit(&id_b, |j| {
            j.touchpoints[0].title = "Live edit from B".into();
            Ok(())
        })
        .unwrap();
    expect(&b, &["sync", &id_b, "--once"], 0);
    let deadline = Instant::now() + Duration::from_secs(20);
    while title_of_first_touchpoint(&a, &id_a) != "Live edit from B" {
        assert!(
            Instant::now() < deadline,
            "the live sync never applied B's edit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Ctrl-C.
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let status = child.wait().unwrap();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(status.success(), "{status:?} {rest:?}");
    assert!(
        rest.iter().any(|l| l.starts_with("stopped")),
        "{seen}{rest:?}"
    );
}
