// Keyboard commands on the picked touchpoints and the selected arrow:
// Ctrl+C / Ctrl+V / Ctrl+D / Ctrl+A, Delete, and C to connect two.

import type * as Y from "yjs";
import {
  clipboard,
  copyTouchpoints,
  duplicateTouchpoints,
  pasteTouchpoints,
} from "../doc/clipboard";
import { addConnection, deleteConnection } from "../doc/connections";
import { deleteTouchpoints, type JourneyView } from "../doc/journey";

export interface PickState {
  doc: Y.Doc;
  view: JourneyView;
  /** The picked touchpoints, in the order they were picked. */
  picked: readonly string[];
  /** The selected arrow, if any. */
  arrow: string | null;
  /** Replace the picked touchpoints (the last one becomes the primary selection). */
  pick(ids: string[]): void;
  selectArrow(id: string | null): void;
}

/** Deletes the selected arrow, or every picked touchpoint, as one undo step.
 * Returns whether there was something to delete. */
export function deletePicked(s: PickState): boolean {
  if (s.arrow) {
    deleteConnection(s.doc, s.arrow);
    s.selectArrow(null);
    return true;
  }
  if (s.picked.length === 0) return false;
  deleteTouchpoints(s.doc, s.picked);
  s.pick([]);
  return true;
}

/** Handles `e` if it is one of these commands; returns whether it did. */
export function pickKeys(e: KeyboardEvent, s: PickState): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === "c" && s.picked.length > 0) {
    clipboard.current = copyTouchpoints(s.doc, s.picked);
  } else if (mod && key === "x" && s.picked.length > 0) {
    clipboard.current = copyTouchpoints(s.doc, s.picked);
    deletePicked({ ...s, arrow: null });
  } else if (mod && key === "v" && clipboard.current) {
    // Into the cell of the primary picked touchpoint, else where they came from.
    const primary = s.view.touchpoints.find((t) => t.id === s.picked[s.picked.length - 1]);
    const cell = primary ? { stage: primary.stage, lane: primary.lane } : undefined;
    s.pick(pasteTouchpoints(s.doc, clipboard.current, cell ? { cell } : {}));
  } else if (mod && key === "d" && s.picked.length > 0) {
    s.pick(duplicateTouchpoints(s.doc, s.picked));
  } else if (mod && key === "a") {
    s.pick(s.view.touchpoints.map((t) => t.id));
  } else if (!mod && !e.altKey && key === "c" && s.picked.length === 2) {
    const [from, to] = s.picked as [string, string];
    const id = addConnection(s.doc, from, to);
    if (id) s.selectArrow(id);
  } else if (!mod && (e.key === "Delete" || e.key === "Backspace")) {
    if (!deletePicked(s)) return false;
  } else {
    return false;
  }
  e.preventDefault();
  return true;
}
