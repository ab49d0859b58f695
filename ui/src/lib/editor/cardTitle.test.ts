import { describe, expect, it } from "vitest";
import {
  TITLE,
  badgeBox,
  notesBox,
  sparkBox,
  textWidth,
  titleLines,
  titleRoom,
  wrapFit,
  type MarkBox,
} from "./cardTitle";
import { COL_W, PAD, wrapLines } from "./layout";

const W = COL_W - 2 * PAD;

/** Where a title line's letters are drawn, in card units. */
function lineBox(line: string, i: number) {
  const base = TITLE.baseline + i * TITLE.step;
  return {
    x: TITLE.x,
    y: base - 0.76 * TITLE.size,
    w: textWidth(line),
    h: TITLE.size,
  };
}

function overlaps(a: MarkBox, b: MarkBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

const WORDS = ["Call", "the", "bank", "WWW", "Mmmmmmmmmmm", "Überweisungsauftrag", "app", "24/7"];

/** Titles of every length, with narrow, wide and overlong words. */
function titles(): string[] {
  const out = ["", "A", "Mobile banking app sign-in and card freeze", "W".repeat(60)];
  let seed = 7;
  for (let n = 1; n <= 40; n++) {
    const words: string[] = [];
    for (let k = 0; k < n % 13; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      words.push(WORDS[seed % WORDS.length] ?? "x");
    }
    out.push(words.join(" "));
  }
  return out;
}

describe("card title and the marks beside it", () => {
  const layouts: [string, MarkBox[]][] = [
    ["sparkline", [sparkBox(W, false)]],
    ["sparkline and notes", [notesBox(W), sparkBox(W, true)]],
    ["badge and notes", [notesBox(W), badgeBox(W, true, "100")]],
    ["badge", [badgeBox(W, false, "-40")]],
  ];

  it.each(layouts)("never runs under the %s, whatever the title", (_, marks) => {
    for (const title of titles()) {
      const lines = titleLines(title, marks, 25, 3);
      expect(lines.length).toBeLessThanOrEqual(3);
      lines.forEach((line, i) => {
        for (const m of marks) {
          expect(overlaps(lineBox(line, i), m), `${JSON.stringify(line)} under ${m.x}`).toBe(false);
        }
      });
    }
  });

  it("the old fixed 15 letters per line did run under the sparkline", () => {
    const spark = sparkBox(W, true);
    const old = wrapLines("Mmmmmmm Wwwwwww statement", 15, 3);
    expect(old.some((line, i) => overlaps(lineBox(line, i), spark))).toBe(true);
  });

  it("only the first line sits beside the corner marks; the others keep their width", () => {
    const room = titleRoom([notesBox(W), sparkBox(W, true)], 3);
    expect(room[0]).toBe(sparkBox(W, true).x - 4 - TITLE.x);
    expect(room.slice(1)).toEqual([null, null]);
    const lines = titleLines("Customer notices the card is missing from the wallet", [], 25, 3);
    expect(lines).toEqual(wrapLines("Customer notices the card is missing from the wallet", 25, 3));
  });

  it("keeps a short title whole and ends a long one in …", () => {
    const marks = [sparkBox(W, false)];
    expect(titleLines("Call the bank", marks, 25, 3).join(" ")).toBe("Call the bank");
    const long = titleLines("word ".repeat(40), marks, 25, 3);
    expect(long).toHaveLength(3);
    expect(long[2]?.endsWith("…")).toBe(true);
  });

  it("cuts a word too long for its line", () => {
    expect(wrapFit("Supercalifragilistic", (l) => l.length <= 8, 3)).toEqual([
      "Supercal",
      "ifragili",
      "stic",
    ]);
  });

  it("never estimates a letter narrower than the widest faces draw it", () => {
    // DejaVu Sans Bold, the widest fallback: "W" 0.99 em, "m" 0.97 em, "a" 0.68 em.
    expect(textWidth("W", 10)).toBeGreaterThanOrEqual(9.9);
    expect(textWidth("m", 10)).toBeGreaterThanOrEqual(9.7);
    expect(textWidth("a", 10)).toBeGreaterThanOrEqual(6.8);
  });
});
