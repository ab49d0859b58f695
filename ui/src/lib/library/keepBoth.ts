// Keep both: a map imported under a title the library already has can take
// the next free "(2)" suffix, so the list and Recently opened tell them apart.

import type { MapSummary } from "../backend";

/** `title`, or the first of "title (2)", "title (3)"… that is not `taken`. */
export function freeTitle(title: string, taken: ReadonlySet<string>): string {
  if (!taken.has(title)) return title;
  for (let n = 2; ; n++) {
    const t = `${title} (${n})`;
    if (!taken.has(t)) return t;
  }
}

/** An imported map (`id`) whose title `was` is taken, and the free `title` keeping both gives it. */
export interface Duplicate {
  id: string;
  was: string;
  title: string;
}

/** The renames that keep the `imported` maps apart from the rest of `all` and from each other. */
export function keepBothRenames(
  all: readonly MapSummary[],
  imported: readonly string[],
): Duplicate[] {
  const fresh = new Set(imported);
  const taken = new Set(all.filter((m) => !fresh.has(m.id)).map((m) => m.title));
  const renames: Duplicate[] = [];
  for (const id of imported) {
    const m = all.find((x) => x.id === id);
    if (!m) continue;
    const title = freeTitle(m.title, taken);
    taken.add(title);
    if (title !== m.title) renames.push({ id, was: m.title, title });
  }
  return renames;
}
