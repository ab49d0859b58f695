//! Opening a library file: refusing what is not ours before touching it,
//! opening read-only what may not be written, and migrating ours to the
//! current schema.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};
use crate::guard::{Guarded, Presence};

/// `PRAGMA application_id` of a Waymark library ("WYMK").
pub const APPLICATION_ID: i64 = 0x5759_4D4B;

/// Numbered migrations; `PRAGMA user_version` is the number of the last one
/// applied. Never edit a released migration: add a new one.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_trash_recent.sql")),
    (3, include_str!("../migrations/0003_map_links.sql")),
    (4, include_str!("../migrations/0004_map_origins.sql")),
    (5, include_str!("../migrations/0005_link_protocol.sql")),
    (6, include_str!("../migrations/0006_map_files.sql")),
    (7, include_str!("../migrations/0007_survey_waves.sql")),
    (8, include_str!("../migrations/0008_watched_files.sql")),
    (9, include_str!("../migrations/0009_answer_identity.sql")),
    (10, include_str!("../migrations/0010_version_answers.sql")),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

/// Opens (or creates) the library at `path`. A file that is not a Waymark
/// library, is damaged, or comes from a newer Waymark is refused without a
/// single byte written to it. A library whose file or folder cannot be
/// written is opened read-only: reading works, writing fails with
/// [`StoreError::ReadOnly`].
///
/// The file is never opened outside SQLite: on Linux and macOS closing any
/// other descriptor of it would drop the locks SQLite holds on it for the
/// other connections of this process (see [`crate::guard`]).
pub fn open(path: &Path) -> Result<Guarded> {
    let exists = path.exists();
    if !exists {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::from_io(e, dir, "create a folder in"))?;
        }
    }
    let presence = Presence::join(path).map_err(|e| StoreError::from_io(e, path, "open"))?;
    let writable_folder = presence.as_ref().is_some_and(Presence::writable);
    let conn = connect(path, exists, writable_folder)?;
    let mut conn = Guarded::new(conn, presence).map_err(|e| StoreError::classify(e, path))?;
    match check_and_migrate_patiently(&conn, path) {
        Ok(()) => {
            conn.hold_shm(path);
            Ok(conn)
        }
        Err(e) => {
            let refused = matches!(
                e,
                StoreError::NotALibrary { .. }
                    | StoreError::NewerLibrary { .. }
                    | StoreError::Corrupt { .. }
            );
            // Only a file no Waymark will use loses the lock file this
            // connection made: for a real library another process may
            // already share it.
            match conn.close_refused() {
                Some(presence) if refused => presence.discard(),
                _ => {}
            }
            Err(e)
        }
    }
}

/// An SQLite connection for reading and writing, or for reading only when
/// the file or its folder cannot be written.
fn connect(path: &Path, exists: bool, writable_folder: bool) -> Result<Connection> {
    let classify = |e: rusqlite::Error| StoreError::classify(e, path);
    if writable_folder {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_failed(e, path))?;
        // SQLite opens a file it may not write read-only, silently.
        if !conn.is_readonly("main").map_err(classify)? {
            return Ok(conn);
        }
    }
    if !exists {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            detail: "the folder is read-only, so no library can be created in it".into(),
        });
    }
    let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, ro).map_err(|e| open_failed(e, path))?;
    match conn.query_row("PRAGMA schema_version", [], |_| Ok(())) {
        Err(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
                && !wal_path(path).exists() =>
        {
            // A closed WAL library in a read-only folder: SQLite cannot create
            // the -shm its WAL mode needs. Without a -wal every committed
            // change is in the file itself, and in a read-only folder no one
            // can start a new -wal, so the file can be read as immutable.
            drop(conn);
            Connection::open_with_flags(immutable_uri(path), ro | OpenFlags::SQLITE_OPEN_URI)
                .map_err(|e| open_failed(e, path))
        }
        _ => Ok(conn),
    }
}

fn open_failed(e: rusqlite::Error, path: &Path) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) {
        // stat, not open: opening the file would drop this process's locks.
        if let Err(io) = std::fs::metadata(path) {
            if io.kind() == std::io::ErrorKind::PermissionDenied {
                return StoreError::from_io(io, path, "read");
            }
        }
    }
    match StoreError::classify(e, path) {
        StoreError::Sql(e) => StoreError::Open {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        other => other,
    }
}

fn wal_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-wal");
    name.into()
}

/// `file:PATH?immutable=1`, the path percent-encoded as SQLite's URI
/// filenames require.
fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = if cfg!(windows) {
        format!("/{}", text.replace('\\', "/"))
    } else {
        text.into_owned()
    };
    let mut uri = String::from("file:");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// [`check_and_migrate`], tried again for a while when the library is busy:
/// while another process turns a new library to WAL or recovers its log,
/// SQLite answers "busy" at once without waiting (its busy handler is not
/// called there), and a library opened by two programs at once must open
/// in both.
fn check_and_migrate_patiently(conn: &Connection, path: &Path) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match check_and_migrate(conn, path) {
            Err(StoreError::Busy { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Refuses what is not ours, then brings the schema up to date (unless the
/// library is read-only).
fn check_and_migrate(conn: &Connection, path: &Path) -> Result<()> {
    let classify = |e: rusqlite::Error| StoreError::classify(e, path);
    // Wait for a lock before the first read too: another process may be
    // switching a new library to WAL at this moment, which locks it briefly.
    conn.execute_batch("PRAGMA busy_timeout = 5000;")
        .map_err(classify)?;
    // Read-only checks first: nothing below writes until the file is known
    // ours. The first read is where SQLite meets the header.
    // One statement, so one snapshot: read apart, another process's first
    // migration could commit between them (tables, but no id yet).
    let (app_id, version, tables): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id()),
                    (SELECT user_version FROM pragma_user_version()),
                    (SELECT count(*) FROM sqlite_schema)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotALibrary {
                path: path.to_path_buf(),
                reason: "not an SQLite database".into(),
            },
            _ => classify(e),
        })?;
    let fresh = app_id == 0 && version == 0 && tables == 0;
    if !fresh && app_id != APPLICATION_ID {
        return Err(StoreError::NotALibrary {
            path: path.to_path_buf(),
            reason: if app_id == 0 {
                format!("an SQLite database of another program, with {tables} tables")
            } else {
                format!("an SQLite database with application id {app_id:#x}")
            },
        });
    }
    if version > latest_version() {
        return Err(StoreError::NewerLibrary {
            path: path.to_path_buf(),
            found: version,
            known: latest_version(),
        });
    }
    if !fresh {
        if let Some(detail) = damage(conn).map_err(classify)? {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail,
            });
        }
    }

    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
        .map_err(classify)?;
    if conn.is_readonly("main").map_err(classify)? {
        if version < latest_version() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                detail: format!(
                    "it is read-only and comes from an older Waymark; it must be upgraded (library schema {version} to {}) before this Waymark can read it, which needs write access",
                    latest_version()
                ),
            });
        }
        return Ok(());
    }
    // WAL: readers never block the writer, and a crash loses nothing committed.
    // synchronous=FULL: an acknowledged edit survives power loss, not only a crash.
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        .map_err(classify)?;
    migrate(conn, version).map_err(classify)?;
    Ok(())
}

/// Tables the check at opening leaves out: the raw survey answers and the
/// copies named versions keep of them grow to millions of rows (issue 17),
/// and reading every page of them at each open cost a large import more
/// than its own rows did. A damaged page of theirs still fails the read
/// that meets it (`SQLITE_CORRUPT`, reported as a damaged library).
const UNCHECKED_AT_OPEN: &[&str] = &["survey_answers", "kept_answers"];

/// `PRAGMA quick_check` of every table (with its indexes) but
/// [`UNCHECKED_AT_OPEN`]: the first problem found, if any.
fn damage(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for table in tables
        .iter()
        .filter(|t| !UNCHECKED_AT_OPEN.contains(&t.as_str()))
    {
        let check: String =
            conn.query_row("SELECT * FROM pragma_quick_check(?1)", [table], |r| {
                r.get(0)
            })?;
        if check != "ok" {
            return Ok(Some(check));
        }
    }
    Ok(None)
}

fn migrate(conn: &Connection, from: i64) -> rusqlite::Result<()> {
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from) {
        // The write lock first, then the version again: another process
        // opening the same new or older library at this moment may have
        // applied this step already (the app and the CLI on a new library).
        let tx =
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let applied: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if applied >= *version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    Ok(())
}
