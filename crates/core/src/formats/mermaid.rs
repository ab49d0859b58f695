//! Mermaid `journey` diagrams.
//!
//! Import: `title` becomes the journey title, each `section` a stage, each task
//! a touchpoint (in one "Touchpoints" lane), the 1–5 score the designer's
//! emotion rating −2..+2, and the actors personas. Export writes the same
//! shape back: every touchpoint under its stage's section, in map order.

use std::collections::HashMap;

use uuid::Uuid;

use super::ImportError;
use crate::limits::{self, Limit};
use crate::model::{Journey, Lane, LaneKind, Persona, Stage, Touchpoint};
use crate::order::spread;

/// A task as read: name, emotion rating, actor persona ids.
type Task = (String, i8, Vec<Uuid>);

/// Reads a Mermaid `journey` diagram. Sections, tasks, actors and the
/// length of every line and name are counted as they are read
/// ([`crate::limits`]): the first one over a limit stops the read, naming
/// its line.
pub fn from_str(file: &str, content: &str) -> Result<Journey, ImportError> {
    let content = super::strip_bom(content);
    super::check_size(file, content)?;
    let mut journey = Journey::new("");
    let mut seen_header = false;
    let mut persona_ids: HashMap<String, Uuid> = HashMap::new();
    // Stage names and their tasks, in file order.
    let mut sections: Vec<(String, Vec<Task>)> = Vec::new();
    let mut tasks = 0usize;
    // The line a front matter block opened on, while inside it.
    let mut front_matter: Option<usize> = None;
    for (i, raw) in content.lines().enumerate() {
        let line_no = i + 1;
        let err = |col: usize, msg: String| ImportError::new(file, Some(line_no), Some(col), msg);
        let line = raw.trim();
        if line == "---" && !seen_header {
            front_matter = match front_matter {
                Some(_) => None,
                None => Some(line_no),
            };
            continue;
        }
        if front_matter.is_some() || line.is_empty() || line.starts_with("%%") {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len() + 1;
        let bounded = |limit: Limit, count: usize| limit.check(count).map_err(|e| err(indent, e));
        // A line holds at most one name: bounding it bounds every text.
        if line.len() > limits::TEXT_BYTES.max {
            return Err(err(indent, limits::TEXT_BYTES.exceeded(line.len())));
        }
        if !seen_header {
            if line != "journey" {
                return Err(err(
                    indent,
                    format!("expected the diagram to start with `journey`, found {line:?}"),
                ));
            }
            seen_header = true;
            continue;
        }
        if let Some(rest) = keyword(line, "title") {
            journey.title = rest.to_string();
        } else if let Some(rest) = keyword(line, "section") {
            if rest.is_empty() {
                return Err(err(indent, "a section needs a name".into()));
            }
            bounded(limits::STAGES, sections.len() + 1)?;
            sections.push((rest.to_string(), Vec::new()));
        } else if keyword(line, "accTitle").is_some()
            || keyword(line, "accDescr").is_some()
            || line.starts_with("accTitle:")
            || line.starts_with("accDescr:")
        {
            continue;
        } else {
            let parts: Vec<&str> = line.splitn(3, ':').collect();
            if parts.len() < 2 {
                return Err(err(
                    indent,
                    format!("expected a task `Name: score: Actor, ...`, found {line:?}"),
                ));
            }
            let name = parts[0].trim();
            if name.is_empty() {
                return Err(err(indent, "a task needs a name before the `:`".into()));
            }
            let score_text = parts[1].trim();
            let score_col =
                indent + parts[0].len() + 1 + (parts[1].len() - parts[1].trim_start().len());
            let score: i64 = score_text.parse().map_err(|_| {
                err(
                    score_col,
                    format!("task score {score_text:?} is not a whole number 1-5"),
                )
            })?;
            if !(1..=5).contains(&score) {
                return Err(err(score_col, format!("task score {score} is outside 1-5")));
            }
            tasks += 1;
            bounded(limits::TOUCHPOINTS, tasks)?;
            let mut actors = Vec::new();
            if let Some(list) = parts.get(2) {
                for actor in list.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                    bounded(limits::LIST_ITEMS, actors.len() + 1)?;
                    if !persona_ids.contains_key(actor) {
                        bounded(limits::PERSONAS, persona_ids.len() + 1)?;
                    }
                    let next_order = persona_ids.len();
                    let id = *persona_ids.entry(actor.to_string()).or_insert_with(|| {
                        let id = Uuid::new_v4();
                        journey.personas.push(Persona {
                            id,
                            order: next_order.to_string(), // replaced below
                            name: actor.to_string(),
                            ..Persona::default()
                        });
                        id
                    });
                    if !actors.contains(&id) {
                        actors.push(id);
                    }
                }
            }
            if sections.is_empty() {
                sections.push(("Journey".to_string(), Vec::new()));
            }
            let last = sections.last_mut().expect("a section exists");
            last.1.push((name.to_string(), (score - 3) as i8, actors));
        }
    }
    if let Some(opened) = front_matter {
        return Err(ImportError::new(
            file,
            Some(opened),
            Some(1),
            "the front matter opened here is never closed: add a line `---` after it",
        ));
    }
    if !seen_header {
        return Err(ImportError::new(
            file,
            None,
            None,
            "empty file: expected a Mermaid `journey` diagram",
        ));
    }
    if journey.title.trim().is_empty() {
        journey.title = "Imported journey".to_string();
    }
    for (p, key) in journey.personas.iter_mut().zip(spread(persona_ids.len())) {
        p.order = key;
    }
    journey.primary_persona = journey.personas.first().map(|p| p.id);
    let lane = Lane {
        id: Uuid::new_v4(),
        order: spread(1).remove(0),
        name: "Touchpoints".into(),
        kind: LaneKind::Touchpoints,
    };
    for (name, tasks) in sections {
        let stage = Stage {
            id: Uuid::new_v4(),
            order: String::new(),
            name,
            ..Stage::default()
        };
        for ((title, emotion, personas), key) in tasks.iter().cloned().zip(spread(tasks.len())) {
            let mut tp = Touchpoint {
                id: Uuid::new_v4(),
                stage: stage.id,
                lane: lane.id,
                order: key,
                title,
                personas,
                ..Touchpoint::default()
            };
            tp.inputs.emotion = Some(emotion);
            journey.touchpoints.push(tp);
        }
        journey.stages.push(stage);
    }
    let stage_keys = spread(journey.stages.len());
    for (s, key) in journey.stages.iter_mut().zip(stage_keys) {
        s.order = key;
    }
    journey.lanes.push(lane);
    journey.normalize();
    let problems = crate::validate(&journey);
    if !problems.is_empty() {
        return Err(ImportError::new(
            file,
            None,
            None,
            crate::validate::describe(&problems, 5),
        ));
    }
    Ok(journey)
}

/// `rest` when `line` is `word` followed by whitespace (or nothing).
fn keyword<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(word)?;
    if rest.is_empty() {
        Some("")
    } else if rest.starts_with(char::is_whitespace) {
        Some(rest.trim())
    } else {
        None
    }
}

/// Mermaid gives `:` and `,` meaning and has no escape for them in journey
/// tasks; they are replaced so the diagram still parses.
fn clean(text: &str, also_comma: bool) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = one_line
        .replace(':', " -")
        .replace(';', ",")
        .replace('#', "No.");
    if also_comma {
        out = out.replace(',', " /");
    }
    out
}

/// The journey as a Mermaid `journey` diagram.
pub fn to_string(journey: &Journey) -> String {
    let mut j = journey.clone();
    j.normalize();
    let mut out = String::from("journey\n");
    out.push_str(&format!("    title {}\n", clean(&j.title, false)));
    let fallback_actor = j.main_persona().map(|p| clean(&p.name, true));
    for stage in &j.stages {
        out.push_str(&format!("    section {}\n", clean(&stage.name, false)));
        for tp in j.touchpoints.iter().filter(|t| t.stage == stage.id) {
            let score = tp.inputs.emotion.map(|e| e + 3).unwrap_or(3);
            let mut actors: Vec<String> = tp
                .personas
                .iter()
                .filter_map(|id| j.persona(*id))
                .map(|p| clean(&p.name, true))
                .collect();
            if actors.is_empty() {
                actors.extend(fallback_actor.clone());
            }
            let title = clean(&tp.title, false);
            if actors.is_empty() {
                out.push_str(&format!("      {title}: {score}\n"));
            } else {
                out.push_str(&format!("      {title}: {score}: {}\n", actors.join(", ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Go upstairs: 3: Me\n      Do work: 1: Me, Cat\n    section Go home\n      Go downstairs: 5: Me\n      Sit down: 5: Me\n";

    #[test]
    fn imports_sections_tasks_scores_and_actors() {
        let j = from_str("day.mmd", SAMPLE).unwrap();
        assert_eq!(j.title, "My working day");
        let stages: Vec<&str> = j.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(stages, ["Go to work", "Go home"]);
        let names: Vec<&str> = j.personas.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Me", "Cat"]);
        let titles: Vec<(&str, Option<i8>, usize)> = j
            .touchpoints
            .iter()
            .map(|t| (t.title.as_str(), t.inputs.emotion, t.personas.len()))
            .collect();
        assert_eq!(
            titles,
            [
                ("Make tea", Some(2), 1),
                ("Go upstairs", Some(0), 1),
                ("Do work", Some(-2), 2),
                ("Go downstairs", Some(2), 1),
                ("Sit down", Some(2), 1)
            ]
        );
        assert_eq!(j.touchpoints[0].stage, j.stages[0].id);
        assert_eq!(j.touchpoints[3].stage, j.stages[1].id);
    }

    #[test]
    fn export_import_export_is_stable() {
        let j = from_str("day.mmd", SAMPLE).unwrap();
        let out = to_string(&j);
        assert_eq!(out, SAMPLE);
        let again = to_string(&from_str("again.mmd", &out).unwrap());
        assert_eq!(again, out);
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = from_str(
            "bad.mmd",
            "journey\n  title T\n  section A\n    Task: 9: Me\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (Some(4), Some(11)));
        assert!(
            e.to_string()
                .starts_with("bad.mmd:4:11: task score 9 is outside 1-5"),
            "{e}"
        );
        let e = from_str("bad.mmd", "journey\n  section A\n    just words\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = from_str("bad.mmd", "flowchart LR\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = from_str("bad.mmd", "journey\n  section A\n    T: x: Me\n").unwrap_err();
        assert!(e.message.contains("not a whole number"), "{e}");
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let j = from_str("bom.mmd", &format!("\u{feff}{SAMPLE}")).unwrap();
        assert_eq!(to_string(&j), SAMPLE);
        let any = crate::formats::ImportFormat::detect("x", &format!("\u{feff}{SAMPLE}"));
        assert_eq!(any, crate::formats::ImportFormat::Mermaid);
    }

    #[test]
    fn unclosed_front_matter_says_so() {
        let e = from_str("fm.mmd", "---\ntitle: x\njourney\n  section A\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(1)));
        assert!(
            e.message
                .contains("front matter opened here is never closed"),
            "{e}"
        );
        let ok = from_str(
            "fm.mmd",
            "---\ntitle: x\n---\njourney\n  section A\n    T: 3\n",
        );
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn counts_stop_at_the_first_section_task_or_actor_over_the_limit() {
        let mut text = String::from("journey\n");
        for i in 0..100_000 {
            text.push_str(&format!("  section S{i}\n"));
        }
        let e = from_str("many.mmd", &text).unwrap_err();
        assert_eq!(e.line, Some(limits::STAGES.max + 2), "{e}");
        assert!(
            e.message.contains("more than the limit of 500 stages"),
            "{e}"
        );

        let actors: Vec<String> = (0..=limits::PERSONAS.max)
            .map(|i| format!("A{i}"))
            .collect();
        let mut text = String::from("journey\n  section S\n");
        for chunk in actors.chunks(100) {
            text.push_str(&format!("    T: 3: {}\n", chunk.join(", ")));
        }
        let e = from_str("actors.mmd", &text).unwrap_err();
        assert_eq!(e.line, Some(8), "{e}");
        assert!(e.message.contains("personas"), "{e}");

        let long = format!("journey\n  title {}\n", "x".repeat(limits::TEXT_BYTES.max));
        let e = from_str("long.mmd", &long).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.message.contains("more than the limit of 65,536"), "{e}");
    }

    #[test]
    fn export_escapes_mermaid_punctuation() {
        let mut j = from_str("day.mmd", SAMPLE).unwrap();
        j.touchpoints[0].title = "Call: press #2; wait".into();
        let out = to_string(&j);
        assert!(out.contains("Call - press No.2, wait: 5: Me"), "{out}");
        assert!(from_str("x", &out).is_ok());
    }
}
