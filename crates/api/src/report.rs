//! The executive PDF report through the library.

pub use waymark_report::{PageSize, Report, ReportError, ReportOptions, Section};

use serde::{Deserialize, Serialize};

use crate::{ApiError, Library, Result};

/// The report dialog's choices, as the fronts send them. Every field is
/// optional: page size A4, all sections, no company, logo or version label,
/// today's date (UTC).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ReportRequest {
    /// "a4", "a3", "letter" or "tabloid".
    pub page_size: Option<String>,
    /// Section names ("summary", "map", "stages", "trends", "pain-points", "appendix").
    pub sections: Option<Vec<String>>,
    pub company: Option<String>,
    /// PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    pub version_label: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    /// The survey wave the scores are as of; missing: the latest.
    pub as_of: Option<waymark_score::AsOf>,
}

/// A dialog's text field: trimmed, and `None` when nothing is left (the
/// report's and the deck's company and version label).
pub(crate) fn filled(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Today's date in UTC as YYYY-MM-DD.
pub fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

impl ReportRequest {
    /// The report options; a bad page size or section is
    /// `ApiError::Invalid` naming it.
    pub fn options(&self) -> Result<ReportOptions> {
        let invalid = |e: ReportError| ApiError::Invalid(e.to_string());
        let mut o = ReportOptions::new(self.date.clone().unwrap_or_else(today));
        if let Some(p) = &self.page_size {
            o.page_size = p.parse().map_err(invalid)?;
        }
        if let Some(list) = &self.sections {
            if list.is_empty() {
                return Err(ApiError::Invalid(
                    "choose at least one section for the report".into(),
                ));
            }
            o.sections = Section::parse_list(&list.join(",")).map_err(invalid)?;
        }
        o.company = filled(&self.company);
        o.version_label = filled(&self.version_label);
        o.logo = self.logo.clone().filter(|l| !l.is_empty());
        o.as_of = self.as_of.clone().unwrap_or_default();
        Ok(o)
    }
}

impl Library {
    /// Renders the map's executive PDF report: scores the current map as of
    /// `options.as_of` and lays it out with `waymark-report`, each pain
    /// point with its touchpoint's top theme from the survey waves. A bad option
    /// (date, logo, wave) is `ApiError::Invalid` or `NotFound` with a message naming it.
    pub fn report_pdf(&self, id: &str, options: &ReportOptions) -> Result<Report> {
        let mut options = options.clone();
        let scorecard = self.score_as_of(id, &options.as_of)?;
        if options.evidence.is_none() {
            options.evidence = Some(self.evidence_coverage_as_of(id, &options.as_of)?);
        }
        let journey = self.journey(id)?;
        options.themes = self.top_themes(id, &options.as_of)?;
        if options.trend.is_none()
            && (options.sections.contains(&Section::Trends)
                || options.sections.contains(&Section::Summary))
        {
            options.trend = Some(self.trend(id)?).filter(|t| !t.waves.is_empty());
        }
        waymark_report::render(&journey, &scorecard, &options).map_err(|e| match e {
            ReportError::Invalid(_) | ReportError::Logo(_) => ApiError::Invalid(e.to_string()),
            ReportError::Pdf(_) => ApiError::Invalid(format!("cannot write the report: {e}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_request_becomes_options_or_a_clear_error() {
        let o = ReportRequest::default().options().unwrap();
        assert_eq!(o.page_size, PageSize::A4);
        assert_eq!(o.sections, Section::ALL.to_vec());
        assert_eq!(o.date.len(), 10);
        let r = ReportRequest {
            page_size: Some("letter".into()),
            sections: Some(vec!["map".into(), "summary".into()]),
            company: Some("  Acme ".into()),
            version_label: Some(" ".into()),
            date: Some("2026-03-01".into()),
            logo: None,
            as_of: None,
        };
        let o = r.options().unwrap();
        assert_eq!(o.page_size, PageSize::Letter);
        assert_eq!(o.sections, vec![Section::Summary, Section::Map]);
        assert_eq!(o.company.as_deref(), Some("Acme"));
        assert_eq!(o.version_label, None);
        let bad = ReportRequest {
            page_size: Some("a5".into()),
            ..Default::default()
        };
        assert!(bad.options().unwrap_err().to_string().contains("a5"));
        let none = ReportRequest {
            sections: Some(vec![]),
            ..Default::default()
        };
        assert_eq!(none.options().unwrap_err().code(), "invalid");
    }

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
