/**
 * The workshop routes of `waymark serve` (crates/server/src/workshop.rs).
 * A participant sends the token they got at join as a bearer token; the
 * facilitator's page carries the host token in its cookie.
 */

import type { MapSummary } from "../backend";

export type Role = "viewer" | "annotator" | "editor";

export interface Participant {
  id: string;
  name: string;
  role: Role;
  colour: string;
}

export interface WorkshopState {
  locked: boolean;
  vote_budget: number | null;
  votes_hidden: boolean;
  timer_ends_at: number | null;
  /** The server's clock when it sent this (timers count against it). */
  now: number;
  follow: boolean;
  ended: boolean;
  /** What the end summed up (with `ended`). */
  summary: Summary | null;
  maps: string[];
  participants: Participant[];
  you: {
    id: string | null;
    name: string;
    role: Role;
    colour: string;
    facilitator: boolean;
    /** Map → note → this person's held-back votes (while votes are hidden). */
    hidden_votes: Record<string, Record<string, number>>;
  } | null;
}

export interface Joined {
  token: string;
  id: string;
  name: string;
  role: Role;
  colour: string;
}

const TOKEN_KEY = "waymark.workshop.token";
const BROWSER_KEY = "waymark.workshop.browser";

/**
 * A random id this browser keeps for good (not cleared on leaving): every
 * join from it shares one vote budget on the server.
 */
export function browserId(): string {
  let id = localStorage.getItem(BROWSER_KEY);
  if (!id) {
    // randomUUID needs a secure context; a workshop is plain HTTP on the LAN.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(BROWSER_KEY, id);
  }
  return id;
}

/** The participant token this browser joined with (kept across reloads). */
export function savedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

async function call<T>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(path, init);
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const e = (await res.json()) as { message?: string };
      if (e.message) message = e.message;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new Error(message);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export class WorkshopApi {
  constructor(readonly token: string | null) {}

  static join(name: string): Promise<Joined> {
    return call<Joined>(null, "POST", "/api/workshop/join", { name, browser: browserId() });
  }

  state(): Promise<WorkshopState> {
    return call<WorkshopState>(this.token, "GET", "/api/workshop");
  }

  /** The workshop's maps: the table's `list_maps`, which a participant may call. */
  maps(): Promise<MapSummary[]> {
    return call(this.token, "POST", "/api/rpc/list_maps", {});
  }

  vote(map: string, annotation: string, delta: 1 | -1): Promise<void> {
    return call(this.token, "POST", "/api/workshop/vote", { map, annotation, delta });
  }

  settings(s: {
    locked?: boolean;
    vote_budget?: number;
    votes_hidden?: boolean;
    timer_seconds?: number;
    follow?: boolean;
  }): Promise<WorkshopState> {
    return call(this.token, "POST", "/api/workshop/settings", s);
  }

  setRole(id: string, role: Role): Promise<void> {
    return call(this.token, "POST", `/api/workshop/participants/${encodeURIComponent(id)}/role`, {
      role,
    });
  }

  reveal(): Promise<void> {
    return call(this.token, "POST", "/api/workshop/reveal");
  }

  end(): Promise<Summary> {
    return call(this.token, "POST", "/api/workshop/end");
  }
}

export interface Summary {
  maps: {
    id: string;
    title: string;
    version: string;
    /** "2 touchpoints lost their stage in a concurrent edit", or null. */
    homeless: string | null;
    notes: number;
    votes: number;
    top: { id: string; kind: string; text: string; author: string; votes: number }[];
  }[];
  participants: { name: string; role: Role; notes: number; votes: number }[];
}
