//! Waymark desktop shell: one window showing the web UI (`ui/dist`), the
//! API's command table behind one generic Tauri command ([`rpc_cmd`]), and
//! the few commands that move raw bytes or are desktop-only (file dialogs'
//! files, team sync, hosting a workshop). Domain logic, storage and
//! validation live in the crates; keep this file thin.

mod about;
pub mod files_cmds;
pub mod menu;
mod open_files;
pub mod recent_menu;
mod rendering;
pub mod rpc_cmd;
pub mod sync_cmds;
mod window_state;
pub mod workshop_cmds;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{Builder, Emitter, Runtime, State};
use waymark_api::{ApiError, Code, ErrorPayload, Library};

pub use menu::{build_menu, MENU_EVENT, MENU_ITEMS};

/// The library the window works on, or why it could not be opened. Kept
/// rather than exiting so the window can show the reason.
pub struct LibraryState(Result<Arc<Library>, ErrorPayload>);

impl LibraryState {
    /// Open the library file at `path`.
    pub fn open(path: &std::path::Path) -> Self {
        Self(Library::open(path).map(Arc::new).map_err(|err| {
            ApiError::coded(
                Code::LibraryOpen,
                format!("Could not open the library {}: {err}", path.display()),
            )
            .payload()
        }))
    }

    pub fn library(&self) -> Result<&Library, ApiError> {
        self.shared_ref().map(|l| &**l)
    }

    /// The library for background work (team sync) that outlives a command.
    pub fn shared(&self) -> Result<Arc<Library>, ApiError> {
        self.shared_ref().cloned()
    }

    fn shared_ref(&self) -> Result<&Arc<Library>, ApiError> {
        self.0
            .as_ref()
            .map_err(|e| ApiError::coded(e.code, e.message.clone()))
    }
}

/// The header naming the map an `apply_update` body belongs to (the body
/// itself is the raw Yjs update).
pub const MAP_HEADER: &str = "waymark-map";

/// A map's full Yjs document state (an update from an empty document), as
/// raw bytes: the UI receives an `ArrayBuffer`, no JSON or base64 on the way.
#[tauri::command]
async fn open_map(state: State<'_, LibraryState>, id: String) -> Result<Response, ApiError> {
    Ok(Response::new(state.library()?.encode_state(&id)?))
}

/// Applies one Yjs update made in the UI; resolves only once it is durable.
/// The body is the raw update (`invoke` with a `Uint8Array`), the map id is
/// in the [`MAP_HEADER`] header.
#[tauri::command]
async fn apply_update(
    state: State<'_, LibraryState>,
    request: Request<'_>,
) -> Result<(), ApiError> {
    let update = body_bytes(&request, "apply_update")?;
    let id = request
        .headers()
        .get(MAP_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::Invalid("apply_update needs the waymark-map header".into()))?;
    state.library()?.apply_update(id, &update, "ui")
}

/// The raw bytes of a request body (`invoke` with a `Uint8Array`). They
/// arrive raw over the IPC protocol, or as a JSON array of bytes where the
/// webview falls back to `postMessage` (WebKitGTK).
pub(crate) fn body_bytes<'a>(
    request: &'a Request<'_>,
    command: &str,
) -> Result<std::borrow::Cow<'a, [u8]>, ApiError> {
    match request.body() {
        InvokeBody::Raw(raw) => Ok(std::borrow::Cow::Borrowed(raw)),
        InvokeBody::Json(serde_json::Value::Array(items)) => items
            .iter()
            .map(|v| v.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>()
            .map(std::borrow::Cow::Owned)
            .ok_or_else(|| ApiError::Invalid(format!("{command} expects bytes"))),
        _ => Err(ApiError::Invalid(format!(
            "{command} expects the raw bytes as the body"
        ))),
    }
}

/// Register the library and the commands on a builder; generic over the
/// runtime so tests can pass `tauri::test::mock_builder()`.
pub fn setup<R: Runtime>(builder: Builder<R>, library: LibraryState) -> Builder<R> {
    let shared = library.0.as_ref().ok().cloned();
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(library)
        .manage(sync_cmds::SyncState::default())
        .manage(workshop_cmds::WorkshopState::default())
        .manage(open_files::LaunchedMap::default())
        .setup(move |app| {
            use tauri::Manager as _;
            recent_menu::refresh_quietly(app.handle());
            open_files::open_launch_files(app.handle());
            if let Some(lib) = shared.clone() {
                let handle = app.handle();
                sync_cmds::start_background(handle, &app.state::<sync_cmds::SyncState>(), lib);
            }
            Ok(())
        })
        .menu(build_menu)
        .on_menu_event(|app, event| {
            let _ = app.emit(MENU_EVENT, event.id().as_ref());
        })
        .invoke_handler(tauri::generate_handler![
            rpc_cmd::rpc,
            open_map,
            apply_update,
            files_cmds::open_path,
            files_cmds::save_binary_file,
            sync_cmds::link_map,
            sync_cmds::unlink_map,
            sync_cmds::sync_status,
            workshop_cmds::workshop_addresses,
            workshop_cmds::workshop_start,
            workshop_cmds::workshop_status,
            workshop_cmds::workshop_stop,
            workshop_cmds::workshop_open_facilitator,
            open_files::take_launched_map,
            about::about,
            about::readme_section
        ])
}

/// The library path: `--db PATH` (or `--db=PATH`) when given, else
/// [`waymark_api::default_library_path`] (which honours `WAYMARK_DB`).
pub fn library_path(args: impl IntoIterator<Item = OsString>) -> Result<PathBuf, String> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args
                .next()
                .map(PathBuf::from)
                .ok_or_else(|| "--db needs a path".to_string());
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Ok(PathBuf::from(path));
        }
    }
    Ok(waymark_api::default_library_path())
}

/// Start the desktop app.
pub fn run() {
    rendering::choose_renderer();
    let path = match library_path(std::env::args_os().skip(1)) {
        Ok(path) => path,
        Err(msg) => {
            eprintln!("waymark-desktop: {msg}");
            std::process::exit(2);
        }
    };
    let library = LibraryState::open(&path);
    if let Ok(lib) = &library.0 {
        // Maps deleted more than TRASH_KEEP ago leave the trash for good.
        if let Err(err) = lib.purge_trash(waymark_api::TRASH_KEEP) {
            eprintln!("waymark-desktop: could not empty old maps from the trash: {err}");
        }
    }
    let context = tauri::generate_context!();
    // First, so a second launch hands its files over before anything starts.
    let single = open_files::single_instance(&context.config().identifier, &path);
    setup(Builder::default().plugin(single), library)
        .plugin(window_state::plugin())
        .manage(window_state::Pending::default())
        .on_window_event(window_state::on_event)
        .build(context)
        .expect("error while starting Waymark")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                workshop_cmds::stop_on_exit(app);
            }
        });
}
