import { describe, expect, it } from "vitest";
import { pinchZoom } from "./pinch";

describe("pinchZoom", () => {
  it("scales the zoom by how far the fingers moved apart", () => {
    const z = pinchZoom(1, { x: 0, y: 0 }, { x: 100, y: 0 }, { x: -50, y: 0 }, { x: 150, y: 0 });
    expect(z).toBeCloseTo(2);
    expect(
      pinchZoom(2, { x: 0, y: 0 }, { x: 0, y: 200 }, { x: 0, y: 50 }, { x: 0, y: 150 }),
    ).toBeCloseTo(1);
  });
  it("ignores fingers on the same spot", () => {
    expect(pinchZoom(1.5, { x: 5, y: 5 }, { x: 5, y: 5 }, { x: 0, y: 0 }, { x: 9, y: 9 })).toBe(
      1.5,
    );
  });
});
