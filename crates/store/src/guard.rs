//! The lock every Waymark connection holds on a library, and the one rule it
//! enforces: a connection deletes the library's `-wal` and `-shm` on close
//! only when it can prove no other Waymark connection is using them.
//!
//! SQLite decides "I am the last connection, checkpoint and delete the WAL" by
//! taking an exclusive lock on the library file. On Linux and macOS those are
//! POSIX advisory locks: they belong to the process and all vanish when any
//! descriptor of the file is closed, for example by a file dialog sniffing
//! the folder. Another process then believes it is alone and deletes the WAL
//! a live process is still writing into. The lock here is taken on a sidecar
//! `<library>.lock` through the descriptor's own open file description
//! (`flock` on Linux and macOS, `LockFileEx` on Windows), which no other
//! descriptor can release.

use std::fs::{File, OpenOptions};
use std::io;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::Connection;

/// `<library>.lock`, next to the library file.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// A shared lock on `<library>.lock`, held while a connection is open.
#[derive(Debug)]
pub struct Presence {
    file: File,
    path: PathBuf,
    /// Whether the lock file could be opened for writing: when not, the
    /// folder is read-only.
    writable: bool,
    /// Whether this connection created the lock file.
    created: bool,
}

impl Presence {
    /// Takes the shared lock, waiting while a connection that found itself
    /// alone finishes its closing checkpoint. `Ok(None)` when the lock file
    /// can neither be created nor opened because the folder is read-only:
    /// then nobody can write the library, and it is opened read-only.
    pub fn join(db: &Path) -> io::Result<Option<Presence>> {
        let path = lock_path(db);
        let existed = path.exists();
        let (file, writable) = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        {
            Ok(f) => (f, true),
            Err(e) if is_read_only(&e) => match File::open(&path) {
                Ok(f) => (f, false),
                Err(_) => return Ok(None),
            },
            Err(e) => return Err(e),
        };
        file.lock_shared()?;
        Ok(Some(Presence {
            file,
            path,
            writable,
            created: !existed,
        }))
    }

    pub fn writable(&self) -> bool {
        self.writable
    }

    /// Gives the lock up after the library was refused (not ours), removing
    /// the lock file when this connection created it, so a refused file
    /// gets no litter next to it.
    pub fn discard(self) {
        if self.created {
            let _ = std::fs::remove_file(&self.path);
        }
    }

    /// Whether this is the only connection holding the lock. Gives up the
    /// shared lock to try: only called when closing.
    fn alone(&self) -> bool {
        self.file.unlock().is_ok() && self.file.try_lock().is_ok()
    }
}

/// Errors that mean "you may not write here".
pub(crate) fn is_read_only(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

/// A library connection with its [`Presence`]. Opened with checkpoint-on-close
/// off; dropping it turns that back on only when this connection is alone,
/// so SQLite never deletes a WAL that another Waymark process still uses.
#[derive(Debug)]
pub struct Guarded {
    conn: Option<Connection>,
    presence: Option<Presence>,
    #[cfg(target_os = "linux")]
    shm: Option<crate::shm_hold::ShmHold>,
}

impl Guarded {
    /// Wraps a fresh connection, switching checkpoint-on-close off at once so
    /// that no way of closing it can delete the WAL before [`Drop`] decides.
    pub fn new(conn: Connection, presence: Option<Presence>) -> rusqlite::Result<Guarded> {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        Ok(Guarded {
            conn: Some(conn),
            presence,
            #[cfg(target_os = "linux")]
            shm: None,
        })
    }

    /// Once SQLite has opened the library's -shm (after the first read in
    /// WAL mode): on Linux, holds SQLite's in-use mark on it where foreign
    /// code cannot drop it (see [`crate::shm_hold`]).
    pub fn hold_shm(&mut self, _db: &Path) {
        #[cfg(target_os = "linux")]
        {
            self.shm = crate::shm_hold::ShmHold::take(_db);
        }
    }
}

impl Guarded {
    /// Closes the connection without a checkpoint and hands back the lock
    /// (for a library refused before any use).
    pub fn close_refused(mut self) -> Option<Presence> {
        drop(self.conn.take());
        self.presence.take()
    }
}

impl Deref for Guarded {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("open until dropped")
    }
}

impl DerefMut for Guarded {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("open until dropped")
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        let alone = self.presence.as_ref().is_some_and(Presence::alone);
        if alone {
            // SQLite would see our own mark on the -shm and keep the WAL.
            #[cfg(target_os = "linux")]
            drop(self.shm.take());
            // Alone among Waymark connections: let SQLite checkpoint and
            // delete -wal/-shm if its own lock says so too (a foreign reader
            // such as the sqlite3 shell still holds that one), so a closed
            // library is a single file to copy. Our exclusive lock is held
            // through the close: a process opening now waits for it.
            let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false);
        }
        // On failure the connection is closed anyway, still without a checkpoint.
        let _ = conn.close();
        #[cfg(target_os = "linux")]
        drop(self.shm.take());
        drop(self.presence.take());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_is_alone_only_when_no_other_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.db");
        assert_eq!(lock_path(&db), dir.path().join("library.db.lock"));
        let first = Presence::join(&db).unwrap().unwrap();
        let second = Presence::join(&db).unwrap().unwrap();
        assert!(first.writable() && second.writable());
        // A foreign open and close of the lock file releases nothing.
        drop(File::open(lock_path(&db)).unwrap());
        assert!(!first.alone());
        drop(first);
        assert!(second.alone());
    }

    #[test]
    fn the_last_connection_leaves_one_file_and_an_earlier_one_leaves_the_wal() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.db");
        let wal = dir.path().join("library.db-wal");
        let first = crate::Store::open(&db).unwrap();
        let second = crate::Store::open(&db).unwrap();
        second
            .connection()
            .execute("UPDATE maps SET title = 'x' WHERE 0", [])
            .unwrap();
        drop(second);
        assert!(wal.exists(), "still used by the first connection");
        drop(first);
        assert!(!wal.exists(), "checkpointed and deleted by the last");
        assert!(!dir.path().join("library.db-shm").exists());
    }
}
