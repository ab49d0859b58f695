//! The app menu (File, Edit, View, Map, Help), built from the one list of
//! its items, labels and accelerators in `waymark_api::rpc::menu` (which the
//! UI's command table reads too, generated). Choosing an item emits
//! [`MENU_EVENT`] with its id; the UI does the work.

use tauri::menu::{Menu, MenuItemBuilder, PredefinedMenuItem, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Runtime};
use waymark_api::rpc::menu::{self, Entry, MenuItem, MENU};

use crate::recent_menu;

/// The event the window receives when a menu item is chosen; the payload is
/// the item's id (one of [`MENU_ITEMS`]).
pub const MENU_EVENT: &str = "menu";

/// Every menu item the UI acts on.
pub const MENU_ITEMS: &[MenuItem] = menu::ITEMS;

/// The app menu. Choosing an item emits [`MENU_EVENT`] with its id.
pub fn build_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let submenus = MENU
        .iter()
        .map(|m| submenu(app, m))
        .collect::<tauri::Result<Vec<_>>>()?;
    let refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = submenus
        .iter()
        .map(|s| s as &dyn tauri::menu::IsMenuItem<R>)
        .collect();
    Menu::with_items(app, &refs)
}

fn submenu<R: Runtime>(app: &AppHandle<R>, m: &menu::Submenu) -> tauri::Result<Submenu<R>> {
    let mut b = match m.id {
        Some(id) => SubmenuBuilder::with_id(app, id, m.title),
        None => SubmenuBuilder::new(app, m.title),
    };
    for entry in m.entries {
        b = match entry {
            Entry::Item(id) => {
                let i = menu::find(id).expect("every placed id is an item");
                let item = MenuItemBuilder::with_id(i.id, i.label);
                let item = match i.accelerator {
                    Some(a) => item.accelerator(a),
                    None => item,
                };
                b.item(&item.build(app)?)
            }
            Entry::Separator => b.separator(),
            Entry::Recent => b.item(&recent_menu::submenu(app)?),
            Entry::Quit => b.item(&PredefinedMenuItem::quit(app, Some("Quit"))?),
        };
    }
    b.build()
}
