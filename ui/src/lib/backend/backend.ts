import type {
  Comparison,
  DeckRequest,
  DeckWritten,
  EvidenceCoverage,
  ImportStats,
  LogoSource,
  MapOrigin,
  MapRef,
  ReportRequest,
  ReportWritten,
  ResponsesPreview,
  SurveyColumns,
  TextFile,
} from "./analysis";
import type { HostAddress, HostOptions, WorkshopInfo, WorkshopSummary } from "./hosting";
import { TauriBackend } from "./tauri";
import type {
  AsOf,
  Board,
  Explanation,
  Homeless,
  ImportSource,
  Kpi,
  KpiTarget,
  LinkView,
  MapStrip,
  MapSummary,
  MapThemes,
  Problem,
  Scorecard,
  SettingProblem,
  SettingValue,
  ShareTarget,
  TargetGroup,
  TemplateInfo,
  ThemesQuery,
  TitleClash,
  Trend,
  VersionInfo,
  WaveComparison,
  WaveRow,
} from "./types";

/** Whose KPI target to set: a touchpoint's or a stage's (id or exact name);
 * `null` where it is taken stands for the journey's own. */
export type TargetOwner = { touchpoint: string } | { stage: string };

/** The wave a survey import goes into: its label and, when known, its date (YYYY-MM-DD). */
export interface WaveName {
  label: string;
  date?: string;
}

/**
 * Everything the UI asks of the backend. The UI talks to it only through
 * this interface; most methods are one command of the API's table, written
 * once in commands.ts; each transport (Tauri, HTTP with the server) adds
 * what moves raw bytes or differs by front.
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
  /** Persist one Yjs update made in the UI; resolves once it is durable, to
   * the values the backend read mended (an empty title, `emotion: 99`):
   * merged as sent, shown mended everywhere else. */
  applyUpdate(id: string, update: Uint8Array): Promise<Problem[]>;
  /** Keep the map's current state as a named version. */
  createVersion(id: string, label: string): Promise<VersionInfo>;
  /** The map's named versions. */
  listVersions(id: string): Promise<VersionInfo[]>;
  /** Bring the map back to a version; resolves to the version the library
   * kept of the state before the restore. Reopen the map's state after. */
  restoreVersion(id: string, version: string): Promise<VersionInfo>;
  /** Write the map as `format` to `path` (relative: from the home folder);
   * resolves to the absolute path written. */
  exportMap(id: string, format: ExportFormat, path: string): Promise<string>;
  /** The map's scorecard as persisted now (what `waymark score --json` prints);
   * `brief` leaves out each touchpoint's factors and effort cues; `asOf`:
   * the survey wave the scores are as of (default: the latest). With
   * `covers` (a Yjs state vector: the editor's document as it asks) the
   * backend scores its copy once that holds as much, so the editor need not
   * wait for its edits to be durable before asking. */
  scoreMap(id: string, brief?: boolean, asOf?: AsOf, covers?: Uint8Array): Promise<Scorecard>;
  /** The map's pain-point board as persisted now: pain points and
   * opportunities, ranked, with votes (what `waymark board --json` prints). */
  mapBoard(id: string, asOf?: AsOf): Promise<Board>;
  /** One touchpoint's score with its factors, survey answers and their sentiment. */
  explainTouchpoint(id: string, touchpoint: string, asOf?: AsOf): Promise<Explanation>;
  /** What is wrong with the scoring settings as typed, by field or group
   * (Rust's ranges and weight rule, in the user's words); empty: all fine. */
  checkSettings(values: SettingValue[]): Promise<SettingProblem[]>;
  /** What the comments are about, per touchpoint and stage, from the
   * library's survey waves (what `waymark themes --json` prints). */
  mapThemes(query: ThemesQuery): Promise<MapThemes>;
  /** Every survey wave scored on its own answers, with 95% intervals,
   * changes since the wave before and targets (`waymark trend --json`). */
  mapTrend(id: string): Promise<Trend>;
  /** The map's survey waves, oldest first: the wave picker's choices. */
  mapWaves(id: string): Promise<WaveRow[]>;
  /** What improved and what got worse beyond noise between two waves. */
  compareWaves(id: string, before: string, after: string): Promise<WaveComparison>;
  /** Set (or, with `null`, clear) a KPI target of the journey (`of` null),
   * a stage or a touchpoint; resolves to that group's targets, checked. */
  setTarget(
    id: string,
    of: TargetOwner | null,
    kpi: Kpi,
    target: KpiTarget | null,
  ): Promise<TargetGroup>;
  /** Save a table the UI made as CSV, written by Waymark's one CSV writer
   * (formula-like cells neutralised): in the desktop app to `path`
   * (relative: from the home folder), in a browser as a download named
   * after it. Resolves to where it went. */
  saveCsv(path: string, table: CsvTable): Promise<string>;
  /** Rename a map; resolves to its summary after the change. */
  renameMap(id: string, title: string): Promise<MapSummary>;
  /** The renames that keep the just-imported maps `ids` apart from the others by title (keep both). */
  titleClashes(ids: string[]): Promise<TitleClash[]>;
  /** Copy a map (not its versions) as "… (copy)"; resolves to the copy's id. */
  duplicateMap(id: string): Promise<string>;
  /** Move a map to the trash (a delete that `untrashMap` undoes). */
  trashMap(id: string): Promise<void>;
  /** Take a map back out of the trash. */
  untrashMap(id: string): Promise<void>;
  /** Note that a map was opened, for the library's recent list. */
  markOpened(id: string): Promise<void>;
  /** Every listed map's stages with their friction and emotion scores. */
  mapStrips(): Promise<MapStrip[]>;
  /** Import a `.waymark` or Mermaid file; resolves to the new map's id. */
  importMap(source: ImportSource): Promise<string>;
  /** What concurrent edits left without a home in the map (as saved). */
  mapHomeless(id: string): Promise<Homeless>;
  /** Put a homeless touchpoint or note back into `stage` (and `lane`, for a
   * touchpoint; by default its old lane if it exists, else the first);
   * resolves to what is still homeless. Reload the map's state after. */
  rehome(id: string, entity: string, stage: string, lane?: string): Promise<Homeless>;

  /** True in the desktop app: files are read and written by path (native
   * dialogs, open/reveal); false in a browser (file inputs, downloads). */
  readonly native: boolean;
  /** A UTF-8 text file by path (desktop only: a browser reads files itself). */
  readTextFile(path: string): Promise<TextFile>;
  /** The survey import's dry run: first rows, the survey tool recognised,
   * the column mapping (suggested when `columns` is null), every problem
   * with its line. Writes nothing. */
  previewResponses(
    id: string,
    file: TextFile,
    columns: SurveyColumns | null,
  ): Promise<ResponsesPreview>;
  /** Import survey answers, all or nothing: into the wave named (an existing
   * label's wave is replaced; no date: the latest answer's), or without one
   * into the day's wave (re-importing an answer replaces it). */
  importResponses(
    id: string,
    file: TextFile,
    columns: SurveyColumns | null,
    wave?: WaveName,
  ): Promise<ImportStats>;
  /** Shares of touchpoints observed, assumed, proposed and with answers in the last wave. */
  evidenceCoverage(id: string, asOf?: AsOf): Promise<EvidenceCoverage>;
  /** Render the PDF report: written to `path` in the desktop app, downloaded
   * under its name in a browser. */
  exportReport(
    id: string,
    request: ReportRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<ReportWritten>;
  /** Render the editable PowerPoint deck: written to `path` in the desktop
   * app, downloaded under its name in a browser. */
  exportDeck(
    id: string,
    request: DeckRequest,
    path: string,
    logo: LogoSource | null,
  ): Promise<DeckWritten>;
  /** Open a written file with its program, or show it in its folder (desktop). */
  openPath(path: string, reveal: boolean): Promise<void>;
  /** Save bytes the UI made (a PNG): to `path` in the desktop app, as a
   * download in a browser. Resolves to where it went. */
  saveBinaryFile(path: string, bytes: Uint8Array, mime: string): Promise<string>;
  /** Copy a map as its future state ("… (to-be)"), linked to it; resolves to the copy's id. */
  createFutureState(id: string, title?: string): Promise<string>;
  /** The maps linked to this one: its source, and the copies made from it. */
  mapOrigins(id: string): Promise<MapOrigin[]>;
  /** What changed from `before` to `after`, with score deltas and what improved. */
  compareMaps(before: MapRef, after: MapRef): Promise<Comparison>;
  /** Link a map to a room on a y-websocket server and start syncing it. */
  linkMap(id: string, target: ShareTarget): Promise<LinkView>;
  /** Stop syncing a map and remove its link (the room keeps its copy). */
  unlinkMap(id: string): Promise<void>;
  /** The map's link and sync state, or null when it is not linked. */
  syncStatus(id: string): Promise<LinkView | null>;
  /** Calls `handler` with every update merged into the map from its sync
   * room; returns the unsubscribe. */
  onRemoteUpdate(id: string, handler: (update: Uint8Array) => void): () => void;
  /** Calls `handler` when another process (the CLI, `waymark serve`, another
   * window) changed the library; returns the unsubscribe. */
  onLibraryChanged(handler: () => void): () => void;
  /** This machine's addresses a workshop can listen on, LAN first (desktop only). */
  workshopAddresses(): Promise<HostAddress[]>;
  /** Host a live workshop for map `id` on this machine (desktop only: a
   * browser cannot host); resolves to its link, code and QR code. */
  startWorkshop(id: string, options: HostOptions): Promise<WorkshopInfo>;
  /** The hosted workshop, or null when none was started. */
  workshopStatus(): Promise<WorkshopInfo | null>;
  /** End the workshop (everything saved) and stop listening; resolves to
   * what the end saved, or null when it had already ended. */
  stopWorkshop(): Promise<WorkshopSummary | null>;
  /** Open the facilitator's view in the system's browser. */
  openFacilitatorView(): Promise<void>;
}

export type ExportFormat = "waymark" | "mermaid" | "csv";

/** A table for [`Backend.saveCsv`]: a header and rows of text cells. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * The backend for the environment the page runs in, or `null` when there is
 * none (the page was opened outside the desktop app).
 */
export function createBackend(win: object = globalThis): Backend | null {
  if ("__TAURI_INTERNALS__" in win) return new TauriBackend();
  return null;
}
