//! File formats: `.waymark` JSON (lossless), Mermaid `journey` diagrams and CSV.

pub mod csv;
pub mod mermaid;
pub mod waymark;

use std::fmt;

use serde::Serialize;

/// An import that failed: where (file, line, column when known) and why.
/// Nothing is written when an import fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl ImportError {
    pub fn new(
        file: &str,
        line: Option<usize>,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        ImportError {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

/// The formats a map can be imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Waymark,
    Mermaid,
}

impl ImportFormat {
    /// Guesses from a file name and its content: `.mmd`/`.mermaid` or text
    /// starting with `journey` is Mermaid, everything else `.waymark` JSON.
    pub fn detect(file_name: &str, content: &str) -> ImportFormat {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".mmd") || lower.ends_with(".mermaid") {
            return ImportFormat::Mermaid;
        }
        let first = content
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("%%") && !l.starts_with("---"));
        if first.is_some_and(|l| l.starts_with("journey")) {
            ImportFormat::Mermaid
        } else {
            ImportFormat::Waymark
        }
    }
}

/// Reads a map from `content` in `format`; `file` names it in errors.
pub fn import(
    file: &str,
    content: &str,
    format: ImportFormat,
) -> Result<crate::Journey, ImportError> {
    match format {
        ImportFormat::Waymark => waymark::from_str(file, content),
        ImportFormat::Mermaid => mermaid::from_str(file, content),
    }
}
