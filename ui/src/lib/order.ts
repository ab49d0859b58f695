// Fractional order keys: strings that sort in the order of the items they
// label, with a key between any two. A port of crates/core/src/order.rs;
// both sides must produce the same keys, so change them together.
//
// Keys use the 62 ASCII digits `0-9A-Za-z` (ASCII order is digit order, so
// plain string comparison sorts them) and never end in `0`, so there is
// always room for another key below.

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE = 62;

function digitValue(c: string | undefined): number | undefined {
  if (c === undefined || c.length !== 1) return undefined;
  const i = DIGITS.indexOf(c);
  return i < 0 ? undefined : i;
}

function digit(value: number): string {
  const c = DIGITS[value];
  if (c === undefined) throw new RangeError(`digit value ${value} out of range`);
  return c;
}

/** Whether `key` is a well-formed order key. */
export function isValidKey(key: string): boolean {
  if (key.length === 0 || key.endsWith("0")) return false;
  for (const c of key) {
    if (digitValue(c) === undefined) return false;
  }
  return true;
}

/** Why two neighbours cannot have a key between them. */
export class OrderError extends Error {
  readonly kind: "invalid" | "not-ascending";

  constructor(kind: "invalid" | "not-ascending", message: string) {
    super(message);
    this.name = "OrderError";
    this.kind = kind;
  }
}

/**
 * A key that sorts after `before` (or first when `null`) and before `after`
 * (or last when `null`). Throws {@link OrderError} for an invalid key or
 * neighbours that are not in ascending order.
 */
export function keyBetween(before: string | null, after: string | null): string {
  for (const k of [before, after]) {
    if (k !== null && !isValidKey(k)) {
      throw new OrderError(
        "invalid",
        `order key ${JSON.stringify(k)} is not a valid key (digits 0-9A-Za-z, not ending in 0)`,
      );
    }
  }
  if (before !== null && after !== null && before >= after) {
    throw new OrderError(
      "not-ascending",
      `order keys ${JSON.stringify(before)} and ${JSON.stringify(after)} are not in ascending order`,
    );
  }
  return midpoint(before ?? "", after);
}

/**
 * Midpoint of two digit strings read as fractions 0.a and 0.b (b = 1 when
 * null); `a < b`, neither ends in `0`.
 */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Keep the common prefix (`a` padded with zeros) and recurse on the rest.
    let n = 0;
    while (n < b.length && (a[n] ?? "0") === b[n]) n++;
    if (n > 0) {
      const restA = n < a.length ? a.slice(n) : "";
      return b.slice(0, n) + midpoint(restA, b.slice(n));
    }
  }
  const da = digitValue(a[0]) ?? 0;
  const db = b === null ? BASE : (digitValue(b[0]) ?? BASE);
  if (db - da > 1) return digit(Math.floor((da + db) / 2));
  // Adjacent first digits.
  if (b !== null && b.length > 1) return b.charAt(0);
  return digit(da) + midpoint(a.length > 1 ? a.slice(1) : "", null);
}

/**
 * `n` ascending keys spread evenly, all of the same short length: for
 * building a map in one go (templates, imports) without the key growth that
 * repeated appends cause.
 */
export function spread(n: number): string[] {
  const base = BigInt(BASE);
  const count = BigInt(n);
  let width = 1;
  let space = base;
  while (space <= 2n * (count + 1n)) {
    width += 1;
    space *= base;
  }
  const keys: string[] = [];
  for (let i = 0n; i < count; i++) {
    let v = ((i + 1n) * space) / (count + 1n);
    if (v % base === 0n) v += 1n; // never end in 0; the gap between neighbours is at least 2
    const digits: string[] = new Array<string>(width).fill("0");
    for (let slot = width - 1; slot >= 0; slot--) {
      digits[slot] = digit(Number(v % base));
      v /= base;
    }
    keys.push(digits.join(""));
  }
  return keys;
}
