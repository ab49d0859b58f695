// Hosting a live workshop from the desktop app (src-tauri `workshop_cmds`,
// `waymark_server::host_workshop`). Field names are snake_case as Rust
// serializes them.

/** An address of this machine a workshop can listen on. */
export interface HostAddress {
  ip: string;
  /** The network interface (`wlan0`, `eth0`, `lo`). */
  interface: string;
  /** Other machines can reach it (false: loopback, this computer only). */
  lan: boolean;
}

/** Where to host: both optional (the LAN address, a free port). */
export interface HostOptions {
  ip: string | null;
  port: number | null;
}

/** A hosted workshop, as the host's window shows it. */
export interface WorkshopInfo {
  map: string;
  /** `ip:port` it listens on. */
  address: string;
  interface: string;
  lan: boolean;
  /** The facilitator's view (carries the host token). */
  facilitator_url: string;
  /** The participants' link, also in the QR code. */
  join_url: string;
  /** The short code, typed at `code_url`. */
  code: string;
  code_url: string;
  /** The join link as a QR code: an `<svg>` element made by the backend. */
  qr_svg: string;
  participants: number;
  connections: number;
  /** False once the facilitator ended it in their browser (it stopped). */
  running: boolean;
  notice: string | null;
}

/** What ending a workshop saved (the server's end summary). */
export interface WorkshopSummary {
  maps: {
    id: string;
    title: string;
    version: string;
    /** What concurrent edits left without a home, or null. */
    homeless: string | null;
    notes: number;
    votes: number;
  }[];
  participants: { name: string; role: string; notes: number; votes: number }[];
}
