//! Python's string and rounding rules as `vaderSentiment` relies on them
//! (`str.split`/`strip`/`isupper`/`lower`, `round`), so tokens and scores
//! come out as the reference's do.

use std::borrow::Cow;

/// Python's `str.isspace` set: Unicode White_Space plus the four ASCII
/// information separators, which `str.split()` also splits on.
pub(super) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

pub(super) fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// `token.strip(string.punctuation)`, keeping the token whole when two or
/// fewer characters remain (emoticons such as ":)" or ":D").
pub(super) fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

/// `str.isupper`: at least one cased character and no lower-case one.
pub(super) fn py_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            cased = true;
        }
    }
    cased
}

/// `str.lower()`; ASCII words without capitals (most) are borrowed.
pub(super) fn py_lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Python's `round(x, n)`: correctly rounded, ties to even on the exact
/// binary value, which is what Rust's formatter does too. For |x| ≤ 1 the
/// product x·10ⁿ is off by less than 1e-12, so unless it lies within 1e-6
/// of a tie it rounds to the same integer k as the exact value, and k / 10ⁿ
/// (one correctly rounded division) is the double nearest the decimal the
/// formatter would print; only near-ties take the formatting route.
pub(super) fn py_round(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    let t = x * scale;
    if x.abs() <= 1.0 && ((t - t.trunc()).abs() - 0.5).abs() > 1e-6 {
        return t.round() / scale;
    }
    let places = places as usize;
    format!("{x:.places$}").parse().unwrap_or(x)
}
