// The editor's command table: every command once, with the keys that run it,
// how those keys are written, the native menu items that run it and its help
// text. The key map, the menu dispatch, the toolbar's tooltips and the
// shortcut sheet all read this table. A command a menu item runs takes that
// item's accelerator as its keys (`menuKeys`): the items, labels and
// accelerators are the one list of crates/api/src/rpc/menu.rs, generated.

import { menuKeys, type MenuId } from "./menuKeys";
import { ZOOM_STEP } from "./viewport";

/** What the commands act on; EditorState implements it. */
export interface EditorActions {
  undo(): void;
  redo(): void;
  zoomBy(factor: number): void;
  fit(): void;
  addNear(): void;
  newStage(): void;
  newLane(): void;
  /** Focus the side panel's first field for the selection; false when nothing is selected. */
  inspect(): boolean;
  /** Select and focus the card the arrow leads to (cardNav.ts); false when there is none. */
  moveFocus(dx: number, dy: number): boolean;
  /** Edit the selected touchpoint's title in place; false when none is selected. */
  editSelected(): boolean;
  nudge(dx: number, dy: number): void;
  /** The selected arrow or the picked touchpoints; false when there are none. */
  deletePicked(): boolean;
  /** Whatever is selected, stages and lanes too (Edit › Delete). */
  deleteSelection(): void;
  copy(): boolean;
  cut(): boolean;
  paste(): boolean;
  duplicate(): boolean;
  pickAll(): boolean;
  connect(): boolean;
  /** Escape: close the sheet, stop editing, leave the field (`blur`), or deselect. */
  escape(blur: (() => void) | null): void;
  setPanning(on: boolean): void;
  toggleShortcuts(): void;
  openShortcuts(): void;
  openVersions(): void;
  openExport(format: "waymark" | "mermaid" | "csv"): void;
  openShare(): void;
  openHost(): void;
  /** Save, then leave for the library (or map `next`). */
  back(next?: string): Promise<void>;
  /** The next or previous canvas overlay; false while scores are not loaded. */
  cycleOverlay(step: 1 | -1): boolean;
  openBoard(): boolean;
  toggleExplain(): boolean;
  /** An analysis view's menu item (present, compare, report, survey, images). */
  analysis(item: string): boolean;
}

/** A key press: `mod` is Ctrl or Cmd; `shift` is ignored unless given. */
export interface Chord {
  key: string;
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
}

export interface Command {
  id: string;
  keys?: readonly Chord[];
  /** How its keys are written in the shortcut sheet and tooltips. */
  label?: string;
  /** The native menu items that run it (generated ids). */
  menu?: readonly MenuId[];
  /** In a text field its menu item means the field's own editing command. */
  field?: "undo" | "redo" | "forwardDelete";
  /** What it does, for the shortcut sheet. */
  help?: string;
  /** Its key works while typing in a field too (Escape). */
  inField?: boolean;
  /** A held key repeats: one press, one step. */
  once?: boolean;
  /** Runs it; false when it did not apply, so the key goes on to the next command. */
  run: (ed: EditorActions, e?: KeyboardEvent) => boolean | undefined;
}

const arrows = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"] as const;
const step: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Void commands always apply. */
const does =
  (f: (ed: EditorActions, e?: KeyboardEvent) => void) =>
  (ed: EditorActions, e?: KeyboardEvent): true => {
    f(ed, e);
    return true;
  };

export const COMMANDS: readonly Command[] = [
  {
    id: "escape",
    keys: [{ key: "Escape" }],
    label: "Escape",
    help: "Deselect, close",
    inField: true,
    run: does((ed, e) => {
      const t = e?.target;
      ed.escape(
        isField(t)
          ? () => {
              t.blur();
            }
          : null,
      );
    }),
  },
  // The picked touchpoints first: Delete with nothing picked goes on.
  { id: "copy", keys: [{ key: "c", mod: true }], label: "Ctrl+C", run: (ed) => ed.copy() },
  { id: "cut", keys: [{ key: "x", mod: true }], label: "Ctrl+X", run: (ed) => ed.cut() },
  { id: "paste", keys: [{ key: "v", mod: true }], label: "Ctrl+V", run: (ed) => ed.paste() },
  {
    id: "duplicate",
    keys: [{ key: "d", mod: true }],
    label: "Ctrl+D",
    run: (ed) => ed.duplicate(),
  },
  { id: "pickAll", keys: [{ key: "a", mod: true }], label: "Ctrl+A", run: (ed) => ed.pickAll() },
  {
    id: "connect",
    keys: [{ key: "c" }],
    label: "C",
    help: "Connect them with an arrow (click it, Delete removes it)",
    run: (ed) => ed.connect(),
  },
  {
    id: "delete",
    keys: [{ key: "Delete" }, { key: "Backspace" }],
    label: "Delete",
    help: "Delete the selected touchpoint",
    run: (ed) => ed.deletePicked(),
  },
  {
    id: "deleteSelection",
    menu: ["edit.delete"],
    field: "forwardDelete",
    run: does((ed) => {
      ed.deleteSelection();
    }),
  },
  {
    id: "undo",
    ...menuKeys("edit.undo"),
    field: "undo",
    run: does((ed) => {
      ed.undo();
    }),
  },
  {
    id: "redo",
    ...menuKeys("edit.redo", { key: "y", mod: true }),
    field: "redo",
    run: does((ed) => {
      ed.redo();
    }),
  },
  {
    id: "zoomIn",
    ...menuKeys("view.zoom_in", { key: "+", mod: true }),
    run: does((ed) => {
      ed.zoomBy(ZOOM_STEP);
    }),
  },
  {
    id: "zoomOut",
    ...menuKeys("view.zoom_out"),
    run: does((ed) => {
      ed.zoomBy(1 / ZOOM_STEP);
    }),
  },
  {
    id: "fit",
    ...menuKeys("view.fit"),
    run: does((ed) => {
      ed.fit();
    }),
  },
  {
    id: "pan",
    keys: [{ key: " " }],
    label: "Space+drag",
    run: does((ed) => {
      ed.setPanning(true);
    }),
  },
  {
    id: "shortcuts",
    keys: [{ key: "?" }],
    label: "?",
    help: "This help",
    run: does((ed) => {
      ed.toggleShortcuts();
    }),
  },
  {
    id: "shortcutsMenu",
    menu: ["view.shortcuts", "help.shortcuts"],
    run: does((ed) => {
      ed.openShortcuts();
    }),
  },
  {
    id: "add",
    keys: [{ key: "n" }],
    label: "N",
    help: "Add a touchpoint",
    run: does((ed) => {
      ed.addNear();
    }),
  },
  {
    id: "addStage",
    keys: [{ key: "s" }],
    label: "S",
    help: "Add a stage",
    run: does((ed) => {
      ed.newStage();
    }),
  },
  {
    id: "addLane",
    keys: [{ key: "l" }],
    label: "L",
    help: "Add a lane",
    run: does((ed) => {
      ed.newLane();
    }),
  },
  {
    id: "goTo",
    keys: arrows.map((key) => ({ key })),
    label: "Arrows",
    help: "Go to the next card: in its lane, then across stages",
    run: (ed, e) => {
      const [dx, dy] = step[e?.key ?? ""] ?? [0, 0];
      return ed.moveFocus(dx, dy);
    },
  },
  {
    id: "inspect",
    keys: [{ key: "i" }],
    label: "I",
    help: "Edit the selection in the side panel (Escape comes back)",
    run: (ed) => ed.inspect(),
  },
  {
    id: "edit",
    keys: [{ key: "Enter" }, { key: "F2" }],
    label: "Enter",
    help: "Edit its title",
    run: (ed) => ed.editSelected(),
  },
  {
    id: "nudge",
    keys: arrows.map((key) => ({ key, alt: true })),
    label: "Alt+Arrows",
    help: "Move it to another cell or reorder",
    run: does((ed, e) => {
      const [dx, dy] = step[e?.key ?? ""] ?? [0, 0];
      ed.nudge(dx, dy);
    }),
  },
  {
    id: "nextOverlay",
    keys: [{ key: "h", shift: false }],
    label: "H",
    once: true,
    run: (ed) => ed.cycleOverlay(1),
  },
  {
    id: "previousOverlay",
    keys: [{ key: "h", shift: true }],
    label: "Shift+H",
    once: true,
    run: (ed) => ed.cycleOverlay(-1),
  },
  {
    id: "board",
    keys: [{ key: "b" }],
    label: "B",
    help: "Pain-point board",
    once: true,
    run: (ed) => ed.openBoard(),
  },
  {
    id: "explain",
    keys: [{ key: "e" }],
    label: "E",
    help: "Explain the selected touchpoint's scores",
    once: true,
    run: (ed) => ed.toggleExplain(),
  },
  {
    id: "library",
    menu: ["file.new", "file.library"],
    run: does((ed) => {
      void ed.back();
    }),
  },
  {
    id: "versions",
    menu: ["file.save_version"],
    run: does((ed) => {
      ed.openVersions();
    }),
  },
  ...(["waymark", "mermaid", "csv"] as const).map((format): Command => ({
    id: `export.${format}`,
    menu: [`file.export_${format}`] as const,
    run: does((ed) => {
      ed.openExport(format);
    }),
  })),
  {
    id: "share",
    menu: ["map.share"],
    run: does((ed) => {
      ed.openShare();
    }),
  },
  {
    id: "workshop",
    menu: ["map.workshop"],
    run: does((ed) => {
      ed.openHost();
    }),
  },
];

export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`no editor command "${id}"`);
  return c;
}

/** How command `id`'s keys are written (tooltips, the sheet). */
export function keyLabel(id: string): string {
  return command(id).label ?? "";
}

function helpOf(id: string): string {
  const h = command(id).help;
  if (h === undefined) throw new Error(`editor command "${id}" has no help text`);
  return h;
}

export interface SheetRow {
  keys: string;
  help: string;
}

/** The shortcut sheet: mouse gestures beside the commands' keys and help. */
export function shortcutSheet(): SheetRow[] {
  const k = keyLabel;
  return [
    { keys: `Double-click a cell / ${k("add")}`, help: helpOf("add") },
    { keys: k("addStage"), help: helpOf("addStage") },
    { keys: k("addLane"), help: helpOf("addLane") },
    { keys: k("goTo"), help: helpOf("goTo") },
    { keys: `Double-click a card / ${k("edit")}`, help: helpOf("edit") },
    { keys: k("inspect"), help: helpOf("inspect") },
    { keys: `Drag a card / ${k("nudge")}`, help: helpOf("nudge") },
    { keys: k("delete"), help: helpOf("delete") },
    { keys: `${k("undo")} / ${k("redo")}`, help: "Undo / redo" },
    {
      keys: `Ctrl+wheel, ${k("zoomIn")} / ${k("zoomOut")}, ${k("fit")}`,
      help: "Zoom, zoom to fit",
    },
    { keys: `Scroll, ${k("pan")}`, help: "Pan" },
    { keys: "Drag an emotion point", help: "Change the rating" },
    { keys: "Shift+click, drag on empty canvas", help: "Pick several touchpoints" },
    {
      keys: [k("copy"), k("paste"), k("duplicate"), k("pickAll")].join(" / "),
      help: "Copy, paste, duplicate, pick all",
    },
    {
      keys: `Drag a card's round handle / ${k("connect")} with two picked`,
      help: helpOf("connect"),
    },
    { keys: `Drag a stage or lane header / ${k("nudge")}`, help: "Reorder stages and lanes" },
    { keys: "Tab to an emotion point, Arrow keys", help: "Change the rating" },
    { keys: k("escape"), help: helpOf("escape") },
    {
      keys: `${k("nextOverlay")} / ${k("previousOverlay")}`,
      help: "Next / previous overlay: none, friction heat, emotion, priority",
    },
    { keys: k("board"), help: helpOf("board") },
    { keys: k("explain"), help: helpOf("explain") },
    { keys: k("shortcuts"), help: helpOf("shortcuts") },
  ];
}

function isField(t: EventTarget | null | undefined): t is HTMLElement {
  return (
    typeof HTMLElement !== "undefined" &&
    t instanceof HTMLElement &&
    (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))
  );
}

/** What `activatesChrome` asks of a key's target (an Element; tests pass a stand-in). */
export interface KeyTarget {
  closest(selector: string): unknown;
}

const CHROME_CONTROL =
  "button, a[href], summary, [role=button], [role=menuitem], [role=tab], input, select, textarea";

/**
 * Whether `key` on `target` is Space or Enter on a control of the window's
 * chrome (a button, link, field, menu entry): the control's own activation,
 * which the canvas must never take. Cards on the canvas (inside its svg)
 * are not chrome: Enter there renames.
 */
export function activatesChrome(key: string, target: KeyTarget | null): boolean {
  if (key !== " " && key !== "Enter") return false;
  if (!target || typeof target.closest !== "function") return false;
  if (target.closest("svg")) return false;
  return !!target.closest(CHROME_CONTROL);
}

/** Whether the key event `e` is the chord `c`. */
export function matches(c: Chord, e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  return (
    e.key.toLowerCase() === c.key.toLowerCase() &&
    mod === (c.mod ?? false) &&
    e.altKey === (c.alt ?? false) &&
    (c.shift === undefined || e.shiftKey === c.shift)
  );
}

/**
 * Runs the first command whose keys match `e` and that applies. `typing`:
 * focus is in a text field, where only field-safe commands run. Returns
 * whether a command took the key (its default action is then prevented).
 */
export function runKey(
  ed: EditorActions,
  e: KeyboardEvent,
  typing: boolean,
  table: readonly Command[] = COMMANDS,
): boolean {
  if (activatesChrome(e.key, e.target as KeyTarget | null)) return false;
  for (const c of table) {
    if (!c.keys?.some((k) => matches(k, e))) continue;
    if (typing && !c.inField) return false;
    if (c.once && e.repeat) {
      e.preventDefault();
      return true;
    }
    if (c.run(ed, e) === false) continue;
    // Escape keeps its default: a field's own Escape handling still runs.
    if (c.id !== "escape") e.preventDefault();
    return true;
  }
  return false;
}

/**
 * Runs the command of native menu item `item`. `typing`: focus is in a text
 * field, where Undo, Redo and Delete mean the field's own (the menu's
 * accelerators take those keys before the page sees them). Returns whether
 * the item was a command's.
 */
export function runMenu(
  ed: EditorActions,
  item: string,
  typing: boolean,
  fieldCommand: (command: "undo" | "redo" | "forwardDelete") => void,
  table: readonly Command[] = COMMANDS,
): boolean {
  const c = table.find((x) => x.menu?.some((m) => m === item));
  if (!c) return ed.analysis(item);
  if (typing && c.field) fieldCommand(c.field);
  else c.run(ed);
  return true;
}
