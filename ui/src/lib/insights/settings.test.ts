import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { SettingValue } from "../backend/types";
import { undoManager } from "../doc/journey";
import {
  FIELDS,
  defaultSettings,
  readSettings,
  settingsDraft,
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

  it("sends every field to Rust's checks (not a number as null) and shows its answer by field", async () => {
    const sent: SettingValue[][] = [];
    const backend = {
      checkSettings: (values: SettingValue[]) => {
        sent.push(values);
        return Promise.resolve([
          { field: "friction_weights.wait", message: "must be a number from 0 to 100" },
          { field: "emotion_weights", message: "at least one emotion weight must be above 0" },
        ]);
      },
    };
    const d = withField(defaultSettings(), field("service_desired_wait_minutes"), Number.NaN);
    const problems = await validateSettings(
      backend,
      withField(d, field("friction_weights.wait"), -1),
    );
    expect(sent[0]).toHaveLength(FIELDS.length);
    expect(sent[0]).toContainEqual({ field: "friction_weights.wait", value: -1 });
    expect(sent[0]).toContainEqual({ field: "service_desired_wait_minutes", value: null });
    expect(settingsDraft(defaultSettings()).every((v) => typeof v.value === "number")).toBe(true);
    expect(problems.get("friction_weights.wait")).toBe("must be a number from 0 to 100");
    expect(problems.get("emotion_weights")).toMatch(/at least one/);
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
