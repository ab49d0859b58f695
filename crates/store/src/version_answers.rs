//! Named versions with the survey answers they were named with (schema 10):
//! a version's document carries per touchpoint and wave statistics, and the
//! raw answers behind them are kept here, so restoring or exporting the
//! version gives answers that agree with those statistics.
//!
//! A wave's answers are copied once per content (`kept_waves`): naming a
//! version reuses the copy of a wave that did not change since
//! (`survey_waves.kept_as`, cleared by every write of its answers), so a
//! version costs a copy of the waves that changed, and nothing for the
//! others.

use rusqlite::{params, Connection, OptionalExtension};
use waymark_core::SurveyResponse;

use crate::error::{InFile, Result, StoreError};
use crate::waves::{answer_from_row, WaveRow};
use crate::{now, LogWrite, Store, VersionRow};

/// The columns of an answer, the same in `survey_answers` and `kept_answers`.
const COLUMNS: &str = "touchpoint, respondent, date, scale, value, comment";

/// The kept copy of the map's wave `label` holding exactly its answers,
/// label and date today, if there is one (see `survey_waves.kept_as`).
fn reusable(c: &Connection, map_id: &str, label: &str) -> rusqlite::Result<Option<i64>> {
    c.query_row(
        "SELECT k.id FROM survey_waves w
         JOIN kept_waves k ON k.id = w.kept_as AND k.label = w.label AND k.date IS w.date
         WHERE w.map_id = ?1 AND w.label = ?2",
        params![map_id, label],
        |r| r.get(0),
    )
    .optional()
}

/// Copies the map's wave `label` as it is now; returns the copy's id.
fn copy_wave(c: &Connection, map_id: &str, label: &str) -> rusqlite::Result<i64> {
    c.execute(
        "INSERT INTO kept_waves (map_id, label, date, imported_at, answers)
         SELECT map_id, label, date, imported_at,
                (SELECT COUNT(*) FROM survey_answers a WHERE a.map_id = w.map_id AND a.wave = w.label)
         FROM survey_waves w WHERE map_id = ?1 AND label = ?2",
        params![map_id, label],
    )?;
    let kept = c.last_insert_rowid();
    c.execute(
        &format!(
            "INSERT INTO kept_answers (kept_wave, {COLUMNS})
             SELECT ?3, {COLUMNS} FROM survey_answers WHERE map_id = ?1 AND wave = ?2
             ORDER BY touchpoint, rowid"
        ),
        params![map_id, label, kept],
    )?;
    c.execute(
        "UPDATE survey_waves SET kept_as = ?3 WHERE map_id = ?1 AND label = ?2",
        params![map_id, label, kept],
    )?;
    Ok(kept)
}

/// Makes `version_id` keep the map's answers as they are now.
fn keep_answers(c: &Connection, map_id: &str, version_id: &str) -> rusqlite::Result<()> {
    let labels: Vec<String> = {
        let mut stmt = c.prepare_cached("SELECT label FROM survey_waves WHERE map_id = ?1")?;
        let rows = stmt.query_map([map_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for label in labels {
        let kept = match reusable(c, map_id, &label)? {
            Some(k) => k,
            None => copy_wave(c, map_id, &label)?,
        };
        c.execute(
            "INSERT INTO version_waves (version_id, kept_wave) VALUES (?1, ?2)",
            params![version_id, kept],
        )?;
    }
    c.execute(
        "UPDATE versions SET keeps_answers = 1 WHERE id = ?1",
        [version_id],
    )?;
    Ok(())
}

fn keeps_answers(c: &Connection, map_id: &str, version_id: &str) -> rusqlite::Result<bool> {
    c.query_row(
        "SELECT keeps_answers FROM versions WHERE map_id = ?1 AND id = ?2",
        params![map_id, version_id],
        |r| r.get(0),
    )
    .optional()
    .map(|k| k == Some(1))
}

impl LogWrite<'_> {
    /// Stores `state` (a full document state) as a named version of the
    /// map, with the map's survey answers as they are in this write.
    pub fn create_version(
        &self,
        map_id: &str,
        version_id: &str,
        label: &str,
        state: &[u8],
    ) -> Result<VersionRow> {
        let ts = now();
        let res = self.tx.execute(
            "INSERT INTO versions (id, map_id, label, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![version_id, map_id, label, state, ts],
        );
        match res {
            Ok(_) => {}
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                let exists: bool = self
                    .tx
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM maps WHERE id = ?1)",
                        [map_id],
                        |r| r.get(0),
                    )
                    .in_file(self.path)?;
                return Err(if exists {
                    StoreError::VersionExists {
                        map: map_id.to_string(),
                        label: label.to_string(),
                    }
                } else {
                    StoreError::MapNotFound(map_id.to_string())
                });
            }
            Err(e) => return Err(e).in_file(self.path),
        }
        keep_answers(&self.tx, map_id, version_id).in_file(self.path)?;
        Ok(VersionRow {
            id: version_id.to_string(),
            label: label.to_string(),
            created_at: ts,
        })
    }

    /// Makes the map's waves and answers those `version_id` kept. Returns
    /// the labels of the waves before and after, whose statistics must be
    /// made again; `None` (and nothing changed) for a version named before
    /// versions kept answers.
    pub fn restore_version_answers(
        &self,
        map_id: &str,
        version_id: &str,
    ) -> Result<Option<Vec<String>>> {
        let c = &*self.tx;
        let run = || -> rusqlite::Result<Option<Vec<String>>> {
            if !keeps_answers(c, map_id, version_id)? {
                return Ok(None);
            }
            let mut labels: Vec<String> = {
                let mut stmt =
                    c.prepare_cached("SELECT label FROM survey_waves WHERE map_id = ?1")?;
                let rows = stmt.query_map([map_id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            c.execute("DELETE FROM survey_waves WHERE map_id = ?1", [map_id])?;
            c.execute(
                "INSERT INTO survey_waves (map_id, label, date, imported_at, kept_as)
                 SELECT k.map_id, k.label, k.date, k.imported_at, k.id
                 FROM version_waves v JOIN kept_waves k ON k.id = v.kept_wave
                 WHERE v.version_id = ?1",
                [version_id],
            )?;
            c.execute(
                &format!(
                    "INSERT INTO survey_answers (map_id, wave, {COLUMNS})
                     SELECT k.map_id, k.label, {cols}
                     FROM version_waves v JOIN kept_waves k ON k.id = v.kept_wave
                     JOIN kept_answers a ON a.kept_wave = k.id
                     WHERE v.version_id = ?1 ORDER BY a.rowid",
                    cols = COLUMNS
                        .split(", ")
                        .map(|col| format!("a.{col}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                [version_id],
            )?;
            let mut stmt = c.prepare_cached("SELECT label FROM survey_waves WHERE map_id = ?1")?;
            for label in stmt.query_map([map_id], |r| r.get::<_, String>(0))? {
                labels.push(label?);
            }
            labels.sort();
            labels.dedup();
            Ok(Some(labels))
        };
        run().in_file(self.path)
    }
}

/// A wave a version kept, with its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptWave {
    pub wave: WaveRow,
    pub answers: Vec<SurveyResponse>,
}

impl Store {
    /// The waves and answers `version_id` of the map kept, by date then
    /// label; `None` for a version named before versions kept answers.
    pub fn version_waves(&self, map_id: &str, version_id: &str) -> Result<Option<Vec<KeptWave>>> {
        let c = &self.conn;
        let run = || -> rusqlite::Result<Option<Vec<KeptWave>>> {
            if !keeps_answers(c, map_id, version_id)? {
                return Ok(None);
            }
            let mut stmt = c.prepare_cached(
                "SELECT k.id, k.label, k.date, k.imported_at, k.answers
                 FROM version_waves v JOIN kept_waves k ON k.id = v.kept_wave
                 WHERE v.version_id = ?1
                 ORDER BY k.date IS NULL, k.date, k.imported_at, k.label",
            )?;
            let waves: Vec<(i64, WaveRow)> = stmt
                .query_map([version_id], |r| {
                    Ok((
                        r.get(0)?,
                        WaveRow {
                            label: r.get(1)?,
                            date: r.get(2)?,
                            imported_at: r.get(3)?,
                            answers: r.get(4)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut answers = c.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM kept_answers WHERE kept_wave = ?1 ORDER BY rowid"
            ))?;
            let mut out = Vec::with_capacity(waves.len());
            for (kept, wave) in waves {
                let rows = answers
                    .query_map([kept], answer_from_row)?
                    .collect::<rusqlite::Result<_>>()?;
                out.push(KeptWave {
                    wave,
                    answers: rows,
                });
            }
            Ok(Some(out))
        };
        run().map_err(|e| self.classify(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::{Journey, Scale};

    fn answer(who: &str, value: f64) -> SurveyResponse {
        SurveyResponse {
            touchpoint: uuid::Uuid::from_u128(1),
            respondent: who.into(),
            date: "2026-03-01".into(),
            scale: Scale::Nps,
            value,
            comment: String::new(),
        }
    }

    fn kept_as(s: &Store, label: &str) -> Option<i64> {
        s.connection()
            .query_row(
                "SELECT kept_as FROM survey_waves WHERE map_id = 'm' AND label = ?1",
                [label],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn name(s: &mut Store, label: &str) {
        s.create_version("m", label, label, &[0, 0]).unwrap();
    }

    /// Every write path of a wave's answers makes the next version copy it
    /// again, and the versions named before keep what they had.
    #[test]
    fn a_wave_is_kept_again_after_any_write_of_its_answers() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("library.db")).unwrap();
        s.create_map("m", &[0, 0], &Journey::new("Kept")).unwrap();
        s.replace_wave("m", "Q1", None, &[answer("a", 9.0)])
            .unwrap();
        s.replace_wave("m", "Q2", None, &[answer("b", 3.0), answer("c", 5.0)])
            .unwrap();
        name(&mut s, "v1");
        let (q1, q2) = (kept_as(&s, "Q1").unwrap(), kept_as(&s, "Q2").unwrap());

        // An import elsewhere takes one of Q2's answers: Q2 changed, Q1 not.
        let log = s.begin_write().unwrap();
        log.put_wave("m", "Q3", None, &[answer("b", 10.0)], false)
            .unwrap();
        log.commit().unwrap();
        assert_eq!((kept_as(&s, "Q1"), kept_as(&s, "Q2")), (Some(q1), None));
        name(&mut s, "v2");
        assert_eq!(kept_as(&s, "Q1"), Some(q1), "reused");
        assert!(kept_as(&s, "Q2").is_some_and(|k| k != q2), "copied again");

        // An answer given a new value in place.
        let log = s.begin_write().unwrap();
        assert!(log.update_answer("m", &answer("a", 0.0)).unwrap());
        log.commit().unwrap();
        assert_eq!(kept_as(&s, "Q1"), None);
        name(&mut s, "v3");

        let values = |v: &str, wave: &str| -> Vec<f64> {
            let kept = s.version_waves("m", v).unwrap().unwrap();
            let w = kept.iter().find(|k| k.wave.label == wave).unwrap();
            w.answers.iter().map(|a| a.value).collect()
        };
        assert_eq!(values("v1", "Q1"), [9.0]);
        assert_eq!(values("v1", "Q2"), [3.0, 5.0]);
        assert_eq!(values("v2", "Q2"), [5.0]);
        assert_eq!(values("v3", "Q1"), [0.0]);
        assert_eq!(values("v3", "Q3"), [10.0]);
    }
}
