// The one assembly step behind detect, merge and ingest (detector.md §3.3–§3.6, §7.2–§7.4):
// classified runs plus run metadata in, every output text out. Because all three commands
// build their files here, a merge of shards equals a single-machine detect byte for byte
// (except the fields that name the source).
import { toPrettyJson } from "../canonical-json.ts";
import { formatZulu } from "../timestamp.ts";
import { classifySuite } from "./classify-suite.ts";
import {
  DASHBOARD_FILE,
  DASHBOARD_SCHEMA,
  EVENTS_FILE,
  EVENTS_SCHEMA,
  SUMMARY_FILE,
  type DashboardShard,
  type DetectorDashboardSuite,
  type DetectorSource,
  type MergedFromEntry,
  type VarianceDashboard,
} from "./dashboard-model.ts";
import { failureRateUpperBoundPct, type DetectionPowerSummary } from "./detection-power.ts";
import { FINGERPRINT_SCHEME } from "./fingerprint.ts";
import { joinPosix } from "../signal-quality/posix-path.ts";
import { testCasesSummary, testsNdjson, testTraces } from "./test-traces.ts";
import type { ClassifiedRun } from "./types.ts";
import { recommendationsOf, verdictLine, verdictOf, type DetectorVerdict } from "./verdict.ts";

/** One suite of the output, in plan order. */
export interface AssembleSuite {
  suite: string;
  witness_ids: string[];
  scenario_id: string;
  /** The suite's result format; null when it writes no results (then `test_cases` is null and no tests.ndjson). */
  result_format: "junit" | "tap" | null;
  /** Classified runs of this suite present in this output (any order; sorted by iteration here). */
  runs: ClassifiedRun[];
  /**
   * Iterations the per-test traces span, default 1…`iterations`. An iteration listed here with no
   * run in `runs` shows as `null` in every trace (run elsewhere, e.g. on another shard).
   */
  traceIterations?: number[];
}

/**
 * Everything the outputs depend on besides the runs. Values are final (flag/config defaults
 * already resolved); nothing here is read from the environment.
 */
export interface AssembleInput {
  source: DetectorSource;
  runId: string;
  /** The instant (epoch ms): generated_at. */
  instantMs: number;
  /** null only for ingest without --seed. */
  seed: number | null;
  /** Planned iterations per suite (ingest: the number of runs). */
  iterations: number;
  ciMode: boolean;
  /** `<out>` as given (or the default text), for summary.txt and the stdout `dashboard:` line. */
  outDisplay: string;
  durationThresholdPct: number;
  warmupRuns: number;
  durationFloorMs: number;
  /** The confidence as a probability (0.95), for the per-suite failure-rate bounds. */
  confidence: number;
  /** Top-level `detection_power` (build it with detectionPowerSummary). */
  detectionPower: DetectionPowerSummary;
  configPath: string | null;
  configHash: string | null;
  suiteFilter: string[];
  /** Set on a shard run (verdict `deferred`); null otherwise. */
  shard: DashboardShard | null;
  /** merge only. */
  mergedFrom: MergedFromEntry[] | null;
  /** Events' commit_hash. */
  commitHash: string | null;
  /** Plan order. Suites without runs are left out (a shard that runs none of their units). */
  suites: AssembleSuite[];
}

export interface AssembledOutputs {
  dashboard: VarianceDashboard;
  /** `variance_dashboard.json` bytes (pretty, trailing newline). */
  dashboardJson: string;
  /** `variance_events.ndjson` bytes. */
  eventsNdjson: string;
  /** `summary.txt` bytes. */
  summaryText: string;
  /** One `<suite>/tests.ndjson` per suite with a result format; `path` relative to the run directory. */
  testTables: { suite: string; path: string; text: string }[];
  verdict: DetectorVerdict;
  /** e.g. `verdict: PASS`, without a newline. */
  verdictLine: string;
  /** Everything detect/merge/ingest print on stdout: summary, `dashboard:` line, verdict line. */
  stdoutText: string;
  /** Exit code by verdict: 1 for fail, else 0. */
  exitCode: 0 | 1;
}

function suiteEntry(input: AssembleInput, suite: AssembleSuite, runs: ClassifiedRun[]): { entry: DetectorDashboardSuite; table: string | null } {
  const records = runs.map((r) => r.record);
  const c = classifySuite(records, {
    durationThresholdPct: input.durationThresholdPct,
    durationFloorMs: input.durationFloorMs,
    warmupRuns: input.warmupRuns,
  });
  const firstNonPass = records.find((r) => r.status !== "pass") ?? records[0];
  const replay = firstNonPass?.repro_command ?? "";
  let testCases = null;
  let table: string | null = null;
  if (suite.result_format !== null) {
    const iterations = suite.traceIterations ?? Array.from({ length: input.iterations }, (_, i) => i + 1);
    const rows = testTraces(runs, iterations);
    const tablePath = `${suite.suite}/tests.ndjson`;
    testCases = testCasesSummary(rows, tablePath);
    table = testsNdjson(rows);
  }
  const entry: DetectorDashboardSuite = {
    suite: suite.suite,
    witness_ids: suite.witness_ids,
    scenario_id: suite.scenario_id,
    iterations: c.runs,
    outcomes: { pass: c.pass, fail: c.fail, skip: c.skip, status_trace: c.statusTrace },
    unstable: c.unstable,
    likely_variance_sources: c.likelyVarianceSources,
    duration_ms: {
      min: c.duration.min,
      max: c.duration.max,
      mean: c.duration.mean,
      spread_pct: c.duration.spread_pct,
      samples: c.duration.samples,
    },
    replay_command: replay,
    command: replay,
    artifacts: { logs: records.map((r) => r.log) },
    duration_spread_pct: c.duration.spread_pct,
    instability_signals: c.instabilitySignals,
    deterministic_failure: c.deterministicFailure,
    fingerprints: c.fingerprints,
    distinct_fingerprints: c.distinctFingerprints,
    detection_power: { runs: c.pass, failure_rate_upper_bound_pct: failureRateUpperBoundPct(c.pass, c.fail, input.confidence) },
    result_format: suite.result_format,
    test_cases: testCases,
    runs: records,
  };
  return { entry, table };
}

/** A JSON value, or integer digits written verbatim (they may exceed 2^53). */
type EventValue = string | number | boolean | null | { digits: string };

function eventLine(fields: [string, EventValue][]): string {
  const body = fields
    .map(([key, value]) => {
      const text = value !== null && typeof value === "object" ? value.digits : JSON.stringify(value);
      return `${JSON.stringify(key)}:${text}`;
    })
    .join(",");
  return `{${body}}\n`;
}

const digitsOrNull = (value: string | null): EventValue => (value === null ? null : { digits: value });

function eventsText(input: AssembleInput, suites: { suite: AssembleSuite; runs: ClassifiedRun[] }[]): string {
  let global = 0;
  let out = "";
  for (const { suite, runs } of suites) {
    for (const run of runs) {
      const r = run.record;
      global += 1;
      const fields: [string, EventValue][] = [
        ["schema_version", EVENTS_SCHEMA],
        ["entry_id", `svl-${input.runId}-${suite.suite}-${String(r.iteration).padStart(3, "0")}`],
        ["run_id", input.runId],
        ["seq", r.iteration],
        ["timestamp_ns", digitsOrNull(r.ended_at_ns)],
        ["phase", "check"],
        ["rule_id", "inv.determinism.replayable"],
        ["rule_number", 46],
        ["domain", "determinism"],
        ["evidence_class", "CI"],
        ["scenario_id", suite.scenario_id],
        ["verdict", r.status],
        ["seed", input.seed],
        ["repro_command", r.repro_command],
        ["witness_id", suite.witness_ids[0] ?? null],
        ["artifact_path", r.log],
      ];
      if (r.status !== "pass") fields.push(["verdict_reason", r.failure_detail]);
      fields.push(
        ["suite", suite.suite],
        ["iteration", r.iteration],
        ["global_seq", global],
        ["trace_fingerprint", r.fingerprint],
        ["artifact_hash", run.artifactHash],
        ["duration_ns", digitsOrNull(r.duration_ns)],
        ["exit_code", r.exit_code],
        ["failure_kind", r.kind],
        ["commit_hash", input.commitHash],
        ["config_hash", input.configHash],
      );
      out += eventLine(fields);
    }
  }
  return out;
}

export function summaryText(input: { runId: string; unstable: number; suiteCount: number; outDisplay: string; deterministic: number; verdict: DetectorVerdict }): string {
  return [
    "=== variance summary ===",
    `run_id: ${input.runId}`,
    `unstable_suites: ${input.unstable}`,
    `suite_count: ${input.suiteCount}`,
    `events_file: ${joinPosix(input.outDisplay, input.runId, EVENTS_FILE)}`,
    `deterministic_failures: ${input.deterministic}`,
    `verdict: ${input.verdict}`,
    "",
    "",
  ].join("\n");
}

export function assembleDetectorOutputs(input: AssembleInput): AssembledOutputs {
  const present = input.suites
    .map((suite) => ({ suite, runs: [...suite.runs].sort((a, b) => a.record.iteration - b.record.iteration) }))
    .filter((s) => s.runs.length > 0);
  const built = present.map(({ suite, runs }) => ({ suite, ...suiteEntry(input, suite, runs) }));
  const entries = built.map((b) => b.entry);
  const unstableSuites = entries.filter((e) => e.unstable).map((e) => e.suite);
  const deterministicSuites = entries.filter((e) => e.deterministic_failure).map((e) => e.suite);
  const runFailed = entries.some((e) => e.outcomes.fail > 0);
  const verdict = verdictOf({ runFailed, unstableCount: unstableSuites.length, sharded: input.shard !== null });

  const dashboard: VarianceDashboard = {
    schema_version: DASHBOARD_SCHEMA,
    generated_at: formatZulu(input.instantMs),
    run_id: input.runId,
    seed: input.seed,
    iterations: input.iterations,
    ci_mode: input.ciMode,
    suite_count: entries.length,
    unstable_suite_count: unstableSuites.length,
    suites: entries,
    unstable_suites: unstableSuites,
    recommendations: recommendationsOf(unstableSuites.length, deterministicSuites),
    artifacts: { variance_events_ndjson: EVENTS_FILE, summary: SUMMARY_FILE },
    producer: "flakewarden",
    source: input.source,
    verdict,
    run_failed: runFailed,
    deterministic_failure_count: deterministicSuites.length,
    deterministic_failure_suites: deterministicSuites,
    duration_threshold_pct: input.durationThresholdPct,
    warmup_runs: input.warmupRuns,
    duration_floor_ms: input.durationFloorMs,
    fingerprint_scheme: FINGERPRINT_SCHEME,
    config_path: input.configPath,
    config_hash: input.configHash,
    suite_filter: input.suiteFilter,
    detection_power: input.detectionPower,
    shard: input.shard,
    merged_from: input.mergedFrom,
  };

  const summary = summaryText({
    runId: input.runId,
    unstable: unstableSuites.length,
    suiteCount: entries.length,
    outDisplay: input.outDisplay,
    deterministic: deterministicSuites.length,
    verdict,
  });
  const line = verdictLine({
    verdict,
    runFailed,
    unstableCount: unstableSuites.length,
    deterministicCount: deterministicSuites.length,
    shard: input.shard,
    ci: input.ciMode,
  });
  const testTables = built
    .filter((b) => b.table !== null)
    .map((b) => ({ suite: b.suite.suite, path: `${b.suite.suite}/tests.ndjson`, text: b.table ?? "" }));
  return {
    dashboard,
    dashboardJson: toPrettyJson(dashboard),
    eventsNdjson: eventsText(input, present),
    summaryText: summary,
    testTables,
    verdict,
    verdictLine: line,
    stdoutText: `${summary}dashboard: ${joinPosix(input.outDisplay, input.runId, DASHBOARD_FILE)}\n${line}\n`,
    exitCode: verdict === "fail" ? 1 : 0,
  };
}

