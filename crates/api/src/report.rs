//! The executive PDF report through the library.

pub use waymark_report::{PageSize, Report, ReportError, ReportOptions, Section};

use crate::{ApiError, Library, Result};

impl Library {
    /// Renders the map's executive PDF report: scores the current map with
    /// `waymark-score` and lays it out with `waymark-report`. A bad option
    /// (date, logo) is `ApiError::Invalid` with a message naming it.
    pub fn report_pdf(&self, id: &str, options: &ReportOptions) -> Result<Report> {
        let journey = self.journey(id)?;
        let scorecard = waymark_score::score(&journey);
        waymark_report::render(&journey, &scorecard, options).map_err(|e| match e {
            ReportError::Invalid(_) | ReportError::Logo(_) => ApiError::Invalid(e.to_string()),
            ReportError::Pdf(_) => ApiError::Invalid(format!("cannot write the report: {e}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_pdf_renders_a_map_and_maps_errors() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("library.db")).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let r = lib
            .report_pdf(&id, &ReportOptions::new("2026-03-01"))
            .unwrap();
        assert!(r.pdf.starts_with(b"%PDF-"));
        assert!(r.pages >= 5);
        let mut bad = ReportOptions::new("2026-03-01");
        bad.logo = Some(b"GIF89a".to_vec());
        let e = lib.report_pdf(&id, &bad).unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert!(e.to_string().starts_with("logo:"), "{e}");
        assert_eq!(
            lib.report_pdf("no-such-map", &ReportOptions::new("2026-03-01"))
                .unwrap_err()
                .code(),
            "not_found"
        );
    }
}
