//! KPI targets through the library (issue 17): set or clear one on the
//! journey or a touchpoint (written into the map's document, so
//! collaborators see it), and list every target with its status from the
//! scorecard (`waymark_score::targets`, the one rule).

use serde::{Deserialize, Serialize};
use waymark_core::{Id, Journey, Kpi, KpiTarget};
pub use waymark_score::targets::{TargetCheck, TargetStatus};

use crate::{ApiError, Library, Result};

/// The targets of the journey or of one touchpoint, checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct TargetGroup {
    /// `None`: the journey's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<Id>,
    /// The touchpoint's title, or the map's.
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
        if let Some(p) = target.and_then(|t| t.problem(kpi)) {
            return Err(ApiError::Invalid(format!("map {id}: {p}")));
        }
        let tp = match touchpoint {
            Some(name) => Some(find_touchpoint(id, &self.journey(id)?, name)?),
            None => None,
        };
        self.edit(id, |j| {
            let targets = match tp {
                Some(t) => {
                    &mut j
                        .touchpoints
                        .iter_mut()
                        .find(|x| x.id == t)
                        .ok_or_else(|| {
                            ApiError::NotFound(format!("map {id} has no touchpoint {t}"))
                        })?
                        .targets
                }
                None => &mut j.targets,
            };
            *targets.slot(kpi) = target;
            Ok(())
        })?;
        let groups = self.targets(id)?;
        Ok(groups
            .into_iter()
            .find(|g| g.touchpoint == tp)
            .unwrap_or_else(|| TargetGroup {
                touchpoint: tp,
                title: String::new(),
                checks: Vec::new(),
            }))
    }

    /// Every group that has targets (the journey first, then touchpoints in
    /// priority order), each target with its status on the current scores.
    pub fn targets(&self, id: &str) -> Result<Vec<TargetGroup>> {
        let journey = self.journey(id)?;
        let card = waymark_score::score(&journey);
        let mut out = Vec::new();
        if !card.journey.targets.is_empty() {
            out.push(TargetGroup {
                touchpoint: None,
                title: journey.title.clone(),
                checks: card.journey.targets,
            });
        }
        out.extend(
            card.touchpoints
                .into_iter()
                .filter(|t| !t.targets.is_empty())
                .map(|t| TargetGroup {
                    touchpoint: Some(t.id),
                    title: t.title,
                    checks: t.targets,
                }),
        );
        Ok(out)
    }
}
