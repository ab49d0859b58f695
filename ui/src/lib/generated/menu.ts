// Generated from crates/api/src/rpc/menu.rs (the app menu) by
// `WAYMARK_BLESS=1 cargo test -p waymark-api --test bindings`. Do not edit.

/** Every native menu item's id. */
export type MenuId =
  | "file.new"
  | "file.import"
  | "file.library"
  | "file.save_version"
  | "file.export_waymark"
  | "file.export_mermaid"
  | "file.export_csv"
  | "file.export_png"
  | "file.export_svg"
  | "file.export_report"
  | "file.export_deck"
  | "file.import_survey"
  | "file.future_state"
  | "edit.undo"
  | "edit.redo"
  | "edit.delete"
  | "view.zoom_in"
  | "view.zoom_out"
  | "view.fit"
  | "view.present"
  | "view.compare"
  | "view.shortcuts"
  | "map.share"
  | "map.workshop"
  | "help.shortcuts"
  | "help.about";

/** A native menu item: choosing it sends `id` to the window; `accelerator` is Tauri's syntax. */
export interface MenuItem {
  id: MenuId;
  label: string;
  accelerator: string | null;
}

/** Every item, in menu order. */
export const MENU_ITEMS: readonly MenuItem[] = [
  {"id":"file.new","label":"New map…","accelerator":"CmdOrCtrl+N"},
  {"id":"file.import","label":"Import…","accelerator":"CmdOrCtrl+O"},
  {"id":"file.library","label":"Back to library","accelerator":"CmdOrCtrl+L"},
  {"id":"file.save_version","label":"Save version…","accelerator":"CmdOrCtrl+S"},
  {"id":"file.export_waymark","label":"Export .waymark…","accelerator":null},
  {"id":"file.export_mermaid","label":"Export Mermaid…","accelerator":null},
  {"id":"file.export_csv","label":"Export CSV…","accelerator":null},
  {"id":"file.export_png","label":"Export canvas as PNG…","accelerator":null},
  {"id":"file.export_svg","label":"Export canvas as SVG…","accelerator":null},
  {"id":"file.export_report","label":"Export report (PDF)…","accelerator":"CmdOrCtrl+P"},
  {"id":"file.export_deck","label":"Export deck (PowerPoint)…","accelerator":null},
  {"id":"file.import_survey","label":"Import survey answers…","accelerator":"CmdOrCtrl+I"},
  {"id":"file.future_state","label":"New future state (to-be)","accelerator":null},
  {"id":"edit.undo","label":"Undo","accelerator":"CmdOrCtrl+Z"},
  {"id":"edit.redo","label":"Redo","accelerator":"CmdOrCtrl+Shift+Z"},
  {"id":"edit.delete","label":"Delete","accelerator":null},
  {"id":"view.zoom_in","label":"Zoom in","accelerator":"CmdOrCtrl+="},
  {"id":"view.zoom_out","label":"Zoom out","accelerator":"CmdOrCtrl+-"},
  {"id":"view.fit","label":"Zoom to fit","accelerator":"CmdOrCtrl+0"},
  {"id":"view.present","label":"Present","accelerator":"F5"},
  {"id":"view.compare","label":"Compare…","accelerator":null},
  {"id":"view.shortcuts","label":"Keyboard shortcuts","accelerator":null},
  {"id":"map.share","label":"Share with Team…","accelerator":null},
  {"id":"map.workshop","label":"Start Workshop…","accelerator":null},
  {"id":"help.shortcuts","label":"Keyboard shortcuts","accelerator":"F1"},
  {"id":"help.about","label":"About Waymark","accelerator":null},
];
