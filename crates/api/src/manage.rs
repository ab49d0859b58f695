//! Managing maps in the library: rename, duplicate, the trash (a delete that
//! can be undone), the "recently opened" mark and the per-map score strips
//! the library list shows.

use serde::Serialize;

use crate::{ApiError, Library, MapSummary, Result};

/// How long a map stays in the trash before [`Library::purge_trash`] removes it.
pub const TRASH_KEEP: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

/// One stage of a map's strip: its friction (0–100) and emotion (−100..100),
/// `None` where there is no data.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct StripStage {
    pub name: String,
    pub friction: Option<f64>,
    pub emotion: Option<f64>,
}

/// A map's stages scored, for the small friction/emotion strip in lists.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MapStrip {
    pub id: String,
    pub stages: Vec<StripStage>,
}

fn clean_title(title: &str) -> Result<&str> {
    let t = title.trim();
    if t.is_empty() {
        return Err(ApiError::Invalid("a map title cannot be empty".into()));
    }
    Ok(t)
}

impl Library {
    /// Renames the map; returns its summary after the change.
    pub fn rename(&self, id: &str, title: &str) -> Result<MapSummary> {
        let title = clean_title(title)?.to_string();
        self.edit(id, |j| {
            j.title = title;
            Ok(())
        })?;
        self.map_summary(id)
    }

    /// Adds a copy of the map (everything in it, not its versions) titled
    /// "… (copy)"; returns the new map's id.
    pub fn duplicate(&self, id: &str) -> Result<String> {
        let mut journey = self.journey(id)?;
        journey.title = format!("{} (copy)", journey.title);
        // The survey waves go along, so the copy's statistics have their
        // answers.
        let waves = self.wave_files(id)?;
        self.insert_with_waves(journey, waves)
    }

    /// Moves the map to the trash: it leaves the list but keeps everything
    /// until [`Library::restore_from_trash`] or the purge.
    pub fn move_to_trash(&self, id: &str) -> Result<()> {
        let ts = waymark_store::now();
        Ok(self.lock().store.set_trashed(id, Some(&ts))?)
    }

    /// Takes the map back out of the trash (the undo of a delete).
    pub fn restore_from_trash(&self, id: &str) -> Result<()> {
        Ok(self.lock().store.set_trashed(id, None)?)
    }

    /// Whether the map is in the trash.
    pub fn is_trashed(&self, id: &str) -> Result<bool> {
        Ok(self.lock().store.is_trashed(id)?)
    }

    /// Deletes for good the maps trashed more than `older_than` ago.
    pub fn purge_trash(&self, older_than: std::time::Duration) -> Result<usize> {
        let mut inner = self.lock();
        let n = inner.store.purge_trash(older_than)?;
        if n > 0 {
            // The disk is the truth; documents are reloaded on demand.
            inner.maps.clear();
        }
        Ok(n)
    }

    /// Records that the map was opened, for the library's recent list.
    pub fn mark_opened(&self, id: &str) -> Result<()> {
        Ok(self.lock().store.mark_opened(id)?)
    }

    /// The `limit` maps opened most recently, latest first (File › Open Recent).
    pub fn recent_maps(&self, limit: usize) -> Result<Vec<MapSummary>> {
        Ok(self.lock().store.recent_maps(limit)?)
    }

    /// Every listed map's stages with their friction and emotion.
    pub fn strips(&self) -> Result<Vec<MapStrip>> {
        let maps = self.list_maps()?;
        maps.into_iter()
            .map(|m| {
                let card = self.score(&m.id)?;
                Ok(MapStrip {
                    id: m.id,
                    stages: card
                        .stages
                        .into_iter()
                        .map(|s| StripStage {
                            name: s.name,
                            friction: s.friction,
                            emotion: s.emotion,
                        })
                        .collect(),
                })
            })
            .collect()
    }
}

impl Library {
    /// Imports the `.waymark` or Mermaid file at `path` (the format from its
    /// name or content) and returns the new map's id. An unreadable, too
    /// large or invalid file is refused with its name and nothing is written.
    pub fn import_file(&self, path: &std::path::Path) -> Result<String> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        self.import_path(path, &name, None)
    }
}
