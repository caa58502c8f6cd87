// Number and value formatting shared by every message and report.

/**
 * x rounded to `digits` decimals, ties to even on the exact binary value, as Python's
 * `format(x, ".2f")` and C printf do. `toFixed` would round 0.125 up; we must not.
 */
export function fmtN(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const negative = x < 0 || Object.is(x, -0);
  const { mantissa, exponent } = decompose(Math.abs(x));
  const scale = 10n ** BigInt(digits);
  let q: bigint;
  if (exponent >= 0) {
    q = (mantissa << BigInt(exponent)) * scale;
  } else {
    const num = mantissa * scale;
    const den = 1n << BigInt(-exponent);
    q = num / den;
    const twiceRem = (num % den) * 2n;
    if (twiceRem > den || (twiceRem === den && q % 2n === 1n)) q += 1n;
  }
  const digitsText = q.toString().padStart(digits + 1, "0");
  const intPart = digitsText.slice(0, digitsText.length - digits);
  const frac = digitsText.slice(digitsText.length - digits);
  return `${negative ? "-" : ""}${intPart}${digits > 0 ? `.${frac}` : ""}`;
}

export const fmt1 = (x: number): string => fmtN(x, 1);
export const fmt2 = (x: number): string => fmtN(x, 2);

/** fmtN as a JSON number: the same rounding for numbers written into reports. */
export function roundN(x: number, digits: number): number {
  return Number(fmtN(x, digits));
}

/** x = mantissa * 2^exponent exactly (x finite, >= 0). */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** Policy values in messages: shortest round-trip form (0, 5, 2.5). */
export function num(x: number): string {
  return String(x);
}

const SHOW_LIMIT = 200;

/** Escape C0/C1 control characters so one value never spans several output lines. */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** Cut to `limit` code points: limit-1 code points plus an ellipsis. */
export function cutCodePoints(text: string, limit: number): string {
  const points = Array.from(text);
  if (points.length <= limit) return text;
  return `${points.slice(0, limit - 1).join("")}…`;
}

/** A user value as it appears inside a message. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "None";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return num(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return cutCodePoints(escapeControls(text), SHOW_LIMIT);
}
