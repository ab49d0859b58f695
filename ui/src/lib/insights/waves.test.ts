import { describe, expect, it } from "vitest";
import type { Scorecard, TouchpointScore, WaveRow } from "../backend";
import { asOfValue, carriedFrom, keepAsOf, parseAsOf, waveChoices } from "./waves";

const wave = (label: string): WaveRow => ({
  label,
  date: null,
  imported_at: "2026-07-01T00:00:00Z",
  answers: 1,
});

describe("the wave picker", () => {
  it("offers the latest wave first, earlier ones newest first, then all waves", () => {
    expect(waveChoices([wave("Q1"), wave("Q2"), wave("Q3")])).toEqual([
      { value: "latest", label: "Q3 (latest)" },
      { value: "wave:Q2", label: "Q2" },
      { value: "wave:Q1", label: "Q1" },
      { value: "all", label: "All waves" },
    ]);
    expect(waveChoices([])).toEqual([]);
  });

  it("reads back every choice it offers", () => {
    for (const a of ["latest", "all_waves", { wave: "Q2 2026" }] as const) {
      expect(parseAsOf(asOfValue(a))).toEqual(a);
    }
    expect(parseAsOf("wave:a:b")).toEqual({ wave: "a:b" });
  });

  it("falls back to the latest wave when the chosen one is gone", () => {
    const q1 = { wave: "Q1" };
    expect(keepAsOf(q1, [wave("Q1")])).toBe(q1);
    expect(keepAsOf(q1, [wave("Q2")])).toBe("latest");
    expect(keepAsOf("all_waves", [])).toBe("all_waves");
  });

  it("names the earlier wave a touchpoint carries forward", () => {
    const card = { as_of: "Q2" } as Scorecard;
    const tp = (w: string | null) => ({ wave: w }) as TouchpointScore;
    expect(carriedFrom(card, tp("Q1"))).toBe("Q1");
    expect(carriedFrom(card, tp("Q2"))).toBeNull();
    expect(carriedFrom({ as_of: null } as Scorecard, tp(null))).toBeNull();
    expect(carriedFrom(card, undefined)).toBeNull();
  });
});
