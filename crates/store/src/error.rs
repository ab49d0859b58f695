use std::path::PathBuf;

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
    #[error("no map with id {0}")]
    MapNotFound(String),
    #[error("map {map} has no version {version:?}")]
    VersionNotFound { map: String, version: String },
    #[error("map {map} already has a version labelled {label:?}")]
    VersionExists { map: String, label: String },
    #[error("library storage error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    /// Maps SQLite's corruption codes to [`StoreError::Corrupt`].
    pub(crate) fn classify(e: rusqlite::Error, path: &std::path::Path) -> StoreError {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                }
            }
            _ => StoreError::Sql(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
