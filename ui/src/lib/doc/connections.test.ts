import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MAX_LABEL, addConnection, readConnections, setConnectionLabel } from "./connections";
import { addLane, addStage, addTouchpoint, undoManager } from "./journey";

function twoCards() {
  const doc = new Y.Doc();
  const stage = addStage(doc, "S");
  const lane = addLane(doc, "L", "touchpoints");
  const a = addTouchpoint(doc, stage, lane, "A");
  const b = addTouchpoint(doc, stage, lane, "B");
  return { doc, a, b, all: new Set([a, b]) };
}

describe("arrow labels", () => {
  it("are set trimmed and capped, each as one undo step", () => {
    const { doc, a, b, all } = twoCards();
    const id = addConnection(doc, a, b) ?? "";
    const undo = undoManager(doc);
    setConnectionLabel(doc, id, "  hands over  ");
    expect(readConnections(doc, all)[0]?.label).toBe("hands over");
    setConnectionLabel(doc, id, "x".repeat(200));
    expect(readConnections(doc, all)[0]?.label).toHaveLength(MAX_LABEL);
    undo.undo();
    expect(readConnections(doc, all)[0]?.label).toBe("hands over");
    undo.undo();
    expect(readConnections(doc, all)[0]?.label).toBe("");
  });

  it("leave the document alone for the same label or a missing arrow", () => {
    const { doc, a, b } = twoCards();
    const id = addConnection(doc, a, b, "then") ?? "";
    let updates = 0;
    doc.on("update", () => updates++);
    setConnectionLabel(doc, id, "then ");
    setConnectionLabel(doc, "no-such-arrow", "x");
    expect(updates).toBe(0);
  });
});
