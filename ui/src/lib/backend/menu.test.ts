import { describe, expect, it } from "vitest";
import { recentMapId } from "./menu";

describe("recentMapId", () => {
  it("reads the map id of an Open Recent item and nothing else", () => {
    expect(recentMapId("recent:3f2a")).toBe("3f2a");
    expect(recentMapId("recent:")).toBeNull();
    expect(recentMapId("file.open_recent.none")).toBeNull();
    expect(recentMapId("file.new")).toBeNull();
  });
});
