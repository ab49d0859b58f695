//! The library's projection and derived rows, kept up to date from what each
//! update touched, against the full projection of its document: random
//! replicas' updates (typed, cascading, hostile, made while apart), typed
//! edits, and writes by a second `Library` on the file (as another process)
//! that this one catches up with. The model must be the full projection
//! of the library's own document, the rows that model.

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

/// One step through `lib`: a typed edit (refused when it leaves the map
/// invalid) or a replica's update. The mirror then holds what `lib`'s
/// document holds (a reload after a refused edit converts text fields a
/// hostile replica wrote as plain strings, and stores that too).
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

/// The full projection of the library's document.
fn full(lib: &Library, id: &str) -> waymark_core::Journey {
    let doc = Doc::new();
    mirror_apply(&doc, &lib.encode_state(id).unwrap());
    read_journey(&doc).journey
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn projection_and_rows_follow_random_updates(
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
        for step in &steps {
            // Now and then another process writes; this one catches up.
            let (writer, replica) = if step.on_b && step.seed.is_multiple_of(3) {
                (&other, &b)
            } else {
                (&lib, if step.on_b { &b } else { &a })
            };
            write(writer, &id, step, replica, &mirror);
            if step.project {
                prop_assert_eq!(lib.journey(&id).unwrap(), full(&lib, &id), "after {:?}", step);
                prop_assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());
            }
        }
        prop_assert_eq!(lib.journey(&id).unwrap(), full(&lib, &id));
        prop_assert_eq!(lib.derived_differences(&id).unwrap(), Vec::<String>::new());
        drop(other);
        let fresh = Library::open(&path).unwrap();
        prop_assert_eq!(fresh.journey(&id).unwrap(), full(&fresh, &id));
    }
}
