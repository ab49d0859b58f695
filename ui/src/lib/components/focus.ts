// Keeping keyboard focus inside a dialog: which elements take Tab, and where
// Tab goes when it would leave the dialog (Modal.svelte).

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The elements in `root` that Tab visits, in document order. */
export function focusables(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => !el.hidden && el.getClientRects().length > 0,
  );
}

/**
 * Where focus goes on Tab (`back`: Shift+Tab) when it would leave `items`:
 * from the last to the first, from the first back to the last, and from
 * anywhere outside the list (the dialog itself) to its first or last.
 * Null while the browser's own order stays inside.
 */
export function wrapFocus<T>(items: readonly T[], active: unknown, back: boolean): T | null {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return null;
  const at = items.indexOf(active as T);
  if (at < 0) return back ? last : first;
  if (back && at === 0) return last;
  if (!back && at === items.length - 1) return first;
  return null;
}

let returning = false;

/** Give focus back to where it was before a dialog opened. */
export function returnFocus(el: HTMLElement): void {
  returning = true;
  try {
    el.focus({ preventScroll: true });
  } finally {
    returning = false;
  }
}

/** Focus is being given back by a closing dialog (not moved by the person). */
export function focusReturning(): boolean {
  return returning;
}
