// 64-bit values (seeds, fingerprints, hashes) are shown from their source text and never pass through a
// JS number (reports.md §4.1, §6 item 12). When a document holds an integer literal beyond the safe range,
// it is re-read with core's lossless parser and those integers become their digit strings.
import { isLosslessObject, LosslessNumber, parseLosslessJson, type LosslessValue } from "@flakewarden/core";

const BIG_INT_RE = /[0-9]{16,}/;
const INTEGER_RE = /^-?[0-9]+$/;

function toPlain(value: LosslessValue): unknown {
  if (value instanceof LosslessNumber) {
    const n = Number(value.literal);
    return INTEGER_RE.test(value.literal) && !Number.isSafeInteger(n) ? value.literal : n;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (isLosslessObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = toPlain(value[key] as LosslessValue);
    return out;
  }
  return value;
}

/** The parsed value, with unsafe integers kept as their literal text; `parsed` when nothing needs it. */
export function keepBigIntegers(text: string, parsed: unknown): unknown {
  if (!BIG_INT_RE.test(text)) return parsed;
  const lossless = parseLosslessJson(text);
  return lossless.ok ? toPlain(lossless.value) : parsed;
}
