import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addLane, addStage, addTouchpoint, readJourney } from "../doc/journey";
import {
  PILL_H,
  arrowCurve,
  labelSpot,
  labelText,
  outsideBand,
  pillBox,
  pillWidth,
  pointAt,
  type Curve,
} from "./arrows";
import { CARD_H, intersects, layout, type Box } from "./layout";

const card = (x: number, y: number): Box => ({ x, y, w: 212, h: CARD_H });

describe("arrow curves", () => {
  it("join side to side across columns and bottom to top within one", () => {
    const a = card(186, 98);
    const right = arrowCurve(a, card(418, 98));
    expect(right.p0).toEqual({ x: 398, y: 98 + CARD_H / 2 });
    expect(right.p3).toEqual({ x: 418, y: 98 + CARD_H / 2 });
    const below = arrowCurve(a, card(186, 300));
    expect(below.p0).toEqual({ x: 292, y: 98 + CARD_H });
    expect(below.p3).toEqual({ x: 292, y: 300 });
    const above = arrowCurve(card(186, 300), a);
    expect(above.p0.y).toBe(300);
    expect(above.p3.y).toBe(98 + CARD_H);
  });

  it("passes through its ends", () => {
    const c = arrowCurve(card(0, 0), card(500, 200));
    expect(pointAt(c, 0)).toEqual(c.p0);
    expect(pointAt(c, 1)).toEqual(c.p3);
  });
});

describe("arrow labels", () => {
  const flat: Curve = {
    p0: { x: 0, y: 100 },
    p1: { x: 100, y: 100 },
    p2: { x: 200, y: 100 },
    p3: { x: 300, y: 100 },
  };

  it("sit in the middle of a free arrow", () => {
    expect(labelSpot(flat, 60, [])).toEqual({ at: { x: 150, y: 100 }, on: { x: 150, y: 100 } });
  });

  it("move along the arrow off a card that sits in its middle", () => {
    const inTheWay = { x: 120, y: 60, w: 60, h: 80 };
    const w = 50;
    const { at, on } = labelSpot(flat, w, [inTheWay]);
    expect(at).toEqual(on);
    expect(at.y).toBeCloseTo(100);
    expect(intersects(pillBox(at, w), inTheWay)).toBe(false);
  });

  it("step beside two cards side by side, whose gap is narrower than the pill", () => {
    const left = { x: 0, y: 0, w: 212, h: CARD_H };
    const right = { x: 232, y: 0, w: 212, h: CARD_H };
    const w = pillWidth("then");
    const { at, on } = labelSpot(arrowCurve(left, right), w, [left, right]);
    expect(on.y).toBeCloseTo(CARD_H / 2);
    expect(intersects(pillBox(at, w), left) || intersects(pillBox(at, w), right)).toBe(false);
    expect(at.x).toBeCloseTo(222);
  });

  it("step beside the arrow when every point along it is covered", () => {
    const wall = { x: -50, y: 95, w: 400, h: 10 };
    const { at, on } = labelSpot(flat, 40, [wall]);
    expect(intersects(pillBox(at, 40), wall)).toBe(false);
    expect(on.y).toBeCloseTo(100);
    expect(Math.abs(at.y - 100)).toBeLessThanOrEqual(PILL_H + 4);
  });

  it("never go into the emotion band", () => {
    const band = { x: 0, y: 80, w: 400, h: 150 };
    const down: Curve = {
      p0: { x: 150, y: 0 },
      p1: { x: 150, y: 100 },
      p2: { x: 150, y: 200 },
      p3: { x: 150, y: 300 },
    };
    const { at } = labelSpot(down, 60, [], [band]);
    expect(intersects(pillBox(at, 60), band)).toBe(false);
  });

  it("are cut when long, and their pill grows with the text", () => {
    expect(labelText("  then  ")).toBe("then");
    expect(labelText("x".repeat(80))).toHaveLength(40);
    expect(labelText("x".repeat(80)).endsWith("…")).toBe(true);
    expect(pillWidth("a long label")).toBeGreaterThan(pillWidth("ok"));
  });

  it("on a real layout, cover no card and stay out of the emotion band", () => {
    const doc = new Y.Doc();
    const s1 = addStage(doc, "One");
    const s2 = addStage(doc, "Two");
    const front = addLane(doc, "Front", "touchpoints");
    addLane(doc, "Feelings", "emotions");
    const back = addLane(doc, "Back", "backstage");
    const a = addTouchpoint(doc, s1, front, "A");
    addTouchpoint(doc, s1, front, "A2");
    addTouchpoint(doc, s2, front, "B");
    const c = addTouchpoint(doc, s1, back, "C");
    const d = addTouchpoint(doc, s2, back, "D");
    const lay = layout(readJourney(doc));
    const band = lay.emotionRow;
    expect(band).not.toBeNull();
    const box = (id: string) => {
      const found = lay.cards.find((k) => k.tp.id === id);
      if (!found) throw new Error(id);
      return found;
    };
    // At 100 % and far out, where labels are twice as large.
    for (const scale of [1, 2])
      for (const [from, to] of [
        [a, c],
        [a, d],
        [c, d],
      ] as const) {
        const w = pillWidth("hands over", scale);
        const h = PILL_H * scale;
        const { at } = labelSpot(
          arrowCurve(box(from), box(to)),
          w,
          lay.cards,
          band ? [band] : [],
          h,
        );
        const pill = pillBox(at, w, h);
        // Far out a pill may not fit between cards; then the cards cover it, never the reverse.
        if (scale === 1)
          for (const k of lay.cards)
            expect(intersects(pill, k), `${from}→${to} ×${scale} on ${k.tp.title}`).toBe(false);
        if (band) expect(intersects(pill, band), `${from}→${to} ×${scale}`).toBe(false);
      }
  });
});

describe("the arrows' clip", () => {
  it("cuts the emotion band out of the canvas", () => {
    expect(outsideBand(100, 50, null)).toBe("M0,0 H100 V50 H0 Z");
    expect(outsideBand(100, 50, { x: 0, y: 10, w: 100, h: 20 })).toBe(
      "M0,0 H100 V50 H0 Z M0,10 H100 V30 H0 Z",
    );
  });
});
