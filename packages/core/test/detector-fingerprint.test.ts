// Replay fingerprints and test-id normalisation (detector.md §4.5; acceptance 22, core part).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import test from "node:test";
import {
  classifyRun,
  classifySuite,
  fingerprintText,
  normalizeTestId,
  runRulesOf,
  testIdNormalizer,
  validateDetectorConfig,
  type NormalizeContext,
  type RunObservation,
  type SuiteConfig,
  type TestCase,
} from "../src/index.ts";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const ctx: NormalizeContext = { runDir: "/srv/ci/out/r1", cwd: "/srv/ci/proj", home: "/home/dev", tmpDirs: ["/tmp", "/private/tmp"] };

function suite(extra: Record<string, unknown> = {}): SuiteConfig {
  const r = validateDetectorConfig({ suites: [{ name: "B", command: ["x"], ...extra }] });
  if (!r.ok) assert.fail(JSON.stringify(r.issues));
  return r.value.suites[0] as SuiteConfig;
}

function run(iteration: number, cases: TestCase[] | null, extra: Partial<RunObservation> = {}) {
  const o: RunObservation = {
    iteration,
    spawnError: null,
    timedOut: false,
    signal: null,
    exitCode: 0,
    logText: "",
    result: cases === null ? { kind: "none" } : { kind: "junit", cases, bailOut: null, durationMs: null },
    durationNs: "1000000",
    endedAtNs: "1",
    reproCommand: "x",
    log: `B/run_${iteration}.log`,
    resultCopy: null,
    shard: null,
    artifactHash: "",
    ...extra,
  };
  const s = cases === null ? suite() : suite({ result_file: "r.xml" });
  return classifyRun(o, runRulesOf(s), { warmupRuns: 0, normalizeId: testIdNormalizer(ctx), sha256 });
}

test("acceptance 22 (core): without result files every passing run shares the §4.5 fingerprint", () => {
  const expected = sha256("flakewarden-outcome-v1\nsuite B\nstatus pass\nkind none\nresults none\ntests 0\n");
  const a = run(1, null, { logText: "took 15ms at 2026-01-01T00:00:00Z" });
  const b = run(2, null, { logText: "completely different output\n" });
  assert.equal(a.record.fingerprint, expected);
  assert.equal(b.record.fingerprint, expected);
});

test("acceptance 22 (core): a test passing in one run and absent in the next changes the fingerprint", () => {
  const r1 = run(1, [{ id: "suite::t1", status: "pass" }, { id: "suite::t2", status: "pass" }]);
  const r2 = run(2, [{ id: "suite::t1", status: "pass" }]);
  assert.equal(r1.record.status, "pass");
  assert.equal(r2.record.status, "pass");
  assert.notEqual(r1.record.fingerprint, r2.record.fingerprint);
  const c = classifySuite([r1.record, r2.record], { durationThresholdPct: 100000, durationFloorMs: 0, warmupRuns: 0 });
  assert.equal(c.unstable, true);
  assert.deepEqual(c.instabilitySignals, ["fingerprint_variance"]);
});

test("acceptance 22 (core): ids differing only by timestamp, temp path, pid or duration share a fingerprint", () => {
  const variants: [string, string][] = [
    ["t started 2026-03-10T12:00:00.123Z", "t started 2026-03-11 08:15:59,9+02:00"],
    ["load /tmp/fwvol-abc/x.json", "load /tmp/fwvol-xyz/x.json"],
    ["worker pid=123", "worker PID: 98765"],
    ["slow path 15ms", "slow path 2.5 s"],
  ];
  for (const [x, y] of variants) {
    assert.equal(normalizeTestId(x, ctx), normalizeTestId(y, ctx), `${x} vs ${y}`);
    assert.equal(run(1, [{ id: x, status: "pass" }]).record.fingerprint, run(2, [{ id: y, status: "pass" }]).record.fingerprint);
  }
  // A real difference in the id still shows.
  assert.notEqual(run(1, [{ id: "t a", status: "pass" }]).record.fingerprint, run(2, [{ id: "t b", status: "pass" }]).record.fingerprint);
});

test("normalisation steps in order, with the literal machine paths longest first", () => {
  const n = (id: string): string => normalizeTestId(id, ctx);
  assert.equal(n("/srv/ci/out/r1/logs and /srv/ci/proj/src and /home/dev/.cache"), "<run>/logs and <cwd>/src and <home>/.cache");
  assert.equal(n('open "/private/tmp/a b" /var/folders/xy/T/q'), 'open "<tmp> b" <tmp>');
  assert.equal(n("C:\\Users\\me\\AppData\\Local\\Temp\\fw-1\\x.txt done"), "<tmp> done");
  assert.equal(n("at 1773144000 and 1773144000123"), "at <epoch> and <epoch>");
  assert.equal(n("id 123e4567-e89b-12d3-a456-426614174000 ptr 0xdeadbeef"), "id <uuid> ptr <addr>");
  assert.equal(n("GET localhost:8080 and [::1]:443"), "GET localhost:<port> and [::1]:<port>");
  assert.equal(n("  many   spaces\there \n"), "many spaces here");
  // A cwd under the temp directory is left to the temp rule.
  const tmpCtx: NormalizeContext = { runDir: "/tmp/fw-1/out/r", cwd: "/tmp/fw-1", home: "/", tmpDirs: ["/tmp"] };
  assert.equal(normalizeTestId("/tmp/fw-1/out/r/x /tmp/fw-1/y", tmpCtx), "<tmp> <tmp>");
  // An empty or root home is never substituted.
  assert.equal(normalizeTestId("/a/b", { runDir: "/r", cwd: "/c", home: "/", tmpDirs: [] }), "/a/b");
});

test("fingerprint text lists cases sorted with their status", () => {
  const text = fingerprintText({
    suite: "s",
    status: "fail",
    kind: "test_failures",
    results: "tap",
    cases: [
      { id: "b", status: "pass" },
      { id: "a", status: "fail" },
    ],
  });
  assert.equal(text, "flakewarden-outcome-v1\nsuite s\nstatus fail\nkind test_failures\nresults tap\ntests 2\nfail a\npass b\n");
});
