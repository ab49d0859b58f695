// The canvas viewport as numbers: which part of the map is drawn, and the
// zoom and scroll that zooming, fitting and revealing a card lead to. Pure:
// Canvas.svelte applies the results to the scrolling element.

import type { Box } from "./layout";

/** Canvas units drawn beyond each edge of the view, so a pan shows no gap. */
export const MARGIN = 200;
/**
 * The drawn window's edges move in steps of this many canvas units. While a
 * pan stays inside one step the set of drawn cards is unchanged, so a scroll
 * event costs no re-render; only crossing a step re-filters the cards.
 */
export const STEP = 256;

/** One edge of the drawn window: the view's edge pushed out by the margin, then to the grid. */
export function edge(viewEdge: number, side: "start" | "end"): number {
  return side === "start"
    ? Math.floor((viewEdge - MARGIN) / STEP) * STEP
    : Math.ceil((viewEdge + MARGIN) / STEP) * STEP;
}

/** The drawn window for a scroll position (in screen pixels) and a zoom. */
export function drawnWindow(
  scroll: { left: number; top: number; width: number; height: number },
  zoom: number,
): Box {
  const x = edge(scroll.left / zoom, "start");
  const y = edge(scroll.top / zoom, "start");
  return {
    x,
    y,
    w: edge((scroll.left + scroll.width) / zoom, "end") - x,
    h: edge((scroll.top + scroll.height) / zoom, "end") - y,
  };
}

/**
 * Below this zoom a card's small text is under 8 px, too small to read (and
 * drawing it was two thirds of the cost of panning the whole 600-touchpoint
 * map): cards then show their title alone in large type, with the coloured
 * marks (nature, heat, emotion, notes); semantic zoom, TouchpointCard.svelte.
 */
export const FAR_ZOOM = 0.6;

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;
/** One press of zoom in or out. */
export const ZOOM_STEP = 1.25;

/** Where the viewport is: its zoom, scroll offset and size in screen pixels. */
export interface View {
  zoom: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A zoom within the limits, rounded to a whole percent. */
export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(z * 100) / 100));
}

/**
 * Zoom to `z` keeping the canvas point under the screen point (`px`, `py`,
 * relative to the viewport; its middle when left out) where it was.
 */
export function zoomAbout(
  v: View,
  z: number,
  px = v.width / 2,
  py = v.height / 2,
): { zoom: number; left: number; top: number } {
  const zoom = clampZoom(z);
  const canvasX = (v.left + px) / v.zoom;
  const canvasY = (v.top + py) / v.zoom;
  return { zoom, left: canvasX * zoom - px, top: canvasY * zoom - py };
}

/** The zoom at which the whole map fits the viewport (rounded down), from the top left. */
export function fitZoom(
  v: Pick<View, "width" | "height">,
  map: { width: number; height: number },
): { zoom: number; left: number; top: number } {
  const z = Math.min(v.width / map.width, v.height / map.height);
  return {
    zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.floor(z * 100) / 100)),
    left: 0,
    top: 0,
  };
}

/** The zoom a Ctrl+wheel turn leads to (smooth: a trackpad sends small deltas). */
export function wheelZoom(zoom: number, deltaY: number): number {
  return zoom * Math.exp(-deltaY * 0.002);
}

/** The scroll offset that puts the middle of `box` (canvas units) in the middle of the view. */
export function centreOn(v: View, box: Box): { left: number; top: number } {
  return {
    left: (box.x + box.w / 2) * v.zoom - v.width / 2,
    top: (box.y + box.h / 2) * v.zoom - v.height / 2,
  };
}
