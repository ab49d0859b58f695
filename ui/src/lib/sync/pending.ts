// Every open map session, so that closing the window can wait for the
// writes still on their way to the backend.

export interface Flushable {
  readonly dirty: boolean;
  idle(): Promise<void>;
}

const open = new Set<Flushable>();

export function track(s: Flushable): void {
  open.add(s);
}

export function untrack(s: Flushable): void {
  open.delete(s);
}

/** Whether any open session has writes not yet persisted. */
export function anyDirty(): boolean {
  for (const s of open) if (s.dirty) return true;
  return false;
}

/** Wait until every open session's writes are persisted, at most `timeoutMs`;
 * resolves to whether everything was saved. */
export async function flushAll(timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((r) => {
    timer = setTimeout(() => {
      r(false);
    }, timeoutMs);
  });
  const done = Promise.all([...open].map((s) => s.idle())).then(() => true as const);
  const saved = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return saved && !anyDirty();
}
