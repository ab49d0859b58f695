// The report and deck dialogs remember their last choices per map (in this
// window's local storage): page size, sections, company, version label, logo
// path, file. A deck first opened takes the company, version label and logo
// from the report's choices.

import type { DeckSection, PageSize, ReportSection } from "../backend";

/** What the export dialog writes: the PDF report or the PowerPoint deck. */
export type ExportKind = "report" | "deck";

export const SECTIONS: { id: ReportSection; label: string }[] = [
  { id: "summary", label: "Executive summary" },
  { id: "map", label: "The journey map" },
  { id: "stages", label: "Stage heat table" },
  { id: "pain-points", label: "Pain points and opportunities" },
  { id: "appendix", label: "Appendix" },
];

export const DECK_SECTIONS: { id: DeckSection; label: string }[] = [
  { id: "title", label: "Title slide" },
  { id: "summary", label: "What to fix first" },
  { id: "map", label: "The journey map" },
  { id: "stages", label: "A slide per stage" },
  { id: "pain-points", label: "Pain points and opportunities" },
  { id: "trends", label: "Trends (once the map has survey waves)" },
];

/** The section ids a kind of export offers, in order. */
export function sectionIds(kind: ExportKind): string[] {
  return (kind === "deck" ? DECK_SECTIONS : SECTIONS).map((s) => s.id);
}

export const PAGE_SIZES: { id: PageSize; label: string }[] = [
  { id: "a4", label: "A4" },
  { id: "a3", label: "A3" },
  { id: "letter", label: "US Letter" },
  { id: "tabloid", label: "Tabloid" },
];

export interface ReportChoices {
  pageSize: PageSize;
  /** Report sections, or deck sections for a deck. */
  sections: string[];
  company: string;
  versionLabel: string;
  logoPath: string;
  path: string;
}

export function defaults(fileName: string, kind: ExportKind = "report"): ReportChoices {
  return {
    pageSize: "a4",
    sections: sectionIds(kind),
    company: "",
    versionLabel: "",
    logoPath: "",
    path: fileName,
  };
}

const key = (id: string, kind: ExportKind) => `waymark.${kind}.${id}`;

function saved(storage: Pick<Storage, "getItem">, id: string, kind: ExportKind) {
  const raw = storage.getItem(key(id, kind));
  return raw ? (JSON.parse(raw) as Partial<ReportChoices>) : null;
}

/** The last choices for this map, over the defaults; bad stored data is ignored. */
export function load(
  storage: Pick<Storage, "getItem">,
  id: string,
  fileName: string,
  kind: ExportKind = "report",
): ReportChoices {
  const base = defaults(fileName, kind);
  try {
    let mine = saved(storage, id, kind);
    if (!mine && kind === "deck") {
      const report = saved(storage, id, "report");
      if (report) {
        const { company, versionLabel, logoPath } = report;
        mine = {};
        if (company !== undefined) mine.company = company;
        if (versionLabel !== undefined) mine.versionLabel = versionLabel;
        if (logoPath !== undefined) mine.logoPath = logoPath;
      }
    }
    if (!mine) return base;
    const sizes = PAGE_SIZES.map((p) => p.id);
    const ids = sectionIds(kind);
    return {
      pageSize: sizes.includes(mine.pageSize as PageSize)
        ? (mine.pageSize as PageSize)
        : base.pageSize,
      sections: Array.isArray(mine.sections)
        ? ids.filter((s) => (mine.sections as string[]).includes(s))
        : base.sections,
      company: typeof mine.company === "string" ? mine.company : "",
      versionLabel: typeof mine.versionLabel === "string" ? mine.versionLabel : "",
      logoPath: typeof mine.logoPath === "string" ? mine.logoPath : "",
      path: typeof mine.path === "string" && mine.path ? mine.path : base.path,
    };
  } catch {
    return base;
  }
}

export function store(
  storage: Pick<Storage, "setItem">,
  id: string,
  c: ReportChoices,
  kind: ExportKind = "report",
): void {
  try {
    storage.setItem(key(id, kind), JSON.stringify(c));
  } catch {
    // Storage full or disabled: the dialog still works, it just forgets.
  }
}
