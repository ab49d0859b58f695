//! The `.waymark` file: the whole journey as JSON, versioned and lossless.
//!
//! ```json
//! { "format": "waymark", "version": 1, "map": { "title": ..., "stages": [...], ... } }
//! ```
//! Version 2 adds the map's survey waves with their raw answers (issue 17):
//! `"waves": [{"label", "date", "answers": [...]}]`. Version 3 is written
//! since raw answers left the map's document: every raw answer is in a wave
//! (none under `map.responses`), and the map's per-wave statistics
//! (`map.evidence`) are left out where the waves carry their answers, as
//! importing makes them again. A map without waves or statistics is still
//! written as version 1, which every Waymark reads; versions 1 and 2 import
//! (their `map.responses` join the waves that hold them, the others a wave
//! of their own).
//! Export → import → export gives byte-identical text: collections are written
//! in canonical order, optional inputs that are absent are left out, and ids and
//! order keys are kept.

use serde::{Deserialize, Serialize};

use super::ImportError;
use crate::model::{Journey, SurveyResponse};
use crate::validate::{describe, validate};

pub const FORMAT: &str = "waymark";
/// The newest file version this build reads and the one it writes for a
/// map with survey waves.
pub const VERSION: u32 = 3;
/// The version written for a map without waves.
pub const VERSION_WITHOUT_WAVES: u32 = 1;

/// A survey wave as a `.waymark` file carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaveFile {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub answers: Vec<SurveyResponse>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    map: &'a Journey,
    #[serde(skip_serializing_if = "<[WaveFile]>::is_empty")]
    waves: &'a [WaveFile],
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    map: Journey,
    #[serde(default)]
    waves: Vec<WaveFile>,
}

/// The journey as `.waymark` text (pretty JSON, ending in a newline).
pub fn to_string(journey: &Journey) -> String {
    to_string_with_waves(journey, &[])
}

/// The journey and its survey waves as `.waymark` text: version 3 when there
/// are waves or statistics, else version 1.
pub fn to_string_with_waves(journey: &Journey, waves: &[WaveFile]) -> String {
    let mut j = journey.clone();
    if !waves.is_empty() {
        // Made again from the waves' answers on import.
        let carried: std::collections::HashSet<&str> =
            waves.iter().map(|w| w.label.as_str()).collect();
        j.evidence.retain(|e| !carried.contains(e.wave.as_str()));
    }
    j.normalize();
    let mut s = serde_json::to_string_pretty(&FileOut {
        format: FORMAT,
        version: if waves.is_empty() && j.evidence.is_empty() {
            VERSION_WITHOUT_WAVES
        } else {
            VERSION
        },
        map: &j,
        waves,
    })
    .expect("journey serializes");
    s.push('\n');
    s
}

/// Reads and validates a `.waymark` file. Lists are counted while they are
/// read ([`crate::limits`]), so an oversized file stops at its first item
/// over a limit, with its line and column.
pub fn from_str(file: &str, content: &str) -> Result<Journey, ImportError> {
    from_str_with_waves(file, content).map(|(journey, _)| journey)
}

/// [`from_str`] with the file's survey waves (none in a version 1 file),
/// each answer checked against the map like the map's own answers.
pub fn from_str_with_waves(
    file: &str,
    content: &str,
) -> Result<(Journey, Vec<WaveFile>), ImportError> {
    let content = super::strip_bom(content);
    super::check_size(file, content)?;
    let json_err = |e: serde_json::Error| {
        let line = (e.line() > 0).then_some(e.line());
        let col = (e.column() > 0).then_some(e.column());
        ImportError::new(
            file,
            line,
            col,
            e.to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        )
    };
    let header: Header = serde_json::from_str(content).map_err(|e| {
        let mut err = json_err(e);
        err.message = format!("not a .waymark file (invalid JSON: {})", err.message);
        err
    })?;
    match header.format.as_ref().and_then(|v| v.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(ImportError::new(
                file,
                None,
                None,
                format!("not a .waymark file (format is {other:?}, expected \"waymark\")"),
            ))
        }
        None => {
            return Err(ImportError::new(
                file,
                None,
                None,
                "not a .waymark file (no \"format\": \"waymark\" field)",
            ))
        }
    }
    let version = header.version.as_ref().and_then(|v| v.as_u64());
    match version {
        Some(v) if v >= 1 && v <= VERSION as u64 => {}
        Some(v) if v > VERSION as u64 => {
            return Err(ImportError::new(
                file,
                None,
                None,
                format!("written by a newer Waymark (file version {v}; this one reads up to {VERSION}): update Waymark to open it"),
            ))
        }
        _ => {
            return Err(ImportError::new(
                file,
                None,
                None,
                "the \"version\" field must be a whole number from 1",
            ))
        }
    }
    // With the field's path, and serde's words made the user's
    // ("touchpoints[3].inputs.steps: must be a whole number of 0 or more").
    let mut reader = serde_json::Deserializer::from_str(content);
    let parsed: FileIn = serde_path_to_error::deserialize(&mut reader).map_err(|e| {
        let at = super::plain::place(&e.path().to_string());
        let mut err = json_err(e.into_inner());
        err.message = super::plain::plain(&err.message);
        if let Some(at) = at {
            err.message = format!("{at}: {}", err.message);
        }
        err
    })?;
    reader.end().map_err(json_err)?;
    let waves = parsed.waves;
    let mut journey = parsed.map;
    crate::limits::check_journey(&journey).map_err(|e| ImportError::new(file, None, None, e))?;
    let problems = validate(&journey);
    if !problems.is_empty() {
        return Err(ImportError::new(
            file,
            None,
            None,
            format!("invalid map: {}", describe(&problems, 10)),
        ));
    }
    check_waves(file, &journey, &waves)?;
    journey.normalize();
    Ok((journey, waves))
}

/// Each wave's label is new and non-empty and its answers are valid answers
/// of this map (the map's own validation, on the map holding them).
fn check_waves(file: &str, journey: &Journey, waves: &[WaveFile]) -> Result<(), ImportError> {
    let mut labels = std::collections::HashSet::new();
    for w in waves {
        let at = |message: String| ImportError::new(file, None, None, message);
        if w.label.trim().is_empty() || !labels.insert(w.label.as_str()) {
            return Err(at(format!(
                "survey wave {:?}: a wave needs a label of its own",
                w.label
            )));
        }
        let mut with = Journey {
            responses: w.answers.clone(),
            ..Journey::new("")
        };
        with.stages = journey.stages.clone();
        with.lanes = journey.lanes.clone();
        with.touchpoints = journey.touchpoints.clone();
        let problems: Vec<_> = validate(&with)
            .into_iter()
            .filter(|p| p.path.starts_with("responses"))
            .collect();
        if !problems.is_empty() {
            return Err(at(format!(
                "survey wave {:?}: invalid answers: {}",
                w.label,
                describe(&problems, 10)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits;

    fn sample() -> String {
        to_string(&crate::templates::load("bank-lost-card").expect("template"))
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let plain = sample();
        let text = format!("\u{feff}{plain}");
        let j = from_str("bom.waymark", &text).unwrap();
        assert_eq!(to_string(&j), plain);
        assert!(crate::formats::import(
            "bom.waymark",
            &text,
            crate::formats::ImportFormat::Waymark
        )
        .is_ok());
    }

    #[test]
    fn too_many_stages_stop_the_read_at_the_first_one_over() {
        let stage = |i: usize| {
            format!(
                r#"{{"id":"{}","order":"V","name":"S{i}"}}"#,
                uuid::Uuid::from_u128(i as u128 + 1)
            )
        };
        let stages: Vec<String> = (0..limits::STAGES.max + 5).map(stage).collect();
        let text = format!(
            "{{\"format\":\"waymark\",\"version\":1,\"map\":{{\"title\":\"T\",\n\"stages\":[{}]}}}}",
            stages.join(",\n")
        );
        let e = from_str("big.waymark", &text).unwrap_err();
        assert!(
            e.message.contains("more than the limit of 500 stages"),
            "{e}"
        );
        // Stage 501 is on line 502; the JSON reader reports the position
        // just after it, the start of the next line.
        let line = e.line.unwrap();
        assert!((502..=503).contains(&line), "{e}");
    }

    #[test]
    fn a_huge_title_or_file_is_refused_with_the_limit() {
        let mut j = crate::Journey::new("x");
        j.title = "t".repeat(limits::TEXT_BYTES.max + 1);
        let e = from_str("long.waymark", &to_string(&j)).unwrap_err();
        assert!(e.message.starts_with("title: one title"), "{e}");
        let pad = " ".repeat(limits::MAP_FILE_BYTES.max);
        let e = from_str("fat.waymark", &format!("{}{pad}", sample())).unwrap_err();
        assert!(
            e.message.contains("more than the limit of 33,554,432"),
            "{e}"
        );
    }
}
