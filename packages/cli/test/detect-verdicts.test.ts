// detect on real suites: classification, verdicts and exit codes (detector.md §4, §8 items 17–24).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { detect, exitOn, fixtureScript, isAlive, liveGroupMembers, NODE, nodeCode, OUT, project, suiteOf } from "./support/detect.ts";

const VERDICT_ARGS = ["--duration-threshold", "100000", "--jobs", "4"];

test("acceptance 17: A(∅), B({4}), N = 5: B unstable by status_variance, own replay commands, FAIL line", async () => {
  const root = project({ suites: [{ name: "A", command: exitOn([]) }, { name: "B", command: exitOn([4]) }] });
  const r = await detect(root, ["--iterations", "5", ...VERDICT_ARGS]);
  assert.equal(r.code, 1, r.stderr);
  const a = suiteOf(r.dashboard, "A");
  const b = suiteOf(r.dashboard, "B");
  assert.deepEqual(b.outcomes.status_trace, ["pass", "pass", "pass", "fail", "pass"]);
  assert.equal(b.unstable, true);
  assert.deepEqual(b.likely_variance_sources, ["status_variance"]);
  assert.deepEqual(a.likely_variance_sources, ["none"]);
  assert.equal(a.unstable, false);
  assert.deepEqual(r.dashboard.unstable_suites, ["B"]);
  assert.deepEqual(r.dashboard.recommendations, [
    "Investigate unstable suites first using replay_command and per-run logs.",
    "Increase deterministic replay iteration count in CI for unstable suites.",
    "Correlate instability with SEM-10.5 CI signal-quality tuning.",
  ]);
  // Each suite's replay command is its own (D2): B's is its failing run's, A's its first run's.
  assert.ok(b.replay_command.endsWith(`'process.exit(["4"].includes(process.env.FLAKEWARDEN_ITERATION) ? 1 : 0)'`), b.replay_command);
  assert.notEqual(a.replay_command, b.replay_command);
  assert.equal(a.replay_command, a.runs[0].repro_command);
  assert.equal(b.replay_command, b.runs[3].repro_command);
  assert.ok(a.replay_command.includes("TEST_SEED=4242"), a.replay_command);
  assert.ok(r.stdout.endsWith("verdict: FAIL (run_failed=1 unstable_suites=1 deterministic_failures=0)\n"), r.stdout);
});

test("acceptance 18: runs get TEST_SEED=4242 and {seed} in argv; seed_env null sets no TEST_SEED", async () => {
  const print = "console.log(`seed=${process.env.TEST_SEED} fw=${process.env.FLAKEWARDEN_SEED} arg=${process.argv[1]} it=${process.env.FLAKEWARDEN_ITERATION} suite=${process.env.FLAKEWARDEN_SUITE}`)";
  const root = project({
    suites: [
      { name: "seeded", command: [...nodeCode(print), "--", "--seed={seed}"] },
      { name: "unseeded", command: [...nodeCode(print), "{suite}-{iteration}"], seed_env: null },
    ],
  });
  const r = await detect(root, ["--iterations", "2", ...VERDICT_ARGS], { env: { TEST_SEED: undefined } });
  assert.equal(r.code, 0, r.stderr);
  const runDir = path.join(root, OUT, "latest");
  assert.equal(fs.readFileSync(path.join(runDir, "seeded/run_2.log"), "utf8"), "seed=4242 fw=4242 arg=--seed=4242 it=2 suite=seeded\n");
  assert.equal(fs.readFileSync(path.join(runDir, "unseeded/run_1.log"), "utf8"), "seed=undefined fw=4242 arg=unseeded-1 it=1 suite=unseeded\n");
  const custom = await detect(root, ["--iterations", "2", "--seed", "7", ...VERDICT_ARGS]);
  assert.equal(custom.code, 0, custom.stderr);
  assert.equal(fs.readFileSync(path.join(runDir, "seeded/run_1.log"), "utf8"), "seed=7 fw=7 arg=--seed=7 it=1 suite=seeded\n");
  assert.equal(custom.dashboard.seed, 7);
});

test("acceptance 19: A({1..5}) is a deterministic failure, not unstable, and is named", async () => {
  const root = project({ suites: [{ name: "A", command: exitOn([1, 2, 3, 4, 5]) }] });
  const r = await detect(root, ["--iterations", "5", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  const a = suiteOf(r.dashboard, "A");
  assert.equal(a.unstable, false);
  assert.equal(a.deterministic_failure, true);
  assert.deepEqual(a.likely_variance_sources, ["deterministic_failure"]);
  assert.deepEqual(r.dashboard.deterministic_failure_suites, ["A"]);
  assert.equal(r.dashboard.deterministic_failure_count, 1);
  assert.deepEqual(r.dashboard.recommendations, ["Deterministic failures (failed every iteration): A. Fix them before judging flakiness."]);
  assert.equal(a.runs[0].failure_detail, "exit status 1");
  assert.ok(r.stdout.endsWith("verdict: FAIL (run_failed=1 unstable_suites=0 deterministic_failures=1)\n"));
});

test("acceptance 20: fail/skip and pass/skip alternations are unstable; a SKIP: mid-line is no skip", async () => {
  const failSkip = "const i = Number(process.env.FLAKEWARDEN_ITERATION); if (i % 2) process.exit(1); console.log('SKIP: x')";
  const passSkip = "const i = Number(process.env.FLAKEWARDEN_ITERATION); if (i % 2) console.log('ok'); else console.log('  SKIP: later')";
  const root = project({
    suites: [
      { name: "fs", command: nodeCode(failSkip) },
      { name: "ps", command: nodeCode(passSkip) },
      { name: "mid", command: nodeCode("console.log('not a SKIP: line')") },
    ],
  });
  const r = await detect(root, ["--iterations", "4", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  const fsSuite = suiteOf(r.dashboard, "fs");
  assert.deepEqual(fsSuite.outcomes.status_trace, ["fail", "skip", "fail", "skip"]);
  assert.equal(fsSuite.unstable, true);
  assert.deepEqual(fsSuite.likely_variance_sources, ["skip_variance"]);
  assert.equal(fsSuite.runs[1].kind, "skip_pattern");
  const ps = suiteOf(r.dashboard, "ps");
  assert.deepEqual(ps.outcomes.status_trace, ["pass", "skip", "pass", "skip"]);
  assert.equal(ps.unstable, true);
  assert.deepEqual(ps.instability_signals, ["skip_variance"]);
  const mid = suiteOf(r.dashboard, "mid");
  assert.deepEqual(mid.outcomes.status_trace, ["pass", "pass", "pass", "pass"]);
  assert.equal(mid.unstable, false);
});

test("acceptance 22: a JUnit test present in iteration 1 only makes passing runs differ (fingerprint_variance)", async () => {
  const root = project({
    suites: [{ name: "j", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "t2-first-only"], result_file: "out/results-{iteration}.xml" }],
  });
  fs.mkdirSync(path.join(root, "out"));
  const r = await detect(root, ["--iterations", "2", ...VERDICT_ARGS]);
  assert.equal(r.code, 1, r.stderr);
  const j = suiteOf(r.dashboard, "j");
  assert.deepEqual(j.outcomes.status_trace, ["pass", "pass"]);
  assert.notEqual(j.fingerprints[0], j.fingerprints[1]);
  assert.equal(j.distinct_fingerprints, 2);
  assert.deepEqual(j.likely_variance_sources, ["fingerprint_variance"]);
  assert.equal(j.result_format, "junit");
  assert.equal(j.runs[0].result, "j/run_1.junit.xml");
  assert.ok(fs.existsSync(path.join(root, OUT, "latest", "j", "run_2.junit.xml")));
  assert.deepEqual(j.runs[0].tests, { total: 2, pass: 2, fail: 0, skip: 0, flaky: 0 });
  const table = fs.readFileSync(path.join(root, OUT, "latest", "j", "tests.ndjson"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(table.map((row: any) => [row.id, row.trace]), [
    ["unit::t1", ["pass", "pass"]],
    ["unit::t2", ["pass", "missing"]],
  ]);
  assert.equal(j.test_cases.table, "j/tests.ndjson");
});

test("acceptance 22: test ids differing only by timestamp, temp path, pid or duration keep one fingerprint; volatile logs stay stable", async () => {
  const root = project({
    suites: [
      { name: "ids", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "volatile-ids"], result_file: "r-{iteration}.xml" },
      { name: "noisy", command: nodeCode("console.log(`now ${new Date().toISOString()} pid ${process.pid} rnd ${Math.random()}`)") },
    ],
  });
  const r = await detect(root, ["--iterations", "3", ...VERDICT_ARGS]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const ids = suiteOf(r.dashboard, "ids");
  assert.equal(ids.distinct_fingerprints, 1);
  assert.equal(ids.unstable, false);
  assert.equal(ids.runs[0].tests.total, 4);
  const noisy = suiteOf(r.dashboard, "noisy");
  assert.equal(noisy.distinct_fingerprints, 1);
  assert.equal(noisy.unstable, false);
  assert.ok(r.stdout.endsWith("verdict: PASS\n"));
});

test("Surefire flakyFailure: the run passes, the test is flaky, the suite is unstable by retry_flake", async () => {
  const root = project({
    suites: [{ name: "sf", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "surefire-flaky"], result_file: "target/surefire.xml" }],
  });
  fs.mkdirSync(path.join(root, "target"));
  const r = await detect(root, ["--iterations", "2", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  const sf = suiteOf(r.dashboard, "sf");
  assert.deepEqual(sf.outcomes.status_trace, ["pass", "pass"]);
  assert.deepEqual(sf.instability_signals, ["retry_flake"]);
  assert.deepEqual(sf.test_cases.flaky_tests, ["unit::retried"]);
  assert.deepEqual(sf.runs[0].tests, { total: 2, pass: 1, fail: 0, skip: 0, flaky: 1 });
  assert.equal(r.dashboard.run_failed, false);
});

test("a missing result file fails the run as result_missing; a stale file from before the run is deleted first", async () => {
  const root = project({
    suites: [{ name: "nf", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "no-file"], result_file: "stale.xml" }],
  });
  fs.writeFileSync(path.join(root, "stale.xml"), '<testsuites><testsuite name="x"><testcase name="old"/></testsuite></testsuites>');
  const r = await detect(root, ["--iterations", "2", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  const nf = suiteOf(r.dashboard, "nf");
  assert.deepEqual(nf.runs.map((x: any) => [x.status, x.kind, x.failure_detail]), [
    ["fail", "result_missing", "result file not produced: stale.xml"],
    ["fail", "result_missing", "result file not produced: stale.xml"],
  ]);
  assert.equal(fs.existsSync(path.join(root, "stale.xml")), false);
  assert.equal(nf.deterministic_failure, true);
});

test("TAP on stdout (result_file '-'): per-test traces, a failing iteration and a skipped test", async () => {
  const root = project({
    suites: [{ name: "tap", command: [NODE, fixtureScript("tap-writer.fixture.mjs")], result_file: "-", result_format: "tap" }],
  });
  const r = await detect(root, ["--iterations", "3", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  const t = suiteOf(r.dashboard, "tap");
  assert.deepEqual(t.outcomes.status_trace, ["pass", "fail", "pass"]);
  assert.equal(t.runs[1].kind, "exit_nonzero");
  assert.equal(t.runs[0].result, null);
  assert.deepEqual(t.runs[0].tests, { total: 3, pass: 2, fail: 0, skip: 1, flaky: 0 });
  const rows = fs.readFileSync(path.join(root, OUT, "latest", "tap", "tests.ndjson"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((row: any) => [row.id, row.trace.join(","), row.unstable]), [
    ["s > a", "pass,pass,pass", false],
    ["s > b", "pass,fail,pass", true],
    ["s > c", "skip,skip,skip", false],
  ]);
  assert.deepEqual(t.test_cases.flaky_tests, ["s > b"]);
});

test("acceptance 24: --timeout 1 kills the whole process group; a passing 'deadline' log is no signal", async () => {
  const root = project({
    suites: [
      { name: "hang", command: ["sh", fixtureScript("hang.fixture.sh")], env: { PIDS_FILE: "{run_id}-pids.txt" }, cwd: "." },
      { name: "calm", command: nodeCode("console.log('deadline met')") },
    ],
  });
  // PIDS_FILE is relative to the suite's cwd (the project root).
  const r = await detect(root, ["--iterations", "2", "--timeout", "1", "--run-id", "t1", ...VERDICT_ARGS]);
  assert.equal(r.code, 1, r.stderr);
  const hang = suiteOf(r.dashboard, "hang");
  for (const run of hang.runs) {
    assert.equal(run.status, "fail");
    assert.equal(run.kind, "timeout");
    assert.equal(run.timed_out, true);
    assert.equal(run.failure_detail, "timed out after 1s");
    assert.deepEqual(run.signals, ["timeout_or_deadline_pressure"]);
  }
  assert.ok(hang.likely_variance_sources.includes("timeout_or_deadline_pressure"));
  const recorded = fs.readFileSync(path.join(root, "t1-pids.txt"), "utf8").trim().split("\n").map(Number);
  assert.equal(recorded.length, 4, "two runs, each recording the suite shell and its grandchild");
  // Each run's shell led its own process group (its pid is the group id): no live member may
  // remain, the SIGTERM-ignoring grandchild included (zombies do not count).
  for (const pid of recorded) {
    assert.deepEqual(liveGroupMembers(pid), [], `group ${pid} still has live members`);
    assert.equal(isAlive(pid), false, `process ${pid} survived its run`);
  }
  const calm = suiteOf(r.dashboard, "calm");
  assert.deepEqual(calm.likely_variance_sources, ["none"]);
  assert.deepEqual(calm.runs[0].signals, []);
});
