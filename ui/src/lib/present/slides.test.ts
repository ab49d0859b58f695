import { describe, expect, it } from "vitest";
import type { Scorecard, TouchpointScore } from "../backend";
import type { JourneyView } from "../doc/journey";
import { figure, frictionWord, keyToMove, stageSlide, step } from "./slides";

describe("presentation keys", () => {
  it("maps clicker and keyboard keys to moves", () => {
    expect(["ArrowRight", "PageDown", " ", "ArrowDown"].map(keyToMove)).toEqual([
      "next",
      "next",
      "next",
      "next",
    ]);
    expect(["ArrowLeft", "PageUp", "ArrowUp"].map(keyToMove)).toEqual([
      "previous",
      "previous",
      "previous",
    ]);
    expect(keyToMove("Escape")).toBe("exit");
    expect(keyToMove("x")).toBeNull();
  });

  it("clamps at both ends", () => {
    expect(step(0, "previous", 4)).toBe(0);
    expect(step(3, "next", 4)).toBe(3);
    expect(step(1, "next", 4)).toBe(2);
    expect(step(2, "first", 4)).toBe(0);
    expect(step(0, "last", 4)).toBe(3);
    expect(step(0, "next", 0)).toBe(0);
  });
});

describe("stage slides", () => {
  const tp = (id: string, stage: string, priority: number | null, pain: boolean) =>
    ({ id, title: `T ${id}`, stage, priority, pain_point: pain }) as TouchpointScore;
  const view = {
    title: "M",
    stages: [
      { id: "s1", order: "a", name: "Report", description: "Call the bank" },
      { id: "s2", order: "b", name: "Replace", description: "" },
    ],
    touchpoints: [{ stage: "s1" }, { stage: "s1" }, { stage: "s2" }],
  } as unknown as JourneyView;
  const card = {
    journey: {},
    stages: [{ id: "s1", name: "Report", friction: 61.6, emotion: -40.2, worst_touchpoint: "b" }],
    touchpoints: [
      tp("a", "s1", 10, true),
      tp("b", "s1", 30, true),
      tp("c", "s1", 50, false),
      tp("d", "s2", 90, true),
      tp("e", "s1", null, true),
    ],
  } as unknown as Scorecard;

  it("shows the stage's pain points by priority and its scores", () => {
    const s = stageSlide(view, card, "s1");
    expect(s?.pains.map((p) => p.id)).toEqual(["b", "a", "e"]);
    expect(s?.friction).toBe(61.6);
    expect(s?.touchpoints).toBe(2);
    expect(s?.worst).toBe("T b");
    expect(stageSlide(view, card, "s1", 1)?.pains.map((p) => p.id)).toEqual(["b"]);
  });

  it("has no scores without a scorecard and nothing for a missing stage", () => {
    const s = stageSlide(view, null, "s2");
    expect(s?.friction).toBeNull();
    expect(s?.pains).toEqual([]);
    expect(stageSlide(view, card, "nope")).toBeNull();
  });

  it("formats figures", () => {
    expect(figure(null)).toBe("—");
    expect(figure(-40.2)).toBe("−40");
    expect(figure(12.6, true)).toBe("+13");
    expect(frictionWord(61.6)).toBe("high");
    expect(frictionWord(null)).toBe("no data");
  });
});
