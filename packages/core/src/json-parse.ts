// Strict RFC 8259 parsing with positions that read the same under Node and Deno.
// The platform parser does the work; only when it fails do we run our own scanner,
// because runtime error texts differ between engines and are not ours to promise.
import { literalEnd, scanNumber, scanString, stripBom } from "./json-tokens.ts";

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; problem: string };

export function parseJson(raw: string): JsonParseResult {
  const text = stripBom(raw);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const failure = scanForError(text);
    return { ok: false, ...failure };
  }
}

interface ScanError {
  index: number;
  problem: string;
}

/** Line/column of a UTF-16 index: lines split at LF, columns count code points, 1-based. */
export function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      line += 1;
      column = 1;
    } else if (code >= 0xdc00 && code <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))) {
      // second half of a surrogate pair: same code point
    } else {
      column += 1;
    }
  }
  return { line, column };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function describe(text: string, index: number): string {
  if (index >= text.length) return "unexpected end of input";
  const cp = text.codePointAt(index) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `unexpected control character U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return `unexpected character '${String.fromCodePoint(cp)}'`;
}

function scanForError(text: string): { line: number; column: number; problem: string } {
  const error = scan(text) ?? { index: text.length, problem: "invalid JSON" };
  const { line, column } = positionOf(text, error.index);
  return { line, column, problem: error.problem };
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

type Frame = "array" | "object";

// An explicit stack instead of recursion: hostile inputs may nest very deeply.
function scan(text: string): ScanError | null {
  let i = 0;
  const stack: Frame[] = [];
  const skipWs = (): void => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const fail = (index: number, problem?: string): ScanError => ({ index, problem: problem ?? describe(text, index) });

  // state: "value" expects a value; "after" expects , or a closer; "key" expects a string key
  let state: "value" | "value-or-close" | "key" | "key-or-close" | "after" = "value";
  for (;;) {
    skipWs();
    if (state === "value" || state === "value-or-close") {
      if (i >= text.length) return fail(i);
      const c = text[i];
      if (state === "value-or-close" && c === "]") {
        i++;
        stack.pop();
        state = "after";
        continue;
      }
      if (c === "[") {
        i++;
        stack.push("array");
        state = "value-or-close";
        continue;
      }
      if (c === "{") {
        i++;
        stack.push("object");
        state = "key-or-close";
        continue;
      }
      const end = scanScalar(text, i);
      if (typeof end !== "number") return end;
      i = end;
      state = "after";
      continue;
    }
    if (state === "key" || state === "key-or-close") {
      if (i >= text.length) return fail(i);
      if (state === "key-or-close" && text[i] === "}") {
        i++;
        stack.pop();
        state = "after";
        continue;
      }
      if (text[i] !== '"') return fail(i, `${describe(text, i)}, expected a string key`);
      const end = scanStringToken(text, i);
      if (typeof end !== "number") return end;
      i = end;
      skipWs();
      if (i >= text.length) return fail(i);
      if (text[i] !== ":") return fail(i, `${describe(text, i)}, expected ':'`);
      i++;
      state = "value";
      continue;
    }
    // state === "after"
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < text.length) return fail(i, `${describe(text, i)} after the JSON value`);
      return null;
    }
    if (i >= text.length) return fail(i);
    const c = text[i];
    if (c === ",") {
      i++;
      state = top === "array" ? "value" : "key";
      continue;
    }
    if ((top === "array" && c === "]") || (top === "object" && c === "}")) {
      i++;
      stack.pop();
      continue;
    }
    return fail(i, `${describe(text, i)}, expected ',' or '${top === "array" ? "]" : "}"}'`);
  }
}

function scanScalar(text: string, i: number): number | ScanError {
  const c = text[i];
  if (c === '"') return scanStringToken(text, i);
  if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
    const scanned = scanNumber(text, i);
    if ("end" in scanned) return scanned.end;
    return { index: scanned.failAt, problem: `invalid number: ${describe(text, scanned.failAt)}` };
  }
  for (const literal of ["true", "false", "null"]) {
    if (c === literal[0]) {
      const end = literalEnd(text, i, literal);
      if (end !== i + literal.length) return { index: end, problem: describe(text, end) };
      return end;
    }
  }
  return { index: i, problem: describe(text, i) };
}

function scanStringToken(text: string, start: number): number | ScanError {
  const scanned = scanString(text, start);
  if ("end" in scanned) return scanned.end;
  const at = scanned.failAt;
  switch (scanned.fault) {
    case "unterminated":
      return { index: at, problem: "unterminated string" };
    case "control":
      return { index: at, problem: `${describe(text, at)} in string` };
    case "unicode":
      return { index: at, problem: `invalid \\u escape: ${describe(text, at)}` };
    case "escape":
      return { index: at, problem: `invalid escape: ${describe(text, at)}` };
  }
}
