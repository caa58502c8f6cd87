// `flakewarden signal-quality` inputs, arguments, outputs and determinism (detector.md §2.1, §2.5,
// §3.7–§3.9, §4.10 rerun commands; §6 S4–S7; acceptance items 13–16 of §8).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, DENO, exists, read, REPO_ROOT, runBin, runCli, write } from "./support/cli.ts";
import { runCliWithThrowingStdout } from "./support/internal-error.ts";
import {
  assertInputFailure,
  assertUsageError,
  DASHBOARD,
  dashboardWith,
  OUT,
  REPORT,
  sampleReport,
  sq,
  SQ_NOW,
  sqFixture,
  sqTree,
  suitesOf,
} from "./support/signal-quality.ts";

/** Line and column (1-based) just past the last character of `text`. */
function endPosition(text: string): { line: number; column: number } {
  const lines = text.split("\n");
  return { line: lines.length, column: Array.from(lines[lines.length - 1] ?? "").length + 1 };
}

const STALE_PASS = '{"status": "pass"}\n';

test("acceptance 13: truncated dashboard JSON → exit 1, the old report replaced by a failing one naming file, line and column", async () => {
  const full = fs.readFileSync(path.join(sqTree(), DASHBOARD), "utf8");
  const truncated = full.slice(0, full.indexOf('"unstable": false') + 8);
  const root = sqTree(sampleReport(), truncated);
  write(root, OUT, STALE_PASS);
  const { line, column } = endPosition(truncated);
  assert.ok(line > 1, "the cut is past the first line");
  const r = await sq(root);
  const problem = `${DASHBOARD}: invalid JSON at line ${line} column ${column}`;
  assertInputFailure(r, [problem]);
  assert.notEqual(read(root, OUT), STALE_PASS);
  // The report's rules still run; the dashboard's are skipped with the reason.
  assert.deepEqual(
    r.report.checks.map((c: any) => c.status),
    ["skip", "skip", "pass", "pass", "skip", "skip", "skip", "pass", "skip", "skip", "skip", "skip"],
  );
  assert.equal(r.report.checks[0].detail, `not evaluated: ${DASHBOARD} unusable`);
  assert.deepEqual(r.report.failures, [problem]);
  assert.equal(r.report.metrics.suite_count, null);
  assert.equal(r.report.metrics.flake_rate_pct, null);
  assert.equal(r.report.metrics.header_suite_count, null);
  assert.equal(r.report.metrics.runtime_ratio, 0.833);
  assert.equal(r.report.diagnostics_links.variance_events_ndjson, null);
  assert.equal(r.report.diagnostics_links.variance_summary, null);
  assert.match(r.stdout, / flake_rate_pct=null false_positive_proxy_rate_pct=null runtime_ratio=0\.833\n/);
  // The bundled bin agrees, byte for byte.
  const bin = runBin(root, ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT, "--now", SQ_NOW]);
  assert.equal(bin.code, 1);
  assert.equal(bin.stdout, r.stdout);
  assert.equal(bin.stderr, r.stderr);
});

test("acceptance 13: missing dashboard → exit 1 with `variance dashboard not found: <path>`", async () => {
  const root = sqTree(sampleReport(), null);
  write(root, OUT, STALE_PASS);
  const r = await sq(root);
  assertInputFailure(r, [`variance dashboard not found: ${DASHBOARD}`]);
  assert.equal(r.report.inputs.variance_dashboard, DASHBOARD);
});

test("acceptance 13: suites[0].unstable \"yes\" → exit 1 naming $.suites[0].unstable", async () => {
  const dashboard = dashboardWith(suitesOf(2));
  dashboard.suites[0].unstable = "yes";
  const r = await sq(sqTree(sampleReport(), dashboard));
  assertInputFailure(r, [`${DASHBOARD}: $.suites[0].unstable: expected a boolean (got "yes")`]);
});

test("acceptance 13: every input problem in loading order: existence, parsing, types; report before dashboard", async () => {
  const none = sqTree(null, null);
  assertInputFailure(await sq(none), [`verification report not found: ${REPORT}`, `variance dashboard not found: ${DASHBOARD}`]);

  const both = sqTree("[1,", "{");
  assertInputFailure(await sq(both), [`${REPORT}: invalid JSON at line 1 column 4`, `${DASHBOARD}: invalid JSON at line 1 column 2`]);

  const report = sampleReport({ total_duration_s: -1, profile_contract: { required_artifacts: ["a", 7] } });
  const dashboard = { schema_version: "sem-variance-dashboard-v1", suites: [{ suite: "a", unstable: true, outcomes: { fail: 1.5 } }, 3], artifacts: [] };
  const r = await sq(sqTree(report, dashboard));
  assertInputFailure(r, [
    `${REPORT}: $.total_duration_s: expected a finite number >= 0 (got -1)`,
    `${REPORT}: $.profile_contract.required_artifacts[1]: expected a string (got 7)`,
    `${DASHBOARD}: $.suites[0].outcomes.fail: expected an integer >= 0 (got 1.5)`,
    `${DASHBOARD}: $.suites[1]: expected an object (got 3)`,
    `${DASHBOARD}: $.artifacts: expected an object (got an array)`,
  ]);
  assert.ok(r.report.checks.every((c: any) => c.status === "skip"));
  assert.equal(r.report.failures.length, 5);

  const notObjects = await sq(sqTree("[]", '"dashboard"'));
  assertInputFailure(notObjects, [`${REPORT}: $: expected an object (got an array)`, `${DASHBOARD}: $: expected an object (got "dashboard")`]);
  const contract = await sq(sqTree(sampleReport({ profile_contract: 180 })));
  assertInputFailure(contract, [`${REPORT}: $.profile_contract: expected an object (got 180)`]);
});

test("acceptance 13: a directory or invalid UTF-8 where a file should be is an input problem, not a crash", async () => {
  const root = sqTree();
  fs.rmSync(path.join(root, DASHBOARD));
  fs.mkdirSync(path.join(root, DASHBOARD));
  write(root, REPORT, new Uint8Array([0x7b, 0xff, 0x7d]));
  assertInputFailure(await sq(root), [`${REPORT}: cannot read: not valid UTF-8`, `${DASHBOARD}: cannot read: is a directory`]);
});

test("acceptance 14: --max-runtime-ratio abc → exit 2 and no file at --output", async () => {
  const root = sqTree();
  write(root, OUT, STALE_PASS);
  const r = await sq(root, ["--max-runtime-ratio", "abc"]);
  assertUsageError(r, "--max-runtime-ratio must be a non-negative number (got 'abc')");
  assert.equal(exists(root, OUT), false, "the older report is deleted");
  for (const [flag, text] of [
    ["--max-flake-rate-pct", "-1"],
    ["--max-false-positive-rate-pct", "1e3"],
    ["--max-runtime-ratio", ".5"],
    ["--max-flake-rate-pct", ""],
  ] as const) {
    write(root, OUT, STALE_PASS);
    assertUsageError(await sq(root, [`${flag}=${text}`]), `${flag} must be a non-negative number (got '${text}')`);
    assert.equal(exists(root, OUT), false);
  }
  assertUsageError(await sq(root, ["--max-deterministic-failures", "1.5"]), "--max-deterministic-failures must be a non-negative integer (got '1.5')");
});

test("acceptance 14: --max-flake-rate-pct 0.5 is accepted and reported as typed", async () => {
  const r = await sq(sqTree(sampleReport(), sqFixture("variance_dashboard_fail.json")), ["--max-flake-rate-pct", "0.5", "--max-false-positive-rate-pct", "60"]);
  assert.equal(r.code, 1);
  assert.equal(r.report.thresholds.max_flake_rate_pct, 0.5);
  assert.deepEqual(r.report.failures, ["flake_rate_pct exceeds threshold (50.00% > 0.5%)"]);
});

test("acceptance 14: --output without value and --bogus → exit 2 touching nothing; --help → 0", async () => {
  const root = sqTree();
  write(root, OUT, STALE_PASS);
  const missing = await runCli(root, ["signal-quality", "--output"]);
  assertUsageError(missing, "option --output needs a value");
  const bogus = await runCli(root, ["signal-quality", "--bogus", "--output", OUT]);
  assertUsageError(bogus, "unknown option --bogus");
  // Arguments that do not parse leave the file system alone.
  assert.equal(read(root, OUT), STALE_PASS);

  const help = await runCli(root, ["signal-quality", "--help"]);
  assert.equal(help.code, 0);
  assert.equal(help.stderr, "");
  assert.match(help.stdout, /^Judge a variance dashboard/);
  for (const flag of ["--report", "--dashboard", "--output", "--max-flake-rate-pct", "--max-false-positive-rate-pct", "--max-runtime-ratio", "--max-deterministic-failures", "--guidance-doc", "--verification-rerun-command", "--now"]) {
    assert.ok(help.stdout.includes(flag), `help mentions ${flag}`);
  }
  assert.equal(read(root, OUT), STALE_PASS);
  const top = await runCli(root, ["--help"]);
  assert.match(top.stdout, /\n {2}signal-quality +Judge a variance dashboard/);
});

test("acceptance 14: --now and FLAKEWARDEN_NOW must be ISO-8601 with an offset; exit 2 removes the output", async () => {
  const root = sqTree();
  write(root, OUT, STALE_PASS);
  const r = await sq(root, ["--now", "2026-03-01 00:00:00"]);
  assertUsageError(r, "--now must be an ISO-8601 timestamp with an offset, e.g. 2026-03-01T00:00:00Z (got '2026-03-01 00:00:00')");
  assert.equal(exists(root, OUT), false);
  const env = await runCli(root, ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT], { env: { FLAKEWARDEN_NOW: "yesterday" } });
  assertUsageError(env, "FLAKEWARDEN_NOW must be an ISO-8601 timestamp with an offset, e.g. 2026-03-01T00:00:00Z (got 'yesterday')");
  // A valid FLAKEWARDEN_NOW is the instant; an empty one is unset (the clock runCli supplies).
  const ok = await runCli(root, ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT], { env: { FLAKEWARDEN_NOW: "2026-05-01T10:20:30.999+02:00" } });
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(JSON.parse(read(root, OUT)).generated_at, "2026-05-01T08:20:30Z");
  await runCli(root, ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT], { env: { FLAKEWARDEN_NOW: "" }, now: Date.parse("2026-07-04T01:02:03.456Z") });
  assert.equal(JSON.parse(read(root, OUT)).generated_at, "2026-07-04T01:02:03Z");
});

test("acceptance 14: an internal error (exit 3) removes the report it wrote", async () => {
  const root = sqTree();
  const { code, stderr } = await runCliWithThrowingStdout(root, ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT, "--now", SQ_NOW]);
  assert.equal(code, 3);
  assert.match(stderr, /this is a bug/);
  assert.equal(exists(root, OUT), false);
});

test("acceptance 14: defaults: inputs under target/semantic-verification, output with its parents created", async () => {
  const root = sqTree(null, null);
  write(root, "target/semantic-verification/verification_report.json", sampleReport({ report_dir: "../../report_artifacts" }));
  write(root, "target/semantic-verification/flake/latest/variance_dashboard.json", {
    ...sqFixture("variance_dashboard_pass.json"),
    artifacts: { variance_events_ndjson: "../../../../flake/variance_events.ndjson", summary: "/nonexistent/summary.txt" },
  });
  const r = await runCli(root, ["signal-quality", "--now", SQ_NOW]);
  const outRel = "target/semantic-verification/signal-quality/signal_quality_report.json";
  assert.ok(exists(root, outRel), "the default output is written");
  const report = JSON.parse(read(root, outRel));
  assert.equal(r.code, 1);
  assert.deepEqual(report.inputs, {
    verification_report: "target/semantic-verification/verification_report.json",
    variance_dashboard: "target/semantic-verification/flake/latest/variance_dashboard.json",
  });
  assert.deepEqual(report.diagnostics_links, {
    runner_report_dir: "report_artifacts",
    existing_required_artifacts: ["report_artifacts/docs_output.txt", "report_artifacts/golden_output.txt"],
    missing_required_artifacts: [],
    variance_events_ndjson: "flake/variance_events.ndjson",
    variance_summary: "/nonexistent/summary.txt",
  });
  assert.deepEqual(report.failures, ["variance summary link missing or unreadable"]);
  assert.match(r.stdout, /\n\[semantic-signal-quality\] details=target\/semantic-verification\/signal-quality\/signal_quality_report\.json\n/);
  assert.equal(report.rerun_commands[2], `flakewarden signal-quality --report target/semantic-verification/verification_report.json --dashboard target/semantic-verification/flake/latest/variance_dashboard.json --output ${outRel}`);
});

test("acceptance 15: rerun commands carry the thresholds, the dashboard's iterations and seed, and the profile", async () => {
  const dashboard = { ...sqFixture("variance_dashboard_pass.json"), iterations: 8, seed: 7 };
  const root = sqTree(sampleReport(), dashboard);
  const r = await sq(root, ["--max-flake-rate-pct", "2.5"]);
  assert.equal(r.code, 0, r.stdout);
  const [verify, detect, again] = r.report.rerun_commands;
  assert.equal(verify, "scripts/run_semantic_verification.sh --profile smoke --json");
  assert.equal(detect, "flakewarden detect --iterations 8 --seed 7");
  assert.ok(again.endsWith(" --max-flake-rate-pct 2.5"), again);
  assert.equal(again, `flakewarden signal-quality --report ${REPORT} --dashboard ${DASHBOARD} --output ${OUT} --max-flake-rate-pct 2.5`);
});

test("acceptance 15: the detect command reflects config, non-default settings and the suite filter; thresholds keep §2.5 order", async () => {
  const dashboard = {
    ...sqFixture("variance_dashboard_pass.json"),
    iterations: 12,
    seed: 0,
    config_path: "ci/flake warden.yaml",
    duration_threshold_pct: 30.5,
    warmup_runs: 1,
    duration_floor_ms: 0,
    suite_filter: ["cross_seed_replay", "it's"],
  };
  const root = sqTree(sampleReport({ profile: "nightly run" }), dashboard);
  const r = await sq(root, [
    "--max-deterministic-failures",
    "3",
    "--max-runtime-ratio",
    "2.0",
    "--max-false-positive-rate-pct",
    "50",
    "--max-flake-rate-pct",
    "50",
    "--guidance-doc",
    "docs/x.md",
  ]);
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(r.report.rerun_commands, [
    "scripts/run_semantic_verification.sh --profile 'nightly run' --json",
    "flakewarden detect --config 'ci/flake warden.yaml' --iterations 12 --seed 0 --duration-threshold 30.5 --warmup 1 --suite cross_seed_replay --suite 'it'\\''s'",
    `flakewarden signal-quality --report ${REPORT} --dashboard ${DASHBOARD} --output ${OUT} --max-flake-rate-pct 50 --max-false-positive-rate-pct 50 --max-runtime-ratio 2.0 --max-deterministic-failures 3`,
  ]);
  assert.deepEqual(r.report.maintenance_guidance, { document: "docs/x.md" });
  const custom = await sq(root, ["--verification-rerun-command", "make verify PROFILE=smoke"]);
  assert.equal(custom.report.rerun_commands[0], "make verify PROFILE=smoke");
  // Wrong-typed recorded settings fall back to the detector defaults.
  const odd = await sq(sqTree(sampleReport(), { ...dashboard, iterations: "8", seed: -1, config_path: 3, suite_filter: "a", duration_threshold_pct: 25, warmup_runs: 0 }));
  assert.equal(odd.report.rerun_commands[1], "flakewarden detect --iterations 5 --seed 4242");
});

test("acceptance 15: an unusable dashboard or report still yields rerun commands from the defaults", async () => {
  const r = await sq(sqTree("{", "{"));
  assert.equal(r.code, 1);
  assert.deepEqual(r.report.rerun_commands.slice(0, 2), ["scripts/run_semantic_verification.sh --profile full --json", "flakewarden detect --iterations 5 --seed 4242"]);
});

test("acceptance 16: same inputs and --now 2026-03-01T00:00:00Z twice → byte-identical output (bundled bin)", () => {
  const root = sqTree(sampleReport({ total_duration_s: 200 }), sqFixture("variance_dashboard_fail.json"));
  const args = ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT, "--now", "2026-03-01T00:00:00Z"];
  const first = runBin(root, args);
  const firstBytes = fs.readFileSync(path.join(root, OUT));
  fs.rmSync(path.join(root, OUT));
  const second = runBin(root, args);
  const secondBytes = fs.readFileSync(path.join(root, OUT));
  assert.equal(first.code, 1, first.stderr);
  assert.equal(second.code, 1);
  assert.ok(firstBytes.equals(secondBytes), "the report bytes differ between runs");
  assert.equal(first.stdout, second.stdout);
  assert.ok(firstBytes.toString("utf8").endsWith("}\n"), "trailing newline");
  assert.ok(firstBytes.toString("utf8").startsWith('{\n  "schema_version": "semantic-signal-quality-v1",\n  "generated_at": "2026-03-01T00:00:00Z",\n'));
  assertNoCrash(first);
});

test("deno run -A packages/cli/src/main.ts signal-quality writes the same bytes as Node", async () => {
  const deno = DENO;
  assert.ok(fs.existsSync(deno), "the deno devDependency provides node_modules/.bin/deno");
  const root = sqTree(sampleReport(), sqFixture("variance_dashboard_fail.json"));
  const args = ["signal-quality", "--report", REPORT, "--dashboard", DASHBOARD, "--output", OUT, "--now", SQ_NOW];
  const node = await runCli(root, args);
  const nodeBytes = read(root, OUT);
  fs.rmSync(path.join(root, OUT));
  const r = spawnSync(deno, ["run", "-A", path.join(REPO_ROOT, "packages/cli/src/main.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "" },
  });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(node.code, 1);
  assert.equal(r.stdout, node.stdout);
  assert.equal(r.stderr, "");
  assert.equal(read(root, OUT), nodeBytes);
});
