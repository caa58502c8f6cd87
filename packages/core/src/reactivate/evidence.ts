// Evidence records (forensics.md §4.4 step 3): one per replay run, appended to the entry's
// `reactivation_evidence`, newest kept. The gate later judges them with
// validateReactivationEvidence, so their shape is a contract with it.
import type { ReplayRunFacts, ReplayRunStatus } from "./run-facts.ts";

export interface EvidenceRecord {
  attempt_id: string;
  run_id: string;
  ts: string;
  status: ReplayRunStatus;
  exit_code: number | null;
  fingerprint: string | null;
  certificate: Record<string, string | null> | null;
  artifact_dir: string;
  trace_pointer_sha256: string | null;
}

export function evidenceRecords(attemptId: string, runs: readonly ReplayRunFacts[], traceSha256: string | null): EvidenceRecord[] {
  return runs.map((r) => ({
    attempt_id: attemptId,
    run_id: r.runId,
    ts: r.ts,
    status: r.status,
    exit_code: r.exitCode,
    fingerprint: r.fingerprint,
    certificate: r.certificate,
    artifact_dir: r.artifactDir,
    trace_pointer_sha256: traceSha256,
  }));
}

/**
 * The entry's evidence with this attempt's records appended, trimmed to the newest `keep`
 * (never fewer than this attempt's own records, so the attempt's window stays whole).
 */
export function appendEvidence(existing: unknown, records: readonly EvidenceRecord[], keep: number): unknown[] {
  const before = Array.isArray(existing) ? existing : [];
  const all = [...before, ...records];
  const limit = Math.max(keep, records.length);
  return all.length > limit ? all.slice(all.length - limit) : all;
}
