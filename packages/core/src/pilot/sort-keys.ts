// Stable multi-key sorts by code point (pilot.md §4.9): never locale, never UTF-16 units.
import { compareCodePoints } from "../canonical-json.ts";

/** Stable sort (Array.prototype.sort is stable) by a tuple of string keys. */
export function sortByKeys<T>(items: readonly T[], keys: (item: T) => readonly string[]): T[] {
  const keyed = items.map((item) => ({ item, key: keys(item) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const c = compareCodePoints(a.key[i]!, b.key[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.item);
}

/** Distinct values by a string identity, first occurrence kept. */
export function distinctBy<T>(items: readonly T[], id: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = id(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
