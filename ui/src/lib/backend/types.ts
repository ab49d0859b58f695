// The types the UI exchanges with the backend. Those of the command table
// are generated from Rust (../generated/bindings.ts, `WAYMARK_BLESS=1 cargo
// test -p waymark-api --test bindings`); written here are only the UI's own
// shapes and team sync's, which is desktop-only and outside the table
// (src-tauri/src/sync_cmds.rs, `waymark_sync::LinkView`).

export type {
  ApiErrorPayload,
  Ces,
  Code,
  EffortCue,
  EmotionLabel,
  ExplainedResponse,
  Explanation,
  Factor,
  FactorSource,
  Homeless,
  JourneyScore,
  MapStrip,
  MapSummary,
  Orphan,
  Scorecard,
  ScoreKind,
  StageScore,
  StripStage,
  TemplateInfo,
  TouchpointScore,
  VersionInfo,
} from "../generated/bindings";

/** A file to import: by path (desktop dialogs, drops) or as its text. */
export type ImportSource = { path: string } | { name: string; content: string };

export type LinkState = "syncing" | "connected" | "offline" | "error" | "stopped";

export interface SyncStatus {
  state: LinkState;
  /** When the map and the room were last known in step (RFC 3339). */
  last_sync_at: string | null;
  /** Why the link is offline or in error. */
  message: string | null;
}

/** A map's link to a room on a sync server; the token never leaves the backend. */
export interface MapLink {
  map_id: string;
  server: string;
  room: string;
  has_token: boolean;
  token_via: TokenVia;
  protocol: SyncProtocol;
  linked_at: string;
  last_sync_at: string | null;
  last_state: string | null;
  last_error: string | null;
}

export type TokenVia = "query" | "header";

/** The kind of sync server (`waymark_api::Protocol`). */
export type SyncProtocol = "y-websocket" | "hocuspocus";

export interface LinkView {
  link: MapLink;
  status: SyncStatus;
}

/** Where to share a map: an empty token keeps the one already stored. */
export interface ShareTarget {
  server: string;
  room: string;
  token: string;
  tokenVia: TokenVia;
  /** Absent or null: the backend asks the server which one it speaks. */
  protocol?: SyncProtocol | null;
}
