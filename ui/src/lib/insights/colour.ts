// Colour scales for the canvas overlays. Friction uses viridis (perceptually
// uniform, readable with every common colour-vision deficiency and in grey),
// reversed so that more friction is darker; emotion uses the diverging,
// colour-blind-safe PuOr scheme the PDF report uses (orange negative,
// purple positive), made continuous.

/** Viridis at t = 0, 0.1, …, 1 (matplotlib's published values). */
const VIRIDIS = [
  "#440154",
  "#482475",
  "#414487",
  "#355f8d",
  "#2a788e",
  "#21918c",
  "#22a884",
  "#44bf70",
  "#7ad151",
  "#bddf26",
  "#fde725",
];

/** PuOr from −100 to +100 in five steps. */
const PUOR = ["#b35806", "#f1a340", "#f7f7f7", "#998ec3", "#542788"];

/** The colour of a card with no score. */
export const NO_DATA = "#e4e6ea";

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex([r, g, b]: Rgb): string {
  return "#" + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("");
}

/** The colour at `t` (0..1) along evenly spaced stops. */
function along(stops: readonly string[], t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = parse(stops[i] as string);
  const b = parse(stops[i + 1] as string);
  const f = x - i;
  return hex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** Friction 0–100 → colour: 0 is viridis' light yellow, 100 its dark purple. */
export function frictionColour(friction: number | null | undefined): string {
  if (friction === null || friction === undefined || !Number.isFinite(friction)) return NO_DATA;
  return along(VIRIDIS, 1 - friction / 100);
}

/** Emotion −100..100 → colour: orange negative, light grey neutral, purple positive. */
export function emotionColour(emotion: number | null | undefined): string {
  if (emotion === null || emotion === undefined || !Number.isFinite(emotion)) return NO_DATA;
  return along(PUOR, (emotion + 100) / 200);
}

/** WCAG relative luminance of a `#rrggbb` colour, 0 (black) .. 1 (white). */
export function luminance(colour: string): number {
  const lin = parse(colour).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/** Whether text on `background` should be light: whichever of white and
 * the dark ink contrasts more. */
export function needsLightText(background: string): boolean {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onInk = (l + 0.05) / (luminance("#1f2328") + 0.05);
  return onWhite > onInk;
}

/** Evenly spaced samples of a scale for a legend gradient. */
export function legendStops(kind: "friction" | "emotion", n = 11): string[] {
  return Array.from({ length: n }, (_, i) =>
    kind === "friction"
      ? frictionColour((i / (n - 1)) * 100)
      : emotionColour(-100 + (i / (n - 1)) * 200),
  );
}
