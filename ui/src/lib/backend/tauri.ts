import { invoke } from "@tauri-apps/api/core";
import type { Backend } from "./backend";
import { BackendError } from "./errors";
import type { MapSummary, TemplateInfo } from "./types";

/** The backend inside the desktop app: Tauri commands of `src-tauri`. */
export class TauriBackend implements Backend {
  listMaps(): Promise<MapSummary[]> {
    return call<MapSummary[]>("list_maps");
  }

  listTemplates(): Promise<TemplateInfo[]> {
    return call<TemplateInfo[]>("list_templates");
  }

  createMap(template: string, title: string): Promise<string> {
    return call<string>("create_map", { template, title });
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw BackendError.from(reason);
  }
}
