//! Opening map files like desktop software (`Library::open_file`): the same
//! bytes open the same map, other bytes or a deleted map import anew.

use waymark_api::{ExportFormat, Library};

#[test]
fn the_same_file_opens_the_same_map_and_edited_files_import_anew() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let source = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let file = dir.path().join("card.waymark");
    std::fs::write(
        &file,
        lib.export(&source, ExportFormat::Waymark, None).unwrap(),
    )
    .unwrap();

    let first = lib.open_file(&file).unwrap();
    assert!(first.imported);
    assert_ne!(first.id, source);
    // Its title was taken (the map it was exported from): both are kept.
    assert_eq!(
        lib.journey(&first.id).unwrap().title,
        "Lost bank card abroad (2)"
    );
    assert_eq!(lib.journey(&source).unwrap().title, "Lost bank card abroad");
    // Double-clicked again, and a copy under another name: the same map.
    let again = lib.open_file(&file).unwrap();
    assert_eq!(
        (again.id.as_str(), again.imported),
        (first.id.as_str(), false)
    );
    let copy = dir.path().join("card (1).waymark");
    std::fs::copy(&file, &copy).unwrap();
    assert_eq!(lib.open_file(&copy).unwrap().id, first.id);
    // Another process sees the same record.
    let other = Library::open(&dir.path().join("library.db")).unwrap();
    assert_eq!(other.open_file(&file).unwrap().id, first.id);
    assert_eq!(lib.list_maps().unwrap().len(), 2);

    // Edited elsewhere: a new map, the first one untouched.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("Lost bank card abroad", "Lost card, edited"),
    )
    .unwrap();
    let edited = lib.open_file(&file).unwrap();
    assert!(edited.imported);
    assert_eq!(lib.journey(&edited.id).unwrap().title, "Lost card, edited");

    // A map in the trash is not reopened: the file makes a new one.
    lib.move_to_trash(&first.id).unwrap();
    let after_trash = lib.open_file(&copy).unwrap();
    assert!(after_trash.imported);
    assert_ne!(after_trash.id, first.id);
}

#[test]
fn mermaid_files_open_through_the_same_path_and_bad_files_name_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let mmd = dir.path().join("flow.mmd");
    std::fs::write(
        &mmd,
        "journey\n  title Coffee run\n  section Order\n    Pick a drink: 4: Me\n",
    )
    .unwrap();
    let opened = lib.open_file(&mmd).unwrap();
    assert_eq!(lib.journey(&opened.id).unwrap().title, "Coffee run");
    assert_eq!(lib.open_file(&mmd).unwrap().id, opened.id);

    let missing = dir.path().join("gone.waymark");
    let err = lib.open_file(&missing).unwrap_err().to_string();
    assert!(err.contains("gone.waymark"), "{err}");
    let broken = dir.path().join("broken.waymark");
    std::fs::write(&broken, "{ not json").unwrap();
    let err = lib.open_file(&broken).unwrap_err().to_string();
    assert!(err.contains("broken.waymark"), "{err}");
    assert_eq!(lib.list_maps().unwrap().len(), 1);
}

#[test]
fn maps_imported_under_a_taken_title_get_the_next_free_suffix() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library.db")).unwrap();
    let source = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let text = lib.export(&source, ExportFormat::Waymark, None).unwrap();
    let a = lib.import("a.waymark", &text, None).unwrap();
    let b = lib.import("b.waymark", &text, None).unwrap();
    let other = lib.create_map(None, Some("Something else")).unwrap();
    let clashes = lib
        .title_clashes(&[a.clone(), b.clone(), other.clone()])
        .unwrap();
    let renames: Vec<(&str, &str, &str)> = clashes
        .iter()
        .map(|c| (c.id.as_str(), c.was.as_str(), c.title.as_str()))
        .collect();
    assert_eq!(
        renames,
        [
            (
                a.as_str(),
                "Lost bank card abroad",
                "Lost bank card abroad (2)"
            ),
            (
                b.as_str(),
                "Lost bank card abroad",
                "Lost bank card abroad (3)"
            ),
        ]
    );
    assert_eq!(lib.title_clashes(&[other]).unwrap(), []);
}
