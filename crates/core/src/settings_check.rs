//! The scoring settings dialog's checks, in the user's words: each value in
//! its range ([`crate::schema::SETTINGS`]) and each score with some weight.
//! The dialog sends what is typed (`check_settings` in the command table)
//! and shows the answer; nothing is written while a problem stands.

use serde::{Deserialize, Serialize};

use crate::schema::{Range, SETTINGS};

/// One setting as typed: its id (`"friction_weights.wait"`, or the key alone
/// for a setting outside a group) and its value (`null`: not a number).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SettingValue {
    pub field: String,
    pub value: Option<f64>,
}

/// What is wrong with a setting, or with a group (`"friction_weights"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SettingProblem {
    pub field: String,
    pub message: String,
}

/// The groups whose weights share a score: at least one must count.
const WEIGHTED: [(&str, &str); 2] = [
    ("friction_weights", "friction"),
    ("emotion_weights", "emotion"),
];

/// What is wrong with `v` for a field of range `r` (`None`: nothing).
pub fn range_problem(r: Range, v: Option<f64>) -> Option<String> {
    let v = match v {
        Some(v) if v.is_finite() => v,
        _ => return Some("enter a number".into()),
    };
    if v < r.min || v > r.max {
        let kind = if r.integer {
            "a whole number"
        } else {
            "a number"
        };
        Some(format!("must be {kind} from {} to {}", r.min, r.max))
    } else if r.integer && v.fract() != 0.0 {
        Some("must be a whole number".into())
    } else {
        None
    }
}

/// The problems of `values`, each setting's first; the weight rule is
/// checked once every value is in range. A setting missing from `values`
/// is not a number; an unknown id is named as such.
pub fn check_settings(values: &[SettingValue]) -> Vec<SettingProblem> {
    let value = |id: &str| values.iter().find(|v| v.field == id).and_then(|v| v.value);
    let mut out: Vec<SettingProblem> = values
        .iter()
        .filter(|v| !SETTINGS.iter().any(|f| id(f.group, f.key) == v.field))
        .map(|v| SettingProblem {
            field: v.field.clone(),
            message: "is not a scoring setting".into(),
        })
        .collect();
    for f in &SETTINGS {
        let field = id(f.group, f.key);
        if let Some(message) = range_problem(f.range, value(&field)) {
            out.push(SettingProblem { field, message });
        }
    }
    if out.is_empty() {
        for (group, score) in WEIGHTED {
            let sum: f64 = SETTINGS
                .iter()
                .filter(|f| f.group == Some(group))
                .filter_map(|f| value(&id(f.group, f.key)))
                .sum();
            if sum <= 0.0 {
                out.push(SettingProblem {
                    field: group.into(),
                    message: format!("at least one {score} weight must be above 0"),
                });
            }
        }
    }
    out
}

/// A setting's id: `group.key`, or the key alone.
fn id(group: Option<&str>, key: &str) -> String {
    group.map_or_else(|| key.to_string(), |g| format!("{g}.{key}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Settings;

    fn defaults() -> Vec<SettingValue> {
        Settings::default()
            .numbers()
            .iter()
            .map(|(g, k, v)| SettingValue {
                field: id(*g, k),
                value: Some(*v),
            })
            .collect()
    }

    fn with(mut vs: Vec<SettingValue>, field: &str, value: Option<f64>) -> Vec<SettingValue> {
        vs.iter_mut()
            .find(|v| v.field == field)
            .expect("a setting")
            .value = value;
        vs
    }

    fn messages(vs: &[SettingValue]) -> Vec<(String, String)> {
        check_settings(vs)
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect()
    }

    #[test]
    fn the_defaults_pass() {
        assert_eq!(messages(&defaults()), []);
    }

    #[test]
    fn ranges_whole_numbers_and_not_a_number_are_named_by_field() {
        let m = |f: &str, v: Option<f64>| messages(&with(defaults(), f, v));
        assert_eq!(
            m("friction_weights.wait", Some(-1.0)),
            [(
                "friction_weights.wait".into(),
                "must be a number from 0 to 100".into()
            )]
        );
        assert_eq!(
            m("thresholds.min_responses", Some(2.5)),
            [(
                "thresholds.min_responses".into(),
                "must be a whole number".into()
            )]
        );
        assert_eq!(
            m("thresholds.min_responses", Some(-3.0)),
            [(
                "thresholds.min_responses".into(),
                "must be a whole number from 0 to 1000000".into()
            )]
        );
        assert_eq!(
            m("thresholds.pain_negative_comment_share", Some(1.5)).len(),
            1
        );
        assert_eq!(
            m("service_desired_wait_minutes", None),
            [(
                "service_desired_wait_minutes".into(),
                "enter a number".into()
            )]
        );
        assert_eq!(
            m("service_desired_wait_minutes", Some(f64::INFINITY))[0].1,
            "enter a number"
        );
    }

    #[test]
    fn each_score_needs_some_weight_once_the_values_are_in_range() {
        let mut none = defaults();
        for k in ["survey", "sentiment", "designer"] {
            none = with(none, &format!("emotion_weights.{k}"), Some(0.0));
        }
        assert_eq!(
            messages(&none),
            [(
                "emotion_weights".into(),
                "at least one emotion weight must be above 0".into()
            )]
        );
        // A value out of range is said first, alone.
        let both = with(none, "friction_weights.wait", Some(-1.0));
        assert_eq!(messages(&both)[0].0, "friction_weights.wait");
        assert_eq!(messages(&both).len(), 1);
    }

    #[test]
    fn missing_and_unknown_settings_are_named() {
        let mut vs = defaults();
        vs.retain(|v| v.field != "thresholds.pain_friction");
        vs.push(SettingValue {
            field: "thresholds.nope".into(),
            value: Some(1.0),
        });
        assert_eq!(
            messages(&vs),
            [
                ("thresholds.nope".into(), "is not a scoring setting".into()),
                ("thresholds.pain_friction".into(), "enter a number".into())
            ]
        );
    }
}
