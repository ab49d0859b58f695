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

/// A generated TypeScript module: the declaration of every named type
/// reachable from the ones added. The command table's `bindings.ts` is one;
/// other crates make theirs with it (the server's `workshop.ts`), importing
/// from `bindings.ts` what is declared there instead of repeating it.
pub struct Module {
    cfg: Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl Default for Module {
    fn default() -> Self {
        Self::new()
    }
}

impl Module {
    pub fn new() -> Self {
        Module {
            cfg: config(),
            seen: HashSet::new(),
            decls: BTreeMap::new(),
        }
    }

    /// Declares `T` and every named type it uses.
    pub fn add<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
    }

    /// The TypeScript name of `T` (`Array<Orphan>`, `string | null`).
    pub fn name<T: TS + 'static + ?Sized>(&self) -> String {
        T::name(&self.cfg)
    }

    /// The names declared so far.
    pub fn declared(&self) -> impl Iterator<Item = &str> {
        self.decls.keys().map(String::as_str)
    }

    /// The declarations after `header`; those named in `imported` are
    /// imported from the module `from` instead (`"./bindings"`).
    pub fn render(&self, header: &str, imported: &HashSet<String>, from: &str) -> String {
        let mut out = String::from(header);
        let used: Vec<&str> = self.declared().filter(|n| imported.contains(*n)).collect();
        if !used.is_empty() {
            out.push_str(&format!(
                "import type {{ {} }} from \"{from}\";\n\n",
                used.join(", ")
            ));
        }
        for (name, decl) in &self.decls {
            if !imported.contains(name) {
                out.push_str(decl);
                out.push('\n');
            }
        }
        out
    }
}

impl TypeVisitor for Module {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let docs = T::docs().unwrap_or_default();
            let decl = format!("{docs}export {}\n", T::decl(&self.cfg));
            self.decls.insert(T::ident(&self.cfg), decl);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

struct Table {
    types: Module,
    entries: String,
    names: Vec<String>,
}

impl CommandVisitor for Table {
    fn command<Req: TS + 'static, Res: TS + 'static>(&mut self, name: &str, doc: &str) {
        self.types.add::<Req>();
        self.types.add::<Res>();
        let doc = doc.trim();
        self.entries.push_str(&format!(
            "  /** {doc} */\n  {name}: {{ request: {}; response: {} }};\n",
            self.types.name::<Req>(),
            self.types.name::<Res>()
        ));
        self.names.push(name.to_string());
    }
}

fn table() -> Table {
    let mut table = Table {
        types: Module::new(),
        entries: String::new(),
        names: Vec::new(),
    };
    table.types.add::<crate::ErrorPayload>();
    // Crosses through the desktop shell's own team-sync commands and the
    // server's link route, outside the table.
    table.types.add::<crate::LinkView>();
    super::each_command(&mut table);
    table
}

/// The names `bindings.ts` declares: what another generated module imports
/// from it.
pub fn declared() -> HashSet<String> {
    table().types.declared().map(str::to_string).collect()
}

/// The generated module: declarations, then the command map and names.
pub fn typescript() -> String {
    let table = table();
    let mut out = table.types.render(
        "// Generated from crates/api/src/rpc (the command table) by\n\
         // `WAYMARK_BLESS=1 cargo test -p waymark-api --test bindings`. Do not edit.\n\n",
        &HashSet::new(),
        "",
    );
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
