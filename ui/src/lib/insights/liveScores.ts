// Live scores: the backend re-scores the map after edits. Edits arrive far
// faster than a re-score of a large map, so requests are coalesced: at most
// one is in flight, and whatever changed meanwhile is covered by one more
// request when it returns. A request waits until the edits are persisted,
// so the backend scores what the person sees, unless the request itself
// tells the backend what to wait for (the scorecard passes the document's
// state vector). The same coalescing serves any answer the backend derives
// from the map (the scorecard, the board).

import type { Scorecard } from "../backend";

export interface LiveScoresOptions<T = Scorecard> {
  /** Fetch the answer (the scorecard) for the map as persisted now. */
  fetch: () => Promise<T>;
  /** Resolves once every edit made so far is persisted; without it the
   * request goes at once (`fetch` says what it covers). */
  saved?: () => Promise<void>;
  /** A fresh scorecard; `lagMs` is the time since the oldest edit it covers. */
  onScores: (card: T, timing: { lagMs: number; fetchMs: number }) => void;
  onError?: (message: string) => void;
  /** Quiet time before a request, to gather a burst of edits (ms); 0: the
   * first edit asks at once (edits made meanwhile are gathered into the
   * request that follows it). */
  delayMs?: number;
  now?: () => number;
}

export class LiveScores<T = Scorecard> {
  private readonly o: LiveScoresOptions<T>;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private dirty = false;
  /** When the oldest edit not yet covered by a delivered scorecard was made. */
  private since: number | null = null;
  private stopped = false;

  constructor(options: LiveScoresOptions<T>) {
    this.o = options;
  }

  private now(): number {
    return (this.o.now ?? (() => performance.now()))();
  }

  /** The map changed: re-score soon. */
  invalidate(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.since ??= this.now();
    if (this.running || this.timer) return;
    // At once: the request is on its way before the page re-renders the edit.
    if (this.o.delayMs === 0) void this.run();
    else this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A method, not the field, so checks after an `await` are not narrowed away. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private isDirty(): boolean {
    return this.dirty;
  }

  private schedule() {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.o.delayMs ?? 30);
  }

  private async run(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    this.dirty = false;
    const covers = this.since;
    this.since = null;
    try {
      if (this.o.saved) await this.o.saved();
      const start = this.now();
      const card = await this.o.fetch();
      if (this.isStopped()) return;
      const end = this.now();
      this.o.onScores(card, { lagMs: end - (covers ?? start), fetchMs: end - start });
    } catch (e) {
      // The edits stay uncovered; the next change (or retry) picks them up.
      this.since = covers ?? this.since;
      this.o.onError?.(e instanceof Error ? e.message : String(e));
    } finally {
      this.running = false;
      if (this.isDirty() && !this.isStopped()) this.schedule();
    }
  }
}
