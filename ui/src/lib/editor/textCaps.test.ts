import { describe, expect, it } from "vitest";
import { cutNotice, emptyNotice, pasteOverflow } from "./textCaps";

describe("text caps", () => {
  it("count what a paste loses over the cap, the selection being replaced", () => {
    expect(pasteOverflow(0, 0, 150, 200)).toBe(0);
    expect(pasteOverflow(100, 0, 150, 200)).toBe(50);
    expect(pasteOverflow(100, 100, 150, 200)).toBe(0);
    expect(pasteOverflow(0, 0, 300_000, 5_000)).toBe(295_000);
  });

  it("say so in plain words", () => {
    expect(cutNotice(295_000, 5_000)).toBe(
      "The pasted text was cut to fit: 5,000 characters at most, 295,000 left out.",
    );
    expect(emptyNotice("stage name")).toBe(
      "A stage name cannot be empty; the previous one is back.",
    );
  });
});
