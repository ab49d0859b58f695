// The scoring settings dialog's model: the settings as the document holds
// them (doc/settings.ts) and their checks, which are Rust's
// (`waymark_core::settings_check`, the `check_settings` command): the
// dialog sends what is typed and shows the answer.

import type { Backend } from "../backend/backend";
import type { SettingValue } from "../backend/types";
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

/** The settings as the checks take them: by field id, not a number as null. */
export function settingsDraft(s: ScoringSettings): SettingValue[] {
  return FIELDS.map((f) => {
    const v = getField(s, f);
    return { field: fieldId(f), value: Number.isFinite(v) ? v : null };
  });
}

/** Problems by field id ("friction_weights.wait") or group
 * ("emotion_weights"), as the backend words them; empty when valid. */
export async function validateSettings(
  backend: Pick<Backend, "checkSettings">,
  s: ScoringSettings,
): Promise<Map<string, string>> {
  const problems = await backend.checkSettings(settingsDraft(s));
  return new Map(problems.map((p) => [p.field, p.message]));
}
