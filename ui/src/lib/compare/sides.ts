// The compare view's choices: which states of which maps can be compared
// with the open one, and how a delta reads.

import type { Delta, MapOrigin, MapRef, MapSummary, VersionInfo } from "../backend";

export interface SideOption {
  /** Stable key for a <select>. */
  key: string;
  label: string;
  ref: MapRef;
}

/** The open map now, its named versions, its source and its future states. */
export function sideOptions(
  id: string,
  versions: VersionInfo[],
  origins: MapOrigin[],
  maps: MapSummary[],
): SideOption[] {
  const title = (m: string) => maps.find((x) => x.id === m)?.title ?? "a deleted map";
  const out: SideOption[] = [{ key: `${id}@`, label: "This map (now)", ref: { map: id } }];
  for (const v of versions) {
    out.push({
      key: `${id}@${v.id}`,
      label: `Version “${v.label}”`,
      ref: { map: id, version: v.id },
    });
  }
  for (const o of origins) {
    const other = o.map_id === id ? o.source_id : o.map_id;
    if (!maps.some((m) => m.id === other)) continue;
    const role = o.map_id === id ? "As-is source" : "Future state";
    out.push({ key: `${other}@`, label: `${role}: ${title(other)}`, ref: { map: other } });
  }
  return out;
}

/** The default pair: the source or latest version before, this map after;
 * or this map before its future state `after` when one is given. */
export function defaultPair(
  options: SideOption[],
  id: string,
  after: string | null,
): [string, string] {
  const now = `${id}@`;
  if (after) return [now, `${after}@`];
  const source = options.find((o) => o.label.startsWith("As-is source"));
  const versions = options.filter((o) => o.ref.map === id && o.ref.version);
  const before = source ?? versions[versions.length - 1] ?? options[0];
  return [before?.key ?? now, now];
}

/** "+12" / "−8" / "0"; empty without both sides. */
export function signed(d: Delta): string {
  if (d.change === null) return "";
  const r = Math.round(d.change);
  if (r === 0) return "0";
  return r > 0 ? `+${r}` : `−${-r}`;
}

/** Whether a delta is good news: lower friction, higher emotion. */
export function tone(d: Delta, higherIsBetter: boolean): "better" | "worse" | "same" {
  if (d.change === null || Math.abs(d.change) < 0.5) return "same";
  return d.change > 0 === higherIsBetter ? "better" : "worse";
}
