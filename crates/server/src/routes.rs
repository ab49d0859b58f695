//! The routes that move raw bytes (a map's Yjs state and updates) and the
//! stored team-sync link. The JSON commands are `rpc_routes.rs`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};

use serde::{Deserialize, Serialize};
use waymark_api::Code;
use waymark_core::validate::Problem;

use crate::permit::{check_update, Actor};
use crate::reply::{blocking, error};
use crate::who::Who;
use crate::AppState;

pub(crate) fn api() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/maps/{id}/state", get(open_map))
        .route("/api/maps/{id}/update", post(apply_update))
        .route("/api/maps/{id}/link", get(map_link))
        .fallback(|uri: axum::http::Uri| async move {
            if uri.path().starts_with("/api/") {
                error(Code::NotFound, "no such route")
            } else {
                StatusCode::NOT_FOUND.into_response()
            }
        })
}

/// Longest path segment (file names are at most 255 bytes on every file
/// system the UI may be served from).
const SEGMENT_BYTES: usize = 255;

/// A path with a segment longer than any file name names nothing: 404,
/// before the file system is asked (it answers "name too long", a 500).
pub(crate) async fn no_long_names(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if req.uri().path().split('/').any(|s| s.len() > SEGMENT_BYTES) {
        return if req.uri().path().starts_with("/api/") {
            error(Code::NotFound, "no such route")
        } else {
            StatusCode::NOT_FOUND.into_response()
        };
    }
    next.run(req).await
}

fn json<T: serde::Serialize>(r: Result<T, Response>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}

async fn open_map(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match blocking(&s, move |lib| lib.encode_state(&id)).await {
        Ok(state) => ([(header::CONTENT_TYPE, "application/octet-stream")], state).into_response(),
        Err(e) => e,
    }
}

/// The answer of `POST /api/maps/{id}/update` when the update left values
/// the map cannot hold (200; a clean update answers 204 with no body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct UpdateRepaired {
    /// Each value read mended, naming the entity and field.
    pub repaired: Vec<Problem>,
}

/// The body is the raw Yjs update; answers 204 once it is durable, and
/// forwards it to the map's WebSocket room. An update that leaves a value
/// the map cannot hold (an empty title, `emotion: 99`) is merged all the
/// same (its sender's replica keeps it; refusing would part the two for
/// good) and read mended: the answer is then 200 with `repaired`, each
/// naming the entity and field (see `waymark_core::repair`).
async fn apply_update(
    State(s): State<Arc<AppState>>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let update = body.to_vec();
    let map = id.clone();
    let copy = update.clone();
    // A participant's update is checked against their role, as over the WebSocket.
    let actor = match who {
        Who::Host => None,
        _ => match s.workshop.actor(&who) {
            Some(a) => Some(a),
            None => return error(Code::Ended, "the workshop has ended"),
        },
    };
    let applied = blocking(&s, move |lib| match &actor {
        None => lib.apply_update_reported(&map, &copy, "http", |_| Ok(())),
        Some((name, role, locked)) => {
            let actor = Actor {
                name,
                role: *role,
                locked: *locked,
            };
            lib.apply_update_reported(&map, &copy, "http", |c| check_update(&actor, c))
        }
    });
    match applied.await {
        Ok(repaired) => {
            s.rooms.broadcast_update(&id, &update);
            if repaired.is_empty() {
                StatusCode::NO_CONTENT.into_response()
            } else {
                // Merged as sent; every reader sees these values mended.
                Json(UpdateRepaired { repaired }).into_response()
            }
        }
        Err(e) => e,
    }
}

/// The map's team-sync link as the library recorded it (`null` when not
/// linked); the token is never included. Browsers do not link or sync.
async fn map_link(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    json(
        blocking(&s, move |lib| {
            lib.map_summary(&id)?;
            waymark_api::LinkView::stored(lib, &id)
        })
        .await,
    )
}
