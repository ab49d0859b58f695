// What the workshop page reads of the document's notes (`annotations`,
// crates/core/src/doc.rs): which are there, and the votes on each.

import * as Y from "yjs";
import { root } from "./entities";

/** Whether the document holds note `id`. */
export function hasNote(doc: Y.Doc, id: string): boolean {
  return root(doc, "annotations").has(id);
}

/** Votes on each note in the document: note id → voter → count. */
export function readVotes(doc: Y.Doc): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  root(doc, "annotations").forEach((note, id) => {
    const votes = note.get("votes");
    const m = new Map<string, number>();
    if (votes instanceof Y.Map) {
      votes.forEach((n: unknown, voter: string) => {
        if (typeof n === "number") m.set(voter, n);
      });
    }
    out.set(id, m);
  });
  return out;
}
