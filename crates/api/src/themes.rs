//! Themes from verbatims through the library (issue 17): the comments come
//! from the library's survey tables (each wave's raw answers), never from
//! the map's document, and are grouped per touchpoint and per stage by
//! [`waymark_score::themes`]. Like scores they are as of a wave
//! ([`waymark_score::as_of`]): each touchpoint's comments come from the
//! wave its score reads.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use waymark_core::{Id, SurveyResponse};
pub use waymark_score::themes::{Theme, Themes};
use waymark_score::AsOf;

use crate::{ApiError, Library, Result};

/// Which comments to group: one touchpoint or stage (by id or title),
/// missing: all of them; as of which wave (missing: the latest).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct ThemesQuery {
    pub id: String,
    #[serde(default)]
    pub touchpoint: Option<String>,
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub as_of: Option<AsOf>,
}

/// The themes of one touchpoint's comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TouchpointThemes {
    pub id: String,
    pub title: String,
    /// Its stage's id.
    pub stage: String,
    #[serde(flatten)]
    pub themes: Themes,
}

/// The themes of all the comments on one stage's touchpoints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct StageThemes {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub themes: Themes,
}

/// What `waymark themes` and the `themes` command answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MapThemes {
    pub map: String,
    /// The wave the themes are as of (each touchpoint's comments from that
    /// wave, or its latest earlier one); `null`: every wave's, each answer
    /// once (a later wave's copy wins).
    pub wave: Option<String>,
    /// In map order (stage, then position); every touchpoint asked for,
    /// with or without comments.
    pub touchpoints: Vec<TouchpointThemes>,
    /// In map order; none when one touchpoint was asked for.
    pub stages: Vec<StageThemes>,
}

/// Picks `wanted` among `(id, title)` by id or else by title, ignoring case.
fn pick<'a>(what: &str, map: &str, wanted: &str, items: &'a [(Id, String)]) -> Result<&'a Id> {
    let w = wanted.trim();
    items
        .iter()
        .find(|(id, _)| id.to_string() == w)
        .or_else(|| items.iter().find(|(_, t)| t.trim().eq_ignore_ascii_case(w)))
        .map(|(id, _)| id)
        .ok_or_else(|| ApiError::NotFound(format!("map {map} has no {what} {wanted:?}")))
}

impl Library {
    /// Each touchpoint's largest theme in its comments as of a wave.
    pub fn top_themes(&self, id: &str, as_of: &AsOf) -> Result<BTreeMap<Id, Theme>> {
        let all = self.themes(&ThemesQuery {
            id: id.to_string(),
            as_of: Some(as_of.clone()),
            ..ThemesQuery::default()
        })?;
        Ok(all
            .touchpoints
            .into_iter()
            .filter_map(|t| {
                let top = t.themes.themes.into_iter().next()?;
                Some((t.id.parse().ok()?, top))
            })
            .collect())
    }

    /// The themes of the map's comments per touchpoint and per stage, read
    /// from the library's survey waves.
    pub fn themes(&self, q: &ThemesQuery) -> Result<MapThemes> {
        let id = q.id.as_str();
        let mut inner = self.lock();
        let view = inner.wave_view(id, q.as_of.as_ref().unwrap_or(&AsOf::Latest))?;
        // Titles, order and which wave each touchpoint reads: the answers
        // come from the waves' tables.
        let (stages, touchpoints, from) = {
            let j = &inner.load(id)?.journey;
            let from = view.stats(j).from;
            let mut stages: Vec<_> = j.stages.iter().collect();
            stages.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
            let rank: HashMap<Id, usize> =
                stages.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
            let mut tps: Vec<_> = j.touchpoints.iter().collect();
            tps.sort_by(|a, b| {
                (rank.get(&a.stage), &a.order, a.id).cmp(&(rank.get(&b.stage), &b.order, b.id))
            });
            (
                stages
                    .iter()
                    .map(|s| (s.id, s.name.clone()))
                    .collect::<Vec<_>>(),
                tps.iter()
                    .map(|t| (t.id, t.title.clone(), t.stage))
                    .collect::<Vec<_>>(),
                from,
            )
        };
        let tp_names: Vec<(Id, String)> = touchpoints.iter().map(|t| (t.0, t.1.clone())).collect();
        let only_tp = q
            .touchpoint
            .as_deref()
            .map(|t| pick("touchpoint", id, t, &tp_names))
            .transpose()?
            .copied();
        let only_stage = q
            .stage
            .as_deref()
            .map(|s| pick("stage", id, s, &stages))
            .transpose()?
            .copied();

        // As of a wave: the waves the touchpoints read; pooled: every wave.
        let labels: Vec<String> = match view.wave() {
            Some(_) => {
                let mut l: Vec<String> = from.values().cloned().collect();
                l.sort();
                l.dedup();
                l
            }
            None => inner
                .store
                .waves(id)?
                .into_iter()
                .map(|w| w.label)
                .collect(),
        };
        // Commented answers, each once by its key, a later wave's copy in
        // the place of an earlier one.
        let mut answers: Vec<SurveyResponse> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for label in &labels {
            inner.store.wave_answers(id, label, |a| {
                if a.comment.trim().is_empty()
                    || view.wave().is_some() && from.get(&a.touchpoint) != Some(label)
                {
                    return;
                }
                match at.get(&a.key()) {
                    Some(&i) => answers[i] = a,
                    None => {
                        at.insert(a.key(), answers.len());
                        answers.push(a);
                    }
                }
            })?;
        }
        drop(inner);
        let mut by_tp: HashMap<Id, Vec<&SurveyResponse>> = HashMap::new();
        for a in &answers {
            by_tp.entry(a.touchpoint).or_default().push(a);
        }

        let mut out_tps = Vec::new();
        for (tp, title, stage) in &touchpoints {
            if only_tp.is_some_and(|t| t != *tp) || only_stage.is_some_and(|s| s != *stage) {
                continue;
            }
            let mine = by_tp.get(tp).map(Vec::as_slice).unwrap_or_default();
            out_tps.push(TouchpointThemes {
                id: tp.to_string(),
                title: title.clone(),
                stage: stage.to_string(),
                themes: waymark_score::themes::themes_of(mine.iter().copied()),
            });
        }
        let mut out_stages = Vec::new();
        if only_tp.is_none() {
            for (sid, name) in &stages {
                if only_stage.is_some_and(|s| s != *sid) {
                    continue;
                }
                let mine = touchpoints
                    .iter()
                    .filter(|t| t.2 == *sid)
                    .flat_map(|t| by_tp.get(&t.0).map(Vec::as_slice).unwrap_or_default())
                    .copied();
                out_stages.push(StageThemes {
                    id: sid.to_string(),
                    title: name.clone(),
                    themes: waymark_score::themes::themes_of(mine),
                });
            }
        }
        Ok(MapThemes {
            map: id.to_string(),
            wave: view.wave().map(str::to_string),
            touchpoints: out_tps,
            stages: out_stages,
        })
    }
}
