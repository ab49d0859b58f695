//! The TypeScript of what the server's own routes answer (an update's
//! repairs) and of what the workshop sends the page and takes from it
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
use crate::{HostAddress, HostOptions, UpdateRepaired, WorkshopInfo};

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
    m.add::<UpdateRepaired>();
    let mut out = m.render(
        "// Generated from crates/server (an update's repairs, the workshop's messages\n\
         // and the hosting commands' arguments and answers) by `WAYMARK_BLESS=1\n\
         // cargo test -p waymark-server --test bindings`. Do not edit.\n\n",
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
