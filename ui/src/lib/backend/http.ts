import type { Backend, CsvTable } from "./backend";
import type {
  DeckRequest,
  DeckWritten,
  LogoSource,
  ReportRequest,
  ReportWritten,
} from "./analysis";
import { CommandBackend } from "./commands";
import { BackendError } from "./errors";
import { pollForChanges } from "./poll";
import type { HostAddress, WorkshopInfo, WorkshopSummary } from "./hosting";
import type { CommandName } from "./rpc";
import type { LinkView, Problem, UpdateRepaired } from "./types";

/**
 * The backend in a browser: `waymark serve` (crates/server), the command
 * table at `POST /api/rpc/{command}` plus the routes that move raw bytes.
 * The access token comes from the page's `?token=` and is sent as a bearer
 * token with every request.
 */
export class HttpBackend extends CommandBackend implements Backend {
  readonly base: string;
  readonly token: string;

  constructor(base: string, token: string) {
    super();
    this.base = base.replace(/\/+$/, "");
    this.token = token;
  }

  /** The backend for the page at `href` (its origin and `?token=`). */
  static fromLocation(href: string): HttpBackend {
    const url = new URL(href);
    return new HttpBackend(url.origin, url.searchParams.get("token") ?? "");
  }

  /** The y-websocket URL of a map's room (the token in the query). */
  roomUrl(id: string): string {
    const ws = this.base.replace(/^http/, "ws");
    return `${ws}/ws/${encodeURIComponent(id)}?token=${encodeURIComponent(this.token)}`;
  }

  protected send(name: CommandName, request: unknown): Promise<unknown> {
    return this.json("POST", `/api/rpc/${name}`, request);
  }

  async openMap(id: string): Promise<Uint8Array> {
    const res = await this.request("GET", `${mapPath(id)}/state`);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** 204 when every value fits; 200 with what the server read mended. */
  async applyUpdate(id: string, update: Uint8Array): Promise<Problem[]> {
    // A copy backed by a plain ArrayBuffer, as `fetch` wants.
    const body = new Uint8Array(update);
    const res = await this.request(
      "POST",
      `${mapPath(id)}/update`,
      body,
      "application/octet-stream",
    );
    if (res.status !== 200) return [];
    return ((await res.json()) as UpdateRepaired).repaired;
  }

  /** Team sync runs where the library lives (the desktop app, or `waymark
   * sync` next to `waymark serve`): a browser on a workshop server must not
   * hold or set the team's server token. It can see the link's state. */
  linkMap(): Promise<LinkView> {
    return Promise.reject(teamSyncUnsupported());
  }

  unlinkMap(): Promise<void> {
    return Promise.reject(teamSyncUnsupported());
  }

  syncStatus(id: string): Promise<LinkView | null> {
    return this.json<LinkView | null>("GET", `${mapPath(id)}/link`);
  }

  /** A browser cannot listen for other browsers: workshops are hosted by
   * the desktop app or `waymark serve`. */
  workshopAddresses(): Promise<HostAddress[]> {
    return Promise.reject(hostingUnsupported());
  }

  startWorkshop(): Promise<WorkshopInfo> {
    return Promise.reject(hostingUnsupported());
  }

  workshopStatus(): Promise<WorkshopInfo | null> {
    return Promise.reject(hostingUnsupported());
  }

  stopWorkshop(): Promise<WorkshopSummary | null> {
    return Promise.reject(hostingUnsupported());
  }

  openFacilitatorView(): Promise<void> {
    return Promise.reject(hostingUnsupported());
  }

  /** Browsers do not run team sync, so no update arrives from a team room. */
  onRemoteUpdate(): () => void {
    return () => {};
  }

  /** Other processes' changes to the library (the app, the CLI, `waymark
   * sync`) reach the list by asking the server again every few seconds. */
  onLibraryChanged(handler: () => void): () => void {
    return pollForChanges(() => this.listMaps(), handler);
  }

  /** A browser does not write the server's disk: the server's CSV writer
   * turns the table into text, which is downloaded, named after the last
   * part of `path`. */
  override async saveCsv(path: string, table: CsvTable): Promise<string> {
    const text = await this.call("csv_table", table);
    return download(path, new Blob([text], { type: "text/csv;charset=utf-8" }), "export.csv");
  }

  readonly native = false;

  /** The PDF comes back as the response and is downloaded under `path`'s name. */
  async exportReport(
    id: string,
    request: ReportRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<ReportWritten> {
    const body = logo && "bytes" in logo ? { ...request, logo: Array.from(logo.bytes) } : request;
    const res = await this.request(
      "POST",
      `${mapPath(id)}/report`,
      JSON.stringify(body),
      "application/json",
    );
    const pdf = await res.blob();
    const warnings = JSON.parse(res.headers.get("x-waymark-warnings") ?? "[]") as string[];
    return {
      path: download(path, pdf, "report.pdf"),
      pages: Number(res.headers.get("x-waymark-pages") ?? 0),
      bytes: pdf.size,
      warnings,
    };
  }

  /** The .pptx comes back as the response and is downloaded under `path`'s name. */
  async exportDeck(
    id: string,
    request: DeckRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<DeckWritten> {
    const body = logo && "bytes" in logo ? { ...request, logo: Array.from(logo.bytes) } : request;
    const res = await this.request(
      "POST",
      `${mapPath(id)}/deck`,
      JSON.stringify(body),
      "application/json",
    );
    const pptx = await res.blob();
    const warnings = JSON.parse(res.headers.get("x-waymark-warnings") ?? "[]") as string[];
    return {
      path: download(path, pptx, "deck.pptx"),
      slides: Number(res.headers.get("x-waymark-slides") ?? 0),
      bytes: pptx.size,
      warnings,
    };
  }

  openPath(): Promise<void> {
    return Promise.reject(
      new BackendError("unsupported", "Open the downloaded file from your browser's downloads."),
    );
  }

  saveBinaryFile(path: string, bytes: Uint8Array, mime: string): Promise<string> {
    return Promise.resolve(
      download(path, new Blob([new Uint8Array(bytes)], { type: mime }), "export"),
    );
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      "application/json",
    );
    return (await res.json()) as T;
  }

  private async request(
    method: string,
    path: string,
    body?: BodyInit,
    contentType?: string,
  ): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (body !== undefined && contentType) headers["Content-Type"] = contentType;
    let res: Response;
    try {
      const init: RequestInit = { method, headers };
      if (body !== undefined) init.body = body;
      res = await fetch(this.base + path, init);
    } catch (reason) {
      throw new BackendError("unreachable", `The Waymark server is unreachable: ${String(reason)}`);
    }
    if (res.ok) return res;
    if (res.status === 401) {
      throw new BackendError("unauthorized", "This link's access token is missing or wrong.");
    }
    let payload: unknown = null;
    try {
      payload = await res.json();
    } catch {
      // No JSON body: fall through to the status.
    }
    const err = BackendError.from(payload);
    if (err.message !== "Unknown error") throw err;
    throw new BackendError("internal", `The server answered ${res.status}.`);
  }
}

/** Downloads `blob` under the last part of `path` (or `fallback`); returns the name. */
function download(path: string, blob: Blob, fallback: string): string {
  const name = path.trim().split(/[\\/]/).pop() || fallback;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
  return name;
}

function mapPath(id: string): string {
  return `/api/maps/${encodeURIComponent(id)}`;
}

function hostingUnsupported(): BackendError {
  return new BackendError(
    "unsupported",
    "Hosting a workshop is only in the desktop app (Map › Start Workshop…) or with `waymark serve`.",
  );
}

function teamSyncUnsupported(): BackendError {
  return new BackendError(
    "unsupported",
    "Sharing with a team server is available in the desktop app and with `waymark sync`.",
  );
}
