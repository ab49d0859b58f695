//! The JSON/binary routes: the UI's `Backend` interface over HTTP, mirroring
//! the desktop shell's Tauri commands.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;

use crate::permit::{check_update, Actor};
use crate::reply::{blocking, error};
use crate::who::Who;
use crate::AppState;

pub(crate) fn api() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/templates", get(list_templates))
        .route("/api/maps", get(list_maps).post(create_map))
        .route("/api/maps/{id}/state", get(open_map))
        .route("/api/maps/{id}/update", post(apply_update))
        .route(
            "/api/maps/{id}/versions",
            get(list_versions).post(create_version),
        )
        .route("/api/maps/{id}/restore", post(restore_version))
        .route("/api/maps/{id}/score", get(score_map))
        .route("/api/maps/{id}/link", get(map_link))
        .route(
            "/api/maps/{id}/touchpoints/{touchpoint}/explain",
            get(explain_touchpoint),
        )
        .fallback(|uri: axum::http::Uri| async move {
            if uri.path().starts_with("/api/") {
                error(StatusCode::NOT_FOUND, "not_found", "no such route")
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
            error(StatusCode::NOT_FOUND, "not_found", "no such route")
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

async fn list_templates() -> Response {
    Json(waymark_api::list_templates()).into_response()
}

async fn list_maps(State(s): State<Arc<AppState>>, Extension(who): Extension<Who>) -> Response {
    let state = s.clone();
    json(
        blocking(&s, move |lib| {
            let mut maps = lib.list_maps()?;
            // A participant sees the workshop's maps only.
            if who != Who::Host {
                maps.retain(|m| state.workshop.map_allowed(&m.id));
            }
            Ok(maps)
        })
        .await,
    )
}

#[derive(Deserialize)]
struct CreateMap {
    template: Option<String>,
    title: Option<String>,
}

async fn create_map(State(s): State<Arc<AppState>>, Json(body): Json<CreateMap>) -> Response {
    json(
        blocking(&s, move |lib| {
            // An empty title means "no title": the map is named after its template.
            let title = body
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty());
            lib.create_map(body.template.as_deref(), title)
        })
        .await,
    )
}

async fn open_map(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match blocking(&s, move |lib| lib.encode_state(&id)).await {
        Ok(state) => ([(header::CONTENT_TYPE, "application/octet-stream")], state).into_response(),
        Err(e) => e,
    }
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
            None => return error(StatusCode::GONE, "ended", "the workshop has ended"),
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
                Json(serde_json::json!({ "repaired": repaired })).into_response()
            }
        }
        Err(e) => e,
    }
}

async fn list_versions(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    json(blocking(&s, move |lib| lib.versions(&id)).await)
}

#[derive(Deserialize)]
struct CreateVersion {
    label: String,
}

async fn create_version(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(body): Json<CreateVersion>,
) -> Response {
    json(blocking(&s, move |lib| lib.create_version(&id, &body.label)).await)
}

#[derive(Deserialize)]
struct Restore {
    version: String,
}

async fn restore_version(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(body): Json<Restore>,
) -> Response {
    let map = id.clone();
    let restored = blocking(&s, move |lib| {
        let kept = lib.restore(&map, &body.version)?;
        Ok((kept, lib.encode_state(&map)?))
    })
    .await;
    // The room's replicas get the whole state: Yjs skips what they already
    // have, so they end up at the restored map.
    json(restored.map(|(kept, state)| {
        s.rooms.broadcast_update(&id, &state);
        kept
    }))
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

#[derive(Deserialize)]
struct ScoreQuery {
    #[serde(default)]
    brief: bool,
}

/// The map's scorecard, as `waymark score --json` prints it; `?brief=true`
/// leaves out each touchpoint's factors and effort cues.
async fn score_map(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<ScoreQuery>,
) -> Response {
    json(
        blocking(&s, move |lib| {
            if q.brief {
                lib.score_brief(&id)
            } else {
                lib.score(&id)
            }
        })
        .await,
    )
}

/// One touchpoint's score with its factors and survey answers.
async fn explain_touchpoint(
    State(s): State<Arc<AppState>>,
    Path((id, touchpoint)): Path<(String, String)>,
) -> Response {
    json(blocking(&s, move |lib| lib.explain(&id, &touchpoint)).await)
}
