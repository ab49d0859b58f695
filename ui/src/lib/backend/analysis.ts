// Hand-written mirrors of the Rust structs behind the analysis views: the
// survey import wizard, the report dialog, future-state copies and compare.
// snake_case as the Rust side serializes them.

/** Our survey column → the file's header (`waymark_score::ColumnMapping`). */
export type ColumnMapping = Record<string, string>;

/** A survey CSV the person picked: its name (for messages) and its text. */
export interface TextFile {
  name: string;
  text: string;
}

export interface CsvSample {
  headers: string[];
  rows: string[][];
  total_rows: number;
}

/** One problem in the file (`waymark_score::PreviewError`). */
export interface PreviewError {
  line: number;
  column: string | null;
  message: string;
  /** "file:line: column c: problem". */
  text: string;
}

/** The import's dry run (`waymark_score::ResponsesPreview`). */
export interface ResponsesPreview {
  sample: CsvSample;
  /** Our columns, required ones first (the last, `comment`, is optional). */
  expected: string[];
  mapping: ColumnMapping;
  errors: PreviewError[];
  answers: number;
  added: number;
  replaced: number;
}

export interface ImportStats {
  added: number;
  replaced: number;
}

export type PageSize = "a4" | "a3" | "letter" | "tabloid";
export type ReportSection = "summary" | "map" | "stages" | "pain-points" | "appendix";

/** The report dialog's choices (`waymark_api::report::ReportRequest`). */
export interface ReportRequest {
  page_size?: PageSize;
  sections?: ReportSection[];
  company?: string;
  /** PNG or JPEG bytes (the browser; the desktop app sends a path). */
  logo?: number[];
  version_label?: string;
  date?: string;
}

export type DeckSection = "title" | "summary" | "map" | "stages" | "pain-points" | "trends";

/** The deck dialog's choices (`waymark_api::deck::DeckRequest`). */
export interface DeckRequest {
  sections?: DeckSection[];
  company?: string;
  /** PNG or JPEG bytes (the browser; the desktop app sends a path). */
  logo?: number[];
  version_label?: string;
  date?: string;
}

export interface DeckWritten {
  /** Absolute path in the desktop app; the download's name in a browser. */
  path: string;
  slides: number;
  bytes: number;
  warnings: string[];
}

/** The logo: a file path in the desktop app, the file's bytes in a browser. */
export type LogoSource = { path: string } | { bytes: Uint8Array };

export interface ReportWritten {
  /** Absolute path in the desktop app; the download's name in a browser. */
  path: string;
  pages: number;
  bytes: number;
  warnings: string[];
}

/** One side of a comparison: a map now, or at a named version. */
export interface MapRef {
  map: string;
  version?: string | null;
}

/** A map made from another (`waymark_api::compare::MapOrigin`). */
export interface MapOrigin {
  map_id: string;
  source_id: string;
  kind: string;
  created_at: string;
}

export interface Delta {
  before: number | null;
  after: number | null;
  change: number | null;
}

export type DiffStatus = "added" | "removed" | "changed" | "unchanged";

export interface TouchpointDiff {
  id: string;
  title: string;
  stage: string;
  status: DiffStatus;
  changes: string[];
  friction: Delta;
  emotion: Delta;
  priority: Delta;
  pain_point_before: boolean;
  pain_point_after: boolean;
}

export interface StageDelta {
  id: string;
  name: string;
  status: DiffStatus;
  friction: Delta;
  emotion: Delta;
  touchpoints_before: number;
  touchpoints_after: number;
}

/** `waymark_score::compare::Comparison`. */
export interface Comparison {
  before_title: string;
  after_title: string;
  touchpoints: TouchpointDiff[];
  stages: StageDelta[];
  journey: {
    friction: Delta;
    emotion: Delta;
    remembered_emotion: Delta;
    nps: Delta;
    csat: Delta;
    pain_points: Delta;
  };
  added: number;
  removed: number;
  changed: number;
  improved: string[];
  worsened: string[];
}
