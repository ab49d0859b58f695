/// <reference types="node" />
// yjs ↔ yrs compatibility against the backend's yrs 0.28 (53-bit client ids).
// `fixtures/rust-state.bin` is a map state the Rust side encoded (see the
// test `yjs_updates_apply_and_yrs_state_decodes_in_yjs` in src-tauri); this
// test decodes it with the npm yjs the UI ships and edits it. The update it
// makes is kept as `fixtures/yjs-update.bin`, which the Rust test applies.
// Renew with `WAYMARK_WRITE_FIXTURES=1 npm test` after renewing the state.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addTouchpoint, readJourney, setFields, setInput } from "../doc/journey";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

function edit(doc: Y.Doc): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const view = readJourney(doc);
  const stage = view.stages[0];
  const lane = view.lanes[0];
  if (!stage || !lane) throw new Error("the fixture has no stage or lane");
  setFields(doc, "stages", stage.id, { name: "Renamed in yjs" });
  const tp = addTouchpoint(doc, stage.id, lane.id, "Made in yjs");
  setInput(doc, tp, "emotion", -2);
  return Y.encodeStateAsUpdate(doc, before);
}

describe("yrs state in yjs", () => {
  it("decodes the state Rust encoded, with 53-bit client ids", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readFileSync(fixture("rust-state.bin")));
    const view = readJourney(doc);
    expect(view.stages.length).toBeGreaterThan(3);
    expect(view.lanes.length).toBeGreaterThan(1);
    expect(view.touchpoints.length).toBeGreaterThan(10);
    expect(view.title).toBe("Fixture");
    const clients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    expect(clients.some((c) => c > 2 ** 32)).toBe(true);
    // Nothing is left pending: every item found its parent.
    expect(doc.store.pendingStructs).toBeNull();
  });

  it("makes an update on top of it that applies again in yjs", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, readFileSync(fixture("rust-state.bin")));
    const update = edit(doc);
    if (process.env["WAYMARK_WRITE_FIXTURES"]) writeFileSync(fixture("yjs-update.bin"), update);
    const kept = readFileSync(fixture("yjs-update.bin"));
    const other = new Y.Doc();
    Y.applyUpdate(other, readFileSync(fixture("rust-state.bin")));
    Y.applyUpdate(other, kept);
    const view = readJourney(other);
    expect(view.stages.map((s) => s.name)).toContain("Renamed in yjs");
    expect(view.touchpoints.find((t) => t.title === "Made in yjs")?.inputs.emotion).toBe(-2);
  });
});
