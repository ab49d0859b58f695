//! Commands for entities a concurrent edit left without a home (the
//! editor's tray): the list, and putting one back. Each forwards to one
//! [`waymark_api::Library`] call; mirrored by crates/server's
//! `homeless_routes.rs`.

use tauri::State;
use waymark_api::Homeless;

use crate::{CommandError, LibraryState};

#[tauri::command]
pub async fn map_homeless(
    state: State<'_, LibraryState>,
    id: String,
) -> Result<Homeless, CommandError> {
    Ok(state.library()?.homeless(&id)?)
}

/// Puts `entity` back into `stage` (and `lane`); resolves to what is still
/// homeless. The window reloads the map's state to see the change.
#[tauri::command]
pub async fn rehome(
    state: State<'_, LibraryState>,
    id: String,
    entity: String,
    stage: String,
    lane: Option<String>,
) -> Result<Homeless, CommandError> {
    let lib = state.library()?;
    lib.rehome(&id, &entity, &stage, lane.as_deref())?;
    Ok(lib.homeless(&id)?)
}
