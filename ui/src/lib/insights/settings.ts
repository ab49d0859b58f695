// The map's scoring settings (`meta.settings`, `waymark_core::Settings`):
// read, validated and written back as one undoable step.

import * as Y from "yjs";
import { LOCAL } from "../doc/journey";

export interface ScoringSettings {
  friction_weights: {
    survey_effort: number;
    repeat_contact: number;
    handoffs: number;
    wait: number;
    errors: number;
    extra_steps: number;
  };
  emotion_weights: { survey: number; sentiment: number; designer: number };
  thresholds: {
    pain_friction: number;
    pain_emotion: number;
    pain_negative_comment_share: number;
    min_responses: number;
  };
  service_desired_wait_minutes: number;
}

/** The defaults of `waymark_core::Settings`. */
export function defaultSettings(): ScoringSettings {
  return {
    friction_weights: {
      survey_effort: 0.3,
      repeat_contact: 0.2,
      handoffs: 0.15,
      wait: 0.15,
      errors: 0.15,
      extra_steps: 0.05,
    },
    emotion_weights: { survey: 0.5, sentiment: 0.3, designer: 0.2 },
    thresholds: {
      pain_friction: 60,
      pain_emotion: -20,
      pain_negative_comment_share: 0.5,
      min_responses: 30,
    },
    service_desired_wait_minutes: 10,
  };
}

type Group = "friction_weights" | "emotion_weights" | "thresholds";

/** Every setting the dialog shows: where it lives, its label and its range. */
export const FIELDS: {
  group: Group | null;
  key: string;
  label: string;
  min: number;
  max: number;
  integer?: boolean;
  help?: string;
}[] = [
  {
    group: "friction_weights",
    key: "survey_effort",
    label: "Survey effort (CES)",
    min: 0,
    max: 100,
  },
  {
    group: "friction_weights",
    key: "repeat_contact",
    label: "Repeat contact (1 − FCR)",
    min: 0,
    max: 100,
  },
  { group: "friction_weights", key: "handoffs", label: "Hand-offs", min: 0, max: 100 },
  { group: "friction_weights", key: "wait", label: "Wait", min: 0, max: 100 },
  { group: "friction_weights", key: "errors", label: "Errors / drop-off", min: 0, max: 100 },
  { group: "friction_weights", key: "extra_steps", label: "Extra steps", min: 0, max: 100 },
  {
    group: "emotion_weights",
    key: "survey",
    label: "Survey answers (CSAT, emotion)",
    min: 0,
    max: 100,
  },
  { group: "emotion_weights", key: "sentiment", label: "Comment sentiment", min: 0, max: 100 },
  { group: "emotion_weights", key: "designer", label: "Designer's rating", min: 0, max: 100 },
  {
    group: "thresholds",
    key: "pain_friction",
    label: "Pain point at friction ≥",
    min: 0,
    max: 100,
  },
  {
    group: "thresholds",
    key: "pain_emotion",
    label: "… or emotion ≤",
    min: -100,
    max: 100,
  },
  {
    group: "thresholds",
    key: "pain_negative_comment_share",
    label: "… or negative comments share ≥",
    min: 0,
    max: 1,
    help: "0–1",
  },
  {
    group: "thresholds",
    key: "min_responses",
    label: "Low confidence under (answers)",
    min: 0,
    max: 1_000_000,
    integer: true,
  },
  {
    group: null,
    key: "service_desired_wait_minutes",
    label: "Desired wait at service touchpoints (min)",
    min: 0,
    max: 1e9,
  },
];

export type FieldRef = (typeof FIELDS)[number];

export function fieldId(f: FieldRef): string {
  return f.group ? `${f.group}.${f.key}` : f.key;
}

export function getField(s: ScoringSettings, f: FieldRef): number {
  const holder = (f.group ? s[f.group] : s) as unknown as Record<string, number>;
  return holder[f.key] as number;
}

export function withField(s: ScoringSettings, f: FieldRef, value: number): ScoringSettings {
  const next = structuredClone(s);
  const holder = (f.group ? next[f.group] : next) as unknown as Record<string, number>;
  holder[f.key] = value;
  return next;
}

function num(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) ? v : fallback;
}

function plain(v: unknown): Record<string, unknown> {
  if (v instanceof Y.Map) return v.toJSON();
  return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
}

/** The settings in the document; anything missing or unreadable is the default. */
export function readSettings(doc: Y.Doc): ScoringSettings {
  const raw = plain(doc.getMap("meta").get("settings"));
  let s = defaultSettings();
  for (const f of FIELDS) {
    const holder = f.group ? plain(raw[f.group]) : raw;
    s = withField(s, f, num(holder[f.key], getField(s, f)));
  }
  return s;
}

/** Problems by field id ("friction_weights.wait"); empty when valid. */
export function validateSettings(s: ScoringSettings): Map<string, string> {
  const errors = new Map<string, string>();
  for (const f of FIELDS) {
    const v = getField(s, f);
    if (!Number.isFinite(v)) errors.set(fieldId(f), "enter a number");
    else if (v < f.min || v > f.max)
      errors.set(fieldId(f), `must be between ${f.min} and ${f.max}`);
    else if (f.integer && !Number.isInteger(v)) errors.set(fieldId(f), "must be a whole number");
  }
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  if (!errors.size && sum(s.friction_weights) <= 0)
    errors.set("friction_weights", "at least one friction weight must be above 0");
  if (!errors.size && sum(s.emotion_weights) <= 0)
    errors.set("emotion_weights", "at least one emotion weight must be above 0");
  return errors;
}

/** Writes the settings that differ, in one local (undoable) transaction.
 * Each group is a plain value inside the nested `meta.settings` Y.Map, as
 * the Rust side writes it. */
export function writeSettings(doc: Y.Doc, s: ScoringSettings): void {
  const current = readSettings(doc);
  doc.transact(() => {
    const meta = doc.getMap<unknown>("meta");
    let settings = meta.get("settings");
    if (!(settings instanceof Y.Map)) {
      settings = new Y.Map<unknown>();
      meta.set("settings", settings);
    }
    const m = settings as Y.Map<unknown>;
    for (const g of ["friction_weights", "emotion_weights", "thresholds"] as const) {
      if (JSON.stringify(current[g]) !== JSON.stringify(s[g]) || !m.has(g)) m.set(g, { ...s[g] });
    }
    if (
      current.service_desired_wait_minutes !== s.service_desired_wait_minutes ||
      !m.has("service_desired_wait_minutes")
    )
      m.set("service_desired_wait_minutes", s.service_desired_wait_minutes);
  }, LOCAL);
}
