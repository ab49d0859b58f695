// A card's channel icon: which kind of channel a free-text channel names
// and the icon drawn for each kind (the words and icons per kind are Rust's,
// crates/core/src/channels.rs, generated into schema.ts).

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

/** Each kind's icon: stroked paths in a 16×16 box (Rust's, `ChannelKind::icon`,
 * which the PDF and the deck draw too). */
export const CHANNEL_ICONS = Object.fromEntries(
  CHANNEL_KINDS.map((k) => [k.kind, k.icon]),
) as Record<ChannelKind, string>;
