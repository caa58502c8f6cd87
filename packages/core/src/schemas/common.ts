import * as z from "zod";
import { parseTimestamp, TIMESTAMP_PATTERN } from "../timestamp.ts";

// A CLI validates each schema a handful of times per run: zod's JIT fast path (code generated
// with new Function on first parse) costs more than it saves here, and Deno need not allow eval.
z.config({ jitless: true });

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const Severity = z.enum(SEVERITIES).meta({ description: "fixed severity set" });
export type Severity = z.infer<typeof Severity>;

export const QUARANTINE_STATUSES = ["open", "resolved", "reactivated"] as const;
export const QuarantineStatus = z.enum(QUARANTINE_STATUSES);
export type QuarantineStatus = z.infer<typeof QuarantineStatus>;

export const NonEmptyString = z.string().min(1);
/** Non-blank: at least one non-whitespace character. */
export const NonBlankString = z.string().regex(/\S/, { error: "must be a non-empty string" });
export const NumberGe0 = z.number().min(0);
export const IntegerGe0 = z.int().min(0);
export const PositiveInteger = z.int().positive();

/**
 * PositiveInteger as a plain predicate, for per-entry hot loops over large manifests
 * (a test keeps the two in agreement).
 */
export function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
export const NonEmptyStringArray = z.array(NonEmptyString);

/** ISO-8601 with an explicit offset and a real calendar date (gate.md §4.1). */
export const Timestamp = z
  .string()
  .regex(new RegExp(TIMESTAMP_PATTERN))
  .refine((s) => parseTimestamp(s) !== null, { error: "not a valid calendar timestamp" })
  .meta({ description: "ISO-8601 timestamp with an explicit offset (Z or ±HH:MM)" });

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value present and not null: the specs treat null as absent everywhere. */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}
