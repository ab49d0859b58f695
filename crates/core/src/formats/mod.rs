//! File formats: `.waymark` JSON (lossless), Mermaid `journey` diagrams and
//! CSV, and what every text import shares: byte order marks, UTF-8 errors
//! with a line and column, the file size limit.

pub mod csv;
pub mod mermaid;
pub mod plain;
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

/// Refuses map text larger than [`crate::limits::MAP_FILE_BYTES`].
pub(crate) fn check_size(file: &str, content: &str) -> Result<(), ImportError> {
    let limit = crate::limits::MAP_FILE_BYTES;
    if content.len() > limit.max {
        return Err(ImportError::new(
            file,
            None,
            None,
            limit.exceeded(content.len()),
        ));
    }
    Ok(())
}

/// A file's bytes as text: a UTF-8 byte order mark is dropped, and bytes
/// that are not UTF-8 are refused naming their line and column (counted in
/// characters), as an editor shows them.
pub fn decode_text(file: &str, bytes: Vec<u8>) -> Result<String, ImportError> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        let good = std::str::from_utf8(&bytes[..valid]).expect("valid up to here");
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        ImportError::new(
            file,
            Some(line),
            Some(column),
            format!(
                "not UTF-8 text (byte 0x{:02X} cannot start or continue a character); save the file as UTF-8",
                bytes[valid]
            ),
        )
    })?;
    if text.starts_with(BOM) {
        text.drain(..BOM.len_utf8());
    }
    Ok(text)
}

/// The UTF-8 byte order mark some editors put first; every text import
/// accepts and skips it.
pub const BOM: char = '\u{feff}';

/// `content` without a leading byte order mark.
pub fn strip_bom(content: &str) -> &str {
    content.strip_prefix(BOM).unwrap_or(content)
}

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
        let content = strip_bom(content);
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
    let content = strip_bom(content);
    match format {
        ImportFormat::Waymark => waymark::from_str(file, content),
        ImportFormat::Mermaid => mermaid::from_str(file, content),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column_and_a_bom_is_dropped() {
        let e = decode_text("m.mmd", b"journey\n  title \xC3\xA9t\xE9\n".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(11)), "{e}");
        assert!(
            e.to_string().starts_with("m.mmd:2:11: not UTF-8 text"),
            "{e}"
        );
        let text = decode_text("m.mmd", "\u{feff}journey\n".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "journey\n");
    }

    #[test]
    fn a_bom_does_not_hide_the_format() {
        assert_eq!(
            ImportFormat::detect("x.txt", "\u{feff}journey\n"),
            ImportFormat::Mermaid
        );
    }
}
