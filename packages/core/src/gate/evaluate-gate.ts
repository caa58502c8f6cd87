// The governance gate: parsed inputs + now in, the report out (gate.md §4.2). No IO here.
import type { LoadedJson, LoadedText } from "../loaded-input.ts";
import { SEVERITIES, type Severity } from "../schemas/common.ts";
import type { ReactivateGateConfig } from "../schemas/config.ts";
import {
  GATE_EVENT_SCHEMA_VERSION,
  GATE_REPORT_SCHEMA_VERSION,
  type CheckResult,
  type GateEvent,
  type GateReport,
} from "../schemas/gate-report.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { formatOffsetUtc } from "../timestamp.ts";
import { checkDashboard } from "./check-dashboard.ts";
import { checkForensics } from "./check-forensics.ts";
import { checkPilot } from "./check-pilot.ts";
import { analyzeManifest, checkQuarantine, checkReactivation } from "./check-quarantine.ts";
import { checkReplay } from "./check-replay.ts";

export const DEFAULT_MIN_RUNS = 3;

export interface GateInputs {
  policyPath: string;
  policy: ResolvedPolicy;
  dashboard: LoadedJson;
  manifest: LoadedJson;
  forensicsDoc: LoadedText;
  pilotSummary: LoadedJson | null;
  reactivate: ReactivateGateConfig;
  now: number;
  gitSha: string | null;
}

export function minRunsFor(config: ReactivateGateConfig): (severity: Severity) => number {
  return (severity) => config.min_runs_by_severity?.[severity] ?? config.min_runs ?? DEFAULT_MIN_RUNS;
}

function summarize(results: CheckResult[]): GateReport["summary"] {
  const count = (s: string): number => results.filter((r) => r.status === s).length;
  return { fail: count("fail"), pass: count("pass"), skip: count("skip"), total: results.length };
}

export function evaluateGate(inputs: GateInputs): GateReport {
  const { policy, now } = inputs;
  const minRuns = minRunsFor(inputs.reactivate);
  const dash = checkDashboard(inputs.dashboard, policy);
  const manifest = analyzeManifest(inputs.manifest, policy, minRuns, now);
  const results: CheckResult[] = [
    { check_id: "WG-POLICY-000", detail: "policy schema and required sections validated", findings: [], status: "pass" },
    dash.result,
    checkQuarantine(manifest, policy, now),
    checkForensics(inputs.forensicsDoc, policy),
    checkReactivation(manifest),
    checkReplay(dash.suites, manifest.terminal === null ? manifest.entries : null),
  ];
  if (inputs.pilotSummary !== null) results.push(checkPilot(inputs.pilotSummary));
  const summary = summarize(results);
  const t = policy.quality_thresholds;
  return {
    dashboard_health: dash.health,
    gate_status: summary.fail > 0 ? "fail" : "pass",
    generated_at_utc: formatOffsetUtc(now),
    git_sha: inputs.gitSha,
    inputs: {
      dashboard: inputs.dashboard.path,
      forensics_doc: inputs.forensicsDoc.path,
      pilot_summary: inputs.pilotSummary?.path ?? null,
      quarantine_manifest: inputs.manifest.path,
    },
    metrics: {
      unresolved_critical: manifest.terminal === null ? manifest.critical : null,
      unresolved_high: manifest.terminal === null ? manifest.high : null,
    },
    policy_path: inputs.policyPath,
    results,
    schema_version: GATE_REPORT_SCHEMA_VERSION,
    summary,
    thresholds: {
      // Exactly the five threshold keys: unknown policy keys are informational, not reported.
      max_critical_test_failures: t.max_critical_test_failures,
      max_false_positive_rate_pct: t.max_false_positive_rate_pct,
      max_flake_rate_pct: t.max_flake_rate_pct,
      max_unresolved_critical_severity_flakes: t.max_unresolved_critical_severity_flakes,
      max_unresolved_high_severity_flakes: t.max_unresolved_high_severity_flakes,
      reactivation_min_runs: Object.fromEntries(SEVERITIES.map((s) => [s, minRuns(s)])) as Record<Severity, number>,
      sla_targets_hours: { ...policy.sla_targets_hours },
    },
  };
}

/** The report when the policy itself failed WG-POLICY: only that result (gate.md §4.2 step 2). */
export function policyFailureReport(policyPath: string, policyResult: CheckResult, now: number, gitSha: string | null): GateReport {
  return {
    gate_status: "fail",
    generated_at_utc: formatOffsetUtc(now),
    git_sha: gitSha,
    policy_path: policyPath,
    results: [policyResult],
    schema_version: GATE_REPORT_SCHEMA_VERSION,
    summary: summarize([policyResult]),
  };
}

export function gateEvents(report: GateReport): GateEvent[] {
  return report.results.map((r) => ({
    check_id: r.check_id,
    detail: r.detail,
    generated_at_utc: report.generated_at_utc,
    schema_version: GATE_EVENT_SCHEMA_VERSION,
    status: r.status,
  }));
}
