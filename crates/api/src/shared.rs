//! Many processes, one library: how an open map stays the truth when other
//! processes (the app, `waymark serve`, `waymark sync`, CLI commands) write
//! the same file.
//!
//! Each open map remembers the highest log sequence it applied. Reads catch
//! up when SQLite reports the file changed (`PRAGMA data_version`); every
//! write catches up inside its own IMMEDIATE transaction first, so the
//! derived tables' diff starts from the true state and compaction folds only
//! rows this process applied. Live fronts call [`Library::watch_other_processes`]
//! so edits made elsewhere reach their observers within a second.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use waymark_core::doc::read_journey;
use waymark_core::doc_text::migrate_text;
use waymark_core::incremental::{reproject, Touched, Tracker};
use waymark_core::Journey;
use waymark_store::{Before, LogWrite, StoredDoc};
use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact, Update};

use crate::link::notify_all;
use crate::{
    doc_from_updates, full_state, stage_times, ApiError, Inner, Library, OpenMap, Result,
    COMPACT_AFTER,
};

/// The origin observers see on updates another process wrote to the library.
pub const OTHER_PROCESS: &str = "other-process";

/// How often [`Library::watch_other_processes`] looks for other processes'
/// writes (one `PRAGMA data_version` when nothing changed).
pub const REFRESH_EVERY: Duration = Duration::from_millis(300);

/// What a write did to an open map: `update` is already applied to its
/// document, which now projects to `after`.
pub(crate) struct Change {
    pub update: Vec<u8>,
    pub was: Was,
    pub after: Arc<Journey>,
    /// Fold the log into a snapshot now (the change deleted much: raw
    /// answers moved out of the document).
    pub compact: bool,
}

/// What the map projected to before a change.
pub(crate) enum Was {
    Whole(Journey),
    /// Only `touched` changed; `was` holds at least those entities as they
    /// were (see [`waymark_core::incremental::reproject`]).
    Touched {
        was: Journey,
        touched: Touched,
    },
}

impl Was {
    /// Nothing the projection shows changed.
    pub fn nothing() -> Was {
        Was::Touched {
            was: Journey::default(),
            touched: Touched::default(),
        }
    }

    pub fn before(&self) -> Before<'_> {
        match self {
            Was::Whole(j) => Before::Whole(j),
            Was::Touched { was, touched } => Before::Touched { was, touched },
        }
    }
}

type Observers = [(u64, crate::UpdateObserver)];

/// Applies what was stored after the map's last applied row, tells the
/// observers what it added (one update), and re-projects.
fn catch_up(open: &mut OpenMap, id: &str, tail: StoredDoc, observers: &Observers) -> Result<()> {
    if tail.snapshot.is_none() && tail.updates.is_empty() {
        return Ok(());
    }
    let before = open.doc.transact().state_vector();
    {
        let mut txn = open.doc.transact_mut();
        for bytes in tail.snapshot.iter().chain(&tail.updates) {
            let update = Update::decode_v1(bytes).map_err(|e| {
                ApiError::Invalid(format!("map {id}: a stored update is unreadable: {e}"))
            })?;
            txn.apply_update(update).map_err(|e| {
                ApiError::Invalid(format!("map {id}: a stored update does not apply: {e}"))
            })?;
        }
    }
    open.seen = tail.last_seq;
    open.reproject();
    let added = open.doc.transact().encode_diff_v1(&before);
    notify_all(observers, id, &added, OTHER_PROCESS);
    Ok(())
}

/// Maps dropped from memory (a refused update, a failed write), with what
/// their document held: when one is read again, the observers get what
/// other processes added meanwhile, as if it had stayed open.
pub(crate) type Forgotten = HashMap<String, StateVector>;

/// Drops a map from memory; it is reloaded from the file on next use.
pub(crate) fn forget(maps: &mut HashMap<String, OpenMap>, forgotten: &mut Forgotten, id: &str) {
    if let Some(open) = maps.remove(id) {
        forgotten.insert(id.to_string(), open.doc.transact().state_vector());
    }
}

/// The open maps of a library and what they need to stay up to date.
pub(crate) struct Maps<'a> {
    pub maps: &'a mut HashMap<String, OpenMap>,
    pub forgotten: &'a mut Forgotten,
    pub observers: &'a Observers,
}

impl<'a> Maps<'a> {
    /// The map in memory, brought up to what `read` (given the last applied
    /// sequence) finds stored, and whether it was just read from the file.
    /// A map that cannot be brought up to date is forgotten.
    pub fn up_to_date(
        self,
        id: &str,
        read: impl FnOnce(i64) -> waymark_store::Result<StoredDoc>,
    ) -> Result<(&'a mut OpenMap, bool)> {
        let Maps {
            maps,
            forgotten,
            observers,
        } = self;
        let seen = maps.get(id).map_or(i64::MIN, |m| m.seen);
        let tail = match read(seen) {
            Ok(tail) => tail,
            Err(e) => {
                forget(maps, forgotten, id);
                return Err(e.into());
            }
        };
        if maps.contains_key(id) {
            let open = maps.get_mut(id).expect("checked above");
            if let Err(e) = catch_up(open, id, tail, observers) {
                forget(maps, forgotten, id);
                return Err(e);
            }
            return Ok((maps.get_mut(id).expect("still open"), false));
        }
        let seen = tail.last_seq;
        let doc = doc_from_updates(
            tail.snapshot.into_iter().chain(tail.updates),
            &format!("map {id}"),
        )?;
        if let Some(held) = forgotten.remove(id) {
            let added = doc.transact().encode_diff_v1(&held);
            notify_all(observers, id, &added, OTHER_PROCESS);
        }
        let open = maps
            .entry(id.to_string())
            .or_insert(OpenMap::new(doc, seen));
        Ok((open, true))
    }
}

/// Stores the conversion of a map written before text fields were Y.Text
/// ([`waymark_core::doc_text::migrate_text`], already applied to the
/// document) in `log`, before anything builds on it. The projection is the
/// same before and after. When nothing else was logged since the map was
/// read, the map has applied every row up to the conversion.
pub(crate) fn store_migration(
    log: &LogWrite,
    id: &str,
    open: &mut OpenMap,
    update: &[u8],
) -> Result<()> {
    open.tracker.take(); // the projection is the same
    let since = log.doc_since(id, open.seen)?;
    let seq = log.append_update(
        id,
        update,
        "migration",
        Was::nothing().before(),
        &open.journey,
    )?;
    if since.snapshot.is_none() && since.updates.is_empty() {
        open.seen = seq;
    }
    Ok(())
}

impl OpenMap {
    /// A map read from the file, holding every row up to `seen`.
    pub(crate) fn new(doc: yrs::Doc, seen: i64) -> OpenMap {
        let tracker = Tracker::attach(&doc);
        let p = read_journey(&doc);
        OpenMap {
            doc,
            journey: Arc::new(p.journey),
            problems: p.problems,
            seen,
            checked: None,
            tracker,
            scores: Default::default(),
        }
    }

    /// Brings `journey` and `problems` up to the document after the
    /// transactions since the last call: only the entities they touched
    /// when [`reproject`] can, the whole document otherwise (which may hide
    /// or show entities nobody touched). Returns what the map was.
    pub(crate) fn reproject(&mut self) -> Was {
        let touched = self.tracker.take();
        if self.problems.is_empty() {
            if let Some(was) = reproject(
                &self.doc.transact(),
                Arc::make_mut(&mut self.journey),
                &touched,
            ) {
                self.scores.forget(&touched);
                return Was::Touched { was, touched };
            }
        }
        self.scores.clear();
        let p = read_journey(&self.doc);
        self.problems = p.problems;
        Was::Whole(Arc::unwrap_or_clone(std::mem::replace(
            &mut self.journey,
            Arc::new(p.journey),
        )))
    }
}

impl Inner {
    /// The map for reading: from memory, caught up first when another
    /// process has committed to the file since it was last checked.
    pub(crate) fn load(&mut self, id: &str) -> Result<&mut OpenMap> {
        let raw = !self.load_stored(id)?.journey.responses.is_empty();
        if raw && !self.answers_stay.contains(id) && self.migrate_answers(id).is_err() {
            self.answers_stay.insert(id.to_string());
        }
        self.load_stored(id)
    }

    /// [`Inner::load`] without moving raw answers out of the document.
    fn load_stored(&mut self, id: &str) -> Result<&mut OpenMap> {
        let version = self.store.data_version()?;
        let Inner {
            store,
            maps,
            forgotten,
            observers,
            ..
        } = self;
        if maps.get(id).is_some_and(|m| m.checked == Some(version)) {
            return Ok(maps.get_mut(id).expect("checked above"));
        }
        let (open, fresh) = Maps {
            maps,
            forgotten,
            observers,
        }
        .up_to_date(id, |seen| store.doc_since(id, seen))?;
        open.checked = Some(version);
        if let Some(update) = fresh.then(|| migrate_text(&open.doc)).flatten() {
            let stored = store.begin_write().map_err(ApiError::from).and_then(|log| {
                store_migration(&log, id, open, &update)?;
                Ok(log.commit()?)
            });
            if stored.is_err() {
                // Not stored (a read-only library): read on without it; edits
                // then convert the fields they touch.
                let all = store.doc_since(id, i64::MIN)?;
                let doc = doc_from_updates(
                    all.snapshot.into_iter().chain(all.updates),
                    &format!("map {id}"),
                )?;
                *open = OpenMap::new(doc, all.last_seq);
                open.checked = Some(version);
            }
        }
        Ok(open)
    }

    /// One IMMEDIATE transaction on map `id`: the map catches up with every
    /// row other processes appended (storing first the text conversion it
    /// needs, see [`store_migration`]), `f` makes its change through `log`,
    /// and the transaction commits. On any error nothing is stored and the
    /// map is dropped from memory, so memory never runs ahead of the disk.
    /// The one place a map is written; [`Inner::write`]
    /// and the group commit build on it.
    pub(crate) fn in_write<T>(
        &mut self,
        id: &str,
        f: impl FnOnce(&mut OpenMap, &LogWrite) -> Result<T>,
    ) -> Result<T> {
        let Inner {
            store,
            maps,
            forgotten,
            observers,
            ..
        } = self;
        let written = (|| {
            let log = store.begin_write()?;
            stage_times::mark("begin transaction");
            let (open, fresh) = Maps {
                maps: &mut *maps,
                forgotten: &mut *forgotten,
                observers,
            }
            .up_to_date(id, |seen| log.doc_since(id, seen))?;
            if let Some(update) = fresh.then(|| migrate_text(&open.doc)).flatten() {
                store_migration(&log, id, open, &update)?;
            }
            stage_times::mark("catch up");
            let out = f(open, &log)?;
            // Also when `f` wrote nothing: a conversion stored above is one
            // the document in memory already holds.
            log.commit()?;
            stage_times::mark("commit (fsync)");
            Ok(out)
        })();
        if written.is_err() {
            forget(maps, forgotten, id);
        }
        written
    }

    /// One write to a map, durable before it returns ([`Inner::in_write`]):
    /// `f` makes its change on the map's true state (or refuses), the
    /// update is appended with the derived tables, and the log is compacted
    /// when it has grown (up to this update, all of which this process
    /// applied). The observers get the update once it is durable.
    pub(crate) fn write<T>(
        &mut self,
        id: &str,
        origin: &str,
        f: impl FnOnce(&mut OpenMap) -> Result<(T, Option<Change>)>,
    ) -> Result<T> {
        self.write_with_log(id, origin, |open, _| f(open))
    }

    /// [`Inner::write`] whose `f` also writes the library's tables (survey
    /// answers) in the same transaction: both land, or neither.
    pub(crate) fn write_with_log<T>(
        &mut self,
        id: &str,
        origin: &str,
        f: impl FnOnce(&mut OpenMap, &LogWrite) -> Result<(T, Option<Change>)>,
    ) -> Result<T> {
        let mut written = None;
        let out = self.in_write(id, |open, log| {
            let (out, change) = f(open, log)?;
            if let Some(change) = change {
                let seq = log.append_update(
                    id,
                    &change.update,
                    origin,
                    change.was.before(),
                    &change.after,
                )?;
                stage_times::mark("log + derived rows");
                if change.compact || log.pending_updates(id)? > COMPACT_AFTER {
                    log.compact(id, &full_state(&open.doc), seq)?;
                }
                stage_times::mark("compaction check");
                written = Some((seq, change));
            }
            Ok(out)
        })?;
        if let Some((seq, change)) = written {
            let open = self.maps.get_mut(id).expect("a written map stays open");
            open.seen = seq;
            open.journey = change.after;
            notify_all(&self.observers, id, &change.update, origin);
            stage_times::mark("observers");
        }
        Ok(out)
    }
}

impl Library {
    /// Brings every map open in this process up to what other processes
    /// wrote, handing their updates to the observers (origin
    /// [`OTHER_PROCESS`]). Returns whether anything in the file changed since
    /// the last call (a map added, renamed, trashed… elsewhere): then lists
    /// are stale. Cheap when nothing changed.
    pub fn refresh(&self) -> Result<bool> {
        let mut inner = self.lock();
        let version = inner.store.data_version()?;
        if inner.refreshed == Some(version) {
            return Ok(false);
        }
        inner.refreshed = Some(version);
        let ids: Vec<String> = inner
            .maps
            .keys()
            .chain(inner.forgotten.keys())
            .cloned()
            .collect();
        for id in ids {
            match inner.load(&id) {
                Ok(_) => {}
                Err(ApiError::NotFound(_)) => {
                    inner.forgotten.remove(&id);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(true)
    }

    /// Calls [`Library::refresh`] every [`REFRESH_EVERY`] on a thread of its
    /// own, and `on_change` when the file changed, until the returned
    /// [`Watcher`] is dropped (or the library is). For live fronts: the app,
    /// `waymark serve`, `waymark sync`.
    pub fn watch_other_processes(
        self: &Arc<Self>,
        on_change: impl Fn() + Send + 'static,
    ) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let weak: Weak<Library> = Arc::downgrade(self);
        let stopped = stop.clone();
        std::thread::Builder::new()
            .name("waymark-refresh".into())
            .spawn(move || {
                let mut last_error = String::new();
                while !stopped.load(Ordering::Relaxed) {
                    std::thread::sleep(REFRESH_EVERY);
                    let Some(lib) = weak.upgrade() else { break };
                    match lib.refresh() {
                        Ok(true) => on_change(),
                        Ok(false) => {}
                        // Said once, not every tick; the next tick tries again.
                        Err(e) if e.to_string() != last_error => {
                            last_error = e.to_string();
                            eprintln!("waymark: cannot read other processes' changes: {e}");
                        }
                        Err(_) => {}
                    }
                }
            })
            .expect("a thread starts");
        Watcher { stop }
    }
}

/// Keeps [`Library::watch_other_processes`] running; dropping it stops it.
pub struct Watcher {
    stop: Arc<AtomicBool>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
