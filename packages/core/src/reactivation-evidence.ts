// validateReactivationEvidence: may a `reactivated` entry stay reactivated? (forensics.md §4.4, gate rule)
// Pure: it reads only the entry; the gate calls it for WG-REACT and the SLA counts.
import { compareCodePoints } from "./canonical-json.ts";
import { isPlainObject } from "./schemas/common.ts";
import { parseTimestamp } from "./timestamp.ts";

export const REACTIVATION_CRITERIA = [
  "evidence_runs",
  "consecutive_passes",
  "identical_fingerprints",
  "evidence_fields",
  "reactivated_at_consistent",
  "owner_notes_recorded",
  "trace_pointer_recorded",
] as const;
export type ReactivationCriterion = (typeof REACTIVATION_CRITERIA)[number];

export interface EvidenceVerdict {
  valid: boolean;
  unmet: ReactivationCriterion[];
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

function nonBlank(v: unknown): boolean {
  return typeof v === "string" && v.trim().length > 0;
}

/** Canonical text for certificate comparison: keys sorted, no whitespace. */
function canonical(value: unknown): string {
  if (value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The evidence window: trailing records sharing the last record's attempt_id. */
function evidenceWindow(evidence: unknown): Record<string, unknown>[] {
  if (!Array.isArray(evidence) || evidence.length === 0) return [];
  const last = evidence[evidence.length - 1];
  if (!isPlainObject(last) || !nonEmptyString(last.attempt_id)) return [];
  const attempt = last.attempt_id;
  const window: Record<string, unknown>[] = [];
  for (let i = evidence.length - 1; i >= 0; i--) {
    const record = evidence[i];
    if (!isPlainObject(record) || record.attempt_id !== attempt) break;
    window.unshift(record);
  }
  return window;
}

export function validateReactivationEvidence(entry: Record<string, unknown>, minRuns: number): EvidenceVerdict {
  const w = evidenceWindow(entry.reactivation_evidence);
  const met: Record<ReactivationCriterion, boolean> = {
    evidence_runs: w.length > 0 && w.length >= minRuns,
    consecutive_passes: w.every((r) => r.status === "passed"),
    identical_fingerprints:
      w.every((r) => nonEmptyString(r.fingerprint) && r.fingerprint === w[0]?.fingerprint) &&
      w.every((r) => canonical(r.certificate ?? null) === canonical(w[0]?.certificate ?? null)),
    evidence_fields: w.every((r) => nonEmptyString(r.run_id) && parseTimestamp(r.ts) !== null && nonEmptyString(r.artifact_dir)),
    reactivated_at_consistent: false,
    owner_notes_recorded:
      isPlainObject(entry.notes) && nonBlank(entry.notes.root_cause) && nonBlank(entry.notes.fix_ref),
    trace_pointer_recorded: nonEmptyString(entry.trace_pointer),
  };
  const reactivatedAt = parseTimestamp(entry.reactivated_at_utc);
  if (reactivatedAt !== null) {
    const times = w.map((r) => parseTimestamp(r.ts)).filter((t): t is number => t !== null);
    met.reactivated_at_consistent = times.every((t) => reactivatedAt >= t);
  }
  const unmet = REACTIVATION_CRITERIA.filter((c) => !met[c]);
  return { valid: unmet.length === 0, unmet };
}
