import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addStage, readJourney } from "../doc/journey";
import type { Problem } from "../backend/types";
import { MapSession, type SaveState, type SyncTransport } from "./session";

/** A backend that holds one Y.Doc and can be told to fail. */
class FakeBackend implements SyncTransport {
  doc = new Y.Doc();
  failing = false;
  calls = 0;

  openMap(): Promise<Uint8Array> {
    return Promise.resolve(Y.encodeStateAsUpdate(this.doc));
  }

  /** What the next updates are answered with, as the server's 200 does. */
  mends: Problem[] = [];

  applyUpdate(_id: string, update: Uint8Array): Promise<Problem[]> {
    this.calls++;
    if (this.failing) return Promise.reject(new Error("disk full"));
    Y.applyUpdate(this.doc, update);
    return Promise.resolve(this.mends);
  }
}

describe("MapSession", () => {
  it("loads the backend's state and sends every local change", async () => {
    const backend = new FakeBackend();
    addStage(backend.doc, "Discover");
    const states: SaveState["kind"][] = [];
    const session = await MapSession.open("m", backend, { onState: (s) => states.push(s.kind) });
    expect(readJourney(session.doc).stages.map((s) => s.name)).toEqual(["Discover"]);
    expect(backend.calls).toBe(0); // the loaded state is not sent back
    addStage(session.doc, "Buy");
    await session.idle();
    expect(readJourney(backend.doc).stages.map((s) => s.name)).toEqual(["Discover", "Buy"]);
    expect(states).toEqual(["saving", "saved"]);
  });

  it("reports what the backend read mended with the saved state, until a clean save", async () => {
    const backend = new FakeBackend();
    const states: SaveState[] = [];
    const session = await MapSession.open("m", backend, { onState: (s) => states.push(s) });
    backend.mends = [{ path: "meta.title", message: "an empty title reads as the default" }];
    addStage(session.doc, "Discover");
    await session.idle();
    expect(states.at(-1)).toEqual({ kind: "saved", mended: backend.mends });
    backend.mends = [];
    addStage(session.doc, "Buy");
    await session.idle();
    expect(states.at(-1)).toEqual({ kind: "saved" });
    session.close();
  });

  it("merges updates from the team room without sending them back", async () => {
    const backend = new FakeBackend();
    const session = await MapSession.open("m", backend);
    const teammate = new Y.Doc();
    Y.applyUpdate(teammate, Y.encodeStateAsUpdate(backend.doc));
    const before = Y.encodeStateVector(teammate);
    addStage(teammate, "From a teammate");
    session.applyRemote(Y.encodeStateAsUpdate(teammate, before));
    expect(readJourney(session.doc).stages.map((s) => s.name)).toEqual(["From a teammate"]);
    expect(session.dirty).toBe(false);
    expect(backend.calls).toBe(0);
    session.close();
  });

  it("keeps failed updates and retries until they are saved", async () => {
    const backend = new FakeBackend();
    const states: SaveState[] = [];
    const session = await MapSession.open("m", backend, {
      onState: (s) => states.push(s),
      retryDelay: () => 5,
    });
    backend.failing = true;
    addStage(session.doc, "One");
    addStage(session.doc, "Two");
    await new Promise((r) => setTimeout(r, 20));
    expect(session.saveState.kind).toBe("error");
    expect(states.find((s) => s.kind === "error")).toMatchObject({ message: "disk full" });
    expect(readJourney(session.doc).stages).toHaveLength(2); // nothing lost locally
    backend.failing = false;
    await session.idle();
    expect(session.saveState.kind).toBe("saved");
    expect(readJourney(backend.doc).stages.map((s) => s.name)).toEqual(["One", "Two"]);
  });

  it("reloads changes made on the backend's side, after its own are saved", async () => {
    const backend = new FakeBackend();
    addStage(backend.doc, "Discover");
    const session = await MapSession.open("m", backend);
    addStage(session.doc, "Made here");
    // The backend edits its copy (as a restore does) once it has ours.
    await session.idle();
    const stages = backend.doc.getMap("stages");
    backend.doc.transact(() => {
      for (const key of [...stages.keys()]) stages.delete(key);
    });
    addStage(backend.doc, "Restored");
    const sent = backend.calls;
    await session.reload();
    expect(readJourney(session.doc).stages.map((s) => s.name)).toEqual(["Restored"]);
    expect(backend.calls).toBe(sent);
    session.close();
  });
});
