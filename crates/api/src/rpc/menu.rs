//! The desktop app's menu, once: each item's id, label and accelerator, and
//! how the items sit in File, Edit, View, Map and Help. The shell builds the
//! native menu from [`MENU`] (`src-tauri/src/menu.rs`); the UI's command
//! table takes the keys and key labels of the items it binds from the
//! generated `ui/src/lib/generated/menu.ts` ([`typescript`]). It lives here,
//! without Tauri, so the TypeScript is made and checked with the command
//! table's (`crates/api/tests/bindings.rs`).

use serde::Serialize;

/// A menu item the UI acts on: choosing it sends its id to the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MenuItem {
    pub id: &'static str,
    pub label: &'static str,
    /// Tauri's accelerator syntax (`CmdOrCtrl+Shift+Z`, `F5`).
    pub accelerator: Option<&'static str>,
}

/// One line of a submenu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The item with this id (one of [`ITEMS`]).
    Item(&'static str),
    Separator,
    /// File › Open Recent, which the shell fills.
    Recent,
    /// The platform's Quit.
    Quit,
}

/// A top-level menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submenu {
    /// Its id where the shell looks it up again (File, for Open Recent).
    pub id: Option<&'static str>,
    pub title: &'static str,
    pub entries: &'static [Entry],
}

const fn item(
    id: &'static str,
    label: &'static str,
    accelerator: Option<&'static str>,
) -> MenuItem {
    MenuItem {
        id,
        label,
        accelerator,
    }
}

/// Every menu item the UI acts on, in the order of [`MENU`].
pub const ITEMS: &[MenuItem] = &[
    item("file.new", "New map…", Some("CmdOrCtrl+N")),
    item("file.import", "Import…", Some("CmdOrCtrl+O")),
    item("file.library", "Back to library", Some("CmdOrCtrl+L")),
    item("file.save_version", "Save version…", Some("CmdOrCtrl+S")),
    item("file.export_waymark", "Export .waymark…", None),
    item("file.export_mermaid", "Export Mermaid…", None),
    item("file.export_csv", "Export CSV…", None),
    item("file.export_png", "Export canvas as PNG…", None),
    item("file.export_svg", "Export canvas as SVG…", None),
    item(
        "file.export_report",
        "Export report (PDF)…",
        Some("CmdOrCtrl+P"),
    ),
    item("file.export_deck", "Export deck (PowerPoint)…", None),
    item(
        "file.import_survey",
        "Import survey answers…",
        Some("CmdOrCtrl+I"),
    ),
    item("file.future_state", "New future state (to-be)", None),
    item("edit.undo", "Undo", Some("CmdOrCtrl+Z")),
    item("edit.redo", "Redo", Some("CmdOrCtrl+Shift+Z")),
    // No accelerator: the Delete key must keep working in text fields.
    item("edit.delete", "Delete", None),
    item("view.zoom_in", "Zoom in", Some("CmdOrCtrl+=")),
    item("view.zoom_out", "Zoom out", Some("CmdOrCtrl+-")),
    item("view.fit", "Zoom to fit", Some("CmdOrCtrl+0")),
    item("view.present", "Present", Some("F5")),
    item("view.compare", "Compare…", None),
    item("view.shortcuts", "Keyboard shortcuts", None),
    item("map.share", "Share with Team…", None),
    item("map.workshop", "Start Workshop…", None),
    item("help.shortcuts", "Keyboard shortcuts", Some("F1")),
    item("help.about", "About Waymark", None),
];

use Entry::{Item, Quit, Recent, Separator};

/// The File menu's id (File › Open Recent is found through it).
pub const FILE_ID: &str = "file";

/// The app menu, top to bottom.
pub const MENU: &[Submenu] = &[
    Submenu {
        id: Some(FILE_ID),
        title: "File",
        entries: &[
            Item("file.new"),
            Item("file.import"),
            Recent,
            Item("file.library"),
            Separator,
            Item("file.save_version"),
            Separator,
            Item("file.export_waymark"),
            Item("file.export_mermaid"),
            Item("file.export_csv"),
            Item("file.export_png"),
            Item("file.export_svg"),
            Item("file.export_report"),
            Item("file.export_deck"),
            Separator,
            Item("file.import_survey"),
            Item("file.future_state"),
            Separator,
            Quit,
        ],
    },
    Submenu {
        id: None,
        title: "Edit",
        entries: &[
            Item("edit.undo"),
            Item("edit.redo"),
            Separator,
            Item("edit.delete"),
        ],
    },
    Submenu {
        id: None,
        title: "View",
        entries: &[
            Item("view.zoom_in"),
            Item("view.zoom_out"),
            Item("view.fit"),
            Separator,
            Item("view.present"),
            Item("view.compare"),
            Separator,
            Item("view.shortcuts"),
        ],
    },
    Submenu {
        id: None,
        title: "Map",
        entries: &[Item("map.share"), Item("map.workshop")],
    },
    Submenu {
        id: None,
        title: "Help",
        entries: &[Item("help.shortcuts"), Item("help.about")],
    },
];

/// The item with `id`.
pub fn find(id: &str) -> Option<&'static MenuItem> {
    ITEMS.iter().find(|i| i.id == id)
}

/// The generated module: the items as data, and their ids as a type.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from crates/api/src/rpc/menu.rs (the app menu) by\n\
         // `WAYMARK_BLESS=1 cargo test -p waymark-api --test bindings`. Do not edit.\n\n\
         /** Every native menu item's id. */\nexport type MenuId =\n",
    );
    for (n, i) in ITEMS.iter().enumerate() {
        let end = if n + 1 == ITEMS.len() { ";" } else { "" };
        out.push_str(&format!("  | \"{}\"{end}\n", i.id));
    }
    out.push_str(
        "\n/** A native menu item: choosing it sends `id` to the window; `accelerator` is Tauri's syntax. */\n\
         export interface MenuItem {\n  id: MenuId;\n  label: string;\n  accelerator: string | null;\n}\n\n\
         /** Every item, in menu order. */\nexport const MENU_ITEMS: readonly MenuItem[] = [\n",
    );
    for i in ITEMS {
        let json = serde_json::to_string(i).expect("a menu item is JSON");
        out.push_str(&format!("  {json},\n"));
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_holds_every_item_once() {
        let placed: Vec<&str> = MENU
            .iter()
            .flat_map(|m| m.entries)
            .filter_map(|e| match e {
                Item(id) => Some(*id),
                _ => None,
            })
            .collect();
        let ids: Vec<&str> = ITEMS.iter().map(|i| i.id).collect();
        assert_eq!(placed, ids, "ITEMS in menu order, each placed once");
    }

    #[test]
    fn accelerators_are_unique() {
        let mut accels: Vec<&str> = ITEMS.iter().filter_map(|i| i.accelerator).collect();
        let n = accels.len();
        accels.sort_unstable();
        accels.dedup();
        assert_eq!(accels.len(), n);
    }
}
