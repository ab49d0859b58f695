// Notes written on the workshop page while the room is out of reach survive a
// closed tab. The page's Yjs document is kept in the browser's IndexedDB
// (npm y-indexeddb) under one name per server, map and participant, so a page
// opened again merges it into the room; the notes written offline are also
// listed on their own, so the page can say how many were kept (and write
// again any that the document lost).

import { IndexeddbPersistence } from "y-indexeddb";
import type { Annotation } from "../doc/journey";
import { hasNote } from "../doc/notes";
import type { YDoc } from "../doc/ydoc";
import { plural } from "../format";

const UNSENT = "unsent";

/** The IndexedDB name of one participant's copy of one map's room. */
export function storeName(host: string, mapId: string, token: string | null): string {
  return `waymark-workshop/${host}/${mapId}/${token ?? "facilitator"}`;
}

/** Notes of `unsent` the document holds, and those it lost. */
export function sortUnsent(
  doc: YDoc,
  unsent: readonly Annotation[],
): { present: Annotation[]; missing: Annotation[] } {
  const present = unsent.filter((n) => hasNote(doc, n.id));
  const missing = unsent.filter((n) => !hasNote(doc, n.id));
  return { present, missing };
}

/** What the page says after it brought back notes written offline. */
export function keptMessage(kept: number, online: boolean): string | null {
  if (kept === 0) return null;
  const were = kept === 1 ? "was" : "were";
  return online
    ? `${plural(kept, "note")} written offline ${were} kept on this device and sent.`
    : `${plural(kept, "note")} written offline ${were} kept on this device; sent when you are back online.`;
}

function parse(v: unknown): Annotation[] {
  if (typeof v !== "string") return [];
  try {
    const list: unknown = JSON.parse(v);
    return Array.isArray(list) ? (list as Annotation[]) : [];
  } catch {
    return [];
  }
}

/** The page's document kept in IndexedDB, with the list of notes written
 * while offline and not yet sent. */
export class OfflineCopy {
  private readonly store: IndexeddbPersistence;
  private unsent: Annotation[] = [];
  private loaded = false;
  private cleared = false;

  constructor(doc: YDoc, name: string) {
    this.store = new IndexeddbPersistence(name, doc);
  }

  /** Merges the stored document into the page's, writes again (with
   * `rewrite`) any listed note it lacks, and resolves to how many notes
   * written offline were kept. */
  async restore(doc: YDoc, rewrite: (n: Annotation) => void): Promise<number> {
    await this.store.whenSynced;
    const stored = parse(await this.store.get(UNSENT));
    const { present, missing } = sortUnsent(doc, stored);
    for (const n of missing) rewrite(n);
    this.unsent = [...present, ...this.unsent.filter((n) => !stored.some((s) => s.id === n.id))];
    this.loaded = true;
    return present.length + missing.length;
  }

  /** Lists a note written while the room is out of reach. */
  async written(note: Annotation): Promise<void> {
    this.unsent.push(note);
    if (!this.cleared) await this.store.set(UNSENT, JSON.stringify(this.unsent));
  }

  /** How many notes written offline wait to be sent. */
  get waiting(): number {
    return this.unsent.length;
  }

  /** The room has the page's document: nothing waits any more. */
  async sent(): Promise<void> {
    if (!this.loaded || this.cleared) return;
    this.unsent = [];
    await this.store.set(UNSENT, "[]");
  }

  /** Forgets the stored copy (the workshop ended, or the server refused an
   * update of ours that the copy would send again). */
  async clear(): Promise<void> {
    if (this.cleared) return;
    this.cleared = true;
    this.unsent = [];
    await this.store.clearData();
  }
}
