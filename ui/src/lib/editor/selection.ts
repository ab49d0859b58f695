import { intersects, type Box, type Layout } from "./layout";

/** What the editor has selected: one touchpoint, stage or lane, or the map. */
export type Selection = { kind: "touchpoint" | "stage" | "lane"; id: string } | null;

/** `ids` with `id` added, or removed when it was there (shift-click). */
export function togglePick(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}

/** The box spanned by two corners, whichever way the drag went. */
export function boxFrom(a: { x: number; y: number }, b: { x: number; y: number }): Box {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  };
}

/** The touchpoints whose cards the marquee `box` touches, in map order. */
export function cardsIn(lay: Layout, box: Box): string[] {
  return lay.cards.filter((c) => intersects(c, box)).map((c) => c.tp.id);
}

/** `base` plus `more`, without repeats, in that order. */
export function union(base: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...base, ...more])];
}

/** Which of the spans (columns or rows, in order) the coordinate `at` falls in,
 * clamped to the first and last: where a dragged stage or lane lands. */
export function spanAt(spans: readonly { start: number; size: number }[], at: number): number {
  const i = spans.findIndex((s) => at < s.start + s.size);
  return i < 0 ? Math.max(0, spans.length - 1) : i;
}
