//! The UI's generated TypeScript (`ui/src/lib/generated/bindings.ts`) is
//! what the command table makes now: fails when they differ, so CI catches
//! a Rust change without its regenerate. `WAYMARK_BLESS=1` rewrites it.

use std::path::PathBuf;

#[test]
fn generated_typescript_is_up_to_date() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/generated/bindings.ts");
    waymark_api::rpc::bindings::check_or_bless(
        &path,
        &waymark_api::rpc::bindings::typescript(),
        "cargo test -p waymark-api --test bindings",
    );
}

#[test]
fn every_command_of_the_table_is_in_the_typescript() {
    let made = waymark_api::rpc::bindings::typescript();
    for name in waymark_api::rpc::COMMANDS {
        assert!(made.contains(&format!("  {name}: {{ request:")), "{name}");
    }
}

#[test]
fn generated_menu_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/generated/menu.ts");
    waymark_api::rpc::bindings::check_or_bless(
        &path,
        &waymark_api::rpc::menu::typescript(),
        "cargo test -p waymark-api --test bindings",
    );
}
