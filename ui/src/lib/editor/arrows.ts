// The geometry of arrows between cards, as pure functions: the curve joining
// two cards, points along it, and where its label's pill goes so that it sits
// on a free part of the arrow, never on a card and never in the emotion
// curve's band. Connections.svelte draws what these compute.

import { CARD_H, intersects, type Box } from "./layout";

export interface Pt {
  x: number;
  y: number;
}

/** A cubic Bézier: from `p0` to `p3`, pulled by `p1` and `p2`. */
export interface Curve {
  p0: Pt;
  p1: Pt;
  p2: Pt;
  p3: Pt;
}

/** The label pill's height, in canvas units. */
export const PILL_H = 18;
/** Labels longer than this are cut with an ellipsis on the canvas. */
export const LABEL_CHARS = 40;

/**
 * A smooth arrow between two cards: side to side when they are in different
 * columns, bottom to top (or top to bottom) when one is above the other.
 * `b` with no width is the pointer while dragging.
 */
export function arrowCurve(a: Box, b: { x: number; y: number; w: number }): Curve {
  const acx = a.x + a.w / 2;
  const bcx = b.x + b.w / 2;
  const bh = b.w > 0 ? CARD_H : 0;
  if (Math.abs(bcx - acx) < a.w / 2) {
    const down = b.y > a.y;
    const y1 = down ? a.y + CARD_H : a.y;
    const y2 = down ? b.y : b.y + bh;
    const bend = Math.max(30, Math.abs(y2 - y1) / 2) * (down ? 1 : -1);
    return {
      p0: { x: acx, y: y1 },
      p1: { x: acx, y: y1 + bend },
      p2: { x: bcx, y: y2 - bend },
      p3: { x: bcx, y: y2 },
    };
  }
  const forward = bcx > acx;
  const x1 = forward ? a.x + a.w : a.x;
  const y1 = a.y + CARD_H / 2;
  const x2 = forward ? b.x : b.x + b.w;
  const y2 = b.y + bh / 2;
  const bend = Math.max(40, Math.abs(x2 - x1) / 2) * (forward ? 1 : -1);
  return {
    p0: { x: x1, y: y1 },
    p1: { x: x1 + bend, y: y1 },
    p2: { x: x2 - bend, y: y2 },
    p3: { x: x2, y: y2 },
  };
}

/** The curve as an SVG path. */
export function curvePath(c: Curve): string {
  return `M${c.p0.x},${c.p0.y} C${c.p1.x},${c.p1.y} ${c.p2.x},${c.p2.y} ${c.p3.x},${c.p3.y}`;
}

/** The point at `t` (0..1) along the curve. */
export function pointAt(c: Curve, t: number): Pt {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return {
    x: a * c.p0.x + b * c.p1.x + d * c.p2.x + e * c.p3.x,
    y: a * c.p0.y + b * c.p1.y + d * c.p2.y + e * c.p3.y,
  };
}

/** The label as the canvas shows it (long ones cut). */
export function labelText(label: string): string {
  const t = label.trim();
  return t.length <= LABEL_CHARS ? t : t.slice(0, LABEL_CHARS - 1).trimEnd() + "…";
}

/** The pill's width for `text` (12 px semibold, about 6.6 units a character), `scale` times larger. */
export function pillWidth(text: string, scale = 1): number {
  return Math.round((text.length * 6.6 + 16) * scale);
}

/** The pill `w` wide and `h` high centred on `p`. */
export function pillBox(p: Pt, w: number, h = PILL_H): Box {
  return { x: p.x - w / 2, y: p.y - h / 2, w, h };
}

/** Along the arrow, middle first, then outwards in small steps (0.1 to 0.9). */
const ALONG = [
  0.5,
  ...Array.from({ length: 40 }, (_, i) => 0.5 + (i % 2 ? -1 : 1) * 0.02 * Math.ceil((i + 1) / 2)),
];
/** Off the arrow, nearest first: up to a card's height and a pill's (`h`) above and below it. */
function aside(h: number): number[] {
  const steps = Array.from(
    { length: 2 * Math.ceil((CARD_H + h) / 4) },
    (_, i) => (i % 2 ? 1 : -1) * 4 * Math.ceil((i + 1) / 2),
  );
  return [0, ...steps];
}
/** Room kept between a pill and a card. */
const MARGIN = 3;

function grown(b: Box, by: number): Box {
  return { x: b.x - by, y: b.y - by, w: b.w + 2 * by, h: b.h + 2 * by };
}

function bounds(c: Curve, by: number): Box {
  const xs = [c.p0.x, c.p1.x, c.p2.x, c.p3.x];
  const ys = [c.p0.y, c.p1.y, c.p2.y, c.p3.y];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return grown({ x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }, by);
}

/** Where a label goes: its pill's centre `at`, and the point `on` the arrow it belongs to. */
export interface LabelSpot {
  at: Pt;
  on: Pt;
}

/**
 * Where the pill (`w` wide, `h` high) of curve `c`'s label goes: on the arrow at the
 * point nearest its middle whose pill touches none of `cards` (with a small
 * margin) and none of `avoid` (the emotion band); failing that (two cards
 * side by side leave a gap narrower than a pill), the nearest free spot
 * above or below the arrow, tied to it by a leader; failing that, the
 * nearest spot out of `avoid` (the cards, drawn over the arrows, then cover
 * the pill, never the other way round); failing that, the middle.
 */
export function labelSpot(
  c: Curve,
  w: number,
  cards: readonly Box[],
  avoid: readonly Box[] = [],
  h = PILL_H,
): LabelSpot {
  // Only what could meet a pill near this arrow.
  const near = bounds(c, w / 2 + CARD_H + h + MARGIN);
  const blocks = [
    ...cards.filter((b) => intersects(b, near)).map((b) => grown(b, MARGIN)),
    ...avoid.filter((b) => intersects(b, near)),
  ];
  const along = ALONG.map((t) => pointAt(c, t));
  const spots = aside(h).flatMap((dy) =>
    along.map((on) => ({ at: { x: on.x, y: on.y + dy }, on })),
  );
  const free = (s: LabelSpot, of: readonly Box[]) =>
    !of.some((b) => intersects(b, pillBox(s.at, w, h)));
  const mid = pointAt(c, 0.5);
  return (
    spots.find((s) => free(s, blocks)) ?? spots.find((s) => free(s, avoid)) ?? { at: mid, on: mid }
  );
}

/**
 * The region arrows are drawn in: everything but the emotion band (an
 * even-odd path, for a clipPath), so an arrow between lanes on either side
 * of the curve passes under the band instead of through the curve.
 */
export function outsideBand(width: number, height: number, band: Box | null): string {
  const all = `M0,0 H${width} V${height} H0 Z`;
  if (!band) return all;
  return `${all} M${band.x},${band.y} H${band.x + band.w} V${band.y + band.h} H${band.x} Z`;
}
