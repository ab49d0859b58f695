// The pain-point board: pain points and opportunities in one ranked list,
// with the filters the team triages by, and its CSV.

import * as Y from "yjs";
import type { CsvTable, Scorecard, TouchpointScore } from "../backend";
import type { Evidence, JourneyView, Nature, Touchpoint } from "../doc/journey";

export type ItemKind = "pain_point" | "opportunity";

export interface BoardItem {
  key: string;
  kind: ItemKind;
  /** Why it is on the board: its scores, the lane it sits in, or a team note. */
  source: "score" | "lane" | "note";
  title: string;
  /** The touchpoint a click selects, if any. */
  touchpoint: string | null;
  stage: string | null;
  stageName: string;
  owner: string;
  channel: string;
  nature: Nature | null;
  evidence: Evidence | null;
  priority: number | null;
  friction: number | null;
  emotion: number | null;
  votes: number;
  /** 1-based, over the whole board. */
  rank: number;
}

/** Dot votes per annotation id (`annotations[id].votes`, a map of name → count). */
export function readVotes(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  doc.getMap<unknown>("annotations").forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const votes: unknown = m.get("votes");
    const entries =
      votes instanceof Y.Map
        ? [...(votes as Y.Map<unknown>).values()]
        : typeof votes === "object" && votes !== null
          ? Object.values(votes)
          : [];
    const total = entries.reduce<number>(
      (sum, v) => sum + (typeof v === "number" && v > 0 ? v : 0),
      0,
    );
    if (total > 0) out.set(id, total);
  });
  return out;
}

/** Builds the ranked board from the map and its scorecard. */
export function buildBoard(
  view: JourneyView,
  card: Scorecard | null,
  votes: Map<string, number>,
): BoardItem[] {
  const scores = new Map<string, TouchpointScore>((card?.touchpoints ?? []).map((t) => [t.id, t]));
  const stageName = new Map(view.stages.map((s) => [s.id, s.name]));
  const laneKind = new Map(view.lanes.map((l) => [l.id, l.kind]));
  const tps = new Map(view.touchpoints.map((t) => [t.id, t]));
  const journeyOrder = new Map(view.touchpoints.map((t, i) => [t.id, i]));
  const open = view.annotations.filter((a) => !a.resolved && a.kind !== "question");
  const votesOn = new Map<string, number>();
  for (const a of open) {
    if (a.target.kind === "touchpoint")
      votesOn.set(a.target.id, (votesOn.get(a.target.id) ?? 0) + (votes.get(a.id) ?? 0));
  }

  const fromTouchpoint = (
    tp: Touchpoint,
    kind: ItemKind,
    source: BoardItem["source"],
  ): Omit<BoardItem, "rank"> => {
    const s = scores.get(tp.id);
    return {
      key: `${kind}:${tp.id}`,
      kind,
      source,
      title: tp.title,
      touchpoint: tp.id,
      stage: tp.stage,
      stageName: stageName.get(tp.stage) ?? "",
      owner: tp.owner.trim(),
      channel: tp.channel.trim(),
      nature: tp.nature,
      evidence: tp.evidence,
      priority: s?.priority ?? null,
      friction: s?.friction ?? null,
      emotion: s?.emotion ?? null,
      votes: votesOn.get(tp.id) ?? 0,
    };
  };

  const items: (Omit<BoardItem, "rank"> & { order: number })[] = [];
  for (const tp of view.touchpoints) {
    const order = journeyOrder.get(tp.id) ?? 0;
    const kind = laneKind.get(tp.lane);
    if (scores.get(tp.id)?.pain_point)
      items.push({ ...fromTouchpoint(tp, "pain_point", "score"), order });
    else if (kind === "pain_points")
      items.push({ ...fromTouchpoint(tp, "pain_point", "lane"), order });
    if (kind === "opportunities")
      items.push({ ...fromTouchpoint(tp, "opportunity", "lane"), order });
  }
  // Team notes: ideas are opportunities; pain-point notes about a stage or
  // the whole map are pain points of their own (those on a touchpoint add
  // their votes to it instead).
  for (const a of open) {
    const kind: ItemKind | null =
      a.kind === "idea"
        ? "opportunity"
        : a.kind === "pain_point" && a.target.kind !== "touchpoint"
          ? "pain_point"
          : null;
    if (!kind) continue;
    const tp = a.target.kind === "touchpoint" ? tps.get(a.target.id) : undefined;
    const stage = tp ? tp.stage : a.target.kind === "stage" ? a.target.id : null;
    const base = tp ? fromTouchpoint(tp, kind, "note") : null;
    items.push({
      key: `note:${a.id}`,
      kind,
      source: "note",
      title: a.text.trim() || "(empty note)",
      touchpoint: tp?.id ?? null,
      stage,
      stageName: stage ? (stageName.get(stage) ?? "") : "",
      owner: base?.owner ?? "",
      channel: base?.channel ?? "",
      nature: base?.nature ?? null,
      evidence: base?.evidence ?? null,
      priority: base?.priority ?? null,
      friction: base?.friction ?? null,
      emotion: base?.emotion ?? null,
      votes: votes.get(a.id) ?? 0,
      order: tp ? (journeyOrder.get(tp.id) ?? 0) : Number.MAX_SAFE_INTEGER,
    });
  }
  items.sort(rankOrder);
  return items.map((item, i) => {
    const rest: Omit<typeof item, "order"> & { order?: number } = { ...item };
    delete rest.order;
    return { ...rest, rank: i + 1 };
  });
}

/** Highest priority first (none last), then most votes, then journey order. */
function rankOrder(
  a: { priority: number | null; votes: number; order: number },
  b: { priority: number | null; votes: number; order: number },
): number {
  const pa = a.priority ?? -1;
  const pb = b.priority ?? -1;
  if (pa !== pb) return pb - pa;
  if (a.votes !== b.votes) return b.votes - a.votes;
  return a.order - b.order;
}

export interface BoardFilter {
  kind: ItemKind | "";
  stage: string;
  owner: string;
  channel: string;
  nature: Nature | "";
}

export const NO_FILTER: BoardFilter = { kind: "", stage: "", owner: "", channel: "", nature: "" };

export function filterBoard(items: BoardItem[], f: BoardFilter): BoardItem[] {
  return items.filter(
    (it) =>
      (!f.kind || it.kind === f.kind) &&
      (!f.stage || it.stage === f.stage) &&
      (!f.owner || it.owner === f.owner) &&
      (!f.channel || it.channel === f.channel) &&
      (!f.nature || it.nature === f.nature),
  );
}

/** The distinct non-empty values of a field, sorted, for a filter's choices. */
export function choices(items: BoardItem[], field: "owner" | "channel"): string[] {
  return [...new Set(items.map((i) => i[field]).filter((v) => v !== ""))].sort((a, b) =>
    a.localeCompare(b),
  );
}

const KIND_LABEL: Record<ItemKind, string> = {
  pain_point: "pain point",
  opportunity: "opportunity",
};

export function kindLabel(kind: ItemKind): string {
  return KIND_LABEL[kind];
}

/** One cell as text; numbers rounded to two decimals. Quoting and the
 * neutralising of formula-like text are the CSV writer's (Rust). */
function cell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(Math.round(v * 100) / 100);
  return v;
}

export const CSV_COLUMNS = [
  "rank",
  "kind",
  "title",
  "stage",
  "owner",
  "channel",
  "nature",
  "evidence",
  "priority",
  "friction",
  "emotion",
  "votes",
  "source",
] as const;

/** The board (as filtered) as a table for the CSV writer, one row per item
 * in rank order. */
export function boardTable(items: BoardItem[]): CsvTable {
  const rows = items.map((it) =>
    [
      it.rank,
      kindLabel(it.kind),
      it.title,
      it.stageName,
      it.owner,
      it.channel,
      it.nature ?? "",
      it.evidence ?? "",
      it.priority,
      it.friction,
      it.emotion,
      it.votes,
      it.source,
    ].map(cell),
  );
  return { header: [...CSV_COLUMNS], rows };
}
