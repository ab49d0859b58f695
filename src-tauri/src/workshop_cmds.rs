//! Hosting a live workshop from the window (Map › Start Workshop…): thin
//! commands over [`waymark_server::host_workshop`]. One workshop at a time;
//! it stops when the window asks, when the facilitator ends it in their
//! browser, or when the app exits ([`stop_on_exit`]).

use std::net::IpAddr;
use std::sync::Arc;

use tauri::async_runtime::Mutex;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use waymark_server::{
    HostAddress, HostOptions, HostedWorkshop, UiFiles, WorkshopInfo, WorkshopOptions,
    WorkshopSummary,
};

use waymark_api::ApiError;

use crate::LibraryState;

/// The workshop the app hosts, if any.
#[derive(Default)]
pub struct WorkshopState(Mutex<Option<HostedWorkshop>>);

/// This machine's addresses a workshop can listen on, the likeliest LAN
/// address first and loopback ("this computer only") last.
#[tauri::command]
pub async fn workshop_addresses() -> Vec<HostAddress> {
    waymark_server::host_addresses()
}

/// Starts hosting map `id` on `ip` (default: the LAN address) and `port`
/// (default: a free one). With a workshop already running for this map,
/// returns it; for another map, refuses.
#[tauri::command]
pub async fn workshop_start<R: Runtime>(
    app: AppHandle<R>,
    library: State<'_, LibraryState>,
    workshop: State<'_, WorkshopState>,
    id: String,
    options: Option<HostOptions>,
) -> Result<WorkshopInfo, ApiError> {
    let HostOptions { ip, port } = options.unwrap_or_default();
    let lib = library.shared()?;
    let ip = match ip.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(
            text.parse::<IpAddr>()
                .map_err(|_| ApiError::Invalid(format!("{text:?} is not an IP address")))?,
        ),
    };
    let mut current = workshop.0.lock().await;
    if let Some(running) = current.as_ref().filter(|w| w.is_running()) {
        if running.map() == id {
            return Ok(running.info());
        }
        return Err(ApiError::Invalid(
            "A workshop is running for another map: end it first".into(),
        ));
    }
    // One the facilitator ended in their browser: already stopped.
    if let Some(stale) = current.take() {
        let _ = stale.stop().await;
    }
    let hosted = waymark_server::host_workshop(
        lib,
        WorkshopOptions {
            map: id,
            ip,
            port: port.unwrap_or(0),
            ui_files: Some(embedded_ui(&app)),
        },
    )
    .await?;
    let info = hosted.info();
    *current = Some(hosted);
    Ok(info)
}

/// The workshop's link, code and who is in it; `null` when none was started.
/// `running` turns false once the facilitator ended it in their browser.
#[tauri::command]
pub async fn workshop_status(
    workshop: State<'_, WorkshopState>,
) -> Result<Option<WorkshopInfo>, ApiError> {
    Ok(workshop.0.lock().await.as_ref().map(HostedWorkshop::info))
}

/// Ends the workshop (participants disconnected, everything saved, a version
/// of the map kept) and stops listening. Resolves to the end's summary, or
/// `null` when there was nothing left to end.
#[tauri::command]
pub async fn workshop_stop(
    workshop: State<'_, WorkshopState>,
) -> Result<Option<WorkshopSummary>, ApiError> {
    let hosted = workshop.0.lock().await.take();
    match hosted {
        Some(w) => Ok(w.stop().await?),
        None => Ok(None),
    }
}

/// Opens the facilitator's view (roles, voting, timer, end) in the
/// system's browser.
#[tauri::command]
pub async fn workshop_open_facilitator<R: Runtime>(
    app: AppHandle<R>,
    workshop: State<'_, WorkshopState>,
) -> Result<(), ApiError> {
    let url = workshop
        .0
        .lock()
        .await
        .as_ref()
        .filter(|w| w.is_running())
        .map(HostedWorkshop::facilitator_url)
        .ok_or_else(|| ApiError::Invalid("No workshop is running".into()))?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| ApiError::Invalid(format!("Could not open the browser: {e}")))
}

/// Participants' browsers load the same UI the window shows, from inside
/// the binary (there is no ui/dist next to an installed app).
fn embedded_ui<R: Runtime>(app: &AppHandle<R>) -> UiFiles {
    let assets = app.asset_resolver();
    UiFiles(Arc::new(move |path: &str| {
        assets
            .get(path.to_string())
            .map(|asset| (asset.bytes, asset.mime_type))
    }))
}

/// Call when the app exits: ends a running workshop so everything is saved
/// and participants see that it ended.
pub fn stop_on_exit<R: Runtime>(app: &AppHandle<R>) {
    let Some(state) = app.try_state::<WorkshopState>() else {
        return;
    };
    let hosted = tauri::async_runtime::block_on(async { state.0.lock().await.take() });
    if let Some(w) = hosted {
        if let Err(err) = tauri::async_runtime::block_on(w.stop()) {
            eprintln!("waymark-desktop: ending the workshop on exit: {err}");
        }
    }
}
