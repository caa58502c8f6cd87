// Lossless JSON (forensics.md §4.3): replay payloads carry u64 hashes as bare integers, and two
// different u64s can be the same double (…544 and …545). So numbers keep their source literal,
// and comparison goes through canonical text instead of JS numbers.
import { compareCodePoints } from "./canonical-json.ts";
import { stripBom } from "./json-tokens.ts";
import { defineKey, newObject as newTreeObject, parseJsonTree, type ScalarRead } from "./json-tree.ts";

/** A JSON number as written in the source. */
export class LosslessNumber {
  readonly literal: string;
  constructor(literal: string) {
    this.literal = literal;
  }
}

export type LosslessValue = null | boolean | string | LosslessNumber | LosslessValue[] | LosslessObject;
/** Objects are created without a prototype, so a `__proto__` key is just a key. */
export interface LosslessObject {
  [key: string]: LosslessValue;
}

export type LosslessParse = { ok: true; value: LosslessValue } | { ok: false; index: number; problem: string };

/**
 * Deeper nesting is refused rather than parsed: the canonical writer and the normaliser recurse,
 * and a hostile payload must not be able to exhaust the stack.
 */
export const MAX_JSON_DEPTH = 512;

const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function isLosslessObject(value: unknown): value is LosslessObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof LosslessNumber);
}

function newObject(): LosslessObject {
  return newTreeObject<LosslessValue>() as LosslessObject;
}

/** Scalars are literals and numbers kept as written; the longest number prefix is taken. */
function readScalar(text: string, i: number): ScalarRead<LosslessValue> {
  if (text.startsWith("true", i)) return { value: true, end: i + 4 };
  if (text.startsWith("false", i)) return { value: false, end: i + 5 };
  if (text.startsWith("null", i)) return { value: null, end: i + 4 };
  NUMBER_RE.lastIndex = i;
  const m = NUMBER_RE.exec(text);
  if (m === null) return { failAt: i, problem: i >= text.length ? "unexpected end of input" : "unexpected character" };
  return { value: new LosslessNumber(m[0]), end: NUMBER_RE.lastIndex };
}

/** Parse one JSON text (a leading BOM is ignored). A repeated key keeps its last value. */
export function parseLosslessJson(raw: string): LosslessParse {
  const parsed = parseJsonTree(stripBom(raw), { maxDepth: MAX_JSON_DEPTH, scalar: readScalar });
  // The tree is built from LosslessValue scalars, strings, arrays and prototype-free objects.
  if (parsed.ok) return { ok: true, value: parsed.value as LosslessValue };
  return { ok: false, index: parsed.index, problem: parsed.problem };
}

/** A value from an ordinary JSON/YAML reader (config files) in lossless form. */
export function fromPlainJson(value: unknown): LosslessValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return new LosslessNumber(Number.isFinite(value) ? String(value) : "null");
  if (Array.isArray(value)) return value.map(fromPlainJson);
  if (typeof value === "object") {
    const out = newObject();
    for (const [k, v] of Object.entries(value)) defineKey(out, k, fromPlainJson(v));
    return out;
  }
  return String(value);
}

const INTEGER_RE = /^-?[0-9]+$/;

export function isIntegerLiteral(value: LosslessValue | undefined): value is LosslessNumber {
  return value instanceof LosslessNumber && INTEGER_RE.test(value.literal);
}

/** Canonical text of a number: integers digit for digit (`-0` → `0`), others via the double. */
export function canonicalNumber(literal: string): string {
  if (INTEGER_RE.test(literal)) return /^-0+$/.test(literal) ? "0" : literal;
  const n = Number(literal);
  return Number.isFinite(n) ? String(n) : literal;
}

/** Canonical text: keys sorted by code point, no whitespace; `pretty` gives the 2-space form. */
export function canonicalText(value: LosslessValue, pretty = false): string {
  return write(value, pretty ? "\n" : null);
}

function write(value: LosslessValue, newline: string | null): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof LosslessNumber) return canonicalNumber(value.literal);
  const inner = newline === null ? null : `${newline}  `;
  const sep = newline === null ? "," : `,${inner}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((v) => write(v, inner));
    return newline === null ? `[${items.join(sep)}]` : `[${inner}${items.join(sep)}${newline}]`;
  }
  const keys = Object.keys(value).sort(compareCodePoints);
  if (keys.length === 0) return "{}";
  const colon = newline === null ? ":" : ": ";
  const items = keys.map((k) => `${JSON.stringify(k)}${colon}${write(value[k] as LosslessValue, inner)}`);
  return newline === null ? `{${items.join(sep)}}` : `{${inner}${items.join(sep)}${newline}}`;
}

/**
 * Certificate value of a payload field: an integer as its digits, a string as itself, anything
 * else as canonical text, an absent field as null. So `782198577955665544` and
 * `"782198577955665544"` certify the same value.
 */
export function certificateValue(value: LosslessValue | undefined): string | null {
  if (value === undefined) return null;
  if (isIntegerLiteral(value)) return canonicalNumber(value.literal);
  if (typeof value === "string") return value;
  return canonicalText(value);
}

/** Follow a dotted path (`a.b.0.c`): all-digit segments index arrays. Absent → undefined. */
export function lookupPath(value: LosslessValue, dotted: string): LosslessValue | undefined {
  let current: LosslessValue | undefined = value;
  for (const segment of dotted.split(".")) {
    if (Array.isArray(current)) {
      if (!/^[0-9]+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isLosslessObject(current)) {
      current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}
