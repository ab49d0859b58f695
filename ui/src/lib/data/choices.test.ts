import { describe, expect, it } from "vitest";
import { defaults, load, store } from "./choices";
import { slug } from "./pick";

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  };
}

describe("report choices", () => {
  it("are remembered per map", () => {
    const s = memory();
    const c = { ...defaults("a.pdf"), pageSize: "letter" as const, company: "Acme" };
    c.sections = ["summary", "map"];
    store(s, "m1", c);
    expect(load(s, "m1", "x.pdf")).toEqual(c);
    expect(load(s, "m2", "x.pdf")).toEqual(defaults("x.pdf"));
  });

  it("ignore damaged or foreign values", () => {
    const s = memory();
    s.setItem("waymark.report.m1", "{not json");
    expect(load(s, "m1", "x.pdf")).toEqual(defaults("x.pdf"));
    s.setItem("waymark.report.m1", JSON.stringify({ pageSize: "a5", sections: ["map", "bogus"] }));
    const c = load(s, "m1", "x.pdf");
    expect(c.pageSize).toBe("a4");
    expect(c.sections).toEqual(["map"]);
  });

  it("makes file names from titles", () => {
    expect(slug("Lost card (to-be)")).toBe("lost-card-to-be");
    expect(slug("  ")).toBe("journey");
  });
});
