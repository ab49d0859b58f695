//! Comment analysis: VADER compound scores (a faithful port of the Python
//! reference, so numbers match the notebooks CX teams already use) and the
//! effort cues VADER cannot see.

mod cues;
pub mod sample;
mod vader;

pub use cues::{effort_cues, CUES};
pub use vader::{Polarity, Vader};

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// Distinct comment texts whose compound score is remembered.
const REMEMBERED: usize = 200_000;

/// Compound score in −1..1 for one comment, as `vaderSentiment` 3.3.2 reports it.
///
/// The editor re-scores a map after every edit, and with it every comment;
/// a compound score depends on the text alone, so it is remembered (up to
/// [`REMEMBERED`] texts, then forgotten all at once).
pub fn compound(text: &str) -> f64 {
    let seen = remembered();
    if let Some(v) = seen.lock().ok().and_then(|m| m.get(text).copied()) {
        return v;
    }
    let v = Vader::get().compound(text);
    if let Ok(mut m) = seen.lock() {
        if m.len() >= REMEMBERED {
            m.clear();
        }
        m.insert(text.to_string(), v);
    }
    v
}

/// Works out and remembers the compound scores of `texts` (blank ones
/// skipped) until `stop` is set, so that [`compound`] answers them from
/// memory: run on a second thread while the caller does other work (an
/// import writing its rows), it takes the sentiment off the caller's path.
/// Stops early once memory holds [`REMEMBERED`] texts, so it never makes
/// the memory forget what it just worked out.
pub fn remember<'a>(texts: impl IntoIterator<Item = &'a str>, stop: &AtomicBool) {
    let seen = remembered();
    for text in texts {
        let text = text.trim();
        if stop.load(Ordering::Relaxed) {
            return;
        }
        if text.is_empty() {
            continue;
        }
        match seen.lock() {
            Ok(m) if m.len() >= REMEMBERED => return,
            Ok(m) if m.contains_key(text) => continue,
            Ok(_) => {}
            Err(_) => return,
        }
        let v = Vader::get().compound(text);
        if let Ok(mut m) = seen.lock() {
            m.insert(text.to_string(), v);
        }
    }
}

fn remembered() -> &'static Mutex<HashMap<String, f64>> {
    static SEEN: OnceLock<Mutex<HashMap<String, f64>>> = OnceLock::new();
    SEEN.get_or_init(Default::default)
}

/// Forgets every remembered score, so that a benchmark measures VADER and
/// not the memory.
pub fn forget() {
    if let Ok(mut m) = remembered().lock() {
        m.clear();
    }
}

/// A comment counts as negative at or below this compound score: the cut-off
/// VADER's authors recommend.
pub const NEGATIVE_COMPOUND: f64 = -0.05;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_score_is_the_computed_one() {
        let text = "I was on hold for an hour, then transferred. Awful!";
        let fresh = Vader::get().compound(text);
        assert_eq!(compound(text), fresh);
        assert_eq!(compound(text), fresh, "the second call answers from memory");
        forget();
        assert!(!remembered().lock().unwrap().contains_key(text));
        assert_eq!(compound(text), fresh);
    }

    #[test]
    fn remembered_ahead_the_scores_are_the_computed_ones() {
        let texts = [
            "  Waited two weeks for a refund.  ",
            "",
            "Lovely staff, quick fix",
        ];
        remember(texts, &AtomicBool::new(false));
        for t in texts.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            assert!(remembered().lock().unwrap().contains_key(t), "{t}");
            assert_eq!(compound(t), Vader::get().compound(t));
        }
        // Told to stop, it works out nothing more.
        let late = "Told to stop before this one";
        remember([late], &AtomicBool::new(true));
        assert!(!remembered().lock().unwrap().contains_key(late));
    }
}
