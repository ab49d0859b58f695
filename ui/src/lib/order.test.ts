import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OrderError, isValidKey, keyBetween, spread } from "./order";

// Order keys against the Rust implementation (crates/core/src/order.rs):
// `generated/fixtures/order.json` is written by crates/core/tests/ui_fixtures.rs.

interface OrderFixture {
  between: {
    before: string | null;
    after: string | null;
    result: { key: string } | { error: "invalid" | "not-ascending" };
  }[];
  spread: { n: number; keys: string[] }[];
  valid: { key: string; valid: boolean }[];
  inserts: { at: number; key: string }[];
}

const rust = JSON.parse(
  readFileSync(new URL("./generated/fixtures/order.json", import.meta.url), "utf8"),
) as OrderFixture;

function attempt(before: string | null, after: string | null) {
  try {
    return { key: keyBetween(before, after) };
  } catch (e) {
    if (e instanceof OrderError) return { error: e.kind };
    throw e;
  }
}

describe("order keys as Rust makes them", () => {
  it("gives the same key, or refuses the same neighbours", () => {
    for (const c of rust.between)
      expect(attempt(c.before, c.after), JSON.stringify(c)).toEqual(c.result);
  });

  it("spreads the same keys", () => {
    for (const s of rust.spread) expect(spread(s.n)).toEqual(s.keys);
  });

  it("agrees on what a valid key is", () => {
    for (const v of rust.valid) expect(isValidKey(v.key), v.key).toBe(v.valid);
  });

  it("replays a sequence of insertions to the same keys", () => {
    const keys: string[] = [];
    for (const { at, key } of rust.inserts) {
      const k = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(k).toBe(key);
      keys.splice(at, 0, k);
    }
  });
});

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
});
