// The shapes detect / merge / ingest write (detector.md §3.3–§3.5). Object keys are built in
// exactly these orders: the files are compared byte for byte, and the first keys are the
// original scripts' contract.
import type { DetectionPowerSummary } from "./detection-power.ts";
import type { TestCasesSummary } from "./test-traces.ts";
import type { ShardBy, RunRecord, RunStatus } from "./types.ts";
import type { DetectorVerdict } from "./verdict.ts";

export const DASHBOARD_SCHEMA = "sem-variance-dashboard-v1";
export const EVENTS_SCHEMA = "sem-verification-log-v1";
export const EVENTS_FILE = "variance_events.ndjson";
export const SUMMARY_FILE = "summary.txt";
export const DASHBOARD_FILE = "variance_dashboard.json";

export type DetectorSource = "detect" | "merge" | "ingest";

export interface DashboardShard {
  index: number;
  count: number;
  by: ShardBy;
  planned_suites: string[];
}

export interface MergedFromEntry {
  index: number;
  count: number;
  run_id: string;
}

/** §3.3.1, keys in output order. */
export interface DetectorDashboardSuite {
  suite: string;
  witness_ids: string[];
  scenario_id: string;
  iterations: number;
  outcomes: { pass: number; fail: number; skip: number; status_trace: RunStatus[] };
  unstable: boolean;
  likely_variance_sources: string[];
  duration_ms: { min: number | null; max: number | null; mean: number | null; spread_pct: number | null; samples: number };
  replay_command: string;
  command: string;
  artifacts: { logs: string[] };
  duration_spread_pct: number | null;
  instability_signals: string[];
  deterministic_failure: boolean;
  fingerprints: string[];
  distinct_fingerprints: number;
  detection_power: { runs: number; failure_rate_upper_bound_pct: number | null };
  result_format: "junit" | "tap" | null;
  test_cases: TestCasesSummary | null;
  runs: RunRecord[];
}

/** §3.3, keys in output order. */
export interface VarianceDashboard {
  schema_version: typeof DASHBOARD_SCHEMA;
  generated_at: string;
  run_id: string;
  seed: number | null;
  iterations: number;
  ci_mode: boolean;
  suite_count: number;
  unstable_suite_count: number;
  suites: DetectorDashboardSuite[];
  unstable_suites: string[];
  recommendations: string[];
  artifacts: { variance_events_ndjson: string; summary: string };
  producer: "flakewarden";
  source: DetectorSource;
  verdict: DetectorVerdict;
  run_failed: boolean;
  deterministic_failure_count: number;
  deterministic_failure_suites: string[];
  duration_threshold_pct: number;
  warmup_runs: number;
  duration_floor_ms: number;
  fingerprint_scheme: string;
  config_path: string | null;
  config_hash: string | null;
  suite_filter: string[];
  detection_power: DetectionPowerSummary;
  shard: DashboardShard | null;
  merged_from: MergedFromEntry[] | null;
}
