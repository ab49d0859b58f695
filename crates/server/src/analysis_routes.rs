//! Routes of the analysis views: the survey import wizard (dry run, import),
//! the pain-point board, the report, future-state copies and comparisons, mirroring
//! `src-tauri/src/analysis_cmds.rs`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use waymark_api::compare::MapRef;
use waymark_api::deck::DeckRequest;
use waymark_api::report::ReportRequest;
use waymark_api::survey::ColumnMapping;

use crate::reply::{blocking, file_body};
use crate::AppState;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/api/maps/{id}/responses/preview",
            post(preview_responses).layer(file_body()),
        )
        .route(
            "/api/maps/{id}/responses",
            post(import_responses).layer(file_body()),
        )
        .route("/api/maps/{id}/board", get(board))
        .route("/api/maps/{id}/report", post(report))
        .route("/api/maps/{id}/deck", post(deck))
        .route("/api/maps/{id}/future", post(future_state))
        .route("/api/maps/{id}/origins", get(origins))
        .route("/api/compare", post(compare))
        .route("/api/csv", post(csv_table))
}

/// The map's pain-point board, ranked (`waymark board --json`).
async fn board(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    json(blocking(&s, move |lib| lib.board(&id)).await)
}

/// A table the UI made (the pain-point board, as filtered).
#[derive(Deserialize)]
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The table as CSV through the one CSV writer (formula-like cells
/// neutralised), for the browser to download.
async fn csv_table(Json(t): Json<Table>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        waymark_api::csv_table(&t.header, &t.rows),
    )
        .into_response()
}

fn json<T: serde::Serialize>(r: Result<T, Response>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(e) => e,
    }
}

/// A survey CSV as the wizard sends it.
#[derive(Deserialize)]
struct SurveyFile {
    name: String,
    text: String,
    #[serde(default)]
    mapping: Option<ColumnMapping>,
}

async fn preview_responses(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(f): Json<SurveyFile>,
) -> Response {
    json(
        blocking(&s, move |lib| {
            lib.preview_responses(&id, &f.name, &f.text, f.mapping.as_ref())
        })
        .await,
    )
}

async fn import_responses(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(f): Json<SurveyFile>,
) -> Response {
    let map = id.clone();
    let done = blocking(&s, move |lib| {
        let stats = lib.import_responses_mapped(&map, &f.name, &f.text, f.mapping.as_ref())?;
        Ok((stats, lib.encode_state(&map)?))
    })
    .await;
    // The answers are an edit of the map: the room's replicas receive it.
    json(done.map(|(stats, state)| {
        s.rooms.broadcast_update(&id, &state);
        serde_json::json!({ "added": stats.added, "replaced": stats.replaced })
    }))
}

/// The PDF itself; its page count in `X-Waymark-Pages` and warnings (one
/// per line, JSON-encoded) in `X-Waymark-Warnings`.
async fn report(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(req): Json<ReportRequest>,
) -> Response {
    match blocking(&s, move |lib| lib.report_pdf(&id, &req.options()?)).await {
        Ok(r) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::HeaderName::from_static("x-waymark-pages"),
                    r.pages.to_string(),
                ),
                (
                    header::HeaderName::from_static("x-waymark-warnings"),
                    ascii_json(&r.warnings),
                ),
            ],
            r.pdf,
        )
            .into_response(),
        Err(e) => e,
    }
}

/// The .pptx itself; its slide count in `X-Waymark-Slides` and warnings
/// (JSON-encoded) in `X-Waymark-Warnings`.
async fn deck(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(req): Json<DeckRequest>,
) -> Response {
    match blocking(&s, move |lib| lib.deck_pptx(&id, &req.options()?)).await {
        Ok(d) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                        .to_string(),
                ),
                (
                    header::HeaderName::from_static("x-waymark-slides"),
                    d.slides.to_string(),
                ),
                (
                    header::HeaderName::from_static("x-waymark-warnings"),
                    ascii_json(&d.warnings),
                ),
            ],
            d.pptx,
        )
            .into_response(),
        Err(e) => e,
    }
}

#[derive(Deserialize)]
struct Future {
    #[serde(default)]
    title: Option<String>,
}

async fn future_state(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    Json(body): Json<Future>,
) -> Response {
    json(
        blocking(&s, move |lib| {
            lib.create_future_state(&id, body.title.as_deref())
        })
        .await,
    )
}

async fn origins(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    json(blocking(&s, move |lib| lib.map_origins(&id)).await)
}

#[derive(Deserialize)]
struct Compare {
    before: MapRef,
    after: MapRef,
}

async fn compare(State(s): State<Arc<AppState>>, Json(body): Json<Compare>) -> Response {
    json(blocking(&s, move |lib| lib.compare(&body.before, &body.after)).await)
}

/// JSON with every non-ASCII character as a `\u` escape: header values are
/// ASCII, and the warnings name characters the font lacks.
fn ascii_json(v: &[String]) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() && !c.is_ascii_control() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn warnings_header_is_ascii_json_that_reads_back() {
        let w = vec!["no glyph for ☃ or 𝄞".to_string()];
        let h = super::ascii_json(&w);
        assert!(h.is_ascii(), "{h}");
        assert_eq!(serde_json::from_str::<Vec<String>>(&h).unwrap(), w);
    }
}
