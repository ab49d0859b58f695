//! The UI's generated TypeScript (`ui/src/lib/generated/bindings.ts`) is
//! what the command table makes now: fails when they differ, so CI catches
//! a Rust change without its regenerate. `WAYMARK_BLESS=1` rewrites it.

use std::path::PathBuf;

#[test]
fn generated_typescript_is_up_to_date() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/generated/bindings.ts");
    let made = waymark_api::rpc::bindings::typescript();
    if std::env::var_os("WAYMARK_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &made).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == made,
        "{} is out of date with the command table: run \
         `WAYMARK_BLESS=1 cargo test -p waymark-api --test bindings` and commit it",
        path.display()
    );
}

#[test]
fn every_command_of_the_table_is_in_the_typescript() {
    let made = waymark_api::rpc::bindings::typescript();
    for name in waymark_api::rpc::COMMANDS {
        assert!(made.contains(&format!("  {name}: {{ request:")), "{name}");
    }
}
