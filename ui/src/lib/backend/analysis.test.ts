import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpBackend } from "./http";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("HttpBackend analysis calls", () => {
  it("posts the survey file with its mapping for the dry run", async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ errors: [] }), { status: 200 })),
    );
    vi.stubGlobal("fetch", fetchMock);
    const b = new HttpBackend("http://h:1", "tok");
    await b.previewResponses(
      "m1",
      { name: "s.csv", text: "a,b" },
      { mapping: { touchpoint: "Step" } },
    );
    expect(fetchMock).toHaveBeenCalledWith("http://h:1/api/rpc/preview_responses", {
      method: "POST",
      headers: { Authorization: "Bearer tok", "Content-Type": "application/json" },
      body: JSON.stringify({
        id: "m1",
        name: "s.csv",
        text: "a,b",
        mapping: { touchpoint: "Step" },
      }),
    });
  });

  it("posts a wide file's confirmed questions", async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ added: 1, replaced: 0 }), { status: 200 })),
    );
    vi.stubGlobal("fetch", fetchMock);
    const b = new HttpBackend("http://h:1", "tok");
    const wide = {
      respondent: "#",
      date: "Submitted At",
      questions: [{ column: "How easy?", touchpoint: "t1", scale: "ces7" as const }],
    };
    await b.importResponses("m1", { name: "t.csv", text: "#" }, { wide });
    expect(fetchMock).toHaveBeenCalledWith("http://h:1/api/rpc/import_responses", {
      method: "POST",
      headers: { Authorization: "Bearer tok", "Content-Type": "application/json" },
      body: JSON.stringify({ id: "m1", name: "t.csv", text: "#", wide }),
    });
  });

  it("names the wave and its date", async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ added: 1, replaced: 0 }), { status: 200 })),
    );
    vi.stubGlobal("fetch", fetchMock);
    const b = new HttpBackend("http://h:1", "tok");
    await b.importResponses("m1", { name: "Q3 2026.csv", text: "#" }, null, {
      label: "Q3 2026",
      date: "2026-09-30",
    });
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe(
      JSON.stringify({
        id: "m1",
        name: "Q3 2026.csv",
        text: "#",
        wave: "Q3 2026",
        date: "2026-09-30",
      }),
    );
  });

  it("compares two map references", async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ changed: 2 }), { status: 200 })),
    );
    vi.stubGlobal("fetch", fetchMock);
    const b = new HttpBackend("http://h:1", "tok");
    const c = await b.compareMaps({ map: "a", version: "v1" }, { map: "a" });
    expect(c.changed).toBe(2);
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe(
      JSON.stringify({ before: { map: "a", version: "v1" }, after: { map: "a" } }),
    );
  });

  it("reads the report's page count and warnings from the headers", async () => {
    vi.stubGlobal("fetch", () =>
      Promise.resolve(
        new Response(new Blob(["%PDF-1.7"]), {
          status: 200,
          headers: { "x-waymark-pages": "7", "x-waymark-warnings": '["no glyph for \\u2603"]' },
        }),
      ),
    );
    vi.stubGlobal("URL", { createObjectURL: () => "blob:x", revokeObjectURL: () => {} });
    const clicks: string[] = [];
    vi.stubGlobal("document", {
      createElement: () => ({
        set download(n: string) {
          clicks.push(n);
        },
        click: () => {},
        remove: () => {},
      }),
      body: { append: () => {} },
    });
    const b = new HttpBackend("http://h:1", "tok");
    const r = await b.exportReport("m1", { page_size: "a4" }, "/x/journey.pdf", null);
    expect(r).toEqual({ path: "journey.pdf", pages: 7, bytes: 8, warnings: ["no glyph for ☃"] });
    expect(clicks).toEqual(["journey.pdf"]);
  });
});
