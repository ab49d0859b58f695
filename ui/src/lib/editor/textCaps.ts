// How long a typed title or description may be (the numbers are
// crates/core/src/limits.rs's, generated into schema.ts), and what a paste
// over that length loses.

export { DESCRIPTION_CHARS, TITLE_CHARS } from "../generated/schema";

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
