// The plan, sharding, token substitution, repro commands and config_hash (detector.md §4.1, §4.2, §7.4).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import test from "node:test";
import {
  canonicalSuitesJson,
  configHash,
  defaultRunId,
  isValidRunId,
  parseShard,
  planUnits,
  reproCommand,
  runIdCandidate,
  shardIterations,
  substituteTokens,
  unitSpec,
  validateDetectorConfig,
  type SuiteConfig,
} from "../src/index.ts";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

function suite(extra: Record<string, unknown>): SuiteConfig {
  const r = validateDetectorConfig({ suites: [{ name: "a", command: ["x"], ...extra }] });
  if (!r.ok) assert.fail(JSON.stringify(r.issues));
  return r.value.suites[0] as SuiteConfig;
}

test("plan order is suite (config order) then iteration", () => {
  assert.deepEqual(planUnits(["b", "a"], 2, null), [
    { suite: "b", iteration: 1 },
    { suite: "b", iteration: 2 },
    { suite: "a", iteration: 1 },
    { suite: "a", iteration: 2 },
  ]);
});

test("acceptance 29 (core): iteration blocks 1–3, 4–6, 7–8, 9–10; suite sharding round-robin", () => {
  assert.deepEqual([1, 2, 3, 4].map((i) => shardIterations(10, i, 4)), [[1, 2, 3], [4, 5, 6], [7, 8], [9, 10]]);
  assert.deepEqual(shardIterations(2, 3, 3), []);
  const units = planUnits(["a", "b", "c", "d", "e"], 3, { index: 2, count: 3, by: "suite" });
  assert.deepEqual([...new Set(units.map((u) => u.suite))], ["b", "e"]);
  assert.deepEqual(
    planUnits(["a", "b"], 10, { index: 2, count: 4, by: "iteration" }).map((u) => `${u.suite}${u.iteration}`),
    ["a4", "a5", "a6", "b4", "b5", "b6"],
  );
});

test("shard text: i/n with 1 <= i <= n", () => {
  assert.deepEqual(parseShard("2/4"), { index: 2, count: 4 });
  for (const bad of ["3/2", "0/2", "1/0", "01/2", "1/2/3", "a/b", " 1/2", "99999999999999999999/99999999999999999999"]) {
    assert.equal(parseShard(bad), null, bad);
  }
});

test("tokens are substituted in argv, env values and result_file, never in a string command", () => {
  const values = { seed: 4242, iteration: 3, suite: "a", run_id: "r1" };
  assert.equal(substituteTokens("--seed={seed} {iteration}{suite}{run_id} {other} {seed", values), "--seed=4242 3ar1 {other} {seed");
  // One pass: a value containing a token is not substituted again.
  assert.equal(substituteTokens("{suite}", { ...values, suite: "{seed}" }), "{seed}");
  const spec = unitSpec(suite({ command: ["run", "--seed={seed}"], env: { OUT: "o-{iteration}" }, result_file: "r-{iteration}.xml" }), values);
  assert.deepEqual(spec, { command: { argv: ["run", "--seed=4242"] }, env: [["OUT", "o-3"]], resultFile: "r-3.xml" });
  const shell = unitSpec(suite({ command: "echo {seed} $FLAKEWARDEN_SEED" }), values);
  assert.deepEqual(shell.command, { shell: "echo {seed} $FLAKEWARDEN_SEED" });
});

test("repro_command: cd, env with suite env and seed, quoted argv or sh -c", () => {
  const values = { seed: 4242, iteration: 1, suite: "a", run_id: "r" };
  const s1 = suite({ command: ["node", "-e", "process.exit(0)"], env: { B: "x y" } });
  assert.equal(
    reproCommand({ cwd: s1.cwd, unit: unitSpec(s1, values), seedEnv: s1.seed_env, seed: 4242 }),
    "env 'B=x y' TEST_SEED=4242 node -e 'process.exit(0)'",
  );
  const s2 = suite({ command: "echo it's", cwd: "sub dir", seed_env: null });
  assert.equal(reproCommand({ cwd: s2.cwd, unit: unitSpec(s2, values), seedEnv: null, seed: 4242 }), "cd 'sub dir' && sh -c 'echo it'\\''s'");
  const s3 = suite({ command: ["t", ""], seed_env: null });
  assert.equal(reproCommand({ cwd: ".", unit: unitSpec(s3, values), seedEnv: null, seed: 1 }), "t ''");
});

test("config_hash: canonical JSON with sorted keys; any planned change changes it", () => {
  const a = suite({ env: { Z: "1", A: "2" } });
  const text = canonicalSuitesJson([a]);
  assert.ok(text.startsWith('[{"command":["x"],"cwd":".","env":{"A":"2","Z":"1"},"fail_patterns":[]'), text);
  assert.ok(!/\s/.test(text.replace(/"[^"]*"/g, "")), "no whitespace outside strings");
  assert.equal(configHash([a], sha256), sha256(text));
  assert.match(configHash([a], sha256), /^[0-9a-f]{64}$/);
  assert.notEqual(configHash([a], sha256), configHash([{ ...a, timeout_s: 1 }], sha256));
});

test("run ids: default from the instant, suffixes, validation", () => {
  assert.equal(defaultRunId(Date.parse("2026-03-10T12:00:05.900Z")), "sem-flake-20260310T120005Z");
  assert.equal(runIdCandidate("x", 1), "x");
  assert.equal(runIdCandidate("x", 3), "x-3");
  assert.ok(isValidRunId("r1.a_b-c"));
  for (const bad of ["latest", "-x", "", "a/b", "x".repeat(129)]) assert.equal(isValidRunId(bad), false, bad);
  assert.ok(isValidRunId("x".repeat(128)));
});
