import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, avatarColour, contrastWithWhite, initials } from "./avatars";

describe("initials", () => {
  it("takes the first and last word, or two letters of one word", () => {
    expect(initials("Anna Berg")).toBe("AB");
    expect(initials("Jean-Luc Picard")).toBe("JP");
    expect(initials("maria de la cruz")).toBe("MC");
    expect(initials("Traveller")).toBe("TR");
    expect(initials("  Émile   Zola ")).toBe("ÉZ");
    expect(initials("(Ops) manager")).toBe("OM");
    expect(initials("")).toBe("?");
    expect(initials("—")).toBe("?");
  });
});

describe("avatar colours", () => {
  it("are stable per id and spread over the palette", () => {
    const id = "0b7f5a0e-6c3b-4b7e-9a57-3d3f4c1b2a10";
    expect(avatarColour(id)).toBe(avatarColour(id));
    const used = new Set(
      Array.from({ length: 200 }, (_, i) =>
        avatarColour(`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`),
      ),
    );
    expect(used.size).toBeGreaterThanOrEqual(8);
  });

  it("keep white initials readable (4.5:1)", () => {
    for (const c of AVATAR_COLOURS) expect(contrastWithWhite(c), c).toBeGreaterThanOrEqual(4.5);
  });
});
