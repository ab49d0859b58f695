// Choosing files: the native dialogs in the desktop app, a file input in a
// browser. The desktop dialog returns a path the backend reads or writes.

import type { Backend } from "../backend";
import { dialogs } from "../backend/desktop";

export type Picked = { path: string } | { name: string; file: File };

/** Asks for one file to read; null when the person cancels. */
export async function pickFile(
  backend: Backend,
  extensions: string[],
  label: string,
): Promise<Picked | null> {
  if (backend.native) {
    const { open } = await dialogs();
    const path = await open({ multiple: false, filters: [{ name: label, extensions }] });
    return typeof path === "string" ? { path } : null;
  }
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = extensions.map((e) => `.${e}`).join(",");
    input.onchange = () => {
      const f = input.files?.[0];
      resolve(f ? { name: f.name, file: f } : null);
    };
    input.click();
  });
}

/** Asks where to save (desktop only); null when cancelled. */
export async function pickSavePath(
  defaultPath: string,
  extension: string,
  label: string,
): Promise<string | null> {
  const { save } = await dialogs();
  const path = await save({ defaultPath, filters: [{ name: label, extensions: [extension] }] });
  return path ?? null;
}

/** A file name from a title: "Lost card (to-be)" → "lost-card-to-be". */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "journey"
  );
}
