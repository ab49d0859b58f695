import { describe, expect, it } from "vitest";
import { visibleBox } from "./canvasExport";

describe("visible canvas box", () => {
  it("is the scrolled view in canvas units, clipped to the canvas", () => {
    expect(visibleBox({ left: 200, top: 100, width: 800, height: 600 }, 2, 2000, 1000)).toEqual({
      x: 100,
      y: 50,
      w: 400,
      h: 300,
    });
    expect(visibleBox({ left: 0, top: 0, width: 3000, height: 3000 }, 1, 1200, 700)).toEqual({
      x: 0,
      y: 0,
      w: 1200,
      h: 700,
    });
  });
});
