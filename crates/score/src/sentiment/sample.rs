//! Distinct, realistic customer-service comments for benchmarking and for
//! checking the VADER port against the Python reference on texts nobody
//! wrote by hand. Deterministic for a seed, so the Rust and Python sides of a
//! benchmark score the same list. The phrases cover what VADER's rules react
//! to: negations, boosters and dampeners, "but" clauses, "least", idioms,
//! capitals, "!" and "?", emoticons, curly apostrophes and other non-ASCII.

use std::collections::HashSet;

use waymark_core::synth::Rng;

const SUBJECTS: &[&str] = &[
    "the agent",
    "your app",
    "the refund process",
    "the delivery driver",
    "customer service",
    "the chat bot",
    "the website",
    "the store staff",
    "checkout",
    "my account manager",
    "the call centre",
    "support",
    "the engineer",
    "the new login page",
    "the person on the phone",
    "the manager at the café",
    "billing",
    "the survey",
];
const VERBS: &[&str] = &[
    "was", "is", "seemed", "felt", "has been", "were", "looked", "sounded",
];
const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "isn't",
    "wasn't",
    "hardly",
    "not at all",
    "no longer",
    "don’t think it was",
    "wasnt",
    "rarely",
];
const BOOSTERS: &[&str] = &[
    "very",
    "really",
    "so",
    "extremely",
    "incredibly",
    "kind of",
    "slightly",
    "totally",
    "somewhat",
    "barely",
    "absolutely",
    "quite",
    "sort of",
    "most",
];
const ADJECTIVES: &[&str] = &[
    "helpful",
    "friendly",
    "rude",
    "useless",
    "great",
    "terrible",
    "slow",
    "quick",
    "awful",
    "amazing",
    "confusing",
    "frustrating",
    "easy",
    "polite",
    "disappointing",
    "excellent",
    "bad",
    "good",
    "fine",
    "ok",
    "horrible",
    "pleasant",
    "annoying",
    "efficient",
    "unprofessional",
    "brilliant",
    "poor",
    "clear",
    "fair",
    "broken",
    "nice",
    "painful",
    "sorted",
    "fantastic",
    "dreadful",
    "naïve",
];
const EFFORT: &[&str] = &[
    "I was on hold for {n} minutes",
    "I got transferred {n} times",
    "I had to repeat myself again",
    "they hung up on me",
    "I called back {n} times",
    "the refund took {n} days",
    "I waited {n} minutes in the queue",
    "nobody got back to me after {n} days",
    "order #{n} arrived on time",
    "the item cost €{n} more than advertised",
    "my parcel came {n} days early",
    "I spent {n} minutes filling in the form",
];
const OPENERS: &[&str] = &[
    "",
    "",
    "",
    "Honestly, ",
    "To be fair, ",
    "At least ",
    "Yeah right, ",
    "Without a doubt ",
    "Well… ",
    "Overall ",
    "Sadly ",
    "Thankfully ",
    "LOL ",
    "Ugh, ",
];
const ENDINGS: &[&str] = &[
    "",
    "",
    "",
    " Thanks!",
    " Never again.",
    " Would recommend.",
    " lol",
    " Cheers",
    " Not happy.",
    " Sort it out!",
    " :)",
    " :(",
    " :D",
    " No complaints.",
    " The least helpful call ever.",
    " Kiss of death for me.",
    " Absolutely the bomb!",
    " Merci.",
    " Not bad at all",
    " Could be better?",
];
const JOINS: &[&str] = &[
    ". ", ", but ", " but ", "; ", "! ", " and ", ". But ", ", ", " – ",
];
const MARKS: &[&str] = &[".", ".", "!", "!!", "!!!", "?", "??", "?!", "", "..."];

fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.below(list.len() as u64) as usize]
}

/// One clause: "<subject> <verb> [negation] [booster] <adjective>", or an
/// effort phrase with a number in it.
fn clause(rng: &mut Rng) -> String {
    if rng.chance(30) {
        let range = if rng.chance(20) { 90_000 } else { 58 };
        let n = 2 + rng.below(range);
        return pick(rng, EFFORT).replace("{n}", &n.to_string());
    }
    let mut words = vec![
        pick(rng, SUBJECTS).to_string(),
        pick(rng, VERBS).to_string(),
    ];
    if rng.chance(25) {
        words.push(pick(rng, NEGATIONS).to_string());
    }
    if rng.chance(40) {
        words.push(pick(rng, BOOSTERS).to_string());
    }
    words.push(pick(rng, ADJECTIVES).to_string());
    if rng.chance(20) {
        words.push("and".to_string());
        words.push(pick(rng, ADJECTIVES).to_string());
    }
    if rng.chance(12) {
        // Shouting one word, or the whole clause.
        if rng.chance(70) {
            let k = rng.below(words.len() as u64) as usize;
            words[k] = words[k].to_uppercase();
        } else {
            words.iter_mut().for_each(|w| *w = w.to_uppercase());
        }
    }
    words.join(" ")
}

/// Capitalises the first letter, as people (mostly) do.
fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `n` distinct comments for `seed`; the same arguments always give the
/// same list.
pub fn distinct_comments(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut seen = HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut text = pick(&mut rng, OPENERS).to_string();
        let clauses = 1 + rng.below(3);
        for k in 0..clauses {
            if k > 0 {
                text.push_str(pick(&mut rng, JOINS));
            }
            text.push_str(&clause(&mut rng));
        }
        text.push_str(pick(&mut rng, MARKS));
        text.push_str(pick(&mut rng, ENDINGS));
        let text = sentence_case(&text);
        if seen.insert(text.clone()) {
            out.push(text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_distinct_and_repeatable() {
        let a = distinct_comments(2_000, 5);
        assert_eq!(a, distinct_comments(2_000, 5));
        assert_eq!(a.iter().collect::<HashSet<_>>().len(), 2_000);
        assert_ne!(a, distinct_comments(2_000, 6));
        assert!(a.iter().all(|c| !c.contains('\t') && !c.contains('\n')));
        assert!(a.iter().any(|c| !c.is_ascii()));
        assert!(a.iter().any(|c| c.contains(" but ")));
    }
}
