// Tests for pollForChanges: called back once per change, never after stop,
// and a failed read is skipped rather than taken for a change.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pollForChanges } from "./poll";

describe("pollForChanges", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("calls back only when the answer differs from the one before", async () => {
    const answers: unknown[] = [["a"], ["a"], ["a", "b"], ["a", "b"], ["b"]];
    const read = vi.fn(() => Promise.resolve(answers.shift()));
    const changed = vi.fn();
    const stop = pollForChanges(read, changed, 1000);
    for (let i = 0; i < 4; i++) await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(5);
    expect(changed).toHaveBeenCalledTimes(2);
    stop();
  });

  it("skips failed reads and stops for good", async () => {
    let n = 0;
    const read = vi.fn(() => {
      n += 1;
      return n === 2 ? Promise.reject(new Error("offline")) : Promise.resolve(n < 3 ? 1 : 2);
    });
    const changed = vi.fn();
    const stop = pollForChanges(read, changed, 1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(changed).toHaveBeenCalledTimes(1);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).toHaveBeenCalledTimes(3);
  });
});
