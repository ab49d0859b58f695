// What the editor and its analysis views (AnalysisViews.svelte) share: the
// views' entries in the editor's one modal value, and the handle the editor
// forwards menu items and toolbar picks through.

/** An open analysis view. */
export type AnalysisModal =
  | { kind: "present" }
  | { kind: "compare"; after?: string }
  | { kind: "survey" }
  | { kind: "report" }
  | { kind: "deck" }
  | { kind: "image"; format: "png" | "svg" };

export interface AnalysisHandle {
  /** A native menu item or toolbar pick; true when it was one of ours. */
  onMenu(item: string): boolean;
}
