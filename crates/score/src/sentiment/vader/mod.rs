//! A line-by-line port of VADER 3.3.2 (`vaderSentiment.py`, C.J. Hutto, MIT).
//!
//! The published crates diverge from the Python reference (no "no" negation,
//! a different `but` rule, tokens of one character dropped, a miswritten
//! "at least" check), and CX teams compare our numbers with notebooks that use
//! the Python package. So this module follows the reference rule for rule,
//! including its quirks: the `but` rule locates each sentiment by *value*
//! (`list.index`), and the three-words-back negation check multiplies by 1.25
//! whenever "so"/"this" directly precedes the word. Changing either would make
//! scores drift from the reference; the comparison tests pin them.
//!
//! Speed without drift: each token is lower-cased, looked up and classified
//! once (the reference re-lowers and re-looks-up the whole text per word),
//! words borrow from the text unless lower-casing changes them, the n-gram
//! idiom checks compare words instead of formatting strings, and rounding
//! takes the exact decimal route only when a value is near a tie.
//!
//! The lexicons are the files shipped in the pip package, included verbatim
//! with their licence (see `LICENSE-vaderSentiment.txt`).

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;

mod python;
mod words;

use python::{is_py_space, py_isupper, py_lower, py_round, py_strip, strip_punc_if_word};
use words::{booster, booster_pair, negated, special_case};

static LEXICON_TXT: &str = include_str!("../vader_lexicon.txt");
static EMOJI_TXT: &str = include_str!("../emoji_utf8_lexicon.txt");

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
    lexicon: FxHashMap<&'static str, f64>,
    emojis: FxHashMap<char, &'static str>,
}

/// One word of the text with what the rules ask about it, worked out once.
struct Token<'t> {
    lower: Cow<'t, str>,
    /// Valence in the lexicon.
    lex: Option<f64>,
    /// `str.isupper()` of the word as written (the ALL-CAPS rules).
    upper: bool,
}

impl Token<'_> {
    fn is(&self, w: &str) -> bool {
        self.lower == w
    }
}

impl Vader {
    /// The shared analyzer; parsing the 7,500-word lexicon takes a few
    /// milliseconds, so it is done once per process.
    pub fn get() -> &'static Vader {
        static VADER: OnceLock<Vader> = OnceLock::new();
        VADER.get_or_init(Vader::new)
    }

    fn new() -> Vader {
        let mut lexicon = FxHashMap::default();
        lexicon.reserve(7600);
        for line in LEXICON_TXT.trim_end_matches('\n').split('\n') {
            if line.is_empty() {
                continue;
            }
            let mut cols = py_strip(line).split('\t');
            if let (Some(word), Some(measure)) = (cols.next(), cols.next()) {
                if let Ok(v) = measure.parse::<f64>() {
                    lexicon.insert(word, v);
                }
            }
        }
        let mut emojis = FxHashMap::default();
        for line in EMOJI_TXT.trim_end_matches('\n').split('\n') {
            let mut cols = py_strip(line).split('\t');
            if let (Some(emoji), Some(desc)) = (cols.next(), cols.next()) {
                // The reference looks emojis up one code point at a time, so
                // multi-code-point sequences in the file never match.
                let mut chars = emoji.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    emojis.insert(c, desc);
                }
            }
        }
        Vader { lexicon, emojis }
    }

    /// Compound score in −1..1, rounded to 4 places like the reference.
    pub fn compound(&self, text: &str) -> f64 {
        let text = self.replace_emojis(text);
        let text = py_strip(&text);
        let sentiments = self.sentiments(text);
        if sentiments.is_empty() {
            return 0.0;
        }
        let (compound, _) = compound_and_punct(&sentiments, text);
        py_round(compound, 4)
    }

    pub fn polarity_scores(&self, text: &str) -> Polarity {
        let text = self.replace_emojis(text);
        let text = py_strip(&text);
        score_valence(&self.sentiments(text), text)
    }

    /// Each word's valence after the rules, before the `but` weighting's
    /// sum (the reference's `polarity_scores` loop plus `_but_check`).
    fn sentiments(&self, text: &str) -> Vec<f64> {
        let tokens: Vec<Token> = text
            .split(is_py_space)
            .filter(|w| !w.is_empty())
            .map(|w| {
                let word = strip_punc_if_word(w);
                let lower = py_lower(word);
                Token {
                    lex: self.lexicon.get(lower.as_ref()).copied(),
                    upper: py_isupper(word),
                    lower,
                }
            })
            .collect();
        let cap_diff = allcap_differential(&tokens);
        let ctx = Ctx {
            t: &tokens,
            cap_diff,
        };
        let n = tokens.len();
        let mut sentiments = Vec::with_capacity(n);
        for i in 0..n {
            let t = &tokens[i];
            if t.lex.is_none() || booster(&t.lower).is_some() {
                // Boosters score 0 here; words outside the lexicon too.
                sentiments.push(0.0);
                continue;
            }
            if i + 1 < n && t.is("kind") && tokens[i + 1].is("of") {
                sentiments.push(0.0);
                continue;
            }
            sentiments.push(ctx.sentiment_valence(i));
        }
        let but_at = tokens.iter().position(|t| t.is("but"));
        but_check(but_at, &mut sentiments);
        sentiments
    }

    /// Emojis become their descriptions, as in the reference; texts without
    /// one (nearly all) are borrowed as they are.
    fn replace_emojis<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let any = !text.is_ascii()
            && text
                .chars()
                .any(|c| !c.is_ascii() && self.emojis.contains_key(&c));
        if !any {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 32);
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
        Cow::Owned(out)
    }
}

struct Ctx<'a, 't> {
    t: &'a [Token<'t>],
    cap_diff: bool,
}

impl Ctx<'_, '_> {
    fn in_lex(&self, j: usize) -> bool {
        self.t[j].lex.is_some()
    }

    fn is(&self, j: usize, w: &str) -> bool {
        self.t[j].is(w)
    }

    fn sentiment_valence(&self, i: usize) -> f64 {
        let t = self.t;
        let Some(lex_value) = t[i].lex else {
            return 0.0;
        };
        let n = t.len();
        let mut valence = lex_value;
        if t[i].is("no") && i != n - 1 && self.in_lex(i + 1) {
            valence = 0.0;
        }
        if (i > 0 && self.is(i - 1, "no"))
            || (i > 1 && self.is(i - 2, "no"))
            || (i > 2 && self.is(i - 3, "no") && (self.is(i - 1, "or") || self.is(i - 1, "nor")))
        {
            valence = lex_value * N_SCALAR;
        }
        if t[i].upper && self.cap_diff {
            if valence > 0.0 {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }
        for start_i in 0..3 {
            if i > start_i && !self.in_lex(i - (start_i + 1)) {
                let mut s = scalar_inc_dec(&t[i - (start_i + 1)], valence, self.cap_diff);
                if start_i == 1 && s != 0.0 {
                    s *= 0.95;
                }
                if start_i == 2 && s != 0.0 {
                    s *= 0.9;
                }
                valence += s;
                valence = negation_check(valence, t, start_i, i);
                if start_i == 2 {
                    valence = special_idioms_check(valence, t, i);
                }
            }
        }
        self.least_check(valence, i)
    }

    fn least_check(&self, mut valence: f64, i: usize) -> f64 {
        if i > 1 && !self.in_lex(i - 1) && self.is(i - 1, "least") {
            if !self.is(i - 2, "at") && !self.is(i - 2, "very") {
                valence *= N_SCALAR;
            }
        } else if i > 0 && !self.in_lex(i - 1) && self.is(i - 1, "least") {
            valence *= N_SCALAR;
        }
        valence
    }
}

fn negation_check(mut valence: f64, t: &[Token], start_i: usize, i: usize) -> f64 {
    let w = |k: usize| t[i - k].lower.as_ref();
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

/// The reference joins two or three words with spaces and looks the phrase
/// up in its idiom and booster tables. Words never contain spaces, so
/// comparing word by word finds the same phrases without building strings.
fn special_idioms_check(mut valence: f64, t: &[Token], i: usize) -> f64 {
    let l = |k: usize| t[k].lower.as_ref();
    let (w3, w2, w1, w0) = (l(i - 3), l(i - 2), l(i - 1), l(i));
    let seqs: [&[&str]; 5] = [
        &[w1, w0],
        &[w2, w1, w0],
        &[w2, w1],
        &[w3, w2, w1],
        &[w3, w2],
    ];
    for seq in seqs {
        if let Some(v) = special_case(seq) {
            valence = v;
            break;
        }
    }
    if t.len() - 1 > i {
        if let Some(v) = special_case(&[w0, l(i + 1)]) {
            valence = v;
        }
    }
    if t.len() - 1 > i + 1 {
        if let Some(v) = special_case(&[w0, l(i + 1), l(i + 2)]) {
            valence = v;
        }
    }
    // Only two-word boosters exist ("kind of", "sort of", "just enough"), so
    // the reference's three-word look-up never matches.
    for (a, b) in [(w3, w2), (w2, w1)] {
        if let Some(v) = booster_pair(a, b) {
            valence += v;
        }
    }
    valence
}

/// The reference's `_but_check`, quirk included: each sentiment is found
/// again with `list.index(value)`, i.e. at the first position holding an
/// equal value, which is not always its own position. `but_at` is the first
/// "but".
fn but_check(but_at: Option<usize>, sentiments: &mut [f64]) {
    let Some(bi) = but_at else {
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

/// The compound score before rounding, and the punctuation emphasis the
/// proportions need too.
fn compound_and_punct(sentiments: &[f64], text: &str) -> (f64, f64) {
    let mut sum_s: f64 = sentiments.iter().fold(0.0, |a, b| a + b);
    let punct = punctuation_emphasis(text);
    if sum_s > 0.0 {
        sum_s += punct;
    } else if sum_s < 0.0 {
        sum_s -= punct;
    }
    (normalize(sum_s), punct)
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
    let (compound, punct) = compound_and_punct(sentiments, text);
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
    let (mut ep_count, mut qm_count) = (0usize, 0usize);
    for b in text.bytes() {
        ep_count += usize::from(b == b'!');
        qm_count += usize::from(b == b'?');
    }
    let ep = ep_count.min(4) as f64 * 0.292;
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

fn scalar_inc_dec(t: &Token, valence: f64, cap_diff: bool) -> f64 {
    let Some(mut scalar) = booster(&t.lower) else {
        return 0.0;
    };
    if valence < 0.0 {
        scalar *= -1.0;
    }
    if t.upper && cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

fn allcap_differential(tokens: &[Token]) -> bool {
    let caps = tokens.iter().filter(|t| t.upper).count();
    let diff = tokens.len() - caps;
    0 < diff && diff < tokens.len()
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

    /// The fast rounding route gives what formatting gives, near ties too.
    #[test]
    fn rounding_matches_the_decimal_route() {
        let decimal = |x: f64, p: usize| -> f64 { format!("{x:.p$}").parse().unwrap() };
        let mut rng = waymark_core::synth::Rng::new(3);
        for k in -10_000i64..=10_000 {
            for x in [
                k as f64 / 10_000.0,
                (k as f64 + 0.5) / 10_000.0,
                (k as f64 + 0.5) / 1_000.0 / 10.0,
                k as f64 / 10_000.0 + 1e-9,
                (rng.next_u64() as f64 / u64::MAX as f64) * 2.0 - 1.0,
            ] {
                assert_eq!(py_round(x, 4).to_bits(), decimal(x, 4).to_bits(), "{x:e}");
                let y = x.abs();
                assert_eq!(py_round(y, 3).to_bits(), decimal(y, 3).to_bits(), "{y:e}");
            }
        }
    }

    #[test]
    fn but_rule_finds_sentiments_by_value() {
        // Position 0 halves 3.8 to 1.9; position 3 then holds 1.9 too, and
        // `index(1.9)` finds position 0 again, so position 3 is never scaled.
        let mut s = vec![3.8, 0.0, 0.0, 1.9];
        but_check(Some(2), &mut s);
        assert_eq!(s, vec![0.95, 0.0, 0.0, 1.9]);
    }
}
