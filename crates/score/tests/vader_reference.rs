//! Our VADER port against the Python reference on 200+ customer-service
//! comments (expected values from `tests/data/gen_expected.py`) and on 300
//! generated ones (`tests/data/gen_generated.py`).

use std::collections::HashMap;

use waymark_score::sentiment::{compound, sample::distinct_comments, Vader};

const COMMENTS: &str = include_str!("data/comments.tsv");
const EXCEPTIONS: &str = include_str!("data/vader_exceptions.tsv");
const GENERATED: &str = include_str!("data/generated.tsv");

#[test]
fn compound_matches_python_reference() {
    let exceptions: HashMap<&str, &str> = EXCEPTIONS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (c, why) = l.split_once('\t').expect("comment<TAB>reason");
            assert!(!why.trim().is_empty(), "exception without a reason: {c}");
            (c, why)
        })
        .collect();
    let mut rows = 0;
    let mut exact = 0;
    let mut failures = Vec::new();
    for line in COMMENTS.lines().skip(1) {
        let (comment, expected) = line.split_once('\t').expect("comment<TAB>expected");
        let expected: f64 = expected.parse().expect("number");
        let got = compound(comment);
        rows += 1;
        if (got - expected).abs() < 1e-9 {
            exact += 1;
        }
        if (got - expected).abs() > 0.05 && !exceptions.contains_key(comment) {
            failures.push(format!("{comment:?}: rust {got}, python {expected}"));
        }
    }
    assert!(rows >= 200, "only {rows} comments");
    eprintln!(
        "{exact} of {rows} comments identical to 4 places; {} listed exceptions",
        exceptions.len()
    );
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// 300 comments from the generator (seed 2026) that nobody wrote by hand,
/// with the reference's scores (`tests/data/gen_generated.py`): every one
/// must be identical, scored without the cache.
#[test]
fn generated_comments_match_python_reference_exactly() {
    let rows: Vec<(&str, f64)> = GENERATED
        .lines()
        .skip(1)
        .map(|l| {
            let (c, e) = l.split_once('\t').expect("comment<TAB>expected");
            (c, e.parse().expect("number"))
        })
        .collect();
    assert_eq!(rows.len(), 300);
    let generated = distinct_comments(300, 2026);
    let vader = Vader::get();
    let mut failures = Vec::new();
    for ((comment, expected), fresh) in rows.iter().zip(&generated) {
        assert_eq!(
            comment, fresh,
            "the generator changed; rerun gen_generated.py"
        );
        let got = vader.compound(comment);
        if got != *expected {
            failures.push(format!("{comment:?}: rust {got}, python {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
