import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Scorecard } from "../backend";
import { scorecard } from "./fixture";
import { LiveScores } from "./liveScores";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A backend whose requests resolve when the test says so. */
function slowBackend() {
  const pending: ((c: Scorecard) => void)[] = [];
  let calls = 0;
  return {
    fetch: () => {
      calls += 1;
      return new Promise<Scorecard>((resolve) => pending.push(resolve));
    },
    answer(n: number) {
      pending.shift()?.(scorecard([]));
      return n;
    },
    get calls() {
      return calls;
    },
    get waiting() {
      return pending.length;
    },
  };
}

describe("LiveScores", () => {
  it("without a wait for saving, asks at once and gathers what follows into one more request", async () => {
    const b = slowBackend();
    let delivered = 0;
    const live = new LiveScores({
      fetch: b.fetch,
      onScores: () => (delivered += 1),
      delayMs: 0,
    });
    live.invalidate();
    // Asked before anything else runs (the page has not re-rendered yet).
    expect(b.calls).toBe(1);
    for (let i = 0; i < 10; i++) live.invalidate();
    expect(b.calls).toBe(1);
    b.answer(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(delivered).toBe(1);
    expect(b.calls).toBe(2);
    b.answer(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(delivered).toBe(2);
    expect(b.calls).toBe(2);
  });

  it("gathers a burst of edits into one request", async () => {
    const b = slowBackend();
    const got: number[] = [];
    const live = new LiveScores({
      fetch: b.fetch,
      saved: () => Promise.resolve(),
      onScores: (_, t) => got.push(t.lagMs),
      delayMs: 20,
    });
    for (let i = 0; i < 50; i++) live.invalidate();
    await vi.advanceTimersByTimeAsync(25);
    expect(b.calls).toBe(1);
    b.answer(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(got).toHaveLength(1);
    expect(b.calls).toBe(1);
  });

  it("keeps one request in flight and follows up once for edits made meanwhile", async () => {
    const b = slowBackend();
    let delivered = 0;
    const live = new LiveScores({
      fetch: b.fetch,
      saved: () => Promise.resolve(),
      onScores: () => (delivered += 1),
      delayMs: 10,
    });
    live.invalidate();
    await vi.advanceTimersByTimeAsync(15);
    expect(b.waiting).toBe(1);
    for (let i = 0; i < 10; i++) live.invalidate();
    await vi.advanceTimersByTimeAsync(100);
    expect(b.calls).toBe(1);
    b.answer(0);
    await vi.advanceTimersByTimeAsync(15);
    expect(delivered).toBe(1);
    expect(b.calls).toBe(2);
    b.answer(0);
    await vi.advanceTimersByTimeAsync(15);
    expect(delivered).toBe(2);
    expect(b.calls).toBe(2);
  });

  it("asks only after the edits are saved, and reports the lag from the first edit", async () => {
    let t = 0;
    let saved: () => void = () => {};
    const order: string[] = [];
    let lag = -1;
    const live = new LiveScores({
      fetch: () => {
        order.push("fetch");
        t += 40;
        return Promise.resolve(scorecard([]));
      },
      saved: () =>
        new Promise<void>((resolve) => {
          saved = () => {
            order.push("saved");
            resolve();
          };
        }),
      onScores: (_, timing) => (lag = timing.lagMs),
      delayMs: 10,
      now: () => t,
    });
    live.invalidate();
    t = 5;
    live.invalidate();
    await vi.advanceTimersByTimeAsync(15);
    expect(order).toEqual([]);
    t = 25;
    saved();
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(["saved", "fetch"]);
    expect(lag).toBe(65);
  });

  it("reports errors and stops cleanly", async () => {
    const errors: string[] = [];
    const live = new LiveScores({
      fetch: () => Promise.reject(new Error("backend gone")),
      saved: () => Promise.resolve(),
      onScores: () => {},
      onError: (m) => errors.push(m),
      delayMs: 5,
    });
    live.invalidate();
    await vi.advanceTimersByTimeAsync(10);
    expect(errors).toEqual(["backend gone"]);
    live.stop();
    live.invalidate();
    await vi.advanceTimersByTimeAsync(10);
    expect(errors).toHaveLength(1);
  });
});
