// `flakewarden ingest` (detector.md §2.4, §7.5; acceptance 33): dashboards from existing results.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, exists, read, runBin, runCli, tempDir, write } from "./support/cli.ts";

const NOW = "2026-03-10T12:00:00Z";
const OUT = "target/semantic-verification/flake";

function junit(cases: Record<string, "pass" | "fail" | "skip">, time = "1.5"): string {
  const body = Object.entries(cases)
    .map(([name, status]) => {
      const child = status === "fail" ? '<failure message="boom"/>' : status === "skip" ? "<skipped/>" : "";
      return `<testcase classname="c" name="${name}">${child}</testcase>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites time="${time}"><testsuite name="unit" time="${time}">${body}</testsuite></testsuites>\n`;
}

function threeRuns(statuses: ("pass" | "fail")[]): string {
  const root = tempDir("fw-ingest-");
  statuses.forEach((status, i) => write(root, `run${i + 1}/unit.xml`, junit({ t: status, u: "pass" })));
  return root;
}

const dashboard = (root: string): any => JSON.parse(read(root, `${OUT}/latest/variance_dashboard.json`));

test("acceptance 33: three run directories give suite unit with trace pass,fail,pass and t among the flaky tests", async () => {
  const root = threeRuns(["pass", "fail", "pass"]);
  const r = await runCli(root, ["ingest", "run1/", "run2/", "run3/", "--now", NOW]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /\nverdict: FAIL \(run_failed=1 unstable_suites=1 deterministic_failures=0\)\n$/);
  const d = dashboard(root);
  assert.equal(d.source, "ingest");
  assert.equal(d.seed, null);
  assert.equal(d.iterations, 3);
  assert.equal(d.config_path, null);
  assert.equal(d.config_hash, null);
  const suite = d.suites[0];
  assert.equal(d.suites.length, 1);
  assert.equal(suite.suite, "unit");
  assert.deepEqual(suite.outcomes.status_trace, ["pass", "fail", "pass"]);
  assert.equal(suite.unstable, true);
  assert.deepEqual(suite.test_cases.flaky_tests, ["c::t"]);
  assert.equal(suite.replay_command, "");
  assert.deepEqual(suite.artifacts.logs, ["run1/unit.xml", "run2/unit.xml", "run3/unit.xml"]);
  assert.deepEqual(suite.duration_ms, { min: 1500, max: 1500, mean: 1500, spread_pct: 0, samples: 3 });
  assert.deepEqual(suite.runs.map((run: any) => [run.exit_code, run.duration_ns, run.ended_at_ns, run.duration_ms]), [
    [null, null, null, 1500],
    [null, null, null, 1500],
    [null, null, null, 1500],
  ]);
  const table = read(root, `${OUT}/latest/unit/tests.ndjson`).trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(table[0].trace, ["pass", "fail", "pass"]);
  const events = read(root, `${OUT}/latest/variance_events.ndjson`).trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(events.length, 3);
  assert.deepEqual(events.map((e) => e.timestamp_ns), [null, null, null]);
  assert.equal(events[1].verdict_reason, "1 failing test(s): c::t");
});

test("acceptance 33: one argument is exit 2, nothing created", async () => {
  const root = threeRuns(["pass"]);
  const r = await runCli(root, ["ingest", "run1/", "--now", NOW]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "flakewarden ingest: at least 2 runs are needed, one per argument (got 1)\n");
  assert.equal(exists(root, "target"), false);
});

test("acceptance 33: malformed XML is exit 2 naming the file and line:column, nothing created", async () => {
  const root = threeRuns(["pass", "pass"]);
  write(root, "run2/unit.xml", '<?xml version="1.0"?>\n<testsuites>\n  <testsuite name="x">\n</testsuites>\n');
  const r = await runCli(root, ["ingest", "run1", "run2", "--now", NOW]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^flakewarden ingest: run2\/unit\.xml:4:\d+: .+\n$/);
  assertNoCrash(r);
  assert.equal(exists(root, "target"), false);
});

test("ingest: stable results pass; identical inputs and --now give identical bytes", async () => {
  const a = threeRuns(["pass", "pass"]);
  const b = threeRuns(["pass", "pass"]);
  const ra = await runCli(a, ["ingest", "run1/unit.xml", "run2/unit.xml", "--seed", "7", "--now", NOW, "--run-id", "r1"]);
  const rb = await runCli(b, ["ingest", "run1/unit.xml", "run2/unit.xml", "--seed", "7", "--now", NOW, "--run-id", "r1"]);
  assert.equal(ra.code, 0, ra.stderr);
  assert.equal(ra.stdout, rb.stdout);
  for (const f of ["variance_dashboard.json", "variance_events.ndjson", "summary.txt", "unit/tests.ndjson"]) {
    assert.equal(read(a, `${OUT}/r1/${f}`), read(b, `${OUT}/r1/${f}`), f);
  }
  const d = dashboard(a);
  assert.equal(d.seed, 7);
  assert.equal(d.verdict, "pass");
  assert.equal(d.suites[0].suite, "unit");
});

test("ingest: --suite joins a directory's files into one run with the argument as its log and a combined hash", async () => {
  const root = tempDir("fw-ingest-");
  for (const run of ["r1", "r2"]) {
    write(root, `${run}/a/x.xml`, junit({ t: "pass" }, "1.25"));
    write(root, `${run}/b/y.XML`, junit({ t: "pass" }, "0.5"));
  }
  const r = await runCli(root, ["ingest", "r1", "r2", "--suite", "all", "--now", NOW]);
  assert.equal(r.code, 0, r.stderr);
  const suite = dashboard(root).suites[0];
  assert.equal(suite.suite, "all");
  assert.deepEqual(suite.artifacts.logs, ["r1", "r2"]);
  // Both files name c::t: the second occurrence in the run is c::t#2.
  assert.equal(suite.test_cases.total, 2);
  assert.equal(suite.runs[0].duration_ms, 1750);
  const crypto = await import("node:crypto");
  const sha = (s: string | Buffer) => crypto.createHash("sha256").update(s).digest("hex");
  const expected = sha(`${sha(fs.readFileSync(path.join(root, "r1/a/x.xml")))}  a/x.xml\n${sha(fs.readFileSync(path.join(root, "r1/b/y.XML")))}  b/y.XML\n`);
  const events = read(root, `${OUT}/latest/variance_events.ndjson`).trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.equal(events[0].artifact_hash, expected);
});

test("ingest: directory arguments name suites by relative path; TAP and JUnit mix; a suite's runs are those containing it", async () => {
  const root = tempDir("fw-ingest-");
  write(root, "one/api/unit.xml", junit({ t: "pass" }));
  write(root, "one/web.tap", "TAP version 13\nok 1 - renders\n1..1\n# duration_ms 12.5\n");
  write(root, "two/api/unit.xml", junit({ t: "pass" }));
  write(root, "two/web.tap", "TAP version 13\nnot ok 1 - renders\n1..1\n# duration_ms 10\n");
  write(root, "three/api/unit.xml", junit({ t: "pass" }));
  const r = await runCli(root, ["ingest", "one", "two", "three", "--now", NOW]);
  assert.equal(r.code, 1, r.stderr);
  const d = dashboard(root);
  assert.deepEqual(d.suites.map((s: any) => [s.suite, s.iterations, s.result_format, s.outcomes.status_trace]), [
    ["api/unit", 3, "junit", ["pass", "pass", "pass"]],
    ["web", 2, "tap", ["pass", "fail"]],
  ]);
  assert.deepEqual(d.suites[1].runs.map((run: any) => run.duration_ms), [12, 10]);
});

test("ingest: a TAP plan mismatch is a failing run (result_invalid), not an input error", async () => {
  const root = tempDir("fw-ingest-");
  write(root, "a.tap", "TAP version 13\nok 1 - x\n1..1\n");
  write(root, "b.tap", "TAP version 13\nok 1 - x\n1..2\n");
  const r = await runCli(root, ["ingest", "a.tap", "b.tap", "--suite", "s", "--now", NOW]);
  assert.equal(r.code, 1, r.stderr);
  const run = dashboard(root).suites[0].runs[1];
  assert.equal(run.kind, "result_invalid");
  assert.match(run.failure_detail, /^result file invalid: 3:1 /);
});

const ERRORS: [string, string[], (root: string) => void, RegExp][] = [
  ["unknown extension without --result-format", ["a.txt", "b.txt"], (root) => {
    write(root, "a.txt", "x");
    write(root, "b.txt", "x");
  }, /^flakewarden ingest: a\.txt: unknown result format/],
  ["missing input", ["nope.xml", "nope2.xml"], () => undefined, /^flakewarden ingest: nope\.xml: file or directory not found\n$/],
  ["empty directory", ["d1", "d2"], (root) => fs.mkdirSync(path.join(root, "d1")), /^flakewarden ingest: d1: no \*\.xml or \*\.tap result files below it\n$/],
  ["bad --seed", ["a.xml", "b.xml", "--seed", "-1"], () => undefined, /^flakewarden ingest: --seed must be an unsigned integer \(got '-1'\)\n$/],
  ["bad --duration-threshold", ["a.xml", "b.xml", "--duration-threshold", "x"], () => undefined, /^flakewarden ingest: --duration-threshold must be a non-negative number \(got 'x'\)\n$/],
  ["bad --confidence", ["a.xml", "b.xml", "--confidence", "1"], () => undefined, /^flakewarden ingest: --confidence must be a number between 0 and 1/],
  ["bad --run-id", ["a.xml", "b.xml", "--run-id", "latest"], () => undefined, /^flakewarden ingest: --run-id must match/],
  ["warm-up leaves fewer than 2 runs", ["a.xml", "b.xml", "--warmup", "1"], () => undefined, /^flakewarden ingest: .*warm/i],
  ["naive --now", ["a.xml", "b.xml", "--now", "2026-03-10T12:00:00"], () => undefined, /^flakewarden ingest: --now /],
  ["unknown flag", ["a.xml", "b.xml", "--bogus"], () => undefined, /^flakewarden ingest: unknown option --bogus\n$/],
  ["--out without value", ["a.xml", "b.xml", "--out"], () => undefined, /^flakewarden ingest: option --out needs a value\n$/],
];

for (const [name, args, setup, expected] of ERRORS) {
  test(`ingest error: ${name} → exit 2, one line, nothing created`, async () => {
    const root = tempDir("fw-ingest-");
    setup(root);
    const r = await runCli(root, ["ingest", ...args, ...(args.includes("--now") ? [] : ["--now", NOW])]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, expected);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    assertNoCrash(r);
    assert.equal(exists(root, "target"), false);
  });
}

test("ingest: a failed ingest removes an older latest", async () => {
  const root = threeRuns(["pass", "pass"]);
  assert.equal((await runCli(root, ["ingest", "run1", "run2", "--now", NOW])).code, 0);
  assert.equal(exists(root, `${OUT}/latest`), true);
  write(root, "run2/unit.xml", "<testsuites>");
  const r = await runCli(root, ["ingest", "run1", "run2", "--now", NOW]);
  assert.equal(r.code, 2);
  assert.equal(fs.existsSync(path.join(root, OUT, "latest")), false);
  assert.equal((() => { try { fs.lstatSync(path.join(root, OUT, "latest")); return true; } catch { return false; } })(), false);
});

test("ingest runs from the bundled bin", () => {
  const root = threeRuns(["pass", "fail", "pass"]);
  const r = runBin(root, ["ingest", "run1", "run2", "run3", "--now", NOW]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(dashboard(root).suites[0].unstable, true);
});
