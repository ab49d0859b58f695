//! File › Open Recent: the maps opened last, one menu item each. Rebuilt
//! whenever that list can change (a map opened, renamed, deleted or brought
//! back); choosing an item emits the menu event `recent:<map id>`.

use tauri::menu::{MenuItemBuilder, MenuItemKind, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};

use crate::LibraryState;

pub const FILE_ID: &str = waymark_api::rpc::menu::FILE_ID;
pub const SUBMENU_ID: &str = "file.open_recent";
/// Prefix of an item's id; the map id follows.
pub const ITEM_PREFIX: &str = "recent:";
const LIMIT: usize = 8;
const MAX_LABEL: usize = 48;

/// The submenu, filled from the library.
pub fn submenu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Submenu<R>> {
    let sub = SubmenuBuilder::with_id(app, SUBMENU_ID, "Open Recent").build()?;
    fill(app, &sub)?;
    Ok(sub)
}

/// Rebuilds the items of the app menu's Open Recent submenu.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let found = app
        .menu()
        .and_then(|menu| menu.get(FILE_ID))
        .and_then(|file| file.as_submenu().and_then(|f| f.get(SUBMENU_ID)));
    match found {
        Some(MenuItemKind::Submenu(sub)) => fill(app, &sub),
        _ => Ok(()),
    }
}

fn fill<R: Runtime>(app: &AppHandle<R>, sub: &Submenu<R>) -> tauri::Result<()> {
    for item in sub.items()? {
        sub.remove(&item)?;
    }
    let maps = app
        .try_state::<LibraryState>()
        .and_then(|state| state.library().ok().map(|lib| lib.recent_maps(LIMIT)))
        .and_then(Result::ok)
        .unwrap_or_default();
    if maps.is_empty() {
        let none = MenuItemBuilder::with_id("file.open_recent.none", "No maps opened yet")
            .enabled(false)
            .build(app)?;
        return sub.append(&none);
    }
    for map in maps {
        let item = MenuItemBuilder::with_id(format!("{ITEM_PREFIX}{}", map.id), label(&map.title))
            .build(app)?;
        sub.append(&item)?;
    }
    Ok(())
}

/// A menu label for a map title: shortened, and with `&` doubled so GTK and
/// Windows do not take it for a keyboard mnemonic.
pub fn label(title: &str) -> String {
    let title = if title.trim().is_empty() {
        "Untitled map"
    } else {
        title.trim()
    };
    let mut short: String = title.chars().take(MAX_LABEL).collect();
    if title.chars().count() > MAX_LABEL {
        short.push('…');
    }
    short.replace('&', "&&")
}

/// [`refresh`] for commands: a menu that cannot be rebuilt is reported, not
/// an error of the command that changed the library.
pub fn refresh_quietly<R: Runtime>(app: &AppHandle<R>) {
    if let Err(err) = refresh(app) {
        eprintln!("waymark-desktop: could not rebuild File › Open Recent: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_are_short_and_keep_ampersands() {
        assert_eq!(label("Bank & card"), "Bank && card");
        assert_eq!(label("  "), "Untitled map");
        let long = "x".repeat(60);
        assert_eq!(label(&long).chars().count(), 49);
        assert!(label(&long).ends_with('…'));
    }
}
