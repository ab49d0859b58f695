//! The update log as a CRDT log shared by every process on the library.
//!
//! Each process applies log rows by sequence number. A write runs in one
//! IMMEDIATE transaction: the writer reads the rows (and a newer snapshot)
//! it has not applied, appends its own update, brings the derived tables
//! along and, when the log has grown, folds into a snapshot only the rows it
//! applied. No row another process wrote is ever folded unseen.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use waymark_core::{Journey, SurveyResponse};

use crate::derived::Before;
use crate::error::InFile;
use crate::{derived, now, Result, Store, StoreError, StoredDoc};

/// One write to the library, open until [`LogWrite::commit`]; dropped
/// without it, nothing is written.
pub struct LogWrite<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(crate) path: &'a Path,
}

impl Store {
    /// Starts a write: takes the library's write lock now (IMMEDIATE), so what
    /// [`LogWrite::doc_since`] reads stays the truth until commit.
    pub fn begin_write(&mut self) -> Result<LogWrite<'_>> {
        let Store { conn, path } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, path))?;
        Ok(LogWrite { tx, path })
    }

    /// What was stored for the map after sequence `seen` (see [`read_since`]).
    pub fn doc_since(&self, map_id: &str, seen: i64) -> Result<StoredDoc> {
        read_since(&self.conn, &self.path, map_id, seen)
    }

    /// `PRAGMA data_version`: changes whenever another connection (another
    /// process) committed to the file since the last call. Cheap: no table
    /// is read.
    pub fn data_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| self.classify(e))
    }
}

impl LogWrite<'_> {
    fn classify(&self, e: rusqlite::Error) -> StoreError {
        StoreError::classify(e, self.path)
    }

    /// [`Store::doc_since`] inside this write.
    pub fn doc_since(&self, map_id: &str, seen: i64) -> Result<StoredDoc> {
        read_since(&self.tx, self.path, map_id, seen)
    }

    /// Appends one update to a map's log and brings the derived tables from
    /// `before` to `after`. Returns the update's sequence number.
    pub fn append_update(
        &self,
        map_id: &str,
        update: &[u8],
        origin: &str,
        before: Before,
        after: &Journey,
    ) -> Result<i64> {
        let seq = self.append_bare(map_id, update, origin)?;
        derived::write(&self.tx, map_id, before, after).in_file(self.path)?;
        Ok(seq)
    }

    /// Appends one update whose derived rows the caller writes itself
    /// ([`LogWrite::upsert_responses`]). Returns its sequence number.
    pub fn append_bare(&self, map_id: &str, update: &[u8], origin: &str) -> Result<i64> {
        let ts = now();
        let changed = self
            .tx
            .execute(
                "UPDATE maps SET updated_at = ?2 WHERE id = ?1",
                params![map_id, ts],
            )
            .in_file(self.path)?;
        if changed == 0 {
            return Err(StoreError::MapNotFound(map_id.to_string()));
        }
        self.tx.execute(
            "INSERT INTO map_updates (map_id, data, origin, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![map_id, update, origin, ts],
        ).in_file(self.path)?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The derived rows of survey answers added or replaced by updates
    /// appended with [`LogWrite::append_bare`], when nothing else changed.
    pub fn upsert_responses<'r>(
        &self,
        map_id: &str,
        responses: impl IntoIterator<Item = &'r SurveyResponse>,
    ) -> Result<()> {
        derived::upsert_responses(&self.tx, map_id, responses).in_file(self.path)
    }

    /// Number of updates logged after the map's snapshot.
    pub fn pending_updates(&self, map_id: &str) -> Result<i64> {
        self.tx
            .query_row(
                "SELECT count(*) FROM map_updates WHERE map_id = ?1",
                [map_id],
                |r| r.get(0),
            )
            .map_err(|e| self.classify(e))
    }

    /// Replaces the log up to `up_to_seq` with `state`, the full document
    /// including every row up to it: the caller applied them all in this
    /// write. A snapshot never goes back to an older sequence.
    pub fn compact(&self, map_id: &str, state: &[u8], up_to_seq: i64) -> Result<()> {
        self.tx.execute(
            "INSERT INTO map_snapshots (map_id, data, up_to_seq, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (map_id) DO UPDATE SET data = excluded.data,
                 up_to_seq = excluded.up_to_seq, created_at = excluded.created_at
             WHERE excluded.up_to_seq > map_snapshots.up_to_seq",
            params![map_id, state, up_to_seq, now()],
        ).in_file(self.path)?;
        self.tx
            .execute(
                "DELETE FROM map_updates WHERE map_id = ?1 AND seq <= ?2",
                params![map_id, up_to_seq],
            )
            .in_file(self.path)?;
        Ok(())
    }

    /// Makes the write durable.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tx.commit().map_err(|e| StoreError::classify(e, path))
    }
}

/// What is stored for the map after sequence `seen`: the snapshot when it
/// covers rows past `seen` (another process compacted them), and every
/// update row after `seen`. Applying both to a document that holds
/// everything up to `seen` brings it up to `last_seq` (Yjs merges are
/// idempotent, so the snapshot's older part changes nothing).
pub(crate) fn read_since(
    conn: &Connection,
    path: &Path,
    map_id: &str,
    seen: i64,
) -> Result<StoredDoc> {
    let classify = |e: rusqlite::Error| StoreError::classify(e, path);
    let exists = conn
        .query_row("SELECT 1 FROM maps WHERE id = ?1", [map_id], |_| Ok(()))
        .optional()
        .map_err(classify)?
        .is_some();
    if !exists {
        return Err(StoreError::MapNotFound(map_id.to_string()));
    }
    let mut out = StoredDoc {
        last_seq: seen.max(0),
        ..StoredDoc::default()
    };
    let snap: Option<(Vec<u8>, i64)> = conn
        .query_row(
            "SELECT data, up_to_seq FROM map_snapshots WHERE map_id = ?1 AND up_to_seq > ?2",
            params![map_id, seen],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(classify)?;
    if let Some((data, seq)) = snap {
        out.snapshot = Some(data);
        out.last_seq = out.last_seq.max(seq);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT seq, data FROM map_updates WHERE map_id = ?1 AND seq > ?2 ORDER BY seq",
        )
        .map_err(classify)?;
    let rows = stmt
        .query_map(params![map_id, seen], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
        })
        .map_err(classify)?;
    for row in rows {
        let (seq, data) = row.map_err(classify)?;
        out.last_seq = out.last_seq.max(seq);
        out.updates.push(data);
    }
    Ok(out)
}
