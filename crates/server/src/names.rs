//! Participant names: what is kept of a typed name, and when two names read
//! alike. A name is shown to everyone and written into notes and votes, so
//! it must not be able to pass for someone else's.

use unicode_normalization::UnicodeNormalization;
use unicode_security::skeleton;

use crate::limits::NAME_CHARS;

/// Invisible characters that change how a name looks or reads without
/// showing: zero-width spaces and joiners, bidi marks, embeddings,
/// overrides and isolates, word joiners, the BOM, soft hyphens.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// The name as kept: Unicode NFKC, invisible characters removed, spaces
/// collapsed and trimmed; refused when empty, too long or holding control
/// characters.
pub(crate) fn normalise(typed: &str) -> Result<String, String> {
    let nfkc: String = typed.nfkc().filter(|c| !invisible(*c)).collect();
    if nfkc.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err("a name cannot hold control characters".into());
    }
    let name = nfkc.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("enter your name".into());
    }
    if name.chars().count() > NAME_CHARS {
        return Err(format!("a name has at most {NAME_CHARS} characters"));
    }
    Ok(name)
}

/// What a name reads as: case folded and with look-alike letters (Cyrillic
/// "а" for "a", "0" for "O", "rn" for "m") mapped to one skeleton (Unicode
/// TR39), spaces ignored.
fn reading(name: &str) -> String {
    let folded: String = name.nfkc().flat_map(char::to_lowercase).collect();
    let first: String = skeleton(&folded).flat_map(char::to_lowercase).collect();
    skeleton(&first).filter(|c| !c.is_whitespace()).collect()
}

/// `a` and `b` read alike to a person.
pub(crate) fn reads_like(a: &str, b: &str) -> bool {
    reading(a) == reading(b)
}

/// A name like `name` that reads like none of `taken`: "Ana 2", "Ana 3"…
pub(crate) fn suggestion<'a>(name: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let base: String = name.chars().take(NAME_CHARS - 4).collect();
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|s| !taken.clone().any(|t| reads_like(s, t)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised() {
        assert_eq!(normalise("  Ana  ").unwrap(), "Ana");
        assert_eq!(normalise("Faci\u{200B}litator").unwrap(), "Facilitator");
        assert_eq!(normalise("\u{202E}anA\u{202C}").unwrap(), "anA");
        assert_eq!(normalise("Ａｎａ").unwrap(), "Ana", "full-width folds");
        assert_eq!(normalise("Ana\u{00A0}\u{2003}Lee").unwrap(), "Ana Lee");
        assert!(normalise("\u{200B}\u{2066} ").is_err());
        assert!(normalise("Ana\u{7}").is_err());
        assert!(normalise(&"a".repeat(NAME_CHARS + 1)).is_err());
        assert!(normalise(&"a".repeat(NAME_CHARS)).is_ok());
    }

    #[test]
    fn look_alikes_read_alike() {
        assert!(reads_like("Ana", "ana"));
        assert!(reads_like("Ana", "\u{0410}na"), "Cyrillic A");
        assert!(reads_like("Facilitator", "FACILITATOR"));
        assert!(reads_like("Facilitator", "Faci1itator"));
        assert!(reads_like("Ana Lee", "AnaLee"));
        assert!(!reads_like("Ana", "Anna"));
        assert!(!reads_like("Ben", "Ken"));
    }

    #[test]
    fn the_suggestion_is_free() {
        let taken = ["Ana", "Ana 2"];
        assert_eq!(suggestion("Ana", taken.iter().copied()), "Ana 3");
        assert_eq!(suggestion("Ben", taken.iter().copied()), "Ben 2");
    }
}
