//! `waymark watch`'s folder watch on a real library file and real files:
//! a file is taken only once it holds still between two looks, its bytes
//! are remembered in the library so a restarted watch skips it, a changed
//! file replaces its wave, and a bad file is reported without stopping the
//! watch.

use std::path::Path;

use waymark_api::survey::SurveyColumns;
use waymark_api::survey_watch::{FolderWatch, WatchEvent};
use waymark_api::Library;

/// What one look reported, as short words: "wait:a.csv", "in:a.csv:3", …
fn look(w: &mut FolderWatch, lib: &Library) -> Vec<String> {
    let mut out = Vec::new();
    w.scan(lib, |e| {
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().to_string();
        match e {
            WatchEvent::Importing { .. } => {}
            WatchEvent::Imported { file, import } => {
                out.push(format!("in:{}:{}", name(&file), import.wave.answers))
            }
            WatchEvent::AlreadyImported { file, wave } => {
                out.push(format!("known:{}:{wave}", name(&file)))
            }
            WatchEvent::StillWriting { file } => out.push(format!("wait:{}", name(&file))),
            WatchEvent::Failed { file, error } => {
                out.push(format!("failed:{}:{error}", name(&file)))
            }
        }
    })
    .unwrap();
    out
}

fn rows(tp: &str, from: usize, to: usize) -> String {
    (from..to)
        .map(|i| format!("r{i},2026-03-{:02},{}\n", 1 + i % 28, i % 11))
        .map(|r| r.replace("TP", tp))
        .collect()
}

#[test]
fn files_are_taken_when_still_remembered_and_replaced_when_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let lib = Library::open(&db).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    let header = "respondent,date,Calls the lost and stolen card line\n";
    let a = inbox.join("2026 Q1.csv");

    // Half a file: seen once, then it grows, then it holds still.
    std::fs::write(&a, format!("{header}{}", rows("", 0, 5))).unwrap();
    let mut w = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    assert_eq!(
        look(&mut w, &lib),
        Vec::<String>::new(),
        "first sight waits"
    );
    std::fs::write(&a, format!("{header}{}", rows("", 0, 12))).unwrap();
    assert_eq!(look(&mut w, &lib), ["wait:2026 Q1.csv"]);
    assert_eq!(look(&mut w, &lib), ["in:2026 Q1.csv:12"]);
    assert_eq!(look(&mut w, &lib), Vec::<String>::new(), "dealt with");
    let wave = &lib.waves(&id).unwrap()[0];
    assert_eq!(
        (wave.label.as_str(), wave.date.as_deref()),
        ("2026 Q1", Some("2026-03-12")),
        "labelled by the file's name, dated by its latest answer"
    );

    // A bad file is reported with its place and does not stop the watch.
    std::fs::write(
        inbox.join("broken.csv"),
        format!("{header}r1,2026-03-01,9\nr2,2026-03-01,eleven\n"),
    )
    .unwrap();
    look(&mut w, &lib);
    let got = look(&mut w, &lib);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].contains("broken.csv:3: column Calls the lost and stolen card line: \"eleven\""),
        "{got:?}"
    );

    // A restart (new watch, library opened again) never imports it twice.
    drop(w);
    drop(lib);
    let lib = Library::open(&db).unwrap();
    let mut w = FolderWatch::new(&inbox, &id, SurveyColumns::default());
    look(&mut w, &lib);
    let got = look(&mut w, &lib);
    assert!(
        got.contains(&"known:2026 Q1.csv:2026 Q1".to_string()),
        "{got:?}"
    );
    assert_eq!(lib.waves(&id).unwrap().len(), 1);

    // A corrected export under the same name replaces its wave.
    std::fs::write(&a, format!("{header}{}", rows("", 100, 103))).unwrap();
    look(&mut w, &lib);
    let got = look(&mut w, &lib);
    assert!(got.contains(&"in:2026 Q1.csv:3".to_string()), "{got:?}");
    let waves = lib.waves(&id).unwrap();
    assert_eq!((waves.len(), waves[0].answers), (1, 3));
    assert_eq!(
        lib.journey(&id).unwrap().answer_count(),
        3,
        "the old answers left the map"
    );
}
