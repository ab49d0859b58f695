// One open map: the UI's Y.Doc, kept in step with the backend's copy. Every
// local transaction's update is sent to the backend, in order; the backend
// persists it before acknowledging. A failed send keeps the update (and any
// made meanwhile, merged) and retries, so nothing typed is lost.

import * as Y from "yjs";
import { migrateText } from "../doc/text";
import type { Problem } from "../backend/types";
import { track, untrack } from "./pending";

/** The origin of updates that came from the backend (never sent back). */
export const REMOTE = "remote";
/** The origin of converting old text fields: sent to the backend, not undoable. */
export const MIGRATION = "migration";

export interface SyncTransport {
  openMap(id: string): Promise<Uint8Array>;
  /** Resolves to the values the backend read mended (see `Backend`). */
  applyUpdate(id: string, update: Uint8Array): Promise<Problem[]>;
}

export type SaveState =
  /** `mended`: what the backend read mended in the last changes sent. */
  | { kind: "saved"; mended?: Problem[] }
  | { kind: "saving" }
  | { kind: "error"; message: string; retryInMs: number };

export interface SessionOptions {
  /** Called whenever the save state changes. */
  onState?: (state: SaveState) => void;
  /** Delay before the n-th retry (n from 1). */
  retryDelay?: (attempt: number) => number;
}

export class MapSession {
  readonly doc: Y.Doc;
  readonly id: string;
  /** Milliseconds the backend took to hand over the document. */
  openMs = 0;
  private pending: Uint8Array[] = [];
  private sending = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private state: SaveState = { kind: "saved" };
  private readonly transport: SyncTransport;
  private readonly options: SessionOptions;
  private idleWaiters: (() => void)[] = [];

  private constructor(id: string, transport: SyncTransport, options: SessionOptions) {
    this.id = id;
    this.transport = transport;
    this.options = options;
    this.doc = new Y.Doc();
  }

  /** Opens map `id`: loads the backend's full state into a new Y.Doc. */
  static async open(
    id: string,
    transport: SyncTransport,
    options: SessionOptions = {},
  ): Promise<MapSession> {
    const session = new MapSession(id, transport, options);
    const start = performance.now();
    const state = await transport.openMap(id);
    session.openMs = performance.now() - start;
    Y.applyUpdate(session.doc, state, REMOTE);
    session.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      session.enqueue(update);
    });
    // Text fields still plain strings (written by an older Waymark after the
    // backend loaded the map) become Y.Text, as the backend converts them.
    migrateText(session.doc, MIGRATION);
    track(session);
    return session;
  }

  get saveState(): SaveState {
    return this.state;
  }

  /** The document's Yjs state vector: what it holds, for a backend request
   * that must cover it. */
  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** Whether updates are waiting to be persisted. */
  get dirty(): boolean {
    return this.pending.length > 0 || this.sending;
  }

  /** Resolves once everything made so far is persisted. */
  idle(): Promise<void> {
    if (!this.dirty) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Brings in what changed on the backend's side (a restored version):
   * waits until every local change is persisted, then applies the backend's
   * full state. The backend's copy holds everything this doc does, so the
   * result is exactly the backend's state.
   */
  async reload(): Promise<void> {
    await this.idle();
    const state = await this.transport.openMap(this.id);
    if (this.closed) return;
    Y.applyUpdate(this.doc, state, REMOTE);
  }

  /** Retry now instead of waiting for the timer. */
  retryNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.flush();
  }

  /** Merges an update that reached the backend from elsewhere (a team sync
   * room); it is already persisted, so it is not sent back. */
  applyRemote(update: Uint8Array): void {
    if (!this.closed) Y.applyUpdate(this.doc, update, REMOTE);
  }

  close(): void {
    untrack(this);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.doc.destroy();
  }

  private setState(state: SaveState) {
    this.state = state;
    this.options.onState?.(state);
  }

  private enqueue(update: Uint8Array) {
    this.pending.push(update);
    if (this.state.kind === "saved") this.setState({ kind: "saving" });
    if (!this.timer) void this.flush();
  }

  private isOpen(): boolean {
    return !this.closed;
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.isOpen()) return;
    const mended: Problem[] = [];
    while (this.pending.length > 0 && this.isOpen()) {
      // Everything not yet sent goes as one update.
      const batch = this.pending.length === 1 ? this.pending : [Y.mergeUpdates(this.pending)];
      const update = batch[0] as Uint8Array;
      const count = this.pending.length;
      this.sending = true;
      try {
        mended.push(...(await this.transport.applyUpdate(this.id, update)));
      } catch (reason) {
        this.sending = false;
        // Keep the unsent updates (merged) and try again later.
        this.pending = [update, ...this.pending.slice(count)];
        this.attempt += 1;
        const delay = (this.options.retryDelay ?? defaultDelay)(this.attempt);
        const message = reason instanceof Error ? reason.message : String(reason);
        this.setState({ kind: "error", message, retryInMs: delay });
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.flush();
        }, delay);
        return;
      }
      this.sending = false;
      this.attempt = 0;
      this.pending = this.pending.slice(count);
    }
    if (this.isOpen()) {
      this.setState(mended.length > 0 ? { kind: "saved", mended } : { kind: "saved" });
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}

function defaultDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** (attempt - 1));
}
