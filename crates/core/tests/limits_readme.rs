//! The README's limits table is the limits table: every limit is listed
//! with its default, so the two cannot drift apart.

use waymark_core::limits;

#[test]
fn the_readme_lists_every_limit_with_its_default() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    for limit in limits::ALL {
        let row = format!("| {} | {} |", limit.name, limit.default_text());
        assert!(readme.contains(&row), "README.md lacks the row {row:?}");
    }
}
