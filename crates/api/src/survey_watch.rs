//! `waymark watch FOLDER --map ID`: each survey file that appears in a folder
//! is imported as a wave (labelled with the file's name, dated by its
//! answers or its modification day). What was imported is remembered in the
//! library by a hash of the file's bytes, so a restarted watch never imports
//! a file twice; a file is read only once its size and modification time
//! hold still between two looks, and re-checked after reading, so a file
//! still being written waits for the next look.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};
use waymark_score::SurveyColumns;

use crate::files::read_text;
use crate::waves::{WaveDate, WaveImport, WAVE_LABEL_CHARS};
use crate::{ApiError, Library, Result};

/// What a look at the folder did with one file.
#[derive(Debug)]
pub enum WatchEvent {
    /// About to import the file (its wave is in once `Imported` follows).
    Importing {
        file: PathBuf,
        wave: String,
    },
    Imported {
        file: PathBuf,
        import: WaveImport,
    },
    /// A file with the same bytes was imported before, as `wave`.
    AlreadyImported {
        file: PathBuf,
        wave: String,
    },
    /// The file changed between two looks: the next look tries again.
    StillWriting {
        file: PathBuf,
    },
    /// The file could not be imported; it is tried again once it changes.
    Failed {
        file: PathBuf,
        error: ApiError,
    },
}

/// Size and modification time: what "the file held still" compares.
type Look = (u64, SystemTime);

/// A watch of one folder for one map.
pub struct FolderWatch {
    dir: PathBuf,
    map: String,
    columns: SurveyColumns,
    /// What the previous look saw of each file.
    last: HashMap<PathBuf, Look>,
    /// Files dealt with (imported, known or failed) as they were then.
    done: HashMap<PathBuf, Look>,
}

/// Survey files: `.csv`, not hidden, not a download or editor's temporary.
fn is_survey_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.')
        && !name.starts_with('~')
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// The wave a file becomes: its name without `.csv`, within the label limit.
pub fn wave_label(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().trim().to_string())
        .unwrap_or_default();
    stem.chars().take(WAVE_LABEL_CHARS).collect()
}

fn day_of(t: SystemTime) -> String {
    let d = time::OffsetDateTime::from(t).date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn look(path: &Path) -> Option<Look> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

pub(crate) fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl FolderWatch {
    pub fn new(dir: &Path, map: &str, columns: SurveyColumns) -> Self {
        FolderWatch {
            dir: dir.to_path_buf(),
            map: map.to_string(),
            columns,
            last: HashMap::new(),
            done: HashMap::new(),
        }
    }

    /// One look at the folder: every survey file that held still since the
    /// previous look and was not dealt with is imported, oldest first.
    /// A file seen for the first time waits for the next look.
    pub fn scan(&mut self, lib: &Library, mut on: impl FnMut(WatchEvent)) -> Result<()> {
        let entries = std::fs::read_dir(&self.dir).map_err(|e| {
            ApiError::Invalid(format!(
                "{}: cannot read the folder: {e}",
                self.dir.display()
            ))
        })?;
        let mut files: Vec<(Look, PathBuf)> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && is_survey_file(p))
            .filter_map(|p| look(&p).map(|l| (l, p)))
            .collect();
        files.sort_by(|a, b| (a.0 .1, &a.1).cmp(&(b.0 .1, &b.1)));
        for (now, path) in files {
            if self.done.get(&path) == Some(&now) {
                continue;
            }
            let before = self.last.insert(path.clone(), now);
            match before {
                None => continue,
                Some(b) if b != now => {
                    on(WatchEvent::StillWriting { file: path });
                    continue;
                }
                Some(_) => {}
            }
            self.take(lib, &path, now, &mut on)?;
        }
        Ok(())
    }

    /// Imports one file that held still, unless its bytes were imported
    /// before. Only the library's own failures stop the watch.
    fn take(
        &mut self,
        lib: &Library,
        path: &Path,
        now: Look,
        on: &mut impl FnMut(WatchEvent),
    ) -> Result<()> {
        let file = path.to_path_buf();
        let text = match read_text(path, waymark_core::limits::SURVEY_FILE_BYTES) {
            Ok(t) => t,
            Err(error) => {
                self.done.insert(file.clone(), now);
                on(WatchEvent::Failed { file, error });
                return Ok(());
            }
        };
        if look(path) != Some(now) {
            self.last.insert(file.clone(), look(path).unwrap_or(now));
            on(WatchEvent::StillWriting { file });
            return Ok(());
        }
        let hash = content_hash(text.as_bytes());
        if let Some(w) = lib.lock().store.watched_file(&self.map, &hash)? {
            self.done.insert(file.clone(), now);
            on(WatchEvent::AlreadyImported { file, wave: w.wave });
            return Ok(());
        }
        let label = wave_label(path);
        on(WatchEvent::Importing {
            file: file.clone(),
            wave: label.clone(),
        });
        let day = day_of(now.1);
        let name = path.display().to_string();
        let date = WaveDate::FromAnswers { or: &day };
        match lib.import_wave_text(&self.map, &name, &text, &self.columns, Some(&label), date) {
            Ok(import) => {
                // Written after the wave: a watch stopped in between imports
                // the file again under the same label, which replaces it.
                lib.lock().store.record_watched_file(
                    &self.map,
                    &hash,
                    &name,
                    &import.wave.label,
                )?;
                self.done.insert(file.clone(), now);
                on(WatchEvent::Imported { file, import });
            }
            Err(e) if is_the_library(&e) => return Err(e),
            Err(error) => {
                self.done.insert(file.clone(), now);
                on(WatchEvent::Failed { file, error });
            }
        }
        Ok(())
    }
}

/// Failures of the library itself (full disk, locked, missing map) end the
/// watch; a bad file does not.
fn is_the_library(e: &ApiError) -> bool {
    matches!(e, ApiError::Store(_) | ApiError::NotFound(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_which_files_count() {
        assert_eq!(wave_label(Path::new("/in/2026 Q1.csv")), "2026 Q1");
        assert!(is_survey_file(Path::new("a/q2.CSV")));
        assert!(!is_survey_file(Path::new("a/.q2.csv")));
        assert!(!is_survey_file(Path::new("a/q2.csv.part")));
        assert!(!is_survey_file(Path::new("a/~q2.csv")));
        assert_eq!(
            day_of(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400 * 365)),
            "1971-01-01"
        );
    }
}
