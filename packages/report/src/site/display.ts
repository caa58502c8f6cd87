// Display rules of reports.md §4.1: UTC times, fmt1 hours, fmt2 percentages, values as recorded.
import { fmt2, parseTimestamp } from "@flakewarden/core";

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** `YYYY-MM-DD HH:MM:SSZ` in UTC. */
export function showTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** `YYYY-MM-DD` in UTC (chart axis labels). */
export function showDate(ms: number): string {
  return showTime(ms).slice(0, 10);
}

/** A recorded timestamp for display: UTC form when it parses, else as written. */
export function showTimestamp(value: unknown): string {
  const ms = parseTimestamp(value);
  if (ms !== null) return showTime(ms);
  return typeof value === "string" ? value : "not recorded";
}

/** `generated_at` of report_manifest.json: `YYYY-MM-DDTHH:MM:SSZ`, `.sss` only when ms ≠ 0. */
export function manifestTime(ms: number): string {
  const d = new Date(ms);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() === 0 ? `${base}Z` : `${base}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

export const NOT_RECORDED = "not recorded";

/** A JSON value as recorded: strings as written, numbers in shortest form, null as `not recorded`. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return NOT_RECORDED;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function pct(x: number): string {
  return `${fmt2(x)} %`;
}

/** Verdict words as shown (status is always text, never colour alone). */
export const VERDICT_WORD = { pass: "PASS", fail: "FAIL", no_verdict: "NO VERDICT", no_report: "NO REPORT" } as const;
