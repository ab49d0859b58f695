import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DESCRIPTION_CHARS, TITLE_CHARS, cutNotice, emptyNotice, pasteOverflow } from "./textCaps";

describe("text caps", () => {
  it("are the numbers crates/core/src/limits.rs gives", () => {
    const rust = readFileSync(
      new URL("../../../../crates/core/src/limits.rs", import.meta.url),
      "utf8",
    );
    const value = (name: string) =>
      Number(
        new RegExp(`pub const ${name}: usize = ([0-9_]+);`).exec(rust)?.[1]?.replaceAll("_", ""),
      );
    expect(TITLE_CHARS).toBe(value("TITLE_CHARS"));
    expect(DESCRIPTION_CHARS).toBe(value("DESCRIPTION_CHARS"));
  });

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
