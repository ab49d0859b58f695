//! A comment's terms: lower-case words, cut into keyphrases at stopwords
//! (the noun-phrase-like runs of content words RAKE uses), each word
//! stemmed with Snowball's English stemmer so that "refund", "refunds" and
//! "refunded" are one term. A term is a stem or two adjacent stems of one
//! keyphrase ("card block").

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Function words and the words every customer-service comment shares
/// ("service", "customer"): they never start or join a theme.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "got",
    "gotten",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "im",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yet",
    "ive",
    "id",
    "ill",
    "dont",
    "didnt",
    "doesnt",
    "isnt",
    "wasnt",
    "werent",
    "cant",
    "couldnt",
    "wont",
    "wouldnt",
    "shouldnt",
    "havent",
    "hasnt",
    "hadnt",
    "arent",
    "youre",
    "theyre",
    "thats",
    "theres",
    "whats",
    "lets",
    "really",
    "quite",
    "bit",
    "lot",
    "lots",
    "thing",
    "things",
    "something",
    "anything",
    "nothing",
    "everything",
    "someone",
    "anyone",
    "everyone",
    "nobody",
    "somebody",
    "way",
    "said",
    "say",
    "says",
    "told",
    "tell",
    "make",
    "made",
    "go",
    "went",
    "gone",
    "going",
    "come",
    "came",
    "take",
    "took",
    "want",
    "wanted",
    "need",
    "needed",
    "know",
    "knew",
    "think",
    "thought",
    "like",
    "well",
    "back",
    "another",
    "many",
    "since",
    "though",
    "although",
    "however",
    "always",
    "never",
    "already",
    "around",
    "across",
    "via",
    "per",
    "ok",
    "okay",
    "yes",
    "thanks",
    "thank",
    "please",
    "maybe",
    "actually",
    "basically",
    "literally",
    "absolutely",
    "totally",
    "completely",
    "extremely",
    "incredibly",
    "pretty",
    "definitely",
    "simply",
    "overall",
    "today",
    "yesterday",
    "week",
    "weeks",
    "day",
    "days",
    "time",
    "times",
    "hour",
    "hours",
    "minute",
    "minutes",
    "mins",
    "month",
    "months",
    "monthly",
    "year",
    "years",
    "ages",
    "keep",
    "keeps",
    "kept",
    "keeping",
    "try",
    "tried",
    "trying",
    "ask",
    "asked",
    "asking",
    "see",
    "seen",
    "use",
    "used",
    "give",
    "gave",
    "put",
    "sure",
    "able",
    "why",
    "seriously",
    "apparently",
    "anymore",
    "far",
    // Counts: "three times" says how often, the cue list says that.
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twice",
    "half",
    "hundred",
    "dozen",
    "couple",
    // Words every comment about a service shares.
    "customer",
    "customers",
    "service",
    "services",
    "company",
    "experience",
    "support",
    // Verdicts: they say how it felt (the theme's sentiment says that too),
    // not what it was about.
    "good",
    "great",
    "bad",
    "terrible",
    "awful",
    "horrible",
    "excellent",
    "amazing",
    "poor",
    "worst",
    "best",
    "nice",
    "fine",
    "love",
    "loved",
    "hate",
    "hated",
    "happy",
    "unhappy",
    "disappointed",
    "disappointing",
    "frustrating",
    "frustrated",
    "ridiculous",
    "fantastic",
    "brilliant",
    "perfect",
    "wonderful",
    "shocking",
    "appalling",
    "useless",
    "annoying",
    "annoyed",
    "joke",
    "disgrace",
    "impressed",
    "pleased",
    "satisfied",
    "unacceptable",
    "first",
    "second",
    "third",
    "last",
    "next",
    "new",
    "old",
];

fn stopwords() -> &'static BTreeSet<&'static str> {
    static S: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| STOPWORDS.iter().copied().collect())
}

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// One content word: its stem and the word as written (lower case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub stem: String,
    pub surface: String,
}

/// The keyphrases of `text`: runs of content words between stopwords,
/// numbers and punctuation.
pub fn keyphrases(text: &str) -> Vec<Vec<Word>> {
    let mut phrases = Vec::new();
    let mut run: Vec<Word> = Vec::new();
    let lower = text.to_lowercase().replace(['’', '‘'], "'");
    // A sentence mark ends a phrase as a stopword does.
    for chunk in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c.is_whitespace())) {
        for raw in chunk.split_whitespace() {
            let word: String = raw.chars().filter(|c| *c != '\'').collect();
            let content = word.chars().count() >= 3
                && word.chars().all(char::is_alphabetic)
                && !stopwords().contains(word.as_str());
            if content {
                run.push(Word {
                    stem: stemmer().stem(&word).into_owned(),
                    surface: word,
                });
            } else if !run.is_empty() {
                phrases.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            phrases.push(std::mem::take(&mut run));
        }
    }
    phrases
}

/// The distinct terms of `text`: every stem, and every two adjacent stems
/// of a keyphrase joined by a space.
pub fn terms(phrases: &[Vec<Word>]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in phrases {
        for (i, w) in p.iter().enumerate() {
            out.insert(w.stem.clone());
            if let Some(next) = p.get(i + 1) {
                if next.stem != w.stem {
                    out.insert(format!("{} {}", w.stem, next.stem));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<Vec<String>> {
        keyphrases(text)
            .into_iter()
            .map(|p| p.into_iter().map(|w| w.stem).collect())
            .collect()
    }

    #[test]
    fn phrases_break_at_stopwords_and_marks() {
        assert_eq!(
            stems("My card was blocked abroad, again! Refunds take weeks."),
            vec![vec!["card"], vec!["block", "abroad"], vec!["refund"]]
        );
    }

    #[test]
    fn inflections_share_a_stem() {
        let a = terms(&keyphrases("refunded"));
        let b = terms(&keyphrases("Refunds"));
        assert_eq!(a, b);
    }

    #[test]
    fn bigrams_stay_inside_a_phrase() {
        let t = terms(&keyphrases("app login fails, password reset"));
        assert!(t.contains("app login"));
        assert!(t.contains("password reset"));
        assert!(!t.contains("fail password"));
    }
}
