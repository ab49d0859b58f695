//! The download routes: the PDF report and the PowerPoint deck themselves
//! for a browser to download (raw bytes, so they are not commands of the
//! table), their page or slide count and warnings in headers.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use waymark_api::deck::DeckRequest;
use waymark_api::report::ReportRequest;

use crate::reply::blocking;
use crate::AppState;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/maps/{id}/report", post(report))
        .route("/api/maps/{id}/deck", post(deck))
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
