import { describe, expect, it } from "vitest";
import { OrderError, isValidKey, keyBetween, spread } from "./order";

// Mirrors the tests of crates/core/src/order.rs.

/** Small seeded PRNG (mulberry32) so failures are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("keyBetween", () => {
  it("first key and appends ascend", () => {
    let prev: string | null = null;
    for (let i = 0; i < 200; i++) {
      const k = keyBetween(prev, null);
      expect(isValidKey(k)).toBe(true);
      if (prev !== null) expect(prev < k, `${prev} !< ${k}`).toBe(true);
      prev = k;
    }
  });

  it("prepends descend", () => {
    let next: string | null = null;
    for (let i = 0; i < 200; i++) {
      const k = keyBetween(null, next);
      expect(isValidKey(k), k).toBe(true);
      if (next !== null) expect(k < next, `${k} !< ${next}`).toBe(true);
      next = k;
    }
  });

  it("rejects bad neighbours", () => {
    const kind = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        if (e instanceof OrderError) return e.kind;
        throw e;
      }
      return undefined;
    };
    expect(kind(() => keyBetween("b", "a"))).toBe("not-ascending");
    expect(kind(() => keyBetween("a", "a"))).toBe("not-ascending");
    expect(kind(() => keyBetween("a0", null))).toBe("invalid");
    expect(kind(() => keyBetween("a-", null))).toBe("invalid");
    expect(kind(() => keyBetween(null, ""))).toBe("invalid");
  });

  it("produces the same keys as the Rust implementation", () => {
    // Values computed with crates/core/src/order.rs.
    expect(keyBetween(null, null)).toBe("V");
    expect(keyBetween("V", null)).toBe("k");
    expect(keyBetween(null, "V")).toBe("F");
    expect(keyBetween("a", "b")).toBe("aV");
    expect(keyBetween("a", "a1")).toBe("a0V");
    expect(keyBetween("z", null)).toBe("zV");
    expect(keyBetween(null, "1")).toBe("0V");
  });

  it("repeated insertion between stays ordered (randomized)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = rng(seed);
      const keys: string[] = [];
      const steps = 1 + Math.floor(random() * 120);
      for (let step = 0; step < steps; step++) {
        const c = Math.floor(random() * 1000);
        const i = keys.length === 0 ? 0 : c % (keys.length + 1);
        const before = i === 0 ? null : (keys[i - 1] ?? null);
        const after = keys[i] ?? null;
        const k = keyBetween(before, after);
        expect(isValidKey(k), `seed ${seed}: ${k}`).toBe(true);
        if (before !== null) expect(before < k, `seed ${seed}: ${before} !< ${k}`).toBe(true);
        if (after !== null) expect(k < after, `seed ${seed}: ${k} !< ${after}`).toBe(true);
        keys.splice(i, 0, k);
      }
    }
  });
});

describe("spread", () => {
  it("is ascending and short", () => {
    for (const n of [0, 1, 2, 30, 61, 62, 600, 5000]) {
      const keys = spread(n);
      expect(keys).toHaveLength(n);
      expect(keys.every(isValidKey), `n=${n}`).toBe(true);
      expect(
        keys.every((k, i) => i === 0 || (keys[i - 1] ?? "") < k),
        `n=${n}`,
      ).toBe(true);
      expect(
        keys.every((k) => k.length <= 3),
        `n=${n}`,
      ).toBe(true);
    }
  });

  it("matches the Rust implementation", () => {
    expect(spread(1)).toEqual(["V"]);
    expect(spread(3)).toEqual(["F", "V", "k"]);
  });
});

describe("isValidKey", () => {
  it("accepts digits and rejects the rest", () => {
    expect(isValidKey("aZ9")).toBe(true);
    expect(isValidKey("")).toBe(false);
    expect(isValidKey("10")).toBe(false);
    expect(isValidKey("a b")).toBe(false);
    expect(isValidKey("é")).toBe(false);
  });
});
