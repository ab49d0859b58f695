//! The UI's `ui/src/lib/generated/workshop.ts` is what the workshop's
//! message types make now: fails when they differ, so CI catches a Rust
//! change without its regenerate. `WAYMARK_BLESS=1` rewrites it.

use waymark_core::generated::check_or_bless;

#[test]
fn generated_workshop_typescript_is_up_to_date() {
    check_or_bless(
        "ui/src/lib/generated/workshop.ts",
        &waymark_server::bindings::typescript(),
    );
}

#[test]
fn the_workshop_module_imports_what_the_command_table_declares() {
    let made = waymark_server::bindings::typescript();
    assert!(made.contains("import type { Code } from \"./bindings\";"));
    assert!(!made.contains("export type Code "));
    for name in [
        "WorkshopView",
        "Joined",
        "WorkshopSummary",
        "WorkshopInfo",
        "HostAddress",
        "Role",
        "UpdateRepaired",
        "Problem",
    ] {
        assert!(made.contains(&format!("export type {name} = ")), "{name}");
    }
}
