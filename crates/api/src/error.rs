//! The API's one error type and the one list of error codes every front
//! sends: the desktop shell, the server (which maps codes to HTTP statuses
//! in one place) and the UI (generated into TypeScript).

use serde::{Deserialize, Serialize};
use waymark_core::formats::ImportError;
use waymark_store::StoreError;

/// Every error the API returns. `code()` is stable and machine-readable so
/// fronts branch on it, never on the message; the message is for people and
/// names the place and the problem.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Import(#[from] ImportError),
    #[error("{0}")]
    Conflict(String),
    /// The caller may not make this change (a workshop participant's role).
    #[error("{0}")]
    Forbidden(String),
    /// Input with several problems, each naming its place (line, column).
    #[error("{summary}\n{}", details.join("\n"))]
    Rejected {
        summary: String,
        details: Vec<String>,
    },
    #[error("{0}")]
    Store(StoreError),
    /// Any other condition with its code: a file the person chose could not
    /// be read or written (`io`), a front that does not offer the command
    /// (`unsupported`), a library that did not open (`library_open`), a
    /// workshop that is full or ended.
    #[error("{message}")]
    Coded { code: Code, message: String },
}

/// What went wrong, for fronts to branch on (never on the message).
/// Serialized in snake_case; the server's HTTP status for each is in
/// `waymark_server`'s `status_for`, the only place codes meet HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    NotFound,
    Invalid,
    ImportFailed,
    Conflict,
    Forbidden,
    NotALibrary,
    NewerLibrary,
    CorruptLibrary,
    ReadOnly,
    DiskFull,
    Locked,
    PermissionDenied,
    Storage,
    /// The desktop app could not open its library file.
    LibraryOpen,
    /// A file the person chose could not be read or written.
    Io,
    /// This front does not offer the command (a browser writing files).
    Unsupported,
    /// A workshop has no room for another participant.
    Full,
    /// Too many requests, joins or connections from one place.
    TooMany,
    /// The workshop has ended.
    Ended,
    /// The server failed in a way that is not the request's fault.
    Internal,
    /// The access token is missing or wrong (set by the browser's transport).
    Unauthorized,
    /// The server could not be reached (set by the browser's transport).
    Unreachable,
}

/// An error as it travels to the UI: `{code, message}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "ApiErrorPayload")]
pub struct ErrorPayload {
    pub code: Code,
    pub message: String,
}

impl ApiError {
    /// An error with `code` and a message for people.
    pub fn coded(code: Code, message: impl Into<String>) -> Self {
        ApiError::Coded {
            code,
            message: message.into(),
        }
    }

    /// A file the person chose could not be `what` (read, written, opened).
    pub fn io(what: &str, path: &std::path::Path, err: impl std::fmt::Display) -> Self {
        Self::coded(
            Code::Io,
            format!("Could not {what} {}: {err}", path.display()),
        )
    }

    pub fn code(&self) -> Code {
        match self {
            ApiError::NotFound(_) => Code::NotFound,
            ApiError::Invalid(_) => Code::Invalid,
            ApiError::Import(_) | ApiError::Rejected { .. } => Code::ImportFailed,
            ApiError::Conflict(_) => Code::Conflict,
            ApiError::Forbidden(_) => Code::Forbidden,
            ApiError::Coded { code, .. } => *code,
            ApiError::Store(e) => match e {
                StoreError::NotALibrary { .. } => Code::NotALibrary,
                StoreError::NewerLibrary { .. } => Code::NewerLibrary,
                StoreError::Corrupt { .. } => Code::CorruptLibrary,
                StoreError::MapNotFound(_)
                | StoreError::VersionNotFound { .. }
                | StoreError::WaveNotFound { .. } => Code::NotFound,
                StoreError::VersionExists { .. } | StoreError::WaveExists { .. } => Code::Conflict,
                StoreError::ReadOnly { .. } => Code::ReadOnly,
                StoreError::DiskFull { .. } => Code::DiskFull,
                StoreError::Busy { .. } => Code::Locked,
                StoreError::PermissionDenied { .. } => Code::PermissionDenied,
                StoreError::Open { .. } | StoreError::Sql(_) => Code::Storage,
            },
        }
    }

    /// The `{code, message}` the fronts send.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::MapNotFound(_)
            | StoreError::VersionNotFound { .. }
            | StoreError::WaveNotFound { .. } => ApiError::NotFound(e.to_string()),
            StoreError::VersionExists { .. } | StoreError::WaveExists { .. } => {
                ApiError::Conflict(e.to_string())
            }
            other => ApiError::Store(other),
        }
    }
}

impl serde::Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(s)
    }
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl Code {
    /// Every code, for tests and generated lists.
    pub const ALL: [Code; 22] = [
        Code::NotFound,
        Code::Invalid,
        Code::ImportFailed,
        Code::Conflict,
        Code::Forbidden,
        Code::NotALibrary,
        Code::NewerLibrary,
        Code::CorruptLibrary,
        Code::ReadOnly,
        Code::DiskFull,
        Code::Locked,
        Code::PermissionDenied,
        Code::Storage,
        Code::LibraryOpen,
        Code::Io,
        Code::Unsupported,
        Code::Full,
        Code::TooMany,
        Code::Ended,
        Code::Internal,
        Code::Unauthorized,
        Code::Unreachable,
    ];

    /// The code as it is serialized (`"not_found"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NotFound => "not_found",
            Code::Invalid => "invalid",
            Code::ImportFailed => "import_failed",
            Code::Conflict => "conflict",
            Code::Forbidden => "forbidden",
            Code::NotALibrary => "not_a_library",
            Code::NewerLibrary => "newer_library",
            Code::CorruptLibrary => "corrupt_library",
            Code::ReadOnly => "read_only",
            Code::DiskFull => "disk_full",
            Code::Locked => "locked",
            Code::PermissionDenied => "permission_denied",
            Code::Storage => "storage",
            Code::LibraryOpen => "library_open",
            Code::Io => "io",
            Code::Unsupported => "unsupported",
            Code::Full => "full",
            Code::TooMany => "too_many",
            Code::Ended => "ended",
            Code::Internal => "internal",
            Code::Unauthorized => "unauthorized",
            Code::Unreachable => "unreachable",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and logs compare codes with their serialized names.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn code_names_are_their_serialized_form() {
        for code in Code::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
