// The pilot reader (pilot.md §4.1): strict JSON, except that the tokens NaN, Infinity and
// -Infinity, which the original Python evaluator accepted, and numbers that overflow to ±Infinity
// are kept as NonFinite markers, so validation can report each one by JSON path instead of
// failing the whole file at the first one.
import { positionOf } from "../json-parse.ts";
import { literalEnd, scanNumber, stripBom } from "../json-tokens.ts";
import { parseJsonTree, type ScalarRead } from "../json-tree.ts";

/** A number the pilot formats refuse: reported by path, never evaluated. */
export class NonFinite {
  readonly token: "NaN" | "Infinity" | "-Infinity";
  constructor(token: "NaN" | "Infinity" | "-Infinity") {
    this.token = token;
  }
}

export type PilotJson = null | boolean | number | string | NonFinite | PilotJson[] | PilotJsonObject;
/** Objects have no prototype: `__proto__` or `toString` as a key is ordinary data. */
export interface PilotJsonObject {
  [key: string]: PilotJson;
}

export type PilotJsonParse = { ok: true; value: PilotJson } | { ok: false; line: number; column: number };

/** Deeper nesting is refused: validation and the non-finite walk must not exhaust the stack. */
export const PILOT_MAX_DEPTH = 512;

export function isPilotObject(value: PilotJson | undefined): value is PilotJsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof NonFinite);
}

const WORDS = { t: "true", f: "false", n: "null", N: "NaN", I: "Infinity" } as const;
const WORD_VALUES = { true: true, false: false, null: null } as const;

/** Scalars: the JSON literals, NaN/Infinity/-Infinity, and numbers (overflow becomes a marker). */
function readScalar(text: string, i: number): ScalarRead<PilotJson> {
  const c = text[i];
  if (c === "t" || c === "f" || c === "n" || c === "N" || c === "I") {
    const word = WORDS[c];
    const end = literalEnd(text, i, word);
    if (end !== i + word.length) return { failAt: end, problem: "invalid literal" };
    const value = word === "NaN" || word === "Infinity" ? new NonFinite(word) : WORD_VALUES[word];
    return { value, end };
  }
  if (c === "-" && text[i + 1] === "I") {
    const end = literalEnd(text, i + 1, "Infinity");
    if (end !== i + 9) return { failAt: end, problem: "invalid literal" };
    return { value: new NonFinite("-Infinity"), end };
  }
  const scanned = scanNumber(text, i);
  if ("failAt" in scanned) return { failAt: scanned.failAt, problem: "invalid number" };
  const n = Number(text.slice(i, scanned.end));
  return { value: Number.isFinite(n) ? n : new NonFinite(n > 0 ? "Infinity" : "-Infinity"), end: scanned.end };
}

/**
 * Parse one JSON text (a leading BOM is skipped; a repeated key keeps its last value). On failure
 * the position is the first character that cannot continue the JSON text (1-based, lines split at
 * LF, columns in code points, as gate.md §3).
 */
export function parsePilotJson(raw: string): PilotJsonParse {
  const text = stripBom(raw);
  const parsed = parseJsonTree(text, { maxDepth: PILOT_MAX_DEPTH, scalar: readScalar });
  // The tree is built from PilotJson scalars, strings, arrays and prototype-free objects.
  if (parsed.ok) return { ok: true, value: parsed.value as PilotJson };
  return { ok: false, ...positionOf(text, parsed.at) };
}

/** A plain (prototype-free) value from an ordinary reader (YAML policy files). */
export function fromPlainValue(value: unknown): PilotJson {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return new NonFinite(Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
  }
  if (Array.isArray(value)) return value.map(fromPlainValue);
  if (typeof value === "object") {
    const out = Object.create(null) as PilotJsonObject;
    for (const [k, v] of Object.entries(value)) out[k] = fromPlainValue(v);
    return out;
  }
  return String(value);
}
