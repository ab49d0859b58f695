//! Themes from verbatims (issue 17): what a touchpoint's comments are about,
//! found locally and deterministically, with no model. Each comment is cut
//! into keyphrases ([`terms`]), comments are grouped by the terms they share
//! ([`cluster`]), and each group becomes a [`Theme`] with a label made from
//! its own words, its count and share, its mean VADER sentiment, its effort
//! cues and up to [`QUOTES`] comments quoted as written.

mod cluster;
pub mod terms;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::{Deserialize, Serialize};
use waymark_core::SurveyResponse;

pub use cluster::{Tuning, TUNING};

use crate::sentiment::{compound, effort_cues, CUES};
use crate::EffortCue;

/// Example comments kept per theme.
pub const QUOTES: usize = 3;

/// One theme of a group of comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Theme {
    /// Made from the theme's words: its most frequent keyphrase.
    pub label: String,
    /// The words its comments share, as most of them write them.
    pub terms: Vec<String>,
    /// Comments in the theme (each comment is in one theme at most).
    pub count: usize,
    /// `count` over all the group's comments, 0..1.
    pub share: f64,
    /// Mean VADER compound score of its comments, −1..1.
    pub sentiment: f64,
    /// Effort cues in its comments, most frequent first.
    pub effort_cues: Vec<EffortCue>,
    /// Up to [`QUOTES`] of its comments, exactly as written.
    pub quotes: Vec<String>,
}

/// The themes of one group of comments (a touchpoint, a stage, a wave).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct Themes {
    /// Distinct non-empty comments in the group.
    pub comments: usize,
    /// Comments in no theme (they share no words with enough others).
    pub unthemed: usize,
    /// Largest first, then by label.
    pub themes: Vec<Theme>,
}

/// The distinct non-empty comments of `answers`, counted once per
/// respondent and date as the scorecard counts them, in the order given.
pub fn comments<'a>(answers: impl IntoIterator<Item = &'a SurveyResponse>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for r in answers {
        let text = r.comment.trim();
        if !text.is_empty() && seen.insert((r.respondent.as_str(), r.date.as_str(), text)) {
            out.push(text);
        }
    }
    out
}

/// The themes of `answers`' comments.
pub fn themes_of<'a>(answers: impl IntoIterator<Item = &'a SurveyResponse>) -> Themes {
    themes(&comments(answers), &TUNING)
}

/// The themes of `comments` (their order matters only for quotes among
/// equals).
pub fn themes(comments: &[&str], tuning: &Tuning) -> Themes {
    themes_with_members(comments, tuning).0
}

/// [`themes`], with each theme's comments (indices into `comments`, in
/// order), for measuring the themes against a labelled sample.
pub fn themes_with_members(comments: &[&str], tuning: &Tuning) -> (Themes, Vec<Vec<usize>>) {
    let phrases: Vec<_> = comments.iter().map(|c| terms::keyphrases(c)).collect();
    let term_sets: Vec<_> = phrases.iter().map(|p| terms::terms(p)).collect();
    let total = comments.len();
    let mut found: Vec<(Theme, Vec<usize>)> = cluster::cluster(&term_sets, tuning)
        .into_iter()
        .map(|c| {
            let members = c.members;
            let mut cue_counts = [0usize; CUES.len()];
            let mut sum = 0.0;
            for &i in &members {
                sum += compound(comments[i]);
                for cue in effort_cues(comments[i]) {
                    if let Some(k) = CUES.iter().position(|x| *x == cue) {
                        cue_counts[k] += 1;
                    }
                }
            }
            let mut effort: Vec<EffortCue> = CUES
                .iter()
                .zip(cue_counts)
                .filter(|(_, n)| *n > 0)
                .map(|(c, n)| EffortCue {
                    cue: c.to_string(),
                    comments: n,
                })
                .collect();
            effort.sort_by_key(|c| std::cmp::Reverse(c.comments));
            let theme = Theme {
                label: label(&c.seed, &members, &phrases),
                terms: surfaces(&c.signature, &members, &phrases),
                count: members.len(),
                share: members.len() as f64 / total as f64,
                sentiment: sum / members.len() as f64,
                effort_cues: effort,
                quotes: quotes(&c.signature, &members, comments, &term_sets),
            };
            (theme, members)
        })
        .collect();
    found.sort_by(|a, b| {
        b.0.count
            .cmp(&a.0.count)
            .then_with(|| a.0.label.cmp(&b.0.label))
    });
    let themed: usize = found.iter().map(|f| f.0.count).sum();
    let (themes, members) = found.into_iter().unzip();
    (
        Themes {
            comments: total,
            unthemed: total - themed,
            themes,
        },
        members,
    )
}

/// The most frequent run of up to three words, written as in the comments,
/// that holds the theme's founding term; a longer run wins when it is at
/// least half as frequent as the shorter one it extends.
fn label(seed: &str, members: &[usize], phrases: &[Vec<Vec<terms::Word>>]) -> String {
    let seed: Vec<&str> = seed.split(' ').collect();
    let mut counts: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for &i in members {
        let mut seen = HashSet::new();
        for p in &phrases[i] {
            for len in seed.len()..=3 {
                for start in 0..p.len().saturating_sub(len - 1) {
                    let window = &p[start..start + len];
                    let stems: Vec<&str> = window.iter().map(|w| w.stem.as_str()).collect();
                    if !stems.windows(seed.len()).any(|s| s == seed.as_slice()) {
                        continue;
                    }
                    let words: Vec<String> = window.iter().map(|w| w.surface.clone()).collect();
                    if seen.insert(words.clone()) {
                        *counts.entry(words).or_default() += 1;
                    }
                }
            }
        }
    }
    // The best run of each length, shortest first.
    let mut best: Option<(Vec<String>, usize)> = None;
    for len in seed.len()..=3 {
        let top = counts
            .iter()
            .filter(|(w, n)| w.len() == len && **n >= 2)
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
        if let Some((w, &n)) = top {
            match &best {
                None => best = Some((w.clone(), n)),
                Some((_, m)) if n * 2 >= *m => best = Some((w.clone(), n)),
                _ => {}
            }
        }
    }
    best.map(|(w, _)| w.join(" ")).unwrap_or_else(|| {
        // A single founding comment's words (only with a support of 1).
        counts
            .keys()
            .next()
            .map(|w| w.join(" "))
            .unwrap_or_default()
    })
}

/// Each single-word signature term as most members write it.
fn surfaces(
    signature: &BTreeSet<String>,
    members: &[usize],
    phrases: &[Vec<Vec<terms::Word>>],
) -> Vec<String> {
    let mut by_stem: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for &i in members {
        for w in phrases[i].iter().flatten() {
            if signature.contains(&w.stem) {
                *by_stem
                    .entry(w.stem.as_str())
                    .or_default()
                    .entry(w.surface.as_str())
                    .or_default() += 1;
            }
        }
    }
    let mut out: Vec<(usize, String)> = by_stem
        .values()
        .filter_map(|forms| {
            let total = forms.values().sum();
            forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(s, _)| (total, s.to_string()))
        })
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.into_iter().map(|(_, s)| s).collect()
}

/// The members sharing most of the signature, shorter first among equals,
/// each text once.
fn quotes(
    signature: &BTreeSet<String>,
    members: &[usize],
    comments: &[&str],
    term_sets: &[BTreeSet<String>],
) -> Vec<String> {
    let mut ranked: Vec<(usize, usize, &str)> = members
        .iter()
        .map(|&i| {
            let shared = signature.intersection(&term_sets[i]).count();
            (shared, comments[i].chars().count(), comments[i])
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    let mut seen = HashSet::new();
    ranked
        .into_iter()
        .filter(|(_, _, t)| seen.insert(*t))
        .take(QUOTES)
        .map(|(_, _, t)| t.to_string())
        .collect()
}
