import { describe, expect, it } from "vitest";
import type { Backend, ImportSource, MapSummary } from "../backend";
import type { Duplicate } from "./keepBoth";
import { LibraryState, importNotice } from "./state.svelte";

const summary = (id: string, title: string): MapSummary => ({
  id,
  title,
  persona: null,
  stages: 1,
  touchpoints: 0,
  annotations: 0,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  opened_at: null,
});

/** A library in memory behind the few Backend methods the home uses. */
function fakeBackend() {
  const maps = [summary("a", "Onboarding"), summary("b", "Lost card")];
  const trash: MapSummary[] = [];
  let failStrips = false;
  // What Rust's keep-both rule (crates/api/src/keep_both.rs) answers.
  const clashes: Duplicate[] = [];
  const backend = {
    titleClashes: () => Promise.resolve([...clashes]),
    listMaps: () => Promise.resolve([...maps]),
    listTemplates: () => Promise.resolve([]),
    mapStrips: () =>
      failStrips
        ? Promise.reject(new Error("no strips"))
        : Promise.resolve(maps.map((m) => ({ id: m.id, stages: [] }))),
    trashMap: (id: string) => {
      const i = maps.findIndex((m) => m.id === id);
      trash.push(...maps.splice(i, 1));
      return Promise.resolve();
    },
    untrashMap: (id: string) => {
      const m = trash.find((x) => x.id === id);
      if (m) maps.push(m);
      return Promise.resolve();
    },
    renameMap: (id: string, title: string) => {
      const m = maps.find((x) => x.id === id);
      if (!m || !title.trim()) return Promise.reject(new Error("the title is empty"));
      m.title = title;
      return Promise.resolve();
    },
    importMap: (s: ImportSource) => {
      if (!("name" in s) || !s.name.endsWith(".waymark"))
        return Promise.reject(new Error("not a map"));
      // The content stands for the imported map's title.
      maps.push(summary(`new-${s.name}`, s.content || "Imported"));
      return Promise.resolve(`new-${s.name}`);
    },
  };
  return {
    backend: backend as unknown as Backend,
    maps,
    clashes,
    failStrips: () => (failStrips = true),
  };
}

describe("LibraryState", () => {
  it("loads the maps; the list stands without the strips", async () => {
    const f = fakeBackend();
    const lib = new LibraryState(f.backend);
    await lib.load();
    expect(lib.maps?.map((m) => m.id)).toEqual(["a", "b"]);
    expect(Object.keys(lib.strips)).toEqual(["a", "b"]);
    f.failStrips();
    await lib.load();
    expect(lib.maps).toHaveLength(2);
    expect(lib.strips).toEqual({});
    expect(lib.loadError).toBeNull();
  });

  it("filters by the search", async () => {
    const lib = new LibraryState(fakeBackend().backend);
    await lib.load();
    lib.query = "lost";
    expect(lib.shown.map((m) => m.id)).toEqual(["b"]);
  });

  it("moves a map to the trash and brings it back with its undo", async () => {
    const f = fakeBackend();
    const lib = new LibraryState(f.backend);
    await lib.load();
    await lib.trash("a");
    expect(lib.trashed).toEqual({ id: "a", title: "Onboarding" });
    expect(lib.maps?.map((m) => m.id)).toEqual(["b"]);
    await lib.untrash();
    expect(lib.trashed).toBeNull();
    expect(lib.lastCreated).toBe("a");
    expect(lib.maps?.map((m) => m.id)).toEqual(["b", "a"]);
  });

  it("shows a failed action in the notice instead of throwing", async () => {
    const lib = new LibraryState(fakeBackend().backend);
    await lib.rename("a", "");
    expect(lib.notice).toEqual({
      kind: "error",
      text: "Could not rename the map: the title is empty",
      details: [],
    });
  });

  it("imports what it can and names the files it could not", async () => {
    const lib = new LibraryState(fakeBackend().backend);
    await lib.importSources([
      { name: "one.waymark", content: "" },
      { name: "two.txt", content: "" },
    ]);
    expect(lib.lastCreated).toBe("new-one.waymark");
    expect(lib.notice).toEqual({
      kind: "error",
      text: "Imported 1 map; 1 file could not be imported.",
      details: ["two.txt: not a map"],
    });
  });
});

describe("keep both", () => {
  async function importTwins() {
    const f = fakeBackend();
    f.clashes.push(
      { id: "new-a.waymark", was: "Lost card", title: "Lost card (2)" },
      { id: "new-b.waymark", was: "Lost card", title: "Lost card (3)" },
    );
    const lib = new LibraryState(f.backend);
    await lib.load();
    await lib.importSources([
      { name: "a.waymark", content: "Lost card" },
      { name: "b.waymark", content: "Lost card" },
      { name: "c.waymark", content: "New one" },
    ]);
    return { f, lib };
  }

  it("asks about imported maps whose title is taken", async () => {
    const { lib } = await importTwins();
    expect(lib.duplicates).toEqual([
      { id: "new-a.waymark", was: "Lost card", title: "Lost card (2)" },
      { id: "new-b.waymark", was: "Lost card", title: "Lost card (3)" },
    ]);
    expect(lib.notice?.text).toBe("Imported 3 maps.");
  });

  it("keeps both with the next free suffix, and says so", async () => {
    const { f, lib } = await importTwins();
    await lib.resolveDuplicates("keep");
    expect(lib.duplicates).toEqual([]);
    expect(f.maps.map((m) => m.title)).toEqual([
      "Onboarding",
      "Lost card",
      "Lost card (2)",
      "Lost card (3)",
      "New one",
    ]);
    expect(lib.notice?.details).toEqual([
      "“Lost card” was already in the library: both are kept, the new one as “Lost card (2)”.",
      "“Lost card” was already in the library: both are kept, the new one as “Lost card (3)”.",
    ]);
    // Recently opened tells them apart: no title twice.
    expect(new Set(f.maps.map((m) => m.title)).size).toBe(f.maps.length);
  });

  it("replaces the old map (to the trash, with an undo)", async () => {
    const f = fakeBackend();
    f.clashes.push({ id: "new-a.waymark", was: "Lost card", title: "Lost card (2)" });
    const lib = new LibraryState(f.backend);
    await lib.load();
    await lib.importSources([{ name: "a.waymark", content: "Lost card" }]);
    await lib.resolveDuplicates("replace");
    expect(f.maps.map((m) => m.id)).toEqual(["a", "new-a.waymark"]);
    expect(lib.trashed).toEqual({ id: "b", title: "Lost card" });
    await lib.untrash();
    expect(f.maps.map((m) => m.id)).toEqual(["a", "new-a.waymark", "b"]);
  });

  it("does not import it after all", async () => {
    const f = fakeBackend();
    f.clashes.push({ id: "new-a.waymark", was: "Lost card", title: "Lost card (2)" });
    const lib = new LibraryState(f.backend);
    await lib.load();
    await lib.importSources([{ name: "a.waymark", content: "Lost card" }]);
    await lib.resolveDuplicates("skip");
    expect(f.maps.map((m) => m.id)).toEqual(["a", "b"]);
    expect(lib.lastCreated).toBeNull();
    expect(lib.notice?.details).toEqual(["“Lost card” was not imported again."]);
  });
});

describe("importNotice", () => {
  it("says how many maps came in", () => {
    expect(importNotice(2, []).text).toBe("Imported 2 maps.");
    expect(importNotice(0, ["x: bad"]).text).toBe(
      "The file could not be imported. Nothing was added.",
    );
    expect(importNotice(3, ["x", "y"]).text).toBe(
      "Imported 3 maps; 2 files could not be imported.",
    );
  });
});
