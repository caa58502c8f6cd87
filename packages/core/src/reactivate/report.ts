// reactivation_report.json (`flakewarden-reactivation-report-v1`, forensics.md §4.4 step 6):
// the attempt's own account, written into the attempt directory whatever the verdict.
import type { ReactivateCriterion } from "./criteria.ts";
import type { CaseOutcome, ReplayRunFacts, ReplayRunStatus } from "./run-facts.ts";

export const REACTIVATION_REPORT_SCHEMA = "flakewarden-reactivation-report-v1";

export interface ReactivationReportRun {
  run: number;
  run_id: string;
  ts: string;
  status: ReplayRunStatus;
  exit_code: number | null;
  signal: string | null;
  detail: string;
  fingerprint: string | null;
  certificate: Record<string, string | null> | null;
  artifact_dir: string;
  output_log: string | null;
  result: { kind: string; source: string; copy: string | null } | null;
  test_cases: CaseOutcome[] | null;
}

export interface ReactivationReport {
  schema_version: typeof REACTIVATION_REPORT_SCHEMA;
  entry_id: string;
  attempt_id: string;
  previous_status: string;
  /** null when the entry could not be found again under the lock. */
  new_status: string | null;
  runs: ReactivationReportRun[];
  criteria: ReactivateCriterion[];
  verdict: "reactivated" | "not_met";
  /** Present only when the locked manifest update could not be made: why the manifest is unchanged. */
  error?: string;
}

export function reportRun(r: ReplayRunFacts): ReactivationReportRun {
  return {
    run: r.run,
    run_id: r.runId,
    ts: r.ts,
    status: r.status,
    exit_code: r.exitCode,
    signal: r.signal,
    detail: r.detail,
    fingerprint: r.fingerprint,
    certificate: r.certificate,
    artifact_dir: r.artifactDir,
    output_log: r.outputLog,
    result: r.result,
    test_cases: r.cases,
  };
}

export function reactivationReport(input: {
  entryId: string;
  attemptId: string;
  previousStatus: string;
  newStatus: string | null;
  runs: readonly ReplayRunFacts[];
  criteria: readonly ReactivateCriterion[];
  reactivated: boolean;
  error?: string;
}): ReactivationReport {
  const report: ReactivationReport = {
    schema_version: REACTIVATION_REPORT_SCHEMA,
    entry_id: input.entryId,
    attempt_id: input.attemptId,
    previous_status: input.previousStatus,
    new_status: input.newStatus,
    runs: input.runs.map(reportRun),
    criteria: [...input.criteria],
    verdict: input.reactivated ? "reactivated" : "not_met",
  };
  if (input.error !== undefined) report.error = input.error;
  return report;
}
