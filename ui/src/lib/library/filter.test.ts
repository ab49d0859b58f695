import { describe, expect, it } from "vitest";
import type { MapSummary } from "../backend";
import { filterMaps, recentMaps } from "./filter";

function map(id: string, title: string, persona: string | null, opened_at: string | null = null) {
  const m: MapSummary = {
    id,
    title,
    persona,
    stages: 1,
    touchpoints: 1,
    annotations: 0,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    opened_at,
  };
  return m;
}

const maps = [
  map("a", "Lost card abroad", "Maya"),
  map("b", "Broadband outage", null, "2026-02-01T10:00:00Z"),
  map("c", "Évaluation produit", "Jean", "2026-03-01T10:00:00Z"),
];

describe("filterMaps", () => {
  it("keeps everything for an empty query", () => {
    expect(filterMaps(maps, "  ")).toHaveLength(3);
  });
  it("matches every word in title or persona, in any case and order", () => {
    expect(filterMaps(maps, "CARD maya").map((m) => m.id)).toEqual(["a"]);
    expect(filterMaps(maps, "outage broad").map((m) => m.id)).toEqual(["b"]);
    expect(filterMaps(maps, "card outage")).toEqual([]);
  });
  it("ignores accents", () => {
    expect(filterMaps(maps, "evaluation").map((m) => m.id)).toEqual(["c"]);
  });
});

describe("recentMaps", () => {
  it("lists opened maps, latest first, at most n", () => {
    expect(recentMaps(maps, 5).map((m) => m.id)).toEqual(["c", "b"]);
    expect(recentMaps(maps, 1).map((m) => m.id)).toEqual(["c"]);
  });

  it("never lists one map twice, even when a list repeats it", () => {
    const again = [...maps, ...maps.map((m) => ({ ...m }))];
    expect(recentMaps(again, 5).map((m) => m.id)).toEqual(["c", "b"]);
  });
});
