import { describe, expect, it } from "vitest";
import type { MapOrigin, MapSummary, VersionInfo } from "../backend";
import { defaultPair, sideOptions, signed, tone } from "./sides";

const v = (id: string, label: string): VersionInfo => ({ id, label, created_at: "" });
const m = (id: string, title: string) => ({ id, title }) as MapSummary;
const o = (map_id: string, source_id: string): MapOrigin => ({
  map_id,
  source_id,
  kind: "future_state",
  created_at: "",
});

describe("compare sides", () => {
  it("lists this map, its versions, its source and its future states", () => {
    const opts = sideOptions(
      "a",
      [v("v1", "as-is")],
      [o("a", "src"), o("f", "a"), o("g", "a")],
      [m("a", "A"), m("src", "Source"), m("f", "A (to-be)")],
    );
    expect(opts.map((x) => x.label)).toEqual([
      "This map (now)",
      "Version “as-is”",
      "As-is source: Source",
      "Future state: A (to-be)",
    ]);
    expect(opts[1]?.ref).toEqual({ map: "a", version: "v1" });
  });

  it("compares the source, else the latest version, with now", () => {
    const withSource = sideOptions("a", [v("v1", "x")], [o("a", "s")], [m("a", "A"), m("s", "S")]);
    expect(defaultPair(withSource, "a", null)).toEqual(["s@", "a@"]);
    const versions = sideOptions("a", [v("v1", "x"), v("v2", "y")], [], [m("a", "A")]);
    expect(defaultPair(versions, "a", null)).toEqual(["a@v2", "a@"]);
    expect(defaultPair(versions, "a", "f")).toEqual(["a@", "f@"]);
  });

  it("reads deltas the right way round", () => {
    expect(signed({ before: 50, after: 38, change: -12 })).toBe("−12");
    expect(signed({ before: null, after: 3, change: null })).toBe("");
    expect(tone({ before: 50, after: 38, change: -12 }, false)).toBe("better");
    expect(tone({ before: 50, after: 38, change: -12 }, true)).toBe("worse");
    expect(tone({ before: 5, after: 5.2, change: 0.2 }, true)).toBe("same");
  });
});
