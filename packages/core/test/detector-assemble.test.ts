// Dashboard, events, summary and tests.ndjson assembly (detector.md §3.3–§3.6, §7.2, §4.8).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import test from "node:test";
import {
  assembleDetectorOutputs,
  casesAtIteration,
  classifyRun,
  detectionPowerSummary,
  runRulesOf,
  testIdNormalizer,
  testTraces,
  validateDetectorConfig,
  verdictLine,
  type AssembleInput,
  type ClassifiedRun,
  type RunObservation,
  type SuiteConfig,
  type TestCase,
} from "../src/index.ts";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const normalizeId = testIdNormalizer({ runDir: "/o/r", cwd: "/p", home: "", tmpDirs: ["/tmp"] });

function suites(): SuiteConfig[] {
  const r = validateDetectorConfig({
    suites: [
      { name: "A", command: ["node", "ok.js"], witness_ids: ["W1"] },
      { name: "B", command: ["node", "flaky.js"], scenario_id: "sc-b", result_file: "r.xml" },
    ],
  });
  if (!r.ok) assert.fail(JSON.stringify(r.issues));
  return r.value.suites;
}

function run(s: SuiteConfig, iteration: number, exitCode: number, cases: TestCase[] | null = null): ClassifiedRun {
  const o: RunObservation = {
    iteration,
    spawnError: null,
    timedOut: false,
    signal: null,
    exitCode,
    logText: "",
    result: cases === null ? (s.result_file === null ? { kind: "none" } : { kind: "missing", path: "r.xml" }) : { kind: "junit", cases, bailOut: null, durationMs: null },
    durationNs: `${100 + iteration}000000`,
    endedAtNs: `17731440000000000${iteration}0`,
    reproCommand: `repro ${s.name} ${iteration}`,
    log: `${s.name}/run_${iteration}.log`,
    resultCopy: cases === null ? null : `${s.name}/run_${iteration}.junit.xml`,
    shard: null,
    artifactHash: `hash-${s.name}-${iteration}`,
  };
  return classifyRun(o, runRulesOf(s), { warmupRuns: 0, normalizeId, sha256 });
}

function input(extra: Partial<AssembleInput> = {}): AssembleInput {
  const [a, b] = suites() as [SuiteConfig, SuiteConfig];
  return {
    source: "detect",
    runId: "r1",
    instantMs: Date.parse("2026-03-10T12:00:00.500Z"),
    seed: 4242,
    iterations: 3,
    ciMode: false,
    outDisplay: "./out/",
    durationThresholdPct: 100000,
    warmupRuns: 0,
    durationFloorMs: 0,
    confidence: 0.95,
    detectionPower: detectionPowerSummary("0.95", null),
    configPath: "flakewarden.yaml",
    configHash: "c".repeat(64),
    suiteFilter: [],
    shard: null,
    mergedFrom: null,
    commitHash: "d".repeat(40),
    suites: [
      { suite: "A", witness_ids: a.witness_ids, scenario_id: a.scenario_id, result_format: null, runs: [run(a, 3, 0), run(a, 1, 0), run(a, 2, 0)] },
      {
        suite: "B",
        witness_ids: b.witness_ids,
        scenario_id: b.scenario_id,
        result_format: "junit",
        runs: [
          run(b, 1, 0, [{ id: "t1", status: "pass" }]),
          run(b, 2, 1, [{ id: "t1", status: "fail" }]),
          run(b, 3, 0, [{ id: "t1", status: "pass" }, { id: "t0", status: "flaky" }]),
        ],
      },
    ],
    ...extra,
  };
}

test("dashboard keys in spec order, suites in plan order, derived fields", () => {
  const out = assembleDetectorOutputs(input());
  const d = out.dashboard;
  assert.deepEqual(Object.keys(d), [
    "schema_version", "generated_at", "run_id", "seed", "iterations", "ci_mode", "suite_count", "unstable_suite_count", "suites",
    "unstable_suites", "recommendations", "artifacts", "producer", "source", "verdict", "run_failed", "deterministic_failure_count",
    "deterministic_failure_suites", "duration_threshold_pct", "warmup_runs", "duration_floor_ms", "fingerprint_scheme", "config_path",
    "config_hash", "suite_filter", "detection_power", "shard", "merged_from",
  ]);
  assert.deepEqual(Object.keys(d.suites[0] ?? {}), [
    "suite", "witness_ids", "scenario_id", "iterations", "outcomes", "unstable", "likely_variance_sources", "duration_ms",
    "replay_command", "command", "artifacts", "duration_spread_pct", "instability_signals", "deterministic_failure", "fingerprints",
    "distinct_fingerprints", "detection_power", "result_format", "test_cases", "runs",
  ]);
  assert.equal(d.generated_at, "2026-03-10T12:00:00Z");
  assert.deepEqual(d.suites.map((s) => s.suite), ["A", "B"]);
  const [a, b] = d.suites;
  assert.deepEqual(a?.runs.map((r) => r.iteration), [1, 2, 3]);
  assert.deepEqual(a?.outcomes, { pass: 3, fail: 0, skip: 0, status_trace: ["pass", "pass", "pass"] });
  assert.deepEqual(a?.duration_ms, { min: 101, max: 103, mean: 102, spread_pct: 1.98, samples: 3 });
  assert.equal(a?.replay_command, "repro A 1");
  assert.deepEqual(a?.artifacts, { logs: ["A/run_1.log", "A/run_2.log", "A/run_3.log"] });
  assert.deepEqual(a?.detection_power, { runs: 3, failure_rate_upper_bound_pct: 63.16 });
  assert.equal(a?.test_cases, null);
  assert.equal(b?.replay_command, "repro B 2");
  assert.equal(b?.command, "repro B 2");
  assert.deepEqual(b?.instability_signals, ["status_variance", "fingerprint_variance", "retry_flake"]);
  assert.deepEqual(b?.detection_power, { runs: 2, failure_rate_upper_bound_pct: null });
  assert.deepEqual(b?.test_cases, {
    total: 2, unstable_count: 2, deterministic_failure_count: 0, flaky_tests: ["t0", "t1"], failing_tests: [], truncated: false, table: "B/tests.ndjson",
  });
  assert.deepEqual(d.unstable_suites, ["B"]);
  assert.equal(d.verdict, "fail");
  assert.equal(d.run_failed, true);
  assert.deepEqual(d.recommendations, [
    "Investigate unstable suites first using replay_command and per-run logs.",
    "Increase deterministic replay iteration count in CI for unstable suites.",
    "Correlate instability with SEM-10.5 CI signal-quality tuning.",
  ]);
  assert.equal(out.exitCode, 1);
  assert.ok(out.dashboardJson.endsWith("}\n"));
  assert.ok(out.dashboardJson.startsWith('{\n  "schema_version": "sem-variance-dashboard-v1",\n'));
});

test("events: one compact line per run in plan order, big integers verbatim, verdict_reason only on non-pass", () => {
  const out = assembleDetectorOutputs(input());
  const lines = out.eventsNdjson.split("\n");
  assert.equal(lines.pop(), "");
  assert.equal(lines.length, 6);
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(events.map((e) => e.global_seq), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(events.map((e) => e.seq), [1, 2, 3, 1, 2, 3]);
  assert.equal(events[0]?.entry_id, "svl-r1-A-001");
  assert.deepEqual(Object.keys(events[0] ?? {}), [
    "schema_version", "entry_id", "run_id", "seq", "timestamp_ns", "phase", "rule_id", "rule_number", "domain", "evidence_class",
    "scenario_id", "verdict", "seed", "repro_command", "witness_id", "artifact_path", "suite", "iteration", "global_seq",
    "trace_fingerprint", "artifact_hash", "duration_ns", "exit_code", "failure_kind", "commit_hash", "config_hash",
  ]);
  assert.equal(Object.keys(events[4] ?? {})[16], "verdict_reason");
  assert.equal(events[4]?.verdict_reason, "exit status 1");
  assert.ok(!("verdict_reason" in (events[3] ?? {})));
  assert.equal(events[0]?.witness_id, "W1");
  assert.equal(events[3]?.witness_id, null);
  assert.equal(events[3]?.scenario_id, "sc-b");
  // timestamp_ns is the digits of ended_at_ns, beyond 2^53 without rounding.
  assert.ok(lines[0]?.includes('"timestamp_ns":177314400000000001'), lines[0]);
  assert.ok(lines[0]?.includes('"duration_ns":101000000,'));
  assert.equal(events[0]?.artifact_hash, "hash-A-1");
  assert.equal(events[0]?.commit_hash, "d".repeat(40));
});

test("summary.txt, stdout and the verdict line", () => {
  const out = assembleDetectorOutputs(input());
  assert.equal(
    out.summaryText,
    "=== variance summary ===\nrun_id: r1\nunstable_suites: 1\nsuite_count: 2\nevents_file: out/r1/variance_events.ndjson\ndeterministic_failures: 0\nverdict: fail\n\n",
  );
  assert.equal(out.stdoutText, `${out.summaryText}dashboard: out/r1/variance_dashboard.json\nverdict: FAIL (run_failed=1 unstable_suites=1 deterministic_failures=0)\n`);
  const ci = assembleDetectorOutputs(input({ ciMode: true }));
  assert.equal(ci.verdictLine, "CI verdict: FAIL (run_failed=1 unstable_suites=1 deterministic_failures=0)");
  assert.equal(ci.dashboard.ci_mode, true);
  const shard = assembleDetectorOutputs(input({ shard: { index: 2, count: 4, by: "suite", planned_suites: ["A", "B"] } }));
  assert.equal(shard.verdict, "deferred");
  assert.equal(shard.exitCode, 0);
  assert.equal(shard.verdictLine, "verdict: DEFERRED (shard 2/4)");
  assert.equal(verdictLine({ verdict: "pass", runFailed: false, unstableCount: 0, deterministicCount: 0, shard: null, ci: false }), "verdict: PASS");
});

test("a deterministic failure is listed in fields and recommendations; a clean run passes", () => {
  const [a] = suites() as [SuiteConfig];
  const det = assembleDetectorOutputs(
    input({ suites: [{ suite: "A", witness_ids: [], scenario_id: "A", result_format: null, runs: [run(a, 1, 1), run(a, 2, 1)] }] }),
  );
  assert.equal(det.dashboard.deterministic_failure_count, 1);
  assert.deepEqual(det.dashboard.deterministic_failure_suites, ["A"]);
  assert.deepEqual(det.dashboard.recommendations, ["Deterministic failures (failed every iteration): A. Fix them before judging flakiness."]);
  assert.equal(det.verdictLine, "verdict: FAIL (run_failed=1 unstable_suites=0 deterministic_failures=1)");
  const clean = assembleDetectorOutputs(
    input({ suites: [{ suite: "A", witness_ids: [], scenario_id: "A", result_format: null, runs: [run(a, 1, 0), run(a, 2, 0)] }] }),
  );
  assert.equal(clean.verdict, "pass");
  assert.equal(clean.exitCode, 0);
  assert.deepEqual(clean.dashboard.recommendations, ["No instability detected; keep current deterministic replay cadence."]);
  assert.deepEqual(clean.testTables, []);
});

test("tests.ndjson: sorted ids, traces with missing / unknown / null, §7.2 keys", () => {
  const out = assembleDetectorOutputs(input());
  assert.deepEqual(out.testTables.map((t) => t.path), ["B/tests.ndjson"]);
  const rows = out.testTables[0]?.text.trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(rows, [
    { id: "t0", trace: ["missing", "missing", "flaky"], pass: 0, fail: 0, skip: 0, flaky: 1, missing: 2, unstable: true, sources: ["retry_flake"], deterministic_failure: false },
    { id: "t1", trace: ["pass", "fail", "pass"], pass: 2, fail: 1, skip: 0, flaky: 0, missing: 0, unstable: true, sources: ["status_variance"], deterministic_failure: false },
  ]);
  const [, b] = suites() as [SuiteConfig, SuiteConfig];
  const traces = testTraces([run(b, 2, 0, [{ id: "x", status: "fail" }]), run(b, 3, 1)], [1, 2, 3, 4]);
  assert.deepEqual(traces[0]?.trace, [null, "fail", "unknown", null]);
  assert.equal(traces[0]?.deterministic_failure, true);
});

test("casesAtIteration reads one run's cases back from a table, so traces survive a round trip", () => {
  const out = assembleDetectorOutputs(input());
  const rows = (out.testTables[0]?.text ?? "").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(casesAtIteration(rows, 3, true), [
    { id: "t0", status: "flaky" },
    { id: "t1", status: "pass" },
  ]);
  assert.deepEqual(casesAtIteration(rows, 1, true), [{ id: "t1", status: "pass" }]);
  assert.equal(casesAtIteration(rows, 1, false), null);
  const rebuilt = [1, 2, 3].map((i) => {
    const original = input().suites[1]?.runs.find((r) => r.record.iteration === i) as ClassifiedRun;
    return { ...original, cases: casesAtIteration(rows, i, original.record.tests !== null) };
  });
  assert.deepEqual(testTraces(rebuilt, [1, 2, 3]), testTraces(input().suites[1]?.runs ?? [], [1, 2, 3]));
});

test("the first 100 unstable ids are listed and the list says it was cut", () => {
  const [, b] = suites() as [SuiteConfig, SuiteConfig];
  const ids = Array.from({ length: 101 }, (_, i) => `t${String(i).padStart(3, "0")}`);
  const out = assembleDetectorOutputs(
    input({
      iterations: 1,
      suites: [{ suite: "B", witness_ids: [], scenario_id: "B", result_format: "junit", runs: [run(b, 1, 0, ids.map((id) => ({ id, status: "flaky" })))] }],
    }),
  );
  const tc = out.dashboard.suites[0]?.test_cases;
  assert.equal(tc?.flaky_tests.length, 100);
  assert.equal(tc?.unstable_count, 101);
  assert.equal(tc?.truncated, true);
});
