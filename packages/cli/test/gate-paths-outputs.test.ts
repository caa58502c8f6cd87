// gate.md §8 acceptance 23–27: path resolution and display (§2.1), usage errors (§2.2), the detail
// cap (§4.2), the GitHub step summary (§7 item 2) and "never a stale verdict" (§2.1 Outputs).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
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
  PATHS,
  read,
  readJsonFile,
  referencePolicy,
  runBin,
  runCli,
  tempDir,
  write,
} from "./support/cli.ts";

const PASS_DASH = fixture("reference-gate/variance_dashboard_pass.json");
const FAIL_DASH = fixture("reference-gate/variance_dashboard_fail.json");
const PLAYBOOK = fixture("reference-gate/wasm_flake_governance_and_forensics.md");

function policyWithDashboard(dashboardPath: string): object {
  const p = referencePolicy();
  p.detection.dashboard_path = dashboardPath;
  return p;
}

function eventLines(root: string, rel: string = PATHS.events): any[] {
  const text = read(root, rel);
  assert.ok(text.endsWith("\n"));
  return text.slice(0, -1).split("\n").map((l) => JSON.parse(l));
}

function codePoints(s: string): number {
  return Array.from(s).length;
}

// ---------------------------------------------------------------------------------------------
// Acceptance 23: base dir, flag paths against the cwd, display paths.

test("acceptance 23: policy sub/.github/p.json with dashboard_path d.json reads sub/d.json (base dir = sub)", async () => {
  const root = tempDir();
  write(root, "sub/.github/p.json", policyWithDashboard("d.json"));
  write(root, "sub/d.json", PASS_DASH);
  write(root, "d.json", FAIL_DASH); // must not be read
  write(root, `sub/${PATHS.manifest}`, manifest([]));
  write(root, `sub/${PATHS.playbook}`, PLAYBOOK);
  const r = await runCli(root, ["gate", "--now", NOW, "--policy", "sub/.github/p.json"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    "WASM flake governance gate: PASS\n  Checks: 6 pass, 0 fail\n" +
      `  Report: sub/${PATHS.report}\n  Events: sub/${PATHS.events}\n`,
  );
  assert.equal(exists(root, PATHS.report), false);
  const report = readJsonFile(root, `sub/${PATHS.report}`);
  assert.equal(report.policy_path, "sub/.github/p.json");
  assert.deepEqual(report.inputs, {
    dashboard: "sub/d.json",
    forensics_doc: `sub/${PATHS.playbook}`,
    pilot_summary: null,
    quarantine_manifest: `sub/${PATHS.manifest}`,
  });
  assert.equal(eventLines(root, `sub/${PATHS.events}`).length, 6);
});

test("acceptance 23: with that policy, --dashboard d2.json reads ./d2.json (flags resolve against the cwd)", async () => {
  const root = tempDir();
  write(root, "sub/.github/p.json", policyWithDashboard("d.json"));
  write(root, "sub/d.json", PASS_DASH);
  write(root, "sub/d2.json", PASS_DASH); // the base-dir reading would pass
  write(root, "d2.json", FAIL_DASH);
  write(root, `sub/${PATHS.manifest}`, manifest([]));
  write(root, `sub/${PATHS.playbook}`, PLAYBOOK);
  const r = await runCli(root, ["gate", "--now", NOW, "--policy", "sub/.github/p.json", "--dashboard", "d2.json"]);
  assert.equal(r.code, 1);
  const report = readJsonFile(root, `sub/${PATHS.report}`);
  assert.equal(report.inputs.dashboard, "d2.json");
  assert.deepEqual(
    [report.results[1].check_id, report.results[1].detail],
    ["WG-DASH-006", "flake_rate_pct breach (50.00 > 0); false_positive_rate_pct breach (50.00 > 5)"],
  );
});

test("acceptance 23: policy cfg/p.json (parent not .github) with dashboard_path in/d.json reads ./in/d.json", async () => {
  const root = makeTree();
  write(root, "cfg/p.json", policyWithDashboard("in/d.json"));
  write(root, "in/d.json", PASS_DASH);
  write(root, "cfg/in/d.json", FAIL_DASH); // must not be read
  const r = await runCli(root, ["gate", "--now", NOW, "--policy", "cfg/p.json"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const report = readJsonFile(root, PATHS.report);
  assert.equal(report.policy_path, "cfg/p.json");
  assert.deepEqual(report.inputs, {
    dashboard: "in/d.json",
    forensics_doc: PATHS.playbook,
    pilot_summary: null,
    quarantine_manifest: PATHS.manifest,
  });
  assert.equal(exists(root, `cfg/${PATHS.report}`), false);
});

test("acceptance 23 (§2.1): .github is detected lexically, without resolving symlinks", async () => {
  const root = tempDir();
  write(root, "real/p.json", policyWithDashboard("d.json"));
  fs.mkdirSync(path.join(root, "gh"));
  fs.symlinkSync(path.join(root, "real"), path.join(root, "gh/.github"));
  write(root, "gh/d.json", PASS_DASH);
  write(root, `gh/${PATHS.manifest}`, manifest([]));
  write(root, `gh/${PATHS.playbook}`, PLAYBOOK);
  write(root, "real/d.json", FAIL_DASH); // where a realpath-based base dir would look
  const r = await runCli(root, ["gate", "--now", NOW, "--policy", "gh/.github/p.json"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const report = readJsonFile(root, `gh/${PATHS.report}`);
  assert.equal(report.inputs.dashboard, "gh/d.json");
  assert.equal(report.policy_path, "gh/.github/p.json");
});

test("acceptance 23 (§2.1): display paths are cwd-relative and normalised, may start with ../; absolute flag values show as written", async () => {
  const root = makeTree();
  fs.mkdirSync(path.join(root, "work"));
  const absDash = `${root}/in/../${PATHS.dashboard}`;
  const r = await runCli(path.join(root, "work"), [
    "gate",
    "--now",
    NOW,
    "--policy",
    "../.github/./wasm_flake_governance_policy.json",
    "--dashboard",
    absDash,
    "--quarantine-manifest",
    "./x/../../missing/m.json",
  ]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    "WASM flake governance gate: FAIL\n  Checks: 3 pass, 1 fail, 2 skip\n" +
      `  Report: ../${PATHS.report}\n  Events: ../${PATHS.events}\n` +
      "  FAIL: [WG-QUAR-001] quarantine manifest missing: ../missing/m.json\n" +
      "  SKIP: [WG-REACT-SKIP] not evaluated: quarantine manifest unavailable\n" +
      "  SKIP: [WG-REPLAY-SKIP] not evaluated: quarantine manifest unavailable\n",
  );
  const report = readJsonFile(root, PATHS.report);
  assert.equal(report.policy_path, "../.github/wasm_flake_governance_policy.json");
  assert.deepEqual(report.inputs, {
    dashboard: absDash,
    forensics_doc: `../${PATHS.playbook}`,
    pilot_summary: null,
    quarantine_manifest: "../missing/m.json",
  });
  // `./in/../d.json` shows as `d.json`.
  const r2 = await runCli(root, ["gate", "--now", NOW, "--dashboard", "./in/../d.json"]);
  assert.equal(r2.code, 1);
  assert.equal(readJsonFile(root, PATHS.report).results[1].detail, "dashboard file missing: d.json");
});

test("acceptance 23 (§2.1): relative paths in the config file resolve against the config file's directory", async () => {
  const root = makeTree({ [PATHS.manifest]: null });
  write(root, "conf/fw.yaml", "quarantine:\n  manifest_path: m.json\n");
  write(root, "conf/m.json", manifest([]));
  write(root, "m.json", "not json"); // the cwd reading would fail
  const r = await runCli(root, ["gate", "--now", NOW, "--config", "conf/fw.yaml"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(readJsonFile(root, PATHS.report).inputs.quarantine_manifest, "conf/m.json");
  // --quarantine-manifest wins over the config (cwd-relative).
  const r2 = await runCli(root, ["gate", "--now", NOW, "--config", "conf/fw.yaml", "--quarantine-manifest", "m.json"]);
  assert.equal(r2.code, 1);
  const report = readJsonFile(root, PATHS.report);
  assert.equal(report.inputs.quarantine_manifest, "m.json");
  assert.equal(report.results[2].check_id, "WG-QUAR-002");
});

// ---------------------------------------------------------------------------------------------
// Acceptance 24: usage errors are exit 2.

test("acceptance 24: --report-path x.json --events-path x.json → exit 2, nothing on stdout, x.json not left behind", async () => {
  const root = makeTree();
  write(root, "x.json", '{"gate_status":"pass"}\n');
  const r = await runCli(root, ["gate", "--now", NOW, "--report-path", "x.json", "--events-path", "x.json"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: [^\n]*x\.json[^\n]*\n$/);
  assert.equal(exists(root, "x.json"), false);
  assert.equal(exists(root, PATHS.report), false);
});

test("acceptance 24: --dashboard \"\" → exit 2 naming --dashboard", async () => {
  const root = makeTree();
  const r = await runCli(root, ["gate", "--now", NOW, "--dashboard", ""]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: [^\n]*--dashboard[^\n]*\n$/);
  assert.equal(exists(root, PATHS.report), false);
});

test("acceptance 24: --self-test → exit 2 naming the flag", async () => {
  const root = makeTree();
  const r = await runCli(root, ["gate", "--now", NOW, "--self-test"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: [^\n]*--self-test[^\n]*\n$/);
});

test("acceptance 24: the bundled binary exits 2 for all three as a real process", () => {
  const root = makeTree();
  for (const args of [
    ["--report-path", "x.json", "--events-path", "x.json"],
    ["--dashboard", ""],
    ["--self-test"],
  ]) {
    const r = runBin(root, ["gate", "--now", NOW, ...args]);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assertNoCrash(r);
    assert.match(r.stderr, /^ERROR: [^\n]+\n$/);
  }
  const ok = runBin(root, ["gate", "--now", NOW]);
  assert.equal(ok.code, 0, ok.stderr);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 25: the 2000-code-point detail cap and the 200-code-point show() cut.

test("acceptance 25: 300 overdue low entries → WG-QUAR-011 detail exactly 2000 code points ending …, 300 findings; long id cut to 200 with \\n escaped", async () => {
  const longId = `${"A".repeat(100)}\n${"B".repeat(399)}`;
  assert.equal(codePoints(longId), 500);
  const entries = [entry(longId, "low", "open", hoursAgo(48), 24)];
  for (let i = 2; i <= 300; i++) entries.push(entry(`Q-${String(i).padStart(3, "0")}`, "low", "open", hoursAgo(48), 24));
  const root = makeTree({ [PATHS.manifest]: manifest(entries) });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const result = r.report.results[2];
  assert.equal(result.check_id, "WG-QUAR-011");
  assert.equal(result.findings.length, 300);
  const cutId = `${"A".repeat(100)}\\n${"B".repeat(97)}…`;
  assert.equal(codePoints(cutId), 200);
  assert.deepEqual(result.findings[0], {
    actual: 48,
    check_id: "WG-QUAR-011",
    limit: 24,
    message: `${cutId} breached entry SLA (48.0h > 24h)`,
    path: "entries[0]",
    subject: longId,
  });
  assert.equal(result.findings[299].message, "Q-300 breached entry SLA (48.0h > 24h)");
  // The detail: all messages joined by "; ", cut to 1999 code points + "…".
  const full = result.findings.map((f: any) => f.message).join("; ");
  assert.ok(codePoints(full) > 2000);
  assert.equal(codePoints(result.detail), 2000);
  assert.ok(result.detail.endsWith("…"));
  assert.equal(result.detail, `${Array.from(full).slice(0, 1999).join("")}…`);
  // Events carry the same capped detail; stdout stays one line per item.
  assert.equal(eventLines(root)[2].detail, result.detail);
  assert.equal(
    r.stdout,
    "WASM flake governance gate: FAIL\n  Checks: 5 pass, 1 fail\n" +
      `  Report: ${PATHS.report}\n  Events: ${PATHS.events}\n` +
      `  FAIL: [WG-QUAR-011] ${result.detail}\n`,
  );
});

// ---------------------------------------------------------------------------------------------
// Acceptance 26: GITHUB_STEP_SUMMARY.

const FAIL_SUMMARY_BLOCK =
  "## WASM flake governance gate: FAIL\n" +
  "\n" +
  "| Check | Status | Detail |\n" +
  "|---|---|---|\n" +
  "| WG-POLICY-000 | pass | policy schema and required sections validated |\n" +
  "| WG-DASH-006 | fail | flake_rate_pct breach (50.00 > 0); false_positive_rate_pct breach (50.00 > 5) |\n" +
  "| WG-QUAR-000 | pass | quarantine healthy (entries=0, unresolved_high=0, unresolved_critical=0) |\n" +
  "| WG-FORENSICS-000 | pass | forensics playbook links deterministic replay + quarantine workflow |\n" +
  "| WG-REACT-000 | pass | reactivated entries carry valid evidence (0 checked) |\n" +
  "| WG-REPLAY-001 | fail | suite witness_seed_equivalence is unstable but has no open or resolved quarantine entry |\n" +
  "\n" +
  "### Findings (3)\n" +
  "- `WG-DASH-006` flake_rate_pct breach (50.00 > 0)\n" +
  "- `WG-DASH-006` false_positive_rate_pct breach (50.00 > 5)\n" +
  "- `WG-REPLAY-001` suite witness_seed_equivalence is unstable but has no open or resolved quarantine entry\n" +
  "\n";

test("acceptance 26: GITHUB_STEP_SUMMARY=s.md holding `x\\n`, failing run → appends the FAIL block after x, exit unchanged", async () => {
  const root = makeTree({ [PATHS.dashboard]: FAIL_DASH, "s.md": "x\n" });
  const r = await runCli(root, ["gate", "--now", NOW], { env: { GITHUB_STEP_SUMMARY: "s.md" } });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const summary = read(root, "s.md");
  assert.ok(summary.startsWith("x\n## WASM flake governance gate: FAIL\n\n| Check | Status | Detail |\n|---|---|---|\n"), summary);
  assert.equal(summary, `x\n${FAIL_SUMMARY_BLOCK}`);
  // Appends, never truncates; the bytes are deterministic.
  const again = await runCli(root, ["gate", "--now", NOW], { env: { GITHUB_STEP_SUMMARY: "s.md" } });
  assert.equal(again.code, 1);
  assert.equal(read(root, "s.md"), `x\n${FAIL_SUMMARY_BLOCK}${FAIL_SUMMARY_BLOCK}`);
});

test("acceptance 26: a passing run appends the PASS block (no Findings section); --format json writes it too", async () => {
  const root = makeTree();
  write(root, "ci/summary.md", "");
  const r = await runCli(root, ["gate", "--now", NOW, "--format", "json"], { env: { GITHUB_STEP_SUMMARY: "ci/summary.md" } });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, read(root, PATHS.report));
  assert.equal(
    read(root, "ci/summary.md"),
    "## WASM flake governance gate: PASS\n\n| Check | Status | Detail |\n|---|---|---|\n" +
      "| WG-POLICY-000 | pass | policy schema and required sections validated |\n" +
      "| WG-DASH-000 | pass | dashboard healthy (suite_count=2, unstable=0, flake_rate_pct=0.00, false_positive_rate_pct=0.00, critical_test_failures=0) |\n" +
      "| WG-QUAR-000 | pass | quarantine healthy (entries=0, unresolved_high=0, unresolved_critical=0) |\n" +
      "| WG-FORENSICS-000 | pass | forensics playbook links deterministic replay + quarantine workflow |\n" +
      "| WG-REACT-000 | pass | reactivated entries carry valid evidence (0 checked) |\n" +
      "| WG-REPLAY-000 | pass | replay pointers present for all 0 unstable or failing suites |\n" +
      "\n",
  );
});

test("acceptance 26: `|` in a detail is escaped as `\\|` in the table; skipped results are rows too", async () => {
  const dashboard = JSON.parse(PASS_DASH);
  dashboard.schema_version = "a|b";
  const root = makeTree({ [PATHS.dashboard]: dashboard, [PATHS.manifest]: null, "s.md": "" });
  const r = await runCli(root, ["gate", "--now", NOW], { env: { GITHUB_STEP_SUMMARY: "s.md" } });
  assert.equal(r.code, 1);
  const lines = read(root, "s.md").split("\n");
  assert.equal(lines[5], "| WG-DASH-003 | fail | dashboard schema mismatch: expected sem-variance-dashboard-v1, got a\\|b |");
  assert.equal(lines[8], "| WG-REACT-SKIP | skip | not evaluated: quarantine manifest unavailable |");
  assert.equal(lines[9], "| WG-REPLAY-SKIP | skip | not evaluated: quarantine manifest unavailable |");
  assert.equal(lines[11], "### Findings (2)");
  assert.equal(lines[12], "- `WG-DASH-003` dashboard schema mismatch: expected sem-variance-dashboard-v1, got a|b");
  assert.equal(lines[13], `- \`WG-QUAR-001\` quarantine manifest missing: ${PATHS.manifest}`);
  assert.deepEqual(lines.slice(14), ["", ""]);
});

test("acceptance 26: more than 100 findings → the first 100 then `- … and <n − 100> more (see <report>)`", async () => {
  const entries = [];
  for (let i = 1; i <= 150; i++) entries.push(entry(`Q-${i}`, "low", "open", hoursAgo(10), 2));
  const root = makeTree({ [PATHS.manifest]: manifest(entries) });
  const r = await runCli(root, ["gate", "--now", NOW, "--report-path", "out/r.json"], { env: { GITHUB_STEP_SUMMARY: "s.md" } });
  assert.equal(r.code, 1);
  const text = read(root, "s.md");
  const lines = text.split("\n");
  const at = lines.indexOf("### Findings (150)");
  assert.equal(at, 11);
  const items = lines.slice(at + 1, -2);
  assert.equal(items.length, 101);
  assert.equal(items[0], "- `WG-QUAR-011` Q-1 breached entry SLA (10.0h > 2h)");
  assert.equal(items[99], "- `WG-QUAR-011` Q-100 breached entry SLA (10.0h > 2h)");
  assert.equal(items[100], "- … and 50 more (see out/r.json)");
  assert.ok(text.endsWith("more (see out/r.json)\n\n"));
});

test("acceptance 26: GITHUB_STEP_SUMMARY unset or empty → nothing written", async () => {
  for (const env of [{}, { GITHUB_STEP_SUMMARY: "" }]) {
    const root = makeTree({ [PATHS.dashboard]: FAIL_DASH });
    const before = fs.readdirSync(root).sort();
    const r = await runCli(root, ["gate", "--now", NOW], { env });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "");
    assert.deepEqual(fs.readdirSync(root).sort(), before);
    assert.equal(exists(root, "s.md"), false);
  }
});

test("acceptance 26: unwritable GITHUB_STEP_SUMMARY (a directory, a path under a file) → warning on stderr, same exit code", async () => {
  for (const [dashboard, code] of [
    [FAIL_DASH, 1],
    [PASS_DASH, 0],
  ] as const) {
    const root = makeTree({ [PATHS.dashboard]: dashboard, "afile": "x\n" });
    fs.mkdirSync(path.join(root, "sdir"));
    const dir = await runCli(root, ["gate", "--now", NOW], { env: { GITHUB_STEP_SUMMARY: "sdir" } });
    assert.equal(dir.code, code);
    assert.match(dir.stdout, new RegExp(`^WASM flake governance gate: ${code === 0 ? "PASS" : "FAIL"}\\n`));
    assert.match(dir.stderr, /^warning: could not write GITHUB_STEP_SUMMARY: [^\n]+\n$/);
    assert.equal(dir.stderr, "warning: could not write GITHUB_STEP_SUMMARY: is a directory\n");
    assert.deepEqual(fs.readdirSync(path.join(root, "sdir")), []);
    assert.ok(exists(root, PATHS.report));

    const under = await runCli(root, ["gate", "--now", NOW], { env: { GITHUB_STEP_SUMMARY: "afile/s.md" } });
    assert.equal(under.code, code);
    assert.match(under.stderr, /^warning: could not write GITHUB_STEP_SUMMARY: [^\n]+\n$/);
    assert.equal(read(root, "afile"), "x\n");
    assertNoCrash(under);
  }
});

test("acceptance 26 (§7 item 2): no step summary on exit 2", async () => {
  const root = makeTree({ [PATHS.policy]: "[]", "s.md": "x\n" });
  const r = await runCli(root, ["gate", "--now", NOW], { env: { GITHUB_STEP_SUMMARY: "s.md" } });
  assert.equal(r.code, 2);
  assert.equal(read(root, "s.md"), "x\n");
});

// ---------------------------------------------------------------------------------------------
// Acceptance 27: never a stale verdict.

test("acceptance 27: a previous passing report is replaced by a failing run's (exit 1)", async () => {
  const root = makeTree();
  const first = await gate(root);
  assert.equal(first.code, 0);
  assert.equal(first.report.gate_status, "pass");
  write(root, PATHS.dashboard, FAIL_DASH);
  const second = await gate(root);
  assert.equal(second.code, 1);
  assert.equal(second.report.gate_status, "fail");
  assert.deepEqual(
    second.report.results.filter((x: any) => x.status === "fail").map((x: any) => x.check_id),
    ["WG-DASH-006", "WG-REPLAY-001"],
  );
  assert.deepEqual(
    eventLines(root).map((e) => e.status),
    ["pass", "fail", "pass", "pass", "pass", "fail"],
  );
  // A policy failure replaces it too, with only the policy result.
  write(root, PATHS.policy, { ...referencePolicy(), schema_version: "v0" });
  const third = await gate(root);
  assert.equal(third.code, 1);
  assert.deepEqual(third.report.results.map((x: any) => x.check_id), ["WG-POLICY-002"]);
  assert.deepEqual(eventLines(root).map((e) => e.check_id), ["WG-POLICY-002"]);
  assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")).sort(), [
    "wasm_flake_governance_events.ndjson",
    "wasm_flake_governance_report.json",
    "wasm_flake_quarantine_manifest.json",
  ]);
});

test("acceptance 27: events path is a directory → exit 2 and the (previously passing) report file is gone", async () => {
  const root = makeTree();
  const first = await gate(root);
  assert.equal(first.code, 0);
  fs.rmSync(path.join(root, PATHS.events));
  fs.mkdirSync(path.join(root, PATHS.events));
  const r = await runCli(root, ["gate", "--now", NOW]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: [^\n]*artifacts\/wasm_flake_governance_events\.ndjson[^\n]*\n$/);
  assert.equal(exists(root, PATHS.report), false);
  // No temp file left behind either.
  assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")).sort(), [
    "wasm_flake_governance_events.ndjson",
    "wasm_flake_quarantine_manifest.json",
  ]);
  assert.deepEqual(fs.readdirSync(path.join(root, PATHS.events)), []);
});

test("acceptance 27: report path is a directory → exit 2 and the previous events file is gone", async () => {
  const root = makeTree();
  assert.equal((await gate(root)).code, 0);
  fs.rmSync(path.join(root, PATHS.report));
  fs.mkdirSync(path.join(root, PATHS.report));
  const r = await runCli(root, ["gate", "--now", NOW]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: [^\n]*artifacts\/wasm_flake_governance_report\.json[^\n]*\n$/);
  assert.equal(exists(root, PATHS.events), false);
  assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")).sort(), [
    "wasm_flake_governance_report.json",
    "wasm_flake_quarantine_manifest.json",
  ]);
});

test("acceptance 27 (§2.1 outputs): an output whose parent is a regular file → exit 2, the other output removed", async () => {
  const root = makeTree({ blocker: "not a directory\n" });
  write(root, "e.ndjson", "{}\n");
  const r = await runCli(root, ["gate", "--now", NOW, "--report-path", "blocker/r.json", "--events-path", "e.ndjson"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: [^\n]*blocker\/r\.json[^\n]*\n$/);
  assert.equal(exists(root, "e.ndjson"), false);
  assert.equal(read(root, "blocker"), "not a directory\n");
});
