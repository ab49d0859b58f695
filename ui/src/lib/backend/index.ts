import { createBackend as createDesktopBackend, type Backend } from "./backend";
import { HttpBackend } from "./http";

export type { Backend, CsvTable, ExportFormat, TargetOwner, WaveName } from "./backend";
export { onMenu, recentMapId } from "./menu";
export { BackendError } from "./errors";
export { HttpBackend } from "./http";
export type * from "./types";
export type * from "./analysis";
export type * from "./hosting";

/**
 * The backend for the page: Tauri inside the desktop app, the `waymark serve`
 * HTTP API in a browser page, `null` where there is no page (tests).
 */
export function createBackend(win: object = globalThis): Backend | null {
  const desktop = createDesktopBackend(win);
  if (desktop) return desktop;
  const href = (win as { location?: { href?: unknown } }).location?.href;
  return typeof href === "string" && /^https?:/.test(href) ? HttpBackend.fromLocation(href) : null;
}
