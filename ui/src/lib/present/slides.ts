// Presentation mode's logic: which slide follows which key, and what a stage
// slide shows. Kept apart from the component so it is tested without a window.

import type { Scorecard, TouchpointScore } from "../backend";
import type { JourneyView } from "../doc/journey";

/** Slide 0 is the overview; slide i (1..n) is stage i − 1. */
export type Move = "next" | "previous" | "first" | "last" | "exit" | null;

/** Keys a presenter (or a clicker: PageUp/PageDown, arrows, B/period) uses. */
export function keyToMove(key: string): Move {
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
    case " ":
    case "Enter":
      return "next";
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
    case "Backspace":
      return "previous";
    case "Home":
      return "first";
    case "End":
      return "last";
    case "Escape":
      return "exit";
    default:
      return null;
  }
}

/** The slide after `move` from `at`, among `count` slides (clamped). */
export function step(at: number, move: Move, count: number): number {
  const last = Math.max(0, count - 1);
  switch (move) {
    case "next":
      return Math.min(at + 1, last);
    case "previous":
      return Math.max(at - 1, 0);
    case "first":
      return 0;
    case "last":
      return last;
    default:
      return at;
  }
}

export interface StageSlide {
  id: string;
  name: string;
  description: string;
  friction: number | null;
  emotion: number | null;
  touchpoints: number;
  /** The stage's pain points, highest priority first (at most `limit`). */
  pains: TouchpointScore[];
  worst: string | null;
}

/** What one stage's slide shows, from the map and its scorecard. */
export function stageSlide(
  view: JourneyView,
  card: Scorecard | null,
  stageId: string,
  limit = 3,
): StageSlide | null {
  const stage = view.stages.find((s) => s.id === stageId);
  if (!stage) return null;
  const score = card?.stages.find((s) => s.id === stageId) ?? null;
  const pains = (card?.touchpoints ?? [])
    .filter((t) => t.stage === stageId && t.pain_point)
    .sort((a, b) => (b.priority ?? -1) - (a.priority ?? -1))
    .slice(0, limit);
  const worst = score?.worst_touchpoint
    ? (card?.touchpoints.find((t) => t.id === score.worst_touchpoint)?.title ?? null)
    : null;
  return {
    id: stage.id,
    name: stage.name,
    description: stage.description,
    friction: score?.friction ?? null,
    emotion: score?.emotion ?? null,
    touchpoints: view.touchpoints.filter((t) => t.stage === stageId).length,
    pains,
    worst,
  };
}

/** A score rounded for a slide; an em dash when there is no data. */
export function figure(v: number | null | undefined, signed = false): string {
  if (v === null || v === undefined) return "—";
  const r = Math.round(v);
  return signed && r > 0 ? `+${r}` : String(r).replace("-", "−");
}

/** How a friction score reads: low, moderate, high, severe. */
export function frictionWord(v: number | null): string {
  if (v === null) return "no data";
  if (v < 25) return "low";
  if (v < 50) return "moderate";
  if (v < 75) return "high";
  return "severe";
}
