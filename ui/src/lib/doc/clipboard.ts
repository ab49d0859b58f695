// Copy, paste and duplicate of touchpoints. A copy is plain data (every
// field, its scoring inputs, and the arrows between the copied touchpoints);
// pasting gives every touchpoint and arrow a fresh id, so a copy never
// collides with its original, in this map or another.

import * as Y from "yjs";
import { LOCAL, cellKeyAfter, newId } from "./journey";
import { isTextField } from "./text";

export interface ClipTouchpoint {
  /** The id it had where it was copied (to re-link arrows). */
  id: string;
  stage: string;
  lane: string;
  fields: Record<string, unknown>;
}

export interface Clip {
  touchpoints: ClipTouchpoint[];
  connections: { from: string; to: string; label: string }[];
}

/** Y types inside a touchpoint that hold plain data (everything else is a scalar). */
function toPlain(v: unknown): unknown {
  if (v instanceof Y.Map || v instanceof Y.Array) return v.toJSON();
  if (v instanceof Y.Text) return v.toJSON();
  return v;
}

function fromPlain(key: string, v: unknown): unknown {
  if (key === "inputs") {
    const m = new Y.Map<unknown>();
    for (const [k, x] of Object.entries((v ?? {}) as Record<string, unknown>)) m.set(k, x);
    return m;
  }
  if (typeof v === "string" && isTextField("touchpoints", key)) return new Y.Text(v);
  return Array.isArray(v) ? [...(v as unknown[])] : v;
}

/** The touchpoints `ids` (in map order) and the arrows between them. */
export function copyTouchpoints(doc: Y.Doc, ids: Iterable<string>): Clip {
  const wanted = new Set(ids);
  const tps = doc.getMap<Y.Map<unknown>>("touchpoints");
  const touchpoints: ClipTouchpoint[] = [];
  for (const id of wanted) {
    const m = tps.get(id);
    if (!(m instanceof Y.Map)) continue;
    const fields: Record<string, unknown> = {};
    for (const [k, v] of m.entries()) {
      if (k !== "stage" && k !== "lane" && k !== "order") fields[k] = toPlain(v);
    }
    touchpoints.push({
      id,
      stage: text(m.get("stage")),
      lane: text(m.get("lane")),
      fields,
    });
  }
  const connections: Clip["connections"] = [];
  doc.getMap<Y.Map<unknown>>("connections").forEach((c) => {
    if (!(c instanceof Y.Map)) return;
    const from = c.get("from");
    const to = c.get("to");
    if (typeof from === "string" && typeof to === "string" && wanted.has(from) && wanted.has(to)) {
      const label = c.get("label");
      connections.push({ from, to, label: typeof label === "string" ? label : "" });
    }
  });
  return { touchpoints, connections };
}

export interface PasteOptions {
  /** Put the copies in this cell (else each in its original cell). */
  cell?: { stage: string; lane: string };
  /** Put each copy right after its original (duplicate) instead of at the cell's end. */
  afterOriginal?: boolean;
}

/**
 * Adds copies of `clip`'s touchpoints with fresh ids, as one undo step;
 * returns their ids. A copy whose stage or lane is not in this map goes to
 * the first stage / the first touchpoints lane.
 */
export function pasteTouchpoints(doc: Y.Doc, clip: Clip, options: PasteOptions = {}): string[] {
  const stages = doc.getMap("stages");
  const lanes = doc.getMap<Y.Map<unknown>>("lanes");
  if (stages.size === 0 || lanes.size === 0) return [];
  const firstStage = [...stages.entries()].sort((a, b) => orderOf(a[1], b[1]))[0]?.[0] ?? "";
  const laneList = [...lanes.entries()].sort((a, b) => orderOf(a[1], b[1]));
  const firstLane =
    (laneList.find(([, l]) => l.get("kind") === "touchpoints") ?? laneList[0])?.[0] ?? "";
  const fresh = new Map<string, string>();
  doc.transact(() => {
    const tps = doc.getMap<Y.Map<unknown>>("touchpoints");
    // Copies placed after one original keep their clip order: each goes after the previous copy.
    const lastInCell = new Map<string, string>();
    for (const t of clip.touchpoints) {
      const stage = options.cell?.stage ?? (stages.has(t.stage) ? t.stage : firstStage);
      const lane = options.cell?.lane ?? (lanes.has(t.lane) ? t.lane : firstLane);
      const cell = `${stage}\u0000${lane}`;
      const anchor =
        lastInCell.get(cell) ?? (options.afterOriginal && tps.has(t.id) ? t.id : undefined);
      const id = newId();
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(t.fields)) m.set(k, fromPlain(k, v));
      m.set("stage", stage);
      m.set("lane", lane);
      m.set("order", cellKeyAfter(doc, stage, lane, anchor));
      tps.set(id, m);
      fresh.set(t.id, id);
      lastInCell.set(cell, id);
    }
    const conns = doc.getMap<Y.Map<unknown>>("connections");
    for (const c of clip.connections) {
      const from = fresh.get(c.from);
      const to = fresh.get(c.to);
      if (!from || !to) continue;
      const m = new Y.Map<unknown>();
      m.set("from", from);
      m.set("to", to);
      m.set("label", c.label);
      conns.set(newId(), m);
    }
  }, LOCAL);
  return [...fresh.values()];
}

function text(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function orderOf(a: unknown, b: unknown): number {
  const oa = a instanceof Y.Map ? text(a.get("order")) : "";
  const ob = b instanceof Y.Map ? text(b.get("order")) : "";
  return oa < ob ? -1 : oa > ob ? 1 : 0;
}

/** Copies of `ids` right after their originals; returns the copies' ids. */
export function duplicateTouchpoints(doc: Y.Doc, ids: Iterable<string>): string[] {
  return pasteTouchpoints(doc, copyTouchpoints(doc, ids), { afterOriginal: true });
}

/** What Ctrl+C copied last, for Ctrl+V in this window (any map). */
export const clipboard: { current: Clip | null } = { current: null };
