import { describe, expect, it } from "vitest";
import {
  NO_DATA,
  emotionColour,
  frictionColour,
  legendStops,
  luminance,
  needsLightText,
} from "./colour";

describe("friction scale", () => {
  it("runs from viridis yellow at 0 to its dark purple at 100", () => {
    expect(frictionColour(0)).toBe("#fde725");
    expect(frictionColour(100)).toBe("#440154");
    expect(frictionColour(50)).toBe("#21918c");
  });

  it("gets darker as friction grows, so it also reads in grey", () => {
    const lum = Array.from({ length: 21 }, (_, i) => luminance(frictionColour(i * 5)));
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeLessThan(lum[i - 1] as number);
  });

  it("clamps out-of-range values and marks missing ones", () => {
    expect(frictionColour(-5)).toBe(frictionColour(0));
    expect(frictionColour(140)).toBe(frictionColour(100));
    expect(frictionColour(null)).toBe(NO_DATA);
    expect(frictionColour(Number.NaN)).toBe(NO_DATA);
  });
});

describe("emotion scale", () => {
  it("is orange below zero, neutral at zero, purple above", () => {
    expect(emotionColour(-100)).toBe("#b35806");
    expect(emotionColour(0)).toBe("#f7f7f7");
    expect(emotionColour(100)).toBe("#542788");
    expect(emotionColour(undefined)).toBe(NO_DATA);
  });
});

describe("text on a colour", () => {
  it("is light on dark fills and dark on light ones", () => {
    expect(needsLightText(frictionColour(100))).toBe(true);
    expect(needsLightText(frictionColour(0))).toBe(false);
    expect(needsLightText(emotionColour(0))).toBe(false);
    expect(needsLightText(emotionColour(100))).toBe(true);
  });
});

describe("legend", () => {
  it("samples the scale end to end", () => {
    const stops = legendStops("friction", 5);
    expect(stops).toHaveLength(5);
    expect(stops[0]).toBe(frictionColour(0));
    expect(stops[4]).toBe(frictionColour(100));
    expect(legendStops("emotion", 3)).toEqual(["#b35806", "#f7f7f7", "#542788"]);
  });
});
