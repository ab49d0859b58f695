//! Handlers of the commands that read or write files on the person's disk
//! by path: the desktop app's dialogs chose them. A browser has no such
//! path (its files would be the server's), so each refuses there with
//! `unsupported`. Every write goes through [`crate::files::write_atomically`].

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Front;
use crate::deck::DeckRequest;
use crate::report::ReportRequest;
use crate::{ApiError, ExportFormat, Library, Result};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PathArg {
    /// Absolute, or relative to the home folder.
    pub path: String,
}

/// A text file the person chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TextFile {
    /// The file name, for messages ("survey.csv:12: …").
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ExportMap {
    pub id: String,
    /// "waymark", "mermaid" or "csv".
    pub format: String,
    pub path: String,
    /// A version's id or label; missing: the map as it is now.
    #[serde(default)]
    pub version: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SaveCsv {
    pub path: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ExportReport {
    pub id: String,
    pub request: ReportRequest,
    pub path: String,
    /// A PNG or JPEG the person chose, read here.
    #[serde(default)]
    pub logo_path: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ExportDeck {
    pub id: String,
    pub request: DeckRequest,
    pub path: String,
    /// A PNG or JPEG the person chose, read here.
    #[serde(default)]
    pub logo_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeckWritten {
    pub path: String,
    pub slides: usize,
    pub bytes: usize,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ReportWritten {
    pub path: String,
    pub pages: usize,
    pub bytes: usize,
    pub warnings: Vec<String>,
}

fn chosen(path: &str, what: &str) -> Result<PathBuf> {
    crate::files::user_path(path).ok_or_else(|| ApiError::Invalid(format!("choose a file {what}")))
}

fn write(path: &std::path::Path, content: &[u8]) -> Result<()> {
    crate::files::write_atomically(path, content).map_err(|e| ApiError::io("write", path, e))
}

pub fn import_file(lib: &Library, front: Front, r: PathArg) -> Result<String> {
    front.local_files("Choose the file in the page to import it.")?;
    lib.import_file(&chosen(&r.path, "to import")?)
}

pub fn read_text_file(_: &Library, front: Front, r: PathArg) -> Result<TextFile> {
    front.local_files("Choose the file in the page: a browser reads it itself.")?;
    let path = chosen(&r.path, "to read")?;
    // Bounded by the survey file limit before a byte is read; bad bytes are
    // named by line and column.
    let text = crate::files::read_text(&path, waymark_core::limits::SURVEY_FILE_BYTES).map_err(
        |e| match e {
            ApiError::Invalid(why) => ApiError::coded(crate::Code::Io, why),
            other => other,
        },
    )?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string());
    Ok(TextFile { name, text })
}

pub fn export_map(lib: &Library, front: Front, r: ExportMap) -> Result<String> {
    front.local_files(
        "Exporting to a file is available in the desktop app and with `waymark export`.",
    )?;
    let format: ExportFormat = r.format.parse()?;
    let text = lib.export(&r.id, format, r.version.as_deref())?;
    let path = chosen(&r.path, "to export to")?;
    write(&path, text.as_bytes())?;
    Ok(path.display().to_string())
}

pub fn save_csv(_: &Library, front: Front, r: SaveCsv) -> Result<String> {
    front.local_files("A browser downloads the table: use csv_table.")?;
    let path = chosen(&r.path, "to save to")?;
    write(&path, crate::csv_table(&r.header, &r.rows).as_bytes())?;
    Ok(path.display().to_string())
}

/// Renders the PDF and writes it to `path`; the logo is read from its path.
pub fn export_report(lib: &Library, front: Front, r: ExportReport) -> Result<ReportWritten> {
    front.local_files("A browser downloads the report from the report route.")?;
    let out = chosen(&r.path, "to write the report to")?;
    let mut request = r.request;
    if let Some(logo) = read_logo(r.logo_path.as_deref())? {
        request.logo = Some(logo);
    }
    let report = lib.report_pdf(&r.id, &request.options()?)?;
    write(&out, &report.pdf)?;
    Ok(ReportWritten {
        path: out.display().to_string(),
        pages: report.pages,
        bytes: report.pdf.len(),
        warnings: report.warnings,
    })
}

/// Renders the editable PowerPoint deck and writes it to `path`, like
/// [`export_report`].
pub fn export_deck(lib: &Library, front: Front, r: ExportDeck) -> Result<DeckWritten> {
    front.local_files("A browser downloads the deck from the deck route.")?;
    let out = chosen(&r.path, "to write the deck to")?;
    let mut request = r.request;
    if let Some(logo) = read_logo(r.logo_path.as_deref())? {
        request.logo = Some(logo);
    }
    let deck = lib.deck_pptx(&r.id, &request.options()?)?;
    write(&out, &deck.pptx)?;
    Ok(DeckWritten {
        path: out.display().to_string(),
        slides: deck.slides,
        bytes: deck.pptx.len(),
        warnings: deck.warnings,
    })
}

/// The logo file the person chose for a report or a deck, if any.
fn read_logo(path: Option<&str>) -> Result<Option<Vec<u8>>> {
    let Some(path) = path.filter(|p| !p.trim().is_empty()) else {
        return Ok(None);
    };
    let logo = chosen(path, "for the logo")?;
    std::fs::read(&logo)
        .map(Some)
        .map_err(|e| ApiError::io("read the logo", &logo, e))
}
