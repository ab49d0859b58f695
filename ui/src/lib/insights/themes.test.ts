import { describe, expect, it } from "vitest";
import type { MapThemes, Theme } from "../backend";
import { sentimentText, shareText, topThemes } from "./themes";

const theme = (label: string, share: number, sentiment: number): Theme => ({
  label,
  terms: [label],
  count: 2,
  share,
  sentiment,
  effort_cues: [],
  quotes: [`${label} was slow`],
});

describe("themes", () => {
  it("reads a share as a percentage and a sentiment as its tone", () => {
    expect(shareText(theme("refund", 0.375, -0.4))).toBe("38%");
    expect(sentimentText(theme("refund", 0.375, -0.4))).toBe("negative −0.4");
  });

  it("keeps each touchpoint's largest theme, none for a touchpoint without", () => {
    const m: MapThemes = {
      map: "m",
      wave: null,
      stages: [],
      touchpoints: [
        {
          id: "a",
          title: "A",
          stage: "s",
          comments: 3,
          unthemed: 0,
          themes: [theme("hold", 0.7, -0.5), theme("app", 0.3, 0)],
        },
        { id: "b", title: "B", stage: "s", comments: 0, unthemed: 0, themes: [] },
      ],
    };
    const tops = topThemes(m);
    expect(tops.get("a")?.label).toBe("hold");
    expect(tops.has("b")).toBe(false);
    expect(topThemes(null).size).toBe(0);
  });
});
