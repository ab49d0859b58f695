//! KPI targets through the library (issue 17): set or clear one on the
//! journey, a stage or a touchpoint (written into the map's document, so
//! collaborators see it), and list every target with its status from the
//! scorecard (`waymark_score::targets`, the one rule).

use serde::{Deserialize, Serialize};
use waymark_core::{Id, Journey, Kpi, KpiTarget};
pub use waymark_score::targets::{TargetCheck, TargetStatus};

use crate::{ApiError, Library, Result};

/// The targets of the journey, one stage or one touchpoint, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct TargetGroup {
    /// Set for a touchpoint's targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<Id>,
    /// Set for a stage's targets (neither: the journey's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Id>,
    /// The touchpoint's title, the stage's name, or the map's title.
    pub title: String,
    pub checks: Vec<TargetCheck>,
}

/// The touchpoint of `map` named by id or exact title.
pub fn find_touchpoint(map: &str, journey: &Journey, name: &str) -> Result<Id> {
    let name = name.trim();
    if let Ok(id) = name.parse::<Id>() {
        if journey.touchpoint(id).is_some() {
            return Ok(id);
        }
    }
    let mut found = journey.touchpoints.iter().filter(|t| t.title == name);
    match (found.next(), found.next()) {
        (Some(t), None) => Ok(t.id),
        (Some(_), Some(_)) => Err(ApiError::Invalid(format!(
            "map {map}: several touchpoints are titled {name:?}; give its id"
        ))),
        _ => Err(ApiError::NotFound(format!(
            "map {map} has no touchpoint {name:?} (give its id or exact title)"
        ))),
    }
}

/// The stage of `map` named by id or exact name.
pub fn find_stage(map: &str, journey: &Journey, name: &str) -> Result<Id> {
    let name = name.trim();
    if let Ok(id) = name.parse::<Id>() {
        if journey.stages.iter().any(|s| s.id == id) {
            return Ok(id);
        }
    }
    let mut found = journey.stages.iter().filter(|s| s.name.trim() == name);
    match (found.next(), found.next()) {
        (Some(s), None) => Ok(s.id),
        (Some(_), Some(_)) => Err(ApiError::Invalid(format!(
            "map {map}: several stages are named {name:?}; give its id"
        ))),
        _ => Err(ApiError::NotFound(format!(
            "map {map} has no stage {name:?} (give its id or exact name)"
        ))),
    }
}

/// Whose target to set: the journey's, a stage's or a touchpoint's (by id,
/// or by exact name or title).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetOf<'a> {
    Journey,
    Stage(&'a str),
    Touchpoint(&'a str),
}

impl<'a> TargetOf<'a> {
    /// From the optional `stage` and `touchpoint` of a request; both is a
    /// mistake the user is told about.
    pub fn from_request(
        map: &str,
        stage: Option<&'a str>,
        touchpoint: Option<&'a str>,
    ) -> Result<TargetOf<'a>> {
        match (stage, touchpoint) {
            (None, None) => Ok(TargetOf::Journey),
            (Some(s), None) => Ok(TargetOf::Stage(s)),
            (None, Some(t)) => Ok(TargetOf::Touchpoint(t)),
            (Some(_), Some(_)) => Err(ApiError::Invalid(format!(
                "map {map}: a target belongs to a stage or a touchpoint, not both"
            ))),
        }
    }
}

impl Library {
    /// Sets (`Some`) or clears (`None`) the `kpi` target of the journey or
    /// of `touchpoint` (id or exact title); answers that group after the
    /// change. A target outside the KPI's range is refused.
    pub fn set_target(
        &self,
        id: &str,
        touchpoint: Option<&str>,
        kpi: Kpi,
        target: Option<KpiTarget>,
    ) -> Result<TargetGroup> {
        let of = touchpoint.map_or(TargetOf::Journey, TargetOf::Touchpoint);
        self.set_target_of(id, of, kpi, target)
    }

    /// [`Library::set_target`] for the journey, a stage or a touchpoint.
    pub fn set_target_of(
        &self,
        id: &str,
        of: TargetOf<'_>,
        kpi: Kpi,
        target: Option<KpiTarget>,
    ) -> Result<TargetGroup> {
        if let Some(p) = target.and_then(|t| t.problem(kpi)) {
            return Err(ApiError::Invalid(format!("map {id}: {p}")));
        }
        let (stage, tp) = match of {
            TargetOf::Journey => (None, None),
            TargetOf::Stage(name) => (Some(find_stage(id, &self.journey(id)?, name)?), None),
            TargetOf::Touchpoint(name) => {
                (None, Some(find_touchpoint(id, &self.journey(id)?, name)?))
            }
        };
        self.edit(id, |j| {
            let gone =
                |what: &str, x: Id| ApiError::NotFound(format!("map {id} has no {what} {x}"));
            let targets = match (stage, tp) {
                (_, Some(t)) => {
                    &mut j
                        .touchpoints
                        .iter_mut()
                        .find(|x| x.id == t)
                        .ok_or_else(|| gone("touchpoint", t))?
                        .targets
                }
                (Some(s), None) => {
                    &mut j
                        .stages
                        .iter_mut()
                        .find(|x| x.id == s)
                        .ok_or_else(|| gone("stage", s))?
                        .targets
                }
                (None, None) => &mut j.targets,
            };
            *targets.slot(kpi) = target;
            Ok(())
        })?;
        let groups = self.targets(id)?;
        Ok(groups
            .into_iter()
            .find(|g| g.touchpoint == tp && g.stage == stage)
            .unwrap_or_else(|| TargetGroup {
                touchpoint: tp,
                stage,
                title: String::new(),
                checks: Vec::new(),
            }))
    }

    /// Every group that has targets (the journey first, then stages in
    /// stage order, then touchpoints in priority order), each target with
    /// its status on the current scores.
    pub fn targets(&self, id: &str) -> Result<Vec<TargetGroup>> {
        let journey = self.journey(id)?;
        let card = self.score(id)?;
        let mut out = Vec::new();
        if !card.journey.targets.is_empty() {
            out.push(TargetGroup {
                touchpoint: None,
                stage: None,
                title: journey.title.clone(),
                checks: card.journey.targets,
            });
        }
        out.extend(
            card.stages
                .into_iter()
                .filter(|s| !s.targets.is_empty())
                .map(|s| TargetGroup {
                    touchpoint: None,
                    stage: Some(s.id),
                    title: s.name,
                    checks: s.targets,
                }),
        );
        out.extend(
            card.touchpoints
                .into_iter()
                .filter(|t| !t.targets.is_empty())
                .map(|t| TargetGroup {
                    touchpoint: Some(t.id),
                    stage: None,
                    title: t.title,
                    checks: t.targets,
                }),
        );
        Ok(out)
    }
}
