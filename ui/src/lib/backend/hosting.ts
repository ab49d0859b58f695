// Hosting a live workshop from the desktop app (src-tauri `workshop_cmds`,
// `waymark_server::host_workshop`). What the commands answer is generated
// from Rust (`generated/workshop.ts`, crates/server/src/host.rs).

export type { HostAddress, WorkshopInfo, WorkshopSummary } from "../generated/workshop";

/** Where to host: both optional (the LAN address, a free port); the
 * arguments `workshop_start` takes besides the map. */
export interface HostOptions {
  ip: string | null;
  port: number | null;
}
