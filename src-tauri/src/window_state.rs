//! The window's size and position, remembered between runs
//! (tauri-plugin-window-state). The plugin writes its file only when the app
//! exits normally; this also writes it shortly after every move or resize,
//! so the geometry survives a crash or a killed process.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tauri::{Manager, Runtime, Window, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Quiet time after the last move/resize before the state is written.
const SETTLE: Duration = Duration::from_millis(400);

/// The plugin, saving every window's geometry (not its visibility: the
/// window always opens shown).
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_window_state::Builder::default()
        .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
        .build()
}

/// Counts geometry changes, so only the last one of a burst writes the file.
#[derive(Default)]
pub struct Pending(Arc<AtomicU64>);

/// Call from `on_window_event`: schedules a save after a move or resize.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let Some(pending) = window.try_state::<Pending>() else {
        return;
    };
    let counter = pending.0.clone();
    let mine = counter.fetch_add(1, Ordering::SeqCst) + 1;
    let app = window.app_handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(SETTLE);
        if counter.load(Ordering::SeqCst) == mine {
            if let Err(err) = app.save_window_state(StateFlags::all() - StateFlags::VISIBLE) {
                eprintln!("waymark-desktop: could not save the window's size and position: {err}");
            }
        }
    });
}
