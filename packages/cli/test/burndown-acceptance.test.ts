// gate.md §8 acceptance items 35–37: `flakewarden burndown` (§2.4, §3.7, §4.11).
import assert from "node:assert/strict";
import test from "node:test";
import { BurndownReport } from "@flakewarden/core";
import {
  assertNoCrash,
  entry,
  exists,
  gate,
  hoursAgo,
  makeTree,
  manifest,
  NOW,
  PATHS,
  read,
  readJsonFile,
  result,
  runCli,
  write,
  type CliResult,
} from "./support/cli.ts";

const HISTORY = "target/nightly-stress";

function burndown(root: string, args: string[] = []): Promise<CliResult> {
  return runCli(root, ["burndown", "--now", NOW, ...args]);
}

/** The report printed on stdout (json format, no --output), checked against the zod schema. */
function stdoutReport(r: CliResult): any {
  const report = JSON.parse(r.stdout);
  BurndownReport.parse(report);
  return report;
}

/** Acceptance 35's manifest. */
function tree35(): string {
  return makeTree({
    [PATHS.manifest]: manifest([
      entry("Q-CRIT", "critical", "open", hoursAgo(10), 24, { owner: "zeta-team" }),
      entry("Q-HIGH-OLD", "high", "open", hoursAgo(100), 500),
      entry("Q-MED", "medium", "open", hoursAgo(24), 168, { owner: "alpha-team" }),
      entry("Q-LOW-OLD", "low", "open", hoursAgo(200), 1000),
      entry("Q-RES-RECENT", "high", "resolved", hoursAgo(300), 72, { resolved_at_utc: hoursAgo(24) }),
      entry("Q-RES-OLD", "high", "resolved", hoursAgo(900), 72, { resolved_at_utc: hoursAgo(720) }),
    ]),
  });
}

// ---------------------------------------------------------------------------------------------
// Acceptance 35
// ---------------------------------------------------------------------------------------------

test("gate acceptance 35: six entries, window 14 → exit 1 with the specified counts, breach, reasons and owner routing", async () => {
  const root = tree35();
  const r = await burndown(root, ["--window-days", "14"]);
  assertNoCrash(r);
  assert.equal(r.code, 1, r.stderr);
  const report = stdoutReport(r);
  assert.equal(report.schema_version, "nightly-burndown-report-v1");
  assert.equal(report.generated_at_utc, "2026-03-10T12:00:00Z");
  assert.equal(report.window_days, 14);
  assert.equal(report.policy_path, PATHS.policy);
  assert.equal(report.manifest_path, PATHS.manifest);
  assert.deepEqual(report.summary, {
    total_open_flakes: 4,
    critical_flakes: 1,
    high_flakes: 1,
    medium_flakes: 1,
    low_flakes: 1,
    overdue_sla_count: 1,
    resolved_in_window: 1,
    new_in_window: 5,
    invalid_entries: 0,
    burndown_trend: "degrading",
  });
  assert.deepEqual(report.sla_breaches, [
    { id: "Q-HIGH-OLD", severity: "high", owner: "runtime-core", elapsed_hours: 100, sla_limit_hours: 72, sla_source: "policy" },
  ]);
  assert.deepEqual(report.release_gate, {
    blocked: true,
    reasons: [
      "1 critical flake(s) in quarantine",
      "1 high flake(s) in quarantine",
      "1 SLA breach(es) detected",
      "1 entry(ies) with sla_hours above the policy target",
    ],
  });
  assert.deepEqual(
    report.owner_routing.map((g: any) => [g.owner, g.open_count, g.items.map((i: any) => i.id)]),
    [
      ["alpha-team", 1, ["Q-MED"]],
      ["runtime-core", 2, ["Q-HIGH-OLD", "Q-LOW-OLD"]],
      ["zeta-team", 1, ["Q-CRIT"]],
    ],
  );
  // due = opened + limit, the limit capped by the policy target (Q-HIGH-OLD: 72h, not 500h).
  assert.deepEqual(report.owner_routing[1].items, [
    { id: "Q-HIGH-OLD", suite: "cross_seed_replay", severity: "high", due_at_utc: "2026-03-09T08:00:00Z" },
    { id: "Q-LOW-OLD", suite: "cross_seed_replay", severity: "low", due_at_utc: "2026-04-12T20:00:00Z" },
  ]);
  assert.equal(report.owner_routing[2].items[0].due_at_utc, "2026-03-11T02:00:00Z");
  assert.deepEqual(report.invalid_entries, []);
  assert.deepEqual(report.history, []);
  assert.deepEqual(report.warnings, [`history directory not found: ${HISTORY}`]);
  assert.equal(r.stderr, `warning: history directory not found: ${HISTORY}\n`);
});

test("gate acceptance 35: the gate fails WG-QUAR-011 on the same manifest", async () => {
  const root = tree35();
  const g = await gate(root);
  assertNoCrash(g);
  assert.equal(g.code, 1);
  const quar = result(g.report, "WG-QUAR");
  assert.equal(quar.status, "fail");
  assert.equal(quar.check_id, "WG-QUAR-011");
  assert.equal(
    quar.detail,
    "unresolved high flakes breach (1 > 0); unresolved critical flakes breach (1 > 0); " +
      "Q-HIGH-OLD sla_hours exceeds policy target (500h > 72h)",
  );
  const b = await burndown(root);
  assert.equal(stdoutReport(b).release_gate.blocked, true);
});

test("gate acceptance 35: report keys are written in the §3.7 order, not sorted", async () => {
  const root = tree35();
  const report = stdoutReport(await burndown(root));
  assert.deepEqual(Object.keys(report), [
    "schema_version",
    "generated_at_utc",
    "window_days",
    "policy_path",
    "manifest_path",
    "summary",
    "release_gate",
    "sla_breaches",
    "owner_routing",
    "history",
    "invalid_entries",
    "warnings",
  ]);
  assert.deepEqual(Object.keys(report.summary), [
    "total_open_flakes",
    "critical_flakes",
    "high_flakes",
    "medium_flakes",
    "low_flakes",
    "overdue_sla_count",
    "resolved_in_window",
    "new_in_window",
    "invalid_entries",
    "burndown_trend",
  ]);
  assert.deepEqual(Object.keys(report.release_gate), ["blocked", "reasons"]);
  assert.deepEqual(Object.keys(report.sla_breaches[0]), ["id", "severity", "owner", "elapsed_hours", "sla_limit_hours", "sla_source"]);
  assert.deepEqual(Object.keys(report.owner_routing[0]), ["owner", "open_count", "items"]);
  assert.deepEqual(Object.keys(report.owner_routing[0].items[0]), ["id", "suite", "severity", "due_at_utc"]);
});

test("gate acceptance 35: --format text prints the §4.11 summary", async () => {
  const root = tree35();
  const r = await burndown(root, ["--format", "text"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    "Burndown (14 days): degrading; open 4 (critical 1, high 1, medium 1, low 1); overdue 1; resolved 1 / new 5\n" +
      "Release gate: BLOCKED\n" +
      "  - 1 critical flake(s) in quarantine\n" +
      "  - 1 high flake(s) in quarantine\n" +
      "  - 1 SLA breach(es) detected\n" +
      "  - 1 entry(ies) with sla_hours above the policy target\n",
  );
});

// ---------------------------------------------------------------------------------------------
// Acceptance 36
// ---------------------------------------------------------------------------------------------

test("gate acceptance 36: without a manifest → exit 1, blocked, first reason names it, an existing --output replaced", async () => {
  const root = makeTree({ [PATHS.manifest]: null });
  write(root, "out/burndown.json", '{"release_gate":{"blocked":false}}\n');
  const r = await burndown(root, ["--output", "out/burndown.json"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.equal(
    r.stderr,
    `warning: history directory not found: ${HISTORY}\nBurndown report written to: out/burndown.json\n`,
  );
  const report = readJsonFile(root, "out/burndown.json");
  BurndownReport.parse(report);
  assert.equal(report.release_gate.blocked, true);
  assert.deepEqual(report.release_gate.reasons, [`quarantine manifest missing: ${PATHS.manifest}`]);
  assert.equal(report.summary.total_open_flakes, 0);
  assert.equal(report.summary.burndown_trend, "stable");
  assert.equal(report.manifest_path, PATHS.manifest);
});

test("gate acceptance 36: --window-days 0, abc, 366 (and -1, 1.5, empty) → exit 2, ERROR line, nothing on stdout, --output removed", async () => {
  for (const bad of ["0", "abc", "366", "-1", "1.5", ""]) {
    const root = tree35();
    write(root, "out.json", "stale\n");
    const r = await burndown(root, ["--window-days", bad, "--output", "out.json"]);
    assertNoCrash(r);
    assert.equal(r.code, 2, `--window-days ${JSON.stringify(bad)}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `ERROR: --window-days must be an integer from 1 to 365 (got '${bad}')\n`);
    assert.equal(exists(root, "out.json"), false, `stale output survived --window-days ${bad}`);
  }
  const ok = await burndown(tree35(), ["--window-days", "365"]);
  assert.equal(ok.code, 1);
  assert.equal(stdoutReport(ok).window_days, 365);
});

test("gate acceptance 36: --window 2 means 2 days and prints the note", async () => {
  const root = tree35();
  const r = await burndown(root, ["--window", "2"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.ok(r.stderr.startsWith("note: --window now means days (same as --window-days)\n"), r.stderr);
  const report = stdoutReport(r);
  assert.equal(report.window_days, 2);
  // Only Q-CRIT (10h) and Q-MED (24h) were opened in the last 48 hours; Q-RES-RECENT resolved 24h ago.
  assert.equal(report.summary.new_in_window, 2);
  assert.equal(report.summary.resolved_in_window, 1);
  const bad = await burndown(root, ["--window", "0"]);
  assertNoCrash(bad);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, "");
  assert.equal(bad.stderr, "ERROR: --window must be an integer from 1 to 365 (got '0')\n");
});

test("gate acceptance 36: only resolved entries → trend clear, not blocked, exit 0", async () => {
  const root = makeTree({
    [PATHS.manifest]: manifest([
      entry("Q-R1", "high", "resolved", hoursAgo(50), 72, { resolved_at_utc: hoursAgo(5) }),
      entry("Q-R2", "critical", "resolved", hoursAgo(900), 24, { resolved_at_utc: hoursAgo(800) }),
    ]),
  });
  const r = await burndown(root);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stdout);
  const report = stdoutReport(r);
  assert.equal(report.summary.burndown_trend, "clear");
  assert.deepEqual(report.release_gate, { blocked: false, reasons: [] });
  assert.equal(report.summary.resolved_in_window, 1);
  assert.equal(report.summary.new_in_window, 1);
  const text = await burndown(root, ["--format", "text"]);
  assert.equal(text.code, 0);
  assert.equal(
    text.stdout,
    "Burndown (14 days): clear; open 0 (critical 0, high 0, medium 0, low 0); overdue 0; resolved 1 / new 1\nRelease gate: clear\n",
  );
});

// ---------------------------------------------------------------------------------------------
// Acceptance 37
// ---------------------------------------------------------------------------------------------

function tree37(): string {
  const root = makeTree();
  write(root, `${HISTORY}/a/run_manifest.json`, { run_id: "run-a", started_at_utc: "2026-03-01T03:00:00Z", overall_result: "pass" });
  write(root, `${HISTORY}/b/run_manifest.json`, "{not json");
  write(root, `${HISTORY}/c/run_manifest.json`, {
    run_id: "run-c",
    started_at_utc: "2026-03-09T03:00:00Z",
    overall_result: "fail",
    total_tests_run: 10,
    total_tests_passed: 9,
    total_tests_failed: 1,
    total_duration_secs: 12.5,
  });
  write(root, `${HISTORY}/d/.keep`, "");
  return root;
}

test("gate acceptance 37: history a, b, c, d with window 2 → only c (2026-03-09), warnings for b and d", async () => {
  const root = tree37();
  const r = await burndown(root, ["--window-days", "2"]);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const report = stdoutReport(r);
  assert.deepEqual(report.history, [
    {
      date: "2026-03-09",
      run_id: "run-c",
      result: "fail",
      total_tests_run: 10,
      total_tests_passed: 9,
      total_tests_failed: 1,
      duration_secs: 12.5,
    },
  ]);
  assert.equal(report.warnings.length, 2);
  assert.match(report.warnings[0], new RegExp(`^skipped history run ${HISTORY}/b: invalid JSON in ${HISTORY}/b/run_manifest\\.json: line 1 column 2: `));
  assert.equal(report.warnings[1], `skipped history run ${HISTORY}/d: no run_manifest.json`);
  assert.equal(r.stderr, report.warnings.map((w: string) => `warning: ${w}\n`).join(""));
});

test("gate acceptance 37: two runs give identical bytes (stdout, --output file, text)", async () => {
  const root = tree37();
  const first = await burndown(root, ["--window-days", "2"]);
  const second = await burndown(root, ["--window-days", "2"]);
  assert.equal(first.stdout, second.stdout);
  assert.ok(first.stdout.length > 0);
  await burndown(root, ["--window-days", "2", "--output", "o1.json"]);
  await burndown(root, ["--window-days", "2", "--output", "o2.json"]);
  assert.equal(read(root, "o1.json"), read(root, "o2.json"));
  assert.equal(read(root, "o1.json"), first.stdout);
  const t1 = await burndown(root, ["--format", "text"]);
  const t2 = await burndown(root, ["--format", "text"]);
  assert.equal(t1.stdout, t2.stdout);
});
