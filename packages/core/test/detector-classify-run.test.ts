// Run status (detector.md §4.3, every row), signals (§4.4) and the run record (§3.4).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import test from "node:test";
import {
  classifyRun,
  resultOnlyRules,
  runRulesOf,
  testIdNormalizer,
  validateDetectorConfig,
  type ClassifiedRun,
  type RunObservation,
  type SuiteConfig,
  type TestCase,
} from "../src/index.ts";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const normalizeId = testIdNormalizer({ runDir: "/work/out/r", cwd: "/work/p", home: "/home/u", tmpDirs: ["/tmp"] });

function suite(extra: Record<string, unknown> = {}): SuiteConfig {
  const r = validateDetectorConfig({ suites: [{ name: "s", command: ["x"], ...extra }] });
  if (!r.ok) assert.fail(JSON.stringify(r.issues));
  return r.value.suites[0] as SuiteConfig;
}

function obs(extra: Partial<RunObservation> = {}): RunObservation {
  return {
    iteration: 1,
    spawnError: null,
    timedOut: false,
    signal: null,
    exitCode: 0,
    logText: "",
    result: { kind: "none" },
    durationNs: "1500000",
    endedAtNs: "1773144000000000000",
    reproCommand: "x",
    log: "s/run_1.log",
    resultCopy: null,
    shard: null,
    artifactHash: "ab",
    ...extra,
  };
}

function classify(o: Partial<RunObservation>, s: Record<string, unknown> = {}, warmupRuns = 0): ClassifiedRun {
  return classifyRun(obs(o), runRulesOf(suite(s)), { warmupRuns, normalizeId, sha256 });
}

const row = (c: ClassifiedRun): [string, string, string | null] => [c.record.status, c.record.kind, c.record.failure_detail];
const junit = (cases: { id: string; status: "pass" | "fail" | "skip" | "flaky" }[], bailOut: string | null = null) =>
  ({ kind: "junit", cases, bailOut, durationMs: null }) as const;
const withResults = { result_file: "r.xml" };

test("status table rows 1-6 (process side), first match wins", () => {
  assert.deepEqual(row(classify({ spawnError: "spawn nope ENOENT", exitCode: null })), ["fail", "spawn_error", "could not start: spawn nope ENOENT"]);
  assert.deepEqual(row(classify({ timedOut: true, exitCode: null }, { timeout_s: 1.5 })), ["fail", "timeout", "timed out after 1.5s"]);
  assert.deepEqual(row(classify({ signal: "SIGKILL", exitCode: null })), ["fail", "signal", "killed by SIGKILL"]);
  assert.deepEqual(row(classify({ logText: "ok\nfalling back to local\n" }, { fail_patterns: ["nomatch", "FALLING back"] })), [
    "fail",
    "fail_pattern",
    "output matched fail pattern FALLING back",
  ]);
  assert.deepEqual(row(classify({ exitCode: 77 }, { skip_exit_codes: [77] })), ["skip", "skip_exit_code", "skip exit code 77"]);
  assert.deepEqual(row(classify({ exitCode: 3 })), ["fail", "exit_nonzero", "exit status 3"]);
  // A fail pattern beats a skip exit code and a non-zero exit.
  assert.equal(classify({ exitCode: 77, logText: "boom" }, { skip_exit_codes: [77], fail_patterns: ["boom"] }).record.kind, "fail_pattern");
});

test("status table rows 7-14 (results side)", () => {
  assert.deepEqual(row(classify({ result: { kind: "missing", path: "r.xml" } }, withResults)), ["fail", "result_missing", "result file not produced: r.xml"]);
  assert.deepEqual(row(classify({ result: { kind: "invalid", format: "junit", line: 3, column: 7, problem: "Unclosed root tag" } }, withResults)), [
    "fail",
    "result_invalid",
    "result file invalid: 3:7 Unclosed root tag",
  ]);
  assert.deepEqual(row(classify({ result: junit([{ id: "a", status: "pass" }], "db down") }, withResults)), ["fail", "bail_out", "bail out: db down"]);
  const failing = junit([...["d", "a", "c", "b"].map((id): TestCase => ({ id, status: "fail" })), { id: "p", status: "pass" }]);
  assert.deepEqual(row(classify({ result: failing }, withResults)), ["fail", "test_failures", "4 failing test(s): d, a, c"]);
  assert.deepEqual(row(classify({ result: junit([]) }, withResults)), ["skip", "no_tests", "no tests ran"]);
  assert.deepEqual(row(classify({ result: junit([{ id: "a", status: "skip" }, { id: "b", status: "skip" }]) }, withResults)), [
    "skip",
    "all_tests_skipped",
    "all 2 tests skipped",
  ]);
  // Skip markers count only without a result file, and only at the start of a line (D8).
  assert.deepEqual(row(classify({ logText: "  SKIP: no gpu\n" })), ["skip", "skip_pattern", "skip marker in output"]);
  assert.deepEqual(row(classify({ logText: "not a SKIP: line\n" })), ["pass", "none", null]);
  assert.deepEqual(row(classify({ logText: "SKIP: x", result: junit([{ id: "a", status: "pass" }]) }, withResults)), ["pass", "none", null]);
  // Flaky-but-passed tests pass the run.
  const flaky = classify({ result: junit([{ id: "a", status: "flaky" }, { id: "b", status: "pass" }]) }, withResults);
  assert.deepEqual(row(flaky), ["pass", "none", null]);
  assert.deepEqual(flaky.record.tests, { total: 2, pass: 1, fail: 0, skip: 0, flaky: 1 });
});

test("result-only rules (ingest): a parsed result decides, exit code null", () => {
  const r = classifyRun(
    obs({ exitCode: null, durationNs: null, endedAtNs: null, durationMs: 20, reproCommand: "", result: junit([{ id: "a", status: "fail" }]) }),
    resultOnlyRules("unit"),
    { warmupRuns: 0, normalizeId, sha256 },
  );
  assert.deepEqual(row(r), ["fail", "test_failures", "1 failing test(s): a"]);
  assert.equal(r.record.exit_code, null);
  assert.equal(r.record.duration_ms, 20);
  const skipped = classifyRun(obs({ exitCode: null, logText: "SKIP: x", result: junit([]) }), resultOnlyRules("unit"), { warmupRuns: 0, normalizeId, sha256 });
  assert.deepEqual(row(skipped), ["skip", "no_tests", "no tests ran"]);
});

test("signals: only failing runs, pattern order, a timeout adds deadline pressure", () => {
  const log = "thread 'main' panicked at src/x.rs\nreplay divergence at step 4\ndeadline exceeded\n";
  assert.deepEqual(classify({ exitCode: 1, logText: log }).record.signals, ["timeout_or_deadline_pressure", "panic_path", "trace_divergence"]);
  assert.deepEqual(classify({ exitCode: 0, logText: log }).record.signals, []);
  assert.deepEqual(classify({ timedOut: true, exitCode: null, logText: "" }).record.signals, ["timeout_or_deadline_pressure"]);
  assert.deepEqual(classify({ exitCode: 1, logText: "Trace Divergence\r\n" }).record.signals, ["trace_divergence"]);
});

test("the record: keys in §3.4 order, warm-up flag, duration floor, copied fields", () => {
  const c = classify({ iteration: 2, durationNs: "1999999", shard: 3, resultCopy: "s/run_2.junit.xml", result: junit([{ id: "a", status: "pass" }]) }, withResults, 2);
  assert.deepEqual(Object.keys(c.record), [
    "iteration", "status", "kind", "exit_code", "signal", "timed_out", "warmup", "duration_ms", "duration_ns", "ended_at_ns",
    "fingerprint", "repro_command", "log", "result", "tests", "signals", "failure_detail", "shard",
  ]);
  assert.equal(c.record.warmup, true);
  assert.equal(c.record.duration_ms, 1);
  assert.equal(c.record.shard, 3);
  assert.equal(c.record.result, "s/run_2.junit.xml");
  assert.deepEqual(c.cases, [{ id: "a", status: "pass" }]);
  assert.equal(classify({ iteration: 3 }, {}, 2).record.warmup, false);
  const none = classify({ durationNs: null, endedAtNs: null, exitCode: null });
  assert.equal(none.record.duration_ms, null);
  assert.equal(none.record.tests, null);
  assert.equal(none.cases, null);
  // Ingest knows whole milliseconds only.
  assert.equal(classify({ durationNs: null, durationMs: 1234 }).record.duration_ms, 1234);
  assert.equal(classify({ durationNs: null, durationMs: null }).record.duration_ms, null);
  // Nanosecond counts beyond 2^53 stay exact.
  assert.equal(classify({ durationNs: "90071992547409931234" }).record.duration_ms, 90071992547409);
});
