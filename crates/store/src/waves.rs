//! Survey waves (issue 17): each import of answers is a wave, labelled within
//! its map and optionally dated, whose raw answers live in the library's
//! `survey_answers` table, indexed by map, wave and touchpoint. An answer's
//! identity is unique within its map: it lives in the wave that imported it
//! last.
//!
//! Every write of a wave's answers clears the wave's `kept_as` (the copy a
//! named version kept of exactly these answers, see `version_answers`), so
//! the next version copies it again: a new write path must do the same.

use std::collections::BTreeSet;
use std::fmt::Write;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use waymark_core::{Scale, SurveyResponse};

use crate::error::{InFile, Result, StoreError};
use crate::{now, LogWrite, Store};

/// The wave that takes a map's answers which no wave held (imported before
/// waves existed, or from a file without a wave). It sorts first, whatever
/// its date: its answers are older than any named wave's, so it must never
/// read as the latest.
pub const EARLIER_ANSWERS: &str = "Earlier answers";

/// A wave as listed: its label, date (YYYY-MM-DD, when given), when it was
/// imported and how many answers it holds.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct WaveRow {
    pub label: String,
    pub date: Option<String>,
    pub imported_at: String,
    #[ts(type = "number")]
    pub answers: i64,
}

fn scale(name: &str) -> rusqlite::Result<Scale> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// What [`LogWrite::put_wave`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WavePut {
    /// Answers whose identity the map did not hold before.
    pub added: usize,
    /// Answers that took the place of one with their identity (in this wave
    /// or another, which then no longer holds it), or of an earlier line of
    /// the same import.
    pub replaced: usize,
    /// The waves whose answers changed: this one, and those that lost
    /// answers to it.
    pub touched: Vec<String>,
    /// The wave held no answer before, and none of these replaced another:
    /// its answers are now exactly the ones given, in their order.
    pub exactly_these: bool,
}

/// Stores `answers` in the wave `label` (created when missing): an answer
/// whose identity the map holds in any wave replaces it. With `replace`,
/// the answers the wave held before and this import lacks leave it.
///
/// Each answer's identity is looked up in the identity index before it is
/// written (the page the insert then needs is the one just read), which
/// says whether it is new and which wave loses it: no count of the map's
/// answers, a scan of every row, before or after.
fn put_wave<'a>(
    c: &Connection,
    map_id: &str,
    label: &str,
    date: Option<&str>,
    answers: impl IntoIterator<Item = &'a SurveyResponse>,
    replace: bool,
) -> rusqlite::Result<WavePut> {
    let last_row: i64 = c.query_row(
        "SELECT COALESCE(MAX(rowid), 0) FROM survey_answers",
        [],
        |r| r.get(0),
    )?;
    c.execute(
        "INSERT INTO survey_waves (map_id, label, date, imported_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (map_id, label) DO UPDATE SET date = COALESCE(?3, date), imported_at = ?4",
        params![map_id, label, date, now()],
    )?;
    if replace {
        c.execute(
            "UPDATE survey_waves SET date = ?3 WHERE map_id = ?1 AND label = ?2",
            params![map_id, label, date],
        )?;
    }
    let held_before: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM survey_answers WHERE map_id = ?1 AND wave = ?2)",
        params![map_id, label],
        |r| r.get(0),
    )?;
    let mut added = 0usize;
    let mut replaced = 0usize;
    let mut losers: BTreeSet<String> = BTreeSet::new();
    {
        // The expression is the identity index's, so the lookup uses it.
        let mut holder = c.prepare_cached(
            "SELECT rowid, wave FROM survey_answers
             WHERE map_id = ?1 AND touchpoint = ?2 AND respondent = ?3 AND date = ?4
             AND (CASE scale WHEN 'ces5' THEN 'ces' WHEN 'ces7' THEN 'ces' ELSE scale END) = ?5",
        )?;
        let mut drop_row = c.prepare_cached("DELETE FROM survey_answers WHERE rowid = ?1")?;
        // A plain one-row INSERT: with OR REPLACE, SQLite copies every page
        // each row's statement touches to a statement journal first (it may
        // delete rows), which was a fifth of a large import. The row holding
        // the identity, found above, is deleted first instead. Rowids are
        // given, all above `last_row`: SQLite would reuse the largest one
        // once its row is deleted, and `replace` below would then take the
        // new row for an old one.
        let mut insert = c.prepare_cached(
            "INSERT INTO survey_answers
             (rowid, map_id, wave, touchpoint, respondent, date, scale, value, comment)
             VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut rowid = last_row;
        let mut touchpoint = String::with_capacity(36);
        for r in answers {
            touchpoint.clear();
            write!(touchpoint, "{}", r.touchpoint).expect("writing to a String");
            let held: Option<(i64, String)> = holder
                .query_row(
                    params![map_id, touchpoint, r.respondent, r.date, r.scale.metric()],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            match held {
                None => added += 1,
                Some((rowid, wave)) => {
                    replaced += 1;
                    drop_row.execute([rowid])?;
                    if wave != label {
                        losers.insert(wave);
                    }
                }
            }
            rowid += 1;
            insert.execute(params![
                map_id,
                label,
                touchpoint,
                r.respondent,
                r.date,
                r.scale.as_str(),
                r.value,
                r.comment,
                rowid
            ])?;
        }
    }
    if replace {
        c.execute(
            "DELETE FROM survey_answers WHERE map_id = ?1 AND wave = ?2 AND rowid <= ?3",
            params![map_id, label, last_row],
        )?;
    }
    losers.insert(label.to_string());
    for wave in &losers {
        changed(c, map_id, wave)?;
    }
    Ok(WavePut {
        added,
        replaced,
        touched: losers.into_iter().collect(),
        exactly_these: !held_before && replaced == 0,
    })
}

/// Marks the wave's answers changed: no kept copy holds them any more.
fn changed(c: &Connection, map_id: &str, label: &str) -> rusqlite::Result<()> {
    c.prepare_cached(
        "UPDATE survey_waves SET kept_as = NULL
         WHERE map_id = ?1 AND label = ?2 AND kept_as IS NOT NULL",
    )?
    .execute(params![map_id, label])?;
    Ok(())
}

/// Hands each answer of a wave to `each`, touchpoint by touchpoint.
fn each_answer(
    c: &Connection,
    map_id: &str,
    label: &str,
    mut each: impl FnMut(SurveyResponse),
) -> rusqlite::Result<()> {
    let mut stmt = c.prepare_cached(
        "SELECT touchpoint, respondent, date, scale, value, comment FROM survey_answers
         WHERE map_id = ?1 AND wave = ?2 ORDER BY touchpoint, rowid",
    )?;
    let mut rows = stmt.query(params![map_id, label])?;
    while let Some(r) = rows.next()? {
        each(answer_from_row(r)?);
    }
    Ok(())
}

/// An answer read as `touchpoint, respondent, date, scale, value, comment`.
pub(crate) fn answer_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SurveyResponse> {
    let touchpoint: String = r.get(0)?;
    Ok(SurveyResponse {
        touchpoint: touchpoint.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })?,
        respondent: r.get(1)?,
        date: r.get(2)?,
        scale: scale(&r.get::<_, String>(3)?)?,
        value: r.get(4)?,
        comment: r.get(5)?,
    })
}

fn wave_labels(c: &Connection, map_id: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = c.prepare_cached("SELECT label FROM survey_waves WHERE map_id = ?1")?;
    let rows = stmt.query_map([map_id], |r| r.get(0))?;
    rows.collect()
}

impl LogWrite<'_> {
    /// [`put_wave`] inside this write, so the answers and the map's
    /// document change together or not at all.
    pub fn put_wave<'a>(
        &self,
        map_id: &str,
        label: &str,
        date: Option<&str>,
        answers: impl IntoIterator<Item = &'a SurveyResponse>,
        replace: bool,
    ) -> Result<WavePut> {
        put_wave(&self.tx, map_id, label, date, answers, replace).in_file(self.path)
    }

    /// Gives the answer holding `r`'s identity (in whichever wave) `r`'s
    /// value and comment; false when the map holds no such answer.
    pub fn update_answer(&self, map_id: &str, r: &SurveyResponse) -> Result<bool> {
        let n = self
            .tx
            .prepare_cached(
                "UPDATE survey_answers SET scale = ?6, value = ?7, comment = ?8
                 WHERE map_id = ?1 AND touchpoint = ?2 AND respondent = ?3 AND date = ?4
                 AND (CASE scale WHEN 'ces5' THEN 'ces' WHEN 'ces7' THEN 'ces' ELSE scale END) = ?5",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    map_id,
                    r.touchpoint.to_string(),
                    r.respondent,
                    r.date,
                    r.scale.metric(),
                    r.scale.as_str(),
                    r.value,
                    r.comment
                ])
            })
            .in_file(self.path)?;
        if n > 0 {
            // Rare (answers placed by identity): every wave of the map counts
            // as changed rather than finding the one that held it.
            self.tx
                .execute(
                    "UPDATE survey_waves SET kept_as = NULL WHERE map_id = ?1",
                    [map_id],
                )
                .in_file(self.path)?;
        }
        Ok(n > 0)
    }

    /// Each answer of the wave `label`, touchpoint by touchpoint.
    pub fn wave_answers(
        &self,
        map_id: &str,
        label: &str,
        each: impl FnMut(SurveyResponse),
    ) -> Result<()> {
        each_answer(&self.tx, map_id, label, each).in_file(self.path)
    }

    /// The labels of the map's waves.
    pub fn wave_labels(&self, map_id: &str) -> Result<Vec<String>> {
        wave_labels(&self.tx, map_id).in_file(self.path)
    }

    /// Deletes a wave and its answers; false when there was none.
    pub fn delete_wave(&self, map_id: &str, label: &str) -> Result<bool> {
        let n = self
            .tx
            .execute(
                "DELETE FROM survey_waves WHERE map_id = ?1 AND label = ?2",
                params![map_id, label],
            )
            .in_file(self.path)?;
        Ok(n > 0)
    }

    /// Renames a wave inside this write; its answers follow.
    pub fn rename_wave(&self, map_id: &str, from: &str, to: &str) -> Result<()> {
        self.tx
            .execute(
                "UPDATE survey_waves SET label = ?3 WHERE map_id = ?1 AND label = ?2",
                params![map_id, from, to],
            )
            .in_file(self.path)?;
        Ok(())
    }
}

impl Store {
    /// Stores `answers` as the wave `label` of `map_id`, replacing the wave's
    /// answers (and date) when the label is already there, in one
    /// transaction. An answer another wave held leaves it.
    pub fn replace_wave<'a>(
        &mut self,
        map_id: &str,
        label: &str,
        date: Option<&str>,
        answers: impl IntoIterator<Item = &'a SurveyResponse>,
    ) -> Result<WaveRow> {
        self.map_row(map_id)?;
        let path = self.path.clone();
        let classify = |e| StoreError::classify(e, &path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(classify)?;
        put_wave(&tx, map_id, label, date, answers, true).map_err(classify)?;
        tx.commit().map_err(classify)?;
        self.wave(map_id, label)
    }

    /// The map's waves: [`EARLIER_ANSWERS`] first, then by date (undated
    /// last), then by import time. The last is what "latest" means.
    pub fn waves(&self, map_id: &str) -> Result<Vec<WaveRow>> {
        self.map_row(map_id)?;
        self.query_rows(
            "SELECT w.label, w.date, w.imported_at,
                    (SELECT COUNT(*) FROM survey_answers a WHERE a.map_id = w.map_id AND a.wave = w.label)
             FROM survey_waves w WHERE w.map_id = ?1
             ORDER BY w.label <> ?2, w.date IS NULL, w.date, w.imported_at, w.label",
            params![map_id, EARLIER_ANSWERS],
            wave_from_row,
        )
    }

    /// The labels of [`Store::waves`] in its order, without counting
    /// answers: what every score request reads (scores are as of a wave).
    pub fn wave_order(&self, map_id: &str) -> Result<Vec<String>> {
        self.map_row(map_id)?;
        self.query_rows(
            "SELECT w.label FROM survey_waves w WHERE w.map_id = ?1
             ORDER BY w.label <> ?2, w.date IS NULL, w.date, w.imported_at, w.label",
            params![map_id, EARLIER_ANSWERS],
            |r| r.get(0),
        )
    }

    pub fn wave(&self, map_id: &str, label: &str) -> Result<WaveRow> {
        self.conn
            .query_row(
                "SELECT w.label, w.date, w.imported_at,
                        (SELECT COUNT(*) FROM survey_answers a WHERE a.map_id = w.map_id AND a.wave = w.label)
                 FROM survey_waves w WHERE w.map_id = ?1 AND w.label = ?2",
                params![map_id, label],
                wave_from_row,
            )
            .optional()
            .map_err(|e| self.classify(e))?
            .ok_or_else(|| not_found(map_id, label))
    }

    /// Renames a wave; its answers follow (the foreign key cascades).
    pub fn rename_wave(&mut self, map_id: &str, from: &str, to: &str) -> Result<WaveRow> {
        self.wave(map_id, from)?;
        if from != to && self.wave(map_id, to).is_ok() {
            return Err(StoreError::WaveExists {
                map: map_id.to_string(),
                wave: to.to_string(),
            });
        }
        self.conn
            .execute(
                "UPDATE survey_waves SET label = ?3 WHERE map_id = ?1 AND label = ?2",
                params![map_id, from, to],
            )
            .map_err(|e| self.classify(e))?;
        self.wave(map_id, to)
    }

    /// Deletes a wave and its answers.
    pub fn delete_wave(&mut self, map_id: &str, label: &str) -> Result<()> {
        let n = self
            .conn
            .execute(
                "DELETE FROM survey_waves WHERE map_id = ?1 AND label = ?2",
                params![map_id, label],
            )
            .map_err(|e| self.classify(e))?;
        if n == 0 {
            self.map_row(map_id)?;
            return Err(not_found(map_id, label));
        }
        Ok(())
    }

    /// How many answers each wave holds per touchpoint: (wave, touchpoint,
    /// answers), read from the index alone.
    pub fn answers_per_touchpoint(&self, map_id: &str) -> Result<Vec<(String, String, i64)>> {
        self.query_rows(
            "SELECT wave, touchpoint, COUNT(*) FROM survey_answers WHERE map_id = ?1
             GROUP BY wave, touchpoint",
            [map_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// Hands each answer of a wave to `each`, touchpoint by touchpoint,
    /// without holding them all.
    pub fn wave_answers(
        &self,
        map_id: &str,
        label: &str,
        each: impl FnMut(SurveyResponse),
    ) -> Result<()> {
        self.wave(map_id, label)?;
        each_answer(&self.conn, map_id, label, each).map_err(|e| self.classify(e))
    }

    /// Hands each of a touchpoint's answers (every wave) to `each`, with
    /// its wave's label.
    pub fn touchpoint_answers(
        &self,
        map_id: &str,
        touchpoint: &str,
        mut each: impl FnMut(&str, SurveyResponse),
    ) -> Result<()> {
        for label in wave_labels(&self.conn, map_id).map_err(|e| self.classify(e))? {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT respondent, date, scale, value, comment FROM survey_answers
                     WHERE map_id = ?1 AND wave = ?2 AND touchpoint = ?3 ORDER BY rowid",
                )
                .map_err(|e| self.classify(e))?;
            let tp: waymark_core::Id = match touchpoint.parse() {
                Ok(t) => t,
                Err(_) => return Ok(()),
            };
            let rows = stmt
                .query_map(params![map_id, label, touchpoint], |r| {
                    Ok(SurveyResponse {
                        touchpoint: tp,
                        respondent: r.get(0)?,
                        date: r.get(1)?,
                        scale: scale(&r.get::<_, String>(2)?)?,
                        value: r.get(3)?,
                        comment: r.get(4)?,
                    })
                })
                .map_err(|e| self.classify(e))?;
            for r in rows {
                each(&label, r.map_err(|e| self.classify(e))?);
            }
        }
        Ok(())
    }
}

fn wave_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WaveRow> {
    Ok(WaveRow {
        label: r.get(0)?,
        date: r.get(1)?,
        imported_at: r.get(2)?,
        answers: r.get(3)?,
    })
}

fn not_found(map_id: &str, label: &str) -> StoreError {
    StoreError::WaveNotFound {
        map: map_id.to_string(),
        wave: label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_core::Journey;

    fn answer(tp: u128, who: &str, value: f64) -> SurveyResponse {
        SurveyResponse {
            touchpoint: uuid::Uuid::from_u128(tp),
            respondent: who.into(),
            date: "2026-03-01".into(),
            scale: Scale::Nps,
            value,
            comment: "ok".into(),
        }
    }

    fn all(s: &Store, map: &str, wave: &str) -> Vec<SurveyResponse> {
        let mut v = Vec::new();
        s.wave_answers(map, wave, |a| v.push(a)).unwrap();
        v
    }

    #[test]
    fn a_put_counts_what_it_added_and_replaced_and_names_the_waves_that_lost() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("library.db")).unwrap();
        let map = "m1".to_string();
        s.create_map(&map, &[0, 0], &Journey::new("Waves")).unwrap();
        let put = |s: &mut Store, label: &str, answers: &[SurveyResponse], replace: bool| {
            let log = s.begin_write().unwrap();
            let put = log.put_wave(&map, label, None, answers, replace).unwrap();
            log.commit().unwrap();
            put
        };
        let q1 = [
            answer(1, "a", 9.0),
            answer(1, "b", 3.0),
            answer(2, "c", 5.0),
        ];
        let p = put(&mut s, "Q1", &q1, true);
        assert_eq!((p.added, p.replaced, p.touched), (3, 0, vec!["Q1".into()]));
        assert!(p.exactly_these, "a new wave of new answers");
        // A line repeated in one file replaces the line before it.
        let p = put(
            &mut s,
            "Q0",
            &[answer(3, "d", 1.0), answer(3, "d", 2.0)],
            true,
        );
        assert_eq!((p.added, p.replaced), (1, 1));
        assert!(!p.exactly_these, "the file's first line left");
        assert_eq!(all(&s, &map, "Q0"), vec![answer(3, "d", 2.0)]);
        // Re-importing a label: its own answers are replaced (the last one
        // too, whose rowid is the largest), no other wave is touched, and
        // what the file lacks leaves the wave.
        let p = put(&mut s, "Q1", &[answer(2, "c", 5.0)], true);
        assert_eq!(all(&s, &map, "Q1"), vec![answer(2, "c", 5.0)]);
        put(&mut s, "Q1", &q1, true);
        let p2 = put(&mut s, "Q1", &[answer(2, "c", 5.0)], true);
        assert_eq!((p.replaced, p2.replaced), (1, 1));
        assert_eq!(all(&s, &map, "Q1"), vec![answer(2, "c", 5.0)]);
        put(&mut s, "Q1", &q1, true);
        let p = put(&mut s, "Q1", &[answer(1, "a", 10.0)], true);
        assert_eq!((p.added, p.replaced, p.touched), (0, 1, vec!["Q1".into()]));
        assert!(!p.exactly_these, "the wave held answers before");
        assert_eq!(all(&s, &map, "Q1"), vec![answer(1, "a", 10.0)]);
        // A wave that loses every answer to another is touched too; a CES
        // answer on the other CES scale is the same answer.
        let mut ces = answer(3, "d", 4.0);
        ces.scale = Scale::Ces7;
        let mut ces5 = ces.clone();
        ces5.scale = Scale::Ces5;
        put(&mut s, "Q0", &[ces5], true);
        let p = put(
            &mut s,
            "Q2",
            &[ces.clone(), answer(1, "a", 0.0), answer(4, "e", 7.0)],
            false,
        );
        assert_eq!((p.added, p.replaced), (1, 2));
        assert_eq!(p.touched, ["Q0", "Q1", "Q2"]);
        assert!(all(&s, &map, "Q0").is_empty() && all(&s, &map, "Q1").is_empty());
        assert_eq!(all(&s, &map, "Q2").len(), 3);
    }

    #[test]
    fn an_answer_lives_in_the_wave_that_imported_it_last() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("library.db")).unwrap();
        let map = "m1".to_string();
        s.create_map(&map, &[0, 0], &Journey::new("Waves")).unwrap();
        s.replace_wave(
            &map,
            "Q1",
            None,
            &[answer(1, "a", 9.0), answer(1, "b", 3.0)],
        )
        .unwrap();
        let log = s.begin_write().unwrap();
        let put = log
            .put_wave(&map, "Q2", None, &[answer(1, "a", 10.0)], false)
            .unwrap();
        log.commit().unwrap();
        assert_eq!((put.added, put.replaced), (0, 1));
        assert_eq!(put.touched, ["Q1", "Q2"], "Q1 lost an answer");
        assert_eq!(all(&s, &map, "Q1"), vec![answer(1, "b", 3.0)]);
        assert_eq!(all(&s, &map, "Q2"), vec![answer(1, "a", 10.0)]);
    }

    #[test]
    fn earlier_answers_never_read_as_the_latest_wave() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("library.db")).unwrap();
        let map = "m1".to_string();
        s.create_map(&map, &[0, 0], &Journey::new("Waves")).unwrap();
        s.replace_wave(&map, "Q1", Some("2026-03-31"), &[answer(1, "a", 9.0)])
            .unwrap();
        // Undated, and imported after Q1 (as a migration or a wave-less
        // import would): it still comes first.
        s.replace_wave(&map, EARLIER_ANSWERS, None, &[answer(1, "b", 3.0)])
            .unwrap();
        s.replace_wave(&map, "Q2", Some("2026-06-30"), &[answer(1, "c", 10.0)])
            .unwrap();
        assert_eq!(s.wave_order(&map).unwrap(), [EARLIER_ANSWERS, "Q1", "Q2"]);
        let listed: Vec<_> = s
            .waves(&map)
            .unwrap()
            .into_iter()
            .map(|w| w.label)
            .collect();
        assert_eq!(listed, s.wave_order(&map).unwrap());
    }

    #[test]
    fn waves_replace_rename_delete_in_a_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let mut s = Store::open(&path).unwrap();
        let j = Journey::new("Waves");
        let map = "m1".to_string();
        s.create_map(&map, &[0, 0], &j).unwrap();

        let q1 = [answer(1, "a", 9.0), answer(2, "b", 3.0)];
        let row = s.replace_wave(&map, "Q1", Some("2026-03-31"), &q1).unwrap();
        assert_eq!((row.answers, row.date.as_deref()), (2, Some("2026-03-31")));
        s.replace_wave(&map, "Q0", Some("2025-12-31"), &q1[..1])
            .unwrap();
        // Re-importing a label replaces its answers.
        s.replace_wave(&map, "Q1", Some("2026-03-30"), &[answer(1, "c", 10.0)])
            .unwrap();
        assert_eq!(all(&s, &map, "Q1"), vec![answer(1, "c", 10.0)]);
        let labels: Vec<_> = s
            .waves(&map)
            .unwrap()
            .into_iter()
            .map(|w| w.label)
            .collect();
        assert_eq!(labels, ["Q0", "Q1"], "by date");
        assert_eq!(s.wave_order(&map).unwrap(), labels, "the same order");

        assert!(matches!(
            s.rename_wave(&map, "Q1", "Q0"),
            Err(StoreError::WaveExists { .. })
        ));
        s.rename_wave(&map, "Q1", "2026 Q1").unwrap();
        assert_eq!(
            all(&s, &map, "2026 Q1").len(),
            1,
            "answers follow the rename"
        );
        s.delete_wave(&map, "Q0").unwrap();
        assert!(matches!(
            s.delete_wave(&map, "Q0"),
            Err(StoreError::WaveNotFound { .. })
        ));
        drop(s);
        // Reopened from the file.
        let s = Store::open(&path).unwrap();
        let waves = s.waves(&map).unwrap();
        assert_eq!(waves.len(), 1);
        assert_eq!((waves[0].label.as_str(), waves[0].answers), ("2026 Q1", 1));
        let n: i64 = s
            .connection()
            .query_row("SELECT COUNT(*) FROM survey_answers", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "a deleted wave takes its answers");
    }
}
