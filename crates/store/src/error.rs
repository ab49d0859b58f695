//! Everything that can go wrong with a library file, each named in plain
//! words with the file it happened to.

use std::path::{Path, PathBuf};

/// What went wrong with the library file. Each variant's message names the
/// file and says what the user can do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a Waymark library ({reason}); it was left untouched")]
    NotALibrary { path: PathBuf, reason: String },
    #[error("{path}: written by a newer Waymark (library schema {found}, this Waymark knows up to {known}); update Waymark to open it. The file was left untouched")]
    NewerLibrary {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path}: the library file is damaged ({detail}); restore it from a backup or start a new library with --db")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: cannot open the library: {detail}")]
    Open { path: PathBuf, detail: String },
    /// The file or its folder cannot be written (permissions, a read-only
    /// disk or mount). The library is open for reading.
    #[error("{path} is read-only: Waymark can show it but not change it")]
    ReadOnly { path: PathBuf },
    #[error("{path}: the disk is full; this change was not saved. Free some space and try again")]
    DiskFull { path: PathBuf },
    #[error("{path} is locked by another program (for example an sqlite3 shell in the middle of a transaction); this change was not saved. Close that program or finish its transaction and try again")]
    Busy { path: PathBuf },
    #[error("{path}: permission denied; this user may not {action} it")]
    PermissionDenied { path: PathBuf, action: &'static str },
    #[error("no map with id {0}")]
    MapNotFound(String),
    #[error("map {map} has no version {version:?}")]
    VersionNotFound { map: String, version: String },
    #[error("map {map} already has a version labelled {label:?}")]
    VersionExists { map: String, label: String },
    #[error("map {map} has no survey wave {wave:?}")]
    WaveNotFound { map: String, wave: String },
    #[error("map {map} already has a survey wave labelled {wave:?}")]
    WaveExists { map: String, wave: String },
    #[error("library storage error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    /// Names the file and the cause of an SQLite error in plain words:
    /// damage, a read-only file, a full disk, another program's lock, missing
    /// permission. Anything else stays [`StoreError::Sql`].
    pub(crate) fn classify(e: rusqlite::Error, path: &Path) -> StoreError {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                StoreError::Corrupt {
                    path,
                    detail: e.to_string(),
                }
            }
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path }
            }
            Some(ErrorCode::PermissionDenied)
            | Some(ErrorCode::AuthorizationForStatementDenied) => StoreError::PermissionDenied {
                path,
                action: "write",
            },
            _ => StoreError::Sql(e),
        }
    }

    /// Names the file and the cause of an I/O error met while opening.
    pub(crate) fn from_io(e: std::io::Error, path: &Path, action: &'static str) -> StoreError {
        use std::io::ErrorKind;
        let path = path.to_path_buf();
        match e.kind() {
            ErrorKind::PermissionDenied => StoreError::PermissionDenied { path, action },
            ErrorKind::StorageFull => StoreError::DiskFull { path },
            _ => StoreError::Open {
                path,
                detail: format!("cannot {action} it: {e}"),
            },
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// `.in_file(path)?` on an SQLite result: the error classified with the
/// library's path, for the statements inside a write transaction.
pub(crate) trait InFile<T> {
    fn in_file(self, path: &Path) -> Result<T>;
}

impl<T> InFile<T> for rusqlite::Result<T> {
    fn in_file(self, path: &Path) -> Result<T> {
        self.map_err(|e| StoreError::classify(e, path))
    }
}
