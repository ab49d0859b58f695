import { describe, expect, it } from "vitest";
import { newDoc } from "../doc/ydoc";
import { addLane, addStage, addTouchpoint, readJourney, setInput } from "../doc/journey";
import { move, press, release, type Gesture, type Press } from "./gestures";
import { emotionY, layout } from "./layout";

function sample() {
  const doc = newDoc();
  const s1 = addStage(doc, "One");
  const s2 = addStage(doc, "Two");
  const l1 = addLane(doc, "Touchpoints", "touchpoints");
  addLane(doc, "Feelings", "emotions");
  const a = addTouchpoint(doc, s1, l1, "A");
  const b = addTouchpoint(doc, s1, l1, "B");
  const c = addTouchpoint(doc, s2, l1, "C");
  setInput(doc, a, "emotion", 1);
  const view = readJourney(doc);
  return { view, lay: layout(view), s1, s2, l1, a, b, c };
}

const at = (x: number, y: number): Press => ({
  button: 0,
  shift: false,
  space: false,
  client: { x, y },
  at: { x, y },
  scroll: { left: 0, top: 0 },
  emotionPoint: null,
  stageHead: null,
  laneHead: null,
});

describe("press", () => {
  const { view, lay, s1, l1, a, b } = sample();
  const cardA = lay.cards.find((c) => c.tp.id === a);
  if (!cardA) throw new Error("no card A");
  const onA = at(cardA.x + 10, cardA.y + 10);

  it("on a card starts dragging it and selects it", () => {
    const s = press(onA, lay, view, []);
    expect(s?.gesture).toMatchObject({ kind: "card", id: a, dx: 10, dy: 10, moved: false });
    expect(s?.select).toEqual({ kind: "touchpoint", id: a });
  });

  it("with Shift on a card adds it to the picked ones, or takes it out", () => {
    expect(press({ ...onA, shift: true }, lay, view, [b])).toEqual({ gesture: null, pick: [b, a] });
    expect(press({ ...onA, shift: true }, lay, view, [b, a])?.pick).toEqual([b]);
  });

  it("on empty canvas starts a marquee and drops the selection (not with Shift)", () => {
    const s = press(at(5, lay.height - 2), lay, view, [a]);
    expect(s).toMatchObject({
      gesture: { kind: "marquee", base: [] },
      select: null,
      clearArrow: true,
    });
    const add = press({ ...at(5, lay.height - 2), shift: true }, lay, view, [a]);
    expect(add?.gesture).toMatchObject({ kind: "marquee", base: [a] });
    expect(add && "select" in add).toBe(false);
  });

  it("with Space or the middle button pans from the scroll offset", () => {
    const s = press({ ...onA, space: true, scroll: { left: 30, top: 40 } }, lay, view, []);
    expect(s?.gesture).toMatchObject({ kind: "pan", left: 30, top: 40 });
    expect(press({ ...onA, button: 1 }, lay, view, [])?.gesture?.kind).toBe("pan");
    expect(press({ ...onA, button: 2 }, lay, view, [])).toBeNull();
  });

  it("on a header starts a reorder; headers win over cards under them", () => {
    expect(press({ ...onA, stageHead: s1 }, lay, view, [])).toMatchObject({
      gesture: { kind: "stages", id: s1, from: 0, to: 0 },
      select: { kind: "stage", id: s1 },
    });
    expect(press({ ...onA, laneHead: l1 }, lay, view, [])?.gesture).toMatchObject({
      kind: "lanes",
      from: 0,
    });
  });

  it("on an emotion point starts from its rating", () => {
    expect(press({ ...onA, emotionPoint: a }, lay, view, [])?.gesture).toEqual({
      kind: "emotion",
      id: a,
      value: 1,
    });
  });
});

describe("move and release", () => {
  const { view, lay, s2, l1, a, b, c } = sample();
  const cardA = lay.cards.find((x) => x.tp.id === a);
  const col2 = lay.columns[1];
  if (!cardA || !col2) throw new Error("no layout");
  const drag: Gesture = {
    kind: "card",
    id: a,
    x: cardA.x + 10,
    y: cardA.y + 10,
    dx: 10,
    dy: 10,
    moved: false,
  };

  it("a card stays put until the pointer passes the slop", () => {
    expect(move(drag, { x: 0, y: 0 }, { x: drag.x + 2, y: drag.y + 1 }, lay, 1).gesture).toBe(drag);
    // At half zoom the slop is twice as many canvas units.
    expect(move(drag, { x: 0, y: 0 }, { x: drag.x + 6, y: drag.y }, lay, 0.5).gesture).toBe(drag);
  });

  it("a card dragged to another stage lands there", () => {
    const m = move(drag, { x: 0, y: 0 }, { x: col2.x + 20, y: drag.y }, lay, 1);
    expect(m.gesture).toMatchObject({ moved: true });
    expect(m.ghost).toEqual({ x: col2.x + 10, y: cardA.y });
    expect(m.drop).toMatchObject({ stage: s2, lane: l1 });
    const to = m.drop ?? null;
    expect(release(m.gesture, to, lay, view, [a])).toEqual([{ kind: "move", id: a, to }]);
  });

  it("dragging one of several picked cards moves them all in map order", () => {
    const to = { stage: s2, lane: l1, index: 0 };
    const moved = { ...drag, moved: true };
    expect(release(moved, to, lay, view, [b, a])).toEqual([{ kind: "moveAll", ids: [a, b], to }]);
  });

  it("a click on one of several picked cards picks just that one", () => {
    expect(release(drag, null, lay, view, [a, b])).toEqual([{ kind: "pick", ids: [a] }]);
    expect(release(drag, null, lay, view, [a])).toEqual([]);
  });

  it("a marquee picks the cards it touches, added to the base; a tiny one nothing", () => {
    const m = { kind: "marquee" as const, x: 0, y: 0, x2: lay.width, y2: lay.height, base: [c] };
    expect(release(m, null, lay, view, [])).toEqual([{ kind: "pick", ids: [c, a, b] }]);
    expect(release({ ...m, x2: 3, y2: 3 }, null, lay, view, [])).toEqual([]);
  });

  it("a stage dragged over the next column reorders; dropped in place, nothing", () => {
    const stages: Gesture = { kind: "stages", id: "s", from: 0, to: 0 };
    const m = move(stages, { x: 0, y: 0 }, { x: col2.x + 5, y: 10 }, lay, 1);
    expect(m.gesture).toMatchObject({ to: 1 });
    expect(release(m.gesture, null, lay, view, [])).toEqual([
      { kind: "reorder", what: "stages", id: "s", to: 1 },
    ]);
    expect(release(stages, null, lay, view, [])).toEqual([]);
  });

  it("an emotion drag sets the rating under the pointer, only when it changed", () => {
    const row = lay.emotionRow;
    if (!row) throw new Error("no emotion row");
    const g: Gesture = { kind: "emotion", id: a, value: 1 };
    const m = move(g, { x: 0, y: 0 }, { x: 0, y: emotionY(row, -2) }, lay, 1);
    expect(m.gesture).toEqual({ kind: "emotion", id: a, value: -2 });
    expect(release(m.gesture, null, lay, view, [])).toEqual([
      { kind: "emotion", id: a, value: -2 },
    ]);
    expect(release(g, null, lay, view, [])).toEqual([]);
  });

  it("a pan scrolls by the distance moved", () => {
    const g: Gesture = { kind: "pan", x: 100, y: 100, left: 500, top: 300 };
    expect(move(g, { x: 80, y: 130 }, { x: 0, y: 0 }, lay, 1).scroll).toEqual({
      left: 520,
      top: 270,
    });
    expect(release(g, null, lay, view, [])).toEqual([]);
  });
});
