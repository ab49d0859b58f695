import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Annotation, JourneyView, Touchpoint } from "../doc/journey";
import { NO_FILTER, boardTable, buildBoard, choices, filterBoard, readVotes } from "./board";
import { scorecard, tpScore } from "./fixture";

function tp(id: string, over: Partial<Touchpoint> = {}): Touchpoint {
  return {
    id,
    stage: "s1",
    lane: "l-tp",
    order: id,
    title: `Touchpoint ${id}`,
    description: "",
    channel: "phone",
    owner: "Contact centre",
    nature: "service",
    moment_of_truth: false,
    evidence: "observed",
    inputs: {},
    ...over,
  };
}

function note(id: string, over: Partial<Annotation>): Annotation {
  return {
    id,
    kind: "idea",
    text: `Note ${id}`,
    author: "",
    created_at: "2026-01-01T00:00:00Z",
    resolved: false,
    target: { kind: "map" },
    ...over,
  };
}

const view: JourneyView = {
  title: "T",
  personas: [],
  primaryPersona: null,
  stages: [
    { id: "s1", order: "a", name: "Report", description: "" },
    { id: "s2", order: "b", name: "Replace", description: "" },
  ],
  lanes: [
    { id: "l-tp", order: "a", name: "Touchpoints", kind: "touchpoints" },
    { id: "l-pain", order: "b", name: "Pain points", kind: "pain_points" },
    { id: "l-opp", order: "c", name: "Opportunities", kind: "opportunities" },
  ],
  touchpoints: [
    tp("a"),
    tp("b", { channel: "app", owner: "Digital", nature: "experience" }),
    tp("c", { lane: "l-pain", stage: "s2", owner: "Cards" }),
    tp("d", { lane: "l-opp", stage: "s2", owner: "Cards", evidence: "proposed" }),
    tp("e"),
  ],
  annotations: [
    note("n1", { kind: "pain_point", target: { kind: "touchpoint", id: "a" } }),
    note("n2", {
      kind: "idea",
      text: "=Offer a virtual card",
      target: { kind: "touchpoint", id: "b" },
    }),
    note("n3", {
      kind: "pain_point",
      text: 'Nobody owns this, "really"',
      target: { kind: "stage", id: "s2" },
    }),
    note("n4", { kind: "idea", resolved: true }),
    note("n5", { kind: "question", target: { kind: "touchpoint", id: "a" } }),
  ],
};

const card = scorecard([
  tpScore("b", { pain_point: true, priority: 12, friction: 70, emotion: -40 }),
  tpScore("a", { pain_point: true, priority: 12, friction: 65, emotion: -30 }),
  tpScore("c", { priority: 3, friction: 20 }),
  tpScore("e", { priority: 1 }),
]);
const votes = new Map([
  ["n1", 4],
  ["n2", 1],
  ["n3", 2],
  ["n5", 9],
]);

describe("buildBoard", () => {
  const board = buildBoard(view, card, votes);

  it("lists scored pain points, pain-lane and opportunity-lane touchpoints and open notes", () => {
    expect(board.map((i) => i.key)).toEqual([
      "pain_point:a",
      "pain_point:b",
      "note:n2",
      "pain_point:c",
      "note:n3",
      "opportunity:d",
    ]);
  });

  it("ranks by priority, then votes, then journey order", () => {
    // a and b tie on priority; a has 4 votes (its pain-point note), b none.
    expect(board.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(board[0]).toMatchObject({
      votes: 4,
      priority: 12,
      stageName: "Report",
      source: "score",
    });
    // The idea on b inherits b's priority, owner and stage; a question's votes never count.
    expect(board[2]).toMatchObject({
      kind: "opportunity",
      owner: "Digital",
      priority: 12,
      votes: 1,
    });
    expect(board[4]).toMatchObject({
      kind: "pain_point",
      touchpoint: null,
      stageName: "Replace",
      votes: 2,
    });
  });

  it("filters by kind, stage, owner, channel and nature", () => {
    const only = (f: Partial<typeof NO_FILTER>) =>
      filterBoard(board, { ...NO_FILTER, ...f }).map((i) => i.key);
    expect(only({ kind: "opportunity" })).toEqual(["note:n2", "opportunity:d"]);
    expect(only({ stage: "s2" })).toEqual(["pain_point:c", "note:n3", "opportunity:d"]);
    expect(only({ owner: "Cards" })).toEqual(["pain_point:c", "opportunity:d"]);
    expect(only({ channel: "app" })).toEqual(["pain_point:b", "note:n2"]);
    expect(only({ nature: "experience" })).toEqual(["pain_point:b", "note:n2"]);
    expect(only({ nature: "service", owner: "Digital" })).toEqual([]);
    expect(choices(board, "owner")).toEqual(["Cards", "Contact centre", "Digital"]);
  });

  it("has no scores to rank by before the first scorecard", () => {
    const early = buildBoard(view, null, votes);
    expect(early.every((i) => i.priority === null)).toBe(true);
    expect(early.map((i) => i.key)).toContain("pain_point:c");
  });
});

describe("boardTable", () => {
  it("gives the CSV writer a header and one row of text cells per item", () => {
    const table = boardTable(buildBoard(view, card, votes));
    expect(table.header.join(",")).toBe(
      "rank,kind,title,stage,owner,channel,nature,evidence,priority,friction,emotion,votes,source",
    );
    expect(table.rows[0]).toEqual([
      "1",
      "pain point",
      "Touchpoint a",
      "Report",
      "Contact centre",
      "phone",
      "service",
      "observed",
      "12",
      "65",
      "-30",
      "4",
      "score",
    ]);
    // Text is passed as typed: quoting and formula neutralising are the
    // Rust writer's, so there is one rule for every CSV.
    expect(table.rows[2]?.[2]).toBe("=Offer a virtual card");
    expect(table.rows[4]?.slice(0, 4)).toEqual([
      "5",
      "pain point",
      'Nobody owns this, "really"',
      "Replace",
    ]);
    expect(table.rows).toHaveLength(6);
  });
});

describe("readVotes", () => {
  it("sums each annotation's dot votes", () => {
    const doc = new Y.Doc();
    const anns = doc.getMap<Y.Map<unknown>>("annotations");
    const a = new Y.Map<unknown>();
    anns.set("x", a);
    const v = new Y.Map<unknown>();
    a.set("votes", v);
    v.set("ana", 2);
    v.set("ben", 1);
    const b = new Y.Map<unknown>();
    anns.set("y", b);
    expect([...readVotes(doc)]).toEqual([["x", 3]]);
  });
});
