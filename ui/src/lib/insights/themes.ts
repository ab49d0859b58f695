// How a theme reads in the explanation and on the board: its share as a
// percentage and its sentiment as VADER's tone. The themes themselves are
// found in Rust (waymark_score::themes).

import type { MapThemes, Theme } from "../backend";
import { fixed, tone } from "./explain";

/** Themes shown for one touchpoint in the explanation. */
export const TOP_THEMES = 3;

export function shareText(t: Theme): string {
  return `${fixed(t.share * 100, 0)}%`;
}

export function sentimentText(t: Theme): string {
  return `${tone(t.sentiment)} ${fixed(t.sentiment, 2)}`;
}

/** Each touchpoint's largest theme, by touchpoint id. */
export function topThemes(m: MapThemes | null): Map<string, Theme> {
  const out = new Map<string, Theme>();
  for (const tp of m?.touchpoints ?? []) {
    const top = tp.themes[0];
    if (top) out.set(tp.id, top);
  }
  return out;
}
