import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Backend, CsvTable, ExportFormat } from "./backend";
import type {
  ColumnMapping,
  Comparison,
  DeckRequest,
  DeckWritten,
  ImportStats,
  LogoSource,
  MapOrigin,
  MapRef,
  ReportRequest,
  ReportWritten,
  ResponsesPreview,
  TextFile,
} from "./analysis";
import { BackendError } from "./errors";
import type { HostAddress, HostOptions, WorkshopInfo, WorkshopSummary } from "./hosting";
import type {
  Board,
  Explanation,
  Homeless,
  ImportSource,
  LinkView,
  MapStrip,
  MapSummary,
  Scorecard,
  ShareTarget,
  TemplateInfo,
  VersionInfo,
} from "./types";

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

  async openMap(id: string): Promise<Uint8Array> {
    // A raw `tauri::ipc::Response`: an ArrayBuffer, no JSON on the way.
    const state = await call<ArrayBuffer | number[]>("open_map", { id });
    return state instanceof ArrayBuffer ? new Uint8Array(state) : Uint8Array.from(state);
  }

  createVersion(id: string, label: string): Promise<VersionInfo> {
    return call<VersionInfo>("create_version", { id, label });
  }

  listVersions(id: string): Promise<VersionInfo[]> {
    return call<VersionInfo[]>("list_versions", { id });
  }

  restoreVersion(id: string, version: string): Promise<VersionInfo> {
    return call<VersionInfo>("restore_version", { id, version });
  }

  exportMap(id: string, format: ExportFormat, path: string): Promise<string> {
    return call<string>("export_map", { id, format, path });
  }

  scoreMap(id: string, brief = false): Promise<Scorecard> {
    return call<Scorecard>("score_map", { id, brief });
  }

  mapBoard(id: string): Promise<Board> {
    return call<Board>("map_board", { id });
  }

  explainTouchpoint(id: string, touchpoint: string): Promise<Explanation> {
    return call<Explanation>("explain_touchpoint", { id, touchpoint });
  }

  saveCsv(path: string, table: CsvTable): Promise<string> {
    return call<string>("save_csv", { path, header: table.header, rows: table.rows });
  }

  mapHomeless(id: string): Promise<Homeless> {
    return call<Homeless>("map_homeless", { id });
  }

  rehome(id: string, entity: string, stage: string, lane?: string): Promise<Homeless> {
    return call<Homeless>("rehome", { id, entity, stage, lane: lane ?? null });
  }

  renameMap(id: string, title: string): Promise<MapSummary> {
    return call<MapSummary>("rename_map", { id, title });
  }

  duplicateMap(id: string): Promise<string> {
    return call<string>("duplicate_map", { id });
  }

  trashMap(id: string): Promise<void> {
    return call<undefined>("trash_map", { id });
  }

  untrashMap(id: string): Promise<void> {
    return call<undefined>("untrash_map", { id });
  }

  markOpened(id: string): Promise<void> {
    return call<undefined>("mark_opened", { id });
  }

  mapStrips(): Promise<MapStrip[]> {
    return call<MapStrip[]>("map_strips");
  }

  importMap(source: ImportSource): Promise<string> {
    return call<string>("import_map", { ...source });
  }

  linkMap(id: string, target: ShareTarget): Promise<LinkView> {
    const { server, room, token, tokenVia } = target;
    const protocol = target.protocol ?? null;
    return call<LinkView>("link_map", { id, server, room, token, tokenVia, protocol });
  }

  unlinkMap(id: string): Promise<void> {
    return call<undefined>("unlink_map", { id });
  }

  syncStatus(id: string): Promise<LinkView | null> {
    return call<LinkView | null>("sync_status", { id });
  }

  onRemoteUpdate(id: string, handler: (update: Uint8Array) => void): () => void {
    let stop: (() => void) | null = null;
    let stopped = false;
    void listen<{ id: string; update: number[] }>("map-remote-update", (e) => {
      if (e.payload.id === id) handler(Uint8Array.from(e.payload.update));
    }).then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }

  onLibraryChanged(handler: () => void): () => void {
    let stop: (() => void) | null = null;
    let stopped = false;
    void listen("library-changed", () => {
      handler();
    }).then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }

  async applyUpdate(id: string, update: Uint8Array): Promise<void> {
    // The raw update is the request body; the map id travels in a header.
    try {
      await invoke("apply_update", update, { headers: { "waymark-map": id } });
    } catch (reason) {
      throw BackendError.from(reason);
    }
  }

  readonly native = true;

  readTextFile(path: string): Promise<TextFile> {
    return call<TextFile>("read_text_file", { path });
  }

  previewResponses(
    id: string,
    file: TextFile,
    mapping: ColumnMapping | null,
  ): Promise<ResponsesPreview> {
    return call<ResponsesPreview>("preview_responses", { id, ...file, mapping });
  }

  importResponses(id: string, file: TextFile, mapping: ColumnMapping | null): Promise<ImportStats> {
    return call<ImportStats>("import_responses", { id, ...file, mapping });
  }

  exportReport(
    id: string,
    request: ReportRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<ReportWritten> {
    const withBytes =
      logo && "bytes" in logo ? { ...request, logo: Array.from(logo.bytes) } : request;
    const logoPath = logo && "path" in logo ? logo.path : null;
    return call<ReportWritten>("export_report", { id, request: withBytes, path, logoPath });
  }

  exportDeck(
    id: string,
    request: DeckRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<DeckWritten> {
    const withBytes =
      logo && "bytes" in logo ? { ...request, logo: Array.from(logo.bytes) } : request;
    const logoPath = logo && "path" in logo ? logo.path : null;
    return call<DeckWritten>("export_deck", { id, request: withBytes, path, logoPath });
  }

  openPath(path: string, reveal: boolean): Promise<void> {
    return call<undefined>("open_path", { path, reveal });
  }

  async saveBinaryFile(path: string, bytes: Uint8Array): Promise<string> {
    // The raw bytes are the request body; the path travels in a header.
    try {
      return await invoke<string>("save_binary_file", bytes, {
        headers: { "waymark-path": encodeURIComponent(path) },
      });
    } catch (reason) {
      throw BackendError.from(reason);
    }
  }

  createFutureState(id: string, title?: string): Promise<string> {
    return call<string>("create_future_state", { id, title: title ?? null });
  }

  mapOrigins(id: string): Promise<MapOrigin[]> {
    return call<MapOrigin[]>("map_origins", { id });
  }

  compareMaps(before: MapRef, after: MapRef): Promise<Comparison> {
    return call<Comparison>("compare_maps", { before, after });
  }

  workshopAddresses(): Promise<HostAddress[]> {
    return call<HostAddress[]>("workshop_addresses");
  }

  startWorkshop(id: string, options: HostOptions): Promise<WorkshopInfo> {
    return call<WorkshopInfo>("workshop_start", { id, ip: options.ip, port: options.port });
  }

  workshopStatus(): Promise<WorkshopInfo | null> {
    return call<WorkshopInfo | null>("workshop_status");
  }

  stopWorkshop(): Promise<WorkshopSummary | null> {
    return call<WorkshopSummary | null>("workshop_stop");
  }

  openFacilitatorView(): Promise<void> {
    return call<undefined>("workshop_open_facilitator");
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw BackendError.from(reason);
  }
}
