import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { undoManager } from "../doc/journey";
import {
  FIELDS,
  defaultSettings,
  readSettings,
  validateSettings,
  withField,
  writeSettings,
} from "./settings";

const field = (id: string) => {
  const f = FIELDS.find((x) => (x.group ? `${x.group}.${x.key}` : x.key) === id);
  if (!f) throw new Error(id);
  return f;
};

describe("scoring settings", () => {
  it("reads defaults from an empty document", () => {
    expect(readSettings(new Y.Doc())).toEqual(defaultSettings());
  });

  it("validates ranges, whole numbers and that each score has weight", () => {
    const d = defaultSettings();
    expect(validateSettings(d).size).toBe(0);
    expect(
      validateSettings(withField(d, field("friction_weights.wait"), -1)).get(
        "friction_weights.wait",
      ),
    ).toMatch(/between 0 and 100/);
    expect(
      validateSettings(withField(d, field("thresholds.min_responses"), 2.5)).get(
        "thresholds.min_responses",
      ),
    ).toMatch(/whole/);
    expect(
      validateSettings(withField(d, field("thresholds.pain_negative_comment_share"), 1.5)).size,
    ).toBe(1);
    expect(
      validateSettings(withField(d, field("service_desired_wait_minutes"), Number.NaN)).size,
    ).toBe(1);
    let none = d;
    for (const k of ["survey", "sentiment", "designer"])
      none = withField(none, field(`emotion_weights.${k}`), 0);
    expect(validateSettings(none).get("emotion_weights")).toMatch(/at least one/);
  });

  it("writes one undoable step in the Rust layout, and undo restores the old values", () => {
    const doc = new Y.Doc();
    // As the Rust side writes it: meta.settings is a Y.Map of plain groups.
    doc.transact(() => {
      const s = new Y.Map<unknown>();
      doc.getMap("meta").set("settings", s);
      const d = defaultSettings();
      s.set("friction_weights", d.friction_weights);
      s.set("emotion_weights", d.emotion_weights);
      s.set("thresholds", d.thresholds);
      s.set("service_desired_wait_minutes", 10);
    }, "remote");
    const um = undoManager(doc);
    const changed = withField(
      withField(defaultSettings(), field("friction_weights.wait"), 0.5),
      field("thresholds.min_responses"),
      5,
    );
    writeSettings(doc, changed);
    expect(readSettings(doc)).toEqual(changed);
    const raw = (doc.getMap("meta").get("settings") as Y.Map<unknown>).toJSON();
    expect(raw["friction_weights"]).toMatchObject({ wait: 0.5, survey_effort: 0.3 });
    expect(um.undoStack).toHaveLength(1);
    um.undo();
    expect(readSettings(doc)).toEqual(defaultSettings());
    um.redo();
    expect(readSettings(doc).thresholds.min_responses).toBe(5);
  });
});
