/**
 * Noticing library changes a browser is not told about: another process
 * (the desktop app, a CLI command from cron, `waymark sync`) changing the
 * library that `waymark serve` shows. The page has no channel for the list,
 * so it asks again every few seconds and calls back only when the answer
 * differs from the one before.
 */

/** Polls `read` every `everyMs` and calls `onChange` when its answer changes.
 * Failed reads (offline, the server restarting) are skipped. Returns stop. */
export function pollForChanges(
  read: () => Promise<unknown>,
  onChange: () => void,
  everyMs = 2000,
): () => void {
  let last: string | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async (): Promise<void> => {
    try {
      const now = JSON.stringify(await read());
      if (!stopped && last !== null && now !== last) onChange();
      last = now;
    } catch {
      // Try again on the next tick.
    }
    if (!stopped) timer = setTimeout(() => void tick(), everyMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
