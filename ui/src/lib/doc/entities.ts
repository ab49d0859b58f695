// The document's entities at the lowest level: the root maps, reading a
// field, new entities with their text fields as Y.Text, and order keys that
// place an entity among its siblings. journey.ts and personas.ts build on it.

import * as Y from "yjs";
import { keyBetween } from "../order";
import { isTextField, textValue } from "./text";

/** The origin of every transaction made by this window's user. */
export const LOCAL = "local";

export function root(doc: Y.Doc, name: string): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(name);
}

export function str(m: Y.Map<unknown>, key: string, fallback = ""): string {
  return textValue(m.get(key)) ?? fallback;
}

export function plain(v: unknown): Record<string, unknown> {
  if (v instanceof Y.Map) return v.toJSON();
  if (typeof v === "object" && v !== null) return v as Record<string, unknown>;
  return {};
}

export function byOrder<T extends { order: string; id: string }>(a: T, b: T): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function strings(v: unknown): string[] {
  const list = v instanceof Y.Array ? (v.toArray() as unknown[]) : Array.isArray(v) ? v : [];
  return list.filter((x): x is string => typeof x === "string");
}

export function newId(): string {
  return crypto.randomUUID();
}

/** A new entity of `collection`; its text fields become Y.Texts. */
export function entity(collection: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields))
    m.set(k, typeof v === "string" && isTextField(collection, k) ? new Y.Text(v) : v);
  return m;
}

export function sortedOrders(doc: Y.Doc, name: string, filter?: (m: Y.Map<unknown>) => boolean) {
  const items: { id: string; order: string }[] = [];
  root(doc, name).forEach((m, id) => {
    if (m instanceof Y.Map && (!filter || filter(m))) items.push({ id, order: str(m, "order") });
  });
  return items.sort(byOrder);
}

/** A key placing an item at `index` among `siblings` (sorted, without the item itself). */
export function keyAt(siblings: { order: string }[], index: number): string {
  const i = Math.max(0, Math.min(index, siblings.length));
  const before = i > 0 ? (siblings[i - 1]?.order ?? null) : null;
  const after = i < siblings.length ? (siblings[i]?.order ?? null) : null;
  try {
    return keyBetween(before, after);
  } catch {
    // Equal or malformed neighbour keys (a concurrent insert): append.
    const last = siblings[siblings.length - 1]?.order ?? null;
    try {
      return keyBetween(last, null);
    } catch {
      return keyBetween(null, null);
    }
  }
}

export function get(doc: Y.Doc, name: string, id: string): Y.Map<unknown> | undefined {
  const m = root(doc, name).get(id);
  return m instanceof Y.Map ? m : undefined;
}
