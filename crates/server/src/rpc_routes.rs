//! `POST /api/rpc/{command}`: every command of the API's table
//! ([`waymark_api::rpc`]) over HTTP, the JSON request as the body and the
//! JSON answer back; errors are `{code, message}` with the status from
//! [`crate::routes::status_for`]. Edits reach the map's room through the
//! library's observer (see `relay_foreign_updates`), as from every front.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use waymark_api::rpc::{dispatch, Front};
use waymark_api::{ApiError, Code};

use crate::reply::{api_error, blocking, file_body};
use crate::who::Who;
use crate::AppState;

/// The commands a workshop participant may call (the guard lets them
/// reach these paths only); everything else stays with the facilitator.
pub(crate) const PARTICIPANT_COMMANDS: [&str; 2] = ["list_templates", "list_maps"];

pub(crate) fn routes() -> Router<Arc<AppState>> {
    // Imports and survey files arrive as requests: the file-sized limit.
    Router::new().route("/api/rpc/{command}", post(rpc).layer(file_body()))
}

async fn rpc(
    State(s): State<Arc<AppState>>,
    Extension(who): Extension<Who>,
    Path(command): Path<String>,
    body: Bytes,
) -> Response {
    let request = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return api_error(ApiError::Invalid(format!(
                    "the request for {command} is not JSON: {e}"
                )))
            }
        }
    };
    let host = who == Who::Host;
    if !host && !PARTICIPANT_COMMANDS.contains(&command.as_str()) {
        return api_error(ApiError::coded(
            Code::Forbidden,
            "only the facilitator can do this",
        ));
    }
    let state = s.clone();
    let answer = blocking(&s, move |lib| {
        let mut answer = dispatch(lib, Front::Browser, &command, request)?;
        // A participant sees the workshop's maps only.
        if command == "list_maps" && !host {
            if let serde_json::Value::Array(maps) = &mut answer {
                maps.retain(|m| {
                    m["id"]
                        .as_str()
                        .is_some_and(|id| state.workshop.map_allowed(id))
                });
            }
        }
        Ok(answer)
    })
    .await;
    match answer {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}
