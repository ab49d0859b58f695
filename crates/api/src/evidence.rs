//! Survey answers in the library's tables, their statistics in the map's
//! document (issue 17). Every write of answers goes through
//! [`Inner::write_answers`]: in one transaction the wave tables change, the
//! statistics of the waves that changed are made again from the tables, and
//! the document gets the difference. A map whose document still holds raw
//! answers (written before) has them moved to the tables on the way, once.

use std::collections::BTreeSet;

use waymark_core::evidence::WaveEvidence;
use waymark_core::{Id, Journey, SurveyResponse};
use waymark_score::evidence::stats_of;
use waymark_store::LogWrite;

use crate::{Inner, Result};

pub use waymark_store::EARLIER_ANSWERS;

impl Inner {
    /// One change to a map's survey answers: `f` writes the wave tables
    /// inside the write's transaction (given the map as it is) and names the
    /// waves it touched. Their statistics are made again from the tables
    /// and written into the document in the same transaction; on any error
    /// neither the tables nor the document change.
    pub(crate) fn write_answers<T>(
        &mut self,
        id: &str,
        f: impl FnOnce(&LogWrite, &Journey) -> Result<(T, Vec<String>)>,
    ) -> Result<T> {
        self.write_answers_as(id, "local", None, |log, j| {
            f(log, j).map(|(out, waves)| (out, waves, false))
        })
    }

    /// [`Inner::write_answers`] of one import: when `f` also answers true,
    /// the wave `known.0` now holds exactly `known.1`, in that order (see
    /// [`waymark_store::WavePut::exactly_these`]), and its statistics are
    /// made from them rather than read back from the tables.
    pub(crate) fn write_known_answers<T>(
        &mut self,
        id: &str,
        known: (&str, &[SurveyResponse]),
        f: impl FnOnce(&LogWrite, &Journey) -> Result<(T, Vec<String>, bool)>,
    ) -> Result<T> {
        self.write_answers_as(id, "local", Some(known), f)
    }

    fn write_answers_as<T>(
        &mut self,
        id: &str,
        origin: &str,
        known: Option<(&str, &[SurveyResponse])>,
        f: impl FnOnce(&LogWrite, &Journey) -> Result<(T, Vec<String>, bool)>,
    ) -> Result<T> {
        self.write_with_log(id, origin, |open, log| {
            let mut next = Journey::clone(&open.journey);
            // First, so that an import's answers replace the moved ones.
            let raw = std::mem::take(&mut next.responses);
            let moved = !raw.is_empty();
            let mut touched = place_answers(log, id, raw)?;
            let (out, waves, exact) = f(log, &next)?;
            touched.extend(waves);
            // Moved answers may have gone to the known wave too.
            let known = known.filter(|_| exact && !moved);
            restate(log, id, &mut next, &touched, known)?;
            let mut change = crate::diff_change(open, next)?;
            if let Some(c) = change.as_mut() {
                c.compact = moved;
            }
            Ok((out, change))
        })
    }

    /// Makes the map `target` (a named version's projection) with the
    /// survey answers version `version_id` kept, after keeping the map as
    /// it is (document and answers) as version `safety`; one transaction.
    /// A version named before versions kept answers keeps today's answers,
    /// and its statistics are made again from them, so the document and
    /// the tables agree either way.
    pub(crate) fn restore_version(
        &mut self,
        id: &str,
        version_id: &str,
        safety: &str,
        target: Journey,
    ) -> Result<waymark_store::VersionRow> {
        self.write_with_log(id, "restore", |open, log| {
            let kept = log.create_version(
                id,
                &uuid::Uuid::new_v4().to_string(),
                safety,
                &crate::full_state(&open.doc),
            )?;
            let mut next = target;
            let mut touched: BTreeSet<String> = match log.restore_version_answers(id, version_id)? {
                Some(labels) => labels.into_iter().collect(),
                None => log.wave_labels(id)?.into_iter().collect(),
            };
            touched.extend(next.evidence.iter().map(|e| e.wave.clone()));
            let raw = std::mem::take(&mut next.responses);
            let moved = !raw.is_empty();
            touched.extend(place_answers(log, id, raw)?);
            restate(log, id, &mut next, &touched, None)?;
            let mut change = crate::diff_change(open, next)?;
            if let Some(c) = change.as_mut() {
                c.compact = moved;
            }
            Ok((kept, change))
        })
    }

    /// Moves the raw answers a map's document still holds to the tables,
    /// once (see the module), as one logged update. Nothing happens for a
    /// map without them. When it fails (a library that cannot be written)
    /// the map reads on with them in its document: they still score.
    pub(crate) fn migrate_answers(&mut self, id: &str) -> Result<()> {
        self.write_answers_as(id, "migration", None, |_, _| Ok(((), Vec::new(), false)))
    }
}

/// Puts answers that come without a wave (a document's raw answers, a
/// file's) into the tables: an answer some wave holds (by identity) takes
/// the new value there, the others go to the wave [`EARLIER_ANSWERS`].
/// Returns the waves touched.
pub(crate) fn place_answers(
    log: &LogWrite,
    id: &str,
    answers: Vec<SurveyResponse>,
) -> Result<BTreeSet<String>> {
    let mut touched = BTreeSet::new();
    if answers.is_empty() {
        return Ok(touched);
    }
    let mut homeless: Vec<SurveyResponse> = Vec::new();
    for r in answers {
        if !log.update_answer(id, &r)? {
            homeless.push(r);
        }
    }
    touched.extend(log.wave_labels(id)?);
    if !homeless.is_empty() {
        log.put_wave(id, EARLIER_ANSWERS, None, &homeless, false)?;
        touched.insert(EARLIER_ANSWERS.to_string());
    }
    Ok(touched)
}

/// Makes `journey.evidence` of each wave in `waves` what the tables hold:
/// per touchpoint of the map, the statistics of its answers in that wave.
/// Answers about a touchpoint the map no longer has stay in the tables and
/// out of the document. `known` is a wave whose answers in the tables are
/// exactly these, in their order: they are not read back (for a large
/// import that was a third of its time).
pub(crate) fn restate(
    log: &LogWrite,
    id: &str,
    journey: &mut Journey,
    waves: &BTreeSet<String>,
    known: Option<(&str, &[SurveyResponse])>,
) -> Result<()> {
    if waves.is_empty() {
        return Ok(());
    }
    journey.evidence.retain(|e| !waves.contains(&e.wave));
    let present: std::collections::HashSet<Id> = journey.touchpoints.iter().map(|t| t.id).collect();
    let labels: BTreeSet<String> = log.wave_labels(id)?.into_iter().collect();
    for wave in waves.iter().filter(|w| labels.contains(*w)) {
        // The rows come touchpoint by touchpoint: one touchpoint's answers
        // are held at a time.
        let mut current: Vec<SurveyResponse> = Vec::new();
        let flush = |answers: &mut Vec<SurveyResponse>, out: &mut Vec<WaveEvidence>| {
            if let Some(first) = answers.first() {
                if present.contains(&first.touchpoint) {
                    out.push(WaveEvidence {
                        touchpoint: first.touchpoint,
                        wave: wave.clone(),
                        stats: stats_of(answers.iter()),
                    });
                }
            }
            answers.clear();
        };
        let evidence = &mut journey.evidence;
        if let Some((_, answers)) = known.filter(|(k, _)| k == wave) {
            // Touchpoint by touchpoint, each in the order of the rows.
            let mut order: Vec<&SurveyResponse> = answers.iter().collect();
            order.sort_by_key(|a| a.touchpoint);
            for group in order.chunk_by(|a, b| a.touchpoint == b.touchpoint) {
                if present.contains(&group[0].touchpoint) {
                    evidence.push(WaveEvidence {
                        touchpoint: group[0].touchpoint,
                        wave: wave.clone(),
                        stats: stats_of(group.iter().copied()),
                    });
                }
            }
            continue;
        }
        log.wave_answers(id, wave, |a| {
            if current
                .first()
                .is_some_and(|c| c.touchpoint != a.touchpoint)
            {
                flush(&mut current, evidence);
            }
            current.push(a);
        })?;
        flush(&mut current, evidence);
    }
    journey.normalize();
    Ok(())
}
