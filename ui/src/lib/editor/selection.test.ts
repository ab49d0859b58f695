import { describe, expect, it } from "vitest";
import { newDoc } from "../doc/ydoc";
import { addLane, addStage, addTouchpoint, readJourney } from "../doc/journey";
import { layout } from "./layout";
import { boxFrom, cardsIn, spanAt, togglePick, union } from "./selection";

describe("multi-select", () => {
  it("toggles ids in and out", () => {
    expect(togglePick(["a"], "b")).toEqual(["a", "b"]);
    expect(togglePick(["a", "b"], "a")).toEqual(["b"]);
    expect(union(["a", "b"], ["b", "c"])).toEqual(["a", "b", "c"]);
  });

  it("a marquee picks the cards it touches, dragged either way", () => {
    const doc = newDoc();
    const s1 = addStage(doc, "One");
    const s2 = addStage(doc, "Two");
    const lane = addLane(doc, "Tps", "touchpoints");
    const a = addTouchpoint(doc, s1, lane, "A");
    const b = addTouchpoint(doc, s1, lane, "B");
    const c = addTouchpoint(doc, s2, lane, "C");
    const lay = layout(readJourney(doc));
    const card = (id: string) => {
      const c = lay.cards.find((x) => x.tp.id === id);
      if (!c) throw new Error(`no card ${id}`);
      return c;
    };
    const ca = card(a);
    const cb = card(b);
    // From below-right of B up to the top-left of A: both cards of stage One.
    const box = boxFrom({ x: cb.x + cb.w - 5, y: cb.y + 70 }, { x: ca.x + 5, y: ca.y + 5 });
    expect(cardsIn(lay, box)).toEqual([a, b]);
    const all = boxFrom({ x: 0, y: 0 }, { x: lay.width, y: lay.height });
    expect(cardsIn(lay, all)).toEqual([a, b, c]);
    expect(cardsIn(lay, boxFrom({ x: 1, y: 1 }, { x: 2, y: 2 }))).toEqual([]);
  });

  it("finds the column or row a dragged header lands on", () => {
    const spans = [
      { start: 100, size: 50 },
      { start: 150, size: 50 },
      { start: 200, size: 50 },
    ];
    expect(spanAt(spans, 10)).toBe(0);
    expect(spanAt(spans, 170)).toBe(1);
    expect(spanAt(spans, 999)).toBe(2);
  });
});
