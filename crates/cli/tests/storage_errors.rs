//! Storage errors name the file and the cause in plain words, and a library
//! that may not be written is still shown.
//!
//! Tests run as root in CI, and root ignores permission bits, so a read-only
//! folder is a read-only bind mount of it (when not root: its mode bits), and
//! a full disk is a small tmpfs mounted by the test (root only; otherwise the
//! test says it was skipped).
#![cfg(unix)]

mod bin;

use std::path::{Path, PathBuf};
use std::process::Command;

use bin::{fails, ok, waymark};
use waymark_api::Library;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// A folder seen read-only: through a read-only bind mount when root,
/// otherwise by taking away the write bits. Undone on drop.
struct ReadOnlyView {
    path: PathBuf,
    mounted: bool,
}

impl ReadOnlyView {
    fn of(dir: &Path, at: &Path) -> ReadOnlyView {
        if is_root() {
            std::fs::create_dir_all(at).unwrap();
            let (src, dst) = (dir.to_str().unwrap(), at.to_str().unwrap());
            assert!(run("mount", &["--bind", src, dst]), "bind mount");
            let view = ReadOnlyView {
                path: at.to_path_buf(),
                mounted: true,
            };
            assert!(
                run("mount", &["-o", "remount,bind,ro", dst]),
                "read-only remount"
            );
            view
        } else {
            set_writable(dir, false);
            ReadOnlyView {
                path: dir.to_path_buf(),
                mounted: false,
            }
        }
    }
}

fn set_writable(dir: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt;
    let (file_mode, dir_mode) = if writable {
        (0o644, 0o755)
    } else {
        (0o444, 0o555)
    };
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(file_mode)).unwrap();
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(dir_mode)).unwrap();
}

impl Drop for ReadOnlyView {
    fn drop(&mut self) {
        if self.mounted {
            run("umount", &["-l", self.path.to_str().unwrap()]);
        } else {
            set_writable(&self.path, true);
        }
    }
}

#[test]
fn a_library_in_a_read_only_folder_is_shown_but_not_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("w");
    let db = dir.join("library.db");
    let id = ok(
        &db,
        &["new", "--title", "Kept", "--template", "bank-lost-card"],
    );
    let id = id.trim();
    ok(&db, &["version", id, "--label", "v1"]);
    assert!(!dir.join("library.db-wal").exists(), "closed cleanly");

    let view = ReadOnlyView::of(&dir, &tmp.path().join("r"));
    let ro_db = view.path.join("library.db");
    // Reading works.
    assert!(ok(&ro_db, &["list"]).contains("Kept"));
    assert!(ok(&ro_db, &["show", id]).contains("Kept"));
    assert!(ok(&ro_db, &["export", id, "--format", "waymark"]).contains("Kept"));
    assert!(ok(&ro_db, &["versions", id]).contains("v1"));
    // Writing says why not, naming the file.
    let expected = format!(
        "{} is read-only: Waymark can show it but not change it",
        ro_db.display()
    );
    for args in [
        &["new", "--title", "Lost"][..],
        &["version", id, "--label", "v2"],
        &["delete", id],
    ] {
        let err = fails(&ro_db, args, 1);
        assert!(err.contains(&expected), "{args:?}: {err}");
    }
    // No library can be made there.
    let err = fails(&view.path.join("new.db"), &["list"], 1);
    assert!(err.contains("is read-only"), "{err}");
    assert!(err.contains("new.db"), "{err}");
    // Nothing was left behind by the read-only opens.
    drop(view);
    assert!(!dir.join("library.db-wal").exists());
    assert!(!dir.join("library.db-shm").exists());
    assert!(!dir.join("new.db").exists());
    assert_eq!(
        Library::open(&db).unwrap().list_maps().unwrap().len(),
        1,
        "{}",
        ok(&db, &["list"])
    );
}

#[test]
fn a_read_only_view_of_a_library_in_use_shows_its_latest_edits() {
    if !is_root() {
        eprintln!("skipped: needs root for a read-only bind mount next to a writable one");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("w");
    let db = dir.join("library.db");
    let app = Library::open(&db).unwrap();
    let id = app.create_map(None, Some("Before")).unwrap();
    app.edit(&id, |j| {
        j.title = "After".into();
        Ok(())
    })
    .unwrap();
    assert!(dir.join("library.db-wal").exists(), "the app keeps its WAL");

    let view = ReadOnlyView::of(&dir, &tmp.path().join("r"));
    let ro_db = view.path.join("library.db");
    assert!(ok(&ro_db, &["list"]).contains("After"));
    let err = fails(&ro_db, &["delete", &id], 1);
    assert!(err.contains("is read-only"), "{err}");
    drop(view);
    // The app goes on writing and keeps everything.
    app.edit(&id, |j| {
        j.title = "Last".into();
        Ok(())
    })
    .unwrap();
    drop(app);
    assert!(ok(&db, &["list"]).contains("Last"));
}

#[test]
fn a_full_disk_is_named_and_costs_nothing_saved_before() {
    if !is_root() {
        eprintln!("skipped: needs root to mount a small tmpfs");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("small");
    std::fs::create_dir_all(&dir).unwrap();
    assert!(
        run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                "size=512k",
                "tmpfs",
                dir.to_str().unwrap()
            ]
        ),
        "mount tmpfs"
    );
    let _unmount = ReadOnlyView {
        path: dir.clone(),
        mounted: true,
    };
    let db = dir.join("library.db");
    let mut made = Vec::new();
    let err = loop {
        assert!(made.len() < 200, "the 512 KiB disk never filled");
        let title = format!("Map {}", made.len());
        let out = waymark(
            &db,
            &["new", "--title", &title, "--template", "bank-lost-card"],
        );
        if !out.status.success() {
            assert_eq!(out.status.code(), Some(1));
            break String::from_utf8(out.stderr).unwrap();
        }
        made.push(title);
    };
    assert!(!made.is_empty(), "the first map fits: {err}");
    assert!(
        err.contains(&format!("{}: the disk is full", db.display())),
        "{err}"
    );
    // Everything saved before is still there and the file is sound.
    let listed = ok(&db, &["list"]);
    for title in &made {
        assert!(
            listed.contains(title.as_str()),
            "{title} missing:\n{listed}"
        );
    }
    let lib = Library::open(&db).unwrap();
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    assert_eq!(lib.list_maps().unwrap().len(), made.len());
}

#[test]
fn a_library_locked_by_another_program_is_named_and_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("library.db");
    ok(&db, &["new", "--title", "Kept"]);
    // Another program (an sqlite3 shell) in the middle of a write transaction.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE maps SET title = title;")
        .unwrap();
    assert!(
        ok(&db, &["list"]).contains("Kept"),
        "readers are not blocked"
    );
    let err = fails(&db, &["new", "--title", "Lost"], 1);
    assert!(
        err.contains(&format!("{} is locked by another program", db.display())),
        "{err}"
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    ok(&db, &["new", "--title", "Later"]);
    assert!(ok(&db, &["list"]).contains("Later"));
}
