//! The live scorecard, re-scored only where edits touched the map
//! (`score_cache`), against a full re-score of the library's own document
//! after every step of random edit sequences: typed edits, replicas'
//! updates (cascading, hostile, made while apart) and writes by a second
//! `Library` on the file (another process) that this one catches up with.

mod common;

use common::{full, Race};
use proptest::prelude::*;
use waymark_api::Library;
use waymark_core::arbitrary::edits::steps;

/// The map's wave labels, oldest first.
fn waves(lib: &Library, id: &str) -> Vec<String> {
    lib.waves(id)
        .unwrap()
        .into_iter()
        .map(|w| w.label)
        .collect()
}

/// The scorecard of the full projection of the library's document, as of
/// its latest wave (as the library scores it).
fn full_score(lib: &Library, id: &str) -> waymark_score::Scorecard {
    waymark_score::score_as_of(&full(lib, id), waves(lib, id), &waymark_score::AsOf::Latest)
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn live_scores_equal_a_full_rescore(
        start in waymark_core::arbitrary::journey(),
        steps in steps(24),
    ) {
        let race = Race::new(start);
        let (lib, id) = (&race.lib, &race.id);
        // Scored once before the edits, so the parts are kept from here on.
        prop_assert_eq!(lib.score(id).unwrap(), full_score(lib, id));
        for step in &steps {
            race.step(step);
            // Scored after every step when the step asks, else edits pile
            // up between two requests.
            if step.project {
                prop_assert_eq!(lib.score(id).unwrap(), full_score(lib, id), "after {:?}", step);
            }
        }
        prop_assert_eq!(lib.score(id).unwrap(), full_score(lib, id));
        let journey = lib.journey(id).unwrap();
        let latest =
            waymark_score::score_as_of(&journey, waves(lib, id), &waymark_score::AsOf::Latest)
                .unwrap();
        prop_assert_eq!(lib.board(id).unwrap(), waymark_score::board(&journey, &latest));
    }
}
