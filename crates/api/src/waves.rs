//! Survey waves through the library (issue 17): each import of answers is a
//! wave, stored in the library's tables with its raw answers; the trend
//! scores every wave on its own answers.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
pub use waymark_score::intervals::{change, Change};
use waymark_score::sentiment::remember;
use waymark_score::trend::{trend, wave_trend};
pub use waymark_score::trend::{Figures, Trend, WaveTrend};
pub use waymark_score::wave_compare::{compare_waves, since_last_wave, WaveComparison};
pub use waymark_store::WaveRow;

use crate::files::read_text;
use crate::{ApiError, Library, Result};
use waymark_core::formats::waymark::WaveFile;
use waymark_core::Journey;
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

impl Library {
    /// Adds a map read from a `.waymark` file with its survey waves.
    pub(crate) fn insert_with_waves(
        &self,
        mut journey: waymark_core::Journey,
        waves: Vec<WaveFile>,
    ) -> Result<String> {
        for w in &waves {
            check_label(&w.label)?;
            w.date.as_deref().map(check_date).transpose()?;
        }
        // The waves first, then the answers no wave holds (an older file's
        // map carried the answers of every wave besides).
        let answers = std::mem::take(&mut journey.responses);
        let id = self.insert_journey(journey)?;
        let mut inner = self.lock();
        let stored = inner.write_answers(&id, |log, _| {
            let mut touched = std::collections::BTreeSet::new();
            for w in &waves {
                touched.extend(
                    log.put_wave(&id, w.label.trim(), w.date.as_deref(), &w.answers, true)?
                        .touched,
                );
            }
            touched.extend(crate::evidence::place_answers(log, &id, answers)?);
            Ok(((), touched.into_iter().collect()))
        });
        if let Err(e) = stored {
            let _ = inner.store.delete_map(&id);
            return Err(e);
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

    /// The waves and answers a named version kept, as a `.waymark` file
    /// carries them; `None` for a version named before versions kept them.
    pub(crate) fn version_wave_files(
        &self,
        id: &str,
        version: &str,
    ) -> Result<Option<Vec<WaveFile>>> {
        let inner = self.lock();
        let (row, _) = inner.store.version_state(id, version)?;
        Ok(inner.store.version_waves(id, &row.id)?.map(|kept| {
            kept.into_iter()
                .map(|k| WaveFile {
                    label: k.wave.label,
                    date: k.wave.date,
                    answers: k.answers,
                })
                .collect()
        }))
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
        // Under a label the person gave, the wave becomes this file;
        // without one the import adds to the wave and removes nothing.
        // Either way it is one transaction (concurrent imports into one
        // wave both land).
        // The comments' sentiment is a third of an import's work and needs
        // nothing from the library: a second thread works it out while the
        // rows are written, and the statistics then read it from memory.
        let written = AtomicBool::new(false);
        let put = std::thread::scope(|s| {
            s.spawn(|| remember(answers.iter().map(|a| a.comment.as_str()), &written));
            let put = inner.put_answers(id, &label, date.as_deref(), &answers, explicit);
            written.store(true, Ordering::Relaxed);
            put
        })?;
        Ok(WaveImport {
            wave: inner.store.wave(id, &label)?,
            added: put.added,
            replaced: put.replaced,
        })
    }

    /// The map's waves, by date (undated last), then by import time.
    pub fn waves(&self, id: &str) -> Result<Vec<WaveRow>> {
        Ok(self.lock().store.waves(id)?)
    }

    /// Per wave (by label), the answers about touchpoints the map does not
    /// show (deleted, or hidden by a concurrent edit): they stay in their
    /// wave and count again when the touchpoint comes back; deleting the
    /// wave drops them. Waves without such answers are left out.
    pub fn answers_off_the_map(&self, id: &str) -> Result<Vec<(String, i64)>> {
        let mut inner = self.lock();
        let shown: std::collections::HashSet<String> = inner
            .load(id)?
            .journey
            .touchpoints
            .iter()
            .map(|t| t.id.to_string())
            .collect();
        let mut out: Vec<(String, i64)> = Vec::new();
        for (wave, touchpoint, n) in inner.store.answers_per_touchpoint(id)? {
            if shown.contains(&touchpoint) {
                continue;
            }
            match out.last_mut() {
                Some((w, total)) if *w == wave => *total += n,
                _ => out.push((wave, n)),
            }
        }
        Ok(out)
    }

    /// Renames a wave; its answers and statistics follow.
    pub fn rename_wave(&self, id: &str, from: &str, to: &str) -> Result<WaveRow> {
        let to = check_label(to)?;
        let mut inner = self.lock();
        inner.store.wave(id, from)?;
        if from != to && inner.store.wave(id, to).is_ok() {
            return Err(waymark_store::StoreError::WaveExists {
                map: id.to_string(),
                wave: to.to_string(),
            }
            .into());
        }
        inner.write_answers(id, |log, _| {
            log.rename_wave(id, from, to)?;
            Ok(((), vec![from.to_string(), to.to_string()]))
        })?;
        Ok(inner.store.wave(id, to)?)
    }

    /// Deletes a wave: its answers leave the library's tables and its
    /// statistics the map.
    pub fn delete_wave(&self, id: &str, label: &str) -> Result<()> {
        let mut inner = self.lock();
        inner.store.wave(id, label)?;
        inner.write_answers(id, |log, _| {
            log.delete_wave(id, label)?;
            Ok(((), vec![label.to_string()]))
        })
    }

    /// Every wave scored on its own answers against the map as it is now,
    /// with 95% intervals and what changed since the wave before.
    pub fn trend(&self, id: &str) -> Result<Trend> {
        let mut inner = self.lock();
        let waves = inner.store.waves(id)?;
        // The map with each wave's statistics in turn: the document holds
        // them, so no answer is read.
        let open = inner.load(id)?;
        let shared = open.journey.clone();
        drop(inner);
        let mut journey = Journey {
            evidence: Vec::new(),
            ..Journey::clone(&shared)
        };
        let evidence = &shared.evidence;
        let out = waves
            .iter()
            .map(|w| {
                journey.evidence = evidence
                    .iter()
                    .filter(|e| e.wave == w.label)
                    .cloned()
                    .collect();
                wave_trend(&journey, &w.label, w.date.as_deref())
            })
            .collect();
        Ok(trend(out))
    }
}
