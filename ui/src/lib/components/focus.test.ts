import { describe, expect, it } from "vitest";
import { wrapFocus } from "./focus";

describe("wrapFocus", () => {
  const items = ["a", "b", "c"];

  it("leaves Tab alone inside the list", () => {
    expect(wrapFocus(items, "a", false)).toBeNull();
    expect(wrapFocus(items, "c", true)).toBeNull();
  });

  it("wraps from the last to the first and back", () => {
    expect(wrapFocus(items, "c", false)).toBe("a");
    expect(wrapFocus(items, "a", true)).toBe("c");
  });

  it("brings focus from outside the list (the dialog itself) in", () => {
    expect(wrapFocus(items, "sheet", false)).toBe("a");
    expect(wrapFocus(items, null, true)).toBe("c");
  });

  it("has nowhere to go in an empty dialog", () => {
    expect(wrapFocus([], "sheet", false)).toBeNull();
  });
});
