// The typed client of the API's command table (crates/api/src/rpc): one
// `call` per command name, its request and response types generated from
// Rust. A transport carries the call: Tauri's invoke (tauri.ts) or fetch
// (http.ts).

import type { CommandName, Commands } from "../generated/bindings";

export type { CommandName, Commands } from "../generated/bindings";
export type CommandRequest<K extends CommandName> = Commands[K]["request"];
export type CommandResponse<K extends CommandName> = Commands[K]["response"];

/** Sends one command with its JSON request; resolves to the JSON answer,
 * rejects with a BackendError. */
export type Transport = (name: CommandName, request: unknown) => Promise<unknown>;

/** Calls command `name` over `transport`, typed by the table. */
export function call<K extends CommandName>(
  transport: Transport,
  name: K,
  request: CommandRequest<K>,
): Promise<CommandResponse<K>> {
  return transport(name, request) as Promise<CommandResponse<K>>;
}
