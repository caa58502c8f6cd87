// gate.md §8 acceptance items 1–9: verdicts, determinism, dashboard metrics, replay pointers, WG-QUAR-011.
import assert from "node:assert/strict";
import test from "node:test";
import {
  assertNoCrash,
  entry,
  exists,
  fixture,
  gate,
  hoursAgo,
  makeTree,
  manifest,
  NOW,
  NOW_MS,
  PATHS,
  read,
  referencePolicy,
  result,
  runBin,
  runCli,
} from "./support/cli.ts";

const REPORT = "artifacts/wasm_flake_governance_report.json";
const EVENTS = "artifacts/wasm_flake_governance_events.ndjson";
const GENERATED = "2026-03-10T12:00:00+00:00";
const HEAD = (verdict: "PASS" | "FAIL", checks: string): string =>
  `WASM flake governance gate: ${verdict}\n  Checks: ${checks}\n  Report: ${REPORT}\n  Events: ${EVENTS}\n`;

const DASH_PASS_DETAIL =
  "dashboard healthy (suite_count=2, unstable=0, flake_rate_pct=0.00, false_positive_rate_pct=0.00, critical_test_failures=0)";
const POLICY_PASS = "policy schema and required sections validated";
const FORENSICS_PASS = "forensics playbook links deterministic replay + quarantine workflow";

function checkIds(report: any): string[] {
  return report.results.map((r: any) => r.check_id);
}

/** Every object in the report has its keys in sorted order (§3.5 "keys sorted at every level"). */
function assertSortedKeys(value: unknown, where = "$"): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertSortedKeys(v, `${where}[${i}]`));
    return;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    assert.deepEqual(keys, [...keys].sort(), `keys not sorted at ${where}`);
    for (const k of keys) assertSortedKeys((value as Record<string, unknown>)[k], `${where}.${k}`);
  }
}

/** The fail dashboard of the reference fixtures (witness_seed_equivalence unstable, fail 0). */
function failDashboard(): string {
  return fixture("reference-gate/variance_dashboard_fail.json");
}

// ---------------------------------------------------------------------------------------------
// Acceptance 1
// ---------------------------------------------------------------------------------------------

test("acceptance 1: tree T passes with six pass results, exact stdout, report fields and 6 events", async () => {
  const root = makeTree();
  const r = await gate(root);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, HEAD("PASS", "6 pass, 0 fail"));

  const report = r.report;
  assert.deepEqual(checkIds(report), [
    "WG-POLICY-000",
    "WG-DASH-000",
    "WG-QUAR-000",
    "WG-FORENSICS-000",
    "WG-REACT-000",
    "WG-REPLAY-000",
  ]);
  const details = report.results.map((x: any) => x.detail);
  assert.deepEqual(details, [
    POLICY_PASS,
    DASH_PASS_DETAIL,
    "quarantine healthy (entries=0, unresolved_high=0, unresolved_critical=0)",
    FORENSICS_PASS,
    "reactivated entries carry valid evidence (0 checked)",
    "replay pointers present for all 0 unstable or failing suites",
  ]);
  for (const x of report.results) {
    assert.equal(x.status, "pass");
    assert.deepEqual(x.findings, []);
  }
  assert.equal(report.schema_version, "wasm-flake-governance-report-v1");
  assert.equal(report.generated_at_utc, GENERATED);
  assert.equal(report.gate_status, "pass");
  assert.equal(report.policy_path, ".github/wasm_flake_governance_policy.json");
  assert.ok(report.git_sha === null || /^[0-9a-f]{40}$/.test(report.git_sha), `git_sha ${report.git_sha}`);
  assert.deepEqual(report.summary, { fail: 0, pass: 6, skip: 0, total: 6 });
  assert.deepEqual(report.metrics, { unresolved_critical: 0, unresolved_high: 0 });
  assert.deepEqual(report.inputs, {
    dashboard: "target/semantic-verification/flake/latest/variance_dashboard.json",
    forensics_doc: "docs/wasm_flake_governance_and_forensics.md",
    pilot_summary: null,
    quarantine_manifest: "artifacts/wasm_flake_quarantine_manifest.json",
  });
  assert.deepEqual(report.thresholds, {
    max_critical_test_failures: 0,
    max_false_positive_rate_pct: 5,
    max_flake_rate_pct: 0,
    max_unresolved_critical_severity_flakes: 0,
    max_unresolved_high_severity_flakes: 0,
    reactivation_min_runs: { critical: 3, high: 3, low: 3, medium: 3 },
    sla_targets_hours: { critical: 24, high: 72, medium: 168 },
  });
  assert.deepEqual(report.dashboard_health, {
    critical_test_failures: 0,
    false_positive_proxy_rate_pct: 0,
    flake_rate_pct: 0,
    gate_health: "healthy",
    schema_version: "sem-variance-dashboard-v1",
    status: "ok",
    suite_count: 2,
    trend_lines: [
      { duration_spread_pct: null, failures: 0, instability_signals: [], suite: "witness_seed_equivalence", unstable: false },
      { duration_spread_pct: null, failures: 0, instability_signals: [], suite: "cross_seed_replay", unstable: false },
    ],
    unstable_suite_count: 0,
  });

  // Report bytes: sorted keys at every level, 2-space indent, trailing newline.
  const reportText = read(root, PATHS.report);
  assertSortedKeys(report);
  assert.equal(reportText, `${JSON.stringify(report, null, 2)}\n`);

  // Events: one compact line per result, keys sorted.
  const eventsText = read(root, PATHS.events);
  const lines = eventsText.split("\n");
  assert.equal(lines.pop(), "", "events end with a newline");
  assert.equal(lines.length, 6);
  const expectedLines = report.results.map((x: any) =>
    JSON.stringify({
      check_id: x.check_id,
      detail: x.detail,
      generated_at_utc: GENERATED,
      schema_version: "wasm-flake-governance-event-v1",
      status: "pass",
    }),
  );
  assert.deepEqual(lines, expectedLines);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 2
// ---------------------------------------------------------------------------------------------

test("acceptance 2: two runs in the same tree give identical report and events bytes", async () => {
  const root = makeTree();
  const first = await gate(root);
  assert.equal(first.code, 0, first.stderr);
  const report1 = read(root, PATHS.report);
  const events1 = read(root, PATHS.events);
  const second = await gate(root);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(read(root, PATHS.report), report1);
  assert.equal(read(root, PATHS.events), events1);
  assert.equal(second.stdout, first.stdout);
  // Determinism also holds for a failing tree with findings.
  const failing = makeTree({ [PATHS.dashboard]: failDashboard() });
  const f1 = await gate(failing);
  const fr1 = read(failing, PATHS.report);
  const fe1 = read(failing, PATHS.events);
  const f2 = await gate(failing);
  assert.equal(f1.code, 1);
  assert.equal(f2.code, 1);
  assert.equal(read(failing, PATHS.report), fr1);
  assert.equal(read(failing, PATHS.events), fe1);
  assert.equal(f2.stdout, f1.stdout);
});

test("acceptance 2: --format json prints exactly the report file's bytes", async () => {
  for (const dashboard of [undefined, failDashboard()]) {
    const root = makeTree(dashboard === undefined ? {} : { [PATHS.dashboard]: dashboard });
    const r = await gate(root, ["--format", "json"]);
    assert.equal(r.code, dashboard === undefined ? 0 : 1, r.stderr);
    assert.equal(r.stderr, "");
    const bytes = read(root, PATHS.report);
    assert.equal(r.stdout, bytes);
    // Both formats write the same report and events.
    const events = read(root, PATHS.events);
    const text = await gate(root);
    assert.equal(read(root, PATHS.report), bytes);
    assert.equal(read(root, PATHS.events), events);
    assert.match(text.stdout, /^WASM flake governance gate: (PASS|FAIL)\n/);
  }
});

test("acceptance 2: FLAKEWARDEN_NOW gives the same bytes as --now; --now wins; empty env is unset", async () => {
  const root = makeTree({ [PATHS.dashboard]: failDashboard(), [PATHS.manifest]: manifest([entry("Q-A", "medium", "open", hoursAgo(200), 168)]) });
  const viaFlag = await gate(root);
  assert.equal(viaFlag.code, 1, viaFlag.stderr);
  const report = read(root, PATHS.report);
  const events = read(root, PATHS.events);
  assert.equal(viaFlag.report.generated_at_utc, GENERATED);
  // The SLA age depends on now: the env clock must drive it exactly like --now.
  assert.equal(result(viaFlag.report, "WG-QUAR").detail, "Q-A breached entry SLA (200.0h > 168h)");

  const systemClock = Date.parse("2027-01-01T00:00:00Z");
  const viaEnv = await runCli(root, ["gate"], { env: { FLAKEWARDEN_NOW: NOW }, now: systemClock });
  assert.equal(viaEnv.code, 1, viaEnv.stderr);
  assert.equal(viaEnv.stdout, viaFlag.stdout);
  assert.equal(read(root, PATHS.report), report);
  assert.equal(read(root, PATHS.events), events);

  // --now takes precedence over FLAKEWARDEN_NOW.
  const both = await gate(root, [], { FLAKEWARDEN_NOW: "2027-01-01T00:00:00Z" });
  assert.equal(both.code, 1, both.stderr);
  assert.equal(read(root, PATHS.report), report);

  // An empty FLAKEWARDEN_NOW counts as unset: the system clock (here pinned to NOW) is used.
  const emptyEnv = await runCli(root, ["gate"], { env: { FLAKEWARDEN_NOW: "" }, now: NOW_MS });
  assert.equal(emptyEnv.code, 1, emptyEnv.stderr);
  assert.equal(read(root, PATHS.report), report);
  assert.equal(read(root, PATHS.events), events);

  // A different env clock gives a different report (the env is really read).
  const later = await runCli(root, ["gate"], { env: { FLAKEWARDEN_NOW: "2026-03-10T13:00:00Z" }, now: NOW_MS });
  assert.equal(later.code, 1, later.stderr);
  const laterReport = JSON.parse(read(root, PATHS.report));
  assert.equal(laterReport.generated_at_utc, "2026-03-10T13:00:00+00:00");
  assert.equal(result(laterReport, "WG-QUAR").detail, "Q-A breached entry SLA (201.0h > 168h)");
});

test("acceptance 2: naive --now 2026-03-10T12:00:00 exits 2 naming --now, nothing on stdout, outputs removed", async () => {
  const root = makeTree();
  const ok = await gate(root);
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(exists(root, PATHS.report));
  assert.ok(exists(root, PATHS.events));

  const r = await runCli(root, ["gate", "--now", "2026-03-10T12:00:00"]);
  assertNoCrash(r);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^ERROR: [^\n]*--now[^\n]*\n$/);
  assert.ok(r.stderr.includes("2026-03-10T12:00:00"), r.stderr);
  // §2.1: exit 2 after argument parsing deletes existing outputs at the default paths.
  assert.equal(exists(root, PATHS.report), false);
  assert.equal(exists(root, PATHS.events), false);

  // The same naive value from the env names FLAKEWARDEN_NOW instead.
  const env = await runCli(root, ["gate"], { env: { FLAKEWARDEN_NOW: "2026-03-10T12:00:00" } });
  assertNoCrash(env);
  assert.equal(env.code, 2);
  assert.equal(env.stdout, "");
  assert.match(env.stderr, /^ERROR: [^\n]*FLAKEWARDEN_NOW[^\n]*\n$/);
  assert.ok(!env.stderr.includes("--now"), env.stderr);
});

test("acceptance 2: the bundled binary (child process) gives the same bytes as the in-process run", async () => {
  const root = makeTree({ [PATHS.dashboard]: failDashboard() });
  const inProcess = await gate(root);
  assert.equal(inProcess.code, 1, inProcess.stderr);
  const report = read(root, PATHS.report);
  const events = read(root, PATHS.events);

  const bin = runBin(root, ["gate", "--now", NOW]);
  assertNoCrash(bin);
  assert.equal(bin.code, 1, bin.stderr);
  assert.equal(bin.stderr, "");
  assert.equal(bin.stdout, inProcess.stdout);
  assert.equal(read(root, PATHS.report), report);
  assert.equal(read(root, PATHS.events), events);

  const binEnv = runBin(root, ["gate", "--format", "json"], { FLAKEWARDEN_NOW: NOW });
  assert.equal(binEnv.code, 1, binEnv.stderr);
  assert.equal(binEnv.stdout, report);
  assert.equal(read(root, PATHS.report), report);
  assert.equal(read(root, PATHS.events), events);

  const naive = runBin(root, ["gate", "--now", "2026-03-10T12:00:00"]);
  assertNoCrash(naive);
  assert.equal(naive.code, 2);
  assert.equal(naive.stdout, "");
  assert.match(naive.stderr, /^ERROR: [^\n]*--now[^\n]*\n$/);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 3
// ---------------------------------------------------------------------------------------------

test("acceptance 3: reference fail dashboard breaches WG-DASH-006, WG-REPLAY-001, gate_health degraded", async () => {
  const root = makeTree({ [PATHS.dashboard]: failDashboard() });
  const r = await gate(root);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, "");
  const dashDetail = "flake_rate_pct breach (50.00 > 0); false_positive_rate_pct breach (50.00 > 5)";
  const replayDetail = "suite witness_seed_equivalence is unstable but has no open or resolved quarantine entry";
  assert.equal(
    r.stdout,
    `${HEAD("FAIL", "4 pass, 2 fail")}  FAIL: [WG-DASH-006] ${dashDetail}\n  FAIL: [WG-REPLAY-001] ${replayDetail}\n`,
  );
  const report = r.report;
  assert.equal(report.gate_status, "fail");
  assert.deepEqual(report.summary, { fail: 2, pass: 4, skip: 0, total: 6 });
  assert.deepEqual(checkIds(report), ["WG-POLICY-000", "WG-DASH-006", "WG-QUAR-000", "WG-FORENSICS-000", "WG-REACT-000", "WG-REPLAY-001"]);

  const dash = result(report, "WG-DASH");
  assert.equal(dash.status, "fail");
  assert.equal(dash.detail, dashDetail);
  assert.deepEqual(dash.findings, [
    {
      actual: 50,
      check_id: "WG-DASH-006",
      limit: 0,
      message: "flake_rate_pct breach (50.00 > 0)",
      path: "quality_thresholds.max_flake_rate_pct",
      subject: null,
    },
    {
      actual: 50,
      check_id: "WG-DASH-006",
      limit: 5,
      message: "false_positive_rate_pct breach (50.00 > 5)",
      path: "quality_thresholds.max_false_positive_rate_pct",
      subject: null,
    },
  ]);

  const replay = result(report, "WG-REPLAY");
  assert.equal(replay.status, "fail");
  assert.equal(replay.detail, replayDetail);
  assert.deepEqual(replay.findings, [
    { actual: null, check_id: "WG-REPLAY-001", limit: null, message: replayDetail, path: "suites[0]", subject: "witness_seed_equivalence" },
  ]);

  assert.equal(report.dashboard_health.status, "ok");
  assert.equal(report.dashboard_health.gate_health, "degraded");
  assert.equal(report.dashboard_health.suite_count, 2);
  assert.equal(report.dashboard_health.unstable_suite_count, 1);
  assert.equal(report.dashboard_health.flake_rate_pct, 50);
  assert.equal(report.dashboard_health.false_positive_proxy_rate_pct, 50);
  assert.equal(report.dashboard_health.critical_test_failures, 0);
  assert.equal(read(root, PATHS.events).trim().split("\n").length, 6);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 4
// ---------------------------------------------------------------------------------------------

test("acceptance 4: an open entry for the unstable suite satisfies WG-REPLAY (all 1)", async () => {
  const qw = entry("Q-W", "medium", "open", hoursAgo(12), 168, { suite: "witness_seed_equivalence" });
  const root = makeTree({ [PATHS.dashboard]: failDashboard(), [PATHS.manifest]: manifest([qw]) });
  const r = await gate(root);
  assert.equal(r.code, 1, r.stderr); // WG-DASH-006 still fails
  const replay = result(r.report, "WG-REPLAY");
  assert.equal(replay.check_id, "WG-REPLAY-000");
  assert.equal(replay.status, "pass");
  assert.equal(replay.detail, "replay pointers present for all 1 unstable or failing suites");
  assert.deepEqual(replay.findings, []);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-000");
  assert.equal(quar.detail, "quarantine healthy (entries=1, unresolved_high=0, unresolved_critical=0)");
  assert.deepEqual(checkIds(r.report), ["WG-POLICY-000", "WG-DASH-006", "WG-QUAR-000", "WG-FORENSICS-000", "WG-REACT-000", "WG-REPLAY-000"]);
});

test("acceptance 4: an empty trace_pointer gives WG-QUAR-012 and WG-REPLAY-002", async () => {
  const qw = entry("Q-W", "medium", "open", hoursAgo(12), 168, { suite: "witness_seed_equivalence", trace_pointer: "" });
  const root = makeTree({ [PATHS.dashboard]: failDashboard(), [PATHS.manifest]: manifest([qw]) });
  const r = await gate(root);
  assert.equal(r.code, 1, r.stderr);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-012");
  assert.equal(quar.status, "fail");
  assert.equal(quar.detail, "Q-W: trace_pointer must be a non-empty string");
  assert.deepEqual(quar.findings, [
    {
      actual: null,
      check_id: "WG-QUAR-012",
      limit: null,
      message: "Q-W: trace_pointer must be a non-empty string",
      path: "entries[0].trace_pointer",
      subject: "Q-W",
    },
  ]);
  const replay = result(r.report, "WG-REPLAY");
  const replayDetail =
    "suite witness_seed_equivalence: no open or resolved quarantine entry has both replay_command and trace_pointer (entries: Q-W)";
  assert.equal(replay.check_id, "WG-REPLAY-002");
  assert.equal(replay.status, "fail");
  assert.equal(replay.detail, replayDetail);
  assert.deepEqual(replay.findings, [
    { actual: null, check_id: "WG-REPLAY-002", limit: null, message: replayDetail, path: "suites[0]", subject: "witness_seed_equivalence" },
  ]);
  assert.ok(r.stdout.includes(`  FAIL: [WG-QUAR-012] Q-W: trace_pointer must be a non-empty string\n`), r.stdout);
  assert.ok(r.stdout.includes(`  FAIL: [WG-REPLAY-002] ${replayDetail}\n`), r.stdout);
  assert.match(r.stdout, /^WASM flake governance gate: FAIL\n  Checks: 3 pass, 3 fail\n/);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 5
// ---------------------------------------------------------------------------------------------

test("acceptance 5: three suites breach all three WG-DASH-006 parts and WG-REPLAY-001 names each state", async () => {
  const dashboard = {
    schema_version: "sem-variance-dashboard-v1",
    suites: [
      { suite: "witness_seed_equivalence", unstable: true, outcomes: { fail: 0 } },
      { suite: "cross_seed_replay", unstable: true, outcomes: { fail: 2 } },
      { suite: "extra_suite", unstable: false, outcomes: { fail: 1 } },
    ],
  };
  const root = makeTree({ [PATHS.dashboard]: dashboard });
  const r = await gate(root);
  assert.equal(r.code, 1, r.stderr);
  const dash = result(r.report, "WG-DASH");
  assert.equal(dash.check_id, "WG-DASH-006");
  assert.equal(
    dash.detail,
    "flake_rate_pct breach (66.67 > 0); false_positive_rate_pct breach (33.33 > 5); critical_test_failures breach (3 > 0)",
  );
  assert.deepEqual(
    dash.findings.map((f: any) => [f.check_id, f.actual, f.limit, f.path, f.subject]),
    [
      ["WG-DASH-006", 66.67, 0, "quality_thresholds.max_flake_rate_pct", null],
      ["WG-DASH-006", 33.33, 5, "quality_thresholds.max_false_positive_rate_pct", null],
      ["WG-DASH-006", 3, 0, "quality_thresholds.max_critical_test_failures", null],
    ],
  );

  const replay = result(r.report, "WG-REPLAY");
  const messages = [
    "suite witness_seed_equivalence is unstable but has no open or resolved quarantine entry",
    "suite cross_seed_replay is unstable and failing but has no open or resolved quarantine entry",
    "suite extra_suite is failing but has no open or resolved quarantine entry",
  ];
  assert.equal(replay.check_id, "WG-REPLAY-001");
  assert.equal(replay.detail, messages.join("; "));
  assert.deepEqual(
    replay.findings.map((f: any) => [f.check_id, f.message, f.subject, f.path]),
    [
      ["WG-REPLAY-001", messages[0], "witness_seed_equivalence", "suites[0]"],
      ["WG-REPLAY-001", messages[1], "cross_seed_replay", "suites[1]"],
      ["WG-REPLAY-001", messages[2], "extra_suite", "suites[2]"],
    ],
  );

  const health = r.report.dashboard_health;
  assert.equal(health.status, "ok");
  assert.equal(health.gate_health, "degraded");
  assert.equal(health.suite_count, 3);
  assert.equal(health.unstable_suite_count, 2);
  assert.equal(health.flake_rate_pct, 66.67);
  assert.equal(health.false_positive_proxy_rate_pct, 33.33);
  assert.equal(health.critical_test_failures, 3);
  assert.deepEqual(
    health.trend_lines.map((t: any) => [t.suite, t.unstable, t.failures]),
    [
      ["witness_seed_equivalence", true, 0],
      ["cross_seed_replay", true, 2],
      ["extra_suite", false, 1],
    ],
  );
});

// ---------------------------------------------------------------------------------------------
// Acceptance 6
// ---------------------------------------------------------------------------------------------

test("acceptance 6: 32 suites with one unstable give flake_rate_pct 3.12 (ties to even) under thresholds 5/5", async () => {
  const policy = referencePolicy();
  policy.quality_thresholds.max_flake_rate_pct = 5;
  policy.quality_thresholds.max_false_positive_rate_pct = 5;
  const suites: object[] = [
    { suite: "witness_seed_equivalence", unstable: true, outcomes: { fail: 0 } },
    { suite: "cross_seed_replay", unstable: false, outcomes: { fail: 0 } },
  ];
  for (let i = 2; i < 32; i++) suites.push({ suite: `suite_${String(i).padStart(2, "0")}`, unstable: false, outcomes: { fail: 0 } });
  assert.equal(suites.length, 32);
  const dashboard = { schema_version: "sem-variance-dashboard-v1", suite_count: 32, unstable_suite_count: 1, suites };
  const open = entry("Q-U", "medium", "open", hoursAgo(1), 168, { suite: "witness_seed_equivalence" });
  const root = makeTree({ [PATHS.policy]: policy, [PATHS.dashboard]: dashboard, [PATHS.manifest]: manifest([open]) });
  const r = await gate(root);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, HEAD("PASS", "6 pass, 0 fail"));
  const dash = result(r.report, "WG-DASH");
  assert.equal(dash.check_id, "WG-DASH-000");
  assert.equal(
    dash.detail,
    "dashboard healthy (suite_count=32, unstable=1, flake_rate_pct=3.12, false_positive_rate_pct=3.12, critical_test_failures=0)",
  );
  const health = r.report.dashboard_health;
  assert.equal(health.flake_rate_pct, 3.12);
  assert.equal(health.false_positive_proxy_rate_pct, 3.12);
  assert.equal(health.suite_count, 32);
  assert.equal(health.unstable_suite_count, 1);
  assert.equal(health.gate_health, "degraded");
  assert.equal(health.trend_lines.length, 32);
  assert.equal(result(r.report, "WG-REPLAY").detail, "replay pointers present for all 1 unstable or failing suites");
  assert.equal(r.report.thresholds.max_flake_rate_pct, 5);
  assert.equal(r.report.thresholds.max_false_positive_rate_pct, 5);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 7
// ---------------------------------------------------------------------------------------------

test("acceptance 7: unresolved high and critical flakes breach WG-QUAR-011", async () => {
  const root = makeTree({
    [PATHS.manifest]: manifest([
      entry("Q-H", "high", "open", hoursAgo(1), 72),
      entry("Q-C", "critical", "open", hoursAgo(2), 24),
    ]),
  });
  const r = await gate(root);
  assert.equal(r.code, 1, r.stderr);
  const detail = "unresolved high flakes breach (1 > 0); unresolved critical flakes breach (1 > 0)";
  assert.equal(r.stdout, `${HEAD("FAIL", "5 pass, 1 fail")}  FAIL: [WG-QUAR-011] ${detail}\n`);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-011");
  assert.equal(quar.status, "fail");
  assert.equal(quar.detail, detail);
  assert.deepEqual(quar.findings, [
    {
      actual: 1,
      check_id: "WG-QUAR-011",
      limit: 0,
      message: "unresolved high flakes breach (1 > 0)",
      path: "quality_thresholds.max_unresolved_high_severity_flakes",
      subject: null,
    },
    {
      actual: 1,
      check_id: "WG-QUAR-011",
      limit: 0,
      message: "unresolved critical flakes breach (1 > 0)",
      path: "quality_thresholds.max_unresolved_critical_severity_flakes",
      subject: null,
    },
  ]);
  assert.deepEqual(r.report.metrics, { unresolved_critical: 1, unresolved_high: 1 });
});

// ---------------------------------------------------------------------------------------------
// Acceptance 8
// ---------------------------------------------------------------------------------------------

test("acceptance 8: SLA and policy-target breaches in manifest order, 6 findings", async () => {
  const root = makeTree({
    [PATHS.manifest]: manifest([
      entry("Q-MED-OLD", "medium", "open", hoursAgo(216), 168),
      entry("Q-MED-LONGSLA", "medium", "open", hoursAgo(1), 200),
      entry("Q-LOW-OLD", "low", "open", hoursAgo(672), 100),
      entry("Q-HIGH-BOTH", "high", "open", hoursAgo(228), 96),
      entry("Q-RES", "medium", "resolved", "2025-01-01T00:00:00Z", 1),
    ]),
  });
  const r = await gate(root);
  assert.equal(r.code, 1, r.stderr);
  const messages = [
    "unresolved high flakes breach (1 > 0)",
    "Q-MED-OLD breached entry SLA (216.0h > 168h)",
    "Q-MED-LONGSLA sla_hours exceeds policy target (200h > 168h)",
    "Q-LOW-OLD breached entry SLA (672.0h > 100h)",
    "Q-HIGH-BOTH breached entry SLA (228.0h > 96h)",
    "Q-HIGH-BOTH sla_hours exceeds policy target (96h > 72h)",
  ];
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-011");
  assert.equal(quar.detail, messages.join("; "));
  assert.equal(quar.findings.length, 6);
  assert.deepEqual(
    quar.findings.map((f: any) => [f.check_id, f.message, f.subject, f.path, f.actual, f.limit]),
    [
      ["WG-QUAR-011", messages[0], null, "quality_thresholds.max_unresolved_high_severity_flakes", 1, 0],
      ["WG-QUAR-011", messages[1], "Q-MED-OLD", "entries[0]", 216, 168],
      ["WG-QUAR-011", messages[2], "Q-MED-LONGSLA", "entries[1].sla_hours", 200, 168],
      ["WG-QUAR-011", messages[3], "Q-LOW-OLD", "entries[2]", 672, 100],
      ["WG-QUAR-011", messages[4], "Q-HIGH-BOTH", "entries[3]", 228, 96],
      ["WG-QUAR-011", messages[5], "Q-HIGH-BOTH", "entries[3].sla_hours", 96, 72],
    ],
  );
  assert.deepEqual(r.report.metrics, { unresolved_critical: 0, unresolved_high: 1 });
  assert.ok(r.stdout.includes(`  FAIL: [WG-QUAR-011] ${messages.join("; ")}\n`), r.stdout);
  assert.ok(!r.stdout.includes("    - ["), "findings sharing the result's check_id get no `- ` line");
});

// ---------------------------------------------------------------------------------------------
// Acceptance 9
// ---------------------------------------------------------------------------------------------

test("acceptance 9: an entry exactly at its SLA does not breach; 1 ms older does (168.0h > 168h)", async () => {
  const atSla = makeTree({ [PATHS.manifest]: manifest([entry("Q-B", "medium", "open", hoursAgo(168), 168)]) });
  const ok = await gate(atSla);
  assert.equal(ok.code, 0, ok.stdout);
  const quarOk = result(ok.report, "WG-QUAR");
  assert.equal(quarOk.check_id, "WG-QUAR-000");
  assert.equal(quarOk.detail, "quarantine healthy (entries=1, unresolved_high=0, unresolved_critical=0)");

  const opened = hoursAgo(168 + 1 / 3_600_000);
  assert.equal(opened, "2026-03-03T11:59:59.999Z");
  const past = makeTree({ [PATHS.manifest]: manifest([entry("Q-B", "medium", "open", opened, 168)]) });
  const r = await gate(past);
  assert.equal(r.code, 1, r.stderr);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-011");
  assert.equal(quar.detail, "Q-B breached entry SLA (168.0h > 168h)");
  assert.deepEqual(quar.findings, [
    {
      actual: 168,
      check_id: "WG-QUAR-011",
      limit: 168,
      message: "Q-B breached entry SLA (168.0h > 168h)",
      path: "entries[0]",
      subject: "Q-B",
    },
  ]);
});

test("acceptance 9: age 2.25h prints with ties-to-even as (2.2h > 2h)", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-R", "low", "open", "2026-03-10T09:45:00Z", 2)]) });
  const r = await gate(root);
  assert.equal(r.code, 1, r.stderr);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-011");
  assert.equal(quar.detail, "Q-R breached entry SLA (2.2h > 2h)");
  assert.equal(quar.findings.length, 1);
  assert.equal(quar.findings[0].actual, 2.2);
  assert.equal(quar.findings[0].limit, 2);
  assert.equal(quar.findings[0].subject, "Q-R");
  assert.equal(quar.findings[0].path, "entries[0]");
});

test("acceptance 9: an offset timestamp equal to now (13:30+01:30) has age 0 and does not breach a 1h SLA", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-O", "low", "open", "2026-03-10T13:30:00+01:30", 1)]) });
  const r = await gate(root);
  assert.equal(r.code, 0, r.stdout);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-000");
  assert.equal(quar.detail, "quarantine healthy (entries=1, unresolved_high=0, unresolved_critical=0)");
  assert.deepEqual(quar.findings, []);
});
