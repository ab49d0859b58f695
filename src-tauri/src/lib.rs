//! Waymark desktop shell: one window showing the web UI (`ui/dist`) and a few
//! Tauri commands that only forward to [`waymark_api`]. Domain logic, storage
//! and validation live in the crates; keep this file thin.

mod about;
mod analysis_cmds;
mod homeless_cmds;
mod library_cmds;
mod open_files;
mod recent_menu;
mod rendering;
mod sync_cmds;
mod window_state;
mod workshop_cmds;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::menu::{Menu, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Builder, Emitter, Runtime, State};
use waymark_api::{
    ApiError, Board, Explanation, ExportFormat, Library, MapSummary, Scorecard, TemplateInfo,
    VersionInfo,
};

/// The library the window works on, or why it could not be opened. Kept
/// rather than exiting so the window can show the reason.
pub struct LibraryState(Result<Arc<Library>, OpenFailure>);

impl LibraryState {
    /// Open the library file at `path`.
    pub fn open(path: &std::path::Path) -> Self {
        Self(
            Library::open(path)
                .map(Arc::new)
                .map_err(|err| OpenFailure {
                    code: "library_open",
                    message: format!("Could not open the library {}: {err}", path.display()),
                }),
        )
    }

    pub(crate) fn library(&self) -> Result<&Library, CommandError> {
        self.shared_ref().map(|l| &**l)
    }

    /// The library for background work (team sync) that outlives a command.
    pub(crate) fn shared(&self) -> Result<Arc<Library>, CommandError> {
        self.shared_ref().cloned()
    }

    fn shared_ref(&self) -> Result<&Arc<Library>, CommandError> {
        self.0.as_ref().map_err(|e| CommandError::Open(e.clone()))
    }
}

/// Why the library failed to open, in the same `{code, message}` shape as
/// [`ApiError`].
#[derive(Debug, Clone, Serialize)]
pub struct OpenFailure {
    code: &'static str,
    message: String,
}

/// What a command rejects with: always `{code, message}` for the UI.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum CommandError {
    Api(ApiError),
    Open(OpenFailure),
    Request(OpenFailure),
}

impl CommandError {
    pub(crate) fn bad_request(message: &str) -> Self {
        Self::Request(OpenFailure {
            code: "invalid",
            message: message.to_string(),
        })
    }
}

impl From<ApiError> for CommandError {
    fn from(err: ApiError) -> Self {
        Self::Api(err)
    }
}

// Commands are `async` so they run on Tauri's async runtime, not the thread
// that drives the window.

#[tauri::command]
async fn list_maps(state: State<'_, LibraryState>) -> Result<Vec<MapSummary>, CommandError> {
    Ok(state.library()?.list_maps()?)
}

#[tauri::command]
async fn list_templates() -> Result<Vec<TemplateInfo>, CommandError> {
    Ok(waymark_api::list_templates())
}

#[tauri::command]
async fn create_map(
    state: State<'_, LibraryState>,
    template: Option<String>,
    title: Option<String>,
) -> Result<String, CommandError> {
    // An empty title means "no title": the API names the map after its template.
    let title = title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    Ok(state.library()?.create_map(template.as_deref(), title)?)
}

/// The header naming the map an `apply_update` body belongs to (the body
/// itself is the raw Yjs update).
pub const MAP_HEADER: &str = "waymark-map";

/// A map's full Yjs document state (an update from an empty document), as
/// raw bytes: the UI receives an `ArrayBuffer`, no JSON or base64 on the way.
#[tauri::command]
async fn open_map(state: State<'_, LibraryState>, id: String) -> Result<Response, CommandError> {
    Ok(Response::new(state.library()?.encode_state(&id)?))
}

/// Applies one Yjs update made in the UI; resolves only once it is durable.
/// The body is the raw update (`invoke` with a `Uint8Array`), the map id is
/// in the [`MAP_HEADER`] header.
#[tauri::command]
async fn apply_update(
    state: State<'_, LibraryState>,
    request: Request<'_>,
) -> Result<(), CommandError> {
    let update = body_bytes(&request, "apply_update")?;
    let id = request
        .headers()
        .get(MAP_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| CommandError::bad_request("apply_update needs the waymark-map header"))?;
    Ok(state.library()?.apply_update(id, &update, "ui")?)
}

/// The raw bytes of a request body (`invoke` with a `Uint8Array`). They
/// arrive raw over the IPC protocol, or as a JSON array of bytes where the
/// webview falls back to `postMessage` (WebKitGTK).
pub(crate) fn body_bytes<'a>(
    request: &'a Request<'_>,
    command: &str,
) -> Result<std::borrow::Cow<'a, [u8]>, CommandError> {
    match request.body() {
        InvokeBody::Raw(raw) => Ok(std::borrow::Cow::Borrowed(raw)),
        InvokeBody::Json(serde_json::Value::Array(items)) => items
            .iter()
            .map(|v| v.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>()
            .map(std::borrow::Cow::Owned)
            .ok_or_else(|| CommandError::bad_request(&format!("{command} expects bytes"))),
        _ => Err(CommandError::bad_request(&format!(
            "{command} expects the raw bytes as the body"
        ))),
    }
}

/// Keep the map's current state as a named version.
#[tauri::command]
async fn create_version(
    state: State<'_, LibraryState>,
    id: String,
    label: String,
) -> Result<VersionInfo, CommandError> {
    Ok(state.library()?.create_version(&id, &label)?)
}

/// The map's named versions.
#[tauri::command]
async fn list_versions(
    state: State<'_, LibraryState>,
    id: String,
) -> Result<Vec<VersionInfo>, CommandError> {
    Ok(state.library()?.versions(&id)?)
}

/// Bring the map back to a named version (by id or label). The library keeps
/// the state before the restore as a version of its own and returns it; the
/// UI then reloads the map's state with `open_map`.
#[tauri::command]
async fn restore_version(
    state: State<'_, LibraryState>,
    id: String,
    version: String,
) -> Result<VersionInfo, CommandError> {
    Ok(state.library()?.restore(&id, &version)?)
}

/// Write the map (or a version of it) as `format` ("waymark", "mermaid" or
/// "csv") to `path`; a relative path is taken from the home folder. Returns
/// the absolute path written.
#[tauri::command]
async fn export_map(
    state: State<'_, LibraryState>,
    id: String,
    format: String,
    path: String,
    version: Option<String>,
) -> Result<String, CommandError> {
    let format: ExportFormat = format.parse()?;
    let text = state.library()?.export(&id, format, version.as_deref())?;
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(CommandError::bad_request("choose a file to export to"));
    }
    let path = if path.is_absolute() {
        path
    } else {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(path)
    };
    std::fs::write(&path, text).map_err(|err| {
        CommandError::Request(OpenFailure {
            code: "io",
            message: format!("Could not write {}: {err}", path.display()),
        })
    })?;
    Ok(path.display().to_string())
}

/// The map's scorecard (what `waymark score --json` prints), for the
/// canvas overlays, the stage row, the headline and the pain-point board;
/// `brief` leaves out each touchpoint's factors and effort cues.
#[tauri::command]
async fn score_map(
    state: State<'_, LibraryState>,
    id: String,
    brief: Option<bool>,
) -> Result<Scorecard, CommandError> {
    let lib = state.library()?;
    Ok(if brief.unwrap_or(false) {
        lib.score_brief(&id)?
    } else {
        lib.score(&id)?
    })
}

/// One touchpoint's score with its factors and its survey answers.
#[tauri::command]
async fn explain_touchpoint(
    state: State<'_, LibraryState>,
    id: String,
    touchpoint: String,
) -> Result<Explanation, CommandError> {
    Ok(state.library()?.explain(&id, &touchpoint)?)
}

/// The map's pain-point board, ranked (`waymark board --json`).
#[tauri::command]
async fn map_board(state: State<'_, LibraryState>, id: String) -> Result<Board, CommandError> {
    Ok(state.library()?.board(&id)?)
}

/// Writes a table the UI made (the pain-point board) to `path` as CSV,
/// through the one CSV writer (formula-like cells neutralised); a relative
/// path starts in the home folder. Returns the absolute path.
#[tauri::command]
async fn save_csv(
    path: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Result<String, CommandError> {
    let path = waymark_api::files::user_path(&path)
        .ok_or_else(|| CommandError::bad_request("choose a file to save to"))?;
    let text = waymark_api::csv_table(&header, &rows);
    waymark_api::files::write_atomically(&path, text.as_bytes()).map_err(|err| {
        CommandError::Request(OpenFailure {
            code: "io",
            message: format!("Could not write {}: {err}", path.display()),
        })
    })?;
    Ok(path.display().to_string())
}

/// The event the window receives when a menu item is chosen; the payload is
/// the item's id (one of [`MENU_IDS`]).
pub const MENU_EVENT: &str = "menu";

/// Every menu item the UI acts on: (id, label, accelerator).
pub const MENU_IDS: &[(&str, &str, Option<&str>)] = &[
    ("file.new", "New map…", Some("CmdOrCtrl+N")),
    ("file.import", "Import…", Some("CmdOrCtrl+O")),
    ("file.library", "Back to library", Some("CmdOrCtrl+L")),
    ("file.save_version", "Save version…", Some("CmdOrCtrl+S")),
    ("file.export_waymark", "Export .waymark…", None),
    ("file.export_mermaid", "Export Mermaid…", None),
    ("file.export_csv", "Export CSV…", None),
    ("file.future_state", "New future state (to-be)", None),
    (
        "file.import_survey",
        "Import survey answers…",
        Some("CmdOrCtrl+I"),
    ),
    (
        "file.export_report",
        "Export report (PDF)…",
        Some("CmdOrCtrl+P"),
    ),
    ("file.export_deck", "Export deck (PowerPoint)…", None),
    ("file.export_png", "Export canvas as PNG…", None),
    ("file.export_svg", "Export canvas as SVG…", None),
    ("view.present", "Present", Some("F5")),
    ("view.compare", "Compare…", None),
    ("edit.undo", "Undo", Some("CmdOrCtrl+Z")),
    ("edit.redo", "Redo", Some("CmdOrCtrl+Shift+Z")),
    // No accelerator: the Delete key must keep working in text fields.
    ("edit.delete", "Delete", None),
    ("view.zoom_in", "Zoom in", Some("CmdOrCtrl+=")),
    ("view.zoom_out", "Zoom out", Some("CmdOrCtrl+-")),
    ("view.fit", "Zoom to fit", Some("CmdOrCtrl+0")),
    ("help.shortcuts", "Keyboard shortcuts", Some("F1")),
    ("help.about", "About Waymark", None),
    ("map.share", "Share with Team…", None),
    ("map.workshop", "Start Workshop…", None),
];

/// The app menu: File, Edit, View, Help. Choosing an item emits
/// [`MENU_EVENT`] with its id; the UI does the work.
pub fn build_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str| {
        let (id, label, accel) = MENU_IDS
            .iter()
            .find(|(i, _, _)| *i == id)
            .copied()
            .expect("a known menu id");
        let b = MenuItemBuilder::with_id(id, label);
        match accel {
            Some(a) => b.accelerator(a).build(app),
            None => b.build(app),
        }
    };
    let file = SubmenuBuilder::with_id(app, recent_menu::FILE_ID, "File")
        .item(&item("file.new")?)
        .item(&item("file.import")?)
        .item(&recent_menu::submenu(app)?)
        .item(&item("file.library")?)
        .separator()
        .item(&item("file.save_version")?)
        .separator()
        .item(&item("file.export_waymark")?)
        .item(&item("file.export_mermaid")?)
        .item(&item("file.export_csv")?)
        .item(&item("file.export_png")?)
        .item(&item("file.export_svg")?)
        .item(&item("file.export_report")?)
        .item(&item("file.export_deck")?)
        .separator()
        .item(&item("file.import_survey")?)
        .item(&item("file.future_state")?)
        .separator()
        .item(&PredefinedMenuItem::quit(app, Some("Quit"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("edit.undo")?)
        .item(&item("edit.redo")?)
        .separator()
        .item(&item("edit.delete")?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&item("view.zoom_in")?)
        .item(&item("view.zoom_out")?)
        .item(&item("view.fit")?)
        .separator()
        .item(&item("view.present")?)
        .item(&item("view.compare")?)
        .separator()
        .item(&MenuItemBuilder::with_id("view.shortcuts", "Keyboard shortcuts").build(app)?)
        .build()?;
    let map = SubmenuBuilder::new(app, "Map")
        .item(&item("map.share")?)
        .item(&item("map.workshop")?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item("help.shortcuts")?)
        .item(&item("help.about")?)
        .build()?;
    Menu::with_items(app, &[&file, &edit, &view, &map, &help])
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
            list_maps,
            list_templates,
            create_map,
            open_map,
            apply_update,
            create_version,
            list_versions,
            restore_version,
            export_map,
            score_map,
            explain_touchpoint,
            map_board,
            save_csv,
            library_cmds::rename_map,
            library_cmds::duplicate_map,
            library_cmds::trash_map,
            library_cmds::untrash_map,
            library_cmds::mark_opened,
            library_cmds::map_strips,
            library_cmds::import_map,
            homeless_cmds::map_homeless,
            homeless_cmds::rehome,
            analysis_cmds::read_text_file,
            analysis_cmds::preview_responses,
            analysis_cmds::import_responses,
            analysis_cmds::export_report,
            analysis_cmds::export_deck,
            analysis_cmds::open_path,
            analysis_cmds::save_binary_file,
            analysis_cmds::create_future_state,
            analysis_cmds::map_origins,
            analysis_cmds::compare_maps,
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

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::ipc::{CallbackFn, InvokeResponseBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::Manager;
    use tauri::WebviewWindowBuilder;

    pub(crate) fn request(cmd: &str, body: serde_json::Value) -> InvokeRequest {
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The IPC origin of the app on Linux.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        }
    }

    #[test]
    fn commands_create_and_list_maps_without_a_display() {
        let dir = tempfile::tempdir().unwrap();
        let app = setup(
            mock_builder(),
            LibraryState::open(&dir.path().join("lib.db")),
        )
        .build(mock_context(noop_assets()))
        .unwrap();
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        let call = |cmd: &str, body: serde_json::Value| {
            get_ipc_response(&webview, request(cmd, body))
                .map(|b| b.deserialize::<serde_json::Value>().unwrap())
        };

        let templates = call("list_templates", serde_json::json!({})).unwrap();
        let first = templates[0]["name"]
            .as_str()
            .expect("a template")
            .to_string();

        assert_eq!(
            call("list_maps", serde_json::json!({})).unwrap(),
            serde_json::json!([])
        );
        let id = call(
            "create_map",
            serde_json::json!({ "template": first, "title": "Onboarding" }),
        )
        .unwrap();
        let maps = call("list_maps", serde_json::json!({})).unwrap();
        assert_eq!(maps.as_array().unwrap().len(), 1);
        assert_eq!(maps[0]["id"], id);
        assert_eq!(maps[0]["title"], "Onboarding");
    }

    #[test]
    fn unknown_template_is_a_coded_error() {
        let dir = tempfile::tempdir().unwrap();
        let app = setup(
            mock_builder(),
            LibraryState::open(&dir.path().join("lib.db")),
        )
        .build(mock_context(noop_assets()))
        .unwrap();
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        let err = get_ipc_response(
            &webview,
            request(
                "create_map",
                serde_json::json!({ "template": "no-such-template" }),
            ),
        )
        .unwrap_err();
        assert!(err["code"].is_string(), "{err}");
        assert!(err["message"].is_string(), "{err}");
    }

    pub(crate) fn app_with_library(
        path: &std::path::Path,
    ) -> (
        tauri::App<tauri::test::MockRuntime>,
        tauri::WebviewWindow<tauri::test::MockRuntime>,
    ) {
        let app = setup(mock_builder(), LibraryState::open(path))
            .build(mock_context(noop_assets()))
            .unwrap();
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        (app, webview)
    }

    pub(crate) fn raw_update(map: &str, update: Vec<u8>) -> InvokeRequest {
        let mut req = request("apply_update", serde_json::Value::Null);
        req.body = InvokeBody::Raw(update);
        req.headers.insert(MAP_HEADER, map.parse().unwrap());
        req
    }

    fn open_state(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, id: &str) -> Vec<u8> {
        let body = get_ipc_response(
            webview,
            request("open_map", serde_json::json!({ "id": id })),
        )
        .expect("open_map");
        match body {
            InvokeResponseBody::Raw(bytes) => bytes,
            InvokeResponseBody::Json(json) => panic!("expected raw bytes, got JSON {json}"),
        }
    }

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../ui/src/lib/sync/fixtures")
            .join(name)
    }

    /// yrs ↔ yjs compatibility, both ways, against the npm `yjs` the UI
    /// ships: `rust-state.bin` is a state this side encoded (53-bit client
    /// ids, yrs 0.28's default); the UI's Vitest suite decodes it with yjs,
    /// edits it (rename a stage, add a touchpoint with an emotion) and keeps
    /// the update it made as `yjs-update.bin`, which must apply here.
    /// `WAYMARK_WRITE_FIXTURES=1` rewrites `rust-state.bin` (then rerun
    /// `WAYMARK_WRITE_FIXTURES=1 npm --prefix ui test` to renew the other).
    #[test]
    fn yjs_updates_apply_and_yrs_state_decodes_in_yjs() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(&dir.path().join("lib.db")).unwrap();
        if std::env::var_os("WAYMARK_WRITE_FIXTURES").is_some() {
            let source = library
                .create_map(Some("bank-lost-card"), Some("Fixture"))
                .unwrap();
            std::fs::create_dir_all(fixture("")).unwrap();
            std::fs::write(
                fixture("rust-state.bin"),
                library.encode_state(&source).unwrap(),
            )
            .unwrap();
        }
        let state = std::fs::read(fixture("rust-state.bin")).unwrap();
        let update = std::fs::read(fixture("yjs-update.bin")).unwrap();

        // A map whose document holds exactly the fixture state.
        let (_app, webview) = app_with_library(&dir.path().join("ui.db"));
        let lib = webview.state::<LibraryState>();
        let id = lib
            .library()
            .unwrap()
            .create_map(None, Some("Fixture"))
            .unwrap();
        get_ipc_response(&webview, raw_update(&id, state)).expect("the yrs state applies");
        get_ipc_response(&webview, raw_update(&id, update)).expect("the yjs update applies");

        let lib = webview.state::<LibraryState>();
        let journey = lib.library().unwrap().journey(&id).unwrap();
        assert!(
            journey.stages.iter().any(|s| s.name == "Renamed in yjs"),
            "{:?}",
            journey.stages.iter().map(|s| &s.name).collect::<Vec<_>>()
        );
        let made = journey
            .touchpoints
            .iter()
            .find(|t| t.title == "Made in yjs")
            .expect("the touchpoint made in yjs");
        assert_eq!(made.inputs.emotion, Some(-2));
    }

    #[test]
    fn open_map_is_raw_bytes_and_apply_update_persists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.db");
        let (_app, webview) = app_with_library(&path);
        let lib = webview.state::<LibraryState>();
        let a = lib
            .library()
            .unwrap()
            .create_map(Some("bank-lost-card"), Some("A"))
            .unwrap();
        let b = lib.library().unwrap().create_map(None, Some("B")).unwrap();
        let blank_stages = lib.library().unwrap().journey(&b).unwrap().stages.len();
        // Map A's whole state applied to map B: B now holds A's stages too.
        // Sent as a JSON array of bytes, as WebKitGTK's postMessage IPC does.
        let state = open_state(&webview, &a);
        assert!(state.len() > 100);
        let mut as_json = raw_update(&b, vec![]);
        as_json.body = InvokeBody::Json(serde_json::json!(state));
        get_ipc_response(&webview, as_json).expect("apply_update");
        drop(webview);
        drop(_app);
        let reopened = Library::open(&path).unwrap();
        let stages = |id: &str| reopened.journey(id).unwrap().stages.len();
        assert!(stages(&a) > 0);
        assert_eq!(
            stages(&b),
            stages(&a) + blank_stages,
            "the update was durable"
        );
    }

    #[test]
    fn apply_update_refuses_bad_requests_with_codes() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let id = call_create(&webview);
        let err = get_ipc_response(&webview, raw_update(&id, vec![1, 2, 3])).unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
        let mut no_header = raw_update(&id, vec![0, 0]);
        no_header.headers.clear();
        let err = get_ipc_response(&webview, no_header).unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
        let err =
            get_ipc_response(&webview, request("apply_update", serde_json::json!({}))).unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
        let err = get_ipc_response(
            &webview,
            request("open_map", serde_json::json!({ "id": "nope" })),
        )
        .unwrap_err();
        assert!(err["code"].is_string(), "{err}");
    }

    #[test]
    fn versions_are_created_listed_and_restored() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let id = call_create(&webview);
        let call = |cmd: &str, body: serde_json::Value| {
            get_ipc_response(&webview, request(cmd, body))
                .map(|b| b.deserialize::<serde_json::Value>().unwrap())
        };
        let v1 = call(
            "create_version",
            serde_json::json!({ "id": id, "label": "Workshop 1" }),
        )
        .unwrap();
        assert_eq!(v1["label"], "Workshop 1");
        assert!(v1["created_at"].is_string(), "{v1}");
        let err = call(
            "create_version",
            serde_json::json!({ "id": id, "label": "  " }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");

        let lib = webview.state::<LibraryState>();
        lib.library()
            .unwrap()
            .edit(&id, |j| {
                j.title = "Changed".into();
                Ok(())
            })
            .unwrap();
        let kept = call(
            "restore_version",
            serde_json::json!({ "id": id, "version": v1["id"] }),
        )
        .unwrap();
        assert_eq!(kept["label"], "Before restoring Workshop 1");
        assert_eq!(lib.library().unwrap().journey(&id).unwrap().title, "M");
        let list = call("list_versions", serde_json::json!({ "id": id })).unwrap();
        let labels: Vec<_> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["label"].as_str().unwrap().to_string())
            .collect();
        assert!(labels.contains(&"Workshop 1".to_string()), "{labels:?}");
        assert!(
            labels.contains(&"Before restoring Workshop 1".to_string()),
            "{labels:?}"
        );
    }

    #[test]
    fn the_menu_has_every_item_the_ui_handles() {
        let dir = tempfile::tempdir().unwrap();
        let (app, _webview) = app_with_library(&dir.path().join("lib.db"));
        let menu = app.menu().expect("an app menu");
        let mut ids = Vec::new();
        for top in menu.items().unwrap() {
            let sub = top.as_submenu().expect("top-level items are submenus");
            for item in sub.items().unwrap() {
                ids.push(item.id().as_ref().to_string());
            }
        }
        for (id, _, _) in MENU_IDS {
            assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
        }
    }

    /// The labels and ids in File › Open Recent.
    fn recent_items(app: &tauri::App<tauri::test::MockRuntime>) -> Vec<(String, String)> {
        let file = app.menu().unwrap().get(recent_menu::FILE_ID).unwrap();
        let recent = file
            .as_submenu()
            .unwrap()
            .get(recent_menu::SUBMENU_ID)
            .unwrap();
        recent
            .as_submenu()
            .unwrap()
            .items()
            .unwrap()
            .into_iter()
            .map(|i| {
                let text = i.as_menuitem().unwrap().text().unwrap();
                (i.id().as_ref().to_string(), text)
            })
            .collect()
    }

    #[test]
    fn open_recent_follows_opening_renaming_and_the_trash() {
        let dir = tempfile::tempdir().unwrap();
        let (app, webview) = app_with_library(&dir.path().join("lib.db"));
        assert_eq!(
            recent_items(&app),
            [(
                "file.open_recent.none".to_string(),
                "No maps opened yet".to_string()
            )]
        );
        let a = call_create(&webview);
        let b = call_create(&webview);
        let call = |cmd: &str, args: serde_json::Value| {
            get_ipc_response(&webview, request(cmd, args)).unwrap();
        };
        call("mark_opened", serde_json::json!({ "id": a }));
        std::thread::sleep(std::time::Duration::from_millis(3));
        call("mark_opened", serde_json::json!({ "id": b }));
        call(
            "rename_map",
            serde_json::json!({ "id": a, "title": "Claims & refunds" }),
        );
        assert_eq!(
            recent_items(&app),
            [
                (format!("recent:{b}"), "M".to_string()),
                (format!("recent:{a}"), "Claims && refunds".to_string()),
            ]
        );
        call("trash_map", serde_json::json!({ "id": b }));
        assert_eq!(recent_items(&app).len(), 1);
        call("untrash_map", serde_json::json!({ "id": b }));
        assert_eq!(recent_items(&app).len(), 2);
    }

    #[test]
    fn export_map_writes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let id = call_create(&webview);
        let out = dir.path().join("out.csv");
        let written = get_ipc_response(
            &webview,
            request(
                "export_map",
                serde_json::json!({ "id": id, "format": "csv", "path": out.display().to_string() }),
            ),
        )
        .unwrap()
        .deserialize::<String>()
        .unwrap();
        assert_eq!(PathBuf::from(written), out);
        assert!(!std::fs::read_to_string(&out).unwrap().is_empty());
        let err = get_ipc_response(
            &webview,
            request(
                "export_map",
                serde_json::json!({ "id": id, "format": "pdf", "path": "x" }),
            ),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
    }

    #[test]
    fn score_explain_and_save_commands() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let lib = webview.state::<LibraryState>();
        let id = lib
            .library()
            .unwrap()
            .create_map(Some("bank-lost-card"), None)
            .unwrap();
        let call = |cmd: &str, body: serde_json::Value| {
            get_ipc_response(&webview, request(cmd, body))
                .map(|b| b.deserialize::<serde_json::Value>().unwrap())
        };
        let card = call("score_map", serde_json::json!({ "id": id })).unwrap();
        // Both sides through the same JSON text, so floats parse alike.
        let expected = serde_json::to_string(&lib.library().unwrap().score(&id).unwrap()).unwrap();
        assert!(
            card == serde_json::from_str::<serde_json::Value>(&expected).unwrap(),
            "score_map differs from Library::score"
        );
        let brief = call("score_map", serde_json::json!({ "id": id, "brief": true })).unwrap();
        assert_eq!(brief["touchpoints"][0]["factors"], serde_json::json!([]));
        assert_eq!(brief["journey"], card["journey"]);
        let first = card["touchpoints"][0]["id"].as_str().unwrap().to_string();
        let ex = call(
            "explain_touchpoint",
            serde_json::json!({ "id": id, "touchpoint": first }),
        )
        .unwrap();
        assert_eq!(ex["score"], card["touchpoints"][0]);
        assert!(ex["responses"].is_array());
        let err = call(
            "explain_touchpoint",
            serde_json::json!({ "id": id, "touchpoint": "nope" }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
        let board = call("map_board", serde_json::json!({ "id": id })).unwrap();
        let expected = serde_json::to_string(&lib.library().unwrap().board(&id).unwrap()).unwrap();
        assert!(
            board == serde_json::from_str::<serde_json::Value>(&expected).unwrap(),
            "map_board differs from Library::board"
        );

        let out = dir.path().join("board.csv");
        let written = call(
            "save_csv",
            serde_json::json!({ "path": out.display().to_string(), "header": ["a", "b"], "rows": [["=1+1", "-3"]] }),
        )
        .unwrap();
        assert_eq!(written, serde_json::json!(out.display().to_string()));
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "a,b\r\n'=1+1,-3\r\n"
        );
        let err = call(
            "save_csv",
            serde_json::json!({ "path": dir.path().join("no/dir/x.csv"), "header": ["x"], "rows": [] }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "io", "{err}");
        assert!(err["message"].as_str().unwrap().contains("x.csv"), "{err}");
    }

    #[test]
    fn library_commands_rename_trash_untrash_and_import() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let id = call_create(&webview);
        let call = |cmd: &str, body: serde_json::Value| {
            get_ipc_response(&webview, request(cmd, body))
                .map(|b| b.deserialize::<serde_json::Value>().unwrap())
        };
        let titles = || -> Vec<String> {
            call("list_maps", serde_json::json!({}))
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["title"].as_str().unwrap().to_string())
                .collect()
        };
        let renamed = call("rename_map", serde_json::json!({ "id": id, "title": "R" })).unwrap();
        assert_eq!(renamed["title"], "R");
        let copy = call("duplicate_map", serde_json::json!({ "id": id })).unwrap();
        assert!(copy.is_string());
        call("trash_map", serde_json::json!({ "id": id })).unwrap();
        assert_eq!(titles(), vec!["R (copy)"]);
        call("untrash_map", serde_json::json!({ "id": id })).unwrap();
        assert_eq!(titles().len(), 2);
        call("mark_opened", serde_json::json!({ "id": id })).unwrap();
        assert_eq!(
            call("map_strips", serde_json::json!({}))
                .unwrap()
                .as_array()
                .unwrap()
                .len(),
            2
        );

        let file = dir.path().join("trip.mmd");
        std::fs::write(&file, "journey\n  title Trip\n  section A\n    Go: 5: Me\n").unwrap();
        let by_path = call(
            "import_map",
            serde_json::json!({ "path": file.display().to_string() }),
        )
        .unwrap();
        assert!(by_path.is_string());
        let by_text = call(
            "import_map",
            serde_json::json!({ "name": "x.mmd", "content": "journey\n  title Text\n" }),
        );
        assert!(by_text.is_ok(), "{by_text:?}");
        assert!(titles().contains(&"Trip".to_string()));
        let err = call("import_map", serde_json::json!({})).unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
    }

    /// The status of `GET path` on `addr` (one request per connection).
    fn http_status(addr: std::net::SocketAddr, path: &str) -> u16 {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        s.read_to_string(&mut reply).unwrap();
        reply.split(' ').nth(1).unwrap().parse().unwrap()
    }

    /// Calls `cmd` with a JSON body; its JSON answer or error.
    fn json_call(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
        body: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        get_ipc_response(webview, request(cmd, body))
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    }

    #[test]
    fn workshop_commands_start_report_and_stop_the_server() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let id = call_create(&webview);
        let call = |cmd: &str, body: serde_json::Value| json_call(&webview, cmd, body);
        let addresses = call("workshop_addresses", serde_json::json!({})).unwrap();
        assert!(
            addresses
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["lan"] == false),
            "loopback is offered: {addresses}"
        );
        let status = call("workshop_status", serde_json::json!({})).unwrap();
        assert_eq!(status, serde_json::Value::Null, "nothing listens yet");

        let err = call(
            "workshop_start",
            serde_json::json!({ "id": id, "ip": "not an address" }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "invalid", "{err}");
        let info = call(
            "workshop_start",
            serde_json::json!({ "id": id, "ip": "127.0.0.1" }),
        )
        .unwrap();
        let addr: std::net::SocketAddr = info["address"].as_str().unwrap().parse().unwrap();
        assert!(addr.ip().is_loopback() && addr.port() != 0, "{info}");
        assert_eq!(info["code"].as_str().unwrap().len(), 6);
        assert!(info["qr_svg"].as_str().unwrap().starts_with("<svg"));
        let join = info["join_url"].as_str().unwrap();
        let token = join
            .split("token=")
            .nth(1)
            .unwrap()
            .split('#')
            .next()
            .unwrap();
        assert_eq!(
            http_status(addr, &format!("/api/workshop?token={token}")),
            200
        );
        assert_eq!(http_status(addr, "/api/workshop"), 401);

        // The same map again: the same workshop. Another map: refused.
        let again = call("workshop_start", serde_json::json!({ "id": id })).unwrap();
        assert_eq!(again["join_url"], info["join_url"]);
        let other = call_create(&webview);
        let err = call("workshop_start", serde_json::json!({ "id": other })).unwrap_err();
        assert!(
            err["message"].as_str().unwrap().contains("another map"),
            "{err}"
        );
        let status = call("workshop_status", serde_json::json!({})).unwrap();
        assert_eq!(status["running"], true);

        let summary = call("workshop_stop", serde_json::json!({})).unwrap();
        assert_eq!(summary["maps"][0]["id"], id.as_str());
        assert_eq!(
            call("workshop_status", serde_json::json!({})).unwrap(),
            serde_json::Value::Null
        );
        assert!(std::net::TcpStream::connect(addr).is_err(), "stopped");
        assert_eq!(
            call("workshop_stop", serde_json::json!({})).unwrap(),
            serde_json::Value::Null
        );
    }

    fn call_create(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>) -> String {
        get_ipc_response(
            webview,
            request("create_map", serde_json::json!({ "title": "M" })),
        )
        .unwrap()
        .deserialize::<String>()
        .unwrap()
    }

    /// The generated 600-touchpoint map opens through the command whole: the
    /// state it returns rebuilds the same map. (Its time is reported, not
    /// asserted; the README has the figures.)
    #[test]
    fn large_map_opens_whole() {
        use waymark_core::synth::{journey, Size};
        use yrs::updates::decoder::Decode;
        use yrs::Transact;
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let lib = webview.state::<LibraryState>();
        let id = lib
            .library()
            .unwrap()
            .insert_journey(journey(Size::LARGE, 1))
            .unwrap();
        let start = std::time::Instant::now();
        let state = open_state(&webview, &id);
        eprintln!(
            "open_map of 600 touchpoints: {} bytes in {:?} (mock IPC)",
            state.len(),
            start.elapsed()
        );
        let doc = yrs::Doc::new();
        doc.transact_mut()
            .apply_update(yrs::Update::decode_v1(&state).unwrap())
            .unwrap();
        let projected = waymark_core::doc::read_journey(&doc).journey;
        assert_eq!(projected.touchpoints.len(), 600);
        assert_eq!(projected, lib.library().unwrap().journey(&id).unwrap());
    }

    /// Re-scoring the generated 600-touchpoint map through the command, as
    /// the editor does after each edit: the scorecard holds every touchpoint.
    /// (Times are printed, not asserted; the README has the figures.)
    #[test]
    fn large_map_scores_through_the_command() {
        use waymark_core::synth::{journey, Size};
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let lib = webview.state::<LibraryState>();
        let id = lib
            .library()
            .unwrap()
            .insert_journey(journey(Size::LARGE, 1))
            .unwrap();
        for brief in [false, true] {
            let mut times = Vec::new();
            let mut card = serde_json::Value::Null;
            for _ in 0..7 {
                let start = std::time::Instant::now();
                let body = get_ipc_response(
                    &webview,
                    request("score_map", serde_json::json!({ "id": id, "brief": brief })),
                )
                .expect("score_map");
                card = body.deserialize::<serde_json::Value>().unwrap();
                times.push(start.elapsed());
            }
            times.sort();
            eprintln!(
                "score_map (brief: {brief}) of 600 touchpoints: median {:?} (min {:?}, max {:?}; mock IPC, {} bytes of JSON)",
                times[3],
                times[0],
                times[6],
                card.to_string().len()
            );
            assert_eq!(card["touchpoints"].as_array().unwrap().len(), 600);
        }
    }

    #[test]
    fn library_path_prefers_the_db_argument() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            library_path(args(&["--db", "/tmp/a.db"])).unwrap(),
            PathBuf::from("/tmp/a.db")
        );
        assert_eq!(
            library_path(args(&["--db=/tmp/b.db"])).unwrap(),
            PathBuf::from("/tmp/b.db")
        );
        assert!(library_path(args(&["--db"])).is_err());
        assert_eq!(
            library_path(args(&[])).unwrap(),
            waymark_api::default_library_path()
        );
    }

    #[test]
    fn analysis_commands_preview_import_report_and_compare() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
        let call = |cmd: &str, body: serde_json::Value| {
            get_ipc_response(&webview, request(cmd, body))
                .map(|b| b.deserialize::<serde_json::Value>().unwrap())
        };
        let id = call(
            "create_map",
            serde_json::json!({ "template": "bank-lost-card", "title": "Card" }),
        )
        .unwrap();
        let lib = webview.state::<LibraryState>();
        let tp = lib
            .library()
            .unwrap()
            .journey(id.as_str().unwrap())
            .unwrap()
            .touchpoints[0]
            .id;

        let csv = dir.path().join("survey.csv");
        std::fs::write(
            &csv,
            format!("Step,Customer,Date,KPI,Scale,Score\n{tp},r1,2026-03-01,ces,ces7,2\n"),
        )
        .unwrap();
        let file = call(
            "read_text_file",
            serde_json::json!({ "path": csv.display().to_string() }),
        )
        .unwrap();
        assert_eq!(file["name"], "survey.csv");
        let args = serde_json::json!({ "id": id, "name": file["name"], "text": file["text"] });
        let preview = call("preview_responses", args.clone()).unwrap();
        assert_eq!(preview["errors"], serde_json::json!([]));
        assert_eq!(preview["added"], 1);
        let mut with_mapping = args.clone();
        with_mapping["mapping"] = preview["mapping"].clone();
        let stats = call("import_responses", with_mapping).unwrap();
        assert_eq!(stats["added"], 1);
        let err = call("import_responses", args).unwrap_err();
        assert_eq!(err["code"], "import_failed", "{err}");
        let err = call(
            "read_text_file",
            serde_json::json!({ "path": dir.path().join("none.csv").display().to_string() }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "io", "{err}");

        let pdf = dir.path().join("report.pdf");
        let written = call(
            "export_report",
            serde_json::json!({ "id": id, "path": pdf.display().to_string(),
                "request": { "page_size": "a3", "sections": ["summary", "map"], "company": "Acme", "date": "2026-03-01" } }),
        )
        .unwrap();
        assert!(written["pages"].as_u64().unwrap() >= 2, "{written}");
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        let err = call(
            "export_report",
            serde_json::json!({ "id": id, "path": pdf.display().to_string(), "request": {}, "logoPath": "/no/such/logo.png" }),
        )
        .unwrap_err();
        assert_eq!(err["code"], "io", "{err}");

        let pptx = dir.path().join("deck.pptx");
        let written = call(
            "export_deck",
            serde_json::json!({ "id": id, "path": pptx.display().to_string(),
                "request": { "sections": ["title", "map"], "company": "Acme", "date": "2026-03-01" } }),
        )
        .unwrap();
        assert_eq!(written["slides"], 2, "{written}");
        assert!(std::fs::read(&pptx).unwrap().starts_with(b"PK\x03\x04"));

        let copy = call("create_future_state", serde_json::json!({ "id": id })).unwrap();
        let origins = call("map_origins", serde_json::json!({ "id": copy })).unwrap();
        assert_eq!(origins[0]["source_id"], id);
        let cmp = call(
            "compare_maps",
            serde_json::json!({ "before": { "map": id }, "after": { "map": copy } }),
        )
        .unwrap();
        assert_eq!(cmp["after_title"], "Card (to-be)");
        assert_eq!(cmp["changed"], 0);

        let png = dir.path().join("canvas.png");
        let mut req = request("save_binary_file", serde_json::Value::Null);
        req.body = InvokeBody::Raw(vec![137, 80, 78, 71]);
        req.headers.insert(
            analysis_cmds::PATH_HEADER,
            png.display().to_string().parse().unwrap(),
        );
        get_ipc_response(&webview, req).unwrap();
        assert_eq!(std::fs::read(&png).unwrap(), vec![137, 80, 78, 71]);
    }

    #[test]
    fn edits_by_another_process_reach_the_open_editor_and_the_list() {
        use tauri::Listener;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.db");
        let app = setup(mock_builder(), LibraryState::open(&path))
            .build(mock_context(noop_assets()))
            .unwrap();
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        let id = get_ipc_response(
            &webview,
            request("create_map", serde_json::json!({ "title": "Shared" })),
        )
        .unwrap()
        .deserialize::<String>()
        .unwrap();
        // What the setup hook does at launch (the mock app never runs it).
        let lib = app.state::<LibraryState>().shared().unwrap();
        sync_cmds::start_background(app.handle(), &app.state::<sync_cmds::SyncState>(), lib);
        let (tx, rx) = std::sync::mpsc::channel();
        let remote = tx.clone();
        app.listen(sync_cmds::REMOTE_UPDATE_EVENT, move |e| {
            let _ = remote.send(format!("update {}", e.payload()));
        });
        app.listen(sync_cmds::LIBRARY_CHANGED_EVENT, move |_| {
            let _ = tx.send("changed".to_string());
        });

        // The CLI, say, renames the map the editor has open.
        waymark_api::Library::open(&path)
            .unwrap()
            .rename(&id, "Renamed elsewhere")
            .unwrap();
        let (mut update, mut changed) = (false, false);
        while !(update && changed) {
            let event = rx
                .recv_timeout(std::time::Duration::from_secs(20))
                .expect("the app saw the other process's edit");
            update |= event.starts_with("update") && event.contains(&id);
            changed |= event == "changed";
        }
    }
}
