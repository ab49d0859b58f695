// Entities a concurrent edit left without a home: a touchpoint added to a
// stage someone else deleted at the same time, a note on a deleted stage, an
// arrow whose end is gone. `readJourney` hides them, as the backend's
// projection does. Which they are, and the sentence that sums them up, are
// the backend's (`Backend.mapHomeless`, crates/core/src/orphans.rs), asked
// again after every change; putting one back is its `rehome`. This file
// keeps the watch and what the editor's tray shows of the list.

import type * as Y from "yjs";
import type { Backend, Homeless } from "../backend";
import { LiveScores } from "../insights/liveScores";

// The shapes are the backend's (crates/core/src/orphans.rs), generated.
import type { Orphan } from "../generated/bindings";
export type { Lost, Orphan, OrphanKind } from "../generated/bindings";

/** What the tray lists: what can be put back (the backend says which:
 * `can_rehome`), and what comes back with it. */
export interface TrayRow {
  orphan: Orphan;
  /** Notes and arrows that come back when this touchpoint is put back. */
  riders: number;
}

export function trayRows(list: readonly Orphan[]): TrayRow[] {
  return list
    .filter((o) => o.can_rehome || o.lost === "end")
    .map((orphan) => ({
      orphan,
      riders: list.filter((o) => o.waits_for === orphan.id).length,
    }));
}

/** Keeps `onHomeless` told what the map holds homeless as persisted: asked
 * now and again (coalesced) after every change to `doc`, once the change is
 * saved. Returns the stop. */
export function watchHomeless(
  backend: Backend,
  id: string,
  session: { doc: Y.Doc; idle: () => Promise<void> },
  onHomeless: (h: Homeless) => void,
): () => void {
  const live = new LiveScores<Homeless>({
    fetch: () => backend.mapHomeless(id),
    saved: () => session.idle(),
    onScores: (h) => {
      onHomeless(h);
    },
  });
  const onUpdate = () => {
    live.invalidate();
  };
  session.doc.on("update", onUpdate);
  live.invalidate();
  return () => {
    live.stop();
    session.doc.off("update", onUpdate);
  };
}
