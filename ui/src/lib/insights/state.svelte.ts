// The insight views' state for one open map: the overlay, the live
// scorecard and which panels are open. MapEditor holds one and hands it to
// the components in this folder.

import type { Backend, Scorecard, TouchpointScore } from "../backend";
import type { MapSession } from "../sync/session";
import { LiveScores } from "./liveScores";
import {
  OVERLAY_MODES,
  byId,
  nextMode,
  paintCard,
  priorityRanks,
  type CardPaint,
  type OverlayMode,
} from "./overlay";

export type SideTab = "edit" | "explain";

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
  boardOpen = $state(false);
  settingsOpen = $state(false);
  side = $state<SideTab>("edit");

  readonly scores = $derived(byId(this.card));
  readonly ranks: ReadonlyMap<string, number> = $derived(priorityRanks(this.card));

  readonly backend: Backend;
  readonly id: string;
  private readonly live: LiveScores;
  private readonly onUpdate: () => void;
  private readonly session: MapSession;

  constructor(backend: Backend, id: string, session: MapSession) {
    this.backend = backend;
    this.id = id;
    this.session = session;
    this.live = new LiveScores({
      // The canvas needs the figures; one touchpoint's factors come with its explanation.
      fetch: () => backend.scoreMap(id, true),
      delayMs: 5,
      saved: () => session.idle(),
      onScores: (card, t) => {
        this.card = card;
        this.error = null;
        this.lagMs = t.lagMs;
        this.fetchMs = t.fetchMs;
        this.generation += 1;
        document.body.dataset["scoreLagMs"] = t.lagMs.toFixed(1);
        document.body.dataset["scoreFetchMs"] = t.fetchMs.toFixed(1);
      },
      onError: (m) => (this.error = m),
    });
    this.onUpdate = () => {
      this.live.invalidate();
    };
    session.doc.on("update", this.onUpdate);
    this.live.invalidate();
  }

  destroy(): void {
    this.live.stop();
    this.session.doc.off("update", this.onUpdate);
  }

  /** A dialog of ours is open (the editor's shortcuts stand down). */
  get modal(): boolean {
    return this.boardOpen || this.settingsOpen;
  }

  score(tp: string): TouchpointScore | undefined {
    return this.scores.get(tp);
  }

  paint(tp: string): CardPaint {
    return paintCard(this.mode, this.scores.get(tp), this.ranks.get(tp));
  }

  setMode(mode: OverlayMode): void {
    this.mode = mode;
  }

  /** The editor's keys for the insight views; true when the key was ours. */
  onKey(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const key = e.key.toLowerCase();
    if (!["h", "b", "e"].includes(key)) return false;
    // A held key repeats: one press, one step.
    if (e.repeat) return true;
    if (key === "h") {
      this.mode = nextMode(this.mode, e.shiftKey ? -1 : 1);
      return true;
    }
    if (key === "b") {
      this.boardOpen = true;
      return true;
    }
    if (key === "e") {
      this.side = this.side === "explain" ? "edit" : "explain";
      return true;
    }
    return false;
  }
}

export { OVERLAY_MODES };
