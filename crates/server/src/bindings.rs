//! The TypeScript of what the workshop sends the page and takes from it
//! (the routes' bodies and answers, the WebSocket's workshop message and
//! close codes) and of what the desktop's hosting commands answer:
//! `ui/src/lib/generated/workshop.ts`, kept current by
//! `crates/server/tests/bindings.rs`. Types that `bindings.ts` (the command
//! table's module) declares are imported from it, not repeated.

use waymark_api::rpc::bindings::{self, Module};

use crate::workshop::messages::{
    JoinRequest, Joined, NameTaken, RoleRequest, VoteRequest, WorkshopSettings, WorkshopSummary,
    WorkshopView,
};
use crate::{HostAddress, HostOptions, WorkshopInfo};

/// The generated module.
pub fn typescript() -> String {
    let mut m = Module::new();
    m.add::<WorkshopView>();
    m.add::<Joined>();
    m.add::<NameTaken>();
    m.add::<WorkshopSummary>();
    m.add::<JoinRequest>();
    m.add::<VoteRequest>();
    m.add::<WorkshopSettings>();
    m.add::<RoleRequest>();
    m.add::<HostOptions>();
    m.add::<HostAddress>();
    m.add::<WorkshopInfo>();
    let mut out = m.render(
        "// Generated from crates/server (the workshop's messages and the hosting\n\
         // commands' arguments and answers) by `WAYMARK_BLESS=1 cargo test -p waymark-server --test\n\
         // bindings`. Do not edit.\n\n",
        &bindings::declared(),
        "./bindings",
    );
    for (name, value, doc) in [
        (
            "WORKSHOP_MESSAGE",
            u32::from(crate::WORKSHOP_MESSAGE),
            "The y-websocket message type carrying a `WorkshopView` (JSON).",
        ),
        (
            "CLOSE_REFUSED",
            u32::from(crate::ws::POLICY),
            "The close code when the server refused an update of ours.",
        ),
        (
            "CLOSE_ENDED",
            u32::from(crate::ws::ENDED),
            "The close code when the workshop ended.",
        ),
    ] {
        out.push_str(&format!("/** {doc} */\nexport const {name} = {value};\n\n"));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
