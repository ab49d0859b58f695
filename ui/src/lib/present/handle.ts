/** What the editor calls on its analysis views (`AnalysisViews.svelte`). */
export interface AnalysisHandle {
  /** True while a view is open: the editor leaves the keyboard to it. */
  active(): boolean;
  /** A native menu item or toolbar pick; true when it was one of ours. */
  onMenu(item: string): boolean;
}
