import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addPersona,
  deletePersona,
  setPersonaFields,
  setPrimaryPersona,
  addAnnotation,
  addLane,
  addStage,
  addTouchpoint,
  deleteStage,
  deleteTouchpoint,
  inputError,
  moveTouchpoint,
  moveTouchpoints,
  readJourney,
  setFields,
  setInput,
  undoManager,
} from "./journey";

function map() {
  const doc = new Y.Doc();
  const s1 = addStage(doc, "Discover");
  const s2 = addStage(doc, "Buy");
  const lane = addLane(doc, "Touchpoints", "touchpoints");
  return { doc, s1, s2, lane };
}

const titles = (doc: Y.Doc, stage: string) =>
  readJourney(doc)
    .touchpoints.filter((t) => t.stage === stage)
    .map((t) => t.title);

describe("journey document", () => {
  it("orders stages and lanes by their order keys", () => {
    const { doc, s1 } = map();
    const first = addStage(doc, "Aware", 0);
    const view = readJourney(doc);
    expect(view.stages.map((s) => s.name)).toEqual(["Aware", "Discover", "Buy"]);
    expect(view.stages[0]?.id).toBe(first);
    expect(view.stages[1]?.id).toBe(s1);
    expect(view.lanes.map((l) => l.kind)).toEqual(["touchpoints"]);
  });

  it("adds touchpoints in cells and reorders inside a cell", () => {
    const { doc, s1, lane } = map();
    const a = addTouchpoint(doc, s1, lane, "A");
    addTouchpoint(doc, s1, lane, "B");
    addTouchpoint(doc, s1, lane, "C");
    expect(titles(doc, s1)).toEqual(["A", "B", "C"]);
    moveTouchpoint(doc, a, s1, lane, 2);
    expect(titles(doc, s1)).toEqual(["B", "C", "A"]);
    addTouchpoint(doc, s1, lane, "First", 0);
    expect(titles(doc, s1)).toEqual(["First", "B", "C", "A"]);
  });

  it("moves a touchpoint to another stage in one transaction", () => {
    const { doc, s1, s2, lane } = map();
    const a = addTouchpoint(doc, s1, lane, "A");
    addTouchpoint(doc, s2, lane, "X");
    let updates = 0;
    doc.on("update", () => updates++);
    moveTouchpoint(doc, a, s2, lane, 0);
    expect(updates).toBe(1);
    expect(titles(doc, s1)).toEqual([]);
    expect(titles(doc, s2)).toEqual(["A", "X"]);
  });

  it("moves several touchpoints into one cell, side by side, as one undo step", () => {
    const { doc, s1, s2, lane } = map();
    const a = addTouchpoint(doc, s1, lane, "A");
    addTouchpoint(doc, s1, lane, "B");
    const c = addTouchpoint(doc, s1, lane, "C");
    addTouchpoint(doc, s2, lane, "X");
    addTouchpoint(doc, s2, lane, "Y");
    const undo = undoManager(doc);
    let updates = 0;
    doc.on("update", () => updates++);
    moveTouchpoints(doc, [a, c], s2, lane, 1);
    expect(updates).toBe(1);
    expect(titles(doc, s1)).toEqual(["B"]);
    expect(titles(doc, s2)).toEqual(["X", "A", "C", "Y"]);
    undo.undo();
    expect(titles(doc, s1)).toEqual(["A", "B", "C"]);
    expect(titles(doc, s2)).toEqual(["X", "Y"]);
  });

  it("validates scoring inputs and stores them in the nested inputs map", () => {
    const { doc, s1, lane } = map();
    const a = addTouchpoint(doc, s1, lane, "A");
    setInput(doc, a, "emotion", -2);
    setInput(doc, a, "fcr_rate", 0.5);
    expect(() => {
      setInput(doc, a, "emotion", 3);
    }).toThrow(/between -2 and 2/);
    expect(() => {
      setInput(doc, a, "friction", 1.5);
    }).toThrow(/whole number/);
    expect(inputError("error_rate", 1.2)).toMatch(/between 0 and 1/);
    expect(inputError("friction", 4)).toBeNull();
    expect(readJourney(doc).touchpoints[0]?.inputs).toEqual({ emotion: -2, fcr_rate: 0.5 });
    setInput(doc, a, "emotion", null);
    expect(readJourney(doc).touchpoints[0]?.inputs).toEqual({ fcr_rate: 0.5 });
  });

  it("undoes and redoes each action as one step", () => {
    const { doc, s1, s2, lane } = map();
    const undo = undoManager(doc);
    const a = addTouchpoint(doc, s1, lane, "A");
    setFields(doc, "touchpoints", a, { title: "Renamed" });
    moveTouchpoint(doc, a, s2, lane, 0);
    expect(titles(doc, s2)).toEqual(["Renamed"]);
    undo.undo();
    expect(titles(doc, s1)).toEqual(["Renamed"]);
    undo.undo();
    expect(titles(doc, s1)).toEqual(["A"]);
    undo.redo();
    undo.redo();
    expect(titles(doc, s2)).toEqual(["Renamed"]);
    undo.undo();
    undo.undo();
    undo.undo();
    expect(readJourney(doc).touchpoints).toEqual([]);
  });

  it("does not undo remote changes", () => {
    const { doc, s1, lane } = map();
    const undo = undoManager(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    addTouchpoint(other, s1, lane, "Theirs");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), "remote");
    addTouchpoint(doc, s1, lane, "Mine");
    undo.undo();
    expect(titles(doc, s1)).toEqual(["Theirs"]);
  });

  it("deleting a stage deletes its touchpoints and their annotations", () => {
    const { doc, s1, s2, lane } = map();
    const a = addTouchpoint(doc, s1, lane, "A");
    addTouchpoint(doc, s2, lane, "B");
    addAnnotation(doc, "idea", "on A", { kind: "touchpoint", id: a });
    addAnnotation(doc, "question", "on stage", { kind: "stage", id: s1 });
    addAnnotation(doc, "evidence", "on map", { kind: "map" });
    deleteStage(doc, s1);
    const view = readJourney(doc);
    expect(view.stages.map((s) => s.name)).toEqual(["Buy"]);
    expect(view.touchpoints.map((t) => t.title)).toEqual(["B"]);
    expect(view.annotations.map((n) => n.text)).toEqual(["on map"]);
    expect(doc.getMap("touchpoints").size).toBe(1);
    expect(doc.getMap("annotations").size).toBe(1);
  });

  it("writes annotations in the backend's schema", () => {
    const { doc, s1, lane } = map();
    const a = addTouchpoint(doc, s1, lane, "A");
    const n = addAnnotation(doc, "pain_point", "Slow", { kind: "touchpoint", id: a });
    setFields(doc, "annotations", n, { resolved: true });
    const raw = (doc.getMap("annotations").get(n) as Y.Map<unknown>).toJSON() as Record<
      string,
      unknown
    >;
    expect(raw["target"]).toEqual({ kind: "touchpoint", id: a });
    expect(raw["resolved"]).toBe(true);
    expect(raw["created_at"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    deleteTouchpoint(doc, a);
    expect(readJourney(doc).annotations).toEqual([]);
  });
});

describe("deleting a touchpoint with survey evidence", () => {
  it("removes its statistics in the same step, and undo brings both back", () => {
    const { doc, s1, lane } = map();
    const um = undoManager(doc);
    const a = addTouchpoint(doc, s1, lane, "A");
    const b = addTouchpoint(doc, s1, lane, "B");
    // The library writes statistics (not a local edit, so not an undo step).
    const stats = (n: number) => ({ touchpoint: "", wave: "", stats: { nps: n } });
    doc.transact(() => {
      const ev = doc.getMap<unknown>("evidence");
      ev.set(`${a}|Q1`, stats(1));
      ev.set(`${a}|Q2 | late`, stats(2));
      ev.set(`${b}|Q1`, stats(3));
      doc.getMap<unknown>("responses").set(`${a}|nps|2026-03-01|r1`, { value: 9 });
    }, "library");
    um.clear();

    deleteTouchpoint(doc, a);
    expect([...doc.getMap("evidence").keys()]).toEqual([`${b}|Q1`]);
    expect(doc.getMap("responses").size).toBe(0);

    um.undo();
    expect(readJourney(doc).touchpoints.map((t) => t.title)).toEqual(["A", "B"]);
    expect([...doc.getMap("evidence").keys()].sort()).toEqual(
      [`${a}|Q1`, `${a}|Q2 | late`, `${b}|Q1`].sort(),
    );
    expect(doc.getMap("evidence").get(`${a}|Q2 | late`)).toEqual(stats(2));
    expect(doc.getMap("responses").size).toBe(1);
  });
});

describe("reading a document Rust wrote", () => {
  // generated/fixtures/projection.{bin,json}: a map state and what Rust's
  // projection shows of it (crates/core/tests/ui_fixtures.rs).
  it("shows what the Rust projection shows, hiding what lost its stage", () => {
    const fixture = (name: string) =>
      readFileSync(new URL(`../generated/fixtures/${name}`, import.meta.url));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(fixture("projection.bin")));
    const expected = JSON.parse(fixture("projection.json").toString("utf8")) as unknown;
    const view = readJourney(doc);
    expect(view).toEqual(expected);
    expect(view.touchpoints.some((t) => t.title === "On a deleted stage")).toBe(false);
  });
});

describe("personas", () => {
  it("adds, edits, picks and deletes personas, one undo step each", () => {
    const doc = new Y.Doc();
    const um = undoManager(doc);
    const a = addPersona(doc, "Maya");
    const b = addPersona(doc, "Tom");
    setPersonaFields(doc, a, {
      role: "Traveller",
      goals: ["Get a new card", "Keep paying"],
      frustrations: ["Hold music"],
      quote: "I just need to pay for dinner.",
    });
    setPrimaryPersona(doc, a);
    let v = readJourney(doc);
    expect(v.personas.map((p) => p.name)).toEqual(["Maya", "Tom"]);
    expect(v.personas[0]).toMatchObject({
      id: a,
      role: "Traveller",
      goals: ["Get a new card", "Keep paying"],
      frustrations: ["Hold music"],
      quote: "I just need to pay for dinner.",
    });
    expect((v.personas[0]?.order ?? "") < (v.personas[1]?.order ?? "")).toBe(true);
    expect(v.primaryPersona).toBe(a);
    // Unchanged values write nothing.
    let updates = 0;
    doc.on("update", () => updates++);
    setPersonaFields(doc, a, { goals: ["Get a new card", "Keep paying"], name: "Maya" });
    expect(updates).toBe(0);

    const tp = addTouchpoint(doc, addStage(doc, "S"), addLane(doc, "L", "touchpoints"), "T");
    doc.getMap<Y.Map<unknown>>("touchpoints").get(tp)?.set("personas", [a, b]);
    deletePersona(doc, a);
    v = readJourney(doc);
    expect(v.personas.map((p) => p.id)).toEqual([b]);
    expect(v.primaryPersona).toBeNull();
    expect(doc.getMap<Y.Map<unknown>>("touchpoints").get(tp)?.get("personas")).toEqual([b]);
    um.undo();
    expect(readJourney(doc).primaryPersona).toBe(a);
    setPrimaryPersona(doc, null);
    expect(readJourney(doc).primaryPersona).toBeNull();
    expect(doc.getMap("meta").get("primary_persona")).toBeNull();
  });
});
