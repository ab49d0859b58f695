//! Reading errors in the user's words: what serde says about a value of the
//! wrong kind ("invalid type: string \"three\", expected u32") becomes what a
//! designer can act on ("must be a whole number of 0 or more, not \"three\""),
//! and the place is the field's path in the map ("touchpoints[3].inputs.steps").

/// What a Rust type name in a serde message means to a person.
fn kind(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number of 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "true or false".into(),
        "a string" | "a borrowed string" => "text in quotes".into(),
        "a sequence" => "a list in [ ]".into(),
        "a map" => "an object in { }".into(),
        "a UUID string" | "UUID" => "an id like \"0b7f5a0e-6c3b-4b7e-9a57-3d3f4c1b2a10\"".into(),
        other => other.trim_start_matches("struct ").to_string(),
    }
}

/// The value serde found, as the file has it ("string \"x\"" → "\"x\"",
/// "integer `-1`" → "-1").
fn found(what: &str) -> String {
    let w = what.trim();
    for prefix in [
        "string ",
        "integer ",
        "floating point ",
        "boolean ",
        "unit value",
    ] {
        if let Some(rest) = w.strip_prefix(prefix) {
            return rest.trim_matches('`').to_string();
        }
    }
    match w {
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        "null" | "unit value" => "null".into(),
        other => other.trim_matches('`').to_string(),
    }
}

/// The names in "`a`, `b` or `c`" / "one of `a`, `b`".
fn names(list: &str) -> String {
    list.trim_start_matches("one of ")
        .replace(" or ", ", ")
        .replace('`', "")
}

/// `message` (serde's, without its "at line … column …") in plain words.
pub fn plain(message: &str) -> String {
    let m = message.trim();
    for head in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = m.strip_prefix(head) {
            if let Some((got, want)) = rest.rsplit_once(", expected ") {
                return format!("must be {}, not {}", kind(want), found(got));
            }
        }
    }
    if let Some(rest) = m.strip_prefix("unknown variant `") {
        if let Some((got, want)) = rest.split_once("`, expected ") {
            return format!("must be one of {}, not \"{got}\"", names(want));
        }
    }
    if let Some(rest) = m.strip_prefix("unknown field `") {
        if let Some((got, want)) = rest.split_once("`, expected ") {
            return format!(
                "\"{got}\" is not a field Waymark knows here (it knows {})",
                names(want)
            );
        }
        if let Some(got) = rest.strip_suffix("`, there are no fields") {
            return format!("\"{got}\" is not a field Waymark knows here");
        }
    }
    if let Some(field) = m
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("\"{field}\" is missing");
    }
    if let Some(why) = m.strip_prefix("UUID parsing failed: ") {
        return format!("must be {} ({why})", kind("UUID"));
    }
    if let Some(rest) = m.strip_prefix("invalid length ") {
        if let Some((n, want)) = rest.split_once(", expected ") {
            return format!("has {n} items, but must have {want}");
        }
    }
    m.to_string()
}

/// The path serde_path_to_error gives, as the map's own problems name
/// fields: without the file's `map.` envelope; `.` alone is the top.
pub fn place(path: &str) -> Option<String> {
    let p = path.strip_prefix("map.").unwrap_or(path);
    (!p.is_empty() && p != ".").then(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_words_become_the_users() {
        for (serde, plain_words) in [
            (
                "invalid type: string \"three\", expected u32",
                "must be a whole number of 0 or more, not \"three\"",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "must be a whole number of 0 or more, not -1",
            ),
            ("invalid type: string \"x\", expected i8", "must be a whole number, not \"x\""),
            ("invalid type: string \"high\", expected f64", "must be a number, not \"high\""),
            (
                "invalid type: string \"yes\", expected a boolean",
                "must be true or false, not \"yes\"",
            ),
            ("invalid type: integer `5`, expected a string", "must be text in quotes, not 5"),
            (
                "unknown variant `both`, expected `service` or `experience`",
                "must be one of service, experience, not \"both\"",
            ),
            (
                "unknown variant `people`, expected one of `touchpoints`, `emotions`",
                "must be one of touchpoints, emotions, not \"people\"",
            ),
            (
                "unknown field `colour`, expected one of `id`, `title`",
                "\"colour\" is not a field Waymark knows here (it knows id, title)",
            ),
            ("missing field `stage`", "\"stage\" is missing"),
            (
                "UUID parsing failed: invalid length: found 3",
                "must be an id like \"0b7f5a0e-6c3b-4b7e-9a57-3d3f4c1b2a10\" (invalid length: found 3)",
            ),
            ("something else", "something else"),
        ] {
            assert_eq!(plain(serde), plain_words, "{serde}");
        }
    }

    #[test]
    fn places_drop_the_envelope() {
        assert_eq!(
            place("map.touchpoints[0].inputs.steps").as_deref(),
            Some("touchpoints[0].inputs.steps")
        );
        assert_eq!(place("waves[1].label").as_deref(), Some("waves[1].label"));
        assert_eq!(place("."), None);
    }
}
