// Persona avatars: initials on a colour that stays the persona's own
// (drawn from its id, so a rename keeps the colour and every view agrees).

const letters = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The letters and digits of `word` (whole characters, accents kept). */
function lettersOf(word: string): string[] {
  return Array.from(letters.segment(word), (s) => s.segment).filter((g) => /[\p{L}\p{N}]/u.test(g));
}

/** Up to two initials: of the first and last word, or the first two letters of one word. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/)
    .map(lettersOf)
    .filter((w) => w.length > 0);
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return "?";
  const two = words.length === 1 ? first.slice(0, 2).join("") : `${first[0] ?? ""}${last[0] ?? ""}`;
  return two.toLocaleUpperCase();
}

/**
 * Background colours with white initials at a contrast of at least 4.5:1
 * (WCAG AA for small text), far enough apart in hue to tell neighbours apart;
 * none is the grey of the "+n" disc.
 */
export const AVATAR_COLOURS = [
  "#3b4cca",
  "#8a3fb5",
  "#b0306a",
  "#b3261e",
  "#8f5600",
  "#5f6b00",
  "#2e7d32",
  "#00796b",
  "#00698f",
] as const;

/** FNV-1a over the id's UTF-16 code units: stable across sessions and machines. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The persona's colour: the same for the same id, everywhere. */
export function avatarColour(id: string): string {
  return AVATAR_COLOURS[hash(id) % AVATAR_COLOURS.length] ?? AVATAR_COLOURS[0];
}

/** WCAG relative luminance contrast of `hex` against white. */
export function contrastWithWhite(hex: string): number {
  const c = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
  return 1.05 / (l + 0.05);
}
