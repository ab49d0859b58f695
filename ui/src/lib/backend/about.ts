// Help › About and files opened with the app (src-tauri about.rs and
// open_files.rs): desktop-only Tauri commands outside the command table,
// so they sit with the other Tauri calls under backend/.

import { invoke } from "@tauri-apps/api/core";

/** What Help › About shows. */
export interface About {
  version: string;
  /** The library file in use. */
  library: string;
  /** The README's section titles. */
  sections: string[];
}

export function aboutInfo(): Promise<About> {
  return invoke<About>("about");
}

/** One README section's Markdown text. */
export function readmeSection(title: string): Promise<string> {
  return invoke<string>("readme_section", { title });
}

/** The map a file given at launch (a double-click) opened as, once. */
export function takeLaunchedMap(): Promise<string | null> {
  return invoke<string | null>("take_launched_map");
}
