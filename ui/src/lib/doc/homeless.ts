// Entities a concurrent edit left without a home: a touchpoint added to a
// stage someone else deleted at the same time, a note on a deleted stage, an
// arrow whose end is gone. `readJourney` hides them, as the backend's
// projection does; this lists them for the editor's tray, with the same
// rules and wording as crates/core/src/orphans.rs (`find`, `summary`).
// Putting one back is the backend's `rehome` (one rule, in Rust).

import * as Y from "yjs";
import type { JourneyView } from "./journey";

export type OrphanKind = "touchpoint" | "note" | "arrow";
export type Lost = "stage" | "lane" | "stage_and_lane" | "target" | "end" | "waiting";

export interface Orphan {
  kind: OrphanKind;
  id: string;
  label: string;
  lost: Lost;
  /** The homeless touchpoint it comes back with (when `lost` is "waiting"). */
  waits_for?: string;
}

function str(m: Y.Map<unknown>, key: string): string {
  const v = m.get(key);
  if (typeof v === "string") return v;
  if (v instanceof Y.Text) return v.toJSON();
  return "";
}

function each(doc: Y.Doc, root: string, f: (id: string, m: Y.Map<unknown>) => void) {
  doc.getMap<unknown>(root).forEach((m, id) => {
    if (m instanceof Y.Map) f(id, m as Y.Map<unknown>);
  });
}

function target(m: Y.Map<unknown>): { kind: string; id: string } | null {
  const t = m.get("target");
  const o = t instanceof Y.Map ? (t.toJSON() as Record<string, unknown>) : t;
  if (typeof o !== "object" || o === null) return null;
  const { kind, id } = o as Record<string, unknown>;
  return typeof kind === "string" && typeof id === "string" ? { kind, id } : null;
}

/** Whether the backend's `rehome` can put it back (a touchpoint, or a note
 * whose stage or touchpoint is gone). */
export function canRehome(o: Orphan): boolean {
  return o.kind === "touchpoint" || (o.kind === "note" && o.lost === "target");
}

/** The homeless entities of `doc`, given what `readJourney` shows of it:
 * touchpoints first, then notes, then arrows, each by label then id. */
export function findHomeless(doc: Y.Doc, view: JourneyView): Orphan[] {
  const stages = new Set(view.stages.map((s) => s.id));
  const lanes = new Set(view.lanes.map((l) => l.id));
  const tps = new Set(view.touchpoints.map((t) => t.id));
  const out: Orphan[] = [];
  each(doc, "touchpoints", (id, m) => {
    if (tps.has(id)) return;
    const stageOk = stages.has(str(m, "stage"));
    const laneOk = lanes.has(str(m, "lane"));
    if (stageOk && laneOk) return;
    const lost: Lost = !stageOk && !laneOk ? "stage_and_lane" : stageOk ? "lane" : "stage";
    out.push({ kind: "touchpoint", id, label: str(m, "title"), lost });
  });
  const homeless = new Set(out.map((o) => o.id));
  const notes = new Set(view.annotations.map((a) => a.id));
  each(doc, "annotations", (id, m) => {
    if (notes.has(id)) return;
    const t = target(m);
    const label = str(m, "text");
    if (t?.kind === "touchpoint" && homeless.has(t.id))
      out.push({ kind: "note", id, label, lost: "waiting", waits_for: t.id });
    else if (
      (t?.kind === "touchpoint" && !tps.has(t.id)) ||
      (t?.kind === "stage" && !stages.has(t.id))
    )
      out.push({ kind: "note", id, label, lost: "target" });
  });
  each(doc, "connections", (id, m) => {
    const from = str(m, "from");
    const to = str(m, "to");
    if (!from || !to || from === to || (tps.has(from) && tps.has(to))) return;
    const gone = (e: string) => !tps.has(e) && !homeless.has(e);
    const label = str(m, "label");
    if (gone(from) || gone(to)) out.push({ kind: "arrow", id, label, lost: "end" });
    else {
      const w = [from, to].find((e) => homeless.has(e));
      if (w) out.push({ kind: "arrow", id, label, lost: "waiting", waits_for: w });
    }
  });
  const rank: Record<OrphanKind, number> = { touchpoint: 0, note: 1, arrow: 2 };
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort(
    (a, b) => rank[a.kind] - rank[b.kind] || cmp(a.label, b.label) || cmp(a.id, b.id),
  );
}

/** "2 touchpoints lost their stage in a concurrent edit", or null. */
export function homelessSummary(list: readonly Orphan[]): string | null {
  const count = (k: OrphanKind, lost: Lost[]) =>
    list.filter((o) => o.kind === k && lost.includes(o.lost)).length;
  const n = (c: number, one: string, many: string) => (c === 1 ? `1 ${one}` : `${c} ${many}`);
  const parts: string[] = [];
  const tps = count("touchpoint", ["stage", "lane", "stage_and_lane"]);
  if (tps > 0) {
    const lanesOnly = list.filter((o) => o.kind === "touchpoint").every((o) => o.lost === "lane");
    const whose = tps === 1 ? "its" : "their";
    parts.push(
      `${n(tps, "touchpoint", "touchpoints")} lost ${whose} ${lanesOnly ? "lane" : "stage"}`,
    );
  }
  const notes = count("note", ["target"]);
  if (notes > 0)
    parts.push(
      `${n(notes, "note", "notes")} lost ${notes === 1 ? "what it was on" : "what they were on"}`,
    );
  const arrows = count("arrow", ["end"]);
  if (arrows > 0) parts.push(`${n(arrows, "arrow", "arrows")} lost an end`);
  return parts.length ? `${parts.join(", ")} in a concurrent edit` : null;
}

/** What the tray lists: what can be put back, and what comes back with it. */
export interface TrayRow {
  orphan: Orphan;
  /** Notes and arrows that come back when this touchpoint is put back. */
  riders: number;
}

export function trayRows(list: readonly Orphan[]): TrayRow[] {
  return list
    .filter((o) => canRehome(o) || o.lost === "end")
    .map((orphan) => ({
      orphan,
      riders: list.filter((o) => o.waits_for === orphan.id).length,
    }));
}
