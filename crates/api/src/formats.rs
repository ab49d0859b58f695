//! Import and export format names as the fronts spell them.

use std::str::FromStr;

pub use waymark_core::formats::ImportFormat;
use waymark_core::formats::{csv, mermaid, waymark};
use waymark_core::Journey;

use crate::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Waymark,
    Mermaid,
    Csv,
}

impl ExportFormat {
    pub fn write(self, journey: &Journey) -> String {
        match self {
            ExportFormat::Waymark => waymark::to_string(journey),
            ExportFormat::Mermaid => mermaid::to_string(journey),
            ExportFormat::Csv => csv::touchpoints_to_string(journey),
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Waymark => "waymark",
            ExportFormat::Mermaid => "mmd",
            ExportFormat::Csv => "csv",
        }
    }
}

impl FromStr for ExportFormat {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        match s {
            "waymark" => Ok(ExportFormat::Waymark),
            "mermaid" => Ok(ExportFormat::Mermaid),
            "csv" => Ok(ExportFormat::Csv),
            other => Err(ApiError::Invalid(format!(
                "unknown export format {other:?}: use waymark, mermaid or csv"
            ))),
        }
    }
}

/// A table the UI made (the pain-point board) as CSV, through the writer
/// every Waymark CSV goes through: formula-like cells are neutralised.
pub fn csv_table(header: &[String], rows: &[Vec<String>]) -> String {
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv::write_table(&header, rows)
}

/// Parses an import format name ("waymark" or "mermaid").
pub fn parse_import_format(s: &str) -> Result<ImportFormat, ApiError> {
    match s {
        "waymark" => Ok(ImportFormat::Waymark),
        "mermaid" => Ok(ImportFormat::Mermaid),
        other => Err(ApiError::Invalid(format!(
            "unknown import format {other:?}: use waymark or mermaid"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ui_table_goes_through_the_one_writer() {
        let text = csv_table(
            &["title".into(), "priority".into()],
            &[vec!["=1+1".into(), "-3".into()], vec!["a, \"b\"".into()]],
        );
        assert_eq!(text, "title,priority\r\n'=1+1,-3\r\n\"a, \"\"b\"\"\"\r\n");
    }
}
