// The keys of the commands a native menu item also runs, taken from the
// item's accelerator in the one menu list (`generated/menu.ts`, made from
// crates/api/src/rpc/menu.rs): the menu and the key map cannot disagree.

import { MENU_ITEMS, type MenuId, type MenuItem } from "../generated/menu";
import type { Chord } from "./commands";

export type { MenuId };

export function menuItem(id: MenuId): MenuItem {
  const item = MENU_ITEMS.find((i) => i.id === id);
  if (!item) throw new Error(`no menu item "${id}"`);
  return item;
}

const MOD = ["CmdOrCtrl", "CommandOrControl", "Ctrl", "Control", "Cmd", "Command", "Super"];

function parts(accel: string): { mods: string[]; key: string } {
  // The key may itself be "+" or "-": it is what follows the last "+" that
  // joins two parts.
  const at = accel.lastIndexOf("+", accel.length - 2);
  return at < 0
    ? { mods: [], key: accel }
    : { mods: accel.slice(0, at).split("+"), key: accel.slice(at + 1) };
}

/**
 * The chord accelerator `accel` (`CmdOrCtrl+Shift+Z`, `F5`) stands for. A
 * letter's chord says whether Shift is held (Ctrl+Z is not Ctrl+Shift+Z);
 * for other keys Shift is left open, as keyboards differ in which need it.
 */
export function chordOf(accel: string): Chord {
  const { mods, key } = parts(accel);
  const letter = /^[a-z]$/i.test(key);
  const shift = mods.includes("Shift");
  const chord: Chord = { key: letter ? key.toLowerCase() : key };
  if (mods.some((m) => MOD.includes(m))) chord.mod = true;
  if (mods.includes("Alt") || mods.includes("Option")) chord.alt = true;
  if (shift || letter) chord.shift = shift;
  return chord;
}

/** How accelerator `accel` is written in the shortcut sheet and tooltips
 * (`Ctrl+Shift+Z`, `Ctrl+−`). */
export function accelLabel(accel: string): string {
  const { mods, key } = parts(accel);
  const words = mods.map((m) => (MOD.includes(m) ? "Ctrl" : m === "Option" ? "Alt" : m));
  const shown = key === "-" ? "−" : key.length === 1 ? key.toUpperCase() : key;
  return [...words, shown].join("+");
}

/**
 * A command's menu item `id` with the keys and key label of its
 * accelerator, then `more` chords (another way to type it: Ctrl+Y for redo).
 */
export function menuKeys(
  id: MenuId,
  ...more: Chord[]
): { menu: MenuId[]; keys: Chord[]; label: string } {
  const accel = menuItem(id).accelerator;
  if (!accel) throw new Error(`menu item "${id}" has no accelerator`);
  return { menu: [id], keys: [chordOf(accel), ...more], label: accelLabel(accel) };
}
