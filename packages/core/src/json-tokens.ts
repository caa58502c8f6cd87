// The JSON token scanners shared by the three readers (json-parse.ts, lossless-json.ts,
// pilot/pilot-json.ts). They return indices, never messages: each reader words its own errors,
// and those texts are part of its contract.

/** A leading byte-order mark is not part of the JSON text (all readers skip it). */
export function stripBom(raw: string): string {
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

// Sticky regexes are stateful through lastIndex; every use below sets it first and finishes
// synchronously, so sharing them is safe.
const STRING_RE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WS_RE = /[ \t\n\r]*/y;

/** The index of the first non-whitespace character at or after `i`. */
export function skipWhitespace(text: string, i: number): number {
  WS_RE.lastIndex = i;
  WS_RE.exec(text);
  return WS_RE.lastIndex;
}

/** The well-formed string starting at `i` (a `"`), decoded, or null when it is malformed. */
export function readString(text: string, i: number): { value: string; end: number } | null {
  STRING_RE.lastIndex = i;
  const m = STRING_RE.exec(text);
  if (m === null) return null;
  return { value: JSON.parse(m[0]) as string, end: STRING_RE.lastIndex };
}

/** Why a string stops: the input ends, a raw control character, a bad escape, a bad `\u` digit. */
export type StringFault = "unterminated" | "control" | "escape" | "unicode";

/**
 * Walk the string starting at `start` (a `"`): its end (after the closing quote), or the index
 * of the first character that cannot continue it.
 */
export function scanString(text: string, start: number): { end: number } | { failAt: number; fault: StringFault } {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { failAt: i, fault: "unterminated" };
    const code = text.charCodeAt(i);
    if (code === 0x22) return { end: i + 1 };
    if (code < 0x20) return { failAt: i, fault: "control" };
    if (code === 0x5c) {
      const e = text[i + 1];
      if (e === undefined) return { failAt: i + 1, fault: "unterminated" };
      if (e === "u") {
        for (let k = 2; k < 6; k++) {
          const h = text[i + k];
          if (h === undefined) return { failAt: i + k, fault: "unterminated" };
          if (!/[0-9a-fA-F]/.test(h)) return { failAt: i + k, fault: "unicode" };
        }
        i += 6;
        continue;
      }
      if (!ESCAPES.has(e)) return { failAt: i + 1, fault: "escape" };
      i += 2;
      continue;
    }
    i++;
  }
}

const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** The end of the RFC 8259 number at `start`, or the index of the first character that cannot continue it. */
export function scanNumber(text: string, start: number): { end: number } | { failAt: number } {
  let i = start;
  if (text[i] === "-") i++;
  if (text[i] === "0") {
    i++;
  } else if (isDigit(text[i])) {
    while (isDigit(text[i])) i++;
  } else {
    return { failAt: i };
  }
  if (text[i] === ".") {
    i++;
    if (!isDigit(text[i])) return { failAt: i };
    while (isDigit(text[i])) i++;
  }
  if (text[i] === "e" || text[i] === "E") {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    if (!isDigit(text[i])) return { failAt: i };
    while (isDigit(text[i])) i++;
  }
  return { end: i };
}

/** Where `word` stops matching the text at `i`: `i + word.length` when it matches in full. */
export function literalEnd(text: string, i: number, word: string): number {
  let k = 0;
  while (k < word.length && text[i + k] === word[k]) k++;
  return i + k;
}
