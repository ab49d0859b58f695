//! Waymark desktop shell: one window showing the web UI (`ui/dist`) and a few
//! Tauri commands that only forward to [`waymark_api`]. Domain logic, storage
//! and validation live in the crates; keep this file thin.

use std::ffi::OsString;
use std::path::PathBuf;

use serde::Serialize;
use tauri::{Builder, Runtime, State};
use waymark_api::{ApiError, Library, MapSummary, TemplateInfo};

/// The library the window works on, or why it could not be opened. Kept
/// rather than exiting so the window can show the reason.
pub struct LibraryState(Result<Library, OpenFailure>);

impl LibraryState {
    /// Open the library file at `path`.
    pub fn open(path: &std::path::Path) -> Self {
        Self(Library::open(path).map_err(|err| OpenFailure {
            code: "library_open",
            message: format!("Could not open the library {}: {err}", path.display()),
        }))
    }

    fn library(&self) -> Result<&Library, CommandError> {
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

/// Register the library and the commands on a builder; generic over the
/// runtime so tests can pass `tauri::test::mock_builder()`.
pub fn setup<R: Runtime>(builder: Builder<R>, library: LibraryState) -> Builder<R> {
    builder
        .manage(library)
        .invoke_handler(tauri::generate_handler![
            list_maps,
            list_templates,
            create_map
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
    let path = match library_path(std::env::args_os().skip(1)) {
        Ok(path) => path,
        Err(msg) => {
            eprintln!("waymark-desktop: {msg}");
            std::process::exit(2);
        }
    };
    setup(Builder::default(), LibraryState::open(&path))
        .run(tauri::generate_context!())
        .expect("error while running Waymark");
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::WebviewWindowBuilder;

    fn request(cmd: &str, body: serde_json::Value) -> InvokeRequest {
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
}
