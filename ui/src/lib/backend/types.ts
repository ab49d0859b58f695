// The types the UI exchanges with the backend, generated from Rust
// (../generated/bindings.ts, `WAYMARK_BLESS=1 cargo test -p waymark-api
// --test bindings`); written here are only the UI's own shapes.

import type { SyncProtocol, TokenVia } from "../generated/bindings";

/** A value the backend read mended, and an update's answer that lists them
 * (the server's routes, `generated/workshop.ts`). */
export type { Problem, UpdateRepaired } from "../generated/workshop";

export type {
  ApiErrorPayload,
  AsOf,
  Board,
  BoardItem,
  BoardItemKind,
  BoardItemSource,
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
  Kpi,
  KpiTarget,
  LinkState,
  LinkView,
  LinkedTouchpoint,
  MapLink,
  MapStrip,
  MapSummary,
  TitleClash,
  MapThemes,
  MissingFactor,
  Orphan,
  Scorecard,
  ScoreKind,
  SettingProblem,
  SettingValue,
  StageScore,
  StageThemes,
  StripStage,
  SyncProtocol,
  SyncStatus,
  TargetCheck,
  TargetGroup,
  TargetStatus,
  TemplateInfo,
  Theme,
  ThemesQuery,
  TokenVia,
  TouchpointScore,
  TouchpointThemes,
  Trend,
  VersionInfo,
  WaveComparison,
  WaveRow,
} from "../generated/bindings";

/** A file to import: by path (desktop dialogs, drops) or as its text. */
export type ImportSource = { path: string } | { name: string; content: string };

/** Where to share a map: an empty token keeps the one already stored. */
export interface ShareTarget {
  server: string;
  room: string;
  token: string;
  tokenVia: TokenVia;
  /** Absent or null: the backend asks the server which one it speaks. */
  protocol?: SyncProtocol | null;
}
