// gate.md §8 acceptance 18–22: missing or malformed evidence files (dashboard, manifest, playbook,
// pilot summary) are failed checks with their check ids, a written report and exit 1 (§4.4–§4.9).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, fixture, gate, makeTree, NOW, PATHS, read, referencePolicy, runCli } from "./support/cli.ts";

const DASH = PATHS.dashboard;

function header(status: "PASS" | "FAIL", checks: string): string {
  return `WASM flake governance gate: ${status}\n  Checks: ${checks}\n  Report: ${PATHS.report}\n  Events: ${PATHS.events}\n`;
}

function passDashboard(): any {
  return JSON.parse(fixture("reference-gate/variance_dashboard_pass.json"));
}

function eventLines(root: string): any[] {
  const text = read(root, PATHS.events);
  assert.ok(text.endsWith("\n"));
  return text.slice(0, -1).split("\n").map((l) => JSON.parse(l));
}

function summaryOf(report: any): [string, string, string][] {
  return report.results.map((r: any) => [r.check_id, r.status, r.detail]);
}

const POLICY_000: [string, string, string] = ["WG-POLICY-000", "pass", "policy schema and required sections validated"];
const DASH_000: [string, string, string] = [
  "WG-DASH-000",
  "pass",
  "dashboard healthy (suite_count=2, unstable=0, flake_rate_pct=0.00, false_positive_rate_pct=0.00, critical_test_failures=0)",
];
const QUAR_000: [string, string, string] = ["WG-QUAR-000", "pass", "quarantine healthy (entries=0, unresolved_high=0, unresolved_critical=0)"];
const FORENSICS_000: [string, string, string] = ["WG-FORENSICS-000", "pass", "forensics playbook links deterministic replay + quarantine workflow"];
const REACT_000: [string, string, string] = ["WG-REACT-000", "pass", "reactivated entries carry valid evidence (0 checked)"];

// ---------------------------------------------------------------------------------------------
// Acceptance 18: dashboard absent → WG-DASH-001; a directory or broken JSON → WG-DASH-002.

test("acceptance 18: absent dashboard is WG-DASH-001, dashboard_health missing, WG-REPLAY-SKIP, `Checks: 4 pass, 1 fail, 1 skip`", async () => {
  const root = makeTree({ [DASH]: null });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    header("FAIL", "4 pass, 1 fail, 1 skip") +
      `  FAIL: [WG-DASH-001] dashboard file missing: ${DASH}\n` +
      "  SKIP: [WG-REPLAY-SKIP] not evaluated: dashboard unavailable\n",
  );
  assert.deepEqual(summaryOf(r.report), [
    POLICY_000,
    ["WG-DASH-001", "fail", `dashboard file missing: ${DASH}`],
    QUAR_000,
    FORENSICS_000,
    REACT_000,
    ["WG-REPLAY-SKIP", "skip", "not evaluated: dashboard unavailable"],
  ]);
  assert.deepEqual(r.report.results[5].findings, []);
  assert.deepEqual(r.report.results[1].findings, [
    { actual: null, check_id: "WG-DASH-001", limit: null, message: `dashboard file missing: ${DASH}`, path: null, subject: null },
  ]);
  assert.deepEqual(r.report.dashboard_health, { detail: `dashboard missing: ${DASH}`, status: "missing", trend_lines: [] });
  assert.deepEqual(r.report.summary, { fail: 1, pass: 4, skip: 1, total: 6 });
  assert.equal(r.report.inputs.dashboard, DASH);
  assert.deepEqual(
    eventLines(root).map((e) => [e.check_id, e.status]),
    [
      ["WG-POLICY-000", "pass"],
      ["WG-DASH-001", "fail"],
      ["WG-QUAR-000", "pass"],
      ["WG-FORENSICS-000", "pass"],
      ["WG-REACT-000", "pass"],
      ["WG-REPLAY-SKIP", "skip"],
    ],
  );
});

test("acceptance 18: dashboard path is a directory → WG-DASH-002 `cannot read <path>: is a directory`, dashboard_health invalid", async () => {
  const root = makeTree({ [DASH]: null });
  fs.mkdirSync(path.join(root, DASH));
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const reason = `cannot read ${DASH}: is a directory`;
  assert.deepEqual(r.report.results[1], {
    check_id: "WG-DASH-002",
    detail: `dashboard JSON invalid: ${reason}`,
    findings: [{ actual: null, check_id: "WG-DASH-002", limit: null, message: `dashboard JSON invalid: ${reason}`, path: null, subject: null }],
    status: "fail",
  });
  assert.deepEqual(r.report.dashboard_health, { detail: reason, status: "invalid", trend_lines: [] });
  assert.deepEqual(r.report.results[5], { check_id: "WG-REPLAY-SKIP", detail: "not evaluated: dashboard unavailable", findings: [], status: "skip" });
  assert.match(r.stdout, /\n {2}Checks: 4 pass, 1 fail, 1 skip\n/);
});

test("acceptance 18: dashboard `{\"a\":` → WG-DASH-002 `invalid JSON in <path>: line 1 column 6: …`", async () => {
  const root = makeTree({ [DASH]: '{"a":' });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const result = r.report.results[1];
  assert.equal(result.check_id, "WG-DASH-002");
  const prefix = `dashboard JSON invalid: invalid JSON in ${DASH}: line 1 column 6: `;
  assert.ok(result.detail.startsWith(prefix), result.detail);
  assert.ok(result.detail.length > prefix.length);
  assert.equal(r.report.dashboard_health.status, "invalid");
  assert.equal(r.report.dashboard_health.detail, result.detail.slice("dashboard JSON invalid: ".length));
  assert.deepEqual(r.report.dashboard_health.trend_lines, []);
  assert.equal(r.report.results[5].check_id, "WG-REPLAY-SKIP");
});

test("acceptance 18 (§4.4 2): a dashboard whose root is not an object → WG-DASH-002 `root object required in <path>`", async () => {
  const root = makeTree({ [DASH]: '"just a string"' });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.report.results[1].detail, `dashboard JSON invalid: root object required in ${DASH}`);
  assert.deepEqual(r.report.dashboard_health, { detail: `root object required in ${DASH}`, status: "invalid", trend_lines: [] });
});

// ---------------------------------------------------------------------------------------------
// Acceptance 19: schema mismatch, missing required suites, malformed suites, count mismatches.

test("acceptance 19: dashboard schema v0 without cross_seed_replay → findings WG-DASH-003 then 005, check_id WG-DASH-003, health invalid", async () => {
  const dashboard = passDashboard();
  dashboard.schema_version = "v0";
  dashboard.suites = [dashboard.suites[0]];
  dashboard.suite_count = 1;
  const root = makeTree({ [DASH]: dashboard });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const result = r.report.results[1];
  const m003 = "dashboard schema mismatch: expected sem-variance-dashboard-v1, got v0";
  const m005 = "dashboard missing required suites: cross_seed_replay";
  assert.equal(result.check_id, "WG-DASH-003");
  assert.equal(result.detail, m003);
  assert.deepEqual(
    result.findings.map((f: any) => [f.check_id, f.message]),
    [
      ["WG-DASH-003", m003],
      ["WG-DASH-005", m005],
    ],
  );
  assert.equal(result.findings[1].subject, "cross_seed_replay");
  assert.deepEqual(r.report.dashboard_health, { detail: m003, status: "invalid", trend_lines: [] });
  assert.equal(
    r.stdout,
    header("FAIL", "5 pass, 1 fail") + `  FAIL: [WG-DASH-003] ${m003}\n    - [WG-DASH-005] ${m005}\n`,
  );
});

test("acceptance 19: `unstable: \"false\"` → WG-DASH-007 `dashboard suite malformed at suites[0]: unstable must be a boolean`", async () => {
  const dashboard = passDashboard();
  dashboard.suites[0].unstable = "false";
  const root = makeTree({ [DASH]: dashboard });
  const r = await gate(root);
  assert.equal(r.code, 1);
  const message = "dashboard suite malformed at suites[0]: unstable must be a boolean";
  assert.deepEqual(r.report.results[1], {
    check_id: "WG-DASH-007",
    detail: message,
    findings: [{ actual: null, check_id: "WG-DASH-007", limit: null, message, path: "suites[0]", subject: "witness_seed_equivalence" }],
    status: "fail",
  });
  // A malformed suite is not counted, and its name still satisfies the required-suite check (no WG-DASH-005).
  assert.equal(r.report.dashboard_health.status, "ok");
  assert.equal(r.report.dashboard_health.suite_count, 1);
  assert.deepEqual(
    r.report.dashboard_health.trend_lines.map((t: any) => t.suite),
    ["cross_seed_replay"],
  );
  assert.match(r.stdout, /\n {2}FAIL: \[WG-DASH-007\] dashboard suite malformed at suites\[0\]: unstable must be a boolean\n/);
});

test("acceptance 19: `suite_count: 0` with 2 suites → WG-DASH-008 `dashboard count mismatch: suite_count=0 but suites has 2 entries`", async () => {
  const dashboard = passDashboard();
  dashboard.suite_count = 0;
  const root = makeTree({ [DASH]: dashboard });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const message = "dashboard count mismatch: suite_count=0 but suites has 2 entries";
  assert.deepEqual(r.report.results[1], {
    check_id: "WG-DASH-008",
    detail: message,
    findings: [{ actual: null, check_id: "WG-DASH-008", limit: null, message, path: "suite_count", subject: null }],
    status: "fail",
  });
  // The count is cross-checked, never trusted: the rates come from the suites themselves.
  assert.equal(r.report.dashboard_health.suite_count, 2);
  assert.equal(r.report.dashboard_health.flake_rate_pct, 0);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 20: manifest absent → WG-QUAR-001 and both dependent checks skip; schema mismatch.

test("acceptance 20: absent manifest → WG-QUAR-001, WG-REACT-SKIP, WG-REPLAY-SKIP, metrics null, exit 1", async () => {
  const root = makeTree({ [PATHS.manifest]: null });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    header("FAIL", "3 pass, 1 fail, 2 skip") +
      `  FAIL: [WG-QUAR-001] quarantine manifest missing: ${PATHS.manifest}\n` +
      "  SKIP: [WG-REACT-SKIP] not evaluated: quarantine manifest unavailable\n" +
      "  SKIP: [WG-REPLAY-SKIP] not evaluated: quarantine manifest unavailable\n",
  );
  assert.deepEqual(summaryOf(r.report), [
    POLICY_000,
    DASH_000,
    ["WG-QUAR-001", "fail", `quarantine manifest missing: ${PATHS.manifest}`],
    FORENSICS_000,
    ["WG-REACT-SKIP", "skip", "not evaluated: quarantine manifest unavailable"],
    ["WG-REPLAY-SKIP", "skip", "not evaluated: quarantine manifest unavailable"],
  ]);
  assert.deepEqual(r.report.metrics, { unresolved_critical: null, unresolved_high: null });
  // thresholds are still reported (§4.7: also when WG-REACT is skipped).
  assert.deepEqual(r.report.thresholds.reactivation_min_runs, { critical: 3, high: 3, low: 3, medium: 3 });
  assert.equal(r.report.inputs.quarantine_manifest, PATHS.manifest);
  assert.equal(eventLines(root).length, 6);
});

test("acceptance 20 (§4.8): dashboard and manifest both absent → `not evaluated: dashboard and quarantine manifest unavailable`", async () => {
  const root = makeTree({ [PATHS.manifest]: null, [DASH]: null });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.deepEqual(r.report.results[5], {
    check_id: "WG-REPLAY-SKIP",
    detail: "not evaluated: dashboard and quarantine manifest unavailable",
    findings: [],
    status: "skip",
  });
  assert.match(r.stdout, /\n {2}Checks: 2 pass, 2 fail, 2 skip\n/);
});

test("acceptance 20: manifest schema wasm-flake-quarantine-v0 → WG-QUAR-003 `quarantine schema mismatch: expected wasm-flake-quarantine-v1, got wasm-flake-quarantine-v0`", async () => {
  const root = makeTree({ [PATHS.manifest]: { schema_version: "wasm-flake-quarantine-v0", entries: [] } });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const message = "quarantine schema mismatch: expected wasm-flake-quarantine-v1, got wasm-flake-quarantine-v0";
  assert.deepEqual(summaryOf(r.report), [
    POLICY_000,
    DASH_000,
    ["WG-QUAR-003", "fail", message],
    FORENSICS_000,
    REACT_000,
    ["WG-REPLAY-000", "pass", "replay pointers present for all 0 unstable or failing suites"],
  ]);
  assert.deepEqual(r.report.results[2].findings.map((f: any) => f.check_id), ["WG-QUAR-003"]);
  // Not terminal: the entries are still evaluated, so the metrics are numbers.
  assert.deepEqual(r.report.metrics, { unresolved_critical: 0, unresolved_high: 0 });
  assert.equal(r.stdout, header("FAIL", "5 pass, 1 fail") + `  FAIL: [WG-QUAR-003] ${message}\n`);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 21: playbook contents and readability.

test("acceptance 21: playbook missing one required command and the tokens trace_pointer/reactivation → WG-FORENSICS-002 with 003", async () => {
  const commands: string[] = referencePolicy().forensics_playbook.required_commands;
  const doc = `# Forensics\n\nDeterministic replay first.\n\n${commands.slice(0, 3).join("\n")}\n`;
  const root = makeTree({ [PATHS.playbook]: doc });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const m002 = `forensics playbook missing commands: ${commands[3]}`;
  const m003 = "forensics playbook missing tokens: trace_pointer, reactivation";
  assert.equal(m002, "forensics playbook missing commands: python3 ./scripts/check_wasm_flake_governance.py --policy .github/wasm_flake_governance_policy.json");
  const result = r.report.results[3];
  assert.equal(result.check_id, "WG-FORENSICS-002");
  assert.equal(result.detail, m002);
  assert.deepEqual(
    result.findings.map((f: any) => [f.check_id, f.message]),
    [
      ["WG-FORENSICS-002", m002],
      ["WG-FORENSICS-003", m003],
    ],
  );
  assert.equal(r.stdout, header("FAIL", "5 pass, 1 fail") + `  FAIL: [WG-FORENSICS-002] ${m002}\n    - [WG-FORENSICS-003] ${m003}\n`);
});

test("acceptance 21: playbook bytes ff fe → WG-FORENSICS-004 `forensics playbook unreadable: <path>: not valid UTF-8`", async () => {
  const root = makeTree({ [PATHS.playbook]: new Uint8Array([0xff, 0xfe]) });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const message = `forensics playbook unreadable: ${PATHS.playbook}: not valid UTF-8`;
  assert.deepEqual(r.report.results[3], {
    check_id: "WG-FORENSICS-004",
    detail: message,
    findings: [{ actual: null, check_id: "WG-FORENSICS-004", limit: null, message, path: null, subject: null }],
    status: "fail",
  });
  assert.equal(r.stdout, header("FAIL", "5 pass, 1 fail") + `  FAIL: [WG-FORENSICS-004] ${message}\n`);
});

test("acceptance 21 (§4.6): playbook missing → WG-FORENSICS-001; a directory → WG-FORENSICS-004 `is a directory`", async () => {
  const missing = await gate(makeTree({ [PATHS.playbook]: null }));
  assert.equal(missing.code, 1);
  assert.deepEqual(
    [missing.report.results[3].check_id, missing.report.results[3].detail],
    ["WG-FORENSICS-001", `forensics playbook missing: ${PATHS.playbook}`],
  );
  const dirRoot = makeTree({ [PATHS.playbook]: null });
  fs.mkdirSync(path.join(dirRoot, PATHS.playbook));
  const dir = await gate(dirRoot);
  assert.equal(dir.code, 1);
  assert.equal(dir.stderr, "");
  assert.deepEqual(
    [dir.report.results[3].check_id, dir.report.results[3].detail],
    ["WG-FORENSICS-004", `forensics playbook unreadable: ${PATHS.playbook}: is a directory`],
  );
});

// ---------------------------------------------------------------------------------------------
// Acceptance 22: --pilot-summary adds WG-PILOT.

const GOOD_PILOT = { schema_version: "asupersync-pilot-observability-v1", status: "pass", alerts_count: 0, ci_parity_ok: true };

test("acceptance 22: a passing pilot summary → WG-PILOT-000, exit 0, 7 results", async () => {
  const root = makeTree({ "pilot.json": GOOD_PILOT });
  const r = await gate(root, ["--pilot-summary", "pilot.json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, header("PASS", "7 pass, 0 fail"));
  assert.deepEqual(r.report.results[6], {
    check_id: "WG-PILOT-000",
    detail: "pilot summary status=pass, ci_parity_ok=true",
    findings: [],
    status: "pass",
  });
  assert.equal(r.report.results.length, 7);
  assert.equal(r.report.inputs.pilot_summary, "pilot.json");
  assert.equal(eventLines(root).length, 7);
});

test("acceptance 22: status fail + ci_parity_ok false → WG-PILOT-004, 005 and the context suffix, exit 1", async () => {
  const summary = {
    ...GOOD_PILOT,
    status: "fail",
    ci_parity_ok: false,
    generated_at: "2026-03-10T11:00:00Z",
    owner_routes: ["oncall:pilot-sre", "oncall:wasm-runtime"],
    incident_drill_links: [
      { replay_command: "npm test -- --seed 4242", trace_pointer: "t/a.json" },
      { replay_command: "npm run e2e", trace_pointer: "t/b.json" },
    ],
  };
  const root = makeTree({ "pilot.json": summary });
  const r = await gate(root, ["--pilot-summary", "pilot.json"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const m004 = "pilot summary status is fail, expected pass";
  const m005 = "pilot summary ci_parity_ok is false, expected true";
  const context =
    "; context: generated_at=2026-03-10T11:00:00Z, owner_routes=[oncall:pilot-sre, oncall:wasm-runtime], " +
    "incident_drill_links=[npm test -- --seed 4242 @ t/a.json, npm run e2e @ t/b.json]";
  const result = r.report.results[6];
  assert.equal(result.check_id, "WG-PILOT-004");
  assert.equal(result.detail, m004 + context);
  assert.deepEqual(
    result.findings.map((f: any) => [f.check_id, f.message]),
    [
      ["WG-PILOT-004", m004],
      ["WG-PILOT-005", m005],
    ],
  );
  assert.equal(r.stdout, header("FAIL", "6 pass, 1 fail") + `  FAIL: [WG-PILOT-004] ${m004}${context}\n    - [WG-PILOT-005] ${m005}\n`);
});

test("acceptance 22: a missing pilot summary → WG-PILOT-001 `pilot summary missing: <path>`, exit 1", async () => {
  const root = makeTree();
  const r = await gate(root, ["--pilot-summary", "out/pilot.json"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.deepEqual(r.report.results[6], {
    check_id: "WG-PILOT-001",
    detail: "pilot summary missing: out/pilot.json",
    findings: [{ actual: null, check_id: "WG-PILOT-001", limit: null, message: "pilot summary missing: out/pilot.json", path: null, subject: null }],
    status: "fail",
  });
  assert.equal(r.report.inputs.pilot_summary, "out/pilot.json");
  assert.equal(r.stdout, header("FAIL", "6 pass, 1 fail") + "  FAIL: [WG-PILOT-001] pilot summary missing: out/pilot.json\n");
});

test("acceptance 22: a bare NaN in the pilot summary → WG-PILOT-002 (invalid JSON, with its position), exit 1", async () => {
  const text = '{"schema_version": "asupersync-pilot-observability-v1", "status": "pass", "alerts_count": NaN, "ci_parity_ok": true}';
  const root = makeTree({ "pilot.json": text });
  const r = await runCli(root, ["gate", "--now", NOW, "--pilot-summary", "pilot.json"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assertNoCrash(r);
  const report = JSON.parse(read(root, PATHS.report));
  const result = report.results[6];
  assert.equal(result.check_id, "WG-PILOT-002");
  const prefix = `pilot summary JSON invalid: invalid JSON in pilot.json: line 1 column ${text.indexOf("NaN") + 1}: `;
  assert.ok(result.detail.startsWith(prefix), result.detail);
  assert.ok(result.detail.length > prefix.length);
  assert.deepEqual(result.findings.map((f: any) => f.check_id), ["WG-PILOT-002"]);
  // A terminal pilot finding has no parsed summary, so no context suffix.
  assert.equal(result.detail.includes("; context:"), false);
});

test("acceptance 22 (§4.9): the pilot summary path resolves against the cwd and a directory is WG-PILOT-002", async () => {
  const root = makeTree();
  fs.mkdirSync(path.join(root, "pilot.json"));
  const r = await gate(root, ["--pilot-summary", "./x/../pilot.json"]);
  assert.equal(r.code, 1);
  assert.equal(r.report.results[6].detail, "pilot summary JSON invalid: cannot read pilot.json: is a directory");
  assert.equal(r.report.inputs.pilot_summary, "pilot.json");
});
