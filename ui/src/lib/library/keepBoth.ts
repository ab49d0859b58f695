// Keep both: the renames that keep just-imported maps apart from the rest by
// title are Rust's (crates/api/src/keep_both.rs, the `title_clashes`
// command); the library home asks the person what to do with them.

export type { TitleClash as Duplicate } from "../generated/bindings";
