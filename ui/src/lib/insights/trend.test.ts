import { describe, expect, it } from "vitest";
import type { Figures, Trend } from "../generated/bindings";
import {
  chart,
  changeWords,
  overallStatus,
  pickMetric,
  series,
  sparkline,
  targetFor,
  targetSentence,
  targetText,
} from "./trend";

function fig(
  nps: number | null,
  ci: [number, number] | null,
  extra: Partial<Figures> = {},
): Figures {
  return {
    n: 100,
    nps,
    nps_n: nps === null ? 0 : 100,
    nps_ci: ci,
    csat: null,
    csat_n: 0,
    csat_ci: null,
    ces5: null,
    ces5_ci: null,
    ces7: null,
    ces7_ci: null,
    friction: null,
    emotion: null,
    changes: null,
    targets: [],
    ...extra,
  };
}

const trend: Trend = {
  waves: [
    { label: "Q1", date: "2026-03-31", journey: fig(-50, [-60, -40]), stages: [], touchpoints: [] },
    {
      label: "Q2",
      date: null,
      journey: fig(50, [40, 60], {
        changes: { nps: "rose", csat: "not_measured", ces5: "not_measured", ces7: "not_measured" },
        targets: [
          {
            kpi: "nps",
            target: { direction: "at_least", value: 0 },
            value: 50,
            status: "met",
          },
        ],
      }),
      stages: [],
      touchpoints: [],
    },
  ],
};

describe("sparkline", () => {
  it("spreads the waves over the width on the metric's whole range", () => {
    const s = sparkline([-100, 0, 100], [-100, 100], 10, 20, 40, 10);
    expect(s.points).toEqual([
      { x: 10, y: 30, v: -100 },
      { x: 30, y: 25, v: 0 },
      { x: 50, y: 20, v: 100 },
    ]);
    expect(s.path).toBe("M10 30L30 25L50 20");
  });

  it("breaks the line at a wave without a value and centres a single wave", () => {
    expect(sparkline([0, null, 100], [0, 100], 0, 0, 20, 10).path).toBe("M0 10M20 0");
    expect(sparkline([50], [0, 100], 0, 0, 20, 10).points).toEqual([{ x: 10, y: 5, v: 50 }]);
    // Out of range values stay in the box.
    expect(sparkline([140], [0, 100], 0, 0, 20, 10).points[0]?.y).toBe(0);
  });
});

describe("chart", () => {
  it("places a column per wave with its whisker and the target line", () => {
    const figs = series(trend, null);
    expect(pickMetric(figs)).toBe("nps");
    const t = targetFor(figs[1], "nps");
    expect(t?.status).toBe("met");
    const c = chart(trend, figs, "nps", t?.target ?? null, 0, 0, 200, 100);
    expect(c.columns.map((k) => [k.label, k.x, k.y])).toEqual([
      ["Q1", 50, 75],
      ["Q2", 150, 25],
    ]);
    expect(c.columns[0]?.whisker).toEqual({ top: 70, bottom: 80 });
    expect(c.targetY).toBe(50);
    expect(c.grid.map((g) => g.y)).toEqual([100, 50, 0]);
  });

  it("has nothing to draw without waves or values", () => {
    expect(pickMetric(series(null, null))).toBeNull();
    expect(chart(null, [], "csat", null, 0, 0, 100, 100).columns).toEqual([]);
  });
});

describe("words", () => {
  it("says the Rust rule's verdict and the target", () => {
    expect(changeWords("rose")).toBe("rose beyond noise");
    expect(changeWords("within_noise")).toBe("within noise");
    expect(changeWords(undefined)).toBe("not measured");
    expect(targetText({ direction: "at_most", value: 2.5 })).toBe("≤ 2.5");
    const check = trend.waves[1]?.journey.targets[0];
    expect(check && targetSentence(check)).toBe("NPS ≥ 0: met (50)");
    expect(
      targetSentence({
        kpi: "ces",
        target: { direction: "at_most", value: 2 },
        value: null,
        status: "not_measured",
      }),
    ).toBe("CES ≤ 2: not measured");
  });
});

describe("overallStatus", () => {
  const check = (status: "met" | "not_met" | "not_measured") => ({
    kpi: "nps" as const,
    target: { direction: "at_least" as const, value: 30 },
    value: status === "not_measured" ? null : 12,
    status,
  });
  it("marks a stage by its worst target", () => {
    expect(overallStatus([])).toBeNull();
    expect(overallStatus([check("met")])).toBe("met");
    expect(overallStatus([check("met"), check("not_measured")])).toBe("not_measured");
    expect(overallStatus([check("not_measured"), check("not_met"), check("met")])).toBe("not_met");
  });
});
