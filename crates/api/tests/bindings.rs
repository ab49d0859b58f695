//! The UI's generated TypeScript (`ui/src/lib/generated/bindings.ts`) is
//! what the command table makes now: fails when they differ, so CI catches
//! a Rust change without its regenerate. `WAYMARK_BLESS=1` rewrites it.

use waymark_core::generated::check_or_bless;

#[test]
fn generated_typescript_is_up_to_date() {
    check_or_bless(
        "ui/src/lib/generated/bindings.ts",
        &waymark_api::rpc::bindings::typescript(),
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
    check_or_bless(
        "ui/src/lib/generated/menu.ts",
        &waymark_api::rpc::menu::typescript(),
    );
}
