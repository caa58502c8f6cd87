// Config validation for detect (detector.md §3.1): defaults merging, error paths, cross-field rules.
import assert from "node:assert/strict";
import test from "node:test";
import { validateDetectorConfig, type ConfigIssue, type DetectorConfig } from "../src/index.ts";

function ok(data: unknown): DetectorConfig {
  const r = validateDetectorConfig(data);
  if (!r.ok) assert.fail(`expected valid, got ${JSON.stringify(r.issues)}`);
  return r.value;
}

function firstIssue(data: unknown): ConfigIssue {
  const r = validateDetectorConfig(data);
  if (r.ok) assert.fail("expected an issue");
  const first = r.issues[0];
  assert.ok(first !== undefined);
  return first;
}

test("a minimal suite gets every built-in default", () => {
  const cfg = ok({ suites: [{ name: "a", command: ["node", "-e", "0"] }] });
  assert.deepEqual(cfg.suites[0], {
    name: "a",
    command: ["node", "-e", "0"],
    cwd: ".",
    env: {},
    timeout_s: 1800,
    result_file: null,
    result_format: null,
    witness_ids: [],
    scenario_id: "a",
    seed_env: "TEST_SEED",
    skip_patterns: ["^\\s*SKIP:"],
    fail_patterns: [],
    skip_exit_codes: [],
    signal_patterns: {
      timeout_or_deadline_pressure: ["timeout|timed out|deadline"],
      panic_path: ["panicked at|thread '.*' panicked"],
      trace_divergence: ["divergence|replay divergence|trace divergence"],
    },
    parallel_iterations: false,
  });
  assert.equal(cfg.iterations, null);
  assert.equal(cfg.out_dir, null);
});

test("suite_defaults: own values replace whole, env and signal_patterns merge key by key", () => {
  const cfg = ok({
    iterations: 7,
    seed: 9,
    suite_defaults: {
      witness_ids: ["W7.1"],
      fail_patterns: ["local fallback"],
      env: { A: "1", B: "2" },
      signal_patterns: { panic_path: ["boom"] },
      seed_env: "MY_SEED",
    },
    suites: [
      { name: "x", command: "true", fail_patterns: ["other"], env: { B: "3", C: "4" }, signal_patterns: { trace_divergence: ["td"] } },
      { name: "y", command: "true", seed_env: null },
    ],
  });
  const [x, y] = cfg.suites;
  assert.deepEqual(x?.witness_ids, ["W7.1"]);
  assert.deepEqual(x?.fail_patterns, ["other"]);
  assert.deepEqual(x?.env, { A: "1", B: "3", C: "4" });
  assert.deepEqual(x?.signal_patterns, {
    timeout_or_deadline_pressure: ["timeout|timed out|deadline"],
    panic_path: ["boom"],
    trace_divergence: ["td"],
  });
  assert.equal(x?.seed_env, "MY_SEED");
  assert.equal(y?.seed_env, null);
  assert.deepEqual(y?.fail_patterns, ["local fallback"]);
  assert.equal(cfg.iterations, 7);
  assert.equal(cfg.seed, 9);
});

test("result_format is inferred from .xml / .tap and required otherwise", () => {
  const cfg = ok({
    suites: [
      { name: "j", command: ["x"], result_file: "out/{iteration}.XML" },
      { name: "t", command: ["x"], result_file: "r.tap" },
      { name: "l", command: ["x"], result_file: "-", result_format: "tap" },
      { name: "n", command: ["x"], result_format: "junit" },
    ],
  });
  assert.deepEqual(
    cfg.suites.map((s) => s.result_format),
    ["junit", "tap", "tap", null],
  );
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: ["x"], result_file: "results.json" }] }).path, "suites[0].result_format");
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: ["x"], result_file: "-" }] }).path, "suites[0].result_format");
});

test("error paths name the key: command type, missing command, unknown keys", () => {
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: ["x"] }, { name: "b", command: 5 }] }), {
    path: "suites[1].command",
    message: "expected a non-empty string or array of strings",
  });
  assert.deepEqual(firstIssue({ suites: [{ name: "a" }] }), { path: "suites[0].command", message: "required" });
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: [] }] }).path, "suites[0].command");
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: "" }] }).path, "suites[0].command");
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: "x", colour: 1 }] }), { path: "suites[0].colour", message: "unknown key" });
  assert.deepEqual(firstIssue({ bogus: 1, suites: [{ name: "a", command: "x" }] }), { path: "bogus", message: "unknown key" });
  assert.deepEqual(firstIssue({ suite_defaults: { name: "x" }, suites: [{ name: "a", command: "x" }] }), {
    path: "suite_defaults.name",
    message: "unknown key",
  });
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: "x", env: { A: 1 } }] }).path, "suites[0].env.A");
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: "x", timeout_s: 0 }] }).path, "suites[0].timeout_s");
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: "x", signal_patterns: { nope: [] } }] }).path, "suites[0].signal_patterns.nope");
});

test("top-level values are range-checked", () => {
  const suites = [{ name: "a", command: "x" }];
  assert.equal(firstIssue({ iterations: 1, suites }).path, "iterations");
  assert.equal(firstIssue({ iterations: 10001, suites }).path, "iterations");
  assert.equal(firstIssue({ seed: -1, suites }).path, "seed");
  assert.equal(firstIssue({ seed: 2 ** 60, suites }).path, "seed");
  assert.equal(firstIssue({ warmup_runs: 1.5, suites }).path, "warmup_runs");
  assert.equal(firstIssue({ duration_threshold_pct: "25", suites }).path, "duration_threshold_pct");
  assert.equal(firstIssue({ out_dir: "", suites }).path, "out_dir");
  assert.deepEqual(firstIssue({}), { path: "suites", message: "required" });
  assert.equal(firstIssue({ suites: [] }).path, "suites");
  assert.equal(firstIssue([1, 2]).path, "");
});

test("names: pattern, uniqueness, reserved file names", () => {
  assert.equal(firstIssue({ suites: [{ name: "-a", command: "x" }] }).path, "suites[0].name");
  assert.equal(firstIssue({ suites: [{ name: "a/b", command: "x" }] }).path, "suites[0].name");
  assert.deepEqual(firstIssue({ suites: [{ name: "a", command: "x" }, { name: "a", command: "y" }] }), {
    path: "suites[1].name",
    message: "duplicate suite name 'a'",
  });
  assert.equal(firstIssue({ suites: [{ name: "summary.txt", command: "x" }] }).path, "suites[0].name");
});

test("invalid regexes are reported where they were written", () => {
  const issue = firstIssue({ suites: [{ name: "a", command: "x", fail_patterns: ["ok", "("] }] });
  assert.equal(issue.path, "suites[0].fail_patterns[1]");
  assert.match(issue.message, /^invalid regular expression: /);
  assert.equal(
    firstIssue({ suite_defaults: { signal_patterns: { panic_path: ["[a"] } }, suites: [{ name: "a", command: "x" }] }).path,
    "suite_defaults.signal_patterns.panic_path[0]",
  );
});

test("parallel_iterations needs {iteration} in a result_file; other commands' sections are not rejected", () => {
  assert.equal(
    firstIssue({ suites: [{ name: "a", command: "x", parallel_iterations: true, result_file: "r.xml" }] }).path,
    "suites[0].result_file",
  );
  ok({ suites: [{ name: "a", command: "x", parallel_iterations: true, result_file: "r-{iteration}.xml" }] });
  ok({ quarantine: { bogus: 1 }, drill: 1, reactivate: [], incident: "x", rollback: {}, playbook: { clauses: [] }, suites: [{ name: "a", command: "x" }] });
});
