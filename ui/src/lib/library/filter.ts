import type { MapSummary } from "../backend";

/** Lower-case, accents removed: "Évaluation" matches "evaluation". */
function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The maps matching `query`: every word of it appears in the map's title or
 * persona (any order, any case, accents ignored). An empty query keeps all.
 */
export function filterMaps(maps: MapSummary[], query: string): MapSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return maps;
  return maps.filter((m) => {
    const text = fold(`${m.title} ${m.persona ?? ""}`);
    return words.every((w) => text.includes(w));
  });
}

/** The `n` most recently opened maps, latest first, each once. */
export function recentMaps(maps: MapSummary[], n: number): MapSummary[] {
  const seen = new Set<string>();
  return maps
    .filter((m): m is MapSummary & { opened_at: string } => !!m.opened_at)
    .sort((a, b) => b.opened_at.localeCompare(a.opened_at))
    .filter((m) => !seen.has(m.id) && !!seen.add(m.id))
    .slice(0, n);
}
