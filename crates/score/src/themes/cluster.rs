//! Grouping comments by shared terms, greedily and explainably: the term
//! most comments share (a two-word term counts extra) founds a theme holding
//! every comment that mentions it; the theme's signature is that term and
//! the terms most of its comments share; the rest of the comments go round
//! again. Comments left over join the theme whose signature they share
//! most, or stay unthemed. Ties break on the term's text, so the same
//! comments always give the same themes in the same order.

use std::collections::{BTreeMap, BTreeSet};

/// The knobs, tuned on the first half of `tests/data/themes/labelled.csv`
/// (see the README's "Themes" section).
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// Fewest comments that make a theme.
    pub min_support: usize,
    /// Weight of a two-word term against a one-word term sharing its count.
    pub bigram_weight: f64,
    /// Share of a theme's comments a term needs to join its signature.
    pub signature_share: f64,
    /// Most themes per group.
    pub max_themes: usize,
    /// Signature terms a left-over comment must share to join a theme.
    pub join_overlap: usize,
}

pub const TUNING: Tuning = Tuning {
    min_support: 2,
    bigram_weight: 2.0,
    signature_share: 0.5,
    max_themes: 30,
    join_overlap: 1,
};

/// One theme found: its founding term, signature and members (indices into
/// the comments given).
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub seed: String,
    pub signature: BTreeSet<String>,
    pub members: Vec<usize>,
}

fn weight(term: &str, t: &Tuning) -> f64 {
    if term.contains(' ') {
        t.bigram_weight
    } else {
        1.0
    }
}

/// Clusters comments given as term sets; members of each cluster in input
/// order, clusters by size (largest first), then by seed.
pub fn cluster(terms: &[BTreeSet<String>], t: &Tuning) -> Vec<Cluster> {
    let mut free: BTreeSet<usize> = (0..terms.len()).collect();
    let mut out: Vec<Cluster> = Vec::new();
    while out.len() < t.max_themes {
        let mut df: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &free {
            for term in &terms[i] {
                *df.entry(term.as_str()).or_default() += 1;
            }
        }
        // Highest weighted count; BTreeMap order makes the first of equals
        // the alphabetically first.
        let mut best: Option<(&str, f64)> = None;
        for (&term, &n) in &df {
            if n < t.min_support {
                continue;
            }
            let score = n as f64 * weight(term, t);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((term, score));
            }
        }
        let Some((seed, _)) = best else { break };
        let seed = seed.to_string();
        let members: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&i| terms[i].contains(&seed))
            .collect();
        let mut signature = BTreeSet::from([seed.clone()]);
        let mut within: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &members {
            for term in &terms[i] {
                *within.entry(term.as_str()).or_default() += 1;
            }
        }
        for (term, n) in within {
            if n >= t.min_support && n as f64 >= t.signature_share * members.len() as f64 {
                signature.insert(term.to_string());
            }
        }
        for i in &members {
            free.remove(i);
        }
        out.push(Cluster {
            seed,
            signature,
            members,
        });
    }
    // Left-over comments join the theme whose signature they share most
    // (the earlier theme among equals).
    for &i in &free {
        let mut best: Option<(usize, usize)> = None;
        for (k, c) in out.iter().enumerate() {
            let shared = c.signature.intersection(&terms[i]).count();
            if shared >= t.join_overlap && best.is_none_or(|(_, s)| shared > s) {
                best = Some((k, shared));
            }
        }
        if let Some((k, _)) = best {
            out[k].members.push(i);
        }
    }
    for c in &mut out {
        c.members.sort_unstable();
    }
    out.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then_with(|| a.seed.cmp(&b.seed))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(terms: &[&str]) -> BTreeSet<String> {
        terms.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_most_shared_term_founds_the_first_theme() {
        let comments = [
            set(&["refund", "slow"]),
            set(&["refund", "late"]),
            set(&["refund"]),
            set(&["app", "login"]),
            set(&["app", "crash"]),
            set(&["parking"]),
        ];
        let c = cluster(&comments, &TUNING);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].seed, "refund");
        assert_eq!(c[0].members, vec![0, 1, 2]);
        assert_eq!(c[1].seed, "app");
        assert_eq!(c[1].members, vec![3, 4]);
    }

    #[test]
    fn equal_counts_break_on_the_term() {
        let comments = [set(&["b"]), set(&["b"]), set(&["a"]), set(&["a"])];
        let c = cluster(&comments, &TUNING);
        assert_eq!(c[0].seed, "a");
        assert_eq!(c[1].seed, "b");
    }
}
