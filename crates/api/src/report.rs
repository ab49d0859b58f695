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
