import { describe, expect, it } from "vitest";
import { MARGIN, STEP, drawnWindow } from "./viewport";

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
