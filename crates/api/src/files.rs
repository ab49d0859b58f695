//! Files the person chose, shared by the fronts: reading an import (size
//! checked before reading, encoding checked with a line and column) and
//! writing an export.

use std::io::Read;
use std::path::{Path, PathBuf};

use waymark_core::formats::{decode_text, ImportError};
use waymark_core::limits::Limit;

use crate::ApiError;

/// Reads the text file at `path` for an import bounded by `limit`: the size
/// is checked before a byte is read and the read stops past the limit even
/// if the file grows meanwhile, so memory stays at most the limit. A byte
/// order mark is dropped; text that is not UTF-8 is refused with its line
/// and column.
pub fn read_text(path: &Path, limit: Limit) -> Result<String, ApiError> {
    let name = path.display().to_string();
    let unreadable = |why: String| ApiError::Invalid(format!("{name}: cannot read: {why}"));
    let too_large =
        |len: usize| ApiError::Import(ImportError::new(&name, None, None, limit.exceeded(len)));
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let meta = file.metadata().map_err(|e| unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable("not a file".into()));
    }
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    if len > limit.max {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len);
    file.take(limit.max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() > limit.max {
        return Err(too_large(bytes.len()));
    }
    Ok(decode_text(&name, bytes)?)
}

/// `path` as the person typed it, made absolute: a relative path starts in
/// the home folder. `None` for an empty path.
pub fn user_path(path: &str) -> Option<PathBuf> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return None;
    }
    Some(if path.is_absolute() {
        path
    } else {
        dirs::home_dir().unwrap_or_default().join(path)
    })
}

/// Writes `content` to `path` through a temporary file beside it and a
/// rename, so a failure never leaves a half-written file.
pub fn write_atomically(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&tmp, content)
        .and_then(|_| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_bounded_before_reading_and_name_bad_bytes_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let small = waymark_core::limits::Limit {
            max: 16,
            ..waymark_core::limits::MAP_FILE_BYTES
        };
        let path = dir.path().join("a.mmd");
        std::fs::write(&path, "\u{feff}journey\n").unwrap();
        assert_eq!(read_text(&path, small).unwrap(), "journey\n");
        std::fs::write(&path, "journey\n  title 0123456789\n").unwrap();
        let e = read_text(&path, small).unwrap_err();
        assert!(
            e.to_string()
                .contains("27 bytes, more than the limit of 16"),
            "{e}"
        );
        std::fs::write(&path, b"a\nb\xFFc").unwrap();
        let e = read_text(&path, small).unwrap_err();
        assert!(e.to_string().ends_with("a.mmd:2:2: not UTF-8 text (byte 0xFF cannot start or continue a character); save the file as UTF-8"), "{e}");
        assert!(read_text(dir.path(), small).is_err());
    }

    #[test]
    fn relative_paths_start_at_home_and_empty_is_none() {
        assert_eq!(user_path("  "), None);
        assert_eq!(user_path("/tmp/x.csv"), Some(PathBuf::from("/tmp/x.csv")));
        let home = dirs::home_dir().unwrap_or_default();
        assert_eq!(user_path("a/b.csv"), Some(home.join("a/b.csv")));
    }

    #[test]
    fn writes_whole_files_and_leaves_nothing_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        write_atomically(&out, b"a,b\n").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"a,b\n");
        let missing = dir.path().join("no/such/dir/out.csv");
        assert!(write_atomically(&missing, b"x").is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only out.csv: {left:?}");
    }
}
