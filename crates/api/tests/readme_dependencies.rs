//! The README's dependency arrows are the workspace's: each line
//! "- `a`, `b` → `x`, `y`" under "Dependencies point down only" names every
//! Waymark crate that `a` and `b` depend on (build dependencies, not
//! dev-dependencies), and every crate has its line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The Waymark crates a manifest's `[dependencies]` name, without the
/// `waymark-` prefix (`waymark-desktop` is `src-tauri`).
fn dependencies(manifest: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let mut section = "";
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section == "[dependencies]" {
            if let Some(name) = line.strip_prefix("waymark-") {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                out.insert(name);
            }
        }
    }
    out
}

fn names(list: &str) -> BTreeSet<String> {
    list.split(',')
        .filter_map(|n| {
            let n = n.trim();
            let n = n.split(" (").next().unwrap_or(n).trim();
            n.strip_prefix('`')?.strip_suffix('`').map(str::to_string)
        })
        .collect()
}

#[test]
fn readme_arrows_match_the_manifests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("Dependencies point down only")
        .expect("the README states the dependency arrows");
    let mut said: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with("- "))
        .take_while(|l| l.starts_with("- "))
    {
        let (from, to) = line[2..].split_once(" → ").expect("an arrow");
        for crate_name in names(from) {
            said.insert(crate_name, names(to));
        }
    }
    let mut actual: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let deps = dependencies(&dir.join("Cargo.toml"));
        if !deps.is_empty() {
            actual.insert(name, deps);
        }
    }
    actual.insert(
        "src-tauri".into(),
        dependencies(&root.join("src-tauri/Cargo.toml")),
    );
    assert_eq!(
        said, actual,
        "README arrows (left) vs Cargo.toml files (right)"
    );
}
