// The pilot reader (pilot.md §4.1): strict JSON, except that the tokens NaN, Infinity and
// -Infinity, which the original Python evaluator accepted, and numbers that overflow to ±Infinity
// are kept as NonFinite markers, so validation can report each one by JSON path instead of
// failing the whole file at the first one.
import { positionOf } from "../json-parse.ts";

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

const STRING_RE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WS_RE = /[ \t\n\r]*/y;

export function isPilotObject(value: PilotJson | undefined): value is PilotJsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof NonFinite);
}

type Frame = { kind: "array"; value: PilotJson[] } | { kind: "object"; value: PilotJsonObject; key: string };

/**
 * Parse one JSON text (a leading BOM is skipped; a repeated key keeps its last value). On failure
 * the position is the first character that cannot continue the JSON text (1-based, lines split at
 * LF, columns in code points, as gate.md §3).
 */
export function parsePilotJson(raw: string): PilotJsonParse {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let i = 0;
  const stack: Frame[] = [];
  const skipWs = (): void => {
    WS_RE.lastIndex = i;
    WS_RE.exec(text);
    i = WS_RE.lastIndex;
  };
  const fail = (at: number): PilotJsonParse => ({ ok: false, ...positionOf(text, at) });
  // Where a malformed literal or number stops matching: the first character that cannot continue it.
  const literalEnd = (word: string): number => {
    let k = 0;
    while (k < word.length && text[i + k] === word[k]) k++;
    return i + k;
  };
  const readKey = (): string | number => {
    if (text[i] !== '"') return i;
    const s = readString();
    return s === null ? stringFailure() : s;
  };
  const readString = (): string | null => {
    STRING_RE.lastIndex = i;
    const m = STRING_RE.exec(text);
    if (m === null) return null;
    i = STRING_RE.lastIndex;
    return JSON.parse(m[0]) as string;
  };
  const stringFailure = (): number => {
    // Walk the string to the first character that cannot continue it.
    let k = i + 1;
    for (;;) {
      if (k >= text.length) return k;
      const c = text.charCodeAt(k);
      if (c === 0x22) return k; // cannot happen: the regex would have matched
      if (c < 0x20) return k;
      if (c === 0x5c) {
        const e = text[k + 1];
        if (e === "u") {
          for (let h = 2; h < 6; h++) if (!/[0-9a-fA-F]/.test(text[k + h] ?? "")) return k + h;
          k += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return k + 1;
        k += 2;
        continue;
      }
      k++;
    }
  };
  /** The end of the number at i, or the index of the first character that cannot continue it. */
  const scanNumber = (): { end: number } | { failAt: number } => {
    let k = i;
    const digit = (): boolean => text[k] !== undefined && text[k]! >= "0" && text[k]! <= "9";
    if (text[k] === "-") k++;
    if (!digit()) return { failAt: k };
    if (text[k] === "0") k++;
    else while (digit()) k++;
    if (text[k] === ".") {
      k++;
      if (!digit()) return { failAt: k };
      while (digit()) k++;
    }
    if (text[k] === "e" || text[k] === "E") {
      k++;
      if (text[k] === "+" || text[k] === "-") k++;
      if (!digit()) return { failAt: k };
      while (digit()) k++;
    }
    return { end: k };
  };

  let result: PilotJson = null;
  for (;;) {
    skipWs();
    let value: PilotJson;
    const c = text[i];
    if (c === "{" || c === "[") {
      if (stack.length >= PILOT_MAX_DEPTH) return fail(i);
      i++;
      skipWs();
      if (c === "[") {
        if (text[i] !== "]") {
          stack.push({ kind: "array", value: [] });
          continue;
        }
        i++;
        value = [];
      } else {
        if (text[i] !== "}") {
          const key = readKey();
          if (typeof key === "number") return fail(key);
          skipWs();
          if (text[i] !== ":") return fail(i);
          i++;
          stack.push({ kind: "object", value: Object.create(null) as PilotJsonObject, key });
          continue;
        }
        i++;
        value = Object.create(null) as PilotJsonObject;
      }
    } else if (c === '"') {
      const s = readString();
      if (s === null) return fail(stringFailure());
      value = s;
    } else if (c === "t" || c === "f" || c === "n" || c === "N" || c === "I") {
      const word = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : c === "N" ? "NaN" : "Infinity";
      const end = literalEnd(word);
      if (end !== i + word.length) return fail(end);
      i = end;
      value = word === "true" ? true : word === "false" ? false : word === "null" ? null : new NonFinite(word as "NaN" | "Infinity");
    } else if (c === "-" && text[i + 1] === "I") {
      i++;
      const end = literalEnd("Infinity");
      if (end !== i + 8) return fail(end);
      i = end;
      value = new NonFinite("-Infinity");
    } else {
      const scanned = scanNumber();
      if ("failAt" in scanned) return fail(scanned.failAt);
      const n = Number(text.slice(i, scanned.end));
      i = scanned.end;
      value = Number.isFinite(n) ? n : new NonFinite(n > 0 ? "Infinity" : "-Infinity");
    }

    let done = false;
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        result = value;
        done = true;
        break;
      }
      if (top.kind === "array") top.value.push(value);
      else {
        // Deleting first moves a repeated key to its last position, like JSON.parse.
        delete top.value[top.key];
        top.value[top.key] = value;
      }
      skipWs();
      const next = text[i];
      if (next === ",") {
        i++;
        if (top.kind === "object") {
          skipWs();
          const key = readKey();
          if (typeof key === "number") return fail(key);
          skipWs();
          if (text[i] !== ":") return fail(i);
          i++;
          top.key = key;
        }
        break;
      }
      if ((top.kind === "array" && next === "]") || (top.kind === "object" && next === "}")) {
        i++;
        stack.pop();
        value = top.value;
        continue;
      }
      return fail(i);
    }
    if (done) break;
  }
  skipWs();
  if (i < text.length) return fail(i);
  return { ok: true, value: result };
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
