// The library home's state, apart from its rendering: the maps and
// templates, the search, the map just created or moved to the trash, what
// the last action said, and the actions on maps. App.svelte keeps one for the
// whole window, so the search and the notices outlive a visit to a map.

import type { Backend, ImportSource, MapSummary, StripStage, TemplateInfo } from "../backend";
import { filterMaps, recentMaps } from "./filter";
import { importAll } from "./importing";
import type { Duplicate } from "./keepBoth";

/** What to do with imported maps whose titles the library already has. */
export type DuplicateChoice = "keep" | "replace" | "skip";

export interface Notice {
  kind: "ok" | "error";
  text: string;
  details: string[];
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What an import says: how many maps came in, which files could not. */
export function importNotice(imported: number, errors: string[]): Notice {
  if (errors.length === 0)
    return { kind: "ok", text: `Imported ${plural(imported, "map")}.`, details: [] };
  return {
    kind: "error",
    text:
      imported > 0
        ? `Imported ${plural(imported, "map")}; ${plural(errors.length, "file")} could not be imported.`
        : "The file could not be imported. Nothing was added.",
    details: errors,
  };
}

export class LibraryState {
  maps = $state<MapSummary[] | null>(null);
  templates = $state<TemplateInfo[]>([]);
  loadError = $state<string | null>(null);
  strips = $state<Record<string, StripStage[]>>({});
  query = $state("");
  /** The map last created, duplicated, imported or brought back (the list shows it). */
  lastCreated = $state<string | null>(null);
  /** The last map moved to the trash, while its Undo is offered. */
  trashed = $state<{ id: string; title: string } | null>(null);
  /** What the last action in the library said (import results, errors). */
  notice = $state<Notice | null>(null);
  /** The New map dialog is open. */
  creating = $state(false);
  /** Maps just imported under a title the library already has, while the
   * library asks what to do with them (keep both, replace, or not import). */
  duplicates = $state<Duplicate[]>([]);

  readonly shown = $derived(this.maps ? filterMaps(this.maps, this.query) : []);
  readonly recent = $derived(this.maps ? recentMaps(this.maps, 4) : []);

  readonly backend: Backend;

  constructor(backend: Backend) {
    this.backend = backend;
  }

  async load(): Promise<void> {
    try {
      [this.maps, this.templates] = await Promise.all([
        this.backend.listMaps(),
        this.backend.listTemplates(),
      ]);
      this.loadError = null;
    } catch (e) {
      this.loadError = errorText(e);
      return;
    }
    try {
      // The strips are extra: the list stands without them.
      this.strips = Object.fromEntries(
        (await this.backend.mapStrips()).map((m) => [m.id, m.stages]),
      );
    } catch {
      this.strips = {};
    }
  }

  /** Run a library action; a failure shows in the notice, never throws. */
  private async act(what: string, f: () => Promise<void>): Promise<void> {
    try {
      await f();
    } catch (e) {
      this.notice = { kind: "error", text: `Could not ${what}: ${errorText(e)}`, details: [] };
    }
    await this.load();
  }

  async rename(id: string, title: string): Promise<void> {
    await this.act("rename the map", async () => {
      await this.backend.renameMap(id, title);
    });
  }

  async duplicate(id: string): Promise<void> {
    await this.act("duplicate the map", async () => {
      this.lastCreated = await this.backend.duplicateMap(id);
    });
  }

  async trash(id: string): Promise<void> {
    const title = this.maps?.find((m) => m.id === id)?.title ?? "Map";
    await this.act("delete the map", async () => {
      await this.backend.trashMap(id);
      this.trashed = { id, title };
    });
  }

  async untrash(): Promise<void> {
    const t = this.trashed;
    this.trashed = null;
    if (!t) return;
    await this.act("bring the map back", async () => {
      await this.backend.untrashMap(t.id);
      this.lastCreated = t.id;
    });
  }

  /** Creates a map and returns its id (the library then opens it). */
  async create(template: string, title: string): Promise<string> {
    const id = await this.backend.createMap(template, title);
    this.lastCreated = id;
    this.maps = await this.backend.listMaps();
    return id;
  }

  async importSources(sources: ImportSource[]): Promise<void> {
    if (sources.length === 0) return;
    const result = await importAll(this.backend, sources);
    const n = result.ids.length;
    if (n > 0) this.lastCreated = result.ids[n - 1] ?? null;
    this.notice = importNotice(n, result.errors);
    this.duplicates = await this.findDuplicates(result.ids);
    await this.load();
  }

  /** The imported maps whose title another map already has, with the title keeping both would give. */
  private async findDuplicates(imported: string[]): Promise<Duplicate[]> {
    if (imported.length === 0) return [];
    try {
      return await this.backend.titleClashes(imported);
    } catch {
      return [];
    }
  }

  /**
   * What the person chose for the duplicates: keep both (the new map takes
   * the next free "(2)" suffix, so the list and Recently opened tell them
   * apart), replace (the older maps of that title go to the trash, with an
   * undo), or skip (the new map goes to the trash). Closing the question
   * keeps both: nothing is lost.
   */
  async resolveDuplicates(choice: DuplicateChoice): Promise<void> {
    const dups = this.duplicates;
    this.duplicates = [];
    if (dups.length === 0) return;
    const said: string[] = [];
    const fresh = dups.map((d) => d.id);
    for (const { id, was, title } of dups) {
      try {
        if (choice === "keep") {
          await this.backend.renameMap(id, title);
          said.push(
            `“${was}” was already in the library: both are kept, the new one as “${title}”.`,
          );
        } else if (choice === "replace") {
          const older = (await this.backend.listMaps()).filter(
            (m) => m.title === was && !fresh.includes(m.id),
          );
          for (const m of older) {
            await this.backend.trashMap(m.id);
            this.trashed = { id: m.id, title: m.title };
          }
          said.push(`“${was}” was replaced by the imported map; the old one is in the trash.`);
        } else {
          await this.backend.trashMap(id);
          if (this.lastCreated === id) this.lastCreated = null;
          said.push(`“${was}” was not imported again.`);
        }
      } catch (e) {
        said.push(`“${was}” is in the library twice (${errorText(e)}).`);
      }
    }
    this.notice = {
      kind: this.notice?.kind ?? "ok",
      text: this.notice?.text ?? "",
      details: [...(this.notice?.details ?? []), ...said],
    };
    await this.load();
  }

  /** The file dialog could not open. */
  dialogFailed(e: unknown): void {
    this.notice = {
      kind: "error",
      text: `Could not open the file dialog: ${errorText(e)}`,
      details: [],
    };
  }
}
