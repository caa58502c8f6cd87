// The plan: --dry-run, --target-flake-rate, sharding, YAML configs and scheduling rules
// (detector.md §3.1, §4.1, §7.3, §7.4, §7.6; §8 items 28, 29).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { detect, exitOn, fixtureScript, NODE, nodeCode, OUT, project, suiteOf, tree } from "./support/detect.ts";

const VERDICT_ARGS = ["--duration-threshold", "100000"];

async function dryRun(root: string, args: string[]): Promise<any> {
  const before = tree(root);
  const r = await detect(root, ["--dry-run", ...args]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(tree(root), before, "--dry-run creates nothing");
  return { plan: JSON.parse(r.stdout), stderr: r.stderr, stdout: r.stdout };
}

test("acceptance 28: --target-flake-rate sets the iterations (read from --dry-run) and stderr notes it", async () => {
  const root = project({ suites: [{ name: "a", command: exitOn([]) }] });
  const cases: [string[], number][] = [
    [["--target-flake-rate", "0.05"], 59],
    [["--target-flake-rate", "0.1"], 29],
    [["--target-flake-rate", "0.01"], 299],
    [["--target-flake-rate", "0.02", "--confidence", "0.99"], 228],
    [["--target-flake-rate", "0.5", "--confidence", "0.5"], 2],
  ];
  for (const [args, n] of cases) {
    const { plan, stderr } = await dryRun(root, args);
    assert.equal(plan.iterations, n, args.join(" "));
    assert.equal(plan.suites[0].iterations.length, n);
    assert.match(stderr, new RegExp(`: ${n} iterations\\n$`));
  }
});

test("acceptance 28: the detection power of a run (target, confidence and per-suite bounds)", async () => {
  const root = project({ suites: [{ name: "a", command: exitOn([]) }, { name: "b", command: exitOn([1]) }] });
  const r = await detect(root, ["--target-flake-rate", "0.5", "--confidence", "0.9", ...VERDICT_ARGS]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.dashboard.detection_power, { confidence_pct: 90, target_flake_rate_pct: 50, required_iterations: 4 });
  assert.equal(r.dashboard.iterations, 4);
  assert.deepEqual(suiteOf(r.dashboard, "a").detection_power, { runs: 4, failure_rate_upper_bound_pct: 43.77 });
  assert.deepEqual(suiteOf(r.dashboard, "b").detection_power, { runs: 3, failure_rate_upper_bound_pct: null });
});

test("acceptance 29: --dry-run with --shard 2/4 --shard-by iteration --iterations 10 plans iterations 4-6 of every suite", async () => {
  const root = project({ suites: [{ name: "a", command: exitOn([]) }, { name: "b", command: [...exitOn([]), "--", "--run={run_id}/{iteration}"] }] });
  const { plan, stdout } = await dryRun(root, ["--shard", "2/4", "--shard-by", "iteration", "--iterations", "10"]);
  assert.deepEqual(Object.keys(plan), ["run_id", "seed", "iterations", "shard", "suites"]);
  assert.equal(plan.run_id, "sem-flake-20260310T120000Z");
  assert.equal(plan.seed, 4242);
  assert.equal(plan.iterations, 10);
  assert.deepEqual(plan.shard, { index: 2, count: 4, by: "iteration", planned_suites: ["a", "b"] });
  assert.deepEqual(plan.suites.map((s: any) => [s.suite, s.iterations]), [
    ["a", [4, 5, 6]],
    ["b", [4, 5, 6]],
  ]);
  assert.ok(plan.suites[1].repro_command.endsWith("-- --run=sem-flake-20260310T120000Z/4"), plan.suites[1].repro_command);
  assert.ok(stdout.startsWith('{\n  "run_id": '));
});

test("acceptance 29: --shard-by suite --shard 2/3 over suites a-e plans b and e", async () => {
  const root = project({ suites: ["a", "b", "c", "d", "e"].map((name) => ({ name, command: exitOn([]) })) });
  const { plan } = await dryRun(root, ["--shard-by", "suite", "--shard", "2/3"]);
  assert.deepEqual(plan.suites.map((s: any) => s.suite), ["b", "e"]);
  assert.deepEqual(plan.suites[0].iterations, [1, 2, 3, 4, 5]);
});

test("--dry-run names the id a run would get now: existing directories are looked at", async () => {
  const root = project({ suites: [{ name: "a", command: exitOn([]) }] });
  fs.mkdirSync(path.join(root, OUT, "sem-flake-20260310T120000Z"), { recursive: true });
  fs.mkdirSync(path.join(root, OUT, "sem-flake-20260310T120000Z-2"));
  const { plan } = await dryRun(root, []);
  assert.equal(plan.run_id, "sem-flake-20260310T120000Z-3");
  const explicit = await dryRun(root, ["--run-id", "mine"]);
  assert.equal(explicit.plan.run_id, "mine");
});

test("a shard run writes the normal layout with shard set, null traces for other shards' iterations, verdict deferred, exit 0", async () => {
  const root = project({
    suites: [
      { name: "a", command: exitOn([1]) },
      { name: "j", command: [NODE, fixtureScript("junit-writer.fixture.mjs"), "fail-on-3"], result_file: "r-{iteration}.xml" },
    ],
  });
  const r = await detect(root, ["--iterations", "4", "--shard", "2/2", "--shard-by", "iteration", "--run-id", "s2", ...VERDICT_ARGS]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.endsWith("verdict: DEFERRED (shard 2/2)\n"));
  const d = r.dashboard;
  assert.equal(d.verdict, "deferred");
  assert.deepEqual(d.shard, { index: 2, count: 2, by: "iteration", planned_suites: ["a", "j"] });
  assert.equal(d.iterations, 4);
  const j = suiteOf(d, "j");
  assert.equal(j.iterations, 2);
  assert.deepEqual(j.runs.map((x: any) => [x.iteration, x.shard]), [
    [3, 2],
    [4, 2],
  ]);
  assert.deepEqual(j.outcomes.status_trace, ["fail", "pass"]);
  assert.deepEqual(suiteOf(d, "a").outcomes.status_trace, ["pass", "pass"]);
  const rows = fs.readFileSync(path.join(root, OUT, "s2", "j", "tests.ndjson"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(rows[0].trace, [null, null, "fail", "pass"]);
  const events = (r.events as string).trimEnd().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(events.map((e) => e.entry_id), ["svl-s2-a-003", "svl-s2-a-004", "svl-s2-j-003", "svl-s2-j-004"]);
  // A shard with no units of any suite still completes (suite sharding, more shards than suites).
  const empty = await detect(root, ["--iterations", "2", "--shard", "3/3", "--run-id", "s3", ...VERDICT_ARGS]);
  assert.equal(empty.code, 0, empty.stderr);
  assert.deepEqual(empty.dashboard.suites, []);
});

test("YAML config: suite_defaults merge, {tokens} in env and result_file, string commands read the environment", async () => {
  const root = project(
    [
      "iterations: 2",
      "suite_defaults:",
      "  witness_ids: [W7.1]",
      "  env: { SHARED: base, OVERRIDE: default }",
      "  fail_patterns: ['falling back to local']",
      "suites:",
      "  - name: argv",
      `    command: ['${NODE}', -e, "console.log(process.env.SHARED, process.env.OVERRIDE, process.env.TOKENS)"]`,
      "    env: { OVERRIDE: mine, TOKENS: '{suite}-{iteration}-{seed}-{run_id}' }",
      "  - name: shell",
      '    command: echo "{seed} $FLAKEWARDEN_SEED $FLAKEWARDEN_ITERATION $TEST_SEED"',
      "  - name: offload",
      "    command: echo 'falling back to local execution'",
      "    fail_patterns: []",
      "  - name: offload_default",
      "    command: echo 'falling back to local execution'",
      "",
    ].join("\n"),
  );
  const r = await detect(root, ["--run-id", "y1", ...VERDICT_ARGS]);
  assert.equal(r.code, 1, r.stderr);
  const runDir = path.join(root, OUT, "y1");
  assert.equal(fs.readFileSync(path.join(runDir, "argv/run_2.log"), "utf8"), "base mine argv-2-4242-y1\n");
  assert.equal(fs.readFileSync(path.join(runDir, "shell/run_1.log"), "utf8"), "{seed} 4242 1 4242\n");
  assert.equal(suiteOf(r.dashboard, "shell").replay_command, "env SHARED=base OVERRIDE=default TEST_SEED=4242 sh -c 'echo \"{seed} $FLAKEWARDEN_SEED $FLAKEWARDEN_ITERATION $TEST_SEED\"'");
  assert.deepEqual(suiteOf(r.dashboard, "argv").witness_ids, ["W7.1"]);
  assert.equal(suiteOf(r.dashboard, "offload").unstable, false);
  assert.deepEqual(suiteOf(r.dashboard, "offload_default").runs.map((x: any) => x.kind), ["fail_pattern", "fail_pattern"]);
  assert.equal(suiteOf(r.dashboard, "offload_default").runs[0].failure_detail, "output matched fail pattern falling back to local");
  assert.equal(r.dashboard.config_path, "flakewarden.yaml");
});

test("cwd, a relative argv[0] and skip exit codes; a suite's iterations never overlap unless parallel_iterations", async () => {
  // Each run appends start/end marks to a shared file: overlapping runs would interleave them.
  const marks = "const fs = require('fs'); const f = process.env.MARKS; fs.appendFileSync(f, 's'); setTimeout(() => { fs.appendFileSync(f, 'e'); process.exit(process.env.FLAKEWARDEN_ITERATION === '2' ? 77 : 0) }, 150)";
  const root = project(
    {
      suites: [
        { name: "serial", command: nodeCode(marks), env: { MARKS: "serial.txt" }, skip_exit_codes: [77], cwd: "sub" },
        { name: "script", command: ["./run.sh"], cwd: "sub" },
      ],
    },
    { "sub/run.sh": "#!/bin/sh\necho \"in $(basename \"$PWD\")\"\n" },
  );
  fs.chmodSync(path.join(root, "sub/run.sh"), 0o755);
  const r = await detect(root, ["--iterations", "3", "--jobs", "4", "--run-id", "p", ...VERDICT_ARGS]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(fs.readFileSync(path.join(root, "sub", "serial.txt"), "utf8"), "sesese");
  const serial = suiteOf(r.dashboard, "serial");
  assert.deepEqual(serial.outcomes.status_trace, ["pass", "skip", "pass"]);
  assert.equal(serial.runs[1].failure_detail, "skip exit code 77");
  assert.ok(serial.replay_command.startsWith("cd sub && env MARKS=serial.txt TEST_SEED=4242 "), serial.replay_command);
  assert.equal(fs.readFileSync(path.join(root, OUT, "p", "script", "run_1.log"), "utf8"), "in sub\n");
});

test("parallel_iterations lets a suite's iterations overlap", async () => {
  // A barrier: each run waits until two runs have started. Serial iterations would wait forever
  // (and time out); overlapping ones all pass.
  const barrier =
    "const fs = require('fs'); fs.appendFileSync('par.txt', 's'); const t = setInterval(() => { if (fs.readFileSync('par.txt', 'utf8').length >= 2) { clearInterval(t); process.exit(0) } }, 20)";
  const root = project({ suites: [{ name: "par", command: nodeCode(barrier), parallel_iterations: true, timeout_s: 20 }] });
  const r = await detect(root, ["--iterations", "2", "--jobs", "2", ...VERDICT_ARGS]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(suiteOf(r.dashboard, "par").outcomes.status_trace, ["pass", "pass"]);
});
