//! The one Rust API over Waymark: the desktop shell, the HTTP/WebSocket server
//! and the `waymark` CLI all call this and nothing below it. Domain logic
//! lives here or lower, never in a front.
//!
//! A [`Library`] keeps the Yjs document of every map it has touched in memory
//! and persists every change (local edit or remote Yjs update) durably before
//! returning. Other processes may write the same file at the same time: see
//! the `shared` module for how the documents in memory stay the truth.

pub mod compare;
pub mod coverage;
pub mod deck;
mod error;
mod evidence;
pub mod files;
mod formats;
mod group;
mod homeless;
pub mod keep_both;
mod link;
mod link_view;
mod manage;
mod open_file;
pub mod report;
pub mod rpc;
mod score_cache;
mod scoring;
mod shared;
pub mod stage_times;
pub mod survey;
pub mod survey_watch;
pub mod targets;
pub mod themes;
pub mod waves;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use shared::Change;
use waymark_core::doc::{other_roots, read_journey, write_journey_diff, Projection};
use waymark_core::validate::Problem;
use waymark_core::{validate, Journey};
use waymark_store::{Store, StoreError};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

pub use error::{ApiError, Code, ErrorPayload, Result};
pub use evidence::EARLIER_ANSWERS;
pub use formats::{csv_table, parse_import_format, ExportFormat, ImportFormat};
pub use group::SendCheck;
pub use homeless::Homeless;
pub use link::{
    check_link_target, LinkSpec, MapLink, Protocol, Secret, SubscriptionId, TokenVia,
    UpdateObserver,
};
pub use link_view::{stored_state, stored_status, LinkState, LinkView, SyncStatus};
pub use manage::{MapStrip, StripStage, TRASH_KEEP};
pub use open_file::OpenedFile;
pub use scoring::{scorecard_table, ExplainedResponse, Explanation};
pub use shared::{Watcher, OTHER_PROCESS, REFRESH_EVERY};
pub use waymark_core::templates::TemplateInfo;
pub use waymark_score::as_of::sentence as as_of_sentence;
pub use waymark_score::{AsOf, Board, BoardItem, Scorecard};
pub use waymark_store::{
    now as timestamp, Before, MapRow as MapSummary, VersionRow as VersionInfo,
};

/// What [`Library::apply_update_checked`] shows its check.
pub struct UpdateCheck<'a> {
    /// The map before the update: whole ([`Before::Whole`]) when the
    /// projection read the whole document, else ([`Before::Touched`]) only
    /// the entities the update touched as they were, so that a check can
    /// cost what the update changed. Never [`Before::Unknown`].
    pub before: Before<'a>,
    /// What the projection hid before the update.
    pub before_problems: &'a [Problem],
    /// The document's root types outside the map, with their content,
    /// before the update ([`waymark_core::doc::other_roots`]).
    pub before_roots: &'a [(String, yrs::Any)],
    /// The map with the update applied.
    pub after: &'a Projection,
    /// The document with the update applied (to look at what the projection
    /// does not show: root types, missing dependencies).
    pub doc: &'a Doc,
}

/// Updates logged before a map's log is folded into a snapshot.
const COMPACT_AFTER: i64 = 256;

/// Content per update when a map or answers are written in batches.
const BATCH_BYTES: usize = waymark_core::doc_batches::BATCH_BYTES;

/// The library file used when neither `--db` nor `WAYMARK_DB` names one:
/// `<OS data dir>/waymark/library.db`.
pub fn default_library_path() -> PathBuf {
    if let Some(p) = std::env::var_os("WAYMARK_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("waymark")
        .join("library.db")
}

/// What a new map can start from: the blank map first, then the templates.
pub fn list_templates() -> Vec<TemplateInfo> {
    let mut all = vec![waymark_core::templates::blank_info()];
    all.extend(waymark_core::templates::list());
    all
}

/// A map's document in memory, with the projection the derived tables hold.
struct OpenMap {
    doc: Doc,
    /// Shared with scores running outside the lock: an edit while one runs
    /// copies it ([`Arc::make_mut`]) instead of waiting.
    journey: Arc<Journey>,
    /// What the projection hid (dangling or unreadable entities): when any,
    /// the document holds more than `journey`, so a local edit must re-project.
    problems: Vec<Problem>,
    /// Highest log sequence applied to `doc` (an update's or the snapshot's).
    seen: i64,
    /// `PRAGMA data_version` when reads last caught the map up.
    checked: Option<i64>,
    /// What transactions on `doc` touched since the last projection.
    tracker: waymark_core::incremental::Tracker,
    /// The touchpoints' scores, kept until an edit touches them.
    scores: score_cache::ScoreCache,
}

struct Inner {
    store: Store,
    maps: HashMap<String, OpenMap>,
    observers: Vec<(u64, UpdateObserver)>,
    next_observer: u64,
    forgotten: shared::Forgotten,
    /// `PRAGMA data_version` at the last [`Library::refresh`].
    refreshed: Option<i64>,
    /// Maps whose document's raw answers could not be moved to the tables
    /// (a read-only library): not tried again by this process.
    answers_stay: std::collections::HashSet<String>,
}

/// A Waymark library: one SQLite file of journey maps.
pub struct Library {
    inner: Mutex<Inner>,
    group: group::Group,
    /// Woken when a replica's update was applied (or refused): a score that
    /// must cover a state waits on it ([`Library::score_covering`]).
    applied: std::sync::Condvar,
    /// Replicas' updates refused so far: a score waiting for one gives up.
    refused: std::sync::atomic::AtomicU64,
}

fn doc_from_updates(updates: impl IntoIterator<Item = Vec<u8>>, what: &str) -> Result<Doc> {
    let doc = Doc::new();
    {
        let mut txn = doc.transact_mut();
        for (i, bytes) in updates.into_iter().enumerate() {
            let update = Update::decode_v1(&bytes).map_err(|e| {
                ApiError::Invalid(format!("{what}: stored update {i} is unreadable: {e}"))
            })?;
            txn.apply_update(update).map_err(|e| {
                ApiError::Invalid(format!("{what}: stored update {i} does not apply: {e}"))
            })?;
        }
    }
    Ok(doc)
}

fn full_state(doc: &Doc) -> Vec<u8> {
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}

fn check_valid(journey: &Journey) -> Result<()> {
    let problems = validate(journey);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid(format!(
            "invalid map: {}",
            waymark_core::validate::describe(&problems, 10)
        )))
    }
}

impl OpenMap {
    /// Applies a decoded update to the document and brings the projection
    /// along; `check` (if any) sees the map before and after and may refuse.
    /// Returns what the map was. On an error the document may hold part of
    /// the update: the caller's write forgets the map.
    fn apply(
        &mut self,
        id: &str,
        decoded: Update,
        check: Option<impl FnOnce(&UpdateCheck) -> std::result::Result<(), String>>,
    ) -> Result<shared::Was> {
        // Without a check nothing of the map before is copied; with one,
        // only what sits outside the typed model (small).
        let before = check
            .as_ref()
            .map(|_| (other_roots(&self.doc.transact()), self.problems.clone()));
        self.doc
            .transact_mut()
            .apply_update(decoded)
            .map_err(|e| ApiError::Invalid(format!("map {id}: Yjs update does not apply: {e}")))?;
        stage_times::mark("doc apply");
        let was = self.reproject();
        stage_times::mark("project");
        if let (Some(check), Some((roots, problems))) = (check, &before) {
            let after = Projection {
                journey: Arc::unwrap_or_clone(std::mem::take(&mut self.journey)),
                problems: std::mem::take(&mut self.problems),
            };
            let verdict = check(&UpdateCheck {
                before: was.before(),
                before_problems: problems,
                before_roots: roots,
                after: &after,
                doc: &self.doc,
            });
            self.journey = Arc::new(after.journey);
            self.problems = after.problems;
            verdict.map_err(|why| ApiError::Forbidden(format!("map {id}: {why}")))?;
            stage_times::mark("role check");
        }
        Ok(was)
    }
}

impl Inner {
    fn insert(&mut self, journey: Journey) -> Result<String> {
        self.insert_from(journey, None)
    }

    /// Adds `journey` as a new map, remembering the map it was made from.
    /// The document is written in batches ([`waymark_core::doc_batches`])
    /// and not kept in memory: a large import never holds its whole
    /// document; the map is read from the file when first used.
    fn insert_from(&mut self, mut journey: Journey, link: Option<(&str, &str)>) -> Result<String> {
        check_valid(&journey)?;
        // What the document reads as (the derived tables hold it).
        journey.normalize();
        // Raw answers go to the library's tables, never into the document.
        let answers = std::mem::take(&mut journey.responses);
        let id = uuid::Uuid::new_v4().to_string();
        self.store.create_map_in_parts(&id, &journey, link, |log| {
            waymark_core::doc_batches::new_doc_updates(&journey, BATCH_BYTES, log)
        })?;
        if !answers.is_empty() {
            let placed = self.write_answers(&id, |log, _| {
                let touched = evidence::place_answers(log, &id, answers)?;
                Ok(((), touched.into_iter().collect()))
            });
            if let Err(e) = placed {
                // A map without its answers is not what was asked for.
                let _ = self.store.delete_map(&id);
                return Err(e);
            }
        }
        Ok(id)
    }

    fn edit(
        &mut self,
        id: &str,
        origin: &str,
        f: impl FnOnce(&mut Journey) -> Result<()>,
    ) -> Result<(Journey, Option<Vec<u8>>)> {
        self.write(id, origin, |open| {
            let mut next = Journey::clone(&open.journey);
            f(&mut next)?;
            match diff_change(open, next)? {
                Some(change) => {
                    let out = (Journey::clone(&change.after), Some(change.update.clone()));
                    Ok((out, Some(change)))
                }
                None => Ok(((Journey::clone(&open.journey), None), None)),
            }
        })
    }
}

/// The change that makes `open` project to `next`: only what differs is
/// written to its document. `None` when nothing differs.
pub(crate) fn diff_change(open: &mut OpenMap, mut next: Journey) -> Result<Option<Change>> {
    let before = Journey::clone(&open.journey);
    next.normalize();
    check_valid(&next)?;
    let update = {
        let mut txn = open.doc.transact_mut();
        write_journey_diff(&mut txn, &before, &next);
        txn.encode_update_v1()
    };
    // Writing the difference makes the document project to `next` unless
    // it holds entities the projection hides; only then read it back.
    let full = !open.problems.is_empty();
    let after = if full {
        open.reproject();
        open.journey.clone()
    } else {
        Arc::new(next)
    };
    if *after == before {
        return Ok(None);
    }
    let was = if full {
        shared::Was::Whole(before)
    } else {
        let touched = open.tracker.take();
        open.scores.forget(&touched);
        shared::Was::Touched {
            was: before,
            touched,
        }
    };
    Ok(Some(Change {
        update,
        was,
        after,
        compact: false,
    }))
}

impl Library {
    /// Opens the library file at `path`, creating it when missing.
    pub fn open(path: &Path) -> Result<Library> {
        let store = Store::open(path)?;
        let refreshed = Some(store.data_version()?);
        Ok(Library {
            inner: Mutex::new(Inner {
                store,
                maps: HashMap::new(),
                observers: Vec::new(),
                next_observer: 0,
                forgotten: Default::default(),
                refreshed,
                answers_stay: Default::default(),
            }),
            group: Default::default(),
            applied: Default::default(),
            refused: Default::default(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves the cache possibly stale but the
        // disk consistent (every write is one transaction): recover and go on.
        self.inner.lock().unwrap_or_else(|poisoned| {
            let mut inner = poisoned.into_inner();
            inner.maps.clear();
            inner
        })
    }

    pub fn path(&self) -> PathBuf {
        self.lock().store.path().to_path_buf()
    }

    /// Every map, most recently edited first.
    pub fn list_maps(&self) -> Result<Vec<MapSummary>> {
        Ok(self.lock().store.list_maps()?)
    }

    pub fn map_summary(&self, id: &str) -> Result<MapSummary> {
        Ok(self.lock().store.map_row(id)?)
    }

    /// Creates a map from a template (`None` or "blank" for an empty one) and
    /// returns its id. `title` replaces the template's title.
    pub fn create_map(&self, template: Option<&str>, title: Option<&str>) -> Result<String> {
        let name = template.unwrap_or(waymark_core::templates::BLANK);
        let mut journey = waymark_core::templates::load(name).ok_or_else(|| {
            let names: Vec<&str> = list_templates().iter().map(|t| t.name).collect();
            ApiError::NotFound(format!(
                "no template named {name:?}; templates: {}",
                names.join(", ")
            ))
        })?;
        if let Some(t) = title {
            if t.trim().is_empty() {
                return Err(ApiError::Invalid("a map title cannot be empty".into()));
            }
            journey.title = t.trim().to_string();
        }
        self.lock().insert(journey)
    }

    /// Adds a copy of `journey` as a new map and returns its id.
    pub fn insert_journey(&self, journey: Journey) -> Result<String> {
        self.lock().insert(journey)
    }

    /// Imports a file's content; `file_name` names it in errors. Nothing is
    /// written when the content is invalid.
    pub fn import(
        &self,
        file_name: &str,
        content: &str,
        format: Option<ImportFormat>,
    ) -> Result<String> {
        let format = format.unwrap_or_else(|| ImportFormat::detect(file_name, content));
        if format == ImportFormat::Waymark {
            let (journey, waves) = waymark_core::formats::waymark::from_str_with_waves(
                file_name,
                waymark_core::formats::strip_bom(content),
            )?;
            return self.insert_with_waves(journey, waves);
        }
        let journey = waymark_core::formats::import(file_name, content, format)?;
        self.insert_journey(journey)
    }

    /// Imports the map file at `path`, named `name` in errors, read within
    /// the map file limit. The text is let go once parsed, so it and the
    /// map's document are never held together.
    pub fn import_path(
        &self,
        path: &Path,
        name: &str,
        format: Option<ImportFormat>,
    ) -> Result<String> {
        let content = files::read_text(path, waymark_core::limits::MAP_FILE_BYTES)?;
        let format = format.unwrap_or_else(|| ImportFormat::detect(name, &content));
        if format == ImportFormat::Waymark {
            let (journey, waves) = waymark_core::formats::waymark::from_str_with_waves(
                name,
                waymark_core::formats::strip_bom(&content),
            )?;
            drop(content);
            return self.insert_with_waves(journey, waves);
        }
        let journey = waymark_core::formats::import(name, &content, format)?;
        drop(content);
        self.insert_journey(journey)
    }

    /// The map as the typed model.
    pub fn journey(&self, id: &str) -> Result<Journey> {
        Ok(Journey::clone(&*self.snapshot(id)?))
    }

    /// The map as the typed model, shared: cheap, and read without the lock.
    pub(crate) fn snapshot(&self, id: &str) -> Result<Arc<Journey>> {
        Ok(self.lock().load(id)?.journey.clone())
    }

    /// The map (or one of its named versions) in an export format.
    pub fn export(&self, id: &str, format: ExportFormat, version: Option<&str>) -> Result<String> {
        let journey = match version {
            Some(v) => self.version_journey(id, v)?,
            None => self.journey(id)?,
        };
        // The survey waves: the map's as it is now, or those the version
        // kept (none for a version named before versions kept answers).
        if format == ExportFormat::Waymark {
            let waves = match version {
                None => Some(self.wave_files(id)?),
                Some(v) => self.version_wave_files(id, v)?,
            };
            if let Some(waves) = waves {
                return Ok(waymark_core::formats::waymark::to_string_with_waves(
                    &journey, &waves,
                ));
            }
        }
        Ok(format.write(&journey))
    }

    /// Changes the map through the typed model: `f` edits a copy, which is
    /// validated and written into the document as the smallest update, then
    /// persisted. Returns the map after the edit.
    pub fn edit(&self, id: &str, f: impl FnOnce(&mut Journey) -> Result<()>) -> Result<Journey> {
        Ok(self.lock().edit(id, "local", f)?.0)
    }

    /// [`Library::edit`] that also returns the Yjs update it made (`None`
    /// when nothing changed), for a server to forward to other replicas.
    pub fn edit_update(
        &self,
        id: &str,
        origin: &str,
        f: impl FnOnce(&mut Journey) -> Result<()>,
    ) -> Result<(Journey, Option<Vec<u8>>)> {
        self.lock().edit(id, origin, f)
    }

    /// Applies a Yjs update from another replica (the UI, a workshop peer, a
    /// sync server), durably. A malformed update is refused and changes nothing.
    pub fn apply_update(&self, id: &str, update: &[u8], origin: &str) -> Result<()> {
        self.apply(id, update, origin, None::<fn(&UpdateCheck) -> _>)
    }

    /// Like [`Library::apply_update`], but `check` sees the map before and
    /// after the update and may refuse it (a workshop participant's role). A
    /// refused update is neither persisted nor kept in memory: the cached
    /// document is dropped and reloaded from the file on next use.
    pub fn apply_update_checked(
        &self,
        id: &str,
        update: &[u8],
        origin: &str,
        check: impl FnOnce(&UpdateCheck) -> std::result::Result<(), String>,
    ) -> Result<()> {
        self.apply(id, update, origin, Some(check))
    }

    /// [`Library::apply_update_checked`]; without a check, nothing of the
    /// map before is copied (the update costs what it changes).
    fn apply(
        &self,
        id: &str,
        update: &[u8],
        origin: &str,
        check: Option<impl FnOnce(&UpdateCheck) -> std::result::Result<(), String>>,
    ) -> Result<()> {
        let applied = self.apply_now(id, update, origin, check);
        self.applied(applied.is_ok());
        applied
    }

    /// A replica's update went in (`ok`) or was refused: scores waiting to
    /// cover it go on.
    fn applied(&self, ok: bool) {
        if !ok {
            // Under the lock, as the waiters look at it: else a refusal
            // between their look and their wait would go unseen.
            let _held = self.lock();
            self.refused
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        self.applied.notify_all();
    }

    fn apply_now(
        &self,
        id: &str,
        update: &[u8],
        origin: &str,
        check: Option<impl FnOnce(&UpdateCheck) -> std::result::Result<(), String>>,
    ) -> Result<()> {
        let decoded = Update::decode_v1(update)
            .map_err(|e| ApiError::Invalid(format!("map {id}: malformed Yjs update: {e}")))?;
        stage_times::mark("library decode");
        let mut inner = self.lock();
        stage_times::mark("library lock wait");
        inner.write(id, origin, |open| {
            let was = open.apply(id, decoded, check)?;
            let change = Change {
                update: update.to_vec(),
                was,
                after: std::mem::take(&mut open.journey),
                compact: false,
            };
            Ok(((), Some(change)))
        })
    }

    /// The map's full document state (a Yjs update from an empty document).
    pub fn encode_state(&self, id: &str) -> Result<Vec<u8>> {
        let mut inner = self.lock();
        let state = full_state(&inner.load(id)?.doc);
        Ok(state)
    }

    /// What the map's document has that a replica at `state_vector` lacks.
    pub fn encode_diff(&self, id: &str, state_vector: &[u8]) -> Result<Vec<u8>> {
        let sv = StateVector::decode_v1(state_vector)
            .map_err(|e| ApiError::Invalid(format!("map {id}: malformed state vector: {e}")))?;
        let mut inner = self.lock();
        let diff = inner.load(id)?.doc.transact().encode_diff_v1(&sv);
        Ok(diff)
    }

    pub fn delete(&self, id: &str) -> Result<()> {
        let mut inner = self.lock();
        inner.store.delete_map(id)?;
        inner.maps.remove(id);
        Ok(())
    }

    /// Saves the map's current state as a named version, with its survey
    /// answers (read in the same transaction as the document).
    pub fn create_version(&self, id: &str, label: &str) -> Result<VersionInfo> {
        let label = label.trim();
        if label.is_empty() {
            return Err(ApiError::Invalid("a version label cannot be empty".into()));
        }
        let version_id = uuid::Uuid::new_v4().to_string();
        self.lock().in_write(id, |open, log| {
            Ok(log.create_version(id, &version_id, label, &full_state(&open.doc))?)
        })
    }

    pub fn versions(&self, id: &str) -> Result<Vec<VersionInfo>> {
        Ok(self.lock().store.list_versions(id)?)
    }

    /// The map as it was at a named version (by id or label).
    pub fn version_journey(&self, id: &str, version: &str) -> Result<Journey> {
        let (_, state) = self.lock().store.version_state(id, version)?;
        let doc = doc_from_updates([state], &format!("version {version:?} of map {id}"))?;
        Ok(read_journey(&doc).journey)
    }

    /// Brings the map back to a named version, with the survey answers it
    /// kept. The restore is a new edit on top of the history (collaborators
    /// receive it like any change), and the state before it (document and
    /// answers) is kept as a version labelled "Before restoring …", so
    /// nothing is lost; all of it is one transaction.
    pub fn restore(&self, id: &str, version: &str) -> Result<VersionInfo> {
        let mut inner = self.lock();
        let (row, state) = inner.store.version_state(id, version)?;
        let doc = doc_from_updates([state], &format!("version {version:?} of map {id}"))?;
        let target = read_journey(&doc).journey;
        let existing: Vec<String> = inner
            .store
            .list_versions(id)?
            .into_iter()
            .map(|v| v.label)
            .collect();
        let mut safety = format!("Before restoring {}", row.label);
        let mut n = 2;
        while existing.contains(&safety) {
            safety = format!("Before restoring {} ({n})", row.label);
            n += 1;
        }
        inner.restore_version(id, &row.id, &safety, target)
    }

    /// Where the map's derived tables differ from its document, one line per
    /// table; empty when they are its projection, as they must be.
    pub fn derived_differences(&self, id: &str) -> Result<Vec<String>> {
        let mut inner = self.lock();
        let journey = inner.load(id)?.journey.clone();
        Ok(inner.store.derived_differences(id, &journey)?)
    }

    /// `PRAGMA integrity_check` of the library file.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.lock().store.integrity_check()?)
    }
}

impl From<waymark_core::order::OrderError> for ApiError {
    fn from(e: waymark_core::order::OrderError) -> Self {
        ApiError::Invalid(e.to_string())
    }
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Library>();
    let _ = StoreError::MapNotFound(String::new());
}
