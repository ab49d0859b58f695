// Where the arrow keys go from one card: up and down within its cell, then
// to the next lane's cards in the same stage; left and right to the same
// lane in the next stage that has cards. Pure, over the layout.

import type { JourneyView } from "../doc/journey";
import { cellKey, type Layout } from "./layout";

/** The card the arrow (`dx`, `dy`) leads to from touchpoint `from`; the first card when `from` is null. */
export function neighbour(
  lay: Layout,
  view: JourneyView,
  from: string | null,
  dx: number,
  dy: number,
): string | null {
  const ids = (stage: string, lane: string) =>
    (lay.cells.get(cellKey(stage, lane)) ?? []).map((c) => c.tp.id);
  const tp = from ? view.touchpoints.find((t) => t.id === from) : undefined;
  if (!tp) {
    for (const s of view.stages)
      for (const l of view.lanes) {
        const first = ids(s.id, l.id)[0];
        if (first) return first;
      }
    return null;
  }
  const cell = ids(tp.stage, tp.lane);
  const at = cell.indexOf(tp.id);
  if (dy !== 0) {
    const next = cell[at + dy];
    if (next) return next;
    const lanes = view.lanes.map((l) => l.id);
    for (let i = lanes.indexOf(tp.lane) + dy; i >= 0 && i < lanes.length; i += dy) {
      const other = ids(tp.stage, lanes[i] ?? "");
      const pick = dy > 0 ? other[0] : other[other.length - 1];
      if (pick) return pick;
    }
    return null;
  }
  const stages = view.stages.map((s) => s.id);
  for (let i = stages.indexOf(tp.stage) + dx; i >= 0 && i < stages.length; i += dx) {
    const other = ids(stages[i] ?? "", tp.lane);
    if (other.length) return other[Math.min(at, other.length - 1)] ?? null;
  }
  return null;
}
