//! Routes for entities a concurrent edit left without a home (the editor's
//! tray), mirroring `src-tauri/src/homeless_cmds.rs`: the list, and putting
//! one back (the library's observer relays the change to the map's room, as
//! for every edit not made by a room).
//! Facilitator only (the guard keeps participants to state and updates).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::reply::blocking;
use crate::AppState;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/maps/{id}/homeless", get(homeless))
        .route("/api/maps/{id}/rehome", post(rehome))
}

async fn homeless(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match blocking(&s, move |lib| lib.homeless(&id)).await {
        Ok(h) => Json(h).into_response(),
        Err(e) => e,
    }
}

#[derive(Deserialize)]
struct Rehome {
    entity: String,
    stage: String,
    #[serde(default)]
    lane: Option<String>,
}

/// Answers with the map's homeless list after the change.
async fn rehome(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(body): Json<Rehome>,
) -> Response {
    let done = blocking(&s, move |lib| {
        lib.rehome(&id, &body.entity, &body.stage, body.lane.as_deref())?;
        lib.homeless(&id)
    })
    .await;
    match done {
        Ok(left) => Json(left).into_response(),
        Err(e) => e,
    }
}
