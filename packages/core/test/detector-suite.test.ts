// Duration statistics (§4.6), suite classification (§4.7) and detection power (§7.3).
import assert from "node:assert/strict";
import test from "node:test";
import {
  classifySuite,
  detectionPowerSummary,
  durationStats,
  failureRateUpperBoundPct,
  parseProbability,
  percentOfDecimalText,
  requiredIterations,
  type RunRecord,
  type RunStatus,
} from "../src/index.ts";

function rec(iteration: number, status: RunStatus, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    iteration,
    status,
    kind: status === "pass" ? "none" : status === "fail" ? "exit_nonzero" : "skip_pattern",
    exit_code: status === "fail" ? 1 : 0,
    signal: null,
    timed_out: false,
    warmup: false,
    duration_ms: 100,
    duration_ns: "100000000",
    ended_at_ns: "1",
    fingerprint: `fp-${status}`,
    repro_command: "x",
    log: `s/run_${iteration}.log`,
    result: null,
    tests: null,
    signals: [],
    failure_detail: null,
    shard: null,
    ...extra,
  };
}

const T = { durationThresholdPct: 25, durationFloorMs: 0, warmupRuns: 0 };
const timed = (ms: number[]): RunRecord[] => ms.map((d, i) => rec(i + 1, "pass", { duration_ms: d }));

test("acceptance 21: duration spread, rounding before the strict comparison, min 0, warm-up", () => {
  const five = classifySuite(timed([500, 510, 520, 505, 640]), T);
  assert.equal(five.duration.spread_pct, 28);
  assert.equal(five.unstable, true);
  assert.deepEqual(five.instabilitySignals, ["duration_variance"]);
  assert.equal(five.fail, 0);
  assert.equal(durationStats(timed([40, 51]), 0).spread_pct, 27.5);
  const edge = classifySuite(timed([400, 500]), T);
  assert.equal(edge.duration.spread_pct, 25);
  assert.equal(edge.unstable, false);
  assert.deepEqual(edge.likelyVarianceSources, ["none"]);
  assert.equal(durationStats(timed([0, 900]), 0).spread_pct, 0);
  assert.deepEqual(durationStats(timed([1500, 500, 510, 505, 520]), 1), { min: 500, max: 520, mean: 508, spread_pct: 4, samples: 4 });
  assert.deepEqual(durationStats(timed([1500, 500, 510, 505, 520]), 0), { min: 500, max: 1500, mean: 707, spread_pct: 200, samples: 5 });
  // 25.004 rounds to 25, which is not above 25.
  assert.equal(classifySuite(timed([100000, 125004]), T).unstable, false);
  // Fewer than 2 samples: all null; null durations are not samples.
  assert.deepEqual(durationStats([rec(1, "pass"), rec(2, "pass", { duration_ms: null })], 0), { min: null, max: null, mean: null, spread_pct: null, samples: 1 });
  // The noise floor: a 28% spread of 140 ms is ignored under a 200 ms floor.
  assert.equal(classifySuite(timed([500, 510, 520, 505, 640]), { ...T, durationFloorMs: 200 }).unstable, false);
});

test("classification sources in table order; deterministic failure only when not unstable", () => {
  const status = classifySuite([rec(1, "pass"), rec(2, "pass"), rec(3, "pass"), rec(4, "fail"), rec(5, "pass")], { ...T, durationThresholdPct: 100000 });
  assert.deepEqual(status.likelyVarianceSources, ["status_variance"]);
  assert.deepEqual(status.statusTrace, ["pass", "pass", "pass", "fail", "pass"]);
  const skip = classifySuite([rec(1, "fail"), rec(2, "skip"), rec(3, "fail"), rec(4, "skip")], T);
  assert.deepEqual(skip.instabilitySignals, ["skip_variance"]);
  assert.equal(skip.deterministicFailure, false);
  const det = classifySuite([1, 2, 3].map((i) => rec(i, "fail", { signals: ["panic_path"] })), T);
  assert.equal(det.unstable, false);
  assert.equal(det.deterministicFailure, true);
  assert.deepEqual(det.likelyVarianceSources, ["panic_path", "deterministic_failure"]);
  // Two failing runs with different fingerprints (different kinds) are unstable, not deterministic.
  const kinds = classifySuite([rec(1, "fail"), rec(2, "fail", { fingerprint: "other" })], T);
  assert.deepEqual(kinds.likelyVarianceSources, ["fingerprint_variance"]);
  assert.equal(kinds.deterministicFailure, false);
  assert.equal(kinds.distinctFingerprints, 2);
  const retry = classifySuite([rec(1, "pass", { tests: { total: 1, pass: 0, fail: 0, skip: 0, flaky: 1 } })], T);
  assert.deepEqual(retry.instabilitySignals, ["retry_flake"]);
  const all = classifySuite(
    [
      rec(1, "pass", { duration_ms: 10, tests: { total: 1, pass: 0, fail: 0, skip: 0, flaky: 1 } }),
      rec(2, "fail", { duration_ms: 100, signals: ["timeout_or_deadline_pressure", "trace_divergence"] }),
      rec(3, "skip", { duration_ms: 10 }),
      rec(4, "pass", { duration_ms: 10, fingerprint: "x" }),
    ],
    T,
  );
  assert.deepEqual(all.likelyVarianceSources, [
    "status_variance", "skip_variance", "fingerprint_variance", "retry_flake", "duration_variance", "timeout_or_deadline_pressure", "trace_divergence",
  ]);
});

test("acceptance 28 (core): failure-rate upper bounds at 0.95 and required iterations", () => {
  assert.equal(failureRateUpperBoundPct(5, 0, 0.95), 45.07);
  assert.equal(failureRateUpperBoundPct(2, 0, 0.95), 77.64);
  assert.equal(failureRateUpperBoundPct(10, 0, 0.95), 25.89);
  assert.equal(failureRateUpperBoundPct(59, 0, 0.95), 4.95);
  assert.equal(failureRateUpperBoundPct(5, 1, 0.95), null);
  assert.equal(failureRateUpperBoundPct(0, 0, 0.95), null);
  assert.equal(requiredIterations(0.05, 0.95), 59);
  assert.equal(requiredIterations(0.1, 0.95), 29);
  assert.equal(requiredIterations(0.01, 0.95), 299);
  assert.equal(requiredIterations(0.02, 0.99), 228);
  assert.equal(requiredIterations(0.5, 0.5), 2);
  assert.equal(requiredIterations(0.0001, 0.95), 29956);
});

test("probability flags and their exact percentages", () => {
  assert.equal(parseProbability("0.95"), 0.95);
  assert.equal(parseProbability(".5"), 0.5);
  for (const bad of ["0", "1", "1.5", "-0.1", "5e-2", "", ".", "abc", "0.5.1"]) assert.equal(parseProbability(bad), null, bad);
  assert.equal(percentOfDecimalText("0.95"), 95);
  assert.equal(percentOfDecimalText("0.005"), 0.5);
  assert.equal(percentOfDecimalText("0.07"), 7);
  assert.equal(percentOfDecimalText("0.12345"), 12.345);
  assert.deepEqual(detectionPowerSummary("0.95", null), { confidence_pct: 95, target_flake_rate_pct: null, required_iterations: null });
  assert.deepEqual(detectionPowerSummary("0.99", "0.02"), { confidence_pct: 99, target_flake_rate_pct: 2, required_iterations: 228 });
});
