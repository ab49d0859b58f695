//! Routes of the library home (the `Backend` calls next to the map list):
//! rename, duplicate, trash and untrash, recently opened, score strips and
//! import, mirroring `src-tauri/src/library_cmds.rs`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::reply::{blocking, file_body};
use crate::AppState;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/strips", get(strips))
        .route("/api/import", post(import).layer(file_body()))
        .route("/api/maps/{id}/rename", post(rename))
        .route("/api/maps/{id}/duplicate", post(duplicate))
        .route("/api/maps/{id}/trash", post(trash))
        .route("/api/maps/{id}/untrash", post(untrash))
        .route("/api/maps/{id}/opened", post(opened))
}

fn json<T: serde::Serialize>(r: Result<T, Response>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}

fn done(r: Result<(), Response>) -> Response {
    match r {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e,
    }
}

async fn strips(State(s): State<Arc<AppState>>) -> Response {
    json(blocking(&s, |lib| lib.strips()).await)
}

#[derive(Deserialize)]
struct Import {
    name: String,
    content: String,
}

async fn import(State(s): State<Arc<AppState>>, Json(body): Json<Import>) -> Response {
    json(blocking(&s, move |lib| lib.import(&body.name, &body.content, None)).await)
}

#[derive(Deserialize)]
struct Rename {
    title: String,
}

/// Renames the map and relays its state to the map's room, so open
/// replicas show the new title.
async fn rename(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(body): Json<Rename>,
) -> Response {
    let map = id.clone();
    let renamed = blocking(&s, move |lib| {
        let summary = lib.rename(&map, &body.title)?;
        Ok((summary, lib.encode_state(&map)?))
    })
    .await;
    json(renamed.map(|(summary, state)| {
        s.rooms.broadcast_update(&id, &state);
        summary
    }))
}

async fn duplicate(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    json(blocking(&s, move |lib| lib.duplicate(&id)).await)
}

async fn trash(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    done(blocking(&s, move |lib| lib.move_to_trash(&id)).await)
}

async fn untrash(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    done(blocking(&s, move |lib| lib.restore_from_trash(&id)).await)
}

async fn opened(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    done(blocking(&s, move |lib| lib.mark_opened(&id)).await)
}
