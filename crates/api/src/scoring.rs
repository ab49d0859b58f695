//! Scores and survey answers through the library.

use waymark_score::{merge_responses, parse_responses_csv, MergeStats, Scorecard};

use crate::{ApiError, Library, Result};

impl Library {
    /// The map's scorecard: every touchpoint, stage and journey score with
    /// its factors. The app, the report and `waymark score` all call this.
    pub fn score(&self, id: &str) -> Result<Scorecard> {
        Ok(waymark_score::score(&self.journey(id)?))
    }

    /// Imports survey answers from CSV text (`file_name` names it in errors).
    /// Every problem is reported with its line and nothing is imported when
    /// there is one; answers already in the map (same respondent, touchpoint,
    /// metric and date) are replaced, not counted twice.
    pub fn import_responses(&self, id: &str, file_name: &str, text: &str) -> Result<MergeStats> {
        let journey = self.journey(id)?;
        let answers = parse_responses_csv(file_name, text, &journey).map_err(|errors| {
            ApiError::Rejected {
                summary: format!(
                    "{file_name}: {} problem{} found, nothing imported",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                ),
                details: errors.iter().map(|e| e.to_string()).collect(),
            }
        })?;
        let mut stats = None;
        self.edit(id, |j| {
            stats = Some(merge_responses(j, answers));
            Ok(())
        })?;
        Ok(stats.expect("edit ran the closure"))
    }
}
