/**
 * The workshop routes of `waymark serve` (crates/server/src/workshop/).
 * A participant sends the token they got at join as a bearer token; the
 * facilitator's page carries the host token in its cookie.
 */

import type { MapSummary } from "../backend";
import type {
  JoinRequest,
  Joined,
  Role,
  RoleRequest,
  VoteRequest,
  WorkshopSettings,
  WorkshopSummary,
  WorkshopView,
} from "../generated/workshop";

// The shapes are the server's (crates/server/src/workshop/messages.rs), generated.
export type {
  Joined,
  Participant,
  Role,
  WorkshopSummary,
  WorkshopView,
} from "../generated/workshop";

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
    const body: JoinRequest = { name, browser: browserId() };
    return call<Joined>(null, "POST", "/api/workshop/join", body);
  }

  state(): Promise<WorkshopView> {
    return call<WorkshopView>(this.token, "GET", "/api/workshop");
  }

  /** The workshop's maps: the table's `list_maps`, which a participant may call. */
  maps(): Promise<MapSummary[]> {
    return call(this.token, "POST", "/api/rpc/list_maps", {});
  }

  vote(map: string, annotation: string, delta: 1 | -1): Promise<void> {
    const body: VoteRequest = { map, annotation, delta };
    return call(this.token, "POST", "/api/workshop/vote", body);
  }

  settings(s: WorkshopSettings): Promise<WorkshopView> {
    return call(this.token, "POST", "/api/workshop/settings", s);
  }

  setRole(id: string, role: Role): Promise<void> {
    const body: RoleRequest = { role };
    return call(
      this.token,
      "POST",
      `/api/workshop/participants/${encodeURIComponent(id)}/role`,
      body,
    );
  }

  reveal(): Promise<void> {
    return call(this.token, "POST", "/api/workshop/reveal");
  }

  end(): Promise<WorkshopSummary> {
    return call(this.token, "POST", "/api/workshop/end");
  }
}
