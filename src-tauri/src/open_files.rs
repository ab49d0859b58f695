//! Files the app is asked to open, as desktop software is: `waymark-desktop
//! FILE…` at launch (a double-click runs the desktop entry's `%F`), and the
//! files a second launch on the same library hands to the running window
//! (single instance). Each file opens through [`waymark_api::Library::open_file`]
//! (imported once, then the same map again); the window shows the last one.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

use crate::{recent_menu, LibraryState, MENU_EVENT};

/// The map a file given at launch opened as, until the window asks for it
/// ([`take_launched_map`]); the window is not listening for events yet.
#[derive(Default)]
pub struct LaunchedMap(Mutex<Option<String>>);

/// The files among a command line's arguments (the program name left out):
/// every argument that is not an option, taken from `cwd` when relative;
/// `--db` takes the next argument as its value.
pub fn file_args(args: impl IntoIterator<Item = OsString>, cwd: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            args.next();
        } else if !arg.to_string_lossy().starts_with('-') {
            files.push(cwd.join(arg));
        }
    }
    files
}

/// Opens each file as a map; returns the id of the last that opened. A
/// file that does not open is reported in a message naming it.
pub fn open_all<R: Runtime>(app: &AppHandle<R>, files: &[PathBuf]) -> Option<String> {
    let state = app.try_state::<LibraryState>()?;
    // A library that did not open is already what the window shows.
    let library = state.library().ok()?;
    let mut last = None;
    for file in files {
        match library.open_file(file) {
            Ok(opened) => last = Some(opened.id),
            Err(err) => {
                app.dialog()
                    .message(format!(
                        "Waymark could not open {}.\n\n{err}",
                        file.display()
                    ))
                    .title("Could not open the file")
                    .kind(MessageDialogKind::Error)
                    .show(|_| {});
            }
        }
    }
    if last.is_some() {
        recent_menu::refresh_quietly(app);
    }
    last
}

/// Opens the files named on this process's command line; called once the
/// app is set up (a second launch never gets there: it handed its files on).
pub fn open_launch_files<R: Runtime>(app: &AppHandle<R>) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let files = file_args(std::env::args_os().skip(1), &cwd);
    if let Some(id) = open_all(app, &files) {
        if let Some(launched) = app.try_state::<LaunchedMap>() {
            *launched.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(id);
        }
    }
}

/// The map a file given at launch opened as, once: the window opens it
/// when it starts.
#[tauri::command]
pub async fn take_launched_map(launched: State<'_, LaunchedMap>) -> Result<Option<String>, ()> {
    Ok(launched.0.lock().unwrap_or_else(|e| e.into_inner()).take())
}

/// One running window per library file: a second `waymark-desktop FILE` on
/// the same library hands its arguments to the first, which comes to the
/// front and opens the file (through the Open Recent menu event the library
/// home and the editor already act on). Another library is another window.
/// Without a D-Bus session (a bare CI shell) every launch runs on its own.
pub fn single_instance<R: Runtime>(identifier: &str, library: &Path) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_name(identifier, library))
        .callback(|app, argv, cwd| {
            let files = file_args(
                argv.into_iter().skip(1).map(OsString::from),
                Path::new(&cwd),
            );
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
            if let Some(id) = open_all(app, &files) {
                let _ = app.emit(MENU_EVENT, format!("{}{id}", recent_menu::ITEM_PREFIX));
            }
        })
        .build()
}

/// The D-Bus name of the instance for `library`: the app identifier and a
/// hash of the library's absolute path (FNV-1a, stable across builds, so an
/// older and a newer Waymark on one library still find each other).
pub fn instance_name(identifier: &str, library: &Path) -> String {
    let absolute = std::path::absolute(library).unwrap_or_else(|_| library.to_path_buf());
    let hash = absolute
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{identifier}.library_{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_arguments_skip_options_and_the_library() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        let cwd = Path::new("/home/me");
        assert_eq!(
            file_args(args(&["--db", "/tmp/l.db", "a.waymark", "/x/b.mmd"]), cwd),
            vec![
                PathBuf::from("/home/me/a.waymark"),
                PathBuf::from("/x/b.mmd")
            ]
        );
        assert!(file_args(args(&["--db=/tmp/l.db", "--verbose"]), cwd).is_empty());
    }

    #[test]
    fn each_library_has_its_own_instance_name() {
        let a = instance_name("app.waymark.desktop", Path::new("/tmp/a.db"));
        assert_eq!(
            a,
            instance_name("app.waymark.desktop", Path::new("/tmp/a.db"))
        );
        assert_ne!(
            a,
            instance_name("app.waymark.desktop", Path::new("/tmp/b.db"))
        );
        // A D-Bus name element may not start with a digit.
        assert!(a.starts_with("app.waymark.desktop.library_"), "{a}");
    }
}
