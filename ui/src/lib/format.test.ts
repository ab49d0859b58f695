import { describe, expect, it } from "vitest";
import { formatEdited, plural, mapSize } from "./format";

describe("formatEdited", () => {
  const now = new Date("2026-05-10T12:00:00Z");

  it("is relative when recent", () => {
    expect(formatEdited("2026-05-10T11:59:30Z", now)).toBe("just now");
    expect(formatEdited("2026-05-10T11:59:00Z", now)).toBe("1 minute ago");
    expect(formatEdited("2026-05-10T11:15:00+00:00", now)).toBe("45 minutes ago");
    expect(formatEdited("2026-05-10T09:00:00Z", now)).toBe("3 hours ago");
    expect(formatEdited("2026-05-09T09:00:00Z", now)).toBe("yesterday");
    expect(formatEdited("2026-05-06T12:00:00Z", now)).toBe("4 days ago");
  });

  it("is a date when older", () => {
    expect(formatEdited("2026-01-02T12:00:00Z", now, "en-US")).toBe("Jan 2, 2026");
  });

  it("passes unparsable input through", () => {
    expect(formatEdited("not a date", now)).toBe("not a date");
  });
});

describe("plural", () => {
  it("pluralises English nouns", () => {
    expect(plural(0, "stage")).toBe("0 stages");
    expect(plural(1, "stage")).toBe("1 stage");
    expect(plural(2, "stage")).toBe("2 stages");
  });
});

describe("mapSize", () => {
  it("reads right for a blank map and a full one", () => {
    expect(mapSize(1, 1, 0)).toBe("1 stage · 1 lane · no touchpoints yet");
    expect(mapSize(4, 6, 21)).toBe("4 stages · 6 lanes · 21 touchpoints");
    expect(mapSize(2, 1, 1)).toBe("2 stages · 1 lane · 1 touchpoint");
  });
});
