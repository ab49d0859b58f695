// The tray's rows on what the backend reports homeless
// (`generated/fixtures/homeless.json`, written by crates/core/tests/ui_fixtures.rs
// from orphans::find after a concurrent stage delete); the rules that find
// them are Rust's.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Homeless } from "../backend";
import { trayRows } from "./homeless";

const homeless = JSON.parse(
  readFileSync(new URL("../generated/fixtures/homeless.json", import.meta.url), "utf8"),
) as Homeless;

describe("homeless tray", () => {
  it("has the backend's summary", () => {
    expect(homeless.summary).toBe(
      "2 touchpoints lost their stage, 1 note lost what it was on in a concurrent edit",
    );
  });

  it("lists what can be put back, with what rides on it", () => {
    const rows = trayRows(homeless.entities);
    expect(rows.map((r) => [r.orphan.label, r.riders])).toEqual([
      ["Added while apart", 2],
      ["Compare prices", 0],
      ["Nobody owns checkout", 0],
    ]);
    expect(rows.every((r) => r.orphan.can_rehome)).toBe(true);
    // A note or arrow waiting for its touchpoint comes back with it.
    const waiting = homeless.entities.filter((o) => o.lost === "waiting");
    expect(waiting.map((o) => o.kind)).toEqual(["note", "arrow"]);
    expect(waiting.some((o) => o.can_rehome)).toBe(false);
  });

  it("keeps an arrow that lost an end, which cannot come back", () => {
    // As the backend sends it (crates/core/tests/homeless.rs checks the flag).
    const lostEnd = { kind: "arrow", id: "x", label: "", lost: "end", can_rehome: false } as const;
    expect(trayRows([lostEnd])).toHaveLength(1);
  });
});
