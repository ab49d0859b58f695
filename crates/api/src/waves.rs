//! Survey waves through the library (issue 17): each import of answers is a
//! wave, stored in the library's tables with its raw answers; the trend
//! scores every wave on its own answers.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;
pub use waymark_score::intervals::{change, Change};
use waymark_score::trend::{trend, wave_trend};
pub use waymark_score::trend::{Figures, Trend, WaveTrend};
pub use waymark_score::wave_compare::{compare_waves, since_last_wave, WaveComparison};
pub use waymark_store::WaveRow;

use crate::files::read_text;
use crate::{ApiError, Inner, Library, Result};
use waymark_core::formats::waymark::WaveFile;
use waymark_score::SurveyColumns;

/// What `waymark responses import --wave` reports.
#[derive(Debug, Clone, Serialize)]
pub struct WaveImport {
    pub wave: WaveRow,
    /// Answers new to the map's scorecard, and those replaced in it.
    pub added: usize,
    pub replaced: usize,
}

/// The date of a wave being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveDate<'a> {
    /// Given by the person (YYYY-MM-DD); also the date of answers without one.
    Given(&'a str),
    /// The latest date among the answers, else `or` (a file's day), which
    /// is also the date of answers without one.
    FromAnswers { or: &'a str },
    /// None: the wave is undated and answers without a date are today's.
    Unknown,
}

/// Longest wave label, in characters.
pub const WAVE_LABEL_CHARS: usize = 100;

pub(crate) fn check_label(label: &str) -> Result<&str> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > WAVE_LABEL_CHARS {
        return Err(ApiError::Invalid(format!(
            "wave label {label:?}: give 1 to {WAVE_LABEL_CHARS} characters"
        )));
    }
    Ok(label)
}

/// A real calendar date written YYYY-MM-DD.
fn check_date(date: &str) -> Result<&str> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(date, format)
        .map(|_| date)
        .map_err(|_| ApiError::Invalid(format!("wave date {date:?}: write a date as YYYY-MM-DD")))
}

/// The label of a wave imported without one: its date, else today's (UTC).
pub fn default_wave_label(date: Option<&str>) -> String {
    date.map_or_else(|| waymark_store::now()[..10].to_string(), str::to_string)
}

impl Inner {
    /// Takes out of the map the answers the wave `label` holds (if it
    /// exists) that are not in `keep` and no other wave holds: what a
    /// re-import of the wave no longer contains, or all of a deleted wave.
    fn drop_wave_answers(&mut self, id: &str, label: &str, keep: &HashSet<String>) -> Result<()> {
        let mut gone = HashSet::new();
        let mut others = HashSet::new();
        for w in self.store.waves(id)? {
            let here = w.label == label;
            self.store.wave_answers(id, &w.label, |a| {
                let key = a.key();
                if !here {
                    others.insert(key);
                } else if !keep.contains(&key) {
                    gone.insert(key);
                }
            })?;
        }
        gone.retain(|k| !others.contains(k));
        if !gone.is_empty() {
            self.edit(id, "local", |j| {
                j.responses.retain(|r| !gone.contains(&r.key()));
                Ok(())
            })?;
        }
        Ok(())
    }
}

impl Library {
    /// Adds a map read from a `.waymark` file with its survey waves.
    pub(crate) fn insert_with_waves(
        &self,
        journey: waymark_core::Journey,
        waves: Vec<WaveFile>,
    ) -> Result<String> {
        for w in &waves {
            check_label(&w.label)?;
            w.date.as_deref().map(check_date).transpose()?;
        }
        let id = self.insert_journey(journey)?;
        let mut inner = self.lock();
        for w in &waves {
            inner
                .store
                .replace_wave(&id, w.label.trim(), w.date.as_deref(), &w.answers)?;
        }
        Ok(id)
    }

    /// The map's waves with their answers, as a `.waymark` file carries them.
    pub(crate) fn wave_files(&self, id: &str) -> Result<Vec<WaveFile>> {
        let inner = self.lock();
        let mut out = Vec::new();
        for w in inner.store.waves(id)? {
            let mut answers = Vec::with_capacity(w.answers as usize);
            inner
                .store
                .wave_answers(id, &w.label, |a| answers.push(a))?;
            out.push(WaveFile {
                label: w.label,
                date: w.date,
                answers,
            });
        }
        Ok(out)
    }

    /// Imports the survey CSV at `path` as the wave `label` (default:
    /// [`default_wave_label`]) dated `date`, reading its layout from its
    /// headers (our columns, or a survey tool's export): see
    /// [`Library::import_wave_text`].
    pub fn import_wave_file(
        &self,
        id: &str,
        path: &Path,
        label: Option<&str>,
        date: Option<&str>,
    ) -> Result<WaveImport> {
        let text = read_text(path, waymark_core::limits::SURVEY_FILE_BYTES)?;
        let date = date.map_or(WaveDate::Unknown, WaveDate::Given);
        let columns = SurveyColumns::default();
        self.import_wave_text(
            id,
            &path.display().to_string(),
            &text,
            &columns,
            label,
            date,
        )
    }

    /// Imports a survey file's text as the wave `label` (default:
    /// [`default_wave_label`]), its columns read as `columns` says (or as
    /// its headers suggest): its answers are merged into the map as
    /// [`Library::import_responses_file`] does and stored as the wave's.
    /// Under a label given by the person, the import replaces what an
    /// earlier import under that label held; without one, it adds to the
    /// default wave and removes nothing.
    pub fn import_wave_text(
        &self,
        id: &str,
        file_name: &str,
        text: &str,
        columns: &SurveyColumns,
        label: Option<&str>,
        date: WaveDate<'_>,
    ) -> Result<WaveImport> {
        if let WaveDate::Given(d) | WaveDate::FromAnswers { or: d } = date {
            check_date(d)?;
        }
        let explicit = label.is_some();
        let label = label.map(check_label).transpose()?.map(str::to_string);
        let today = default_wave_label(None);
        let row_date = match date {
            WaveDate::Given(d) | WaveDate::FromAnswers { or: d } => d,
            WaveDate::Unknown => &today,
        };
        let mut inner = self.lock();
        let answers =
            crate::survey::parse(&inner.load(id)?.journey, file_name, text, columns, row_date)?;
        let date = match date {
            WaveDate::Given(d) => Some(d.to_string()),
            WaveDate::FromAnswers { or } => Some(
                answers
                    .iter()
                    .map(|a| a.date.as_str())
                    .max()
                    .unwrap_or(or)
                    .to_string(),
            ),
            WaveDate::Unknown => None,
        };
        let label = label.unwrap_or_else(|| default_wave_label(date.as_deref()));
        let stats = inner.add_answers(id, answers.clone())?;
        let keys: HashSet<String> = answers.iter().map(|a| a.key()).collect();
        let stored = if explicit {
            inner.drop_wave_answers(id, &label, &keys)?;
            answers
        } else {
            // Without a label the import adds to the day's wave: an answer
            // imported earlier never leaves because a later file lacks it.
            let mut stored = Vec::new();
            if inner.store.waves(id)?.iter().any(|w| w.label == label) {
                inner.store.wave_answers(id, &label, |a| {
                    if !keys.contains(&a.key()) {
                        stored.push(a);
                    }
                })?;
            }
            stored.extend(answers);
            stored
        };
        let wave = inner
            .store
            .replace_wave(id, &label, date.as_deref(), &stored)?;
        Ok(WaveImport {
            wave,
            added: stats.added,
            replaced: stats.replaced,
        })
    }

    /// The map's waves, by date (undated last), then by import time.
    pub fn waves(&self, id: &str) -> Result<Vec<WaveRow>> {
        Ok(self.lock().store.waves(id)?)
    }

    pub fn rename_wave(&self, id: &str, from: &str, to: &str) -> Result<WaveRow> {
        let to = check_label(to)?;
        Ok(self.lock().store.rename_wave(id, from, to)?)
    }

    /// Deletes a wave: its answers leave the library's tables and the map.
    pub fn delete_wave(&self, id: &str, label: &str) -> Result<()> {
        let mut inner = self.lock();
        inner.store.wave(id, label)?;
        inner.drop_wave_answers(id, label, &HashSet::new())?;
        Ok(inner.store.delete_wave(id, label)?)
    }

    /// Every wave scored on its own answers against the map as it is now,
    /// with 95% intervals and what changed since the wave before.
    pub fn trend(&self, id: &str) -> Result<Trend> {
        let mut inner = self.lock();
        // The map without its answers: each wave brings its own.
        let open = inner.load(id)?;
        let kept = std::mem::take(&mut open.journey.responses);
        let mut journey = open.journey.clone();
        open.journey.responses = kept;
        let mut waves = Vec::new();
        for w in inner.store.waves(id)? {
            journey.responses.clear();
            inner
                .store
                .wave_answers(id, &w.label, |a| journey.responses.push(a))?;
            waves.push(wave_trend(&journey, &w.label, w.date.as_deref()));
        }
        Ok(trend(waves))
    }
}
