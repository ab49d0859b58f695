// Hand-written mirrors of the Rust structs the desktop shell returns.
// Field names are snake_case because the Rust side serializes them as-is.

import type { Orphan } from "../doc/homeless";

/** One map in the library list (`waymark_api::MapSummary`, i.e. `waymark_store::MapRow`). */
export interface MapSummary {
  id: string;
  title: string;
  persona: string | null;
  stages: number;
  touchpoints: number;
  annotations: number;
  /** RFC 3339 timestamp. */
  created_at: string;
  /** RFC 3339 timestamp. */
  updated_at: string;
  /** When the map was last opened (RFC 3339), if ever. */
  opened_at: string | null;
}

/** One stage of a map's score strip (`waymark_api::StripStage`). */
export interface StripStage {
  name: string;
  /** 0–100, null without data. */
  friction: number | null;
  /** −100..100, null without data. */
  emotion: number | null;
}

/** A map's stages scored (`waymark_api::MapStrip`). */
export interface MapStrip {
  id: string;
  stages: StripStage[];
}

/** What to import: a file on this computer, or a file's name and text. */
export type ImportSource = { path: string } | { name: string; content: string };

/** A built-in map template (`waymark_core::templates::TemplateInfo`). */
export interface TemplateInfo {
  name: string;
  title: string;
  description: string;
  stages: number;
  touchpoints: number;
}

/** A named version of a map (`waymark_api::VersionInfo`). */
export interface VersionInfo {
  id: string;
  label: string;
  /** RFC 3339 timestamp. */
  created_at: string;
}

/** The serialized form of `waymark_api::ApiError`. */
export interface ApiErrorPayload {
  code: string;
  message: string;
}

// ---- scores (`waymark_score::Scorecard`, as `waymark score --json` prints) ----

/** Customer effort on its two scales, never mixed. */
export interface Ces {
  ces5: number | null;
  ces7: number | null;
}

export interface JourneyScore {
  friction: number | null;
  emotion: number | null;
  remembered_emotion: number | null;
  nps: number | null;
  csat: number | null;
  ces: Ces;
  responses: number;
  pain_points: number;
  churn_rate: number | null;
  clv: number | null;
  reach_assumed: boolean;
}

export interface StageScore {
  id: string;
  name: string;
  friction: number | null;
  emotion: number | null;
  worst_touchpoint: string | null;
  nps: number | null;
  csat: number | null;
  ces: Ces;
  responses: number;
  reach_assumed: boolean;
}

export type ScoreKind = "friction" | "emotion";
export type FactorSource = "survey" | "comments" | "operations" | "designer";

/** One additive term of a score: the points of a score's factors add up to it. */
export interface Factor {
  factor: string;
  score: ScoreKind;
  raw: number;
  normalized: number;
  weight: number;
  points: number;
  n: number | null;
  source: FactorSource;
}

export interface EffortCue {
  cue: string;
  comments: number;
}

export type EmotionLabel = "relief" | "delight" | "neutral" | "frustration" | "disappointment";

export interface TouchpointScore {
  id: string;
  title: string;
  stage: string;
  friction: number | null;
  emotion: number | null;
  priority: number | null;
  pain_point: boolean;
  label: EmotionLabel | null;
  coverage: number;
  low_confidence: boolean;
  effort_cues: EffortCue[];
  factors: Factor[];
  reach_assumed: boolean;
  responses: number;
  nps: number | null;
  csat: number | null;
  ces: Ces;
  fcr: number | null;
  aht_minutes: number | null;
  negative_comment_share: number | null;
}

/** What a board item is (`waymark_score::ItemKind`). */
export type BoardItemKind = "pain_point" | "opportunity";

/** Why an item is on the board: its scores, its lane, or a team note. */
export type BoardItemSource = "score" | "lane" | "note";

/** One line of the pain-point board (`waymark_score::BoardItem`). */
export interface BoardItem {
  key: string;
  kind: BoardItemKind;
  source: BoardItemSource;
  title: string;
  touchpoint: string | null;
  note: string | null;
  stage: string | null;
  stage_name: string;
  owner: string;
  channel: string;
  nature: "service" | "experience" | null;
  evidence: "observed" | "assumed" | "proposed" | null;
  priority: number | null;
  friction: number | null;
  emotion: number | null;
  votes: number;
  /** 1-based, over the whole board. */
  rank: number;
  /** This item's CSV cells, under `Board.csv_header`. */
  csv_row: string[];
}

/** The pain-point board, ranked (`waymark_score::Board`, `waymark board --json`). */
export interface Board {
  items: BoardItem[];
  csv_header: string[];
}

export interface Scorecard {
  journey: JourneyScore;
  /** In stage order. */
  stages: StageScore[];
  /** Highest priority first. */
  touchpoints: TouchpointScore[];
}

/** One survey answer in a touchpoint's explanation (`waymark_api::ExplainedResponse`). */
export interface ExplainedResponse {
  respondent: string;
  date: string;
  scale: "nps" | "csat" | "ces5" | "ces7" | "emotion";
  value: number;
  comment: string;
  /** VADER compound −1..1; null without a comment. */
  sentiment: number | null;
  cues: string[];
}

/** `waymark_api::Explanation`. */
export interface Explanation {
  score: TouchpointScore;
  responses: ExplainedResponse[];
}

/** What a map's team sync is doing (crates/sync `LinkState`). */
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

/** A map's homeless entities (`waymark_api::Homeless`): what concurrent
 * edits left without a stage, lane or target. */
export interface Homeless {
  /** "2 touchpoints lost their stage in a concurrent edit", or null. */
  summary: string | null;
  entities: Orphan[];
}
