// What the editor does to the picked touchpoints and the selected arrow:
// copy, cut, paste, duplicate, pick all, connect two, delete. The keys that
// run them live in the command table (commands.ts). Each returns whether it
// applied, so a key that did nothing falls through to the next command.

import type { YDoc } from "../doc/ydoc";
import {
  clipboard,
  copyTouchpoints,
  duplicateTouchpoints,
  pasteTouchpoints,
} from "../doc/clipboard";
import { addConnection, deleteConnection } from "../doc/connections";
import { deleteTouchpoints, type JourneyView } from "../doc/journey";

export interface PickState {
  doc: YDoc;
  view: JourneyView;
  /** The picked touchpoints, in the order they were picked. */
  picked: readonly string[];
  /** The selected arrow, if any. */
  arrow: string | null;
  /** Replace the picked touchpoints (the last one becomes the primary selection). */
  pick(ids: string[]): void;
  selectArrow(id: string | null): void;
}

/** Deletes the selected arrow, or every picked touchpoint, as one undo step. */
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

export function copyPicked(s: PickState): boolean {
  if (s.picked.length === 0) return false;
  clipboard.current = copyTouchpoints(s.doc, s.picked);
  return true;
}

export function cutPicked(s: PickState): boolean {
  if (!copyPicked(s)) return false;
  deletePicked({ ...s, arrow: null });
  return true;
}

/** Into the cell of the primary picked touchpoint, else where they came from. */
export function pastePicked(s: PickState): boolean {
  if (!clipboard.current) return false;
  const primary = s.view.touchpoints.find((t) => t.id === s.picked[s.picked.length - 1]);
  const cell = primary ? { stage: primary.stage, lane: primary.lane } : undefined;
  s.pick(pasteTouchpoints(s.doc, clipboard.current, cell ? { cell } : {}));
  return true;
}

export function duplicatePicked(s: PickState): boolean {
  if (s.picked.length === 0) return false;
  s.pick(duplicateTouchpoints(s.doc, s.picked));
  return true;
}

export function pickAll(s: PickState): boolean {
  s.pick(s.view.touchpoints.map((t) => t.id));
  return true;
}

/** An arrow from the first picked touchpoint to the second. */
export function connectPicked(s: PickState): boolean {
  if (s.picked.length !== 2) return false;
  const [from, to] = s.picked as [string, string];
  const id = addConnection(s.doc, from, to);
  if (id) s.selectArrow(id);
  return true;
}
