import { describe, expect, it } from "vitest";
import { frictionColour } from "./colour";
import { nextMode, paintCard, priorityRanks, signed } from "./overlay";
import { scorecard as card, tpScore } from "./fixture";

describe("overlay modes", () => {
  it("cycle both ways", () => {
    expect(nextMode("none")).toBe("friction");
    expect(nextMode("priority")).toBe("trend");
    expect(nextMode("trend")).toBe("none");
    expect(nextMode("none", -1)).toBe("trend");
  });
});

describe("priority ranks", () => {
  it("number the touchpoints with a priority in scorecard order, skipping zero and none", () => {
    const ranks = priorityRanks(
      card([
        tpScore("a", { priority: 9 }),
        tpScore("b", { priority: 4 }),
        tpScore("z", { priority: 0 }),
        tpScore("n"),
      ]),
    );
    expect([...ranks]).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });
});

describe("card paint", () => {
  it("colours by friction with the figure as a badge", () => {
    const p = paintCard("friction", tpScore("a", { friction: 80 }), undefined);
    expect(p.fill).toBe(frictionColour(80));
    expect(p.light).toBe(true);
    expect(p.badge).toBe("80");
  });

  it("shows missing data as such, never as zero", () => {
    const p = paintCard("emotion", tpScore("a"), undefined);
    expect(p.badge).toBe("–");
    expect(p.label).toBe("no emotion data");
  });

  it("badges ranks under priority and leaves the card colour alone", () => {
    expect(paintCard("priority", tpScore("a"), 3)).toMatchObject({ fill: null, badge: "#3" });
    expect(paintCard("none", tpScore("a", { friction: 50 }), 1).fill).toBeNull();
  });

  it("writes signs with a real minus", () => {
    expect(signed(-34.6)).toBe("−35");
    expect(signed(12.2)).toBe("+12");
    expect(signed(0.2)).toBe("0");
  });
});
