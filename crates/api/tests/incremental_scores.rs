//! The live scorecard, re-scored only where edits touched the map
//! (`score_cache`), against a full re-score of the library's own document
//! after every step of random edit sequences: typed edits, replicas'
//! updates (cascading, hostile, made while apart) and writes by a second
//! `Library` on the file (another process) that this one catches up with.

use proptest::prelude::*;
use waymark_api::Library;
use waymark_core::arbitrary::edits::{apply, make, steps, sync, Step};
use waymark_core::doc::read_journey;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Transact, Update};

fn mirror_apply(doc: &Doc, update: &[u8]) {
    doc.transact_mut()
        .apply_update(Update::decode_v1(update).unwrap())
        .unwrap();
}

/// One step through `lib`, as in `tests/incremental.rs`.
fn write(lib: &Library, id: &str, step: &Step, replica: &Doc, mirror: &Doc) {
    if step.seed.is_multiple_of(4) {
        let _refused_or_done = lib.edit_update(id, "local", |j| {
            apply(&step.edit, j, step.seed);
            Ok(())
        });
    } else {
        let update = make(step, replica, mirror);
        lib.apply_update(id, &update, "test").unwrap();
    }
    mirror_apply(mirror, &lib.encode_state(id).unwrap());
}

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
    let doc = Doc::new();
    mirror_apply(&doc, &lib.encode_state(id).unwrap());
    let journey = read_journey(&doc).journey;
    waymark_score::score_as_of(&journey, waves(lib, id), &waymark_score::AsOf::Latest).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn live_scores_equal_a_full_rescore(
        start in waymark_core::arbitrary::journey(),
        steps in steps(24),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let lib = Library::open(&path).unwrap();
        let id = lib.insert_journey(start).unwrap();
        let other = Library::open(&path).unwrap();
        let mirror = Doc::new();
        mirror_apply(&mirror, &lib.encode_state(&id).unwrap());
        let (a, b) = (Doc::new(), Doc::new());
        sync(&mirror, &a);
        sync(&mirror, &b);
        // Scored once before the edits, so the parts are kept from here on.
        prop_assert_eq!(lib.score(&id).unwrap(), full_score(&lib, &id));
        for step in &steps {
            let (writer, replica) = if step.on_b && step.seed.is_multiple_of(3) {
                (&other, &b)
            } else {
                (&lib, if step.on_b { &b } else { &a })
            };
            write(writer, &id, step, replica, &mirror);
            // Scored after every step when the step asks, else edits pile
            // up between two requests.
            if step.project {
                prop_assert_eq!(lib.score(&id).unwrap(), full_score(&lib, &id), "after {:?}", step);
            }
        }
        prop_assert_eq!(lib.score(&id).unwrap(), full_score(&lib, &id));
        let journey = lib.journey(&id).unwrap();
        let latest =
            waymark_score::score_as_of(&journey, waves(&lib, &id), &waymark_score::AsOf::Latest)
                .unwrap();
        prop_assert_eq!(lib.board(&id).unwrap(), waymark_score::board(&journey, &latest));
    }
}
