// The map's personas: add, edit, pick the one the map is drawn for, delete
// (with every reference to it). Each change is one undoable transaction.

import * as Y from "yjs";
import { LOCAL, entity, get, keyAt, newId, root, sortedOrders, strings } from "./entities";
import { writeTextField } from "./text";

export function addPersona(doc: Y.Doc, name: string): string {
  const id = newId();
  doc.transact(() => {
    const siblings = sortedOrders(doc, "personas");
    const order = keyAt(siblings, siblings.length);
    root(doc, "personas").set(
      id,
      entity("personas", { order, name, role: "", goals: [], frustrations: [], quote: "" }),
    );
  }, LOCAL);
  return id;
}

export interface PersonaFields {
  name?: string;
  role?: string;
  quote?: string;
  goals?: string[];
  frustrations?: string[];
}

/** Sets fields of a persona; unchanged values are not written. */
export function setPersonaFields(doc: Y.Doc, id: string, fields: PersonaFields): void {
  doc.transact(() => {
    const m = get(doc, "personas", id);
    if (!m) return;
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      if (typeof v === "string") {
        writeTextField(m, k, v);
        continue;
      }
      const same = Array.isArray(v)
        ? JSON.stringify(strings(m.get(k))) === JSON.stringify(v) && m.has(k)
        : m.get(k) === v;
      if (!same) m.set(k, v);
    }
  }, LOCAL);
}

/** Deletes a persona, and the references to it (the map's pick, touchpoints). */
export function deletePersona(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    root(doc, "personas").delete(id);
    const meta = doc.getMap<unknown>("meta");
    if (meta.get("primary_persona") === id) meta.set("primary_persona", null);
    root(doc, "touchpoints").forEach((m) => {
      if (!(m instanceof Y.Map)) return;
      const list = strings(m.get("personas"));
      if (list.includes(id))
        m.set(
          "personas",
          list.filter((p) => p !== id),
        );
    });
  }, LOCAL);
}

/** Picks the persona the map is drawn for (`null`: none). */
export function setPrimaryPersona(doc: Y.Doc, id: string | null): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>("meta");
    if (id === null) {
      // As the backend writes "no persona".
      if (meta.get("primary_persona") != null) meta.set("primary_persona", null);
    } else if (meta.get("primary_persona") !== id) {
      meta.set("primary_persona", id);
    }
  }, LOCAL);
}
