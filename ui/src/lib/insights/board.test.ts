// The board's filters and CSV table on the board Rust makes
// (`ui/src/lib/generated/fixtures/board.json`, written by
// `crates/score/src/board/tests.rs`): the rules themselves are Rust's.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Board } from "../backend";
import { NO_FILTER, boardTable, choices, filterBoard, kindLabel } from "./board";

const board = JSON.parse(
  readFileSync(new URL("../generated/fixtures/board.json", import.meta.url), "utf8"),
) as Board;
const items = board.items;
const id = (n: string) => `00000000-0000-0000-0000-0000000000${n.padStart(2, "0")}`;
const keyOf = (title: string) => items.find((i) => i.title === title)?.key;

describe("the board from Rust", () => {
  it("is ranked, with pain points and opportunities from scores, lanes and notes", () => {
    expect(items.map((i) => i.rank)).toEqual(items.map((_, i) => i + 1));
    expect(new Set(items.map((i) => i.source))).toEqual(new Set(["score", "lane", "note"]));
    expect(items.map((i) => kindLabel(i.kind))).toContain("opportunity");
  });

  it("lists a touchpoint carrying an open pain-point note, with the note's votes", () => {
    const e = items.find((i) => i.key === `pain_point:${id("0e")}`);
    expect(e).toMatchObject({
      kind: "pain_point",
      source: "note",
      title: "Touchpoint e",
      touchpoint: id("0e"),
      note: id("07"),
      votes: 3,
      priority: 8,
    });
    expect(
      filterBoard(items, { ...NO_FILTER, owner: "Contact centre" }).map((i) => i.title),
    ).toEqual(["Touchpoint a", "Touchpoint e"]);
  });

  it("filters by kind, stage, owner, channel and nature", () => {
    const only = (f: Partial<typeof NO_FILTER>) =>
      filterBoard(items, { ...NO_FILTER, ...f }).map((i) => i.title);
    expect(only({})).toHaveLength(items.length);
    expect(only({ kind: "opportunity" })).toEqual(["=Offer a virtual card", "Touchpoint d"]);
    expect(only({ stage: id("52") })).toEqual([
      "Touchpoint c",
      'Nobody owns this, "really"',
      "Touchpoint d",
    ]);
    expect(only({ owner: "Cards" })).toEqual(["Touchpoint c", "Touchpoint d"]);
    expect(only({ channel: "app" })).toEqual(["Touchpoint b", "=Offer a virtual card"]);
    expect(only({ nature: "experience" })).toEqual(["Touchpoint b", "=Offer a virtual card"]);
    expect(only({ nature: "service", owner: "Digital" })).toEqual([]);
    expect(choices(items, "owner")).toEqual(["Cards", "Contact centre", "Digital"]);
  });

  it("exports the shown items with Rust's header and cells", () => {
    const shown = filterBoard(items, { ...NO_FILTER, kind: "pain_point" });
    const table = boardTable(board, shown);
    expect(table.header.join(",")).toBe(
      "rank,kind,title,stage,owner,channel,nature,evidence,priority,friction,emotion,votes,source",
    );
    expect(table.rows).toHaveLength(shown.length);
    expect(table.rows[0]).toEqual([
      "1",
      "pain point",
      "Touchpoint a",
      "Report",
      "Contact centre",
      "phone",
      "service",
      "observed",
      "100",
      "65",
      "-30",
      "4",
      "score",
    ]);
    // Text is passed as typed: quoting and formula neutralising are the
    // Rust writer's, so there is one rule for every CSV.
    expect(boardTable(board, items).rows[2]?.[2]).toBe("=Offer a virtual card");
    expect(keyOf("Touchpoint a")).toBe(`pain_point:${id("0a")}`);
  });
});
