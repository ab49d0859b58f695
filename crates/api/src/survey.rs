//! The survey import wizard through the library: a dry run, then the import
//! of a file whose columns may carry other names.

use waymark_score::{
    merge_responses, parse_mapped_responses, parse_responses_csv, total_problems, MergeStats,
    ResponseError,
};
pub use waymark_score::{ColumnMapping, ResponsesPreview};

use crate::{ApiError, Library, Result};

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
        let journey = self.journey(id)?;
        let answers = match mapping {
            Some(m) => parse_mapped_responses(file_name, text, m, &journey),
            None => parse_responses_csv(file_name, text, &journey),
        }
        .map_err(|errors| rejected(file_name, errors))?;
        let mut stats = None;
        self.edit(id, |j| {
            stats = Some(merge_responses(j, answers));
            Ok(())
        })?;
        Ok(stats.expect("edit ran the closure"))
    }

    /// The import's dry run: the file's first rows, the column mapping
    /// (suggested when `mapping` is `None`), every problem with its line, and
    /// how many answers would be added or replaced. Changes nothing.
    pub fn preview_responses(
        &self,
        id: &str,
        file_name: &str,
        text: &str,
        mapping: Option<&ColumnMapping>,
    ) -> Result<ResponsesPreview> {
        let journey = self.journey(id)?;
        Ok(waymark_score::preview_responses(
            file_name, text, mapping, &journey,
        ))
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
        let p = lib.preview_responses(&id, "s.csv", &text, None).unwrap();
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
        assert_eq!(lib.journey(&id).unwrap().responses.len(), 1);
        // Our headers are required without a mapping.
        let e = lib.import_responses(&id, "s.csv", &text).unwrap_err();
        assert_eq!(e.code(), "import_failed");
    }
}
