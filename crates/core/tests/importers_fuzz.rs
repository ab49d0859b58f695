//! Fuzzing every map importer (`.waymark`, Mermaid, the bytes-to-text step
//! they share): arbitrary or mangled input never panics, never yields a map
//! over the limits, and either imports or says where it failed. The budget
//! is small by default (64 cases a property); PROPTEST_CASES raises it.

use proptest::prelude::*;
use waymark_core::formats::{self, decode_text, mermaid, waymark, ImportError, ImportFormat};
use waymark_core::{limits, templates, validate, Journey};

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 64;
    }
    c
}

/// Errors about the file as a whole (its header or its meaning), which have
/// no single line; every other error names its line.
const WHOLE_FILE: [&str; 5] = [
    "not a .waymark file",
    "invalid map:",
    "written by a newer Waymark",
    "the \"version\" field",
    "empty file",
];

fn accepted_or_placed(
    result: Result<Journey, ImportError>,
    file: &str,
) -> Result<(), TestCaseError> {
    match result {
        Ok(j) => {
            prop_assert_eq!(limits::check_journey(&j), Ok(()));
            prop_assert!(validate(&j).is_empty(), "{:?}", validate(&j));
        }
        Err(e) => {
            prop_assert!(e.to_string().starts_with(file), "{}", e);
            prop_assert!(!e.message.trim().is_empty());
            prop_assert!(
                e.line.is_some()
                    || WHOLE_FILE.iter().any(|p| e.message.starts_with(p))
                    || e.message.contains("more than the limit"),
                "no line: {}",
                e
            );
        }
    }
    Ok(())
}

fn mermaid_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("journey".to_string()),
        Just("---".to_string()),
        "[ \t]*title .{0,12}",
        "[ \t]*section .{0,12}",
        "[ \t]*[^:\n]{0,10}:[ ]?[0-9x-]{0,2}(:[ ]?[A-Za-z ,\u{1b}]{0,12})?",
        "%%.{0,8}",
        "acc(Title|Descr):? .{0,6}",
        ".{0,16}",
    ]
}

fn mermaid_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(mermaid_line(), 0..24),
        prop_oneof![Just("\n"), Just("\r\n")],
    )
        .prop_map(|(bom, lines, nl)| {
            let body = lines.join(nl);
            if bom {
                format!("\u{feff}{body}")
            } else {
                body
            }
        })
}

/// A valid file with a few characters deleted, inserted or replaced.
fn mangled(valid: String) -> impl Strategy<Value = String> {
    let len = valid.chars().count();
    prop::collection::vec((0..len.max(1), 0..3u8, any::<char>(), 0..8usize), 1..6).prop_map(
        move |edits| {
            let mut chars: Vec<char> = valid.chars().collect();
            for (at, op, c, n) in edits {
                let at = at.min(chars.len());
                match op {
                    0 => {
                        let end = (at + n).min(chars.len());
                        chars.drain(at..end);
                    }
                    1 => chars.insert(at, c),
                    _ if at < chars.len() => chars[at] = c,
                    _ => chars.push(c),
                }
            }
            chars.into_iter().collect()
        },
    )
}

fn template(format: fn(&Journey) -> String) -> String {
    format(&templates::load("bank-lost-card").expect("template"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_as_waymark(text in ".{0,200}") {
        accepted_or_placed(waymark::from_str("f.waymark", &text), "f.waymark")?;
    }

    #[test]
    fn mangled_waymark_files(text in mangled(template(waymark::to_string))) {
        accepted_or_placed(waymark::from_str("f.waymark", &text), "f.waymark")?;
    }

    #[test]
    fn any_text_as_mermaid(text in ".{0,200}") {
        accepted_or_placed(mermaid::from_str("f.mmd", &text), "f.mmd")?;
    }

    #[test]
    fn mermaid_shaped_text(text in mermaid_text()) {
        accepted_or_placed(mermaid::from_str("f.mmd", &text), "f.mmd")?;
        let format = ImportFormat::detect("f", &text);
        accepted_or_placed(formats::import("f", &text, format), "f")?;
    }

    #[test]
    fn mangled_mermaid_files(text in mangled(template(mermaid::to_string))) {
        accepted_or_placed(mermaid::from_str("f.mmd", &text), "f.mmd")?;
    }

    #[test]
    fn any_bytes_decode_or_name_their_line(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        match decode_text("f.mmd", bytes.clone()) {
            Ok(text) => {
                prop_assert!(!text.starts_with(formats::BOM));
                accepted_or_placed(formats::import("f.mmd", &text, ImportFormat::Mermaid), "f.mmd")?;
                accepted_or_placed(formats::import("f.mmd", &text, ImportFormat::Waymark), "f.mmd")?;
            }
            Err(e) => {
                let valid = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
                let lines = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
                prop_assert_eq!(e.line, Some(lines));
                prop_assert!(e.column.is_some());
            }
        }
    }
}
