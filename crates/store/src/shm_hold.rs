//! Linux: keeps SQLite's "this -shm is in use" mark held where foreign code
//! in the process cannot drop it.
//!
//! Every connection holds a read lock on one byte of `<library>-shm` (the
//! dead-man switch). A process opening the library that finds no such lock
//! believes it is first: it truncates the -shm, which every live process has
//! mapped, and rebuilds it from the WAL; and recent SQLite (the bundled 3.54) refuses
//! to delete the WAL on close while it sees the lock. When foreign code
//! closes a descriptor of the -shm (a file dialog sniffing the folder), the
//! POSIX lock is gone. So the same byte is also locked through an open file
//! description lock (`F_OFD_SETLK`), which only its own descriptor releases.
//! That descriptor is never closed: closing it would itself drop SQLite's
//! POSIX locks on the file.

use std::collections::HashMap;
use std::fs::File;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Mutex;

/// `UNIX_SHM_DMS` in SQLite's os_unix.c: (22 + SQLITE_SHM_NLOCK) * 4 + SQLITE_SHM_NLOCK.
const DEAD_MAN_SWITCH: libc::off_t = 128;

/// A -shm file: (device, inode).
type ShmId = (u64, u64);

/// Per -shm file: the one descriptor this process keeps and how many
/// connections hold its lock.
type Held = HashMap<ShmId, (File, usize)>;

static HELD: Mutex<Option<Held>> = Mutex::new(None);

/// One connection's share of the lock on its library's -shm.
#[derive(Debug)]
pub struct ShmHold {
    key: ShmId,
}

impl ShmHold {
    /// Locks the dead-man switch of `<db>-shm`, which SQLite has opened by
    /// now; `None` when there is no -shm (an immutable read) or the lock
    /// cannot be taken.
    pub fn take(db: &Path) -> Option<ShmHold> {
        let mut name = db.as_os_str().to_os_string();
        name.push("-shm");
        let meta = std::fs::metadata(&name).ok()?;
        let key = (meta.dev(), meta.ino());
        let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
        let held = held.get_or_insert_with(HashMap::new);
        // Descriptors of -shm files deleted since (their library was closed
        // by its last user) no longer share a file with SQLite: close them.
        held.retain(|_, (file, count)| *count > 0 || file.metadata().is_ok_and(|m| m.nlink() > 0));
        let (file, count) = match held.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert((File::open(&name).ok()?, 0)),
        };
        if *count == 0 && !set_lock(file, libc::F_RDLCK) {
            return None;
        }
        *count += 1;
        Some(ShmHold { key })
    }
}

impl Drop for ShmHold {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((file, count)) = held.as_mut().and_then(|h| h.get_mut(&self.key)) {
            *count -= 1;
            if *count == 0 {
                set_lock(file, libc::F_UNLCK);
            }
        }
    }
}

fn set_lock(file: &File, kind: libc::c_int) -> bool {
    // SAFETY: an all-zero `flock` is valid (l_pid must be 0 for OFD locks).
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = kind as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = DEAD_MAN_SWITCH;
    lock.l_len = 1;
    // SAFETY: a valid descriptor and a pointer to an initialised `flock`.
    unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &lock) == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ofd_locks_on(path: &Path) -> Vec<String> {
        let ino = std::fs::metadata(path).unwrap().ino();
        std::fs::read_to_string("/proc/locks")
            .unwrap()
            .lines()
            .filter(|l| l.contains("OFDLCK") && l.contains(&format!(":{ino} ")))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_mark_survives_a_foreign_close_and_goes_with_the_last_connection() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.db");
        let shm = dir.path().join("library.db-shm");
        let first = crate::Store::open(&db).unwrap();
        let second = crate::Store::open(&db).unwrap();
        // What a file dialog does to every file it lists.
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            drop(File::open(entry.unwrap().path()).unwrap());
        }
        let locks = ofd_locks_on(&shm);
        assert_eq!(locks.len(), 1, "{locks:?}");
        assert!(locks[0].contains("READ") && locks[0].ends_with(" 128 128"));
        drop(second);
        assert_eq!(ofd_locks_on(&shm).len(), 1, "the first still holds it");
        drop(first);
        assert!(!shm.exists(), "the last connection deleted the -shm");
    }
}
