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
 * Below this zoom card text is under 6 px, too small to read, and drawing it
 * was two thirds of the cost of panning the whole 600-touchpoint map: cards
 * are then drawn as coloured blocks (nature, heat, emotion and note marks).
 */
export const FAR_ZOOM = 0.45;
