//! The library's projection and derived rows, kept up to date from what each
//! update touched, against the full projection of its document: random
//! replicas' updates (typed, cascading, hostile, made while apart), typed
//! edits, and writes by a second `Library` on the file (as another process)
//! that this one catches up with. The model must be the full projection
//! of the library's own document, the rows that model.

mod common;

use common::{full, Race};
use proptest::prelude::*;
use waymark_api::Library;
use waymark_core::arbitrary::edits::steps;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn projection_and_rows_follow_random_updates(
        start in waymark_core::arbitrary::journey(),
        steps in steps(24),
    ) {
        let race = Race::new(start);
        let (lib, id) = (&race.lib, &race.id);
        for step in &steps {
            race.step(step);
            if step.project {
                prop_assert_eq!(lib.journey(id).unwrap(), full(lib, id), "after {:?}", step);
                prop_assert_eq!(lib.derived_differences(id).unwrap(), Vec::<String>::new());
            }
        }
        prop_assert_eq!(lib.journey(id).unwrap(), full(lib, id));
        prop_assert_eq!(lib.derived_differences(id).unwrap(), Vec::<String>::new());
        let fresh = Library::open(&race.path).unwrap();
        prop_assert_eq!(fresh.journey(id).unwrap(), full(&fresh, id));
    }
}
