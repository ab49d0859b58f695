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

  it("keep a deck's choices apart, starting from the report's company, version and logo", () => {
    const s = memory();
    const report = {
      ...defaults("r.pdf"),
      company: "Acme",
      versionLabel: "Q1",
      logoPath: "/l.png",
    };
    report.sections = ["summary"];
    store(s, "m1", report);
    const deck = load(s, "m1", "d.pptx", "deck");
    expect(deck.sections).toEqual(["title", "summary", "map", "stages", "pain-points", "trends"]);
    expect(deck.company).toBe("Acme");
    expect(deck.versionLabel).toBe("Q1");
    expect(deck.logoPath).toBe("/l.png");
    expect(deck.path).toBe("d.pptx");
    deck.sections = ["title", "map", "appendix"];
    deck.company = "Globex";
    store(s, "m1", deck, "deck");
    expect(load(s, "m1", "d.pptx", "deck").sections).toEqual(["title", "map"]);
    expect(load(s, "m1", "d.pptx", "deck").company).toBe("Globex");
    expect(load(s, "m1", "r.pdf").company).toBe("Acme");
  });

  it("makes file names from titles", () => {
    expect(slug("Lost card (to-be)")).toBe("lost-card-to-be");
    expect(slug("  ")).toBe("journey");
  });
});
