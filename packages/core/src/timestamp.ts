// The one timestamp grammar: ISO-8601 with an explicit offset, nothing looser.

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** The regex source published in JSON Schemas for timestamp fields. */
export const TIMESTAMP_PATTERN = TIMESTAMP_RE.source;

/** Epoch milliseconds (UTC) of a valid timestamp, else null. Fractions are truncated to ms. */
export function parseTimestamp(raw: unknown): number | null {
  if (typeof raw !== "string") return null;
  const m = TIMESTAMP_RE.exec(raw);
  if (m === null) return null;
  const [, ys, mos, ds, hs, mis, ss, frac, offset] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, "0"));
  let offsetMinutes = 0;
  if (offset !== undefined && offset !== "Z") {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (oh * 60 + om) * (offset[0] === "-" ? -1 : 1);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime() - offsetMinutes * 60_000;
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
