//! Commands of the library home: rename, duplicate, the trash (delete with
//! undo), recently opened, score strips and import. Each forwards to one
//! [`waymark_api::Library`] call.

use std::path::PathBuf;

use tauri::State;
use waymark_api::{MapStrip, MapSummary};

use crate::{CommandError, LibraryState};

#[tauri::command]
pub async fn rename_map(
    state: State<'_, LibraryState>,
    id: String,
    title: String,
) -> Result<MapSummary, CommandError> {
    Ok(state.library()?.rename(&id, &title)?)
}

#[tauri::command]
pub async fn duplicate_map(
    state: State<'_, LibraryState>,
    id: String,
) -> Result<String, CommandError> {
    Ok(state.library()?.duplicate(&id)?)
}

/// Moves a map to the trash; [`untrash_map`] undoes it.
#[tauri::command]
pub async fn trash_map(state: State<'_, LibraryState>, id: String) -> Result<(), CommandError> {
    Ok(state.library()?.move_to_trash(&id)?)
}

#[tauri::command]
pub async fn untrash_map(state: State<'_, LibraryState>, id: String) -> Result<(), CommandError> {
    Ok(state.library()?.restore_from_trash(&id)?)
}

#[tauri::command]
pub async fn mark_opened(state: State<'_, LibraryState>, id: String) -> Result<(), CommandError> {
    Ok(state.library()?.mark_opened(&id)?)
}

#[tauri::command]
pub async fn map_strips(state: State<'_, LibraryState>) -> Result<Vec<MapStrip>, CommandError> {
    Ok(state.library()?.strips()?)
}

/// Imports a `.waymark` or Mermaid file: by `path` (the native file dialog,
/// a file dropped on the window) or as `name` + `content`. Returns the new
/// map's id.
#[tauri::command]
pub async fn import_map(
    state: State<'_, LibraryState>,
    path: Option<String>,
    name: Option<String>,
    content: Option<String>,
) -> Result<String, CommandError> {
    let library = state.library()?;
    match (path, name, content) {
        (Some(path), None, None) => Ok(library.import_file(&PathBuf::from(path))?),
        (None, Some(name), Some(content)) => Ok(library.import(&name, &content, None)?),
        _ => Err(CommandError::bad_request(
            "import_map needs either a path or a name and its content",
        )),
    }
}
