import { describe, expect, it } from "vitest";
import type { Factor } from "../backend";
import { answerText, factorLabel, fixed, points, pointsTotal, rawText, tone } from "./explain";

const f = (factor: string, raw: number, pts = 0, score: Factor["score"] = "friction"): Factor => ({
  factor,
  score,
  raw,
  normalized: 0,
  weight: 0.15,
  points: pts,
  n: null,
  source: "operations",
});

describe("explanation text", () => {
  it("formats each factor's raw input in its unit", () => {
    expect(rawText(f("repeat_contact", 0.72))).toBe("FCR 72%");
    expect(rawText(f("wait", 14))).toBe("14 min");
    expect(rawText(f("wait", 43200))).toBe("30 days");
    expect(rawText(f("handoffs", 1))).toBe("1 hand-off");
    expect(rawText(f("designer_rating", -2))).toBe("−2 of ±2");
    expect(factorLabel(f("survey_effort", 0))).toBe("Survey effort (CES)");
    expect(factorLabel(f("brand_new", 0))).toBe("brand new");
  });

  it("signs points and sums them per score", () => {
    expect(points(12.5)).toBe("+12.5");
    expect(points(-50)).toBe("−50");
    expect(points(0.01)).toBe("0");
    const fs = [f("wait", 0, 50), f("handoffs", 0, 12.5), f("designer_rating", 0, -100, "emotion")];
    expect(pointsTotal(fs, "friction")).toBe(62.5);
    expect(pointsTotal(fs, "emotion")).toBe(-100);
  });

  it("never prints minus zero and trims trailing zeros", () => {
    expect(fixed(-0.01)).toBe("0");
    expect(fixed(2.5, 2)).toBe("2.5");
    expect(fixed(3, 2)).toBe("3");
  });

  it("reads VADER tones and answers", () => {
    expect(tone(-0.3)).toBe("negative");
    expect(tone(0.01)).toBe("neutral");
    expect(tone(0.5)).toBe("positive");
    expect(
      answerText({
        respondent: "r",
        date: "",
        scale: "ces7",
        value: 2,
        comment: "",
        sentiment: null,
        cues: [],
      }),
    ).toBe("CES (1–7) 2");
  });
});
