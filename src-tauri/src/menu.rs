//! The app menu (File, Edit, View, Map, Help): every item the UI acts on,
//! with its label and accelerator. Choosing one emits [`MENU_EVENT`] with its
//! id; the UI does the work.

use tauri::menu::{Menu, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Runtime};

use crate::recent_menu;

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
