//! The survey import wizard through the library: a dry run, then the import
//! of a file whose columns may carry other names.

pub use waymark_core::limits::SURVEY_FILE_BYTES;
use waymark_score::{total_problems, MergeStats, ResponseError};
pub use waymark_score::{ColumnMapping, ResponsesPreview, SurveyColumns, WideColumns};

use std::path::Path;

use waymark_core::SurveyResponse;

use crate::files::read_text;
use crate::{ApiError, Inner, Library, Result};

/// The answers of a survey file, its layout decided by `columns` or, when
/// that says nothing, by its headers (our columns or a tool's export; never
/// a guessed mapping of a long file, which the wizard shows first). Wide
/// rows without a date take `row_date`.
pub(crate) fn parse(
    journey: &waymark_core::Journey,
    file_name: &str,
    text: &str,
    columns: &SurveyColumns,
    row_date: &str,
) -> Result<Vec<SurveyResponse>> {
    let layout = waymark_score::survey_read::layout(file_name, text, columns, journey, false);
    waymark_score::read_answers(file_name, text, &layout, journey, row_date)
        .map_err(|errors| rejected(file_name, errors))
}

impl Inner {
    /// Adds imported answers to the map, as the day's wave
    /// ([`crate::waves::default_wave_label`]): an answer whose identity the
    /// map holds (in any wave) is replaced, so the new value wins; nothing
    /// else leaves. The answers go to the library's tables and their
    /// statistics to the document, in one transaction.
    pub(crate) fn add_answers(
        &mut self,
        id: &str,
        answers: Vec<SurveyResponse>,
    ) -> Result<MergeStats> {
        let label = crate::waves::default_wave_label(None);
        let put = self.put_answers(id, &label, None, &answers, false)?;
        Ok(MergeStats {
            added: put.added,
            replaced: put.replaced,
        })
    }

    /// Stores `answers` as (or into, unless `replace`) the wave `label`.
    pub(crate) fn put_answers(
        &mut self,
        id: &str,
        label: &str,
        date: Option<&str>,
        answers: &[SurveyResponse],
        replace: bool,
    ) -> Result<waymark_store::WavePut> {
        self.write_known_answers(id, (label, answers), |log, _| {
            let put = log.put_wave(id, label, date, answers, replace)?;
            let touched = put.touched.clone();
            let exact = put.exactly_these;
            Ok((put, touched, exact))
        })
    }
}

/// Reads a column mapping saved as JSON, as the import wizard shows it
/// (`{"wide": {...}}` or `{"mapping": {...}}`) or a bare wide mapping
/// (`{"respondent", "date", "questions"}`).
pub fn read_columns_file(path: &Path) -> Result<SurveyColumns> {
    let text = read_text(path, waymark_core::limits::SURVEY_FILE_BYTES)?;
    let name = path.display();
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| ApiError::Invalid(format!("{name}:{}:{}: {e}", e.line(), e.column())))?;
    let columns = if value.get("questions").is_some() {
        serde_json::from_value(value).map(|w| SurveyColumns {
            mapping: None,
            wide: Some(w),
        })
    } else {
        serde_json::from_value(value)
    };
    columns.map_err(|e| ApiError::Invalid(format!("{name}: not a column mapping: {e}")))
}

fn rejected(file_name: &str, errors: Vec<ResponseError>) -> ApiError {
    let total = total_problems(&errors);
    ApiError::Rejected {
        summary: format!(
            "{file_name}: {} problem{} found, nothing imported",
            waymark_core::limits::group(total),
            if total == 1 { "" } else { "s" }
        ),
        details: errors.iter().map(|e| e.to_string()).collect(),
    }
}

impl Library {
    /// As [`Library::import_responses`], for a file whose columns are named
    /// by `mapping` (our column → the file's header); `None` reads our headers.
    pub fn import_responses_mapped(
        &self,
        id: &str,
        file_name: &str,
        text: &str,
        mapping: Option<&ColumnMapping>,
    ) -> Result<MergeStats> {
        let mut inner = self.lock();
        let columns = SurveyColumns {
            mapping: mapping.cloned(),
            wide: None,
        };
        let today = crate::waves::default_wave_label(None);
        let answers = parse(&inner.load(id)?.journey, file_name, text, &columns, &today)?;
        inner.add_answers(id, answers)
    }

    /// [`Library::import_responses`] of the survey CSV at `path`, read
    /// within the survey file limit; the text is let go once parsed.
    pub fn import_responses_file(&self, id: &str, path: &Path) -> Result<MergeStats> {
        let text = read_text(path, waymark_core::limits::SURVEY_FILE_BYTES)?;
        let file_name = path.display().to_string();
        let mut inner = self.lock();
        let today = crate::waves::default_wave_label(None);
        let columns = SurveyColumns::default();
        let answers = parse(
            &inner.load(id)?.journey,
            &file_name,
            &text,
            &columns,
            &today,
        )?;
        drop(text);
        inner.add_answers(id, answers)
    }

    /// The import's dry run: the file's first rows, its layout (the survey
    /// tool recognised, the long or wide mapping, suggested when `columns`
    /// says nothing), every problem with its line, and how many answers
    /// would be added or replaced. Changes nothing.
    pub fn preview_responses(
        &self,
        id: &str,
        file_name: &str,
        text: &str,
        columns: &SurveyColumns,
    ) -> Result<ResponsesPreview> {
        let journey = self.journey(id)?;
        let today = crate::waves::default_wave_label(None);
        let mut p = waymark_score::preview_responses(file_name, text, columns, &journey, &today);
        p.wave = crate::survey_watch::wave_label(Path::new(file_name));
        p.waves = self.waves(id)?.into_iter().map(|w| w.label).collect();
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use crate::Library;

    #[test]
    fn preview_changes_nothing_and_a_mapped_import_lands() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("library.db")).unwrap();
        let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
        let tp = lib.journey(&id).unwrap().touchpoints[0].id;
        let text = format!("Step,Customer,Date,KPI,Scale,Score\n{tp},r1,2026-03-01,csat,csat,5\n");
        let before = lib.encode_state(&id).unwrap();
        let p = lib
            .preview_responses(&id, "s.csv", &text, &Default::default())
            .unwrap();
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.added, 1);
        assert_eq!(
            lib.encode_state(&id).unwrap(),
            before,
            "a preview writes nothing"
        );
        let stats = lib
            .import_responses_mapped(&id, "s.csv", &text, Some(&p.mapping))
            .unwrap();
        assert_eq!(stats.added, 1);
        let j = lib.journey(&id).unwrap();
        assert!(
            j.responses.is_empty(),
            "raw answers stay out of the document"
        );
        assert_eq!(j.evidence.len(), 1);
        assert_eq!(j.evidence[0].stats.csat[4], 1);
        assert_eq!(lib.waves(&id).unwrap()[0].answers, 1);
        // Our headers are required without a mapping.
        let e = lib.import_responses(&id, "s.csv", &text).unwrap_err();
        assert_eq!(e.code(), "import_failed");
    }
}
