import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Problem } from "../backend/types";
import { addStage } from "../doc/journey";
import { MapSession, type SyncTransport } from "../sync/session";
import { anyDirty } from "../sync/pending";
import { guardWindowClose, type ClosableWindow } from "./closeGuard";

/** A window whose close request the test fires, recording whether it was destroyed. */
class FakeWindow implements ClosableWindow {
  handler: ((e: { preventDefault(): void }) => void | Promise<void>) | null = null;
  destroyed = false;
  onCloseRequested(h: (e: { preventDefault(): void }) => void | Promise<void>) {
    this.handler = h;
    return Promise.resolve(() => {});
  }
  destroy() {
    this.destroyed = true;
    return Promise.resolve();
  }
  /** Fire a close request like Tauri does: close unless prevented. */
  async close() {
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    await this.handler?.(event);
    if (!event.prevented) this.destroyed = true;
  }
}

/** A backend whose writes finish only when the test releases them. */
class SlowBackend implements SyncTransport {
  doc = new Y.Doc();
  release: (() => void)[] = [];
  failing = false;
  openMap() {
    return Promise.resolve(Y.encodeStateAsUpdate(this.doc));
  }
  applyUpdate(_id: string, update: Uint8Array): Promise<Problem[]> {
    if (this.failing) return Promise.reject(new Error("disk full"));
    return new Promise((resolve) =>
      this.release.push(() => {
        Y.applyUpdate(this.doc, update);
        resolve([]);
      }),
    );
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("guardWindowClose", () => {
  it("closes at once when nothing is pending", async () => {
    const win = new FakeWindow();
    await guardWindowClose(win);
    await win.close();
    expect(win.destroyed).toBe(true);
  });

  it("waits for a pending write before the window goes", async () => {
    const backend = new SlowBackend();
    const session = await MapSession.open("m", backend);
    const win = new FakeWindow();
    const waits: string[] = [];
    await guardWindowClose(win, { onWait: (s) => waits.push(s) });
    addStage(session.doc, "Typed just before closing");
    expect(anyDirty()).toBe(true);
    const closing = win.close();
    await tick();
    expect(win.destroyed).toBe(false);
    expect(waits).toEqual(["saving"]);
    for (const r of backend.release) r();
    await closing;
    expect(win.destroyed).toBe(true);
    expect(backend.doc.getMap("stages").size).toBe(1);
    session.close();
  });

  it("stays open once while a workshop is running, then lets a second close through", async () => {
    const win = new FakeWindow();
    const waits: string[] = [];
    let asked = 0;
    const hosting = () => {
      asked += 1;
      return Promise.resolve(true);
    };
    await guardWindowClose(win, { hosting, onWait: (s) => waits.push(s) });
    await win.close();
    expect(win.destroyed).toBe(false);
    expect(waits).toEqual(["workshop"]);
    await win.close();
    expect(win.destroyed).toBe(true);
    expect(asked).toBe(1);
  });

  it("closes at once when no workshop is running", async () => {
    const win = new FakeWindow();
    await guardWindowClose(win, { hosting: () => Promise.resolve(false) });
    await win.close();
    expect(win.destroyed).toBe(true);
  });

  it("stays open once when the write cannot finish, then lets a second close through", async () => {
    const backend = new SlowBackend();
    backend.failing = true;
    const session = await MapSession.open("m", backend);
    const win = new FakeWindow();
    const waits: string[] = [];
    await guardWindowClose(win, { timeoutMs: 20, onWait: (s) => waits.push(s) });
    addStage(session.doc, "Cannot be saved");
    await win.close();
    expect(win.destroyed).toBe(false);
    expect(waits).toEqual(["saving", "failed"]);
    await win.close();
    expect(win.destroyed).toBe(true);
    session.close();
  });
});
