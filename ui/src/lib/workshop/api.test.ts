import { afterEach, describe, expect, it, vi } from "vitest";
import { browserId, WorkshopApi } from "./api";

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => {
      m.clear();
    },
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => {
      m.delete(k);
    },
    setItem: (k, v) => {
      m.set(k, v);
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("joining a workshop", () => {
  it("keeps one random browser id and sends it with every join", async () => {
    vi.stubGlobal("localStorage", memoryStorage());
    const sent: unknown[] = [];
    vi.stubGlobal("fetch", (_path: string, init: RequestInit) => {
      sent.push(JSON.parse(init.body as string));
      return Promise.resolve(
        new Response(JSON.stringify({ token: "t", id: "i", name: "Ana" }), { status: 200 }),
      );
    });
    const id = browserId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(browserId()).toBe(id);
    await WorkshopApi.join("Ana");
    await WorkshopApi.join("Ana 2");
    expect(sent).toEqual([
      { name: "Ana", browser: id },
      { name: "Ana 2", browser: id },
    ]);
  });
});
