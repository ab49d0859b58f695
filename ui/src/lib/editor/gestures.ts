// The canvas pointer as pure transitions: what a press starts (pan, card
// drag, emotion drag, marquee, stage or lane reorder), what a move makes of
// it and what a release changes in the map. Canvas.svelte feeds in the
// pointer and applies the results; nothing here touches the DOM or the doc.

import type { JourneyView } from "../doc/journey";
import { COL_W, emotionAt, hitCard, hitCell, type Layout } from "./layout";
import { boxFrom, cardsIn, spanAt, togglePick, union, type Selection } from "./selection";

export interface Point {
  x: number;
  y: number;
}

/** A cell slot a dragged card would land in. */
export interface Drop {
  stage: string;
  lane: string;
  index: number;
}

export type Gesture =
  | { kind: "pan"; x: number; y: number; left: number; top: number }
  | { kind: "card"; id: string; x: number; y: number; dx: number; dy: number; moved: boolean }
  | { kind: "emotion"; id: string; value: number }
  | { kind: "marquee"; x: number; y: number; x2: number; y2: number; base: string[] }
  | { kind: "stages" | "lanes"; id: string; from: number; to: number };

/** A pointer press, with what was under it. */
export interface Press {
  button: number;
  shift: boolean;
  /** Space is held: any press pans. */
  space: boolean;
  /** Screen position (for panning) and canvas position. */
  client: Point;
  at: Point;
  /** The viewport's scroll offset when the press began. */
  scroll: { left: number; top: number };
  /** The emotion point, stage header or lane header pressed, if any (their data attributes). */
  emotionPoint: string | null;
  stageHead: string | null;
  laneHead: string | null;
}

/** What a press does: the gesture it starts and how the selection changes. */
export interface Started {
  gesture: Gesture | null;
  /** The new selection (left as it is when absent). */
  select?: Selection;
  /** The new set of picked touchpoints (left as it is when absent). */
  pick?: string[];
  clearArrow?: boolean;
}

/** A press on the canvas; null when it does nothing (another mouse button). */
export function press(
  p: Press,
  lay: Layout,
  view: JourneyView,
  picked: readonly string[],
): Started | null {
  if (p.space || p.button === 1) {
    return {
      gesture: { kind: "pan", x: p.client.x, y: p.client.y, ...p.scroll },
    };
  }
  if (p.button !== 0) return null;
  if (p.emotionPoint) {
    const id = p.emotionPoint;
    const tp = view.touchpoints.find((t) => t.id === id);
    return {
      gesture: { kind: "emotion", id, value: tp?.inputs.emotion ?? 0 },
      select: { kind: "touchpoint", id },
    };
  }
  // Headers stay on top of the canvas (sticky), so they win over cards under them.
  if (p.stageHead) {
    const id = p.stageHead;
    const from = lay.columns.findIndex((c) => c.stage.id === id);
    return { gesture: { kind: "stages", id, from, to: from }, select: { kind: "stage", id } };
  }
  if (p.laneHead) {
    const id = p.laneHead;
    const from = lay.rows.findIndex((r) => r.lane.id === id);
    return { gesture: { kind: "lanes", id, from, to: from }, select: { kind: "lane", id } };
  }
  const card = hitCard(lay, p.at.x, p.at.y);
  if (card && p.shift) return { gesture: null, pick: togglePick(picked, card.tp.id) };
  if (card) {
    return {
      gesture: {
        kind: "card",
        id: card.tp.id,
        x: p.at.x,
        y: p.at.y,
        dx: p.at.x - card.x,
        dy: p.at.y - card.y,
        moved: false,
      },
      select: { kind: "touchpoint", id: card.tp.id },
    };
  }
  // Empty canvas: a marquee (Shift adds to what is picked).
  return {
    gesture: {
      kind: "marquee",
      x: p.at.x,
      y: p.at.y,
      x2: p.at.x,
      y2: p.at.y,
      base: p.shift ? [...picked] : [],
    },
    ...(p.shift ? {} : { select: null }),
    clearArrow: true,
  };
}

/** What a pointer move makes of the running gesture. */
export interface Moved {
  gesture: Gesture;
  /** Pan: the scroll offset to show. */
  scroll?: { left: number; top: number };
  /** Card drag: where the ghost card is drawn and the slot it would land in. */
  ghost?: Point;
  drop?: Drop | null;
}

/** A card only starts moving after this many screen pixels (a click may wobble). */
export const DRAG_SLOP = 4;

export function move(g: Gesture, client: Point, at: Point, lay: Layout, zoom: number): Moved {
  switch (g.kind) {
    case "pan":
      return {
        gesture: g,
        scroll: { left: g.left - (client.x - g.x), top: g.top - (client.y - g.y) },
      };
    case "marquee":
      return { gesture: { ...g, x2: at.x, y2: at.y } };
    case "stages":
      return {
        gesture: {
          ...g,
          to: spanAt(
            lay.columns.map((c) => ({ start: c.x, size: COL_W })),
            at.x,
          ),
        },
      };
    case "lanes":
      return {
        gesture: {
          ...g,
          to: spanAt(
            lay.rows.map((r) => ({ start: r.y, size: r.h })),
            at.y,
          ),
        },
      };
    case "emotion":
      return lay.emotionRow
        ? { gesture: { ...g, value: emotionAt(lay.emotionRow, at.y) } }
        : { gesture: g };
    case "card":
      if (!g.moved && Math.hypot(at.x - g.x, at.y - g.y) < DRAG_SLOP / zoom) return { gesture: g };
      return {
        gesture: { ...g, moved: true },
        ghost: { x: at.x - g.dx, y: at.y - g.dy },
        drop: hitCell(lay, at.x, at.y, g.id),
      };
  }
}

/** A change a released gesture makes. */
export type Effect =
  | { kind: "pick"; ids: string[] }
  | { kind: "reorder"; what: "stages" | "lanes"; id: string; to: number }
  | { kind: "move"; id: string; to: Drop }
  /** Several picked cards dragged together, in map order. */
  | { kind: "moveAll"; ids: string[]; to: Drop }
  | { kind: "emotion"; id: string; value: number };

export function release(
  g: Gesture,
  drop: Drop | null,
  lay: Layout,
  view: JourneyView,
  picked: readonly string[],
): Effect[] {
  switch (g.kind) {
    case "marquee": {
      const box = boxFrom({ x: g.x, y: g.y }, { x: g.x2, y: g.y2 });
      return box.w > 4 || box.h > 4
        ? [{ kind: "pick", ids: union(g.base, cardsIn(lay, box)) }]
        : [];
    }
    case "stages":
    case "lanes":
      return g.to !== g.from ? [{ kind: "reorder", what: g.kind, id: g.id, to: g.to }] : [];
    case "card":
      // A plain click on one of several picked cards picks just that one.
      if (!g.moved) return picked.length > 1 ? [{ kind: "pick", ids: [g.id] }] : [];
      if (!drop) return [];
      // Dragging one of several picked cards takes them all, in map order.
      if (picked.length > 1 && picked.includes(g.id)) {
        const ids = lay.cards.map((c) => c.tp.id).filter((id) => picked.includes(id));
        return [{ kind: "moveAll", ids, to: drop }];
      }
      return [{ kind: "move", id: g.id, to: drop }];
    case "emotion": {
      const tp = view.touchpoints.find((t) => t.id === g.id);
      return tp && tp.inputs.emotion !== g.value
        ? [{ kind: "emotion", id: g.id, value: g.value }]
        : [];
    }
    case "pan":
      return [];
  }
}
