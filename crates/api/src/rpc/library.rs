//! Handlers of the library's commands: maps, templates, versions, the trash
//! and homeless entities. Each is one [`Library`] call.

use serde::{Deserialize, Serialize};

use super::{Front, MapId, NoArgs};
use crate::{Homeless, Library, MapStrip, MapSummary, Result, TemplateInfo, VersionInfo};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct CreateMap {
    #[serde(default)]
    pub template: Option<String>,
    /// Empty or missing: the map is named after its template.
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct RenameMap {
    pub id: String,
    pub title: String,
}

/// A `.waymark` or Mermaid file's name (which says its format) and text.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct ImportText {
    pub name: String,
    pub content: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CreateVersion {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct RestoreVersion {
    pub id: String,
    /// The version's id or label.
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(optional_fields)]
pub struct Rehome {
    pub id: String,
    pub entity: String,
    pub stage: String,
    /// For a touchpoint: by default its old lane if it exists, else the first.
    #[serde(default)]
    pub lane: Option<String>,
}

/// Maps named by id.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct MapIds {
    pub ids: Vec<String>,
}

pub fn title_clashes(
    lib: &Library,
    _: Front,
    r: MapIds,
) -> Result<Vec<crate::keep_both::TitleClash>> {
    lib.title_clashes(&r.ids)
}

pub fn list_maps(lib: &Library, _: Front, _: NoArgs) -> Result<Vec<MapSummary>> {
    lib.list_maps()
}

pub fn list_templates(_: &Library, _: Front, _: NoArgs) -> Result<Vec<TemplateInfo>> {
    Ok(crate::list_templates())
}

pub fn create_map(lib: &Library, _: Front, r: CreateMap) -> Result<String> {
    let title = r.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    lib.create_map(r.template.as_deref(), title)
}

pub fn rename_map(lib: &Library, _: Front, r: RenameMap) -> Result<MapSummary> {
    lib.rename(&r.id, &r.title)
}

pub fn duplicate_map(lib: &Library, _: Front, r: MapId) -> Result<String> {
    lib.duplicate(&r.id)
}

pub fn trash_map(lib: &Library, _: Front, r: MapId) -> Result<()> {
    lib.move_to_trash(&r.id)
}

pub fn untrash_map(lib: &Library, _: Front, r: MapId) -> Result<()> {
    lib.restore_from_trash(&r.id)
}

pub fn mark_opened(lib: &Library, _: Front, r: MapId) -> Result<()> {
    lib.mark_opened(&r.id)
}

pub fn map_strips(lib: &Library, _: Front, _: NoArgs) -> Result<Vec<MapStrip>> {
    lib.strips()
}

pub fn import_map(lib: &Library, _: Front, r: ImportText) -> Result<String> {
    lib.import(&r.name, &r.content, None)
}

pub fn create_version(lib: &Library, _: Front, r: CreateVersion) -> Result<VersionInfo> {
    lib.create_version(&r.id, &r.label)
}

pub fn list_versions(lib: &Library, _: Front, r: MapId) -> Result<Vec<VersionInfo>> {
    lib.versions(&r.id)
}

pub fn restore_version(lib: &Library, _: Front, r: RestoreVersion) -> Result<VersionInfo> {
    lib.restore(&r.id, &r.version)
}

pub fn map_homeless(lib: &Library, _: Front, r: MapId) -> Result<Homeless> {
    lib.homeless(&r.id)
}

pub fn rehome(lib: &Library, _: Front, r: Rehome) -> Result<Homeless> {
    lib.rehome(&r.id, &r.entity, &r.stage, r.lane.as_deref())?;
    lib.homeless(&r.id)
}
