// Generated from crates/server (an update's repairs, the workshop's messages
// and the hosting commands' arguments and answers) by `WAYMARK_BLESS=1
// cargo test -p waymark-server --test bindings`. Do not edit.

import type { Code } from "./bindings";

/**
 * What one participant added in the workshop.
 */
export type Contribution = { name: string, role: Role, notes: number, votes: number, };

/**
 * An address of this machine a workshop can listen on.
 */
export type HostAddress = { ip: string, 
/**
 * The network interface it belongs to (`wlan0`, `eth0`, `lo`).
 */
interface: string, 
/**
 * Reachable from other machines (false for loopback).
 */
lan: boolean, };

/**
 * Where the desktop app hosts a workshop, as the person chose it: both
 * optional (the likeliest LAN address, a free port).
 */
export type HostOptions = { 
/**
 * An IP address of this machine, as typed; blank or absent: the likeliest one.
 */
ip: string | null, port: number | null, };

/**
 * The body of `POST /api/workshop/join`.
 */
export type JoinRequest = { name: string, 
/**
 * A random id the page keeps in this browser: joins from one browser
 * share one vote budget.
 */
browser?: string, };

/**
 * The answer to `POST /api/workshop/join`: the token to send from now on.
 */
export type Joined = { token: string, id: string, name: string, role: Role, colour: string, };

/**
 * One map at a workshop's end.
 */
export type MapOutcome = { id: string, title: string, 
/**
 * The label of the version kept at the end.
 */
version: string, 
/**
 * "2 touchpoints lost their stage in a concurrent edit"; null when
 * nothing is homeless.
 */
homeless: string | null, notes: number, votes: number, 
/**
 * The notes with votes, most votes first (at most ten).
 */
top: Array<TopNote>, };

/**
 * A join refused because the name reads like someone's in the workshop,
 * with a name that would do (`409`).
 */
export type NameTaken = { suggestion: string, code: Code, message: string, };

/**
 * Someone in the workshop, as everyone sees them.
 */
export type Participant = { id: string, name: string, role: Role, 
/**
 * Their cursor's and notes' colour (`#rrggbb`).
 */
colour: string, };

/**
 * One thing wrong with a journey: where (`touchpoints[…].inputs.emotion`)
 * and what, in the user's words.
 */
export type Problem = { path: string, message: string, };

export type Role = "viewer" | "annotator" | "editor";

/**
 * The body of `POST /api/workshop/participants/{id}/role`.
 */
export type RoleRequest = { role: Role, };

/**
 * A note with its votes, in [`MapOutcome::top`].
 */
export type TopNote = { id: string, 
/**
 * `pain_point`, `idea`, `question` or `evidence`.
 */
kind: string, text: string, author: string, votes: number, };

/**
 * The answer of `POST /api/maps/{id}/update` when the update left values
 * the map cannot hold (200; a clean update answers 204 with no body).
 */
export type UpdateRepaired = { 
/**
 * Each value read mended, naming the entity and field.
 */
repaired: Array<Problem>, };

/**
 * The body of `POST /api/workshop/vote`.
 */
export type VoteRequest = { map: string, annotation: string, 
/**
 * +1 casts a dot, −1 takes one back.
 */
delta: number, };

/**
 * What the host's window shows about a workshop.
 */
export type WorkshopInfo = { map: string, 
/**
 * `ip:port` it listens on.
 */
address: string, interface: string, 
/**
 * Other machines can reach it (false: loopback, this computer only).
 */
lan: boolean, 
/**
 * The facilitator's view (the host token: everything allowed).
 */
facilitator_url: string, 
/**
 * The participants' link (the join token), also in the QR code.
 */
join_url: string, 
/**
 * The short code, typed at [`WorkshopInfo::code_url`].
 */
code: string, 
/**
 * The bare address where the short code is typed.
 */
code_url: string, 
/**
 * The join link as a QR code (an `<svg>` element).
 */
qr_svg: string, 
/**
 * People who joined, and connections open now.
 */
participants: number, connections: number, 
/**
 * False once it stopped (the facilitator ended it in their browser).
 */
running: boolean, 
/**
 * Something the host should know (no LAN address was found).
 */
notice: string | null, };

/**
 * The body of `POST /api/workshop/settings`: what to change, the rest as is.
 */
export type WorkshopSettings = { locked?: boolean, 
/**
 * `0` removes the budget.
 */
vote_budget?: number, votes_hidden?: boolean, 
/**
 * Starts a countdown of this many seconds; `0` stops it.
 */
timer_seconds?: number, follow?: boolean, };

/**
 * What ending a workshop saved: each map's kept version and top notes, and
 * who contributed what.
 */
export type WorkshopSummary = { maps: Array<MapOutcome>, participants: Array<Contribution>, };

/**
 * The workshop as one connection may see it: sent on every change as the
 * WebSocket's workshop message and answered by `GET /api/workshop`.
 */
export type WorkshopView = { locked: boolean, vote_budget: number | null, votes_hidden: boolean, 
/**
 * When the facilitator's countdown ends (ms since the epoch).
 */
timer_ends_at: number | null, 
/**
 * The server's clock when it sent this (timers count against it).
 */
now: number, follow: boolean, ended: boolean, 
/**
 * What the end summed up (with `ended`).
 */
summary: WorkshopSummary | null, 
/**
 * The maps participants may open; empty means every map.
 */
maps: Array<string>, participants: Array<Participant>, 
/**
 * Who is asking; null for someone who has not joined yet.
 */
you: You | null, };

/**
 * The connection's own person in [`WorkshopView`].
 */
export type You = { 
/**
 * Null for the facilitator.
 */
id: string | null, name: string, role: Role, colour: string, facilitator: boolean, 
/**
 * Map → note → this person's held-back votes (while votes are hidden).
 */
hidden_votes: { [key in string]: { [key in string]: number } }, };

/** The y-websocket message type carrying a `WorkshopView` (JSON). */
export const WORKSHOP_MESSAGE = 100;

/** The close code when the server refused an update of ours. */
export const CLOSE_REFUSED = 1008;

/** The close code when the workshop ended. */
export const CLOSE_ENDED = 4000;
