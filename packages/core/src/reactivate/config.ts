// The config section `reactivate` as the reactivate command reads it (forensics.md §2.2, §4.4).
// The gate reads only min_runs/min_runs_by_severity (ReactivateGateConfig, loose); this command
// owns the whole section, so it is strict: a misspelt key is an error, not a silent default.
import * as z from "zod";
import { PositiveInteger, Severity } from "../schemas/common.ts";

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, "g");
    return true;
  } catch {
    return false;
  }
}

/** A JSON value that survived the config reader exactly: integers beyond 2^53 did not. */
function hasInexactNumber(value: unknown): boolean {
  if (typeof value === "number") return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.some(hasInexactNumber);
  if (typeof value === "object" && value !== null) return Object.values(value).some(hasInexactNumber);
  return false;
}

const ExactJson = z.json().refine((v) => !hasInexactNumber(v), {
  error: "an integer beyond 2^53 cannot be read exactly; write it as a string",
});

export const ReplaceRuleConfig = z.strictObject({
  pattern: z.string().min(1).refine(isValidRegex, { error: "invalid regular expression" }),
  with: z.string(),
});

export const ReactivateNormalizeConfig = z.strictObject({
  payload_match: z.record(z.string().min(1), ExactJson).optional(),
  certificate_fields: z.array(z.string().min(1)).optional(),
  ignore_keys: z.array(z.string().min(1)).optional(),
  replace: z.array(ReplaceRuleConfig).optional(),
});
export type ReactivateNormalizeConfig = z.infer<typeof ReactivateNormalizeConfig>;

export const ReactivateConfig = z.strictObject({
  min_runs: PositiveInteger.optional(),
  min_runs_by_severity: z.partialRecord(Severity, PositiveInteger).optional(),
  max_evidence_records: PositiveInteger.optional(),
  normalize: ReactivateNormalizeConfig.optional(),
});
export type ReactivateConfig = z.infer<typeof ReactivateConfig>;

export const DEFAULT_MAX_EVIDENCE_RECORDS = 30;
