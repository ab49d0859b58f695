// Closing the window while an edit is still being written waits for the
// write. If it cannot finish (the disk is failing), the window stays open the
// first time, with a message, so nothing typed is lost silently; a second
// close goes through. Likewise while the app hosts a workshop: closing ends
// it for everyone, so the first close only says so.

import { anyDirty, flushAll } from "../sync/pending";
import { currentWindow } from "../backend/desktop";

/** The part of Tauri's window the guard uses. */
export interface ClosableWindow {
  onCloseRequested(
    handler: (event: { preventDefault(): void }) => void | Promise<void>,
  ): Promise<() => void>;
  destroy(): Promise<void>;
}

export interface GuardOptions {
  /** How long to wait for pending writes. */
  timeoutMs?: number;
  /** Told when closing waits, when it gave up waiting, and when it held
   * the window open because a workshop is running. */
  onWait?: (state: "saving" | "failed" | "workshop") => void;
  /** Whether a workshop is running: the first close then keeps the window. */
  hosting?: () => Promise<boolean>;
  pending?: { anyDirty(): boolean; flushAll(timeoutMs: number): Promise<boolean> };
}

export async function guardWindowClose(
  win: ClosableWindow,
  options: GuardOptions = {},
): Promise<() => void> {
  const pending = options.pending ?? { anyDirty, flushAll };
  let refusedOnce = false;
  let warnedOnce = false;
  return win.onCloseRequested(async (event) => {
    if (!warnedOnce && (await options.hosting?.())) {
      warnedOnce = true;
      event.preventDefault();
      options.onWait?.("workshop");
      return;
    }
    if (!pending.anyDirty()) return; // Tauri closes the window
    event.preventDefault();
    options.onWait?.("saving");
    const saved = await pending.flushAll(options.timeoutMs ?? 15_000);
    if (saved || refusedOnce) {
      await win.destroy();
      return;
    }
    refusedOnce = true;
    options.onWait?.("failed");
  });
}

/** Guard the desktop app's own window. */
export async function guardCurrentWindow(options: GuardOptions = {}): Promise<() => void> {
  return guardWindowClose(await currentWindow(), options);
}
