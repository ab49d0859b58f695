//! The survey files `waymark watch` imported into a map, by a hash of their
//! bytes: what a restarted watch reads to never import a file twice.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::Result;
use crate::{now, Store};

/// A file imported by a watch: its name then, the wave it became, and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchedFile {
    pub file_name: String,
    pub wave: String,
    pub imported_at: String,
}

impl Store {
    /// Remembers that a file with these bytes became wave `wave` of the map.
    pub fn record_watched_file(
        &mut self,
        map_id: &str,
        content_hash: &str,
        file_name: &str,
        wave: &str,
    ) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO watched_files
                 (map_id, content_hash, file_name, wave, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![map_id, content_hash, file_name, wave, now()],
            )
            .map_err(|e| self.classify(e))?;
        Ok(())
    }

    /// The import of a file with these bytes into the map, if there was one.
    pub fn watched_file(&self, map_id: &str, content_hash: &str) -> Result<Option<WatchedFile>> {
        self.conn
            .query_row(
                "SELECT file_name, wave, imported_at FROM watched_files
                 WHERE map_id = ?1 AND content_hash = ?2",
                params![map_id, content_hash],
                |r| {
                    Ok(WatchedFile {
                        file_name: r.get(0)?,
                        wave: r.get(1)?,
                        imported_at: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.classify(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::Journey;

    #[test]
    fn a_watched_file_is_remembered_across_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let mut s = Store::open(&path).unwrap();
        s.create_map("m1", &[0, 0], &Journey::new("W")).unwrap();
        assert_eq!(s.watched_file("m1", "abc").unwrap(), None);
        s.record_watched_file("m1", "abc", "q1.csv", "q1").unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        let w = s.watched_file("m1", "abc").unwrap().unwrap();
        assert_eq!((w.file_name.as_str(), w.wave.as_str()), ("q1.csv", "q1"));
        assert_eq!(s.watched_file("m2", "abc").unwrap(), None, "per map");
    }
}
