// Hand-written mirrors of the Rust structs the desktop shell returns.
// Field names are snake_case because the Rust side serializes them as-is.

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
}

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
