// The trend views' geometry and words: a KPI's values per survey wave as a
// sparkline (cards, stage headers) and as a chart with 95% whiskers and the
// target line (the trend panel). Figures, intervals, changes and target
// status come from Rust (`map_trend`); this only places and names them.

import type {
  Change,
  Figures,
  KpiTarget,
  TargetCheck,
  TargetStatus,
  Trend,
} from "../generated/bindings";
import { TARGET_KPIS } from "../generated/schema";

export type TrendMetric = "nps" | "csat" | "ces5" | "ces7";

export const METRIC_LABELS: Record<TrendMetric, string> = {
  nps: "NPS",
  csat: "CSAT %",
  ces5: "CES (1–5)",
  ces7: "CES (1–7)",
};

/** The axis of each metric: its whole range, so waves compare by eye. */
export const METRIC_RANGE: Record<TrendMetric, [number, number]> = {
  nps: [-100, 100],
  csat: [0, 100],
  ces5: [1, 5],
  ces7: [1, 7],
};

/** A metric's value and 95% interval in one wave's figures. */
export function valueOf(
  f: Figures | undefined,
  m: TrendMetric,
): { v: number | null; ci: [number, number] | null } {
  if (!f) return { v: null, ci: null };
  switch (m) {
    case "nps":
      return { v: f.nps, ci: f.nps_ci };
    case "csat":
      return { v: f.csat, ci: f.csat_ci };
    case "ces5":
      return { v: f.ces5, ci: f.ces5_ci };
    case "ces7":
      return { v: f.ces7, ci: f.ces7_ci };
  }
}

/** The figures of the journey (`part` null), a stage or a touchpoint, one per wave. */
export function series(trend: Trend | null, part: string | null): (Figures | undefined)[] {
  return (trend?.waves ?? []).map((w) => {
    if (part === null) return w.journey;
    return w.touchpoints.find((t) => t.id === part) ?? w.stages.find((s) => s.id === part);
  });
}

/** The first metric measured in any wave (NPS, then CSAT, then CES), or null. */
export function pickMetric(figs: (Figures | undefined)[]): TrendMetric | null {
  for (const m of ["nps", "csat", "ces5", "ces7"] as const) {
    if (figs.some((f) => valueOf(f, m).v !== null)) return m;
  }
  return null;
}

export interface Spark {
  /** SVG path of the line; a wave without a value breaks it. */
  path: string;
  /** One dot per measured wave. */
  points: { x: number; y: number; v: number }[];
}

/** `values` (one per wave) drawn in a w×h box at (x, y), on `range`. */
export function sparkline(
  values: (number | null)[],
  [lo, hi]: [number, number],
  x: number,
  y: number,
  w: number,
  h: number,
): Spark {
  const n = values.length;
  const xAt = (i: number) => (n <= 1 ? x + w / 2 : x + (w * i) / (n - 1));
  const yAt = (v: number) => y + h * ((hi - Math.min(hi, Math.max(lo, v))) / (hi - lo));
  const points: Spark["points"] = [];
  let path = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const p = { x: round(xAt(i)), y: round(yAt(v)), v };
    points.push(p);
    path += `${pen ? "L" : "M"}${p.x} ${p.y}`;
    pen = true;
  });
  return { path, points };
}

export interface ChartColumn {
  label: string;
  x: number;
  v: number | null;
  /** The value's y, and the interval's top and bottom. */
  y: number | null;
  whisker: { top: number; bottom: number } | null;
  n: number;
}

export interface Chart {
  columns: ChartColumn[];
  /** y of the target line, when there is one on this metric. */
  targetY: number | null;
  /** Gridlines: value and y. */
  grid: { v: number; y: number }[];
}

/** The trend panel's chart: a column per wave in a w×h plot at (x, y). */
export function chart(
  trend: Trend | null,
  figs: (Figures | undefined)[],
  m: TrendMetric,
  target: KpiTarget | null,
  x: number,
  y: number,
  w: number,
  h: number,
): Chart {
  const [lo, hi] = METRIC_RANGE[m];
  const yAt = (v: number) => round(y + h * ((hi - Math.min(hi, Math.max(lo, v))) / (hi - lo)));
  const waves = trend?.waves ?? [];
  const col = waves.length ? w / waves.length : w;
  const columns = waves.map((wv, i) => {
    const { v, ci } = valueOf(figs[i], m);
    const f = figs[i];
    return {
      label: wv.label,
      x: round(x + col * (i + 0.5)),
      v,
      y: v === null ? null : yAt(v),
      whisker: ci ? { top: yAt(ci[1]), bottom: yAt(ci[0]) } : null,
      n: f ? (m === "nps" ? f.nps_n : m === "csat" ? f.csat_n : f.n) : 0,
    };
  });
  const grid = [lo, (lo + hi) / 2, hi].map((v) => ({ v, y: yAt(v) }));
  return { columns, targetY: target ? yAt(target.value) : null, grid };
}

/** The target on the chart's metric: CES targets apply to whichever CES scale was answered. */
export function targetFor(
  f: Figures | undefined,
  m: TrendMetric,
): { target: KpiTarget; status: TargetStatus } | null {
  const kpi = m === "ces5" || m === "ces7" ? "ces" : m;
  const c = f?.targets.find((t) => t.kpi === kpi);
  return c ? { target: c.target, status: c.status } : null;
}

/** The Rust rule's verdict in words. */
export function changeWords(c: Change | undefined): string {
  switch (c) {
    case "rose":
      return "rose beyond noise";
    case "fell":
      return "fell beyond noise";
    case "within_noise":
      return "within noise";
    default:
      return "not measured";
  }
}

export const STATUS_WORDS: Record<TargetStatus, string> = {
  met: "met",
  not_met: "not met",
  not_measured: "not measured",
};

/** "≥ 30", "≤ 2.5". */
export function targetText(t: KpiTarget): string {
  return `${t.direction === "at_least" ? "≥" : "≤"} ${t.value}`;
}

/** "NPS ≥ 30: met (34)", as the CLI and the PDF say it. */
export function targetSentence(c: TargetCheck): string {
  const digits = c.kpi === "ces" ? 1 : 0;
  const value = c.value === null ? "" : ` (${c.value.toFixed(digits)})`;
  return `${TARGET_KPIS[c.kpi].label} ${targetText(c.target)}: ${STATUS_WORDS[c.status]}${value}`;
}

/** One mark for several targets: not met when any is, else not measured
 * when any is, else met; `null` without targets. */
export function overallStatus(checks: readonly TargetCheck[]): TargetStatus | null {
  if (checks.length === 0) return null;
  if (checks.some((c) => c.status === "not_met")) return "not_met";
  if (checks.some((c) => c.status === "not_measured")) return "not_measured";
  return "met";
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
