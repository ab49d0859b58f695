// Where a card's title may run: the marks in its top right corner (the note
// counter, the overlay badge, the trend sparkline) take the width of the
// title lines they sit beside, so no title, however long or wide its
// letters, runs under them at any zoom (the canvas scales the card as a
// whole, so card units are the only ones that matter).

/** The near title: 13.5px type, first baseline 20 below the card's top, 16 between lines. */
export const TITLE = { x: 14, baseline: 20, step: 16, size: 13.5 } as const;
/** Room kept between the title and a mark. */
const GAP = 4;
/** Above and below a baseline, as a share of the size: capitals and
 * ascenders, descenders. */
const ASCENT = 0.76;
const DESCENT = 0.24;

export interface MarkBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Widths of the title's letters as a share of its size: upper bounds for
 * the sans-serif faces the app uses at weight 600 (the widest, DejaVu Sans
 * Bold, sets them), so an estimate never falls short of what is drawn. */
function advance(ch: string): number {
  if ("ijl.,:;'|!I".includes(ch)) return 0.36;
  if (" ftr()[]{}-/".includes(ch)) return 0.5;
  if ("mwMW@%".includes(ch)) return 1.0;
  if (/[0-9]/.test(ch)) return 0.72;
  if (/[A-Z]/.test(ch)) return 0.86;
  if (/[a-z]/.test(ch)) return 0.72;
  return 1.0;
}

/** The drawn width of `text` at `size`, never less than the real one. */
export function textWidth(text: string, size: number = TITLE.size): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return em * size;
}

/** The sparkline's box on a card `w` wide: left of the note counter when
 * there is one, and above the second title line. */
export function sparkBox(w: number, notes: boolean): MarkBox {
  return { x: w - (notes ? 96 : 72), y: 6, w: 64, h: 16 };
}

/** The overlay badge's box ("72", "−40"): left of the note counter when there is one. */
export function badgeBox(w: number, notes: boolean, badge: string): MarkBox {
  const width = Math.max(26, 8 + 7.5 * badge.length);
  return { x: w - (notes ? 32 : 8) - width, y: 7, w: width, h: 18 };
}

/** The note counter's box (a circle of radius 9 centred 16 from the top right). */
export function notesBox(w: number): MarkBox {
  return { x: w - 25, y: 7, w: 18, h: 18 };
}

/** Per title line (`lines` of them), the width it may take before the
 * first mark beside it, or `null` when no mark is beside it. */
export function titleRoom(marks: readonly MarkBox[], lines: number): (number | null)[] {
  return Array.from({ length: lines }, (_, i) => {
    const base = TITLE.baseline + i * TITLE.step;
    const top = base - ASCENT * TITLE.size;
    const bottom = base + DESCENT * TITLE.size;
    const beside = marks.filter((m) => m.y < bottom && m.y + m.h > top);
    if (beside.length === 0) return null;
    return Math.max(0, Math.min(...beside.map((m) => m.x)) - GAP - TITLE.x);
  });
}

/**
 * `text` in at most `maxLines` lines, broken between words, each line
 * passing `fits(line, index)` (a word too long for a line is cut); the last
 * line ends in … when the text goes on.
 */
export function wrapFit(
  text: string,
  fits: (line: string, index: number) => boolean,
  maxLines: number,
): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (let w of words) {
    const joined = line ? `${line} ${w}` : w;
    if (fits(joined, lines.length)) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    while (w.length > 1 && !fits(w, lines.length)) {
      let n = w.length - 1;
      while (n > 1 && !fits(w.slice(0, n), lines.length)) n--;
      lines.push(w.slice(0, n));
      w = w.slice(n);
    }
    line = w;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const last = maxLines - 1;
  const rest = lines.slice(last).join(" ");
  let n = rest.length;
  while (n > 0 && !fits(`${rest.slice(0, n).trimEnd()}…`, last)) n--;
  return [...lines.slice(0, last), `${rest.slice(0, n).trimEnd()}…`];
}

/**
 * The near title's lines on a card with `marks`: a line beside a mark ends
 * before it (by drawn width); a line below them keeps to `perLine`
 * characters, as every card's title does.
 */
export function titleLines(
  title: string,
  marks: readonly MarkBox[],
  perLine: number,
  maxLines: number,
): string[] {
  const room = titleRoom(marks, maxLines);
  return wrapFit(
    title,
    (line, i) => {
      const r = room[i];
      return r === null || r === undefined ? line.length <= perLine : textWidth(line) <= r;
    },
    maxLines,
  );
}
