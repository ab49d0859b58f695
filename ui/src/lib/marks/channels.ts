// A card's channel icon: which kind of channel a free-text channel names
// (the words per kind are Rust's, crates/core/src/channels.rs, generated into
// schema.ts) and the icon drawn for each kind.

import { CHANNEL_KINDS, type ChannelKind } from "../generated/schema";

export type { ChannelKind };

/** The channel's words as Rust splits them: lower case, hyphens joined. */
function words(channel: string): string[] {
  return channel
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replaceAll("-", "").toLowerCase())
    .filter(Boolean);
}

function matches(word: string, table: readonly string[]): boolean {
  return table.some((t) => word === t || (word.endsWith("s") && word.slice(0, -1) === t));
}

/** The kind of channel `channel` names, or null for words Waymark does not know. */
export function channelKind(channel: string): ChannelKind | null {
  const found = words(channel);
  if (found.length === 0) return null;
  const hit = CHANNEL_KINDS.find((k) => found.some((w) => matches(w, k.words)));
  return hit?.kind ?? null;
}

/** What the icon of `kind` says (a tooltip, a screen reader). */
export function channelLabel(kind: ChannelKind): string {
  return CHANNEL_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/** Each kind's icon: stroked paths in a 16×16 box. */
export const CHANNEL_ICONS: Record<ChannelKind, string> = {
  phone:
    "M4 2.5h2l1 3-1.5 1a8 8 0 0 0 4 4l1-1.5 3 1v2a1.5 1.5 0 0 1-1.5 1.5A11 11 0 0 1 2.5 4 1.5 1.5 0 0 1 4 2.5z",
  email: "M2 4h12v8H2z M2 4.5l6 4.5 6-4.5",
  web: "M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2z M2 8h12 M8 2c-2.4 2.4-2.4 9.6 0 12 M8 2c2.4 2.4 2.4 9.6 0 12",
  app: "M5 1.5h6a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1z M7 12.3h2",
  chat: "M2.5 3h11v7.5H7.5L4.5 13v-2.5h-2z M5.5 6.8h.01 M8 6.8h.01 M10.5 6.8h.01",
  store: "M2 6.5h12 M3 6.5V14h10V6.5 M2 6.5l1.5-4h9l1.5 4 M6.5 14v-4h3v4",
  social:
    "M2.5 8a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M10.5 4a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M10.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0 M5.4 7.3l5.2-2.6 M5.4 8.7l5.2 2.6",
  letter: "M1.5 4h13v8.5h-13z M11 5.5h2v2h-2z M3.5 9h5 M3.5 10.8h3.5",
  video: "M1.5 4.5h8.5v7H1.5z M10 7l4.5-2.5v7L10 9",
  kiosk: "M3.5 1.5h9v9h-9z M5.5 3.5h5v3h-5z M2 14.5h12 M5 10.5v4 M11 10.5v4",
};
