//! The TypeScript the UI compiles against, made from the command table:
//! every type a command takes or answers (and the error codes) as a
//! declaration, and the `Commands` map from each command's name to its
//! request and response types. Written to `ui/src/lib/generated/` and
//! checked by `crates/api/tests/bindings.rs`.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TypeVisitor, TS};

/// Visits a command's name, doc and types ([`super::each_command`]).
pub(crate) trait CommandVisitor {
    fn command<Req: TS + 'static, Res: TS + 'static>(&mut self, name: &str, doc: &str);
}

/// Numbers the UI handles are `number` (no count comes near 2^53).
fn config() -> Config {
    Config::new().with_large_int("number")
}

/// Collects the declaration of every named type reachable from the ones visited.
struct Declarations<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let docs = T::docs().unwrap_or_default();
            let decl = format!("{docs}export {}\n", T::decl(self.cfg));
            self.decls.insert(T::ident(self.cfg), decl);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

struct Table<'a> {
    types: Declarations<'a>,
    entries: String,
    names: Vec<String>,
}

impl CommandVisitor for Table<'_> {
    fn command<Req: TS + 'static, Res: TS + 'static>(&mut self, name: &str, doc: &str) {
        self.types.visit::<Req>();
        self.types.visit::<Res>();
        let cfg = self.types.cfg;
        let doc = doc.trim();
        self.entries.push_str(&format!(
            "  /** {doc} */\n  {name}: {{ request: {}; response: {} }};\n",
            Req::name(cfg),
            Res::name(cfg)
        ));
        self.names.push(name.to_string());
    }
}

/// The generated module: declarations, then the command map and names.
pub fn typescript() -> String {
    let cfg = config();
    let mut table = Table {
        types: Declarations {
            cfg: &cfg,
            seen: HashSet::new(),
            decls: BTreeMap::new(),
        },
        entries: String::new(),
        names: Vec::new(),
    };
    table.types.visit::<crate::ErrorPayload>();
    // Crosses through the desktop shell's own team-sync commands and the
    // server's link route, outside the table.
    table.types.visit::<crate::LinkView>();
    super::each_command(&mut table);
    let mut out = String::from(
        "// Generated from crates/api/src/rpc (the command table) by\n\
         // `WAYMARK_BLESS=1 cargo test -p waymark-api --test bindings`. Do not edit.\n\n",
    );
    for decl in table.types.decls.values() {
        out.push_str(decl);
        out.push('\n');
    }
    out.push_str(
        "/** Every command: its request and its response. */\nexport interface Commands {\n",
    );
    out.push_str(&table.entries);
    out.push_str("}\n\nexport type CommandName = keyof Commands;\n\n");
    out.push_str("/** Every command's name, in table order. */\nexport const COMMAND_NAMES: CommandName[] = [\n");
    for name in &table.names {
        out.push_str(&format!("  \"{name}\",\n"));
    }
    out.push_str("];\n");
    out
}
