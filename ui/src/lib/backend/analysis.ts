// The types behind the analysis views (the survey import wizard, the
// report dialog, future-state copies and compare): generated from Rust
// (../generated/bindings.ts) but for the UI's own choices below.

export type {
  Comparison,
  CsvSample,
  DeckRequest,
  DeckWritten,
  Delta,
  DiffStatus,
  EvidenceCoverage,
  ImportStats,
  MapOrigin,
  MapRef,
  PreviewError,
  Question,
  Scale,
  ReportRequest,
  ReportWritten,
  ResponsesPreview,
  StageDelta,
  SurveyTool,
  TextFile,
  TouchpointChoice,
  TouchpointDiff,
  WideColumns,
} from "../generated/bindings";
import type { SurveyFile } from "../generated/bindings";

/** Column of the survey file for each field (`score`, `touchpoint`, ...). */
export type ColumnMapping = Record<string, string>;

/** How a survey file's columns are read: a long file's mapping or a wide
 * file's questions (the JSON `waymark responses import --columns` reads). */
export type SurveyColumns = Pick<SurveyFile, "mapping" | "wide">;

export type PageSize = "a4" | "a3" | "letter" | "tabloid";
export type ReportSection = "summary" | "map" | "stages" | "pain-points" | "appendix";

export type DeckSection = "title" | "summary" | "map" | "stages" | "pain-points" | "trends";

/** The report's logo: a file the desktop dialog chose, or bytes a browser read. */
export type LogoSource = { path: string } | { bytes: Uint8Array };
