// Hosting a live workshop from the desktop app (src-tauri `workshop_cmds`,
// `waymark_server::host_workshop`). What the commands take and answer is
// generated from Rust (`generated/workshop.ts`, crates/server/src/host.rs).

export type {
  HostAddress,
  HostOptions,
  WorkshopInfo,
  WorkshopSummary,
} from "../generated/workshop";
