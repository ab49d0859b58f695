//! Opening a library file: refusing what is not ours before touching it, and
//! migrating ours to the current schema.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};

/// `PRAGMA application_id` of a Waymark library ("WYMK").
pub const APPLICATION_ID: i64 = 0x5759_4D4B;

/// Numbered migrations; `PRAGMA user_version` is the number of the last one
/// applied. Never edit a released migration: add a new one.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_init.sql")),
    (2, include_str!("../migrations/0002_trash_recent.sql")),
    (3, include_str!("../migrations/0003_map_links.sql")),
    (4, include_str!("../migrations/0004_map_origins.sql")),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

/// Opens (or creates) the library at `path`. A file that is not a Waymark
/// library, is damaged, or comes from a newer Waymark is refused without a
/// single byte written to it.
pub fn open(path: &Path) -> Result<Connection> {
    let exists = path.exists();
    let open_err = |detail: String| StoreError::Open {
        path: path.to_path_buf(),
        detail,
    };
    if exists {
        check_header(path)?;
    } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| open_err(format!("cannot create folder {}: {e}", dir.display())))?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_err(e.to_string()))?;
    let classify = |e: rusqlite::Error| StoreError::classify(e, path);

    // Read-only checks first: nothing below writes until the file is known ours.
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(classify)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(classify)?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(classify)?;
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
        let check: String = conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(classify)?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: check,
            });
        }
    }

    // WAL: readers never block the writer, and a crash loses nothing committed.
    // synchronous=FULL: an acknowledged edit survives power loss, not only a crash.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
    )
    .map_err(classify)?;
    migrate(&conn, version).map_err(classify)?;
    Ok(conn)
}

fn check_header(path: &Path) -> Result<()> {
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| StoreError::Open {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let n = f.read(&mut head).map_err(|e| StoreError::Open {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    if n == 0 {
        return Ok(()); // an empty file becomes a new library
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(StoreError::NotALibrary {
            path: path.to_path_buf(),
            reason: "not an SQLite database".into(),
        });
    }
    Ok(())
}

fn migrate(conn: &Connection, from: i64) -> rusqlite::Result<()> {
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    Ok(())
}
