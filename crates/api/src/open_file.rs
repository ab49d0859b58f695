//! Opening a map file the way desktop software does (a double-click,
//! `waymark-desktop FILE`): the first time, the file is imported through
//! [`Library::import_file`]; opening a file with the same bytes again gives
//! back the map that import made, unless that map was deleted since. The
//! bytes decide, not the path: a file saved again under another name (a
//! download's "(1)" copy) is the same map, and a file edited elsewhere is a
//! new one rather than silently replacing the map.

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{files, Library, Result};

/// The map a file opened as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenedFile {
    pub id: String,
    /// False when an earlier import of the same bytes was found.
    pub imported: bool,
}

impl Library {
    /// Opens the `.waymark` or Mermaid file at `path` as a map: the map an
    /// earlier open of the same bytes made, else a new import. An
    /// unreadable, too large or invalid file is refused with its name.
    pub fn open_file(&self, path: &Path) -> Result<OpenedFile> {
        let text = files::read_text(path, waymark_core::limits::MAP_FILE_BYTES)?;
        let hash = content_hash(text.as_bytes());
        drop(text);
        if let Some(id) = self.lock().store.map_for_file(&hash)? {
            return Ok(OpenedFile {
                id,
                imported: false,
            });
        }
        let id = self.import_file(path)?;
        let shown = path.display().to_string();
        self.lock().store.record_map_file(&id, &hash, &shown)?;
        // Opened from the desktop: nobody to ask, so both are kept. The map
        // is in the library either way; a failed rename leaves its title.
        let _ = self.keep_both(&id);
        Ok(OpenedFile { id, imported: true })
    }
}

fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
