// What the canvas shows on top of the map: nothing, friction heat, emotion,
// priority ranks, or the trend over survey waves (sparklines, drawn by
// TrendSpark from the trend). Pure functions from a scorecard to per-card
// paint.

import type { Scorecard, TouchpointScore } from "../backend";
import { emotionColour, frictionColour, needsLightText } from "./colour";

export const OVERLAY_MODES = ["none", "friction", "emotion", "priority", "trend"] as const;
export type OverlayMode = (typeof OVERLAY_MODES)[number];

export const OVERLAY_LABELS: Record<OverlayMode, string> = {
  none: "No overlay",
  friction: "Friction heat",
  emotion: "Emotion",
  priority: "Priority",
  trend: "Trend over waves",
};

/** Keyboard: H cycles the overlays, Shift+H goes back. */
export function nextMode(mode: OverlayMode, step = 1): OverlayMode {
  const i = OVERLAY_MODES.indexOf(mode);
  const n = OVERLAY_MODES.length;
  return OVERLAY_MODES[(((i + step) % n) + n) % n] as OverlayMode;
}

/** How one card is drawn under an overlay. */
export interface CardPaint {
  /** Card background, or null to keep the normal one. */
  fill: string | null;
  /** Use light text on the fill. */
  light: boolean;
  /** A short figure on the card ("72", "−35", "#3"), or null. */
  badge: string | null;
  /** Spoken/tooltip form of the badge. */
  label: string;
}

/** 1-based ranks of the touchpoints that have a priority above zero, in the
 * scorecard's order (highest priority first, ties in journey order). */
export function priorityRanks(card: Scorecard | null): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const t of card?.touchpoints ?? []) {
    if (t.priority !== null && t.priority > 0) ranks.set(t.id, ranks.size + 1);
  }
  return ranks;
}

/** A signed whole number with a real minus sign: "+12", "−35", "0". */
export function signed(v: number): string {
  const r = Math.round(v);
  return r > 0 ? `+${r}` : r < 0 ? `−${-r}` : "0";
}

const PLAIN: CardPaint = { fill: null, light: false, badge: null, label: "" };

export function paintCard(
  mode: OverlayMode,
  score: TouchpointScore | undefined,
  rank: number | undefined,
): CardPaint {
  switch (mode) {
    case "none":
    case "trend":
      return PLAIN;
    case "friction": {
      const fill = frictionColour(score?.friction);
      const f = score?.friction;
      return {
        fill,
        light: needsLightText(fill),
        badge: f === null || f === undefined ? "–" : String(Math.round(f)),
        label: f === null || f === undefined ? "no friction data" : `friction ${Math.round(f)}`,
      };
    }
    case "emotion": {
      const fill = emotionColour(score?.emotion);
      const e = score?.emotion;
      return {
        fill,
        light: needsLightText(fill),
        badge: e === null || e === undefined ? "–" : signed(e),
        label: e === null || e === undefined ? "no emotion data" : `emotion ${signed(e)}`,
      };
    }
    case "priority":
      return rank === undefined
        ? { fill: null, light: false, badge: null, label: "not ranked" }
        : { fill: null, light: false, badge: `#${rank}`, label: `priority rank ${rank}` };
  }
}

/** Scores by touchpoint id. */
export function byId(card: Scorecard | null): Map<string, TouchpointScore> {
  return new Map((card?.touchpoints ?? []).map((t) => [t.id, t]));
}
