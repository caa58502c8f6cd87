// `flakewarden merge` (detector.md §2.3, §7.4; acceptance 30): sharded detect runs joined into
// the dashboard a single machine would have written.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { main } from "../src/run.ts";
import { assertNoCrash, NOW, NOW_MS, type CliResult } from "./support/cli.ts";
import { baseEnv, detect, exitOn, maskDashboard, maskEvents, NODE, project, tree } from "./support/detect.ts";

const VERDICT_ARGS = ["--duration-threshold", "100000"];

async function merge(root: string, args: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main({
    argv: ["node", "flakewarden", "merge", "--now", NOW, ...args],
    env: baseEnv(),
    cwd: root,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    now: () => NOW_MS,
  });
  return { code, stdout, stderr };
}

// A JUnit writer whose test t2 exists only from iteration 3 on (shard 2 of 2 with 4 iterations).
const JUNIT_WRITER = `
const fs = require("node:fs");
const i = Number(process.env.FLAKEWARDEN_ITERATION);
const cases = ['<testcase classname="k" name="t1"/>'];
if (i >= 3) cases.push('<testcase classname="k" name="t2"/>');
fs.mkdirSync(require("node:path").dirname(process.env.FLAKEWARDEN_RESULT_FILE), { recursive: true });
fs.writeFileSync(process.env.FLAKEWARDEN_RESULT_FILE, '<testsuites><testsuite name="k">' + cases.join("") + '</testsuite></testsuites>');
`;

function shardedProject(): string {
  return project({
    suites: [
      { name: "A", command: exitOn([2]) },
      { name: "B", command: exitOn([]) },
      { name: "J", command: [NODE, "-e", JUNIT_WRITER], result_file: "results/{suite}-{iteration}.xml" },
    ],
  });
}

function readOut(root: string, out: string, runId: string): { dashboard: any; events: string; summary: string; tables: { J: string } } {
  const dir = path.join(root, out, runId);
  return {
    dashboard: JSON.parse(fs.readFileSync(path.join(dir, "variance_dashboard.json"), "utf8")),
    events: fs.readFileSync(path.join(dir, "variance_events.ndjson"), "utf8"),
    summary: fs.readFileSync(path.join(dir, "summary.txt"), "utf8"),
    tables: { J: fs.readFileSync(path.join(dir, "J", "tests.ndjson"), "utf8") },
  };
}

/** The fields that name the source may differ; everything else must be equal. */
function comparable(dashboard: any): any {
  const masked = maskDashboard(dashboard);
  delete masked.source;
  delete masked.merged_from;
  for (const suite of masked.suites) for (const run of suite.runs) delete run.shard;
  return masked;
}

test("acceptance 30: shards 1/2 and 2/2 merged equal one detect run after masking measured fields", async () => {
  const root = shardedProject();
  const common = ["--iterations", "4", "--run-id", "r1", "--shard-by", "iteration", ...VERDICT_ARGS];
  const s1 = await detect(root, [...common, "--shard", "1/2", "--out", "shard1"], { out: "shard1" });
  const s2 = await detect(root, [...common, "--shard", "2/2", "--out", "shard2"], { out: "shard2" });
  assert.equal(s1.code, 0, s1.stderr);
  assert.equal(s2.code, 0, s2.stderr);
  assert.match(s1.stdout, /verdict: DEFERRED \(shard 1\/2\)\n$/);

  const merged = await merge(root, ["shard1", "shard2/r1", "--out", "out"]);
  const single = await detect(root, ["--iterations", "4", "--run-id", "r1", "--out", "out-single", ...VERDICT_ARGS], { out: "out-single" });
  assert.equal(merged.code, 1, merged.stderr);
  assert.equal(merged.code, single.code);
  assert.equal(merged.stderr, "");

  const m = readOut(root, "out", "r1");
  const s = readOut(root, "out-single", "r1");
  assert.equal(m.dashboard.source, "merge");
  assert.deepEqual(m.dashboard.merged_from, [
    { index: 1, count: 2, run_id: "r1" },
    { index: 2, count: 2, run_id: "r1" },
  ]);
  assert.deepEqual(m.dashboard.suites[0].runs.map((r: any) => r.shard), [1, 1, 2, 2]);
  // Same --out text for both, except the directory name itself: compare with the out text swapped.
  const swap = (text: string): string => text.replaceAll("out-single/", "out/");
  assert.deepEqual(comparable(m.dashboard), JSON.parse(swap(JSON.stringify(comparable(s.dashboard)))));
  assert.equal(maskEvents(m.events), swap(maskEvents(s.events)));
  assert.equal(m.summary, swap(s.summary));
  assert.equal(merged.stdout, swap(single.stdout));
  assert.equal(m.tables.J, s.tables.J);
  const t2 = m.tables.J.trimEnd().split("\n").map((l) => JSON.parse(l)).find((row) => row.id === "k::t2");
  assert.deepEqual(t2.trace, ["missing", "missing", "pass", "pass"]);
  // Logs and result copies are carried over to the same relative paths.
  for (const run of m.dashboard.suites[2].runs) {
    assert.ok(fs.existsSync(path.join(root, "out", "r1", run.log)), run.log);
    assert.ok(fs.existsSync(path.join(root, "out", "r1", run.result)), run.result);
  }
  assert.equal(fs.readlinkSync(path.join(root, "out", "latest")), "r1");
});

test("acceptance 30: an omitted shard or a differing config_hash is exit 2 and nothing is written", async () => {
  const root = shardedProject();
  const common = ["--iterations", "4", "--run-id", "r1", "--shard-by", "iteration", ...VERDICT_ARGS];
  await detect(root, [...common, "--shard", "1/2", "--out", "shard1"], { out: "shard1" });
  await detect(root, [...common, "--shard", "2/2", "--out", "shard2"], { out: "shard2" });
  const before = tree(root);

  const missing = await merge(root, ["shard1", "--out", "out"]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, "");
  assert.equal(missing.stderr, "flakewarden merge: missing shard 2/2\n");
  assertNoCrash(missing);
  assert.deepEqual(tree(root), before);

  const file = path.join(root, "shard2", "r1", "variance_dashboard.json");
  const d = JSON.parse(fs.readFileSync(file, "utf8"));
  d.config_hash = "0".repeat(64);
  fs.writeFileSync(file, `${JSON.stringify(d, null, 2)}\n`);
  const differs = await merge(root, ["shard1", "shard2", "--out", "out"]);
  assert.equal(differs.code, 2);
  assert.equal(differs.stderr, "flakewarden merge: shard2: config_hash differs from shard1\n");
  assert.deepEqual(tree(root), [...before].sort());
});

test("merge: duplicate shards, incomplete shards and non-shard inputs are exit 2 naming the problem", async () => {
  const root = shardedProject();
  const common = ["--iterations", "4", "--run-id", "r1", "--shard-by", "suite", ...VERDICT_ARGS];
  await detect(root, [...common, "--shard", "1/2", "--out", "shard1"], { out: "shard1" });
  await detect(root, [...common, "--shard", "2/2", "--out", "shard2"], { out: "shard2" });
  await detect(root, ["--iterations", "4", "--run-id", "plain", "--out", "plain", ...VERDICT_ARGS], { out: "plain" });

  const dup = await merge(root, ["shard1", "shard1", "--out", "out"]);
  assert.equal(dup.stderr, "flakewarden merge: duplicate shard 1/2\n");
  const plain = await merge(root, ["plain", "--out", "out"]);
  assert.equal(plain.stderr, "flakewarden merge: plain: not a shard run (shard is null)\n");
  const nowhere = await merge(root, ["nowhere", "--out", "out"]);
  assert.equal(nowhere.stderr, "flakewarden merge: nowhere: no variance_dashboard.json here nor in nowhere/latest\n");

  // Drop one run of suite B from shard 2 (suites a,c on shard 1; b on shard 2 with --shard-by suite).
  const file = path.join(root, "shard2", "r1", "variance_dashboard.json");
  const d = JSON.parse(fs.readFileSync(file, "utf8"));
  d.suites[0].runs.pop();
  fs.writeFileSync(file, `${JSON.stringify(d, null, 2)}\n`);
  const incomplete = await merge(root, ["shard1", "shard2", "--out", "out"]);
  assert.equal(incomplete.stderr, "flakewarden merge: shard 2/2 is incomplete: B iteration 4 missing\n");
  for (const r of [dup, plain, nowhere, incomplete]) {
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assertNoCrash(r);
  }
  assert.equal(fs.existsSync(path.join(root, "out")), false);
});

test("merge: --bogus and a bad --run-id are exit 2", async () => {
  const root = shardedProject();
  const bogus = await merge(root, ["x", "--bogus"]);
  assert.equal(bogus.code, 2);
  assert.equal(bogus.stderr, "flakewarden merge: unknown option --bogus\n");
  const badId = await merge(root, ["x", "--run-id", "latest"]);
  assert.equal(badId.code, 2);
  assert.match(badId.stderr, /^flakewarden merge: --run-id must match/);
});
