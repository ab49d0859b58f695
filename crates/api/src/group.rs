//! Group commit: replicas' updates that arrive while a transaction is being
//! written wait and go into the next one together, so a room of people
//! typing pays one `fsync` per batch, not one per keystroke. Each caller
//! still returns only once the transaction holding its update is durable,
//! so what a front acknowledges (relays, shows as saved) is on disk.
//!
//! The first caller to find no transaction under way writes the batch (its
//! own update and whatever queued meanwhile); the others wait for its word.
//! A batch that fails as a whole (one update refused, say) is written again
//! update by update, so each caller gets its own verdict.

use std::sync::{Arc, Condvar, Mutex};

use yrs::updates::decoder::Decode;
use yrs::Update;

use crate::{full_state, ApiError, Inner, Library, Result, UpdateCheck, COMPACT_AFTER};

/// A check that may run on another caller's thread, and twice (in a batch,
/// then alone when the batch failed).
pub type SendCheck = Box<dyn Fn(&UpdateCheck) -> std::result::Result<(), String> + Send>;

struct Pending {
    map: String,
    update: Vec<u8>,
    origin: String,
    check: Option<SendCheck>,
    done: Arc<Mutex<Option<Result<()>>>>,
}

#[derive(Default)]
struct State {
    queue: Vec<Pending>,
    writing: bool,
}

/// The updates waiting for the next transaction.
#[derive(Default)]
pub(crate) struct Group {
    state: Mutex<State>,
    written: Condvar,
}

impl Library {
    /// [`Library::apply_update_checked`] with group commit: returns once the
    /// update is durable (or refused), having shared its transaction with
    /// the updates other threads handed in meanwhile.
    pub fn apply_update_grouped(
        &self,
        id: &str,
        update: Vec<u8>,
        origin: &str,
        check: Option<SendCheck>,
    ) -> Result<()> {
        let done = Arc::new(Mutex::new(None));
        let mut state = self.group.state.lock().unwrap_or_else(|p| p.into_inner());
        state.queue.push(Pending {
            map: id.to_string(),
            update,
            origin: origin.to_string(),
            check,
            done: done.clone(),
        });
        loop {
            if let Some(result) = done.lock().unwrap_or_else(|p| p.into_inner()).take() {
                return result;
            }
            if state.writing {
                state = self
                    .group
                    .written
                    .wait(state)
                    .unwrap_or_else(|p| p.into_inner());
                continue;
            }
            state.writing = true;
            let batch = std::mem::take(&mut state.queue);
            drop(state);
            let dones: Vec<_> = batch.iter().map(|p| p.done.clone()).collect();
            crate::stage_times::mark("group queue");
            let wrote =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.write_batch(batch)));
            if wrote.is_err() {
                // Nobody may wait for a word that will not come.
                for done in dones {
                    let mut d = done.lock().unwrap_or_else(|p| p.into_inner());
                    if d.is_none() {
                        *d = Some(Err(ApiError::Invalid(format!(
                            "map {id}: the update could not be written (internal error)"
                        ))));
                    }
                }
            }
            state = self.group.state.lock().unwrap_or_else(|p| p.into_inner());
            state.writing = false;
            self.group.written.notify_all();
        }
    }

    /// Writes a batch, map by map, and hands each caller its result.
    fn write_batch(&self, mut batch: Vec<Pending>) {
        while let Some(first) = batch.first() {
            let map = first.map.clone();
            let (same, rest): (Vec<_>, Vec<_>) = batch.into_iter().partition(|p| p.map == map);
            batch = rest;
            let dones: Vec<_> = same.iter().map(|p| p.done.clone()).collect();
            let results = self.write_map_batch(&map, same);
            for (done, result) in dones.into_iter().zip(results) {
                *done.lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
            }
        }
    }

    /// One transaction for all of `items` (updates to `map`); when it
    /// fails, one per update, so each gets its own verdict.
    fn write_map_batch(&self, map: &str, items: Vec<Pending>) -> Vec<Result<()>> {
        let alone = |p: &Pending| self.apply(map, &p.update, &p.origin, p.check.as_ref());
        if items.len() > 1 && self.lock().write_updates(map, &items).is_ok() {
            self.applied(true);
            return items.iter().map(|_| Ok(())).collect();
        }
        items.iter().map(alone).collect()
    }
}

impl Inner {
    /// [`Inner::write`] for several updates: one IMMEDIATE transaction
    /// appends each (with its derived rows) and commits once. On any error
    /// nothing is stored and the map is dropped from memory.
    fn write_updates(&mut self, id: &str, updates: &[Pending]) -> Result<()> {
        let seq = self.in_write(id, |open, log| {
            let mut seq = open.seen;
            for p in updates {
                let decoded = Update::decode_v1(&p.update).map_err(|e| {
                    ApiError::Invalid(format!("map {id}: malformed Yjs update: {e}"))
                })?;
                let was = open.apply(id, decoded, p.check.as_ref())?;
                seq = log.append_update(id, &p.update, &p.origin, was.before(), &open.journey)?;
            }
            if log.pending_updates(id)? > COMPACT_AFTER {
                log.compact(id, &full_state(&open.doc), seq)?;
            }
            Ok(seq)
        })?;
        self.maps
            .get_mut(id)
            .expect("a written map stays open")
            .seen = seq;
        for p in updates {
            crate::link::notify_all(&self.observers, id, &p.update, &p.origin);
        }
        Ok(())
    }
}
