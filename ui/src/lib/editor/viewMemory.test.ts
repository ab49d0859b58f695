import { describe, expect, it } from "vitest";
import { recallPanelHidden, recallView, rememberPanelHidden, rememberView } from "./viewMemory";

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      m.set(k, v);
    },
  };
}

describe("view memory", () => {
  it("keeps zoom, scroll and overlay per map", () => {
    const store = memory();
    rememberView(store, "a", { zoom: 0.5, left: 300, top: 40, overlay: "priority" });
    rememberView(store, "b", { zoom: 2, left: 0, top: 0, overlay: "none" });
    expect(recallView(store, "a")).toEqual({ zoom: 0.5, left: 300, top: 40, overlay: "priority" });
    expect(recallView(store, "b")?.zoom).toBe(2);
    expect(recallView(store, "c")).toBeNull();
  });

  it("reads what it cannot trust as nothing, or as the nearest sane view", () => {
    const store = memory();
    store.setItem("waymark.view.x", "{not json");
    expect(recallView(store, "x")).toBeNull();
    store.setItem("waymark.view.y", JSON.stringify({ zoom: 99, left: -5, overlay: "neon" }));
    expect(recallView(store, "y")).toEqual({ zoom: 4, left: 0, top: 0, overlay: "none" });
    expect(recallView(null, "y")).toBeNull();
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error("quota");
      },
    };
    expect(() => {
      rememberView(full, "z", { zoom: 1, left: 0, top: 0, overlay: "none" });
    }).not.toThrow();
  });
});

describe("side panel memory", () => {
  it("remembers a collapsed panel across maps and opens by default", () => {
    const store = memory();
    expect(recallPanelHidden(store)).toBe(false);
    rememberPanelHidden(store, true);
    expect(recallPanelHidden(store)).toBe(true);
    rememberPanelHidden(store, false);
    expect(recallPanelHidden(store)).toBe(false);
  });
});
