// The map's scoring settings in the document (`meta.settings`,
// `waymark_core::Settings`): read, and written back as one undoable step.
// The dialog's checks are insights/settings.ts.

import * as Y from "yjs";
import { LOCAL } from "./entities";
import { DEFAULT_SETTINGS, SETTING_FIELDS, type ScoringSettings } from "../generated/schema";

export type { ScoringSettings };

/** The defaults of `waymark_core::Settings` (generated from Rust). */
export function defaultSettings(): ScoringSettings {
  return structuredClone(DEFAULT_SETTINGS);
}

/** Every setting the dialog shows: where it lives, its label and its range
 * (`waymark_core::schema::SETTINGS`, the ranges Rust validates). */
export const FIELDS = SETTING_FIELDS;

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
