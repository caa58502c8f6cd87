// detect's usage, config and input errors (detector.md §2.1, §2.2, §3.1; §8 item 26): exit 2,
// one `flakewarden detect:` line naming the flag or file, nothing on stdout, nothing created.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash } from "./support/cli.ts";
import { detect, exitOn, OUT, project, tree } from "./support/detect.ts";

const CONFIG = { suites: [{ name: "a", command: exitOn([]) }, { name: "b", command: exitOn([]) }] };

async function expectUsageError(root: string, args: string[], expected: string | RegExp): Promise<void> {
  const before = tree(root);
  const r = await detect(root, args);
  assertNoCrash(r);
  assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
  assert.equal(r.stdout, "");
  const lines = r.stderr.split("\n");
  assert.equal(lines.pop(), "");
  assert.equal(lines.length, 1, r.stderr);
  const line = lines[0] as string;
  assert.ok(line.startsWith("flakewarden detect: "), line);
  if (typeof expected === "string") assert.equal(line, `flakewarden detect: ${expected}`);
  else assert.match(line, expected);
  assert.deepEqual(tree(root), before, `${args.join(" ")} created files`);
}

test("acceptance 26: flag errors are exit 2 with one line and nothing created", async () => {
  const root = project(CONFIG);
  const cases: [string[], string | RegExp][] = [
    [["--iterations", "1"], "--iterations must be an integer >= 2 (got '1')"],
    [["--iterations", "abc"], "--iterations must be an integer >= 2 (got 'abc')"],
    [["--iterations", "2.5"], "--iterations must be an integer >= 2 (got '2.5')"],
    [["--iterations", "10001"], "--iterations must be at most 10000 (got '10001')"],
    [["--seed", "-1"], "--seed must be an unsigned integer (got '-1')"],
    [["--seed", "9007199254740992"], "--seed must be an unsigned integer (got '9007199254740992')"],
    [["--duration-threshold", "x"], "--duration-threshold must be a non-negative number (got 'x')"],
    [["--suite", "nope"], "unknown suite 'nope' (known: a, b)"],
    [["--suite", "a", "--suite", "nope"], "unknown suite 'nope' (known: a, b)"],
    [["--bogus"], /unknown option --bogus/],
    [["--iterations"], "option --iterations needs a value"],
    [["--warmup", "4", "--iterations", "5"], "--warmup 4 leaves 1 measured iteration(s) of 5 (need at least 2)"],
    [["--shard", "3/2"], "--shard must be i/n with 1 <= i <= n (got '3/2')"],
    [["--shard", "1/2", "--shard-by", "file"], /--shard-by/],
    [["--target-flake-rate", "0.05", "--iterations", "5"], "--target-flake-rate cannot be combined with --iterations (it sets the iterations)"],
    [["--target-flake-rate", "0.0001"], "--target-flake-rate 0.0001 at --confidence 0.95 needs 29956 iterations (limit 10000)"],
    [["--target-flake-rate", "1"], "--target-flake-rate must be a number between 0 and 1, exclusive (got '1')"],
    [["--confidence", "0"], "--confidence must be a number between 0 and 1, exclusive (got '0')"],
    [["--jobs", "0"], "--jobs must be an integer >= 1 (got '0')"],
    [["--timeout", "0"], "--timeout must be a number > 0 (got '0')"],
    [["--duration-floor-ms", "1.5"], "--duration-floor-ms must be an integer >= 0 (got '1.5')"],
    [["--run-id", "latest"], /^flakewarden detect: --run-id must match/],
    [["--run-id", "../x"], /^flakewarden detect: --run-id must match/],
    [["--now", "2026-03-10T12:00:00"], /^flakewarden detect: --now must be an ISO-8601 timestamp with an offset/],
    [["--out"], "option --out needs a value"],
  ];
  for (const [args, expected] of cases) await expectUsageError(root, args, expected);
});

test("acceptance 26: config errors name the file first (missing, YAML syntax with line, missing command, unknown command)", async () => {
  await expectUsageError(project({}), ["--config", "nope.yaml"], "nope.yaml: file not found");
  const empty = project({});
  fs.rmSync(path.join(empty, "flakewarden.json"));
  await expectUsageError(empty, [], "flakewarden.yaml: not found (nor flakewarden.json) in the current directory; pass --config");
  await expectUsageError(project("suites:\n  - name: a\n    command: [x\n  bad: 1\n"), [], /^flakewarden detect: flakewarden\.yaml:4:\d+: /);
  await expectUsageError(project("suites:\n  - name: a\n    command: [x]\n  - name: b\n"), [], "flakewarden.yaml: suites[1].command: required");
  await expectUsageError(
    project({ suites: [{ name: "a", command: exitOn([]) }, { name: "b", command: 7 }] }),
    [],
    "flakewarden.json: suites[1].command: expected a non-empty string or array of strings",
  );
  await expectUsageError(
    project({ suites: [{ name: "a", command: ["fw-no-such-command-xyz", "--version"] }] }),
    [],
    "flakewarden.json: suites[0].command: command 'fw-no-such-command-xyz' not found on PATH",
  );
  await expectUsageError(
    project({ suites: [{ name: "a", command: ["./bin/missing.sh"] }] }),
    [],
    "flakewarden.json: suites[0].command: command './bin/missing.sh' not found (or not executable)",
  );
  // Only suites that run are checked: filtering out the broken one runs the rest.
  await expectUsageError(project({ suites: [{ name: "a", command: exitOn([]), cwd: "nowhere" }] }), [], "flakewarden.json: suites[0].cwd: directory 'nowhere' not found");
  await expectUsageError(project({ bogus: true, suites: CONFIG.suites }), [], "flakewarden.json: bogus: unknown key");
  await expectUsageError(project('{"suites": [}'), ["--config", "flakewarden.yaml"], /^flakewarden detect: flakewarden\.yaml:1:\d+: /);
  await expectUsageError(project({ suites: [{ name: "a", command: "true", fail_patterns: ["("] }] }), [], /^flakewarden detect: flakewarden\.json: suites\[0\]\.fail_patterns\[0\]: invalid regular expression: /);
  await expectUsageError(project("suite_defaults: &d\n  timeout_s: 5\nsuites:\n  - <<: *d\n    name: a\n    command: [x]\n"), [], "flakewarden.yaml: suites[0].<<: unknown key");
  await expectUsageError(project({ iterations: 1, suites: CONFIG.suites }), [], "flakewarden.json: iterations: expected an integer between 2 and 10000");
  await expectUsageError(project({ warmup_runs: 4, suites: CONFIG.suites }), [], "flakewarden.json: warmup_runs 4 leaves 1 measured iteration(s) of 5 (need at least 2)");
});

test("an existing --run-id directory is exit 2 before anything is created", async () => {
  const root = project(CONFIG);
  fs.mkdirSync(path.join(root, OUT, "r1"), { recursive: true });
  await expectUsageError(root, ["--run-id", "r1"], `--run-id 'r1': ${OUT}/r1 already exists`);
});

test("once arguments parse, an exit 2 removes an older <out>/latest; an unknown flag touches nothing", async () => {
  const root = project(CONFIG);
  const ok = await detect(root, ["--iterations", "2", "--duration-threshold", "100000"]);
  assert.equal(ok.code, 0, ok.stderr);
  const latest = path.join(root, OUT, "latest");
  assert.ok(fs.lstatSync(latest).isSymbolicLink());
  const bogus = await detect(root, ["--bogus"]);
  assert.equal(bogus.code, 2);
  assert.ok(fs.lstatSync(latest).isSymbolicLink(), "an unparsable command line touches nothing");
  const bad = await detect(root, ["--iterations", "1"]);
  assert.equal(bad.code, 2);
  assert.equal(fs.existsSync(latest), false, "latest must not survive a run that could not start");
  // The same with --out given and a config error.
  const again = await detect(root, ["--iterations", "2", "--duration-threshold", "100000", "--out", "o"], { out: "o" });
  assert.equal(again.code, 0);
  fs.writeFileSync(path.join(root, "flakewarden.json"), '{"suites": 1}');
  const broken = await detect(root, ["--out", "o"]);
  assert.equal(broken.code, 2);
  assert.equal(broken.stderr, "flakewarden detect: flakewarden.json: suites: expected an array of suites\n");
  assert.equal(fs.existsSync(path.join(root, "o", "latest")), false);
  assert.ok(fs.existsSync(path.join(root, "o")), "older run directories stay");
});

test("--help prints the usage on stdout and exits 0", async () => {
  const r = await detect(project(CONFIG), ["--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Rerun every suite N times/);
  assert.match(r.stdout, /--target-flake-rate P/);
});
