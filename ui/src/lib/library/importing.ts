// Importing `.waymark` and Mermaid files into the library: through the
// native file dialog or by dropping files on the window (desktop), or from
// a file input / HTML drop (browser). Every path ends in Backend.importMap.

import type { Backend, ImportSource } from "../backend";
import { currentWebview, dialogs } from "../backend/desktop";

export const IMPORT_EXTENSIONS = ["waymark", "mmd", "mermaid"];

/** The outcome of importing several files. */
export interface ImportResult {
  ids: string[];
  /** One line per file that failed, naming it. */
  errors: string[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Import each source in turn; a failure names its file and never stops the rest. */
export async function importAll(backend: Backend, sources: ImportSource[]): Promise<ImportResult> {
  const result: ImportResult = { ids: [], errors: [] };
  for (const source of sources) {
    try {
      result.ids.push(await backend.importMap(source));
    } catch (e) {
      const name = "path" in source ? source.path : source.name;
      const text = message(e);
      result.errors.push(text.includes(baseName(name)) ? text : `${baseName(name)}: ${text}`);
    }
  }
  return result;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Whether the page runs inside the desktop app. */
export function inDesktop(): boolean {
  return "__TAURI_INTERNALS__" in globalThis;
}

/** Ask for files with the native open dialog; `[]` when cancelled. */
export async function chooseFiles(): Promise<ImportSource[]> {
  const { open } = await dialogs();
  const picked = await open({
    multiple: true,
    directory: false,
    title: "Import journey maps",
    filters: [{ name: "Journey maps (.waymark, Mermaid)", extensions: IMPORT_EXTENSIONS }],
  });
  if (!picked) return [];
  return (Array.isArray(picked) ? picked : [picked]).map((path) => ({ path }));
}

/** Read files a browser handed over (file input, HTML drop) as name + text. */
export async function readBrowserFiles(files: Iterable<File>): Promise<ImportSource[]> {
  const out: ImportSource[] = [];
  for (const f of files) out.push({ name: f.name, content: await f.text() });
  return out;
}

export type DropState = "over" | "left";

/**
 * Files dropped on the desktop window (Tauri's drag-drop event gives their
 * paths). `onHover` tells when files are dragged over or leave. Returns the
 * unsubscribe function.
 */
export async function onDesktopDrop(
  onDrop: (sources: ImportSource[]) => void,
  onHover: (state: DropState) => void,
): Promise<() => void> {
  return (await currentWebview()).onDragDropEvent((event) => {
    const p = event.payload;
    if (p.type === "enter" || p.type === "over") onHover("over");
    else if (p.type === "leave") onHover("left");
    else {
      onHover("left");
      onDrop(p.paths.map((path) => ({ path })));
    }
  });
}
