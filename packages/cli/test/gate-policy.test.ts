// gate.md §8 acceptance 15–17 (policy shape vs. unreadable policy), the exit-2 user-mistake paths of
// §2.1/§2.2, and the other side of the contract: broken evidence is never exit 2 (README "Conventions").
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
  write,
  type CliResult,
} from "./support/cli.ts";

const POLICY = PATHS.policy;

function header(status: "PASS" | "FAIL", checks: string, report: string = PATHS.report, events: string = PATHS.events): string {
  return `WASM flake governance gate: ${status}\n  Checks: ${checks}\n  Report: ${report}\n  Events: ${events}\n`;
}

function eventLines(root: string, rel: string = PATHS.events): any[] {
  const text = read(root, rel);
  assert.ok(text.endsWith("\n"), "NDJSON ends with a newline");
  return text.slice(0, -1).split("\n").map((line) => JSON.parse(line));
}

/** Exit 2 per §2.1: `ERROR: ` lines on stderr, nothing on stdout, no stack. Returns the stderr lines. */
function assertExit2(r: CliResult): string[] {
  assert.equal(r.code, 2, `expected exit 2, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  assert.equal(r.stdout, "");
  assertNoCrash(r);
  assert.ok(r.stderr.endsWith("\n"), "stderr ends with a newline");
  const lines = r.stderr.slice(0, -1).split("\n");
  for (const line of lines) assert.match(line, /^ERROR: \S/);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Acceptance 15: a policy with the wrong shape is a failed WG-POLICY check (exit 1), not exit 2.

test("acceptance 15: policy schema_version v0 → exit 1, results [WG-POLICY-002] only, no dashboard_health", async () => {
  const root = makeTree({ [POLICY]: { ...referencePolicy(), schema_version: "v0" } });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    header("FAIL", "0 pass, 1 fail") + "  FAIL: [WG-POLICY-002] schema_version must be wasm-flake-governance-policy-v1\n",
  );
  const report = r.report;
  assert.deepEqual(
    report.results.map((x: any) => [x.check_id, x.status, x.detail]),
    [["WG-POLICY-002", "fail", "schema_version must be wasm-flake-governance-policy-v1"]],
  );
  assert.deepEqual(
    report.results[0].findings.map((f: any) => [f.check_id, f.message, f.actual, f.limit, f.subject]),
    [["WG-POLICY-002", "schema_version must be wasm-flake-governance-policy-v1", null, null, null]],
  );
  // Only the policy result: no dashboard_health, inputs, thresholds or metrics (§3.5, §5).
  for (const key of ["dashboard_health", "inputs", "thresholds", "metrics"]) assert.equal(key in report, false, `${key} must be absent`);
  assert.deepEqual(Object.keys(report), ["gate_status", "generated_at_utc", "git_sha", "policy_path", "results", "schema_version", "summary"]);
  assert.equal(report.gate_status, "fail");
  assert.equal(report.schema_version, "wasm-flake-governance-report-v1");
  assert.equal(report.generated_at_utc, "2026-03-10T12:00:00+00:00");
  assert.equal(report.policy_path, POLICY);
  assert.deepEqual(report.summary, { fail: 1, pass: 0, skip: 0, total: 1 });
  assert.deepEqual(eventLines(root), [
    {
      check_id: "WG-POLICY-002",
      detail: "schema_version must be wasm-flake-governance-policy-v1",
      generated_at_utc: "2026-03-10T12:00:00+00:00",
      schema_version: "wasm-flake-governance-event-v1",
      status: "fail",
    },
  ]);
});

test("acceptance 15: policy without output and quality_thresholds → WG-POLICY-001 listing both, report at the default path", async () => {
  const policy = referencePolicy();
  delete policy.output;
  delete policy.quality_thresholds;
  const root = makeTree({ [POLICY]: policy });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, header("FAIL", "0 pass, 1 fail") + "  FAIL: [WG-POLICY-001] missing required policy keys: output, quality_thresholds\n");
  assert.ok(exists(root, "artifacts/wasm_flake_governance_report.json"));
  assert.ok(exists(root, "artifacts/wasm_flake_governance_events.ndjson"));
  const result = r.report.results[0];
  assert.equal(r.report.results.length, 1);
  assert.equal(result.check_id, "WG-POLICY-001");
  assert.equal(result.detail, "missing required policy keys: output, quality_thresholds");
  assert.equal(result.findings.length, 1);
  assert.equal(result.findings[0].subject, "output, quality_thresholds");
  assert.equal("dashboard_health" in r.report, false);
  assert.equal(eventLines(root).length, 1);
});

test("acceptance 15 (§4.2 step 2): a failing policy's report goes to its own output paths when they are non-empty strings", async () => {
  const policy = { ...referencePolicy(), schema_version: "v0", output: { report_path: "custom/r.json", events_path: "" } };
  const root = makeTree({ [POLICY]: policy });
  const r = await runCli(root, ["gate", "--now", NOW]);
  assert.equal(r.code, 1);
  // events_path "" is not a non-empty string: the default is used (and WG-POLICY-005 reports it).
  assert.equal(
    r.stdout,
    header("FAIL", "0 pass, 1 fail", "custom/r.json", PATHS.events) +
      "  FAIL: [WG-POLICY-002] schema_version must be wasm-flake-governance-policy-v1\n" +
      "    - [WG-POLICY-005] policy field invalid: output.events_path: must be a non-empty string\n",
  );
  assert.equal(exists(root, PATHS.report), false);
  const report = readJsonFile(root, "custom/r.json");
  assert.deepEqual(
    report.results[0].findings.map((f: any) => f.check_id),
    ["WG-POLICY-002", "WG-POLICY-005"],
  );
  assert.deepEqual(eventLines(root, PATHS.events).map((e) => e.check_id), ["WG-POLICY-002"]);
});

test("acceptance 15 (§3 JSON input): a leading BOM is skipped and duplicate keys resolve last-wins", async () => {
  const text = JSON.stringify(referencePolicy());
  const bom = makeTree({ [POLICY]: `\uFEFF${text}` });
  const r = await gate(bom);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lastValid = makeTree({ [POLICY]: `{"schema_version":"v0",${text.slice(1)}` });
  assert.equal((await gate(lastValid)).code, 0);
  const lastInvalid = makeTree({ [POLICY]: `${text.slice(0, -1)},"schema_version":"v0"}` });
  const bad = await gate(lastInvalid);
  assert.equal(bad.code, 1);
  assert.deepEqual(bad.report.results.map((x: any) => x.check_id), ["WG-POLICY-002"]);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 16: wrong types inside the policy are WG-POLICY-005 findings, exit 1.

test("acceptance 16: detection: \"x\" → WG-POLICY-005 `policy field invalid: detection: must be an object`, exit 1", async () => {
  const root = makeTree({ [POLICY]: { ...referencePolicy(), detection: "x" } });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, header("FAIL", "0 pass, 1 fail") + "  FAIL: [WG-POLICY-005] policy field invalid: detection: must be an object\n");
  assert.equal(r.report.results.length, 1);
  assert.equal(r.report.results[0].check_id, "WG-POLICY-005");
  assert.equal(r.report.results[0].detail, "policy field invalid: detection: must be an object");
  // A non-object detection is not walked and is not WG-POLICY-003's (§4.3 (3) needs an object).
  assert.deepEqual(
    r.report.results[0].findings.map((f: any) => [f.check_id, f.path]),
    [["WG-POLICY-005", "detection"]],
  );
});

test("acceptance 16: max_flake_rate_pct: \"0\" → `policy field invalid: quality_thresholds.max_flake_rate_pct: must be a number >= 0`, exit 1", async () => {
  const policy = referencePolicy();
  policy.quality_thresholds.max_flake_rate_pct = "0";
  const root = makeTree({ [POLICY]: policy });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const message = "policy field invalid: quality_thresholds.max_flake_rate_pct: must be a number >= 0";
  assert.equal(r.stdout, header("FAIL", "0 pass, 1 fail") + `  FAIL: [WG-POLICY-005] ${message}\n`);
  assert.deepEqual(r.report.results[0].findings, [
    { actual: null, check_id: "WG-POLICY-005", limit: null, message, path: "quality_thresholds.max_flake_rate_pct", subject: null },
  ]);
  assert.equal("dashboard_health" in r.report, false);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 17: an unreadable policy is exit 2 with exactly the §2.2 messages.

test("acceptance 17: policy missing → exit 2 `ERROR: file not found: .github/wasm_flake_governance_policy.json`", async () => {
  const root = makeTree({ [POLICY]: null });
  const r = await runCli(root, ["gate", "--now", NOW]);
  assert.deepEqual(assertExit2(r), ["ERROR: file not found: .github/wasm_flake_governance_policy.json"]);
  assert.equal(exists(root, PATHS.report), false);
  assert.equal(exists(root, PATHS.events), false);
});

test("acceptance 17: policy `{\"a\":` → exit 2, stderr starts `ERROR: invalid JSON in <policy>: line 1 column 6: `", async () => {
  const root = makeTree({ [POLICY]: '{"a":' });
  const r = await runCli(root, ["gate", "--now", NOW]);
  const lines = assertExit2(r);
  assert.equal(lines.length, 1);
  const prefix = "ERROR: invalid JSON in .github/wasm_flake_governance_policy.json: line 1 column 6: ";
  assert.ok(r.stderr.startsWith(prefix), r.stderr);
  assert.ok(lines[0]!.length > prefix.length, "the problem text is not empty");
});

test("acceptance 17: policy `[]` → exit 2 `ERROR: root object required in <policy>`", async () => {
  const root = makeTree({ [POLICY]: "[]" });
  const r = await runCli(root, ["gate", "--now", NOW]);
  assert.deepEqual(assertExit2(r), ["ERROR: root object required in .github/wasm_flake_governance_policy.json"]);
});

test("acceptance 17: with --report-path r.json --events-path e.ndjson, an unreadable policy deletes the files there", async () => {
  for (const content of [null, '{"a":', "[]"]) {
    const root = makeTree({ [POLICY]: content, "r.json": '{"gate_status":"pass"}\n', "e.ndjson": "{}\n" });
    // A report at the default path is not this command's output when flags are given: it stays.
    write(root, PATHS.report, '{"gate_status":"pass"}\n');
    const r = await runCli(root, ["gate", "--now", NOW, "--report-path", "r.json", "--events-path", "e.ndjson"]);
    assertExit2(r);
    assert.equal(exists(root, "r.json"), false, `r.json deleted (policy ${String(content)})`);
    assert.equal(exists(root, "e.ndjson"), false, `e.ndjson deleted (policy ${String(content)})`);
    assert.equal(read(root, PATHS.report), '{"gate_status":"pass"}\n');
  }
});

test("acceptance 17 (§2.1 outputs): without flags an unreadable policy removes a report and events left at the default paths", async () => {
  const root = makeTree({ [POLICY]: "[]" });
  write(root, PATHS.report, '{"gate_status":"pass"}\n');
  write(root, PATHS.events, "{}\n");
  assertExit2(await runCli(root, ["gate", "--now", NOW]));
  assert.equal(exists(root, PATHS.report), false);
  assert.equal(exists(root, PATHS.events), false);
});

test("§2.1 outputs: exit 2 after the policy was read removes the policy's output files, not the defaults", async () => {
  const policy = { ...referencePolicy(), output: { report_path: "custom/r.json", events_path: "custom/e.ndjson" } };
  const root = makeTree({ [POLICY]: policy, "flakewarden.yaml": "- not a mapping\n" });
  write(root, "custom/r.json", '{"gate_status":"pass"}\n');
  write(root, "custom/e.ndjson", "{}\n");
  write(root, PATHS.report, '{"gate_status":"pass"}\n');
  const lines = assertExit2(await runCli(root, ["gate", "--now", NOW]));
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /flakewarden\.yaml/);
  assert.equal(exists(root, "custom/r.json"), false);
  assert.equal(exists(root, "custom/e.ndjson"), false);
  assert.equal(read(root, PATHS.report), '{"gate_status":"pass"}\n');
});

// ---------------------------------------------------------------------------------------------
// User mistakes: exit 2, `ERROR: ` naming the problem, empty stdout, no crash (§2.1, §2.2, README).

interface ErrorCase {
  name: string;
  args: string[];
  files?: Record<string, string | object | Uint8Array | null>;
  env?: Record<string, string>;
  /** The exact single stderr line, when the spec fixes the wording. */
  exact?: string;
  /** Otherwise: what the single line must contain (the flag, value, file or key at fault). */
  mentions?: (string | RegExp)[];
  /** Arguments were parsed: a report left at the default path is removed (§2.1 Outputs). */
  removesDefaultOutputs?: boolean;
}

const G = ["gate", "--now", NOW];

const ERROR_CASES: ErrorCase[] = [
  { name: "unknown flag --self-test", args: [...G, "--self-test"], mentions: ["--self-test"] },
  { name: "unknown flag named like an Object.prototype member (--constructor)", args: [...G, "--constructor"], mentions: ["--constructor"] },
  { name: "flag missing its value (--dashboard last)", args: [...G, "--dashboard"], mentions: ["--dashboard"] },
  { name: "empty path flag (--dashboard \"\")", args: [...G, "--dashboard", ""], mentions: ["--dashboard"] },
  { name: "bad enum --format xml", args: [...G, "--format", "xml"], mentions: ["--format", "xml"] },
  { name: "naive --now", args: ["gate", "--now", "2026-03-10T12:00:00"], mentions: ["--now", "2026-03-10T12:00:00"], removesDefaultOutputs: true },
  {
    name: "bad FLAKEWARDEN_NOW",
    args: ["gate"],
    env: { FLAKEWARDEN_NOW: "yesterday" },
    mentions: ["FLAKEWARDEN_NOW", "yesterday"],
    removesDefaultOutputs: true,
  },
  {
    name: "policy missing",
    args: G,
    files: { [POLICY]: null },
    exact: "ERROR: file not found: .github/wasm_flake_governance_policy.json",
    removesDefaultOutputs: true,
  },
  {
    name: "policy is a directory",
    args: G,
    files: { [POLICY]: null, [`${POLICY}/inner.json`]: "{}" },
    exact: "ERROR: cannot read .github/wasm_flake_governance_policy.json: is a directory",
    removesDefaultOutputs: true,
  },
  {
    name: "policy not UTF-8 (bytes ff fe)",
    args: G,
    files: { [POLICY]: new Uint8Array([0xff, 0xfe]) },
    exact: "ERROR: cannot read .github/wasm_flake_governance_policy.json: not valid UTF-8",
    removesDefaultOutputs: true,
  },
  {
    name: "policy invalid JSON (trailing comma)",
    args: G,
    files: { [POLICY]: '{"a":1,}' },
    mentions: [/^ERROR: invalid JSON in \.github\/wasm_flake_governance_policy\.json: line 1 column 8: \S/],
    removesDefaultOutputs: true,
  },
  {
    name: "policy invalid JSON (bare NaN)",
    args: G,
    files: { [POLICY]: '{"a": NaN}' },
    mentions: [/^ERROR: invalid JSON in \.github\/wasm_flake_governance_policy\.json: line 1 column 7: \S/],
    removesDefaultOutputs: true,
  },
  {
    name: "policy invalid JSON (comment, second line, columns in code points)",
    args: G,
    files: { [POLICY]: '{\r\n"\u{1F600}": /* c */ 1}' },
    mentions: [/^ERROR: invalid JSON in \.github\/wasm_flake_governance_policy\.json: line 2 column 6: \S/],
    removesDefaultOutputs: true,
  },
  {
    name: "policy invalid JSON after a BOM (BOM not counted)",
    args: G,
    files: { [POLICY]: '\uFEFF{"a":' },
    mentions: [/^ERROR: invalid JSON in \.github\/wasm_flake_governance_policy\.json: line 1 column 6: \S/],
    removesDefaultOutputs: true,
  },
  {
    name: "policy JSON array root",
    args: G,
    files: { [POLICY]: '[{"schema_version":"wasm-flake-governance-policy-v1"}]' },
    exact: "ERROR: root object required in .github/wasm_flake_governance_policy.json",
    removesDefaultOutputs: true,
  },
  {
    name: "config flakewarden.yaml with invalid YAML",
    args: G,
    files: { "flakewarden.yaml": "quarantine: [unclosed\n  manifest_path: x\n" },
    mentions: [/^ERROR: .*flakewarden\.yaml/],
    removesDefaultOutputs: true,
  },
  {
    name: "config whose root is a list",
    args: G,
    files: { "flakewarden.yaml": "- quarantine\n- reactivate\n" },
    mentions: ["flakewarden.yaml"],
    removesDefaultOutputs: true,
  },
  {
    name: "config with an unknown key in the quarantine section",
    args: G,
    files: { "flakewarden.yaml": "quarantine:\n  manifest_path: m.json\n  manifest_pth: typo.json\n" },
    mentions: ["flakewarden.yaml", "quarantine", "manifest_pth"],
    removesDefaultOutputs: true,
  },
  {
    name: "config reactivate.min_runs: 0",
    args: G,
    files: { "flakewarden.yaml": "reactivate:\n  min_runs: 0\n" },
    mentions: ["flakewarden.yaml", "reactivate.min_runs"],
    removesDefaultOutputs: true,
  },
  {
    name: "--config naming a missing file",
    args: [...G, "--config", "conf/missing.yaml"],
    exact: "ERROR: file not found: conf/missing.yaml",
    removesDefaultOutputs: true,
  },
  {
    name: "report and events resolve to the same file",
    args: [...G, "--report-path", "out/x.json", "--events-path", "./out/sub/../x.json"],
    mentions: ["out/x.json"],
  },
  { name: "unknown command (flakewarden frobnicate)", args: ["frobnicate"], mentions: ["frobnicate"] },
];

for (const c of ERROR_CASES) {
  test(`exit 2: ${c.name}`, async () => {
    const root = makeTree(c.files ?? {});
    write(root, PATHS.report, '{"gate_status":"pass"}\n');
    const r = await runCli(root, c.args, c.env === undefined ? {} : { env: c.env });
    const lines = assertExit2(r);
    assert.equal(lines.length, 1, `one ERROR line, got:\n${r.stderr}`);
    const line = lines[0]!;
    if (c.exact !== undefined) assert.equal(line, c.exact);
    for (const m of c.mentions ?? []) {
      if (typeof m === "string") assert.ok(line.includes(m), `${JSON.stringify(line)} should name ${JSON.stringify(m)}`);
      else assert.match(line, m);
    }
    if (c.removesDefaultOutputs === true) assert.equal(exists(root, PATHS.report), false, "stale default report removed");
  });
}

test("exit 2: FLAKEWARDEN_NOW is named only when it is the clock source; an empty one counts as unset", async () => {
  const root = makeTree();
  const flagWins = await runCli(root, ["gate", "--now", NOW], { env: { FLAKEWARDEN_NOW: "yesterday" } });
  assert.equal(flagWins.code, 0, flagWins.stderr);
  const empty = await runCli(root, ["gate"], { env: { FLAKEWARDEN_NOW: "" } });
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(readJsonFile(root, PATHS.report).generated_at_utc, "2026-03-10T12:00:00+00:00");
});

test("config: sections the gate does not read are not validated (exit 0)", async () => {
  const root = makeTree({ "flakewarden.yaml": "detect:\n  iterations: not-a-number\n  bogus_key: [1, 2]\nreactivate:\n  min_runs: 3\n  other: x\n" });
  const r = await gate(root);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
});

// ---------------------------------------------------------------------------------------------
// Evidence is never exit 2: missing or malformed dashboard, manifest or playbook → failed check,
// written report, exit 1 (README "Conventions", §2.2).

const EVIDENCE_CASES: { name: string; files: Record<string, string | Uint8Array | object | null>; checkId: string; detail: string }[] = [
  {
    name: "dashboard root is an array",
    files: { [PATHS.dashboard]: "[1, 2]" },
    checkId: "WG-DASH-002",
    detail: `dashboard JSON invalid: root object required in ${PATHS.dashboard}`,
  },
  {
    name: "dashboard suites is not a list",
    files: { [PATHS.dashboard]: { schema_version: "sem-variance-dashboard-v1", suites: { a: 1 } } },
    checkId: "WG-DASH-004",
    detail: "dashboard suites must be a list",
  },
  {
    name: "manifest root is an array",
    files: { [PATHS.manifest]: "[]" },
    checkId: "WG-QUAR-002",
    detail: `quarantine manifest JSON invalid: root object required in ${PATHS.manifest}`,
  },
  {
    name: "manifest not UTF-8",
    files: { [PATHS.manifest]: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) },
    checkId: "WG-QUAR-002",
    detail: `quarantine manifest JSON invalid: cannot read ${PATHS.manifest}: not valid UTF-8`,
  },
  {
    name: "manifest entries is not a list",
    files: { [PATHS.manifest]: { schema_version: "wasm-flake-quarantine-v1", entries: "none" } },
    checkId: "WG-QUAR-004",
    detail: "quarantine entries must be a list",
  },
  {
    name: "playbook is a directory",
    files: { [PATHS.playbook]: null, [`${PATHS.playbook}/x.md`]: "replay" },
    checkId: "WG-FORENSICS-004",
    detail: `forensics playbook unreadable: ${PATHS.playbook}: is a directory`,
  },
];

for (const c of EVIDENCE_CASES) {
  test(`evidence is never exit 2: ${c.name} → ${c.checkId}, exit 1, report written`, async () => {
    const root = makeTree(c.files);
    const r = await gate(root);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, "");
    assertNoCrash(r);
    assert.notEqual(r.report, null, "report written");
    assert.equal(r.report.gate_status, "fail");
    const failed = r.report.results.filter((x: any) => x.status === "fail");
    assert.deepEqual(
      failed.map((x: any) => [x.check_id, x.detail]),
      [[c.checkId, c.detail]],
    );
    assert.ok(r.stdout.includes(`\n  FAIL: [${c.checkId}] ${c.detail}\n`), r.stdout);
    assert.equal(eventLines(root).length, r.report.results.length);
  });
}

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** §4.1 escaping, written independently of the implementation. */
function escapeForLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u00${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

/** §2.2 text stdout rebuilt from the report: one line per item, nothing else. */
function expectedStdout(report: any): string {
  const { pass, fail, skip } = report.summary;
  let out = header(report.gate_status === "pass" ? "PASS" : "FAIL", `${pass} pass, ${fail} fail${skip > 0 ? `, ${skip} skip` : ""}`);
  for (const r of report.results) {
    if (r.status === "fail") {
      out += `  FAIL: [${r.check_id}] ${escapeForLine(r.detail)}\n`;
      for (const f of r.findings) if (f.check_id !== r.check_id) out += `    - [${f.check_id}] ${escapeForLine(f.message)}\n`;
    } else if (r.status === "skip") {
      out += `  SKIP: [${r.check_id}] ${escapeForLine(r.detail)}\n`;
    }
  }
  return out;
}

test("evidence is never exit 2: hostile strings (controls, 500-char id with newline, |, <script>) keep stdout one line per item", async () => {
  const evil = "\u0007bell\r\nid|<script>alert(1)</script>\u009b\u007f\t";
  const longId = `${"A".repeat(100)}\n${"B".repeat(399)}`;
  assert.equal(Array.from(longId).length, 500);
  const dashboard = JSON.parse(fixture("reference-gate/variance_dashboard_pass.json"));
  delete dashboard.suite_count;
  delete dashboard.unstable_suite_count;
  dashboard.schema_version = evil;
  dashboard.suites.push({ suite: "evil\nsuite|<b>x</b>\u0000", unstable: true, outcomes: { fail: 1 } });
  dashboard.suites.push({ suite: evil, unstable: "yes" });
  const entries = [
    entry(evil, evil, evil, "2026-03-01T00:00:00", 24),
    entry("Q|<i>2</i>", "low", "open", hoursAgo(1), 24, { owner: null, suite: evil }),
    entry(longId, "high", "open", hoursAgo(1), 72, { trace_pointer: "" }),
  ];
  const root = makeTree({
    [PATHS.dashboard]: dashboard,
    [PATHS.manifest]: manifest(entries),
    [PATHS.playbook]: `nothing useful here\u0000\u001b[2J<script>|</script>`,
  });
  const r = await gate(root);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assertNoCrash(r);
  assert.equal(CONTROL.test(r.stdout), false, "no raw control characters on stdout");
  assert.equal(r.stdout, expectedStdout(r.report));
  const lines = r.stdout.slice(0, -1).split("\n");
  for (const line of lines.slice(4)) assert.match(line, /^( {2}FAIL: \[WG-[A-Z]+-\d{3}\] | {4}- \[WG-[A-Z]+-\d{3}\] | {2}SKIP: \[WG-[A-Z]+-SKIP\] )/);
  assert.equal(lines.filter((l) => l.startsWith("  FAIL: ")).length, r.report.summary.fail);

  const escapedEvil = "\\u0007bell\\r\\nid|<script>alert(1)</script>\\u009b\\u007f\\t";
  const dash = r.report.results[1];
  assert.equal(dash.check_id, "WG-DASH-003");
  assert.equal(dash.detail, `dashboard schema mismatch: expected sem-variance-dashboard-v1, got ${escapedEvil}`);
  assert.ok(r.stdout.includes(`  FAIL: [WG-DASH-003] dashboard schema mismatch: expected sem-variance-dashboard-v1, got ${escapedEvil}\n`));
  assert.ok(r.stdout.includes("    - [WG-DASH-007] dashboard suite malformed at suites[3]: unstable must be a boolean\n"));
  const quar = r.report.results[2];
  assert.equal(quar.check_id, "WG-QUAR-007");
  assert.ok(r.stdout.includes(`  FAIL: [WG-QUAR-007] invalid quarantine status: ${escapedEvil}\n`));
  assert.ok(r.stdout.includes(`    - [WG-QUAR-008] invalid quarantine severity: ${escapedEvil}\n`));
  // The 500-character id: escaped, cut to 200 code points (199 + …) in its message; raw in `subject`.
  const cutId = `${"A".repeat(100)}\\n${"B".repeat(97)}…`;
  assert.equal(Array.from(cutId).length, 200);
  const f012 = quar.findings.find((f: any) => f.check_id === "WG-QUAR-012");
  assert.equal(f012.message, `${cutId}: trace_pointer must be a non-empty string`);
  assert.equal(f012.subject, longId);
  assert.equal(f012.path, "entries[2].trace_pointer");
  assert.ok(r.stdout.includes(`    - [WG-QUAR-012] ${cutId}: trace_pointer must be a non-empty string\n`));
  // WG-REPLAY: the finding's subject is the raw suite name; whatever the message holds, stdout keeps it on one line.
  const replay = r.report.results[5];
  assert.equal(replay.check_id, "WG-REPLAY-001");
  assert.equal(replay.findings[0].subject, "evil\nsuite|<b>x</b>\u0000");
  assert.equal(replay.findings[0].path, "suites[2]");
  assert.ok(r.stdout.includes("  FAIL: [WG-REPLAY-001] suite evil\\nsuite|<b>x</b>\\u0000 is unstable and failing but has no open or resolved quarantine entry\n"));
  // Events stay one JSON object per line.
  const events = read(root, PATHS.events);
  assert.equal(events.split("\n").length, r.report.results.length + 1);
  assert.deepEqual(
    eventLines(root).map((e) => e.detail),
    r.report.results.map((x: any) => x.detail),
  );
});

test("evidence is never exit 2: --format json prints exactly the report bytes even with hostile strings", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry(`x\n|<script>${"z".repeat(600)}`, "urgent", "open", hoursAgo(1), 24)]) });
  const r = await runCli(root, ["gate", "--now", NOW, "--format", "json"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, read(root, PATHS.report));
  assert.equal(JSON.parse(r.stdout).results[2].detail, "invalid quarantine severity: urgent");
});

test("exit 2 leaves no stray files next to the outputs", async () => {
  const root = makeTree({ [POLICY]: "[]" });
  assertExit2(await runCli(root, ["gate", "--now", NOW]));
  assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")), ["wasm_flake_quarantine_manifest.json"]);
});

test("config through the bundled binary: a valid YAML config is read; an invalid one fails exactly as in-process (exit 2)", async () => {
  const valid = makeTree({ "flakewarden.yaml": "reactivate:\n  min_runs: 4\n" });
  const ok = runBin(valid, ["gate", "--now", NOW]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stderr, "");
  assert.deepEqual(readJsonFile(valid, PATHS.report).thresholds.reactivation_min_runs, { critical: 4, high: 4, low: 4, medium: 4 });

  const invalid = makeTree({ "flakewarden.yaml": "quarantine: [unclosed\n  manifest_path: x\n" });
  const bad = runBin(invalid, ["gate", "--now", NOW]);
  const lines = assertExit2(bad);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /flakewarden\.yaml/);
  const inProcess = await runCli(invalid, ["gate", "--now", NOW]);
  assert.equal(bad.stderr, inProcess.stderr);
});
