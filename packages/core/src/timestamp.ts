// The one timestamp grammar: ISO-8601 with an explicit offset, nothing looser.

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** The regex source published in JSON Schemas for timestamp fields. */
export const TIMESTAMP_PATTERN = TIMESTAMP_RE.source;

/**
 * Epoch milliseconds (UTC) of a valid timestamp, else null. Fractions are truncated to ms.
 * Hand-scanned rather than regex-matched: manifests hold hundreds of thousands of timestamps
 * and this runs several times per entry. TIMESTAMP_RE above is the same grammar, for schemas.
 */
export function parseTimestamp(raw: unknown): number | null {
  if (typeof raw !== "string" || raw.length < 20) return null;
  const year = digits(raw, 0, 4);
  const month = digits(raw, 5, 2);
  const day = digits(raw, 8, 2);
  const hour = digits(raw, 11, 2);
  const minute = digits(raw, 14, 2);
  const second = digits(raw, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  if (raw[4] !== "-" || raw[7] !== "-" || raw[10] !== "T" || raw[13] !== ":" || raw[16] !== ":") return null;
  let i = 19;
  let ms = 0;
  if (raw[i] === ".") {
    const start = ++i;
    while (i < raw.length && isDigitAt(raw, i)) i++;
    if (i === start) return null;
    ms = Number(raw.slice(start, Math.min(start + 3, i)).padEnd(3, "0"));
  }
  let offsetMinutes = 0;
  if (raw[i] === "Z" && i + 1 === raw.length) {
    // UTC
  } else if ((raw[i] === "+" || raw[i] === "-") && i + 6 === raw.length && raw[i + 3] === ":") {
    const oh = digits(raw, i + 1, 2);
    const om = digits(raw, i + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return null;
    offsetMinutes = (oh * 60 + om) * (raw[i] === "-" ? -1 : 1);
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year < 100) {
    // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
    const date = new Date(utc);
    date.setUTCFullYear(year);
    utc = date.getTime();
  }
  return utc - offsetMinutes * 60_000;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** The non-negative integer in text[start, start+count), or -1 unless all are ASCII digits. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    if (!isDigitAt(text, i)) return -1;
    value = value * 10 + (text.charCodeAt(i) - 48);
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function basic(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Report form: `YYYY-MM-DDTHH:MM:SS+00:00`, with `.sss` when the milliseconds are not zero. */
export function formatOffsetUtc(ms: number): string {
  const millis = new Date(ms).getUTCMilliseconds();
  return `${basic(ms)}${millis === 0 ? "" : `.${pad(millis, 3)}`}+00:00`;
}

/** Manifest form: `YYYY-MM-DDTHH:MM:SSZ`, floored to the second. */
export function formatZulu(ms: number): string {
  return `${basic(ms)}Z`;
}
