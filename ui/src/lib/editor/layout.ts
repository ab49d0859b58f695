// Where everything sits on the canvas, in canvas units (zoom 1). Stages are
// columns, lanes are rows; a row is as tall as its fullest cell.

import type { JourneyView, Lane, LaneKind, Stage, Touchpoint } from "../doc/journey";

export const LANE_HEAD_W = 176;
/** Tall enough for the name and the stage summary (friction, emotion, worst touchpoint). */
export const STAGE_HEAD_H = 88;
export const COL_W = 232;
export const CARD_H = 80;
export const CARD_GAP = 8;
export const PAD = 10;
export const MIN_ROW_H = CARD_H + 2 * PAD + 24;
/** The band of the emotions row that holds the curve, below its cards. */
export const EMOTION_BAND_H = 150;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CardBox extends Box {
  tp: Touchpoint;
  index: number;
}

export interface Row extends Box {
  lane: Lane;
}

export interface Column extends Box {
  stage: Stage;
}

export interface EmotionPoint {
  tp: Touchpoint;
  x: number;
  y: number;
  /** Its rating; 0 (neutral) while it has none. */
  emotion: number;
  /** False for a customer-facing touchpoint not rated yet: a hollow point to drag. */
  rated: boolean;
}

/** Lanes whose unrated touchpoints get a hollow point on the curve (the customer's side). */
const FACING: readonly string[] = ["touchpoints", "customer_actions", "frontstage"];

export interface Layout {
  width: number;
  height: number;
  columns: Column[];
  rows: Row[];
  cards: CardBox[];
  /** Cards by (stage, lane) cell key. */
  cells: Map<string, CardBox[]>;
  /** The band of the emotions row the curve is drawn in (below the row's
   * cards, so the curve never covers them), or null without such a row. */
  emotionRow: Row | null;
  emotionPoints: EmotionPoint[];
}

export const cellKey = (stage: string, lane: string) => `${stage}|${lane}`;

export function layout(view: JourneyView): Layout {
  const cells = new Map<string, Touchpoint[]>();
  for (const tp of view.touchpoints) {
    const key = cellKey(tp.stage, tp.lane);
    const list = cells.get(key);
    if (list) list.push(tp);
    else cells.set(key, [tp]);
  }
  const columns: Column[] = view.stages.map((stage, i) => ({
    stage,
    x: LANE_HEAD_W + i * COL_W,
    y: 0,
    w: COL_W,
    h: 0,
  }));
  const rows: Row[] = [];
  let emotionRow: Row | null = null;
  let y = STAGE_HEAD_H;
  for (const lane of view.lanes) {
    let most = 0;
    for (const s of view.stages)
      most = Math.max(most, cells.get(cellKey(s.id, lane.id))?.length ?? 0);
    const stack = most * (CARD_H + CARD_GAP) - (most > 0 ? CARD_GAP : 0);
    if (lane.kind === "emotions" && !emotionRow) {
      // Cards on top, then a band of their own for the curve.
      const cardsH = most > 0 ? stack + PAD : 0;
      const h = cardsH + EMOTION_BAND_H;
      const row = { lane, x: 0, y, w: 0, h };
      rows.push(row);
      emotionRow = { lane, x: 0, y: y + cardsH, w: 0, h: EMOTION_BAND_H };
      y += h;
      continue;
    }
    const h = Math.max(MIN_ROW_H, stack + 2 * PAD + 24);
    rows.push({ lane, x: 0, y, w: 0, h });
    y += h;
  }
  const width = LANE_HEAD_W + view.stages.length * COL_W + 40;
  const height = y + 40;
  for (const c of columns) c.h = y;
  for (const r of rows) r.w = LANE_HEAD_W + view.stages.length * COL_W;
  if (emotionRow) emotionRow.w = LANE_HEAD_W + view.stages.length * COL_W;

  const cards: CardBox[] = [];
  const cellBoxes = new Map<string, CardBox[]>();
  for (const col of columns) {
    for (const row of rows) {
      const key = cellKey(col.stage.id, row.lane.id);
      const list = cells.get(key) ?? [];
      const boxes = list.map((tp, index) => ({
        tp,
        index,
        x: col.x + PAD,
        y: row.y + PAD + index * (CARD_H + CARD_GAP),
        w: COL_W - 2 * PAD,
        h: CARD_H,
      }));
      cellBoxes.set(key, boxes);
      cards.push(...boxes);
    }
  }

  const emotionPoints: EmotionPoint[] = [];
  if (emotionRow) {
    for (const col of columns) {
      const facing = new Set(view.lanes.filter((l) => FACING.includes(l.kind)).map((l) => l.id));
      const shown = view.touchpoints.filter(
        (t) => t.stage === col.stage.id && (t.inputs.emotion !== undefined || facing.has(t.lane)),
      );
      shown.forEach((tp, i) => {
        const emotion = tp.inputs.emotion ?? 0;
        emotionPoints.push({
          tp,
          emotion,
          rated: tp.inputs.emotion !== undefined,
          x: col.x + ((i + 1) / (shown.length + 1)) * COL_W,
          y: emotionY(emotionRow, emotion),
        });
      });
    }
  }
  return { width, height, columns, rows, cards, cells: cellBoxes, emotionRow, emotionPoints };
}

/** The y of an emotion rating (−2..2) in the emotions row. */
export function emotionY(row: Box, emotion: number): number {
  const mid = row.y + row.h / 2;
  const step = (row.h / 2 - 22) / 2;
  return mid - emotion * step;
}

/** The rating (−2..2, whole) nearest to canvas y in the emotions row. */
export function emotionAt(row: Box, y: number): number {
  const mid = row.y + row.h / 2;
  const step = (row.h / 2 - 22) / 2;
  return Math.max(-2, Math.min(2, Math.round((mid - y) / step)));
}

/** The cell under a canvas point and the index a card dropped there would take. */
export function hitCell(
  l: Layout,
  x: number,
  y: number,
  except?: string,
): { stage: string; lane: string; index: number } | null {
  const col = l.columns.find((c) => x >= c.x && x < c.x + c.w);
  const row = l.rows.find((r) => y >= r.y && y < r.y + r.h);
  if (!col || !row) return null;
  const boxes = (l.cells.get(cellKey(col.stage.id, row.lane.id)) ?? []).filter(
    (b) => b.tp.id !== except,
  );
  let index = boxes.length;
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    if (b && y < b.y + b.h / 2) {
      index = i;
      break;
    }
  }
  return { stage: col.stage.id, lane: row.lane.id, index };
}

/** The touchpoint card under a canvas point. */
export function hitCard(l: Layout, x: number, y: number): CardBox | null {
  for (const c of l.cards) {
    if (x >= c.x && x < c.x + c.w && y >= c.y && y < c.y + c.h) return c;
  }
  return null;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** A smooth path through points (Catmull-Rom as cubic Béziers). */
export function smoothPath(points: { x: number; y: number }[]): string {
  if (points.length === 0) return "";
  const first = points[0] as { x: number; y: number };
  let d = `M${first.x},${first.y}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[i + 2] ?? p2;
    if (!p0 || !p1 || !p2 || !p3) continue;
    const c1x = p1.x + (p2.x - p0.x) / 6;
    const c1y = p1.y + (p2.y - p0.y) / 6;
    const c2x = p2.x - (p3.x - p1.x) / 6;
    const c2y = p2.y - (p3.y - p1.y) / 6;
    d += ` C${c1x},${c1y} ${c2x},${c2y} ${p2.x},${p2.y}`;
  }
  return d;
}

export const LANE_LABELS: Record<LaneKind, { label: string; icon: string }> = {
  customer_actions: { label: "Customer actions", icon: "➤" },
  touchpoints: { label: "Touchpoints", icon: "◉" },
  channels: { label: "Channels", icon: "☎" },
  thoughts: { label: "Thoughts", icon: "❝" },
  emotions: { label: "Emotions", icon: "☺" },
  pain_points: { label: "Pain points", icon: "⚠" },
  opportunities: { label: "Opportunities", icon: "★" },
  frontstage: { label: "Frontstage", icon: "▣" },
  backstage: { label: "Backstage", icon: "▤" },
  support_processes: { label: "Support processes", icon: "⚙" },
  metrics: { label: "Metrics", icon: "∑" },
  ownership: { label: "Ownership", icon: "⚑" },
  free_text: { label: "Free text", icon: "¶" },
};

export const NOTE_COLOURS: Record<string, string> = {
  pain_point: "#ffd6d2",
  idea: "#fff1a8",
  question: "#d6e8ff",
  evidence: "#d5f2dc",
};

export const NOTE_LABELS: Record<string, string> = {
  pain_point: "Pain point",
  idea: "Idea",
  question: "Question",
  evidence: "Evidence",
};

/** Cut `text` to about `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)).trimEnd() + "…";
}

/**
 * `text` in lines of at most `perLine` characters, broken between words
 * (a word longer than a line is cut); at most `maxLines`, the last one
 * ending in "…" when the text goes on.
 */
export function wrapLines(text: string, perLine: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (let w of words) {
    while (w.length > perLine) {
      if (line) lines.push(line);
      lines.push(w.slice(0, perLine));
      w = w.slice(perLine);
      line = "";
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= perLine) line += " " + w;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = clip(`${kept[maxLines - 1] ?? ""} ${lines[maxLines] ?? ""}`, perLine);
  return kept;
}
