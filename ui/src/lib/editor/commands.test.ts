import { describe, expect, it } from "vitest";
import {
  COMMANDS,
  activatesChrome,
  keyLabel,
  runKey,
  runMenu,
  shortcutSheet,
  type EditorActions,
} from "./commands";

/** An editor that records what the commands asked of it. */
function recorder(applies: Partial<Record<keyof EditorActions, boolean>> = {}) {
  const calls: string[] = [];
  const ed = new Proxy({} as EditorActions, {
    get:
      (_, name: string) =>
      (...args: unknown[]) => {
        calls.push(
          [name, ...args.map((a) => (typeof a === "function" ? "fn" : String(a)))].join(" "),
        );
        return applies[name as keyof EditorActions] ?? true;
      },
  });
  return { ed, calls };
}

function key(
  k: string,
  mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; repeat?: boolean } = {},
) {
  const e = {
    key: k,
    ctrlKey: mods.ctrl ?? false,
    metaKey: false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
    repeat: mods.repeat ?? false,
    target: null as unknown,
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
  };
  return e;
}

const press = (ed: EditorActions, e: ReturnType<typeof key>, typing = false) =>
  runKey(ed, e as unknown as KeyboardEvent, typing);

describe("command table", () => {
  it("gives every key chord and every menu item to one command", () => {
    const chords = COMMANDS.flatMap((c) =>
      (c.keys ?? []).map((k) => JSON.stringify([k.key.toLowerCase(), !!k.mod, !!k.alt, k.shift])),
    );
    expect(new Set(chords).size).toBe(chords.length);
    const menu = COMMANDS.flatMap((c) => c.menu ?? []);
    expect(new Set(menu).size).toBe(menu.length);
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("writes every command that has keys a label", () => {
    for (const c of COMMANDS) if (c.keys) expect(c.label, c.id).toBeTruthy();
  });

  it("builds the shortcut sheet the editor has always shown", () => {
    expect(shortcutSheet().map((r) => `${r.keys} | ${r.help}`)).toEqual([
      "Double-click a cell / N | Add a touchpoint",
      "S | Add a stage",
      "L | Add a lane",
      "Arrows | Go to the next card: in its lane, then across stages",
      "Double-click a card / Enter | Edit its title",
      "I | Edit the selection in the side panel (Escape comes back)",
      "Drag a card / Alt+Arrows | Move it to another cell or reorder",
      "Delete | Delete the selected touchpoint",
      "Ctrl+Z / Ctrl+Shift+Z | Undo / redo",
      "Ctrl+wheel, Ctrl+= / Ctrl+−, Ctrl+0 | Zoom, zoom to fit",
      "Scroll, Space+drag | Pan",
      "Drag an emotion point | Change the rating",
      "Shift+click, drag on empty canvas | Pick several touchpoints",
      "Ctrl+C / Ctrl+V / Ctrl+D / Ctrl+A | Copy, paste, duplicate, pick all",
      "Drag a card's round handle / C with two picked | Connect them with an arrow (click it, Delete removes it)",
      "Drag a stage or lane header / Alt+Arrows | Reorder stages and lanes",
      "Tab to an emotion point, Arrow keys | Change the rating",
      "Escape | Deselect, close",
      "H / Shift+H | Next / previous overlay: none, friction heat, emotion, priority",
      "B | Pain-point board",
      "E | Explain the selected touchpoint's scores",
      "? | This help",
    ]);
    expect(keyLabel("undo")).toBe("Ctrl+Z");
  });
});

describe("keys", () => {
  it("leave Space and Enter to a focused button of the chrome, not the canvas", () => {
    /** A target inside the elements that match `inside`. */
    const at = (...inside: string[]) => ({
      closest: (sel: string) => (sel.split(", ").some((s) => inside.includes(s)) ? {} : null),
    });
    expect(activatesChrome(" ", at("button"))).toBe(true);
    expect(activatesChrome("Enter", at("a[href]"))).toBe(true);
    expect(activatesChrome("Enter", at("svg", "[role=button]"))).toBe(false);
    expect(activatesChrome("n", at("button"))).toBe(false);
    expect(activatesChrome(" ", at("div"))).toBe(false);
    const { ed, calls } = recorder();
    const space = key(" ");
    space.target = at("button");
    expect(press(ed, space)).toBe(false);
    expect(space.prevented).toBe(false);
    expect(calls).toEqual([]);
  });

  it("run their command and keep the browser from acting on them", () => {
    const { ed, calls } = recorder();
    const cases: [ReturnType<typeof key>, string][] = [
      [key("z", { ctrl: true }), "undo"],
      [key("Z", { ctrl: true, shift: true }), "redo"],
      [key("y", { ctrl: true }), "redo"],
      [key("=", { ctrl: true }), "zoomBy 1.25"],
      [key("-", { ctrl: true }), "zoomBy 0.8"],
      [key("0", { ctrl: true }), "fit"],
      [key("N", { shift: true }), "addNear"],
      [key("F2"), "editSelected"],
      [key("s"), "newStage"],
      [key("l"), "newLane"],
      [key("i"), "inspect"],
      [key("ArrowRight"), "moveFocus 1 0"],
      [key("ArrowUp"), "moveFocus 0 -1"],
      [key("ArrowLeft", { alt: true }), "nudge -1 0"],
      [key("ArrowDown", { alt: true }), "nudge 0 1"],
      [key("H", { shift: true }), "cycleOverlay -1"],
      [key("?", { shift: true }), "toggleShortcuts"],
      [key(" "), "setPanning true"],
      [key("Escape"), "escape null"],
    ];
    for (const [e, call] of cases) {
      calls.length = 0;
      expect(press(ed, e), e.key).toBe(true);
      expect(calls).toEqual([call]);
      expect(e.prevented).toBe(e.key !== "Escape");
    }
  });

  it("that do not apply go on to the next command, or back to the page", () => {
    const { ed, calls } = recorder({ deletePicked: false, connect: false });
    const del = key("Delete");
    expect(press(ed, del)).toBe(false);
    expect(del.prevented).toBe(false);
    expect(press(ed, key("c"))).toBe(false);
    expect(calls).toEqual(["deletePicked", "connect"]);
  });

  it("leave a text field alone, apart from Escape", () => {
    const { ed, calls } = recorder();
    expect(press(ed, key("n"), true)).toBe(false);
    expect(press(ed, key("z", { ctrl: true }), true)).toBe(false);
    expect(press(ed, key("Escape"), true)).toBe(true);
    expect(calls).toEqual(["escape null"]);
  });

  it("held down act once", () => {
    const { ed, calls } = recorder();
    const held = key("h", { repeat: true });
    expect(press(ed, held)).toBe(true);
    expect(held.prevented).toBe(true);
    expect(calls).toEqual([]);
  });

  it("with a modifier the command does not take are not taken", () => {
    const { ed, calls } = recorder();
    expect(press(ed, key("n", { ctrl: true }))).toBe(false);
    expect(press(ed, key("b", { alt: true }))).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe("menu", () => {
  const field: string[] = [];
  const fieldCommand = (c: string) => field.push(c);

  it("runs the command of the item", () => {
    const { ed, calls } = recorder();
    for (const item of [
      "edit.undo",
      "file.export_csv",
      "map.share",
      "help.shortcuts",
      "file.library",
    ])
      expect(runMenu(ed, item, false, fieldCommand)).toBe(true);
    expect(calls).toEqual(["undo", "openExport csv", "openShare", "openShortcuts", "back"]);
  });

  it("means the field's own undo, redo and delete while typing", () => {
    const { ed, calls } = recorder();
    runMenu(ed, "edit.undo", true, fieldCommand);
    runMenu(ed, "edit.delete", true, fieldCommand);
    runMenu(ed, "view.zoom_in", true, fieldCommand);
    expect(field).toEqual(["undo", "forwardDelete"]);
    expect(calls).toEqual(["zoomBy 1.25"]);
  });

  it("hands other items to the analysis views", () => {
    const { ed, calls } = recorder({ analysis: false });
    expect(runMenu(ed, "view.present", false, fieldCommand)).toBe(false);
    expect(calls).toEqual(["analysis view.present"]);
  });
});
