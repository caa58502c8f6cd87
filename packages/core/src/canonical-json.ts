// JSON output conventions: 2-space indent, trailing newline, keys sorted by code point where asked.

/** Compare strings by Unicode code point (not UTF-16 units, not locale). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 order differs from code-point order only between surrogates (astral code points)
    // and U+E000..U+FFFF: move the surrogates above that range before comparing.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
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

/**
 * JSON.stringify replacer that sorts an object's keys only when they are out of order: our own
 * report objects are built sorted, so large reports are not copied just to be written.
 */
function sortedKeysReplacer(_key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) {
    if (compareCodePoints(keys[i - 1] as string, keys[i] as string) > 0) {
      const out: Record<string, unknown> = {};
      for (const key of keys.sort(compareCodePoints)) out[key] = value[key];
      return out;
    }
  }
  return value;
}

/** Pretty JSON as every flakewarden file is written. */
export function toPrettyJson(value: unknown, options: { sortKeys?: boolean } = {}): string {
  const text = options.sortKeys === true ? JSON.stringify(value, sortedKeysReplacer, 2) : JSON.stringify(value, null, 2);
  return `${text}\n`;
}

/** One compact line (NDJSON records, single-line stdout). */
export function toCompactJson(value: unknown, options: { sortKeys?: boolean } = {}): string {
  return options.sortKeys === true ? JSON.stringify(value, sortedKeysReplacer) : JSON.stringify(value);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}
