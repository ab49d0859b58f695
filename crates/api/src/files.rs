//! Writing files the person asked for (exports), shared by the fronts.

use std::path::{Path, PathBuf};

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
