// The pain-point board's presentation: its filters, their choices and the
// table of what is shown for the CSV writer. What is on the board, its
// order and its votes are the backend's (`waymark_score::board`, the same
// board as the PDF and `waymark board`); Board.svelte fetches it live.

import type { BoardItem, BoardItemKind, Board, CsvTable } from "../backend";
import type { Nature } from "../doc/journey";

export type { BoardItem };
export type ItemKind = BoardItemKind;

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

/** The items shown as a table for the CSV writer: the board's own header
 * and rows (the cells `waymark board --csv` writes), in rank order. */
export function boardTable(board: Board, shown: BoardItem[]): CsvTable {
  return { header: [...board.csv_header], rows: shown.map((it) => [...it.csv_row]) };
}
