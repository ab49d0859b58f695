import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Backend } from "./backend";
import type {
  DeckRequest,
  DeckWritten,
  LogoSource,
  ReportRequest,
  ReportWritten,
} from "./analysis";
import { CommandBackend } from "./commands";
import { BackendError } from "./errors";
import type { HostAddress, HostOptions, WorkshopInfo, WorkshopSummary } from "./hosting";
import type { CommandName } from "./rpc";
import type { LinkView, Problem, ShareTarget } from "./types";

/**
 * The backend inside the desktop app: the command table through the shell's
 * one `rpc` command, plus its own commands for raw bytes (a map's state and
 * updates, PNGs) and desktop-only things (opening files, team sync,
 * hosting a workshop).
 */
export class TauriBackend extends CommandBackend implements Backend {
  readonly native = true;

  protected send(command: CommandName, request: unknown): Promise<unknown> {
    return shell("rpc", { command, request });
  }

  async openMap(id: string): Promise<Uint8Array> {
    // A raw `tauri::ipc::Response`: an ArrayBuffer, no JSON on the way.
    const state = await shell<ArrayBuffer | number[]>("open_map", { id });
    return state instanceof ArrayBuffer ? new Uint8Array(state) : Uint8Array.from(state);
  }

  /** The shell answers nothing: the desktop's inputs are guarded before
   * they reach the document, so nothing comes back mended. */
  async applyUpdate(id: string, update: Uint8Array): Promise<Problem[]> {
    // The raw update is the request body; the map id travels in a header.
    try {
      await invoke("apply_update", update, { headers: { "waymark-map": id } });
    } catch (reason) {
      throw BackendError.from(reason);
    }
    return [];
  }

  /** The logo goes as the path the dialog chose, or as the bytes. */
  exportReport(
    id: string,
    request: ReportRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<ReportWritten> {
    const withBytes =
      logo && "bytes" in logo ? { ...request, logo: Array.from(logo.bytes) } : request;
    return this.call(
      "export_report",
      logo && "path" in logo
        ? { id, request: withBytes, path, logo_path: logo.path }
        : { id, request: withBytes, path },
    );
  }

  exportDeck(
    id: string,
    request: DeckRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<DeckWritten> {
    const withBytes =
      logo && "bytes" in logo ? { ...request, logo: Array.from(logo.bytes) } : request;
    return this.call(
      "export_deck",
      logo && "path" in logo
        ? { id, request: withBytes, path, logo_path: logo.path }
        : { id, request: withBytes, path },
    );
  }

  openPath(path: string, reveal: boolean): Promise<void> {
    return shell("open_path", { path, reveal });
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

  linkMap(id: string, target: ShareTarget): Promise<LinkView> {
    const { server, room, token, tokenVia } = target;
    const protocol = target.protocol ?? null;
    return shell("link_map", { id, server, room, token, tokenVia, protocol });
  }

  unlinkMap(id: string): Promise<void> {
    return shell("unlink_map", { id });
  }

  syncStatus(id: string): Promise<LinkView | null> {
    return shell("sync_status", { id });
  }

  onRemoteUpdate(id: string, handler: (update: Uint8Array) => void): () => void {
    return subscribe("map-remote-update", (payload) => {
      // `sync_cmds::RemoteUpdate` in the shell.
      const remote = payload as { id: string; update: number[] };
      if (remote.id === id) handler(Uint8Array.from(remote.update));
    });
  }

  onLibraryChanged(handler: () => void): () => void {
    return subscribe("library-changed", () => {
      handler();
    });
  }

  workshopAddresses(): Promise<HostAddress[]> {
    return shell("workshop_addresses");
  }

  startWorkshop(id: string, options: HostOptions): Promise<WorkshopInfo> {
    return shell("workshop_start", { id, options });
  }

  workshopStatus(): Promise<WorkshopInfo | null> {
    return shell("workshop_status");
  }

  stopWorkshop(): Promise<WorkshopSummary | null> {
    return shell("workshop_stop");
  }

  openFacilitatorView(): Promise<void> {
    return shell("workshop_open_facilitator");
  }
}

/** One of the shell's own commands (src-tauri), its errors as BackendError. */
async function shell<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw BackendError.from(reason);
  }
}

/** Listens for a window event until the returned function is called. */
function subscribe(event: string, handler: (payload: unknown) => void): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  void listen(event, (e) => {
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
