use serde::ser::SerializeStruct;
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
}

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "not_found",
            ApiError::Invalid(_) => "invalid",
            ApiError::Import(_) | ApiError::Rejected { .. } => "import_failed",
            ApiError::Conflict(_) => "conflict",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::Store(e) => match e {
                StoreError::NotALibrary { .. } => "not_a_library",
                StoreError::NewerLibrary { .. } => "newer_library",
                StoreError::Corrupt { .. } => "corrupt_library",
                StoreError::MapNotFound(_)
                | StoreError::VersionNotFound { .. }
                | StoreError::WaveNotFound { .. } => "not_found",
                StoreError::VersionExists { .. } | StoreError::WaveExists { .. } => "conflict",
                StoreError::ReadOnly { .. } => "read_only",
                StoreError::DiskFull { .. } => "disk_full",
                StoreError::Busy { .. } => "locked",
                StoreError::PermissionDenied { .. } => "permission_denied",
                StoreError::Open { .. } | StoreError::Sql(_) => "storage",
            },
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
        let mut st = s.serialize_struct("ApiError", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;
