// The wave picker's choices ("As of: Q2 2026 ▾"): which survey wave every
// score view is as of. The rule itself (each touchpoint reads the chosen
// wave, or carries its latest earlier one forward) is Rust's
// (waymark_score::as_of); this only names the choices and reads them back.

import type { AsOf, Scorecard, TouchpointScore, WaveRow } from "../backend";

export interface WaveChoice {
  /** The <select> value: "latest", "all" or "wave:" + label. */
  value: string;
  label: string;
}

export function asOfValue(asOf: AsOf): string {
  if (asOf === "latest") return "latest";
  if (asOf === "all_waves") return "all";
  return `wave:${asOf.wave}`;
}

export function parseAsOf(value: string): AsOf {
  if (value === "all") return "all_waves";
  if (value.startsWith("wave:")) return { wave: value.slice("wave:".length) };
  return "latest";
}

/** Newest first: the latest wave (the default), each earlier wave, then
 * every wave pooled. None for a map without waves (the picker hides). */
export function waveChoices(waves: readonly WaveRow[]): WaveChoice[] {
  const last = waves.at(-1);
  if (!last) return [];
  return [
    { value: "latest", label: `${last.label} (latest)` },
    ...waves
      .slice(0, -1)
      .reverse()
      .map((w) => ({ value: `wave:${w.label}`, label: w.label })),
    { value: "all", label: "All waves" },
  ];
}

/** `asOf`, or the latest wave when it names a wave the map no longer has
 * (deleted or renamed meanwhile). The same value when kept. */
export function keepAsOf(asOf: AsOf, waves: readonly WaveRow[]): AsOf {
  if (typeof asOf === "object" && !waves.some((w) => w.label === asOf.wave)) return "latest";
  return asOf;
}

/** The wave a touchpoint's survey figures come from when it is not the one
 * the scores are as of (carried forward); null otherwise. */
export function carriedFrom(
  card: Scorecard | null,
  tp: TouchpointScore | undefined,
): string | null {
  const from = tp?.wave ?? null;
  const asOf = card?.as_of ?? null;
  return from !== null && asOf !== null && from !== asOf ? from : null;
}
