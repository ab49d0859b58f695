// How long a typed title or description may be, and what a paste over that
// length loses. The numbers are crates/core/src/limits.rs TITLE_CHARS and
// DESCRIPTION_CHARS (textCaps.test.ts reads them there, so they stay one).

export const TITLE_CHARS = 200;
export const DESCRIPTION_CHARS = 5_000;

/**
 * How many characters of a paste of `pasted` characters over a selection of
 * `selected` in a field of `length` characters do not fit under `max`.
 */
export function pasteOverflow(length: number, selected: number, pasted: number, max: number) {
  return Math.max(0, length - selected + pasted - max);
}

/** What the field says when a paste was cut. */
export function cutNotice(cut: number, max: number): string {
  return `The pasted text was cut to fit: ${max.toLocaleString("en")} characters at most, ${cut.toLocaleString("en")} left out.`;
}

/** What a required field says when it was left empty and got its text back. */
export function emptyNotice(what: string): string {
  return `A ${what} cannot be empty; the previous one is back.`;
}
