// The native menu and the editor's command table agree: both read the one
// menu list (crates/api/src/rpc/menu.rs, generated into generated/menu.ts).

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MENU_ITEMS } from "../generated/menu";
import { COMMANDS } from "./commands";
import { accelLabel, chordOf, menuItem, menuKeys } from "./menuKeys";

describe("menu keys", () => {
  it("reads Tauri's accelerators as the key map's chords", () => {
    expect(chordOf("CmdOrCtrl+Z")).toEqual({ key: "z", mod: true, shift: false });
    expect(chordOf("CmdOrCtrl+Shift+Z")).toEqual({ key: "z", mod: true, shift: true });
    expect(chordOf("CmdOrCtrl+=")).toEqual({ key: "=", mod: true });
    expect(chordOf("CmdOrCtrl+-")).toEqual({ key: "-", mod: true });
    expect(chordOf("Ctrl++")).toEqual({ key: "+", mod: true });
    expect(chordOf("Alt+Shift+F5")).toEqual({ key: "F5", alt: true, shift: true });
    expect(chordOf("F1")).toEqual({ key: "F1" });
  });

  it("writes them as the shortcut sheet does", () => {
    expect(accelLabel("CmdOrCtrl+Shift+Z")).toBe("Ctrl+Shift+Z");
    expect(accelLabel("CmdOrCtrl+-")).toBe("Ctrl+−");
    expect(accelLabel("CmdOrCtrl+0")).toBe("Ctrl+0");
    expect(accelLabel("F5")).toBe("F5");
  });

  it("refuses an item that is not in the menu or has no accelerator", () => {
    expect(() => menuItem("file.nope" as never)).toThrow(/no menu item/);
    expect(() => menuKeys("edit.delete")).toThrow(/no accelerator/);
  });
});

describe("the menu and the command table", () => {
  const items = new Map(MENU_ITEMS.map((i) => [i.id as string, i]));

  it("run only items of the menu", () => {
    for (const c of COMMANDS) for (const m of c.menu ?? []) expect(items.has(m), m).toBe(true);
  });

  it("give a command its menu item's accelerator as its keys and label", () => {
    let checked = 0;
    for (const c of COMMANDS) {
      const accel = c.menu?.map((m) => items.get(m)?.accelerator).find((a) => a);
      if (!accel || !c.keys) continue;
      expect(c.keys[0], c.id).toEqual(chordOf(accel));
      expect(c.label, c.id).toBe(accelLabel(accel));
      checked++;
    }
    // Undo, redo, zoom in, zoom out, zoom to fit.
    expect(checked).toBe(5);
  });

  it("keep the sheet's labels as they were", () => {
    const label = (id: string) => COMMANDS.find((c) => c.id === id)?.label;
    expect(["undo", "redo", "zoomIn", "zoomOut", "fit"].map(label)).toEqual([
      "Ctrl+Z",
      "Ctrl+Shift+Z",
      "Ctrl+=",
      "Ctrl+−",
      "Ctrl+0",
    ]);
  });
});

/** Every menu id written as a string in the UI's sources (not tests). */
function idsInSources(): Set<string> {
  const src = fileURLToPath(new URL("../..", import.meta.url));
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "generated") walk(path);
      } else if (/\.(ts|svelte)$/.test(e.name) && !e.name.includes(".test.")) {
        const text = readFileSync(path, "utf8");
        for (const m of text.matchAll(/"((?:file|edit|view|map|help)\.[a-z_]+)"/g))
          found.add(m[1] ?? "");
      }
    }
  };
  walk(src);
  return found;
}

describe("the menu and the UI's handlers", () => {
  const ids = new Set<string>(MENU_ITEMS.map((i) => i.id));
  const named = idsInSources();

  it("name only items the menu has", () => {
    expect([...named].filter((id) => !ids.has(id))).toEqual([]);
  });

  it("handle every item the menu has", () => {
    const run = new Set<string>(COMMANDS.flatMap((c) => c.menu ?? []));
    expect([...ids].filter((id) => !run.has(id) && !named.has(id))).toEqual([]);
  });
});
