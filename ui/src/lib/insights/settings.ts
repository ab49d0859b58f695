// The scoring settings dialog's model: the settings as the document holds
// them (doc/settings.ts) and the checks the dialog shows before saving.

import { FIELDS, fieldId, getField, type ScoringSettings } from "../doc/settings";

export {
  FIELDS,
  defaultSettings,
  fieldId,
  getField,
  readSettings,
  withField,
  writeSettings,
  type FieldRef,
  type ScoringSettings,
} from "../doc/settings";

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
