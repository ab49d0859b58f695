import { describe, expect, it } from "vitest";
import { newDoc } from "../doc/ydoc";
import { addLane, addStage, addTouchpoint, readJourney } from "../doc/journey";
import { neighbour } from "./cardNav";
import { layout } from "./layout";

describe("arrow keys between cards", () => {
  const doc = newDoc();
  const s1 = addStage(doc, "One");
  const s2 = addStage(doc, "Two");
  const s3 = addStage(doc, "Three");
  const l1 = addLane(doc, "Front", "touchpoints");
  const l2 = addLane(doc, "Back", "backstage");
  const a = addTouchpoint(doc, s1, l1, "A");
  const b = addTouchpoint(doc, s1, l1, "B");
  const c = addTouchpoint(doc, s1, l2, "C");
  const d = addTouchpoint(doc, s3, l1, "D");
  const view = readJourney(doc);
  const lay = layout(view);
  const go = (from: string | null, dx: number, dy: number) => neighbour(lay, view, from, dx, dy);

  it("starts at the first card", () => {
    expect(go(null, 1, 0)).toBe(a);
  });

  it("goes down within the lane, then to the next lane of the stage", () => {
    expect(go(a, 0, 1)).toBe(b);
    expect(go(b, 0, 1)).toBe(c);
    expect(go(c, 0, 1)).toBe(null);
    expect(go(c, 0, -1)).toBe(b);
  });

  it("goes across stages in the same lane, skipping empty cells", () => {
    expect(go(b, 1, 0)).toBe(d);
    expect(go(d, -1, 0)).toBe(a);
    expect(go(d, 1, 0)).toBe(null);
    expect(s2).toBeTruthy();
  });
});
