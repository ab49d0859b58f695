//! Waymark's library: one SQLite file holding every map's Yjs update log,
//! compacted snapshots, named versions, and relational tables derived from
//! the documents. Knows nothing of Yjs semantics beyond storing bytes, nor of
//! Tauri or HTTP.

mod derived;
mod error;
pub mod guard;
mod links;
mod log;
mod map_files;
pub mod schema;
#[cfg(target_os = "linux")]
mod shm_hold;
mod version_answers;
mod watched_files;
mod waves;

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use waymark_core::Journey;

pub use derived::Before;
use error::InFile;
pub use error::{Result, StoreError};
pub use links::{LinkRow, NewLink};
pub use log::LogWrite;
pub use version_answers::KeptWave;
pub use watched_files::WatchedFile;
pub use waves::{WavePut, WaveRow, EARLIER_ANSWERS};

/// A map as the library lists it, read from the derived `maps` table.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "MapSummary")]
pub struct MapRow {
    pub id: String,
    pub title: String,
    pub persona: Option<String>,
    pub stages: u32,
    pub touchpoints: u32,
    pub annotations: u32,
    pub created_at: String,
    pub updated_at: String,
    /// When the map was last opened in an editor, if ever.
    pub opened_at: Option<String>,
}

/// A named version of a map.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "VersionInfo")]
pub struct VersionRow {
    pub id: String,
    pub label: String,
    pub created_at: String,
}

/// A map made from another one: `map_id` was copied from `source_id`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MapOrigin {
    pub map_id: String,
    pub source_id: String,
    /// What the copy is, e.g. "future_state".
    pub kind: String,
    pub created_at: String,
}

/// What is stored for a map's document: the snapshot (if any) and the updates
/// after it, oldest first. Applying them in order rebuilds the document.
#[derive(Debug, Default)]
pub struct StoredDoc {
    pub snapshot: Option<Vec<u8>>,
    pub updates: Vec<Vec<u8>>,
    /// Highest update sequence number included.
    pub last_seq: i64,
}

/// The current time as RFC 3339 UTC with exactly three fraction digits.
///
/// The width is fixed because the library sorts by these strings: with the
/// well-known RFC 3339 format a time on a whole second prints without a
/// fraction ("…05Z") and sorts after "…05.001Z".
pub fn now() -> String {
    stamp(time::OffsetDateTime::now_utc())
}

fn stamp(t: time::OffsetDateTime) -> String {
    const FORMAT: &[time::format_description::FormatItem<'static>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(FORMAT)
        .expect("UTC time formats")
}

pub struct Store {
    conn: guard::Guarded,
    path: PathBuf,
}

impl Store {
    /// Opens the library at `path`, creating it when missing. See
    /// [`schema::open`] for what is refused.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = schema::open(path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn classify(&self, e: rusqlite::Error) -> StoreError {
        StoreError::classify(e, &self.path)
    }

    /// Adds a map whose document starts as `initial_update` (a full state).
    /// Returns the sequence number of that first update.
    pub fn create_map(
        &mut self,
        id: &str,
        initial_update: &[u8],
        journey: &Journey,
    ) -> Result<i64> {
        self.create_map_from(id, initial_update, journey, None)
    }

    /// Adds a map as [`Store::create_map`] does, remembering in the same
    /// transaction the map it was made from (`link`: source id and kind).
    pub fn create_map_from(
        &mut self,
        id: &str,
        initial_update: &[u8],
        journey: &Journey,
        link: Option<(&str, &str)>,
    ) -> Result<i64> {
        self.create_map_in_parts(id, journey, link, |log| log(initial_update.to_vec()))
    }

    /// Adds a map whose document comes in parts, in one transaction:
    /// `write_doc` hands each update (together they hold the whole document;
    /// see `waymark_core::doc_batches`) to the function it is given, which
    /// logs it as its own row, so a large import never holds its whole
    /// document. `journey` is what the document reads as. Returns the
    /// sequence number of the last update.
    pub fn create_map_in_parts(
        &mut self,
        id: &str,
        journey: &Journey,
        link: Option<(&str, &str)>,
        write_doc: impl FnOnce(&mut dyn FnMut(Vec<u8>) -> Result<()>) -> Result<()>,
    ) -> Result<i64> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path))?;
        let ts = now();
        tx.execute(
            "INSERT INTO maps (id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            params![id, journey.title, ts],
        )
        .in_file(&path)?;
        let mut seq = None;
        write_doc(&mut |update| {
            tx.execute(
                "INSERT INTO map_updates (map_id, data, origin, created_at) VALUES (?1, ?2, 'create', ?3)",
                params![id, update, ts],
            ).in_file(&path)?;
            seq = Some(tx.last_insert_rowid());
            Ok(())
        })?;
        let seq = seq.expect("a map's document is at least one update");
        derived::write(&tx, id, derived::Before::Unknown, journey).in_file(&path)?;
        if let Some((source, kind)) = link {
            tx.execute(
                "INSERT INTO map_origins (map_id, source_id, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, source, kind, ts],
            ).in_file(&path)?;
        }
        tx.commit().map_err(|e| StoreError::classify(e, &path))?;
        Ok(seq)
    }

    /// Every link from or to `map_id` (its source, and the maps made from it).
    pub fn map_origins(&self, map_id: &str) -> Result<Vec<MapOrigin>> {
        self.query_rows(
            "SELECT map_id, source_id, kind, created_at FROM map_origins
             WHERE map_id = ?1 OR source_id = ?1 ORDER BY created_at, map_id",
            [map_id],
            |r| {
                Ok(MapOrigin {
                    map_id: r.get(0)?,
                    source_id: r.get(1)?,
                    kind: r.get(2)?,
                    created_at: r.get(3)?,
                })
            },
        )
    }

    /// Everything stored for a map's document.
    pub fn load_doc(&self, map_id: &str) -> Result<StoredDoc> {
        self.doc_since(map_id, i64::MIN)
    }

    /// Rewrites a map's derived rows from scratch (after a restore, or to
    /// repair tables edited by hand).
    pub fn rewrite_derived(&mut self, map_id: &str, journey: &Journey) -> Result<()> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::classify(e, &path))?;
        derived::write(&tx, map_id, derived::Before::Unknown, journey).in_file(&path)?;
        tx.commit().map_err(|e| StoreError::classify(e, &path))?;
        Ok(())
    }

    /// Runs a query and collects its rows, classifying errors.
    pub(crate) fn query_rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| self.classify(e))?;
        let rows = stmt.query_map(params, row).map_err(|e| self.classify(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.classify(e))
    }

    const MAP_COLUMNS: &'static str =
        "id, title, persona, stage_count, touchpoint_count, annotation_count, created_at, updated_at, opened_at";

    fn map_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MapRow> {
        Ok(MapRow {
            id: r.get(0)?,
            title: r.get(1)?,
            persona: r.get(2)?,
            stages: r.get(3)?,
            touchpoints: r.get(4)?,
            annotations: r.get(5)?,
            created_at: r.get(6)?,
            updated_at: r.get(7)?,
            opened_at: r.get(8)?,
        })
    }

    /// Every map not in the trash, most recently edited first.
    pub fn list_maps(&self) -> Result<Vec<MapRow>> {
        let sql = format!(
            "SELECT {} FROM maps WHERE deleted_at IS NULL ORDER BY updated_at DESC, id",
            Self::MAP_COLUMNS
        );
        self.query_rows(&sql, [], Self::map_from_row)
    }

    /// The `limit` maps opened most recently (not in the trash), latest first.
    pub fn recent_maps(&self, limit: usize) -> Result<Vec<MapRow>> {
        let sql = format!(
            "SELECT {} FROM maps WHERE deleted_at IS NULL AND opened_at IS NOT NULL \
             ORDER BY opened_at DESC, rowid DESC LIMIT ?1",
            Self::MAP_COLUMNS
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.query_rows(&sql, [limit], Self::map_from_row)
    }

    pub fn map_row(&self, map_id: &str) -> Result<MapRow> {
        let sql = format!("SELECT {} FROM maps WHERE id = ?1", Self::MAP_COLUMNS);
        self.query_rows(&sql, [map_id], Self::map_from_row)?
            .pop()
            .ok_or_else(|| StoreError::MapNotFound(map_id.to_string()))
    }

    /// Deletes a map with its log, snapshots, versions and derived rows.
    pub fn delete_map(&mut self, map_id: &str) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM maps WHERE id = ?1", [map_id])
            .map_err(|e| self.classify(e))?;
        if n == 0 {
            return Err(StoreError::MapNotFound(map_id.to_string()));
        }
        Ok(())
    }

    /// Sets a map's `deleted_at` (`Some`: moves it to the trash) or clears it
    /// (`None`: takes it back out). Nothing else of the map changes.
    pub fn set_trashed(&mut self, map_id: &str, deleted_at: Option<&str>) -> Result<()> {
        self.set_map_column(map_id, "deleted_at", deleted_at)
    }

    /// Whether the map is in the trash.
    pub fn is_trashed(&self, map_id: &str) -> Result<bool> {
        let rows = self.query_rows(
            "SELECT deleted_at IS NOT NULL FROM maps WHERE id = ?1",
            [map_id],
            |r| r.get::<_, bool>(0),
        )?;
        rows.first()
            .copied()
            .ok_or_else(|| StoreError::MapNotFound(map_id.to_string()))
    }

    /// Records that the map was opened now.
    pub fn mark_opened(&mut self, map_id: &str) -> Result<()> {
        self.set_map_column(map_id, "opened_at", Some(&now()))
    }

    fn set_map_column(&mut self, map_id: &str, column: &str, value: Option<&str>) -> Result<()> {
        let sql = format!("UPDATE maps SET {column} = ?2 WHERE id = ?1");
        let n = self
            .conn
            .execute(&sql, params![map_id, value])
            .map_err(|e| self.classify(e))?;
        if n == 0 {
            return Err(StoreError::MapNotFound(map_id.to_string()));
        }
        Ok(())
    }

    /// Deletes for good the maps put in the trash more than `older_than`
    /// ago; returns how many.
    pub fn purge_trash(&mut self, older_than: std::time::Duration) -> Result<usize> {
        let cutoff = time::OffsetDateTime::now_utc()
            - time::Duration::try_from(older_than).unwrap_or(time::Duration::MAX);
        let cutoff = cutoff
            .format(&time::format_description::well_known::Rfc3339)
            .expect("UTC time formats");
        self.conn
            .execute(
                "DELETE FROM maps WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
                [cutoff],
            )
            .map_err(|e| self.classify(e))
    }

    /// Stores `state` (a full document state) as a named version, with the
    /// map's survey answers as they are (see [`LogWrite::create_version`]).
    pub fn create_version(
        &mut self,
        map_id: &str,
        version_id: &str,
        label: &str,
        state: &[u8],
    ) -> Result<VersionRow> {
        let log = self.begin_write()?;
        let row = log.create_version(map_id, version_id, label, state)?;
        log.commit()?;
        Ok(row)
    }

    pub fn list_versions(&self, map_id: &str) -> Result<Vec<VersionRow>> {
        self.map_row(map_id)?;
        self.query_rows(
            "SELECT id, label, created_at FROM versions WHERE map_id = ?1 ORDER BY created_at, rowid",
            [map_id],
            |r| {
                Ok(VersionRow {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    created_at: r.get(2)?,
                })
            },
        )
    }

    /// The state of a version found by id or label.
    pub fn version_state(&self, map_id: &str, id_or_label: &str) -> Result<(VersionRow, Vec<u8>)> {
        self.conn
            .query_row(
                "SELECT id, label, created_at, data FROM versions WHERE map_id = ?1 AND (id = ?2 OR label = ?2)",
                params![map_id, id_or_label],
                |r| {
                    Ok((
                        VersionRow {
                            id: r.get(0)?,
                            label: r.get(1)?,
                            created_at: r.get(2)?,
                        },
                        r.get(3)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.classify(e))?
            .ok_or_else(|| StoreError::VersionNotFound {
                map: map_id.to_string(),
                version: id_or_label.to_string(),
            })
    }

    /// Where the map's derived rows differ from `journey`'s projection, one
    /// line per table; empty when they agree.
    pub fn derived_differences(&self, map_id: &str, journey: &Journey) -> Result<Vec<String>> {
        derived::differences(&self.conn, map_id, journey).map_err(|e| self.classify(e))
    }

    /// `PRAGMA integrity_check`: "ok" or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.classify(e))?;
        let lines = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.classify(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.classify(e))?;
        Ok(lines.join("\n"))
    }

    /// Direct read access for tests and diagnostics.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_have_a_fixed_width_and_sort_as_time() {
        let whole = time::macros::datetime!(2026-11-22 10:00:05 UTC);
        let later = whole + time::Duration::milliseconds(1);
        assert_eq!(stamp(whole), "2026-11-22T10:00:05.000Z");
        assert_eq!(stamp(later), "2026-11-22T10:00:05.001Z");
        assert!(stamp(whole) < stamp(later));
        let offset = whole.to_offset(time::macros::offset!(+2));
        assert_eq!(stamp(offset), stamp(whole));
        assert!(time::OffsetDateTime::parse(
            &now(),
            &time::format_description::well_known::Rfc3339
        )
        .is_ok());
    }

    #[test]
    fn versions_made_in_the_same_millisecond_list_in_the_order_made() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("lib.db")).unwrap();
        let journey = Journey::default();
        store.create_map("m", &[0, 0], &journey).unwrap();
        for label in ["Zulu", "Alpha", "Mike"] {
            let version_id = format!("v-{label}");
            store
                .create_version("m", &version_id, label, &[0, 0])
                .unwrap();
        }
        // Give them all one time, as a fast machine does.
        store
            .connection()
            .execute(
                "UPDATE versions SET created_at = '2026-11-22T10:00:05.000Z'",
                [],
            )
            .unwrap();
        let labels: Vec<_> = store
            .list_versions("m")
            .unwrap()
            .into_iter()
            .map(|v| v.label)
            .collect();
        assert_eq!(labels, ["Zulu", "Alpha", "Mike"]);
    }
}
