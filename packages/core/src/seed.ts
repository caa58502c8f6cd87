// Replay seeds (forensics.md §4.1): unsigned 64-bit, written in decimal or 0x-hex. BigInt keeps
// every value exact; a JS number would silently round seeds above 2^53.

export const MAX_SEED = 18446744073709551615n;

const DECIMAL_RE = /^[0-9]+$/;
const HEX_RE = /^0[xX][0-9a-fA-F]+$/;

export type SeedParse = { ok: true; canonical: string } | { ok: false; message: string };

export function invalidSeedMessage(input: string): string {
  return `invalid seed '${input}': expected a decimal or 0x-hex unsigned 64-bit integer`;
}

/** Canonical decimal form of a seed string (`007` → `7`, `0xDEADBEEF` → `3735928559`), else the error text. */
export function parseSeed(input: string): SeedParse {
  if (!DECIMAL_RE.test(input) && !HEX_RE.test(input)) return { ok: false, message: invalidSeedMessage(input) };
  const value = BigInt(input);
  if (value > MAX_SEED) return { ok: false, message: invalidSeedMessage(input) };
  return { ok: true, canonical: value.toString() };
}

/**
 * A seed read from a document (config or manifest entry): a seed string, or a JSON integer
 * small enough to have been read exactly. Anything else is reported through its display text.
 */
export function parseSeedValue(value: unknown): SeedParse {
  if (typeof value === "string") return parseSeed(value);
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return { ok: true, canonical: String(value) };
  const shown = typeof value === "number" ? String(value) : JSON.stringify(value) ?? String(value);
  return { ok: false, message: invalidSeedMessage(shown) };
}
