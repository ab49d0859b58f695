//! Several connections (the app and the CLI, say) opening a library that
//! does not exist yet, at the same moment: each migrates it or finds it
//! migrated; none fails on a migration another has just applied.

use std::sync::{Arc, Barrier};

use waymark_store::Store;

#[test]
fn a_new_library_opened_at_once_by_many_is_migrated_once() {
    for round in 0..12 {
        let dir = tempfile::tempdir().unwrap();
        let path = Arc::new(dir.path().join("library.db"));
        let start = Arc::new(Barrier::new(6));
        let openers: Vec<_> = (0..6)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path).map(|store| store.list_maps().map(|m| m.len()))
                })
            })
            .collect();
        for opener in openers {
            let opened = opener.join().unwrap();
            assert!(
                matches!(opened, Ok(Ok(0))),
                "round {round}: {:?}",
                opened
                    .map(|r| r.map_err(|e| e.to_string()))
                    .map_err(|e| e.to_string())
            );
        }
    }
}
