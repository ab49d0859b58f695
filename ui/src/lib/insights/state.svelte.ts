// The insight views' state for one open map: the overlay, the live
// scorecard and the side panel's tab. The editor holds one and hands it to
// the components in this folder; whether the board or the settings dialog is
// open is the editor's one modal value (`dialogs`).

import type {
  AsOf,
  Backend,
  Board,
  EvidenceCoverage,
  Scorecard,
  TouchpointScore,
  Trend,
  WaveRow,
} from "../backend";
import type { MapSession } from "../sync/session";
import { LiveScores } from "./liveScores";
import { pickMetric, series } from "./trend";
import { keepAsOf } from "./waves";
import {
  OVERLAY_MODES,
  byId,
  nextMode,
  paintCard,
  priorityRanks,
  type CardPaint,
  type OverlayMode,
} from "./overlay";

export type SideTab = "edit" | "explain" | "trend" | "themes";

/** The editor's modal value, as far as the insight dialogs go. */
export interface InsightDialogs {
  isOpen(kind: "board" | "settings"): boolean;
  open(kind: "board" | "settings"): void;
  close(kind: "board" | "settings"): void;
}

export class Insights {
  mode = $state<OverlayMode>("none");
  card = $state.raw<Scorecard | null>(null);
  error = $state<string | null>(null);
  /** Milliseconds from the oldest edit to the scorecard that covers it. */
  lagMs = $state<number | null>(null);
  /** Milliseconds the last scorecard request took. */
  fetchMs = $state<number | null>(null);
  /** How many scorecards arrived (tests wait on it). */
  generation = $state(0);
  /** The pain-point board as the backend ranks it, while someone watches it. */
  board = $state.raw<Board | null>(null);
  boardError = $state<string | null>(null);
  side = $state<SideTab>("edit");
  /** Shares of touchpoints observed, assumed, proposed and with answers in
   * the last wave, as the backend computes them (the headline shows them). */
  coverage = $state.raw<EvidenceCoverage | null>(null);
  /** The survey waves' trend, while the trend overlay or panel shows it. */
  trend = $state.raw<Trend | null>(null);
  trendError = $state<string | null>(null);
  /** How many trends arrived (tests wait on it). */
  trendGeneration = $state(0);

  /** The survey wave every score view is as of: the toolbar's wave picker. */
  asOf = $state.raw<AsOf>("latest");
  /** The map's survey waves, oldest first (the picker's choices; none hides it). */
  waves = $state.raw<WaveRow[]>([]);

  readonly scores = $derived(byId(this.card));
  readonly ranks: ReadonlyMap<string, number> = $derived(priorityRanks(this.card));

  readonly backend: Backend;
  readonly id: string;
  private readonly live: LiveScores;
  private readonly liveCoverage: LiveScores<EvidenceCoverage>;
  private readonly liveWaves: LiveScores<WaveRow[]>;
  /** Views fetched while open (the board) that follow the wave picker. */
  private followers: (() => void)[] = [];
  private readonly onUpdate: () => void;
  private readonly session: MapSession;
  private readonly dialogs: InsightDialogs;

  constructor(backend: Backend, id: string, session: MapSession, dialogs: InsightDialogs) {
    this.dialogs = dialogs;
    this.backend = backend;
    this.id = id;
    this.session = session;
    this.live = new LiveScores({
      // The canvas needs the figures; one touchpoint's factors come with its explanation.
      // The request covers the document as it is now: the backend scores once
      // its copy holds this much, so it asks at once, while the edit is still
      // being written and the page re-renders it.
      fetch: () => backend.scoreMap(id, true, this.asOf, session.stateVector()),
      delayMs: 0,
      onScores: (card, t) => {
        this.card = card;
        this.error = null;
        this.lagMs = t.lagMs;
        this.fetchMs = t.fetchMs;
        this.generation += 1;
        document.body.dataset["scoreLagMs"] = t.lagMs.toFixed(1);
        document.body.dataset["scoreFetchMs"] = t.fetchMs.toFixed(1);
        // Targets are map edits and waves change the scores: the trend follows.
        if (this.wantsTrend()) this.refreshTrend();
      },
      onError: (m) => (this.error = m),
    });
    this.liveCoverage = new LiveScores<EvidenceCoverage>({
      fetch: () => backend.evidenceCoverage(id, this.asOf),
      saved: () => session.idle(),
      onScores: (coverage) => (this.coverage = coverage),
      // The scorecard's error line already says when the backend is away.
      onError: () => {},
    });
    this.liveWaves = new LiveScores<WaveRow[]>({
      fetch: () => backend.mapWaves(id),
      saved: () => session.idle(),
      onScores: (waves) => {
        this.waves = waves;
        // A wave deleted or renamed under the picker: back to the latest.
        const kept = keepAsOf(this.asOf, waves);
        if (kept !== this.asOf) this.setAsOf(kept);
      },
      onError: () => {},
    });
    this.onUpdate = () => {
      this.live.invalidate();
      this.liveCoverage.invalidate();
      this.liveWaves.invalidate();
    };
    session.doc.on("update", this.onUpdate);
    this.live.invalidate();
    this.liveCoverage.invalidate();
    this.liveWaves.invalidate();
  }

  destroy(): void {
    this.live.stop();
    this.liveCoverage.stop();
    this.liveWaves.stop();
    this.session.doc.off("update", this.onUpdate);
  }

  get boardOpen(): boolean {
    return this.dialogs.isOpen("board");
  }
  set boardOpen(open: boolean) {
    if (open) this.dialogs.open("board");
    else this.dialogs.close("board");
  }

  get settingsOpen(): boolean {
    return this.dialogs.isOpen("settings");
  }
  set settingsOpen(open: boolean) {
    if (open) this.dialogs.open("settings");
    else this.dialogs.close("settings");
  }

  /** Every score view as of `asOf` (the wave picker): the scorecard, the
   * coverage and the board are fetched again; the explanation and the
   * themes follow the scorecard's generation. */
  setAsOf(asOf: AsOf): void {
    this.asOf = asOf;
    this.live.invalidate();
    this.liveCoverage.invalidate();
    for (const f of this.followers) f();
  }

  /** Keeps [`board`] current: fetched now, and again (coalesced, once the
   * edits are persisted) after every change to the map or the wave picker.
   * Returns the stop. */
  watchBoard(): () => void {
    const live = new LiveScores<Board>({
      fetch: () => this.backend.mapBoard(this.id, this.asOf),
      saved: () => this.session.idle(),
      onScores: (board) => {
        this.board = board;
        this.boardError = null;
      },
      onError: (m) => (this.boardError = m),
    });
    const onUpdate = () => {
      live.invalidate();
    };
    this.session.doc.on("update", onUpdate);
    this.followers.push(onUpdate);
    live.invalidate();
    return () => {
      live.stop();
      this.followers = this.followers.filter((f) => f !== onUpdate);
      this.session.doc.off("update", onUpdate);
    };
  }

  score(tp: string): TouchpointScore | undefined {
    return this.scores.get(tp);
  }

  paint(tp: string): CardPaint {
    return paintCard(this.mode, this.scores.get(tp), this.ranks.get(tp));
  }

  setMode(mode: OverlayMode): void {
    this.mode = mode;
    if (mode === "trend") this.refreshTrend();
  }

  /** The next (1) or previous (-1) canvas overlay (keys H and Shift+H). */
  cycleMode(step: 1 | -1): void {
    this.setMode(nextMode(this.mode, step));
  }

  /** Whether any wave has survey figures about `part` (a sparkline to draw). */
  hasTrend(part: string): boolean {
    return pickMetric(series(this.trend, part)) !== null;
  }

  private wantsTrend(): boolean {
    return this.mode === "trend" || this.side === "trend";
  }

  /** Fetches the trend (`map_trend`) again. */
  refreshTrend(): void {
    this.backend.mapTrend(this.id).then(
      (t) => {
        this.trend = t;
        this.trendError = null;
        this.trendGeneration += 1;
      },
      (e: unknown) => (this.trendError = e instanceof Error ? e.message : String(e)),
    );
  }

  /** Asks for the scorecard again: after an edit the backend made (a
   * target set), which reaches this document only when the server relays it. */
  refreshScores(): void {
    this.live.invalidate();
  }

  /** The side panel's tab; the trend tab fetches the trend. */
  showSide(tab: SideTab): void {
    this.side = tab;
    if (tab === "trend") this.refreshTrend();
  }

  /** The side panel's explanation of the selected touchpoint, or back to editing (key E). */
  toggleExplain(): void {
    this.side = this.side === "explain" ? "edit" : "explain";
  }
}

export { OVERLAY_MODES };
