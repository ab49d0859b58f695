import { describe, expect, it } from "vitest";
import type { Factor } from "../backend";
import {
  answerText,
  factorLabel,
  fixed,
  missingText,
  points,
  pointsTotal,
  rawText,
  tone,
} from "./explain";

const f = (factor: string, raw: number, pts = 0, score: Factor["score"] = "friction"): Factor => ({
  factor,
  score,
  raw,
  unit: "",
  normalized: 0,
  weight: 0.15,
  share: 1,
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

  it("says which factors took over a missing factor's weight", () => {
    const wait = { ...f("wait", 20, 50), share: 0.43 };
    const rc = { ...f("repeat_contact", 0.5, 50), weight: 0.2, share: 0.57 };
    const missing = [
      { factor: "survey_effort", score: "friction" as const, weight: 0.3 },
      { factor: "survey_net", score: "emotion" as const, weight: 0.5 },
    ];
    expect(missingText(missing, "friction", [rc, wait])).toBe(
      "Not measured: Survey effort (CES) (0.3). Their weight is shared by the factors measured, " +
        "in proportion to their own weights: Repeat contact 57%, Wait 43%.",
    );
    const sev = { ...f("designer_severity", 3, 75), weight: 1, share: 1 };
    expect(missingText(missing, "friction", [sev])).toBe(
      "Nothing measured (Survey effort (CES) (0.3)): the designer's severity stands in for the whole score.",
    );
    expect(missingText([], "friction", [wait])).toBe("");
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
