//! The one Tauri command behind the API's command table: `rpc` with the
//! command's name and its JSON request runs [`waymark_api::rpc::dispatch`]
//! off the window's thread. Afterwards the Open Recent menu follows the
//! commands that change the list it shows.

use tauri::{AppHandle, Runtime, State};
use waymark_api::rpc::{dispatch, Front};
use waymark_api::{ApiError, Code};

use crate::recent_menu::refresh_quietly;
use crate::LibraryState;

/// The commands after which File › Open Recent is rebuilt.
const CHANGE_RECENT: [&str; 4] = ["rename_map", "trash_map", "untrash_map", "mark_opened"];

#[tauri::command]
pub async fn rpc<R: Runtime>(
    state: State<'_, LibraryState>,
    app: AppHandle<R>,
    command: String,
    request: Option<serde_json::Value>,
) -> Result<serde_json::Value, ApiError> {
    let lib = state.shared()?;
    let name = command.clone();
    let request = request.unwrap_or_default();
    let answer = tauri::async_runtime::spawn_blocking(move || {
        dispatch(&lib, Front::Desktop, &name, request)
    })
    .await
    .map_err(|e| ApiError::coded(Code::Internal, format!("{command} failed: {e}")))??;
    if CHANGE_RECENT.contains(&command.as_str()) {
        refresh_quietly(&app);
    }
    Ok(answer)
}
