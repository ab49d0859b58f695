import { TauriBackend } from "./tauri";
import type { MapSummary, TemplateInfo } from "./types";

/**
 * Everything the UI asks of the backend. The UI talks to it only through
 * this interface; each transport (Tauri today, HTTP with the server) is one
 * implementation.
 */
export interface Backend {
  /** The maps in the library, most recently edited first. */
  listMaps(): Promise<MapSummary[]>;
  /** The built-in templates a new map can start from. */
  listTemplates(): Promise<TemplateInfo[]>;
  /** Create a map from a template; resolves to the new map's id. */
  createMap(template: string, title: string): Promise<string>;
  /** A map's full Yjs document state (an update from an empty document). */
  openMap(id: string): Promise<Uint8Array>;
  /** Persist one Yjs update made in the UI; resolves once it is durable. */
  applyUpdate(id: string, update: Uint8Array): Promise<void>;
}

/**
 * The backend for the environment the page runs in, or `null` when there is
 * none (the page was opened outside the desktop app).
 */
export function createBackend(win: object = globalThis): Backend | null {
  if ("__TAURI_INTERNALS__" in win) return new TauriBackend();
  return null;
}
