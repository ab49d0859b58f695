// Words and number formats for a score's explanation.

import type { ExplainedResponse, Factor, FactorSource, MissingFactor } from "../backend";

export const FACTOR_LABELS: Record<string, string> = {
  survey_effort: "Survey effort (CES)",
  repeat_contact: "Repeat contact",
  handoffs: "Hand-offs",
  wait: "Wait",
  errors: "Errors / drop-off",
  extra_steps: "Extra steps",
  designer_severity: "Designer's severity",
  survey_net: "Survey net sentiment",
  comment_sentiment: "Comment sentiment",
  designer_rating: "Designer's rating",
};

export const SOURCE_LABELS: Record<FactorSource, string> = {
  survey: "survey",
  comments: "comments",
  operations: "operations",
  designer: "designer",
};

export function factorLabel(f: Factor): string {
  return label(f.factor);
}

/** A number with at most `digits` decimals, a real minus sign, no "-0". */
export function fixed(v: number, digits = 1): string {
  let s = v.toFixed(digits);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  if (s === "-0") s = "0";
  return s.replace(/^-/, "−");
}

function minutes(m: number): string {
  if (m >= 2 * 1440) return `${fixed(m / 1440)} days`;
  if (m >= 120) return `${fixed(m / 60)} h`;
  return `${fixed(m)} min`;
}

/** The factor's input as measured, in its own unit. */
export function rawText(f: Factor): string {
  const r = f.raw;
  switch (f.factor) {
    case "survey_effort":
      return `mean ${fixed(r, 2)}`;
    case "repeat_contact":
      return `FCR ${fixed(r * 100, 0)}%`;
    case "handoffs":
      return `${fixed(r, 0)} hand-off${r === 1 ? "" : "s"}`;
    case "wait":
      return minutes(r);
    case "errors":
      return `${fixed(r * 100, 1)}%`;
    case "extra_steps":
      return `${fixed(r, 0)} steps`;
    case "designer_severity":
      return `${fixed(r, 0)} / 4`;
    case "survey_net":
      return `net ${fixed(r * 100, 0)}%`;
    case "comment_sentiment":
      return `compound ${fixed(r, 3)}`;
    case "designer_rating":
      return `${r > 0 ? "+" : ""}${fixed(r, 0)} of ±2`;
    default:
      return fixed(r, 2);
  }
}

/** Points with their sign: "+12.5", "−50". */
export function points(v: number): string {
  const s = fixed(v, 1);
  return v > 0 && s !== "0" ? `+${s}` : s;
}

/** The sum of a score's factor points (what the score is, to rounding). */
export function pointsTotal(factors: Factor[], kind: Factor["score"]): number {
  return factors.filter((f) => f.score === kind).reduce((a, f) => a + f.points, 0);
}

export type Tone = "negative" | "neutral" | "positive";

/** VADER's own cut-offs: ≤ −0.05 negative, ≥ 0.05 positive. */
export function tone(compound: number): Tone {
  return compound <= -0.05 ? "negative" : compound >= 0.05 ? "positive" : "neutral";
}

const SCALE_LABEL: Record<ExplainedResponse["scale"], string> = {
  nps: "NPS",
  csat: "CSAT",
  ces5: "CES (1–5)",
  ces7: "CES (1–7)",
  emotion: "Emotion",
};

export function answerText(r: ExplainedResponse): string {
  const v = r.scale === "emotion" && r.value > 0 ? `+${fixed(r.value, 1)}` : fixed(r.value, 1);
  return `${SCALE_LABEL[r.scale]} ${v}`;
}

/** Which factors were not measured and who took over their weight, in
 * words: each measured factor's share grew in proportion to its weight;
 * with nothing measured, the designer's severity stands in. Empty when
 * nothing is missing. */
export function missingText(
  missing: MissingFactor[],
  kind: Factor["score"],
  present: Factor[],
): string {
  const gone = missing.filter((m) => m.score === kind);
  if (gone.length === 0 || present.length === 0) return "";
  const names = gone.map((m) => `${label(m.factor)} (${fixed(m.weight, 2)})`).join(", ");
  if (present.length === 1 && present[0]?.factor === "designer_severity") {
    return `Nothing measured (${names}): the designer's severity stands in for the whole score.`;
  }
  const took = present.map((f) => `${label(f.factor)} ${fixed(f.share * 100, 0)}%`).join(", ");
  return `Not measured: ${names}. Their weight is shared by the factors measured, in proportion to their own weights: ${took}.`;
}

function label(factor: string): string {
  return FACTOR_LABELS[factor] ?? factor.replace(/_/g, " ");
}
