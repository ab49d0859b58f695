import { describe, expect, it } from "vitest";
import {
  MARGIN,
  MAX_ZOOM,
  MIN_ZOOM,
  STEP,
  centreOn,
  clampZoom,
  drawnWindow,
  fitZoom,
  wheelZoom,
  zoomAbout,
} from "./viewport";

const view = (left: number, top: number) => ({ left, top, width: 1000, height: 600 });

describe("drawn window", () => {
  it("holds the view and its margin at every zoom", () => {
    for (const zoom of [0.25, 0.5, 1, 1.7, 4]) {
      for (const [left, top] of [
        [0, 0],
        [123, 77],
        [5000, 3111],
      ] as const) {
        const w = drawnWindow(view(left, top), zoom);
        expect(w.x).toBeLessThanOrEqual(left / zoom - MARGIN);
        expect(w.y).toBeLessThanOrEqual(top / zoom - MARGIN);
        expect(w.x + w.w).toBeGreaterThanOrEqual((left + 1000) / zoom + MARGIN);
        expect(w.y + w.h).toBeGreaterThanOrEqual((top + 600) / zoom + MARGIN);
        expect(Math.abs(w.x % STEP)).toBe(0);
        expect(Math.abs((w.x + w.w) % STEP)).toBe(0);
      }
    }
  });

  it("stays put for a small pan and moves by a step when one is crossed", () => {
    const start = drawnWindow(view(1000, 500), 1);
    let changes = 0;
    let last = start;
    for (let left = 1000; left < 1000 + 4 * STEP; left += 14) {
      const w = drawnWindow(view(left, 500), 1);
      if (w.x !== last.x || w.w !== last.w) changes++;
      last = w;
    }
    // 4 steps of panning: the window moves about 4 times, not 73.
    expect(changes).toBeGreaterThanOrEqual(3);
    expect(changes).toBeLessThanOrEqual(8);
    expect(drawnWindow(view(1010, 505), 1)).toEqual(start);
  });
});

describe("zoom transitions", () => {
  const v = { zoom: 1, left: 100, top: 50, width: 800, height: 600 };

  it("clamps to the limits and rounds to a whole percent", () => {
    expect(clampZoom(0.1)).toBe(MIN_ZOOM);
    expect(clampZoom(9)).toBe(MAX_ZOOM);
    expect(clampZoom(1.23456)).toBe(1.23);
  });

  it("keeps the canvas point under the pointer in place", () => {
    const next = zoomAbout(v, 2, 200, 100);
    expect(next.zoom).toBe(2);
    // Canvas point (300, 150) was at screen (200, 100) and still is.
    expect((next.left + 200) / next.zoom).toBe(300);
    expect((next.top + 100) / next.zoom).toBe(150);
  });

  it("zooms about the middle of the view by default", () => {
    const next = zoomAbout(v, 0.5);
    expect((next.left + 400) / 0.5).toBe(500);
    expect((next.top + 300) / 0.5).toBe(350);
  });

  it("fits the whole map, rounding down, from the top left", () => {
    expect(fitZoom(v, { width: 1600, height: 900 })).toEqual({ zoom: 0.5, left: 0, top: 0 });
    expect(fitZoom(v, { width: 30, height: 30 }).zoom).toBe(MAX_ZOOM);
    expect(fitZoom(v, { width: 3000, height: 2000 }).zoom).toBe(0.26);
  });

  it("zooms in on a wheel turn up and out on one down", () => {
    expect(wheelZoom(1, -100)).toBeGreaterThan(1);
    expect(wheelZoom(1, 100)).toBeLessThan(1);
    expect(wheelZoom(1, 0)).toBe(1);
  });

  it("centres a card in the view", () => {
    const at = centreOn({ ...v, zoom: 2 }, { x: 500, y: 400, w: 200, h: 100 });
    expect(at).toEqual({ left: 1200 - 400, top: 900 - 300 });
  });
});
