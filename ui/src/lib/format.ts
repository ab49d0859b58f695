// Dates and times as the library shows them.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "Last edited" text for an RFC 3339 timestamp: relative when recent
 * ("just now", "5 minutes ago", "yesterday"), a date otherwise. Returns the
 * input unchanged when it cannot be parsed.
 */
export function formatEdited(iso: string, now: Date = new Date(), locale?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const diff = now.getTime() - time;
  if (diff < MINUTE) return "just now";
  if (diff < HOUR) return plural(Math.floor(diff / MINUTE), "minute") + " ago";
  if (diff < DAY) return plural(Math.floor(diff / HOUR), "hour") + " ago";
  if (diff < 2 * DAY) return "yesterday";
  if (diff < 7 * DAY) return plural(Math.floor(diff / DAY), "day") + " ago";
  return new Date(time).toLocaleDateString(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}

/** "1 touchpoint", "3 touchpoints". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A map's size as one line: "1 stage · 1 lane · no touchpoints yet". */
export function mapSize(stages: number, lanes: number, touchpoints: number): string {
  const tps = touchpoints === 0 ? "no touchpoints yet" : plural(touchpoints, "touchpoint");
  return `${plural(stages, "stage")} · ${plural(lanes, "lane")} · ${tps}`;
}
