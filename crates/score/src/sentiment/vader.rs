//! A line-by-line port of VADER 3.3.2 (`vaderSentiment.py`, C.J. Hutto, MIT).
//!
//! The published crates diverge from the Python reference (no "no" negation,
//! a different `but` rule, tokens of one character dropped, a miswritten
//! "at least" check), and CX teams compare our numbers with notebooks that use
//! the Python package. So this module follows the reference rule for rule,
//! including its quirks: the `but` rule locates each sentiment by *value*
//! (`list.index`), and the three-words-back negation check multiplies by 1.25
//! whenever "so"/"this" directly precedes the word. Changing either would make
//! scores drift from the reference; the comparison test pins them.
//!
//! The lexicons are the files shipped in the pip package, included verbatim
//! with their licence (see `LICENSE-vaderSentiment.txt`).

use std::collections::HashMap;
use std::sync::OnceLock;

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;

static LEXICON_TXT: &str = include_str!("vader_lexicon.txt");
static EMOJI_TXT: &str = include_str!("emoji_utf8_lexicon.txt");

/// VADER's four scores, rounded as the reference rounds them (compound to 4
/// places, the proportions to 3) so that thresholds such as "≤ −0.05 is
/// negative" fall on the same side as in Python.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Polarity {
    pub neg: f64,
    pub neu: f64,
    pub pos: f64,
    pub compound: f64,
}

/// The analyzer: the two lexicons, parsed once.
pub struct Vader {
    lexicon: HashMap<String, f64>,
    emojis: HashMap<char, String>,
}

impl Vader {
    /// The shared analyzer; parsing the 7,500-word lexicon takes a few
    /// milliseconds, so it is done once per process.
    pub fn get() -> &'static Vader {
        static VADER: OnceLock<Vader> = OnceLock::new();
        VADER.get_or_init(Vader::new)
    }

    fn new() -> Vader {
        let mut lexicon = HashMap::with_capacity(7600);
        for line in LEXICON_TXT.trim_end_matches('\n').split('\n') {
            if line.is_empty() {
                continue;
            }
            let mut cols = py_strip(line).split('\t');
            if let (Some(word), Some(measure)) = (cols.next(), cols.next()) {
                if let Ok(v) = measure.parse::<f64>() {
                    lexicon.insert(word.to_string(), v);
                }
            }
        }
        let mut emojis = HashMap::new();
        for line in EMOJI_TXT.trim_end_matches('\n').split('\n') {
            let mut cols = py_strip(line).split('\t');
            if let (Some(emoji), Some(desc)) = (cols.next(), cols.next()) {
                // The reference looks emojis up one code point at a time, so
                // multi-code-point sequences in the file never match.
                let mut chars = emoji.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    emojis.insert(c, desc.to_string());
                }
            }
        }
        Vader { lexicon, emojis }
    }

    /// Compound score in −1..1, rounded to 4 places like the reference.
    pub fn compound(&self, text: &str) -> f64 {
        self.polarity_scores(text).compound
    }

    pub fn polarity_scores(&self, text: &str) -> Polarity {
        let text = self.replace_emojis(text);
        let text = py_strip(&text);
        let words: Vec<&str> = text
            .split(is_py_space)
            .filter(|w| !w.is_empty())
            .map(strip_punc_if_word)
            .collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let cap_diff = allcap_differential(&words);
        let ctx = Ctx {
            lex: &self.lexicon,
            words: &words,
            lower: &lower,
            cap_diff,
        };
        let n = words.len();
        let mut sentiments = Vec::with_capacity(n);
        for i in 0..n {
            if booster(&lower[i]).is_some()
                || (i + 1 < n && lower[i] == "kind" && lower[i + 1] == "of")
            {
                sentiments.push(0.0);
                continue;
            }
            sentiments.push(ctx.sentiment_valence(i));
        }
        but_check(&lower, &mut sentiments);
        score_valence(&sentiments, text)
    }

    fn replace_emojis(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut prev_space = true;
        for c in text.chars() {
            if let Some(desc) = self.emojis.get(&c) {
                if !prev_space {
                    out.push(' ');
                }
                out.push_str(desc);
                prev_space = false;
            } else {
                out.push(c);
                prev_space = c == ' ';
            }
        }
        out
    }
}

struct Ctx<'a> {
    lex: &'a HashMap<String, f64>,
    words: &'a [&'a str],
    lower: &'a [String],
    cap_diff: bool,
}

impl Ctx<'_> {
    fn in_lex(&self, j: usize) -> bool {
        self.lex.contains_key(self.lower[j].as_str())
    }

    fn sentiment_valence(&self, i: usize) -> f64 {
        let lower = self.lower;
        let Some(&lex_value) = self.lex.get(lower[i].as_str()) else {
            return 0.0;
        };
        let n = lower.len();
        let mut valence = lex_value;
        if lower[i] == "no" && i != n - 1 && self.in_lex(i + 1) {
            valence = 0.0;
        }
        if (i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && (lower[i - 1] == "or" || lower[i - 1] == "nor"))
        {
            valence = lex_value * N_SCALAR;
        }
        if py_isupper(self.words[i]) && self.cap_diff {
            if valence > 0.0 {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }
        for start_i in 0..3 {
            if i > start_i && !self.in_lex(i - (start_i + 1)) {
                let mut s = scalar_inc_dec(
                    self.words[i - (start_i + 1)],
                    &lower[i - (start_i + 1)],
                    valence,
                    self.cap_diff,
                );
                if start_i == 1 && s != 0.0 {
                    s *= 0.95;
                }
                if start_i == 2 && s != 0.0 {
                    s *= 0.9;
                }
                valence += s;
                valence = negation_check(valence, lower, start_i, i);
                if start_i == 2 {
                    valence = special_idioms_check(valence, lower, i);
                }
            }
        }
        self.least_check(valence, i)
    }

    fn least_check(&self, mut valence: f64, i: usize) -> f64 {
        let lower = self.lower;
        if i > 1 && !self.in_lex(i - 1) && lower[i - 1] == "least" {
            if lower[i - 2] != "at" && lower[i - 2] != "very" {
                valence *= N_SCALAR;
            }
        } else if i > 0 && !self.in_lex(i - 1) && lower[i - 1] == "least" {
            valence *= N_SCALAR;
        }
        valence
    }
}

fn negation_check(mut valence: f64, lower: &[String], start_i: usize, i: usize) -> f64 {
    let w = |k: usize| lower[i - k].as_str();
    match start_i {
        0 => {
            if negated(w(1)) {
                valence *= N_SCALAR;
            }
        }
        1 => {
            if w(2) == "never" && (w(1) == "so" || w(1) == "this") {
                valence *= 1.25;
            } else if w(2) == "without" && w(1) == "doubt" {
                // "without doubt" affirms: leave as is.
            } else if negated(w(2)) {
                valence *= N_SCALAR;
            }
        }
        _ => {
            // Operator precedence as in the reference: (never ∧ so/this) ∨ so/this.
            if (w(3) == "never" && (w(2) == "so" || w(2) == "this"))
                || (w(1) == "so" || w(1) == "this")
            {
                valence *= 1.25;
            } else if w(3) == "without" && (w(2) == "doubt" || w(1) == "doubt") {
                // unchanged
            } else if negated(w(3)) {
                valence *= N_SCALAR;
            }
        }
    }
    valence
}

fn special_idioms_check(mut valence: f64, lower: &[String], i: usize) -> f64 {
    let l = |k: usize| lower[k].as_str();
    let onezero = format!("{} {}", l(i - 1), l(i));
    let twoonezero = format!("{} {} {}", l(i - 2), l(i - 1), l(i));
    let twoone = format!("{} {}", l(i - 2), l(i - 1));
    let threetwoone = format!("{} {} {}", l(i - 3), l(i - 2), l(i - 1));
    let threetwo = format!("{} {}", l(i - 3), l(i - 2));
    for seq in [&onezero, &twoonezero, &twoone, &threetwoone, &threetwo] {
        if let Some(v) = special_case(seq) {
            valence = v;
            break;
        }
    }
    if lower.len() - 1 > i {
        if let Some(v) = special_case(&format!("{} {}", l(i), l(i + 1))) {
            valence = v;
        }
    }
    if lower.len() - 1 > i + 1 {
        if let Some(v) = special_case(&format!("{} {} {}", l(i), l(i + 1), l(i + 2))) {
            valence = v;
        }
    }
    for ngram in [&threetwoone, &threetwo, &twoone] {
        if let Some(b) = booster(ngram) {
            valence += b;
        }
    }
    valence
}

/// The reference's `_but_check`, quirk included: each sentiment is found
/// again with `list.index(value)`, i.e. at the first position holding an
/// equal value, which is not always its own position.
fn but_check(lower: &[String], sentiments: &mut [f64]) {
    let Some(bi) = lower.iter().position(|w| w == "but") else {
        return;
    };
    for k in 0..sentiments.len() {
        let s = sentiments[k];
        let si = sentiments
            .iter()
            .position(|x| *x == s)
            .expect("value was just read from the list");
        if si < bi {
            sentiments[si] = s * 0.5;
        } else if si > bi {
            sentiments[si] = s * 1.5;
        }
    }
}

fn score_valence(sentiments: &[f64], text: &str) -> Polarity {
    if sentiments.is_empty() {
        return Polarity {
            neg: 0.0,
            neu: 0.0,
            pos: 0.0,
            compound: 0.0,
        };
    }
    let mut sum_s: f64 = sentiments.iter().fold(0.0, |a, b| a + b);
    let punct = punctuation_emphasis(text);
    if sum_s > 0.0 {
        sum_s += punct;
    } else if sum_s < 0.0 {
        sum_s -= punct;
    }
    let compound = normalize(sum_s);
    let (mut pos_sum, mut neg_sum, mut neu_count) = (0.0f64, 0.0f64, 0u32);
    for &s in sentiments {
        if s > 0.0 {
            pos_sum += s + 1.0;
        }
        if s < 0.0 {
            neg_sum += s - 1.0;
        }
        if s == 0.0 {
            neu_count += 1;
        }
    }
    if pos_sum > neg_sum.abs() {
        pos_sum += punct;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= punct;
    }
    let total = pos_sum + neg_sum.abs() + f64::from(neu_count);
    Polarity {
        neg: py_round((neg_sum / total).abs(), 3),
        neu: py_round((f64::from(neu_count) / total).abs(), 3),
        pos: py_round((pos_sum / total).abs(), 3),
        compound: py_round(compound, 4),
    }
}

fn punctuation_emphasis(text: &str) -> f64 {
    let ep = text.matches('!').count().min(4) as f64 * 0.292;
    let qm_count = text.matches('?').count();
    let qm = if qm_count > 1 {
        if qm_count <= 3 {
            qm_count as f64 * 0.18
        } else {
            0.96
        }
    } else {
        0.0
    };
    ep + qm
}

fn normalize(score: f64) -> f64 {
    (score / (score * score + 15.0).sqrt()).clamp(-1.0, 1.0)
}

fn scalar_inc_dec(word: &str, word_lower: &str, valence: f64, cap_diff: bool) -> f64 {
    let Some(mut scalar) = booster(word_lower) else {
        return 0.0;
    };
    if valence < 0.0 {
        scalar *= -1.0;
    }
    if py_isupper(word) && cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

fn allcap_differential(words: &[&str]) -> bool {
    let caps = words.iter().filter(|w| py_isupper(w)).count();
    let diff = words.len() - caps;
    0 < diff && diff < words.len()
}

fn negated(word: &str) -> bool {
    NEGATE.contains(&word) || word.contains("n't")
}

const NEGATE: [&str; 59] = [
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

fn booster(w: &str) -> Option<f64> {
    Some(match w {
        "absolutely" | "amazingly" | "awfully" | "completely" | "considerable" | "considerably"
        | "decidedly" | "deeply" | "effing" | "enormous" | "enormously" | "entirely"
        | "especially" | "exceptional" | "exceptionally" | "extreme" | "extremely"
        | "fabulously" | "flipping" | "flippin" | "frackin" | "fracking" | "fricking"
        | "frickin" | "frigging" | "friggin" | "fully" | "fuckin" | "fucking" | "fuggin"
        | "fugging" | "greatly" | "hella" | "highly" | "hugely" | "incredible" | "incredibly"
        | "intensely" | "major" | "majorly" | "more" | "most" | "particularly" | "purely"
        | "quite" | "really" | "remarkably" | "so" | "substantially" | "thoroughly" | "total"
        | "totally" | "tremendous" | "tremendously" | "uber" | "unbelievably" | "unusually"
        | "utter" | "utterly" | "very" => B_INCR,
        "almost" | "barely" | "hardly" | "just enough" | "kind of" | "kinda" | "kindof"
        | "kind-of" | "less" | "little" | "marginal" | "marginally" | "occasional"
        | "occasionally" | "partly" | "scarce" | "scarcely" | "slight" | "slightly"
        | "somewhat" | "sort of" | "sorta" | "sortof" | "sort-of" => B_DECR,
        _ => return None,
    })
}

fn special_case(s: &str) -> Option<f64> {
    Some(match s {
        "the shit" => 3.0,
        "the bomb" => 3.0,
        "bad ass" => 1.5,
        "badass" => 1.5,
        "bus stop" => 0.0,
        "yeah right" => -2.0,
        "kiss of death" => -1.5,
        "to die for" => 3.0,
        "beating heart" => 3.5,
        _ => return None,
    })
}

/// Python's `str.isspace` set: Unicode White_Space plus the four ASCII
/// information separators, which `str.split()` also splits on.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// `token.strip(string.punctuation)`, keeping the token whole when two or
/// fewer characters remain (emoticons such as ":)" or ":D").
fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

/// `str.isupper`: at least one cased character and no lower-case one.
fn py_isupper(s: &str) -> bool {
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

/// Python's `round(x, n)`: correctly rounded, ties to even on the exact
/// binary value, which is what Rust's formatter does too.
fn py_round(x: f64, places: usize) -> f64 {
    format!("{x:.places$}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values printed by the reference's own demo (`python vaderSentiment.py`).
    #[test]
    fn reference_demo_sentences() {
        let v = Vader::get();
        let cases = [
            ("VADER is smart, handsome, and funny.", 0.8316),
            ("VADER is smart, handsome, and funny!", 0.8439),
            ("VADER is very smart, handsome, and funny.", 0.8545),
            ("VADER is VERY SMART, handsome, and FUNNY.", 0.9227),
            ("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342),
            ("VADER is not smart, handsome, nor funny.", -0.7424),
            ("The book was good.", 0.4404),
            ("At least it isn't a horrible book.", 0.431),
            ("The book was only kind of good.", 0.3832),
            (
                "The plot was good, but the characters are uncompelling and the dialog is not great.",
                -0.7042,
            ),
            ("Today SUX!", -0.5461),
            ("Today only kinda sux! But I'll get by, lol", 0.5249),
            ("Make sure you :) or :D today!", 0.8633),
            ("Not bad at all", 0.431),
            ("", 0.0),
            // Edge rules, values from the reference on the same strings.
            ("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875),
            ("no good, no help", -0.4168),
            ("I was never so happy", 0.7702),
            ("It is sort of good", 0.3832),
            ("At least not the least helpful", 0.2466),
            ("Not such a badass after all.", -0.2584),
            ("GREAT service but TERRIBLE app", -0.516),
            ("Yeah right, great service???", 0.7808),
            ("kind of ok :( but :D", 0.7351),
            ("Without a doubt, an excellent idea.", 0.7013),
        ];
        for (text, want) in cases {
            assert_eq!(v.compound(text), want, "{text}");
        }
    }

    #[test]
    fn but_rule_finds_sentiments_by_value() {
        // Position 0 halves 3.8 to 1.9; position 3 then holds 1.9 too, and
        // `index(1.9)` finds position 0 again, so position 3 is never scaled.
        let lower: Vec<String> = ["a", "x", "but", "b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut s = vec![3.8, 0.0, 0.0, 1.9];
        but_check(&lower, &mut s);
        assert_eq!(s, vec![0.95, 0.0, 0.0, 1.9]);
    }
}
