// The report dialog remembers its last choices per map (in this window's
// local storage): page size, sections, company, version label, logo path.

import type { PageSize, ReportSection } from "../backend";

export const SECTIONS: { id: ReportSection; label: string }[] = [
  { id: "summary", label: "Executive summary" },
  { id: "map", label: "The journey map" },
  { id: "stages", label: "Stage heat table" },
  { id: "pain-points", label: "Pain points and opportunities" },
  { id: "appendix", label: "Appendix" },
];

export const PAGE_SIZES: { id: PageSize; label: string }[] = [
  { id: "a4", label: "A4" },
  { id: "a3", label: "A3" },
  { id: "letter", label: "US Letter" },
  { id: "tabloid", label: "Tabloid" },
];

export interface ReportChoices {
  pageSize: PageSize;
  sections: ReportSection[];
  company: string;
  versionLabel: string;
  logoPath: string;
  path: string;
}

export function defaults(fileName: string): ReportChoices {
  return {
    pageSize: "a4",
    sections: SECTIONS.map((s) => s.id),
    company: "",
    versionLabel: "",
    logoPath: "",
    path: fileName,
  };
}

const key = (id: string) => `waymark.report.${id}`;

/** The last choices for this map, over the defaults; bad stored data is ignored. */
export function load(
  storage: Pick<Storage, "getItem">,
  id: string,
  fileName: string,
): ReportChoices {
  const base = defaults(fileName);
  try {
    const raw = storage.getItem(key(id));
    if (!raw) return base;
    const saved = JSON.parse(raw) as Partial<ReportChoices>;
    const sizes = PAGE_SIZES.map((p) => p.id);
    const ids = SECTIONS.map((s) => s.id);
    return {
      pageSize: sizes.includes(saved.pageSize as PageSize)
        ? (saved.pageSize as PageSize)
        : base.pageSize,
      sections: Array.isArray(saved.sections)
        ? ids.filter((s) => (saved.sections as string[]).includes(s))
        : base.sections,
      company: typeof saved.company === "string" ? saved.company : "",
      versionLabel: typeof saved.versionLabel === "string" ? saved.versionLabel : "",
      logoPath: typeof saved.logoPath === "string" ? saved.logoPath : "",
      path: typeof saved.path === "string" && saved.path ? saved.path : base.path,
    };
  } catch {
    return base;
  }
}

export function store(storage: Pick<Storage, "setItem">, id: string, c: ReportChoices): void {
  try {
    storage.setItem(key(id), JSON.stringify(c));
  } catch {
    // Storage full or disabled: the dialog still works, it just forgets.
  }
}
