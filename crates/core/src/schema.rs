//! The fields people type numbers into, with their ranges: a touchpoint's
//! scoring inputs and the map's scoring settings. [`crate::validate`]
//! checks these ranges, [`crate::repair`] clamps to them, and the UI reads
//! them (with the lane, note, nature, evidence and channel kinds and
//! `Settings::default()`) from
//! `ui/src/lib/generated/schema.ts`, which [`typescript`] writes.

use std::fmt::Write;

use crate::model::{AnnotationKind, Evidence, LaneKind, Nature, Settings};

/// What a field accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    /// Whole numbers only.
    pub integer: bool,
}

impl Range {
    pub fn contains(self, v: f64) -> bool {
        v.is_finite() && v >= self.min && v <= self.max && (!self.integer || v.fract() == 0.0)
    }

    /// What is wrong with `found` for the field `name`, in the user's words:
    /// "emotion must be a whole number from -2 to 2, not 1.5".
    pub fn refusal(self, name: &str, found: impl std::fmt::Display) -> String {
        let kind = if self.integer {
            "a whole number"
        } else {
            "a number"
        };
        format!(
            "{name} must be {kind} from {} to {}, not {found}",
            self.min, self.max
        )
    }

    /// `v` brought into the range (`fallback` when it is not a number).
    pub fn clamp(self, v: f64, fallback: f64) -> f64 {
        if !v.is_finite() {
            return fallback;
        }
        let v = v.clamp(self.min, self.max);
        if self.integer {
            v.round()
        } else {
            v
        }
    }
}

/// One numeric field: its key in the document, what the UI calls it, its range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// For settings: the group in `meta.settings` (`None`: the field is
    /// directly in `meta.settings`). Inputs have no group.
    pub group: Option<&'static str>,
    pub key: &'static str,
    pub label: &'static str,
    pub range: Range,
    /// A hint shown next to the field.
    pub help: Option<&'static str>,
}

/// Counts of things (steps, transfers): a sanity bound, not a business rule.
const COUNT: Range = Range {
    min: 0.0,
    max: 1_000_000.0,
    integer: true,
};
/// Durations in minutes.
const MINUTES: Range = Range {
    min: 0.0,
    max: 1e9,
    integer: false,
};
/// Shares, 0..1.
const SHARE: Range = Range {
    min: 0.0,
    max: 1.0,
    integer: false,
};
/// Scoring weights (relative to the other weights of the same score).
const WEIGHT: Range = Range {
    min: 0.0,
    max: 100.0,
    integer: false,
};
/// The largest whole number a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

const fn input(key: &'static str, label: &'static str, range: Range) -> Field {
    Field {
        group: None,
        key,
        label,
        range,
        help: None,
    }
}

const fn setting(
    group: Option<&'static str>,
    key: &'static str,
    label: &'static str,
    range: Range,
) -> Field {
    Field {
        group,
        key,
        label,
        range,
        help: None,
    }
}

/// A touchpoint's scoring inputs (`TouchpointInputs`), in the inspector's order.
pub const INPUTS: [Field; 13] = [
    input(
        "emotion",
        "Emotion",
        Range {
            min: -2.0,
            max: 2.0,
            integer: true,
        },
    ),
    input(
        "friction",
        "Friction",
        Range {
            min: 0.0,
            max: 4.0,
            integer: true,
        },
    ),
    input("steps", "Steps", COUNT),
    input("expected_steps", "Expected steps", COUNT),
    input("transfers", "Transfers", COUNT),
    input("channel_switches", "Channel switches", COUNT),
    input("wait_minutes", "Wait (min)", MINUTES),
    input("wait_desired_minutes", "Desired wait (min)", MINUTES),
    input("wait_adequate_minutes", "Adequate wait (min)", MINUTES),
    input("fcr_rate", "First-contact resolution", SHARE),
    input("error_rate", "Error / drop-off rate", SHARE),
    input("aht_minutes", "Handle time (min)", MINUTES),
    input(
        "reach",
        "Reach / month",
        Range {
            min: 0.0,
            max: MAX_SAFE_INTEGER,
            integer: true,
        },
    ),
];

const FW: Option<&str> = Some("friction_weights");
const EW: Option<&str> = Some("emotion_weights");
const TH: Option<&str> = Some("thresholds");

/// The scoring settings (`Settings`), in the settings dialog's order.
pub const SETTINGS: [Field; 14] = [
    setting(FW, "survey_effort", "Survey effort (CES)", WEIGHT),
    setting(FW, "repeat_contact", "Repeat contact (1 − FCR)", WEIGHT),
    setting(FW, "handoffs", "Hand-offs", WEIGHT),
    setting(FW, "wait", "Wait", WEIGHT),
    setting(FW, "errors", "Errors / drop-off", WEIGHT),
    setting(FW, "extra_steps", "Extra steps", WEIGHT),
    setting(EW, "survey", "Survey answers (CSAT, emotion)", WEIGHT),
    setting(EW, "sentiment", "Comment sentiment", WEIGHT),
    setting(EW, "designer", "Designer's rating", WEIGHT),
    setting(
        TH,
        "pain_friction",
        "Pain point at friction ≥",
        Range {
            min: 0.0,
            max: 100.0,
            integer: false,
        },
    ),
    setting(
        TH,
        "pain_emotion",
        "… or emotion ≤",
        Range {
            min: -100.0,
            max: 100.0,
            integer: false,
        },
    ),
    Field {
        help: Some("0–1"),
        ..setting(
            TH,
            "pain_negative_comment_share",
            "… or negative comments share ≥",
            SHARE,
        )
    },
    setting(TH, "min_responses", "Low confidence under (answers)", COUNT),
    setting(
        None,
        "service_desired_wait_minutes",
        "Desired wait at service touchpoints (min)",
        MINUTES,
    ),
];

/// The input fields' keys, in [`INPUTS`]' order: the columns the CSV export
/// and the derived `touchpoints` table end with.
pub const INPUT_KEYS: [&str; INPUTS.len()] = {
    let mut keys = [""; INPUTS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = INPUTS[i].key;
        i += 1;
    }
    keys
};

/// `head` then `tail`, at compile time (`N` must be their lengths' sum): a
/// column list that ends with [`INPUT_KEYS`] without repeating them.
pub const fn columns<const H: usize, const T: usize, const N: usize>(
    head: [&'static str; H],
    tail: [&'static str; T],
) -> [&'static str; N] {
    assert!(H + T == N, "N must be the two lists' lengths together");
    let mut out = [""; N];
    let mut i = 0;
    while i < H {
        out[i] = head[i];
        i += 1;
    }
    while i < N {
        out[i] = tail[i - H];
        i += 1;
    }
    out
}

/// The range of touchpoint input `key`.
///
/// # Panics
/// When `key` is not an input: a typo in Waymark, caught by its tests.
pub fn input_range(key: &str) -> Range {
    INPUTS
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("{key} is not a touchpoint input"))
        .range
}

/// The range of setting `key` in `group` (`None`: directly in `settings`).
///
/// # Panics
/// When there is no such setting: a typo in Waymark, caught by its tests.
pub fn setting_range(group: Option<&str>, key: &str) -> Range {
    SETTINGS
        .iter()
        .find(|f| f.group == group && f.key == key)
        .unwrap_or_else(|| panic!("{group:?}.{key} is not a setting"))
        .range
}

fn js_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn js_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// The field as a TypeScript object literal; `with_key` for a list (an
/// object keyed by field has the key already).
fn field_ts(f: &Field, with_key: bool) -> String {
    let mut o = String::from("{ ");
    if let Some(g) = f.group {
        let _ = write!(o, "group: {}, ", js_string(g));
    }
    if with_key {
        let _ = write!(o, "key: {}, ", js_string(f.key));
    }
    let _ = write!(
        o,
        "label: {}, min: {}, max: {}, integer: {}",
        js_string(f.label),
        js_number(f.range.min),
        js_number(f.range.max),
        f.range.integer
    );
    if let Some(h) = f.help {
        let _ = write!(o, ", help: {}", js_string(h));
    }
    o.push_str(" }");
    o
}

fn string_list(items: impl IntoIterator<Item = &'static str>) -> String {
    let items: Vec<String> = items
        .into_iter()
        .map(|s| format!("  {},", js_string(s)))
        .collect();
    format!("[\n{}\n]", items.join("\n"))
}

/// `ui/src/lib/generated/schema.ts`: the lane and note kinds, the inputs and
/// settings with their ranges, and `Settings::default()`.
pub fn typescript() -> String {
    let mut o = String::new();
    o.push_str(
        "// Generated from crates/core/src/schema.rs by its test `typescript_schema_is_current`:\n\
         // do not edit. After changing the Rust side, rewrite it with\n\
         // `WAYMARK_BLESS=1 cargo test -p waymark-core --lib schema`.\n\n",
    );
    let _ = writeln!(
        o,
        "/** What a lane holds (`LaneKind`). */\nexport const LANE_KINDS = {} as const;\n",
        string_list(LaneKind::ALL.iter().map(|k| k.as_str()))
    );
    let notes = [
        AnnotationKind::PainPoint,
        AnnotationKind::Idea,
        AnnotationKind::Question,
        AnnotationKind::Evidence,
    ];
    let _ = writeln!(
        o,
        "/** What a note is (`AnnotationKind`). */\nexport const ANNOTATION_KINDS = {} as const;\n",
        string_list(notes.iter().map(|k| k.as_str()))
    );
    let _ = writeln!(
        o,
        "/** Service or experience (`Nature`). */\nexport const NATURES = {} as const;\n",
        string_list([Nature::Service, Nature::Experience].map(Nature::as_str))
    );
    let _ = writeln!(
        o,
        "/** How much we know a touchpoint is real (`Evidence`). */\nexport const EVIDENCE = {} as const;\n",
        string_list(
            [Evidence::Observed, Evidence::Assumed, Evidence::Proposed].map(Evidence::as_str)
        )
    );
    let _ = writeln!(
        o,
        "/** The longest title or name, in characters (`limits::TITLE_CHARS`). */\nexport const TITLE_CHARS = {};\n",
        crate::limits::TITLE_CHARS
    );
    let _ = writeln!(
        o,
        "/** The longest description, in characters (`limits::DESCRIPTION_CHARS`). */\nexport const DESCRIPTION_CHARS = {};\n",
        crate::limits::DESCRIPTION_CHARS
    );
    o.push_str("/** A touchpoint's scoring inputs with their ranges (`schema::INPUTS`). */\n");
    o.push_str("export const INPUTS = {\n");
    for f in &INPUTS {
        let _ = writeln!(o, "  {}: {},", f.key, field_ts(f, false));
    }
    o.push_str("} as const;\n\n");
    o.push_str("/** The scoring settings with their ranges (`schema::SETTINGS`). */\n");
    o.push_str("export const SETTING_FIELDS: readonly SettingField[] = [\n");
    for f in &SETTINGS {
        let _ = writeln!(o, "  {},", field_ts(f, true));
    }
    o.push_str("];\n\n");
    o.push_str(
        "export interface SettingField {\n  group?: \"friction_weights\" | \"emotion_weights\" | \"thresholds\";\n  key: string;\n  label: string;\n  min: number;\n  max: number;\n  integer: boolean;\n  help?: string;\n}\n\n",
    );
    o.push_str("/** The KPIs a target can be set on, with their ranges (`targets::Kpi`). */\n");
    o.push_str("export const TARGET_KPIS = {\n");
    for k in crate::targets::Kpi::ALL {
        let r = k.range();
        let _ = writeln!(
            o,
            "  {}: {{ label: {}, min: {}, max: {}, higherIsBetter: {} }},",
            k.as_str(),
            js_string(k.label()),
            js_number(r.min),
            js_number(r.max),
            k.higher_is_better()
        );
    }
    o.push_str("} as const;\n\n");
    let defaults = serde_json::to_string_pretty(&Settings::default()).expect("settings serialize");
    let _ = writeln!(
        o,
        "/** `waymark_core::Settings::default()`. */\nexport const DEFAULT_SETTINGS = {};\n",
        defaults
    );
    o.push_str("export type ScoringSettings = typeof DEFAULT_SETTINGS;\n\n");
    o.push_str(&crate::channels::typescript());
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescript_schema_is_current() {
        crate::generated::check_or_bless("ui/src/lib/generated/schema.ts", &typescript());
    }

    #[test]
    fn every_input_and_setting_is_in_the_table() {
        for key in [
            "emotion",
            "friction",
            "steps",
            "expected_steps",
            "transfers",
            "channel_switches",
            "wait_minutes",
            "wait_desired_minutes",
            "wait_adequate_minutes",
            "fcr_rate",
            "error_rate",
            "aht_minutes",
            "reach",
        ] {
            input_range(key);
        }
        // The table names exactly the fields of the serialized types.
        let inputs = serde_json::to_value(crate::model::TouchpointInputs {
            emotion: Some(0),
            friction: Some(0),
            steps: Some(0),
            expected_steps: Some(0),
            transfers: Some(0),
            channel_switches: Some(0),
            wait_minutes: Some(0.0),
            wait_desired_minutes: Some(0.0),
            wait_adequate_minutes: Some(0.0),
            fcr_rate: Some(0.0),
            error_rate: Some(0.0),
            aht_minutes: Some(0.0),
            reach: Some(0),
        })
        .unwrap();
        let keys: Vec<&str> = inputs
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut table: Vec<&str> = INPUTS.iter().map(|f| f.key).collect();
        table.sort_unstable();
        assert_eq!(keys, table);
        let settings = serde_json::to_value(Settings::default()).unwrap();
        let mut named = Vec::new();
        for (k, v) in settings.as_object().unwrap() {
            match v.as_object() {
                Some(group) => named.extend(group.keys().map(|g| format!("{k}.{g}"))),
                None => named.push(k.clone()),
            }
        }
        let mut table: Vec<String> = SETTINGS
            .iter()
            .map(|f| {
                f.group
                    .map_or(f.key.to_string(), |g| format!("{g}.{}", f.key))
            })
            .collect();
        named.sort();
        table.sort();
        assert_eq!(named, table);
        // The defaults are in range.
        for f in &SETTINGS {
            let v = &settings[f.group.unwrap_or_default()];
            let v = if f.group.is_some() {
                &v[f.key]
            } else {
                &settings[f.key]
            };
            assert!(f.range.contains(v.as_f64().unwrap()), "{}", f.key);
        }
    }

    /// validate refuses and repair clamps at the table's bounds (the same
    /// bounds the UI's inspector and settings dialog enforce).
    #[test]
    fn validate_and_repair_use_the_table() {
        use crate::model::{Journey, Lane, Stage, Touchpoint, TouchpointInputs};
        let mut j = Journey::new("Ranges");
        let (s, l) = (crate::Id::from_u128(1), crate::Id::from_u128(2));
        j.stages.push(Stage {
            id: s,
            order: "V".into(),
            name: "S".into(),
            ..Stage::default()
        });
        j.lanes.push(Lane {
            id: l,
            order: "V".into(),
            name: "L".into(),
            ..Lane::default()
        });
        j.touchpoints.push(Touchpoint {
            id: crate::Id::from_u128(3),
            stage: s,
            lane: l,
            order: "V".into(),
            title: "T".into(),
            inputs: TouchpointInputs {
                steps: Some(2_000_000),
                wait_minutes: Some(2e9),
                ..TouchpointInputs::default()
            },
            ..Touchpoint::default()
        });
        j.settings.friction_weights.wait = 500.0;
        j.settings.thresholds.min_responses = 5_000_000;
        let problems: Vec<String> = crate::validate(&j).iter().map(|p| p.path.clone()).collect();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.ends_with("inputs.steps")));
        assert!(problems.contains(&"settings.friction_weights.wait".to_string()));
        let fixed = crate::repair::repair(&mut j);
        assert_eq!(fixed.len(), 4, "{fixed:?}");
        assert!(crate::validate(&j).is_empty());
        assert_eq!(j.touchpoints[0].inputs.steps, Some(1_000_000));
        assert_eq!(j.touchpoints[0].inputs.wait_minutes, Some(1e9));
        assert_eq!(j.settings.friction_weights.wait, 100.0);
        assert_eq!(j.settings.thresholds.min_responses, 1_000_000);
    }

    #[test]
    fn ranges_contain_and_clamp() {
        let r = input_range("friction");
        assert!(r.contains(4.0) && !r.contains(4.5) && !r.contains(5.0) && !r.contains(f64::NAN));
        assert_eq!(r.clamp(9.0, 0.0), 4.0);
        assert_eq!(input_range("fcr_rate").clamp(f64::INFINITY, 0.5), 0.5);
    }
}
