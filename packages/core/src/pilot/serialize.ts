// Pilot output text (pilot.md §3.7): keys sorted by code point at every level, 2-space JSON with a
// trailing newline, compact NDJSON lines. Own writer rather than JSON.stringify with a sorting
// replacer: the echoed `seed` may hold a `__proto__` key, which an assignment-based copy drops.
import { compareCodePoints } from "../canonical-json.ts";

function write(value: unknown, indent: string | null): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    // Outputs are strict JSON: validation guarantees finite numbers; -0 prints as 0.
    if (!Number.isFinite(value)) throw new Error(`non-finite number in pilot output: ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  const inner = indent === null ? null : `${indent}  `;
  const open = inner === null ? "" : `\n${inner}`;
  const close = indent === null ? "" : `\n${indent}`;
  const sep = inner === null ? "," : `,\n${inner}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${open}${value.map((v) => write(v, inner)).join(sep)}${close}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort(compareCodePoints);
  if (keys.length === 0) return "{}";
  const colon = inner === null ? ":" : ": ";
  return `{${open}${keys.map((k) => `${JSON.stringify(k)}${colon}${write(obj[k], inner)}`).join(sep)}${close}}`;
}

/** A pilot JSON file: pretty, sorted, newline-terminated. */
export function pilotJsonText(value: unknown): string {
  return `${write(value, "")}\n`;
}

/** NDJSON: one compact sorted object per line, each `\n`-terminated (empty list → empty text). */
export function pilotNdjsonText(records: readonly unknown[]): string {
  return records.map((r) => `${write(r, null)}\n`).join("");
}
