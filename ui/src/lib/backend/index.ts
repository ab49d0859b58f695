export type { Backend } from "./backend";
export { createBackend } from "./backend";
export { BackendError } from "./errors";
export type { MapSummary, TemplateInfo, VersionInfo } from "./types";
