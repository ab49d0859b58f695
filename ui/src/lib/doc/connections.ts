// Arrows between touchpoints (the `connections` root: id → {from, to, label}).

import * as Y from "yjs";
import { LOCAL, newId } from "./journey";

export interface Connection {
  id: string;
  from: string;
  to: string;
  label: string;
}

/** Every arrow whose two ends are among `touchpoints` (others dangle and are hidden). */
export function readConnections(doc: Y.Doc, touchpoints: ReadonlySet<string>): Connection[] {
  const out: Connection[] = [];
  doc.getMap<Y.Map<unknown>>("connections").forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const from = m.get("from");
    const to = m.get("to");
    const label = m.get("label");
    if (typeof from !== "string" || typeof to !== "string") return;
    if (!touchpoints.has(from) || !touchpoints.has(to)) return;
    out.push({ id, from, to, label: typeof label === "string" ? label : "" });
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Adds an arrow from touchpoint `from` to `to`; returns its id, or null when
 * it would point at itself or the same arrow already exists.
 */
export function addConnection(doc: Y.Doc, from: string, to: string, label = ""): string | null {
  if (from === to) return null;
  const tps = doc.getMap("touchpoints");
  if (!tps.has(from) || !tps.has(to)) return null;
  const conns = doc.getMap<Y.Map<unknown>>("connections");
  for (const c of conns.values()) {
    if (c instanceof Y.Map && c.get("from") === from && c.get("to") === to) return null;
  }
  const id = newId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set("from", from);
    m.set("to", to);
    m.set("label", label);
    conns.set(id, m);
  }, LOCAL);
  return id;
}

export function deleteConnection(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    doc.getMap("connections").delete(id);
  }, LOCAL);
}

/** Longest arrow label kept; a label is a few words on the canvas. */
export const MAX_LABEL = 80;

/** Sets an arrow's label (trimmed, at most MAX_LABEL characters) as one undo step. */
export function setConnectionLabel(doc: Y.Doc, id: string, label: string): void {
  const m = doc.getMap<Y.Map<unknown>>("connections").get(id);
  if (!(m instanceof Y.Map)) return;
  const next = label.trim().slice(0, MAX_LABEL);
  if (m.get("label") === next) return;
  doc.transact(() => {
    m.set("label", next);
  }, LOCAL);
}
