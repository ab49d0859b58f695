//! The files maps were opened from (by a hash of their bytes), so opening
//! the same file again finds its map rather than importing it twice.

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::{now, Store};

impl Store {
    /// Remembers that map `map_id` was imported from a file with these bytes.
    pub fn record_map_file(&mut self, map_id: &str, content_hash: &str, path: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO map_files (map_id, content_hash, path, opened_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![map_id, content_hash, path, now()],
            )
            .map_err(|e| self.classify(e))?;
        Ok(())
    }

    /// The map last imported from a file with these bytes, unless it was
    /// deleted (a map in the trash counts as deleted: the file makes a new one).
    pub fn map_for_file(&self, content_hash: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT f.map_id FROM map_files f JOIN maps m ON m.id = f.map_id
                 WHERE f.content_hash = ?1 AND m.deleted_at IS NULL
                 ORDER BY f.opened_at DESC LIMIT 1",
                [content_hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.classify(e))
    }
}
