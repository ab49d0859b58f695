import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { copyTouchpoints, duplicateTouchpoints, pasteTouchpoints } from "./clipboard";
import { addConnection, readConnections } from "./connections";
import {
  addLane,
  addStage,
  addTouchpoint,
  deleteTouchpoints,
  moveEntity,
  readJourney,
  setInput,
  undoManager,
} from "./journey";

function fixture() {
  const doc = new Y.Doc();
  const s1 = addStage(doc, "Discover");
  const s2 = addStage(doc, "Buy");
  const lane = addLane(doc, "Touchpoints", "touchpoints");
  const a = addTouchpoint(doc, s1, lane, "A");
  const b = addTouchpoint(doc, s1, lane, "B");
  const c = addTouchpoint(doc, s2, lane, "C");
  setInput(doc, a, "emotion", -2);
  addConnection(doc, a, b, "then");
  addConnection(doc, b, c);
  return { doc, s1, s2, lane, a, b, c };
}

const titles = (doc: Y.Doc) => readJourney(doc).touchpoints.map((t) => t.title);
const ids = (doc: Y.Doc) => new Set(readJourney(doc).touchpoints.map((t) => t.id));

describe("copy and paste", () => {
  it("pastes copies with fresh ids, their inputs and the arrows between them", () => {
    const { doc, s2, lane, a, b } = fixture();
    const clip = copyTouchpoints(doc, [a, b]);
    const made = pasteTouchpoints(doc, clip, { cell: { stage: s2, lane } });
    expect(made).toHaveLength(2);
    expect(made).not.toContain(a);
    expect(made).not.toContain(b);
    const view = readJourney(doc);
    const copies = view.touchpoints.filter((t) => made.includes(t.id));
    expect(copies.map((t) => [t.title, t.stage])).toEqual([
      ["A", s2],
      ["B", s2],
    ]);
    expect(copies[0]?.inputs.emotion).toBe(-2);
    // The copied arrow A→B is re-linked to the copies; B→C (C not copied) is not.
    const conns = readConnections(doc, ids(doc));
    expect(conns).toHaveLength(3);
    expect(conns.some((c) => c.from === made[0] && c.to === made[1] && c.label === "then")).toBe(
      true,
    );
  });

  it("pastes twice without colliding, and into another map", () => {
    const { doc, a } = fixture();
    const clip = copyTouchpoints(doc, [a]);
    const one = pasteTouchpoints(doc, clip);
    const two = pasteTouchpoints(doc, clip);
    expect(new Set([...one, ...two, a]).size).toBe(3);

    const other = new Y.Doc();
    const s = addStage(other, "Only");
    addLane(other, "Notes", "free_text");
    const l = addLane(other, "Tps", "touchpoints");
    const [copy] = pasteTouchpoints(other, clip);
    const tp = readJourney(other).touchpoints.find((t) => t.id === copy);
    expect(tp).toMatchObject({ title: "A", stage: s, lane: l });
  });

  it("duplicates right after each original, as one undo step", () => {
    const { doc, a, b, c } = fixture();
    const um = undoManager(doc);
    duplicateTouchpoints(doc, [a, c]);
    expect(titles(doc)).toEqual(["A", "A", "B", "C", "C"]);
    um.undo();
    expect(titles(doc)).toEqual(["A", "B", "C"]);
    expect(ids(doc)).toEqual(new Set([a, b, c]));
  });
});

describe("multi-delete", () => {
  it("deletes the selection with its arrows, and one undo brings all back", () => {
    const { doc, a, b, c } = fixture();
    const um = undoManager(doc);
    deleteTouchpoints(doc, [a, b]);
    expect(titles(doc)).toEqual(["C"]);
    expect(readConnections(doc, ids(doc))).toHaveLength(0);
    expect(doc.getMap("connections").size).toBe(0);
    um.undo();
    expect(titles(doc)).toEqual(["A", "B", "C"]);
    expect(readConnections(doc, new Set([a, b, c]))).toHaveLength(2);
  });
});

describe("connections", () => {
  it("refuses self-arrows and duplicates, and undo removes a new arrow", () => {
    const { doc, a, b, c } = fixture();
    const um = undoManager(doc);
    expect(addConnection(doc, a, a)).toBeNull();
    expect(addConnection(doc, a, b)).toBeNull();
    expect(addConnection(doc, a, "missing")).toBeNull();
    const id = addConnection(doc, c, a);
    expect(id).not.toBeNull();
    expect(readConnections(doc, ids(doc))).toHaveLength(3);
    um.undo();
    expect(readConnections(doc, ids(doc)).map((x) => [x.from, x.to])).toEqual(
      expect.not.arrayContaining([[c, a]]),
    );
    expect(readConnections(doc, new Set([a, b, c]))).toHaveLength(2);
  });
});

describe("reordering stages and lanes", () => {
  it("moves a stage to a new position", () => {
    const { doc, s1, s2 } = fixture();
    const s3 = addStage(doc, "Use");
    moveEntity(doc, "stages", s3, 0);
    expect(readJourney(doc).stages.map((s) => s.id)).toEqual([s3, s1, s2]);
    moveEntity(doc, "stages", s3, 2);
    expect(readJourney(doc).stages.map((s) => s.id)).toEqual([s1, s2, s3]);
  });
  it("moves a lane", () => {
    const { doc, lane } = fixture();
    const l2 = addLane(doc, "Emotions", "emotions");
    moveEntity(doc, "lanes", l2, 0);
    expect(readJourney(doc).lanes.map((l) => l.id)).toEqual([l2, lane]);
  });
});
