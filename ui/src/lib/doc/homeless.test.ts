import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addAnnotation,
  addLane,
  addStage,
  addTouchpoint,
  deleteStage,
  readJourney,
} from "./journey";
import { addConnection } from "./connections";
import { canRehome, findHomeless, homelessSummary, trayRows } from "./homeless";

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function twoReplicas() {
  const a = new Y.Doc();
  const keep = addStage(a, "Discover");
  const doomed = addStage(a, "Buy");
  const lane = addLane(a, "Touchpoints", "touchpoints");
  const first = addTouchpoint(a, keep, lane, "Search");
  const b = new Y.Doc();
  sync(a, b);
  return { a, b, keep, doomed, lane, first };
}

const homeless = (doc: Y.Doc) => findHomeless(doc, readJourney(doc));

describe("homeless entities", () => {
  it("lists a touchpoint added to a stage deleted at the same time, with what rides on it", () => {
    const { a, b, doomed, lane, first } = twoReplicas();
    deleteStage(a, doomed);
    const tp = addTouchpoint(b, doomed, lane, "Added while apart");
    addAnnotation(b, "idea", "on the new card", { kind: "touchpoint", id: tp }, "Ann");
    addConnection(b, first, tp);
    sync(a, b);

    expect(readJourney(a).touchpoints.map((t) => t.title)).toEqual(["Search"]);
    const list = homeless(a);
    expect(list.map((o) => [o.kind, o.lost])).toEqual([
      ["touchpoint", "stage"],
      ["note", "waiting"],
      ["arrow", "waiting"],
    ]);
    expect(list[0]?.id).toBe(tp);
    expect(list[1]?.waits_for).toBe(tp);
    expect(homeless(b)).toEqual(list);
    expect(homelessSummary(list)).toBe("1 touchpoint lost its stage in a concurrent edit");
    const rows = trayRows(list);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.riders).toBe(2);
    expect(list.map(canRehome)).toEqual([true, false, false]);
  });

  it("counts each kind in one sentence, the same as the backend's", () => {
    const { a, b, doomed, lane, keep } = twoReplicas();
    deleteStage(a, doomed);
    addTouchpoint(b, doomed, lane, "One");
    addTouchpoint(b, doomed, lane, "Two");
    addAnnotation(b, "question", "why?", { kind: "stage", id: doomed }, "Bo");
    sync(a, b);
    const list = homeless(a);
    expect(homelessSummary(list)).toBe(
      "2 touchpoints lost their stage, 1 note lost what it was on in a concurrent edit",
    );
    expect(trayRows(list).map((r) => r.orphan.label)).toEqual(["One", "Two", "why?"]);
    expect(keep).toBeTruthy();
  });

  it("says nothing when nothing is homeless", () => {
    const { a } = twoReplicas();
    expect(homeless(a)).toEqual([]);
    expect(homelessSummary([])).toBeNull();
  });

  it("an arrow to a deleted touchpoint lost an end and cannot come back", () => {
    const { a, b, keep, lane, first } = twoReplicas();
    const second = addTouchpoint(a, keep, lane, "Compare");
    sync(a, b);
    a.getMap("touchpoints").delete(second);
    addConnection(b, first, second);
    sync(a, b);
    const list = homeless(a);
    expect(list.map((o) => [o.kind, o.lost])).toEqual([["arrow", "end"]]);
    expect(list.map(canRehome)).toEqual([false]);
    expect(homelessSummary(list)).toBe("1 arrow lost an end in a concurrent edit");
  });
});
