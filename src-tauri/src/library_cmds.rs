//! Commands of the library home: rename, duplicate, the trash (delete with
//! undo), recently opened, score strips and import. Each forwards to one
//! [`waymark_api::Library`] call.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime, State};
use waymark_api::{MapStrip, MapSummary};

use crate::recent_menu::refresh_quietly;
use crate::{CommandError, LibraryState};

#[tauri::command]
pub async fn rename_map<R: Runtime>(
    state: State<'_, LibraryState>,
    app: AppHandle<R>,
    id: String,
    title: String,
) -> Result<MapSummary, CommandError> {
    let renamed = state.library()?.rename(&id, &title)?;
    refresh_quietly(&app);
    Ok(renamed)
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
pub async fn trash_map<R: Runtime>(
    state: State<'_, LibraryState>,
    app: AppHandle<R>,
    id: String,
) -> Result<(), CommandError> {
    state.library()?.move_to_trash(&id)?;
    refresh_quietly(&app);
    Ok(())
}

#[tauri::command]
pub async fn untrash_map<R: Runtime>(
    state: State<'_, LibraryState>,
    app: AppHandle<R>,
    id: String,
) -> Result<(), CommandError> {
    state.library()?.restore_from_trash(&id)?;
    refresh_quietly(&app);
    Ok(())
}

#[tauri::command]
pub async fn mark_opened<R: Runtime>(
    state: State<'_, LibraryState>,
    app: AppHandle<R>,
    id: String,
) -> Result<(), CommandError> {
    state.library()?.mark_opened(&id)?;
    refresh_quietly(&app);
    Ok(())
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
