// Editing commands parse the manifest, change it and write it back. A number JavaScript cannot
// hold exactly would come back as a different number, silently, so such a manifest is refused
// (gate.md §4.10 "Preservation"). This finds the first such literal and names its JSON path.

/**
 * Only a literal with 16+ significant-looking characters or an exponent can lose precision:
 * any decimal of at most 15 significant digits survives a round trip through a double. Texts
 * without one skip the scan (strings that merely look like numbers only cost a scan).
 */
const MAYBE_INEXACT = /\d[\d.]{15,}|\d[eE]/;

const NUMBER_AT = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A decimal literal reduced to sign, significant digits and exponent, e.g. "-15e-1". */
function canonicalDecimal(literal: string): string {
  const negative = literal.startsWith("-");
  const body = negative ? literal.slice(1) : literal;
  const [mantissa = "", exponentText = "0"] = body.split(/[eE]/);
  const [intPart = "", fracPart = ""] = mantissa.split(".");
  let digits = (intPart + fracPart).replace(/^0+/, "");
  let exponent = Number(exponentText) - fracPart.length;
  if (digits === "") return "0";
  const trailing = /0+$/.exec(digits);
  if (trailing !== null) {
    digits = digits.slice(0, trailing.index);
    exponent += trailing[0].length;
  }
  return `${negative ? "-" : ""}${digits}e${exponent}`;
}

/**
 * True when writing the parsed value back gives the same number: finite, within ±(2^53−1)
 * when integral, and the same decimal value as the shortest form JSON.stringify prints.
 */
export function isExactNumberLiteral(literal: string): boolean {
  const value = Number(literal);
  if (!Number.isFinite(value)) return false;
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return false;
  return canonicalDecimal(literal) === canonicalDecimal(String(value));
}

type Frame = { kind: "array"; index: number } | { kind: "object"; keyStart: number; keyEnd: number };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pathOf(text: string, stack: readonly Frame[]): string {
  let out = "";
  for (const frame of stack) {
    if (frame.kind === "array") {
      out += `[${frame.index}]`;
      continue;
    }
    const key = JSON.parse(text.slice(frame.keyStart, frame.keyEnd)) as string;
    if (IDENTIFIER.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === "" ? "$" : out;
}

/** Index one past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

/**
 * The JSON path (`entries[2].sla_hours`, `$` for the root) of the first number literal in a
 * valid JSON text that would not survive a parse and re-serialisation, else null.
 */
export function findInexactNumber(json: string): string | null {
  if (!MAYBE_INEXACT.test(json)) return null;
  const text = json.startsWith("\uFEFF") ? json.slice(1) : json;
  const stack: Frame[] = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const top = stack[stack.length - 1];
    if (c === "{") {
      stack.push({ kind: "object", keyStart: 0, keyEnd: 0 });
      expectKey = true;
      i++;
    } else if (c === "[") {
      stack.push({ kind: "array", index: 0 });
      expectKey = false;
      i++;
    } else if (c === "}" || c === "]") {
      stack.pop();
      expectKey = false;
      i++;
    } else if (c === ",") {
      if (top?.kind === "array") top.index++;
      else expectKey = true;
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (expectKey && top?.kind === "object") {
        top.keyStart = i;
        top.keyEnd = end;
        expectKey = false;
      }
      i = end;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER_AT.lastIndex = i;
      const match = NUMBER_AT.exec(text);
      const literal = match?.[0] ?? c;
      if (!isExactNumberLiteral(literal)) return pathOf(text, stack);
      i += literal.length;
    } else {
      // whitespace, `:` and the letters of true/false/null
      i++;
    }
  }
  return null;
}
