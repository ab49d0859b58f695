//! As-is and to-be through the library: future-state copies of a map and
//! comparisons between any two states of maps (the current map or a named
//! version of it, on either side).

use serde::{Deserialize, Serialize};
pub use waymark_score::compare::{Comparison, Delta, StageDelta, Status, TouchpointDiff};
pub use waymark_store::MapOrigin;

use crate::{Library, Result};

/// The link kind of a future-state copy.
pub const FUTURE_STATE: &str = "future_state";

/// One side of a comparison: a map, as it is now or at a named version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MapRef {
    pub map: String,
    /// A version id or label; `None` for the map as it is now.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub version: Option<String>,
}

impl MapRef {
    pub fn current(map: &str) -> MapRef {
        MapRef {
            map: map.to_string(),
            version: None,
        }
    }
}

impl Library {
    fn journey_at(&self, r: &MapRef) -> Result<waymark_core::Journey> {
        match &r.version {
            Some(v) => self.version_journey(&r.map, v),
            None => self.journey(&r.map),
        }
    }

    /// What changed from `before` to `after`: added, removed and changed
    /// touchpoints, friction and emotion deltas per stage and for the
    /// journey, and "what improved" in sentences.
    pub fn compare(&self, before: &MapRef, after: &MapRef) -> Result<Comparison> {
        let b = self.journey_at(before)?;
        let a = self.journey_at(after)?;
        Ok(waymark_score::compare::compare(&b, &a))
    }

    /// Copies the map as its future state ("to-be"): a new map with the same
    /// stages, lanes, touchpoints and ids, linked to its source so the two can
    /// be compared. `title` defaults to the source's title + " (to-be)".
    /// Returns the new map's id.
    pub fn create_future_state(&self, id: &str, title: Option<&str>) -> Result<String> {
        let mut journey = self.journey(id)?;
        journey.title = match title.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => t.to_string(),
            None => format!("{} (to-be)", journey.title),
        };
        self.lock().insert_from(journey, Some((id, FUTURE_STATE)))
    }

    /// The maps linked to `id`: its source, and the copies made from it.
    pub fn map_origins(&self, id: &str) -> Result<Vec<MapOrigin>> {
        let inner = self.lock();
        inner.store.map_row(id)?;
        Ok(inner.store.map_origins(id)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_score::compare::Status;

    #[test]
    fn a_future_state_copy_is_linked_and_compares_by_touchpoint() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("library.db")).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let title = lib.journey(&id).unwrap().title;
        let copy = lib.create_future_state(&id, None).unwrap();
        assert_ne!(copy, id);
        assert_eq!(
            lib.journey(&copy).unwrap().title,
            format!("{title} (to-be)")
        );
        let links = lib.map_origins(&id).unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!(
            (
                &links[0].map_id,
                &links[0].source_id,
                links[0].kind.as_str()
            ),
            (&copy, &id, FUTURE_STATE)
        );
        assert_eq!(lib.map_origins(&copy).unwrap(), links);

        // Same ids: the untouched copy compares as unchanged.
        let c = lib
            .compare(&MapRef::current(&id), &MapRef::current(&copy))
            .unwrap();
        assert_eq!((c.added, c.removed, c.changed), (0, 0, 0));

        let gone = lib.edit(&copy, |j| {
            let t = j.touchpoints[0].id;
            j.delete_touchpoint(t);
            j.touchpoints[0].title = "Call answered at once".into();
            Ok(())
        });
        let after = gone.unwrap();
        let c = lib
            .compare(&MapRef::current(&id), &MapRef::current(&copy))
            .unwrap();
        assert_eq!((c.removed, c.changed), (1, 1));
        let changed = c
            .touchpoints
            .iter()
            .find(|t| t.status == Status::Changed)
            .unwrap();
        assert_eq!(changed.id, after.touchpoints[0].id);
        assert_eq!(c.after_title, format!("{title} (to-be)"));

        // Deleting the source keeps the copy; the link goes with the copy only.
        lib.delete(&id).unwrap();
        assert!(lib.journey(&copy).is_ok());
        assert_eq!(lib.map_origins(&copy).unwrap().len(), 1);
        assert_eq!(
            lib.compare(&MapRef::current(&id), &MapRef::current(&copy))
                .unwrap_err()
                .code(),
            "not_found"
        );
    }

    #[test]
    fn versions_compare_with_the_current_map() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("library.db")).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        lib.create_version(&id, "as-is").unwrap();
        lib.edit(&id, |j| {
            j.touchpoints[2].inputs.wait_minutes = Some(0.0);
            Ok(())
        })
        .unwrap();
        let c = lib
            .compare(
                &MapRef {
                    map: id.clone(),
                    version: Some("as-is".into()),
                },
                &MapRef::current(&id),
            )
            .unwrap();
        assert_eq!(c.changed, 1);
        let e = lib
            .compare(
                &MapRef {
                    map: id.clone(),
                    version: Some("nope".into()),
                },
                &MapRef::current(&id),
            )
            .unwrap_err();
        assert_eq!(e.code(), "not_found");
    }
}
