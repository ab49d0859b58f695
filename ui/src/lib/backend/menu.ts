// The native menu (src-tauri `build_menu`) tells the window which item was
// chosen through the "menu" event, with the item's id as the payload.

import { listen } from "@tauri-apps/api/event";

export const MENU_EVENT = "menu";

/** File › Open Recent items are `recent:<map id>` (src-tauri recent_menu.rs). */
export function recentMapId(item: string): string | null {
  return item.startsWith("recent:") && item.length > "recent:".length
    ? item.slice("recent:".length)
    : null;
}

/** Calls `handler` with the id of every menu item chosen; returns the unsubscribe. */
export function onMenu(handler: (id: string) => void, win: object = globalThis): () => void {
  if (!("__TAURI_INTERNALS__" in win)) return () => {};
  let stop: (() => void) | null = null;
  let stopped = false;
  void listen<string>(MENU_EVENT, (e) => {
    handler(e.payload);
  }).then((unlisten) => {
    if (stopped) unlisten();
    else stop = unlisten;
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
