// JSON output conventions: 2-space indent, trailing newline, keys sorted by code point where asked.

/** Compare strings by Unicode code point (not UTF-16 units, not locale). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy with every object's keys sorted by code point, at every level. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareCodePoints)) out[key] = sortKeysDeep(value[key]);
    return out;
  }
  return value;
}

/** Pretty JSON as every flakewarden file is written. */
export function toPrettyJson(value: unknown, options: { sortKeys?: boolean } = {}): string {
  const v = options.sortKeys === true ? sortKeysDeep(value) : value;
  return `${JSON.stringify(v, null, 2)}\n`;
}

/** One compact line (NDJSON records, single-line stdout). */
export function toCompactJson(value: unknown, options: { sortKeys?: boolean } = {}): string {
  const v = options.sortKeys === true ? sortKeysDeep(value) : value;
  return JSON.stringify(v);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}
