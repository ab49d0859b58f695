// Where each map was last looked at: zoom, scroll and overlay, kept in the
// window's localStorage under the map's id, so reopening a map puts the
// designer back where they were; and whether the side panel is collapsed.

import { OVERLAY_MODES, type OverlayMode } from "../insights/overlay";
import { clampZoom } from "./viewport";

export interface RememberedView {
  zoom: number;
  left: number;
  top: number;
  overlay: OverlayMode;
}

type Store = Pick<Storage, "getItem" | "setItem">;

const key = (id: string) => `waymark.view.${id}`;

/** The view last kept for map `id`, or null (none, or not readable). */
export function recallView(store: Store | null, id: string): RememberedView | null {
  let raw: unknown;
  try {
    raw = JSON.parse(store?.getItem(key(id)) ?? "null");
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const v = raw as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  const zoom = num(v["zoom"]);
  if (zoom === null) return null;
  const overlay = (OVERLAY_MODES as readonly unknown[]).includes(v["overlay"])
    ? (v["overlay"] as OverlayMode)
    : "none";
  return {
    zoom: clampZoom(zoom),
    left: Math.max(0, num(v["left"]) ?? 0),
    top: Math.max(0, num(v["top"]) ?? 0),
    overlay,
  };
}

/** Keep the view of map `id` (a full or blocked storage only loses the memory). */
export function rememberView(store: Store | null, id: string, v: RememberedView): void {
  try {
    store?.setItem(key(id), JSON.stringify(v));
  } catch {
    // Nothing to do: the view is a convenience.
  }
}

const PANEL_KEY = "waymark.sidePanelHidden";

/** Whether the side panel was last collapsed (one choice for every map). */
export function recallPanelHidden(store: Store | null): boolean {
  try {
    return store?.getItem(PANEL_KEY) === "1";
  } catch {
    return false;
  }
}

export function rememberPanelHidden(store: Store | null, hidden: boolean): void {
  try {
    store?.setItem(PANEL_KEY, hidden ? "1" : "0");
  } catch {
    // A convenience, as above.
  }
}

/** The window's localStorage, or null where there is none. */
export function windowStore(): Store | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
