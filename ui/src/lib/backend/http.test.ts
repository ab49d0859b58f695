import { afterEach, describe, expect, it, vi } from "vitest";
import { createBackend } from "./index";
import type { Backend } from "./backend";
import { HttpBackend } from "./http";
import { TauriBackend } from "./tauri";
import type { UpdateRepaired } from "./types";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("HttpBackend", () => {
  it("takes the origin and the token from the page URL", () => {
    const b = HttpBackend.fromLocation("http://127.0.0.1:8787/?token=abc#map");
    expect(b.base).toBe("http://127.0.0.1:8787");
    expect(b.token).toBe("abc");
    expect(b.roomUrl("m 1")).toBe("ws://127.0.0.1:8787/ws/m%201?token=abc");
  });

  it("sends the token and parses JSON", async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify("new-id"), { status: 200 })),
    );
    vi.stubGlobal("fetch", fetchMock);
    const b = new HttpBackend("http://h:1", "tok");
    await expect(b.createMap("blank", "T")).resolves.toBe("new-id");
    expect(fetchMock).toHaveBeenCalledWith("http://h:1/api/rpc/create_map", {
      method: "POST",
      headers: { Authorization: "Bearer tok", "Content-Type": "application/json" },
      body: JSON.stringify({ template: "blank", title: "T" }),
    });
  });

  it("answers an update with what the server read mended (200), or nothing (204)", async () => {
    const answer: UpdateRepaired = {
      repaired: [{ path: "meta.title", message: "empty; read as the default title" }],
    };
    vi.stubGlobal("fetch", () => Promise.resolve(new Response(JSON.stringify(answer))));
    const b = new HttpBackend("http://h:1", "tok");
    await expect(b.applyUpdate("m", new Uint8Array([0]))).resolves.toEqual(answer.repaired);
    vi.stubGlobal("fetch", () => Promise.resolve(new Response(null, { status: 204 })));
    await expect(b.applyUpdate("m", new Uint8Array([0]))).resolves.toEqual([]);
  });

  it("turns the server's {code, message} into a BackendError", async () => {
    vi.stubGlobal("fetch", () =>
      Promise.resolve(
        new Response(JSON.stringify({ code: "not_found", message: "no such map" }), {
          status: 404,
        }),
      ),
    );
    const b = new HttpBackend("http://h:1", "tok");
    await expect(b.openMap("x")).rejects.toMatchObject({ code: "not_found" });
  });

  it("shows a map's team-sync link but does not link or unlink from a browser", async () => {
    const view = { link: { room: "r", has_token: true }, status: { state: "stopped" } };
    const fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(view))));
    vi.stubGlobal("fetch", fetchMock);
    const b = new HttpBackend("http://h:1", "tok");
    await expect(b.syncStatus("m 1")).resolves.toEqual(view);
    expect(fetchMock.mock.calls[0]).toEqual([
      "http://h:1/api/maps/m%201/link",
      { method: "GET", headers: { Authorization: "Bearer tok" } },
    ]);
    const target = { server: "ws://s", room: "r", token: "", tokenVia: "query" as const };
    const backend: Backend = b;
    await expect(backend.linkMap("m", target)).rejects.toMatchObject({ code: "unsupported" });
    await expect(backend.unlinkMap("m")).rejects.toMatchObject({ code: "unsupported" });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("cannot host a workshop from a browser, and says where to", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    const b: Backend = new HttpBackend("http://h:1", "tok");
    for (const call of [
      () => b.workshopAddresses(),
      () => b.startWorkshop("m", { ip: null, port: null }),
      () => b.workshopStatus(),
      () => b.stopWorkshop(),
      () => b.openFacilitatorView(),
    ]) {
      await expect(call()).rejects.toMatchObject({
        code: "unsupported",
        message: expect.stringContaining("desktop app") as unknown,
      });
    }
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("reports a refused token without detail from the server", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(new Response(null, { status: 401 })));
    const b = new HttpBackend("http://h:1", "bad");
    await expect(b.listMaps()).rejects.toMatchObject({ code: "unauthorized" });
  });
});

describe("createBackend (index)", () => {
  it("keeps Tauri inside the desktop app", () => {
    expect(createBackend({ __TAURI_INTERNALS__: {} })).toBeInstanceOf(TauriBackend);
  });

  it("uses the server over HTTP in a browser page", () => {
    const b = createBackend({ location: { href: "http://127.0.0.1:9/?token=t" } });
    expect(b).toBeInstanceOf(HttpBackend);
  });

  it("has no backend without a page", () => {
    expect(createBackend({})).toBeNull();
  });
});

describe("HttpBackend library calls", () => {
  it("posts rename, trash and import to their commands", async () => {
    const calls: [string, RequestInit][] = [];
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      calls.push([url, init]);
      const unsupported = { code: "unsupported", message: "Choose the file in the page." };
      return Promise.resolve(
        url.endsWith("/import_file")
          ? new Response(JSON.stringify(unsupported), { status: 501 })
          : new Response(JSON.stringify(url.endsWith("/trash_map") ? null : { title: "T2" })),
      );
    });
    const b = new HttpBackend("http://h:1", "tok");
    await expect(b.renameMap("m", "T2")).resolves.toMatchObject({ title: "T2" });
    await b.trashMap("m");
    await b.importMap({ name: "a.mmd", content: "journey" });
    expect(calls.map(([u, i]) => `${i.method ?? ""} ${u}`)).toEqual([
      "POST http://h:1/api/rpc/rename_map",
      "POST http://h:1/api/rpc/trash_map",
      "POST http://h:1/api/rpc/import_map",
    ]);
    expect(calls[0]?.[1].body).toBe(JSON.stringify({ id: "m", title: "T2" }));
    expect(calls[2]?.[1].body).toBe(JSON.stringify({ name: "a.mmd", content: "journey" }));
    await expect(b.importMap({ path: "/x.waymark" })).rejects.toMatchObject({
      code: "unsupported",
    });
  });
});
