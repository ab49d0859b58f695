//! Handlers of the survey-wave commands the app's trend views call: the
//! trend, two waves compared, and KPI targets.

use serde::{Deserialize, Serialize};
use waymark_core::{Kpi, KpiTarget};
use waymark_score::wave_compare::{compare_waves, WaveComparison};

use super::{Front, MapId};
use crate::targets::{TargetGroup, TargetOf};
use crate::waves::Trend;
use crate::{ApiError, Library, Result};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CompareWaves {
    pub id: String,
    /// Wave labels.
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct SetTarget {
    pub id: String,
    /// A touchpoint's id or exact title; missing (and no stage): the
    /// journey's target.
    #[serde(default)]
    pub touchpoint: Option<String>,
    /// A stage's id or exact name, for a stage's target.
    #[serde(default)]
    pub stage: Option<String>,
    pub kpi: Kpi,
    /// Missing: clear the target.
    #[serde(default)]
    pub target: Option<KpiTarget>,
}

pub fn map_trend(lib: &Library, _: Front, r: MapId) -> Result<Trend> {
    lib.trend(&r.id)
}

pub fn map_waves(lib: &Library, _: Front, r: MapId) -> Result<Vec<crate::waves::WaveRow>> {
    lib.waves(&r.id)
}

pub fn compare_waves_cmd(lib: &Library, _: Front, r: CompareWaves) -> Result<WaveComparison> {
    let t = lib.trend(&r.id)?;
    let find = |label: &str| {
        t.waves
            .iter()
            .find(|w| w.label == label)
            .ok_or_else(|| ApiError::NotFound(format!("map {} has no survey wave {label:?}", r.id)))
    };
    Ok(compare_waves(find(&r.before)?, find(&r.after)?))
}

pub fn map_targets(lib: &Library, _: Front, r: MapId) -> Result<Vec<TargetGroup>> {
    lib.targets(&r.id)
}

pub fn set_target(lib: &Library, _: Front, r: SetTarget) -> Result<TargetGroup> {
    let of = TargetOf::from_request(&r.id, r.stage.as_deref(), r.touchpoint.as_deref())?;
    lib.set_target_of(&r.id, of, r.kpi, r.target)
}
