import { describe, expect, it } from "vitest";
import { CHANNEL_EXAMPLES, CHANNEL_KINDS } from "../generated/schema";
import { CHANNEL_ICONS, channelKind, channelLabel } from "./channels";

describe("channel kinds", () => {
  it("agrees with Rust on every example (crates/core/src/channels.rs)", () => {
    for (const [channel, kind] of CHANNEL_EXAMPLES)
      expect([channel, channelKind(channel)]).toEqual([channel, kind]);
  });

  it("has an icon and a label for every kind", () => {
    for (const k of CHANNEL_KINDS) {
      expect(CHANNEL_ICONS[k.kind]).toMatch(/^M/);
      expect(channelLabel(k.kind)).toBe(k.label);
    }
    expect(Object.keys(CHANNEL_ICONS).sort()).toEqual(CHANNEL_KINDS.map((k) => k.kind).sort());
  });
});
