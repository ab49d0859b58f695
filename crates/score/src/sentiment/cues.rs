//! Effort cues: phrases that signal customer effort but carry no valence in
//! VADER's lexicon ("I was on hold", "transferred three times", "called back
//! again"). VADER scores "I waited 40 minutes and got transferred" as neutral;
//! for CX that comment is pure friction. The cues are reported beside the
//! compound score, never folded into it, so the sentiment stays comparable
//! with the Python reference and the cue list stays explainable.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The cue kinds, in the order they are reported.
pub const CUES: [&str; 6] = [
    "on_hold",
    "transferred",
    "repeat_contact",
    "repeat_information",
    "long_wait",
    "cut_off",
];

/// Phrases matched on whole lower-case words.
const PHRASES: &[(&str, &[&str])] = &[
    ("on_hold", &["on hold", "hold music", "holding for"]),
    (
        "transferred",
        &[
            "transferred",
            "transfered",
            "transferring",
            "passed around",
            "passed from",
            "passed between",
            "bounced between",
            "bounced around",
            "handed over to",
            "handed off",
            "put through to",
            "sent to another",
        ],
    ),
    (
        "repeat_contact",
        &[
            "again",
            "called back",
            "call back",
            "calling back",
            "ring back",
            "rang back",
            "second time",
            "third time",
            "fourth time",
            "fifth time",
            "multiple times",
            "several times",
            "many times",
            "times now",
            "multiple calls",
            "several calls",
            "chased",
            "chasing",
            "follow up",
            "followed up",
            "still waiting",
            "still not",
            "keep calling",
            "kept calling",
            "kept ringing",
            "no one got back",
            "nobody got back",
            "never got back",
        ],
    ),
    (
        "repeat_information",
        &[
            "repeat myself",
            "repeating myself",
            "repeated myself",
            "explain again",
            "explained again",
            "explaining again",
            "same story",
            "same questions",
            "start over",
            "started over",
            "starting over",
            "from scratch",
            "re-enter",
            "re-entered",
            "reenter",
            "re-type",
            "retype",
            "fill it in again",
            "all over again",
        ],
    ),
    (
        "cut_off",
        &[
            "hung up",
            "cut off",
            "disconnected",
            "dropped the call",
            "call dropped",
        ],
    ),
];

/// Verbs that make "again" a return visit rather than a repeat effort
/// ("would use again").
const LOYAL_AGAIN: &[&str] = &[
    "use",
    "buy",
    "shop",
    "order",
    "recommend",
    "visit",
    "return",
    "come",
    "fly",
    "book",
    "choose",
];

/// Words that make a nearby duration a wait on their own.
const WAIT_WORDS: &[&str] = &[
    "wait", "waited", "waiting", "waits", "queue", "queued", "queueing", "queuing", "hold", "held",
];
/// Words that make a nearby duration a wait only when it is long (15 minutes
/// or more): "took 5 minutes" is praise, "took three days" is not.
const TOOK_WORDS: &[&str] = &["took", "takes", "taking", "spent", "after", "over"];
const NEGATORS: &[&str] = &["no", "not", "without", "never", "zero", "didn't", "don't"];

/// Duration in minutes of "<number> <unit>", if the two words are one.
fn duration(number: &str, unit: &str) -> Option<f64> {
    let per = match unit {
        "min" | "mins" | "minute" | "minutes" => 1.0,
        "hr" | "hrs" | "hour" | "hours" => 60.0,
        "day" | "days" => 1440.0,
        "week" | "weeks" => 10080.0,
        _ => return None,
    };
    let n = match number {
        "a" | "an" | "one" => 1.0,
        "two" | "couple" => 2.0,
        "three" | "few" | "several" | "many" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "ten" => 10.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "ninety" => 90.0,
        other => other.trim_end_matches('+').parse::<f64>().ok()?,
    };
    Some(n * per)
}

/// A phrase of [`PHRASES`] split into words, with the index of its cue.
type Phrase = (usize, Vec<&'static str>);

/// [`PHRASES`] by their first word, built once: each word of a comment is
/// looked up once rather than compared with every phrase (a large survey
/// import matches hundreds of thousands of comments).
fn phrases() -> &'static HashMap<&'static str, Vec<Phrase>> {
    static P: OnceLock<HashMap<&'static str, Vec<Phrase>>> = OnceLock::new();
    P.get_or_init(|| {
        let mut by_first: HashMap<&'static str, Vec<Phrase>> = HashMap::new();
        for (cue, list) in PHRASES {
            let idx = CUES.iter().position(|c| c == cue).expect("cue listed");
            for p in *list {
                let words: Vec<&str> = p.split(' ').collect();
                by_first.entry(words[0]).or_default().push((idx, words));
            }
        }
        by_first
    })
}

/// Lower-case words; apostrophes and hyphens stay inside words ("didn't",
/// "re-enter").
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The distinct cues in one comment, in [`CUES`] order.
pub fn effort_cues(text: &str) -> Vec<&'static str> {
    let w = words(text);
    let mut found = [false; CUES.len()];
    for start in 0..w.len() {
        let Some(starting) = phrases().get(w[start].as_str()) else {
            continue;
        };
        for (idx, phrase) in starting {
            if found[*idx] || start + phrase.len() > w.len() {
                continue;
            }
            if !w[start + 1..start + phrase.len()]
                .iter()
                .zip(&phrase[1..])
                .all(|(a, b)| a == b)
            {
                continue;
            }
            if phrase == &["again"]
                && w[start.saturating_sub(2)..start]
                    .iter()
                    .any(|x| LOYAL_AGAIN.contains(&x.as_str()))
            {
                continue;
            }
            found[*idx] = true;
        }
    }
    // "waited 40 minutes", "45 minutes in the queue", "took three days":
    // a duration with a waiting word within four words of it, not negated
    // ("no waiting").
    let long_wait = CUES
        .iter()
        .position(|c| *c == "long_wait")
        .expect("cue listed");
    'durations: for i in 1..w.len() {
        let Some(minutes) = duration(&w[i - 1], &w[i]) else {
            continue;
        };
        let lo = i.saturating_sub(5);
        let hi = (i + 5).min(w.len());
        for k in lo..hi {
            let waiting = WAIT_WORDS.contains(&w[k].as_str());
            let took = TOOK_WORDS.contains(&w[k].as_str()) && minutes >= 15.0;
            let negated = k > 0 && NEGATORS.contains(&w[k - 1].as_str());
            if (waiting || took) && !negated {
                found[long_wait] = true;
                break 'durations;
            }
        }
    }
    CUES.iter()
        .zip(found)
        .filter_map(|(c, f)| f.then_some(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase cues found by comparing every phrase at every word, as
    /// before [`phrases`] was indexed by first word.
    fn phrase_cues_by_scan(text: &str) -> [bool; CUES.len()] {
        let w = words(text);
        let mut found = [false; CUES.len()];
        for start in 0..w.len() {
            for (idx, phrase) in phrases().values().flatten() {
                let end = start + phrase.len();
                if end > w.len() || w[start..end].iter().zip(phrase).any(|(a, b)| a != b) {
                    continue;
                }
                if phrase == &["again"]
                    && w[start.saturating_sub(2)..start]
                        .iter()
                        .any(|x| LOYAL_AGAIN.contains(&x.as_str()))
                {
                    continue;
                }
                found[*idx] = true;
            }
        }
        found
    }

    #[test]
    fn the_first_word_index_finds_what_a_scan_of_every_phrase_finds() {
        let mut texts = crate::sentiment::sample::distinct_comments(5_000, 11);
        texts.extend(
            PHRASES
                .iter()
                .flat_map(|(_, l)| l.iter().map(|p| format!("so {p} again"))),
        );
        texts.push("Would use again, but called back twice and hung up".into());
        let mut hits = 0;
        for t in &texts {
            let want = phrase_cues_by_scan(t);
            let got = effort_cues(t);
            for (i, cue) in CUES.iter().enumerate() {
                if *cue != "long_wait" {
                    assert_eq!(got.contains(cue), want[i], "{cue} in {t:?}");
                    hits += usize::from(want[i]);
                }
            }
        }
        assert!(hits > 1_000, "the sample holds phrase cues ({hits})");
    }

    #[test]
    fn cues() {
        assert_eq!(
            effort_cues("I waited 40 minutes on hold, then got transferred."),
            vec!["on_hold", "transferred", "long_wait"]
        );
        assert_eq!(
            effort_cues("Third time calling and I had to repeat myself AGAIN"),
            vec!["repeat_contact", "repeat_information"]
        );
        assert_eq!(
            effort_cues("Lovely staff, would use again!"),
            Vec::<&str>::new()
        );
        assert_eq!(effort_cues("They hung up on me."), vec!["cut_off"]);
        assert_eq!(
            effort_cues("It took three days to get a reply"),
            vec!["long_wait"]
        );
        assert!(effort_cues("Great service, took 5 minutes and no waiting").is_empty());
        assert_eq!(effort_cues("Queued for 2 hours"), vec!["long_wait"]);
    }
}
