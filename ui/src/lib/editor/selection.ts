/** What the editor has selected: one touchpoint, stage or lane, or the map. */
export type Selection = { kind: "touchpoint" | "stage" | "lane"; id: string } | null;
