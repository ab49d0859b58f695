//! Commands of the analysis views: the survey import wizard, the report
//! dialog, canvas image exports, future-state copies and comparisons. Each
//! forwards to [`waymark_api::Library`]; the file reads and writes here are
//! the ones the person chose in a dialog.

use std::path::Path;

use serde::Serialize;
use tauri::ipc::Request;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use waymark_api::compare::{Comparison, MapOrigin, MapRef};
use waymark_api::deck::DeckRequest;
use waymark_api::report::ReportRequest;
use waymark_api::survey::{ColumnMapping, ResponsesPreview};

use crate::{body_bytes, CommandError, LibraryState, OpenFailure};

/// The header naming the file a `save_binary_file` body goes to,
/// percent-encoded (`encodeURIComponent`) because headers are ASCII.
pub const PATH_HEADER: &str = "waymark-path";

fn io_error(what: &str, path: &Path, err: impl std::fmt::Display) -> CommandError {
    CommandError::Request(OpenFailure {
        code: "io",
        message: format!("Could not {what} {}: {err}", path.display()),
    })
}

fn chosen_path(path: &str) -> Result<std::path::PathBuf, CommandError> {
    waymark_api::files::user_path(path).ok_or_else(|| CommandError::bad_request("choose a file"))
}

/// A text file the person chose (in the native dialog or by typing its path).
#[derive(Debug, Serialize)]
pub struct TextFile {
    /// The file name, for messages ("survey.csv:12: …").
    name: String,
    text: String,
}

#[tauri::command]
pub async fn read_text_file(path: String) -> Result<TextFile, CommandError> {
    let path = chosen_path(&path)?;
    // Bounded by the survey file limit before a byte is read; bad bytes are
    // named by line and column.
    let text = waymark_api::files::read_text(&path, waymark_core::limits::SURVEY_FILE_BYTES)
        .map_err(|e| match e {
            waymark_api::ApiError::Invalid(why) => CommandError::Request(OpenFailure {
                code: "io",
                message: why,
            }),
            other => other.into(),
        })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string());
    Ok(TextFile { name, text })
}

/// The survey import's dry run: nothing is written.
#[tauri::command]
pub async fn preview_responses(
    state: State<'_, LibraryState>,
    id: String,
    name: String,
    text: String,
    mapping: Option<ColumnMapping>,
) -> Result<ResponsesPreview, CommandError> {
    Ok(state
        .library()?
        .preview_responses(&id, &name, &text, mapping.as_ref())?)
}

#[derive(Debug, Serialize)]
pub struct ImportStats {
    added: usize,
    replaced: usize,
}

/// Imports the survey answers (all or nothing); the open document receives
/// them by reopening the map's state.
#[tauri::command]
pub async fn import_responses(
    state: State<'_, LibraryState>,
    id: String,
    name: String,
    text: String,
    mapping: Option<ColumnMapping>,
) -> Result<ImportStats, CommandError> {
    let s = state
        .library()?
        .import_responses_mapped(&id, &name, &text, mapping.as_ref())?;
    Ok(ImportStats {
        added: s.added,
        replaced: s.replaced,
    })
}

#[derive(Debug, Serialize)]
pub struct ReportWritten {
    path: String,
    pages: usize,
    bytes: usize,
    warnings: Vec<String>,
}

/// Renders the PDF report and writes it to `path` (through a temporary file
/// and a rename). `logo_path` is a PNG or JPEG the person chose. Runs on the
/// async runtime, so the window stays responsive while it renders.
#[tauri::command]
pub async fn export_report(
    state: State<'_, LibraryState>,
    id: String,
    request: ReportRequest,
    path: String,
    logo_path: Option<String>,
) -> Result<ReportWritten, CommandError> {
    let out = chosen_path(&path)?;
    let mut request = request;
    if let Some(logo) = logo_path.as_deref().filter(|p| !p.trim().is_empty()) {
        let logo = chosen_path(logo)?;
        request.logo = Some(std::fs::read(&logo).map_err(|e| io_error("read the logo", &logo, e))?);
    }
    let options = request.options()?;
    let report = state.library()?.report_pdf(&id, &options)?;
    waymark_api::files::write_atomically(&out, &report.pdf)
        .map_err(|e| io_error("write", &out, e))?;
    Ok(ReportWritten {
        path: out.display().to_string(),
        pages: report.pages,
        bytes: report.pdf.len(),
        warnings: report.warnings,
    })
}

#[derive(Debug, Serialize)]
pub struct DeckWritten {
    path: String,
    slides: usize,
    bytes: usize,
    warnings: Vec<String>,
}

/// Renders the editable PowerPoint deck and writes it to `path`, like
/// [`export_report`].
#[tauri::command]
pub async fn export_deck(
    state: State<'_, LibraryState>,
    id: String,
    request: DeckRequest,
    path: String,
    logo_path: Option<String>,
) -> Result<DeckWritten, CommandError> {
    let out = chosen_path(&path)?;
    let mut request = request;
    if let Some(logo) = logo_path.as_deref().filter(|p| !p.trim().is_empty()) {
        let logo = chosen_path(logo)?;
        request.logo = Some(std::fs::read(&logo).map_err(|e| io_error("read the logo", &logo, e))?);
    }
    let options = request.options()?;
    let deck = state.library()?.deck_pptx(&id, &options)?;
    waymark_api::files::write_atomically(&out, &deck.pptx)
        .map_err(|e| io_error("write", &out, e))?;
    Ok(DeckWritten {
        path: out.display().to_string(),
        slides: deck.slides,
        bytes: deck.pptx.len(),
        warnings: deck.warnings,
    })
}

/// Opens a file the app wrote with the system's default program, or shows
/// it in the file manager (`reveal`).
#[tauri::command]
pub async fn open_path<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    reveal: bool,
) -> Result<(), CommandError> {
    let path = chosen_path(&path)?;
    let res = if reveal {
        app.opener().reveal_item_in_dir(&path)
    } else {
        app.opener()
            .open_path(path.display().to_string(), None::<&str>)
    };
    res.map_err(|e| io_error(if reveal { "show" } else { "open" }, &path, e))
}

/// Writes bytes the UI made (a PNG of the canvas) to the path in the
/// [`PATH_HEADER`] header; the body is the raw bytes. Returns the absolute path.
#[tauri::command]
pub async fn save_binary_file(request: Request<'_>) -> Result<String, CommandError> {
    let bytes = body_bytes(&request, "save_binary_file")?;
    let path = request
        .headers()
        .get(PATH_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(percent_decode)
        .ok_or_else(|| {
            CommandError::bad_request("save_binary_file needs the waymark-path header")
        })?;
    let path = chosen_path(&path)?;
    waymark_api::files::write_atomically(&path, &bytes).map_err(|e| io_error("write", &path, e))?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub async fn create_future_state(
    state: State<'_, LibraryState>,
    id: String,
    title: Option<String>,
) -> Result<String, CommandError> {
    Ok(state
        .library()?
        .create_future_state(&id, title.as_deref())?)
}

#[tauri::command]
pub async fn map_origins(
    state: State<'_, LibraryState>,
    id: String,
) -> Result<Vec<MapOrigin>, CommandError> {
    Ok(state.library()?.map_origins(&id)?)
}

#[tauri::command]
pub async fn compare_maps(
    state: State<'_, LibraryState>,
    before: MapRef,
    after: MapRef,
) -> Result<Comparison, CommandError> {
    Ok(state.library()?.compare(&before, &after)?)
}

/// Decodes `encodeURIComponent` output; `None` when it is not valid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_decoding_reads_encode_uri_component() {
        use super::percent_decode;
        assert_eq!(
            percent_decode("%2Fhome%2Fa%20b%2Fcarte%20%C3%A9t%C3%A9.png").as_deref(),
            Some("/home/a b/carte été.png")
        );
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%C3"), None);
    }
}
