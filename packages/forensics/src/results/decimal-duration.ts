// Durations in result files are decimal text ("0.123" s in JUnit, "45.67" ms in TAP). Ingest
// sums them over several files before flooring (detector.md §7.5), so they are carried as exact
// decimals (BigInt digits and a scale), never as binary floats that would drift in the sum.

/** A duration must be plain digits with an optional fraction; "1,234.5", "1e3", " 1" are unknown. */
const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

interface Decimal {
  /** The value is digits / 10^scale. */
  digits: bigint;
  scale: number;
}

function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL_RE.exec(text);
  if (m === null) return null;
  const fraction = m[2] ?? "";
  return { digits: BigInt((m[1] as string) + fraction), scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale);
}

function formatDecimal(value: Decimal): string {
  const raw = value.digits.toString().padStart(value.scale + 1, "0");
  const whole = raw.slice(0, raw.length - value.scale);
  const fraction = raw.slice(raw.length - value.scale).replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}

/**
 * Milliseconds as an exact decimal string (no exponent, no trailing fraction zeros) from a
 * seconds value ("1.2345" → "1234.5"), or null when the text is not a plain decimal.
 */
export function secondsTextToExactMs(text: string): string | null {
  const value = parseDecimal(text);
  if (value === null) return null;
  // Multiplying by 1000 is moving the point three places: scale down by 3 (digits × 1000 when the
  // scale is smaller than 3).
  return value.scale >= 3
    ? formatDecimal({ digits: value.digits, scale: value.scale - 3 })
    : formatDecimal({ digits: value.digits * 10n ** BigInt(3 - value.scale), scale: 0 });
}

/** The same normalised form for a value already in milliseconds, or null when not a plain decimal. */
export function msTextToExactMs(text: string): string | null {
  const value = parseDecimal(text);
  return value === null ? null : formatDecimal(value);
}

/** Exact sum of decimal strings (each matching `^\d+(\.\d+)?$`), or null when any is not one. */
export function addDecimalTexts(parts: readonly string[]): string | null {
  const values: Decimal[] = [];
  let scale = 0;
  for (const part of parts) {
    const value = parseDecimal(part);
    if (value === null) return null;
    values.push(value);
    scale = Math.max(scale, value.scale);
  }
  let sum = 0n;
  for (const value of values) sum += rescale(value, scale);
  return formatDecimal({ digits: sum, scale });
}

/**
 * Whole milliseconds of the exact sum of millisecond decimals, floored: what ingest reports for a
 * suite made of several result files (pass each file's `durationMsExact`). Null for an empty list
 * or when any part is not a plain decimal.
 */
export function floorDecimalMsSum(parts: readonly string[]): number | null {
  if (parts.length === 0) return null;
  const sum = addDecimalTexts(parts);
  if (sum === null) return null;
  return Number(sum.split(".")[0]);
}
