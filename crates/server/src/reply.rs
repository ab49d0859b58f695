//! How every route answers: a library call run off the async workers, an
//! error in the `{code, message}` shape with the one mapping from API codes
//! to HTTP statuses, and the body limit of routes that take a file.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use waymark_api::{ApiError, Code, Library};

use crate::AppState;

/// The body limit of the routes that take a whole file.
pub(crate) fn file_body() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(crate::limits::FILE_BODY_BYTES)
}

/// An error response in the `{code, message}` shape of [`ApiError`], with
/// the status [`status_for`] its code.
pub(crate) fn error(code: Code, message: &str) -> Response {
    api_error(ApiError::coded(code, message))
}

pub(crate) fn api_error(e: ApiError) -> Response {
    (status_for(e.code()), Json(e)).into_response()
}

/// The HTTP status for an error [`Code`]: the one place codes meet HTTP.
/// Storage conditions the user can act on are not server faults: a
/// read-only library refuses writes (403), a full disk is 507, and a library
/// held by another program is worth retrying (503).
pub(crate) fn status_for(code: Code) -> StatusCode {
    match code {
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::Invalid | Code::ImportFailed => StatusCode::BAD_REQUEST,
        Code::Conflict => StatusCode::CONFLICT,
        Code::Forbidden | Code::ReadOnly | Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::DiskFull => StatusCode::INSUFFICIENT_STORAGE,
        Code::Locked => StatusCode::SERVICE_UNAVAILABLE,
        Code::Unsupported => StatusCode::NOT_IMPLEMENTED,
        Code::TooMany | Code::Full => StatusCode::TOO_MANY_REQUESTS,
        Code::Ended => StatusCode::GONE,
        Code::Unauthorized => StatusCode::UNAUTHORIZED,
        Code::NotALibrary
        | Code::NewerLibrary
        | Code::CorruptLibrary
        | Code::Storage
        | Code::LibraryOpen
        | Code::Io
        | Code::Internal
        | Code::Unreachable => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Runs a library call (SQLite, fsync) off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    s: &AppState,
    f: impl FnOnce(&Library) -> waymark_api::Result<T> + Send + 'static,
) -> Result<T, Response> {
    let lib = s.library.clone();
    match tokio::task::spawn_blocking(move || f(&lib)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(api_error(e)),
        Err(_) => Err(error(Code::Internal, "the request failed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_conditions_are_not_server_faults() {
        assert_eq!(status_for(Code::ReadOnly), StatusCode::FORBIDDEN);
        assert_eq!(status_for(Code::PermissionDenied), StatusCode::FORBIDDEN);
        assert_eq!(status_for(Code::DiskFull), StatusCode::INSUFFICIENT_STORAGE);
        assert_eq!(status_for(Code::Locked), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(status_for(Code::Storage), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(status_for(Code::NotFound), StatusCode::NOT_FOUND);
    }
}
