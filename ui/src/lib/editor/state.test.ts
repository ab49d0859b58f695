import { describe, expect, it } from "vitest";
import { newDoc } from "../doc/ydoc";
import { returnFocus } from "../components/focus";
import { addLane, addStage, addTouchpoint } from "../doc/journey";
import { EditorState } from "./state.svelte";

function editor() {
  const doc = newDoc();
  const s1 = addStage(doc, "One");
  const s2 = addStage(doc, "Two");
  const l1 = addLane(doc, "Touchpoints", "touchpoints");
  const a = addTouchpoint(doc, s1, l1, "A");
  const b = addTouchpoint(doc, s1, l1, "B");
  const ed = new EditorState(null, "map");
  ed.attach(doc);
  const titles = (stage: string) =>
    (ed.view?.touchpoints ?? []).filter((t) => t.stage === stage).map((t) => t.title);
  return { ed, doc, s1, s2, l1, a, b, titles };
}

describe("EditorState", () => {
  it("reads the view from the document and follows its changes", () => {
    const { ed, doc, s1, l1 } = editor();
    expect(ed.view?.stages.map((s) => s.name)).toEqual(["One", "Two"]);
    addTouchpoint(doc, s1, l1, "C");
    expect(ed.view?.touchpoints).toHaveLength(3);
    expect(ed.lay?.cards).toHaveLength(3);
  });

  it("keeps the picked set and the selection together", () => {
    const { ed, a, b, s1 } = editor();
    ed.select({ kind: "touchpoint", id: a });
    expect(ed.picked).toEqual([a]);
    ed.pick([a, b]);
    expect(ed.selection).toEqual({ kind: "touchpoint", id: b });
    // Selecting one of the picked keeps them all (a drag takes them along).
    ed.select({ kind: "touchpoint", id: a });
    expect(ed.picked).toEqual([a, b]);
    ed.select({ kind: "stage", id: s1 });
    expect(ed.picked).toEqual([]);
    ed.selectArrow("arrow");
    expect([ed.selection, ed.arrow]).toEqual([null, "arrow"]);
    ed.select({ kind: "touchpoint", id: a });
    expect(ed.arrow).toBeNull();
  });

  it("adds a touchpoint after the selected one and edits its title", () => {
    const { ed, a, s1, titles } = editor();
    ed.select({ kind: "touchpoint", id: a });
    ed.addNear();
    expect(titles(s1)).toEqual(["A", "New touchpoint", "B"]);
    const added = ed.editing;
    expect(ed.selection).toEqual({ kind: "touchpoint", id: added });
    // An empty title is refused: the card keeps the one it had.
    ed.commitTitle(added ?? "", "   ");
    expect(titles(s1)).toEqual(["A", "New touchpoint", "B"]);
    expect(ed.editing).toBeNull();
    ed.commitTitle(added ?? "", "  Call the bank ");
    expect(titles(s1)).toEqual(["A", "Call the bank", "B"]);
  });

  it("goes between cards with the arrow keys and adds stages and lanes by key", () => {
    const { ed, a, b } = editor();
    expect(ed.moveFocus(0, 1)).toBe(true);
    expect(ed.selection).toEqual({ kind: "touchpoint", id: a });
    ed.moveFocus(0, 1);
    expect(ed.selection).toEqual({ kind: "touchpoint", id: b });
    // At the last card the key is still the editor's (the page does not scroll).
    expect(ed.moveFocus(0, 1)).toBe(true);
    expect(ed.selection).toEqual({ kind: "touchpoint", id: b });
    ed.newStage();
    ed.newLane();
    expect([ed.view?.stages.length, ed.view?.lanes.length]).toEqual([3, 2]);
  });

  it("nudges a touchpoint to the next stage and a stage one place", () => {
    const { ed, a, s1, s2, titles } = editor();
    ed.select({ kind: "touchpoint", id: a });
    ed.nudge(1, 0);
    expect(titles(s2)).toEqual(["A"]);
    ed.select({ kind: "stage", id: s1 });
    ed.nudge(1, 0);
    expect(ed.view?.stages.map((s) => s.name)).toEqual(["Two", "One"]);
    ed.nudge(1, 0); // already last: nothing
    expect(ed.view?.stages.map((s) => s.name)).toEqual(["Two", "One"]);
  });

  it("deletes the picked touchpoints as one undo step, and a selected stage from the menu", () => {
    const { ed, a, b, s2 } = editor();
    ed.pick([a, b]);
    expect(ed.deletePicked()).toBe(true);
    expect(ed.view?.touchpoints).toHaveLength(0);
    expect(ed.canUndo).toBe(true);
    ed.undo();
    expect(ed.view?.touchpoints).toHaveLength(2);
    expect(ed.deletePicked()).toBe(false);
    ed.select({ kind: "stage", id: s2 });
    ed.deleteSelection();
    expect(ed.view?.stages.map((s) => s.name)).toEqual(["One"]);
  });

  it("applies what a released gesture changes", () => {
    const { ed, a, b, s2, l1, titles } = editor();
    ed.apply([{ kind: "moveAll", ids: [a, b], to: { stage: s2, lane: l1, index: 0 } }]);
    expect(titles(s2)).toEqual(["A", "B"]);
    ed.apply([
      { kind: "emotion", id: a, value: -2 },
      { kind: "pick", ids: [b] },
    ]);
    expect(ed.view?.touchpoints.find((t) => t.id === a)?.inputs.emotion).toBe(-2);
    expect(ed.picked).toEqual([b]);
  });

  it("has one modal value: a dialog replaces another, and the keys stand down", () => {
    const { ed } = editor();
    expect(ed.keysFree).toBe(true);
    ed.toggleShortcuts();
    expect(ed.modal).toEqual({ kind: "shortcuts" });
    expect(ed.keysFree).toBe(true);
    ed.openExport("csv");
    expect(ed.modal).toEqual({ kind: "export", format: "csv" });
    expect(ed.keysFree).toBe(false);
    ed.openVersions(); // no session yet: nothing to version
    expect(ed.modal?.kind).toBe("export");
    ed.closeModal();
    expect(ed.modal).toBeNull();
  });

  it("lets Escape close the sheet, then stop editing, then deselect", () => {
    const { ed, a } = editor();
    ed.select({ kind: "touchpoint", id: a });
    ed.editing = a;
    ed.openShortcuts();
    ed.escape(null);
    expect(ed.modal).toBeNull();
    ed.escape(null);
    expect(ed.editing).toBeNull();
    let blurred = false;
    ed.escape(() => (blurred = true));
    expect([blurred, ed.selection]).toEqual([true, { kind: "touchpoint", id: a }]);
    ed.escape(null);
    expect(ed.selection).toBeNull();
  });

  it("asks the viewport to zoom from the current zoom", () => {
    const { ed } = editor();
    const asked: number[] = [];
    ed.viewport = {
      zoomTo: (z) => {
        asked.push(z);
      },
      fit: () => {},
      reveal: () => {},
      toEnd: () => {},
      restore: () => {},
    };
    ed.zoom = 2;
    ed.zoomBy(1.25);
    expect(asked).toEqual([2.5]);
  });

  it("selects what focus reaches by keyboard, not what a closing dialog gives focus back to", () => {
    const { ed, a, b } = editor();
    ed.pointerAt = -Infinity; // no click just before
    ed.select({ kind: "touchpoint", id: b });
    returnFocus({
      focus: () => {
        ed.focused({ kind: "touchpoint", id: a });
      },
    } as unknown as HTMLElement);
    expect(ed.selection).toEqual({ kind: "touchpoint", id: b });
    ed.focused({ kind: "touchpoint", id: a });
    expect(ed.selection).toEqual({ kind: "touchpoint", id: a });
  });
});
