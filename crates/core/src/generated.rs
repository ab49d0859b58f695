//! Files Rust writes for the UI: the generated schema module and the
//! fixtures Vitest reads (order keys, projections, the board). A Rust test
//! renders each file and calls [`check_or_bless`]: the committed copy must
//! match, or the test fails and says how to rewrite it. One truth, in Rust;
//! the TypeScript side never mirrors a Rust test by hand.

use std::path::PathBuf;

/// The environment variable that rewrites stale generated files.
pub const BLESS: &str = "WAYMARK_BLESS";

/// The repository's root (this crate is `crates/core`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Compares `text` with the committed file at `path` (relative to the
/// repository's root); with `WAYMARK_BLESS=1` writes it instead.
///
/// # Panics
/// When the file is missing or differs and blessing is off: that is the
/// test failing, with the command that fixes it.
pub fn check_or_bless(path: &str, text: &str) {
    check_or_bless_bytes(path, text.as_bytes());
}

/// [`check_or_bless`] for a binary file (a Yjs state).
///
/// # Panics
/// As [`check_or_bless`].
pub fn check_or_bless_bytes(path: &str, bytes: &[u8]) {
    let full = repo_root().join(path);
    if std::env::var_os(BLESS).is_some_and(|v| v == "1") {
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir).expect("create the generated file's folder");
        }
        if std::fs::read(&full).ok().as_deref() != Some(bytes) {
            std::fs::write(&full, bytes).expect("write the generated file");
        }
        return;
    }
    let committed = std::fs::read(&full).unwrap_or_default();
    assert!(
        committed == bytes,
        "{path} is stale (it is generated from Rust): run the same test with {BLESS}=1 to rewrite it, then commit it"
    );
}
