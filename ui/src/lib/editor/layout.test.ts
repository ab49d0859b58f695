import { describe, expect, it } from "vitest";
import { newDoc } from "../doc/ydoc";
import { addLane, addStage, addTouchpoint, readJourney, setInput } from "../doc/journey";
import {
  COL_W,
  LANE_HEAD_W,
  emotionAt,
  emotionY,
  hitCell,
  intersects,
  layout,
  wrapLines,
  smoothPath,
} from "./layout";

function sample() {
  const doc = newDoc();
  const s1 = addStage(doc, "One");
  const s2 = addStage(doc, "Two");
  const l1 = addLane(doc, "Touchpoints", "touchpoints");
  const emo = addLane(doc, "Feelings", "emotions");
  const a = addTouchpoint(doc, s1, l1, "A");
  const b = addTouchpoint(doc, s1, l1, "B");
  setInput(doc, a, "emotion", 2);
  setInput(doc, b, "emotion", -1);
  return { doc, s1, s2, l1, emo, a, b };
}

describe("layout", () => {
  it("gives a new, unrated touchpoint a hollow neutral point on the curve", () => {
    const { doc, s2, l1, emo } = sample();
    const c = addTouchpoint(doc, s2, l1, "New touchpoint");
    addTouchpoint(doc, s2, emo, "A feeling, not a touchpoint");
    const l = layout(readJourney(doc));
    const p = l.emotionPoints.find((x) => x.tp.id === c);
    expect(p && { emotion: p.emotion, rated: p.rated }).toEqual({ emotion: 0, rated: false });
    expect(l.emotionPoints).toHaveLength(3);
  });

  it("puts stages in columns, lanes in rows and cards in cells", () => {
    const { doc, s1, l1 } = sample();
    const l = layout(readJourney(doc));
    expect(l.columns.map((c) => c.x)).toEqual([LANE_HEAD_W, LANE_HEAD_W + COL_W]);
    const row = l.rows[0];
    expect(row?.lane.id).toBe(l1);
    const cell = l.cells.get(`${s1}|${l1}`) ?? [];
    expect(cell.map((c) => c.tp.title)).toEqual(["A", "B"]);
    expect((cell[1]?.y ?? 0) > (cell[0]?.y ?? 0)).toBe(true);
  });

  it("finds the cell and index under a point", () => {
    const { doc, s1, s2, l1, a } = sample();
    const l = layout(readJourney(doc));
    const [first, second] = l.cells.get(`${s1}|${l1}`) ?? [];
    if (!first || !second) throw new Error("cards");
    expect(hitCell(l, first.x + 5, first.y + 5)).toEqual({ stage: s1, lane: l1, index: 0 });
    expect(hitCell(l, second.x + 5, second.y + second.h - 2)).toEqual({
      stage: s1,
      lane: l1,
      index: 2,
    });
    // Dragging A below B: B is the only other card, so A goes to index 1.
    expect(hitCell(l, second.x + 5, second.y + second.h - 2, a)?.index).toBe(1);
    expect(hitCell(l, LANE_HEAD_W + COL_W + 5, first.y)).toEqual({ stage: s2, lane: l1, index: 0 });
    expect(hitCell(l, 5, first.y)).toBeNull();
  });

  it("draws the emotion curve through rated touchpoints, dragging maps back to ratings", () => {
    const { doc } = sample();
    const l = layout(readJourney(doc));
    const row = l.emotionRow;
    if (!row) throw new Error("no emotions row");
    expect(l.emotionPoints.map((p) => p.emotion)).toEqual([2, -1]);
    expect(l.emotionPoints.every((p) => p.rated)).toBe(true);
    for (const e of [-2, -1, 0, 1, 2]) expect(emotionAt(row, emotionY(row, e))).toBe(e);
    expect(emotionAt(row, row.y - 500)).toBe(2);
    expect(emotionAt(row, row.y + row.h + 500)).toBe(-2);
    expect(smoothPath(l.emotionPoints)).toMatch(/^M[\d.]+,[\d.]+ C/);
  });

  it("keeps the emotion curve in a band of its own, below the emotions lane's cards", () => {
    const { doc, s1, emo } = sample();
    addTouchpoint(doc, s1, emo, "Feels lost");
    addTouchpoint(doc, s1, emo, "Relieved");
    const l = layout(readJourney(doc));
    const band = l.emotionRow;
    const row = l.rows.find((r) => r.lane.id === emo);
    if (!band || !row) throw new Error("no emotions row");
    expect(band.y).toBeGreaterThan(row.y);
    expect(band.y + band.h).toBe(row.y + row.h);
    const laneCards = l.cards.filter((c) => c.tp.lane === emo);
    expect(laneCards).toHaveLength(2);
    for (const c of laneCards) expect(intersects(c, band)).toBe(false);
    // The +2 and −2 marks sit inside the band.
    expect(emotionY(band, 2)).toBeGreaterThan(band.y);
    expect(emotionY(band, -2)).toBeLessThan(band.y + band.h);
  });
});

describe("wrapLines", () => {
  it("breaks between words and keeps the whole title when it fits", () => {
    expect(wrapLines("Customer notices the card is missing", 20, 3)).toEqual([
      "Customer notices the",
      "card is missing",
    ]);
    expect(wrapLines("  one  ", 10, 2)).toEqual(["one"]);
    expect(wrapLines("", 10, 2)).toEqual([]);
  });

  it("cuts a word longer than a line and ends the last line in … when it goes on", () => {
    expect(wrapLines("Supercalifragilistic", 8, 3)).toEqual(["Supercal", "ifragili", "stic"]);
    expect(wrapLines("a b c d e f g h", 3, 2)).toEqual(["a b", "c…"]);
  });
});
