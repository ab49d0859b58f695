//! Running the real `waymark` binary on a library in tests.

#![allow(dead_code)] // each test file uses a different part

use std::path::Path;
use std::process::{Command, Output};

pub fn waymark(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("WAYMARK_DB")
        .output()
        .unwrap()
}

pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = waymark(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn fails(db: &Path, args: &[&str], code: i32) -> String {
    let out = waymark(db, args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}
