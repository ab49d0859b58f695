import { describe, expect, it } from "vitest";
import { createBackend } from "./backend";
import { BackendError } from "./errors";
import { TauriBackend } from "./tauri";

describe("createBackend", () => {
  it("picks the Tauri backend inside the desktop app", () => {
    expect(createBackend({ __TAURI_INTERNALS__: {} })).toBeInstanceOf(TauriBackend);
  });

  it("has no backend elsewhere", () => {
    expect(createBackend({})).toBeNull();
  });
});

describe("BackendError.from", () => {
  it("keeps the code of a serialized ApiError", () => {
    const e = BackendError.from({ code: "not_found", message: "no such map" });
    expect(e.code).toBe("not_found");
    expect(e.message).toBe("no such map");
  });

  it("wraps strings and errors", () => {
    expect(BackendError.from("boom").code).toBe("internal");
    expect(BackendError.from(new Error("bang")).message).toBe("bang");
    expect(BackendError.from(42).message).toBe("Unknown error");
  });
});
