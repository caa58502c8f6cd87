// `flakewarden playbook check` (gate.md §2.5, §3.6, §4.12, §8 item 38; forensics.md §2.5).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, exists, FIXTURES, makeTree, PATHS, read, readJsonFile, runCli, tempDir, write, type CliResult } from "./support/cli.ts";

const NOW = "2026-03-10T12:00:00Z";
const DOCS = ["TESTING.md", "docs/replay-debugging.md", "docs/integration.md"] as const;
const REPORT = "artifacts/incident_forensics_playbook_check_report.json";
const EVENTS = "artifacts/incident_forensics_playbook_check_events.ndjson";
const NO_POLICY_NOTE = "note: no policy at .github/wasm_flake_governance_policy.json; using built-in defaults\n";
const UNAVAILABLE = "not evaluated: forensics playbook unavailable";

const WG_CLAUSES = [
  ["WG-FORENSICS-001", "Forensics playbook must exist and be readable."],
  ["WG-FORENSICS-002", "Forensics playbook must list every policy required command."],
  ["WG-FORENSICS-003", "Forensics playbook must mention replay, trace_pointer and reactivation."],
] as const;

/** gate.md §4.12's table: id, file, pattern, description. */
const IFP_CLAUSES = [
  ["IFP-001", "docs/replay-debugging.md", String.raw`^## WASM Incident Forensics Playbook \(asupersync-umelq\.12\.5\)`, "Replay guide must include dedicated incident-forensics playbook section."],
  ["IFP-002", "docs/replay-debugging.md", String.raw`bash \./scripts/test_wasm_incident_forensics_e2e\.sh`, "Replay guide must publish canonical deterministic drill command."],
  [
    "IFP-003",
    "docs/replay-debugging.md",
    String.raw`rch exec -- env\b[^\n]*\bCARGO_TARGET_DIR=\$\{TMPDIR:-/tmp\}/rch_target_replay_debugging_docs\b[^\n]*\bcargo run --quiet --features cli --bin asupersync --`,
    "Replay guide must include explicit rch-offloaded replay command template with a scoped cargo target directory.",
  ],
  ["IFP-004", "docs/integration.md", String.raw`Incident forensics playbook \(asupersync-umelq\.12\.5\)`, "Integration guide must link incident triage flow to playbook contract."],
  ["IFP-005", "TESTING.md", String.raw`check_incident_forensics_playbook\.py`, "Testing guide must include playbook contract checker command."],
  ["IFP-006", "TESTING.md", String.raw`run_all_e2e\.sh --suite wasm-incident-forensics`, "Testing guide must include incident-forensics E2E drill suite command."],
  ["IFP-007", "TESTING.md", String.raw`target/e2e-results/wasm_incident_forensics`, "Testing guide must document deterministic artifact root for drill outputs."],
] as const;

const ALL_IDS = [...WG_CLAUSES.map(([id]) => id), ...IFP_CLAUSES.map(([id]) => id)];

function docFixture(rel: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, "playbook-docs", rel));
}

/** Tree T (gate.md §8) plus the three incident docs; `overrides` replaces files (null deletes). */
function playbookTree(overrides: Record<string, string | object | null> = {}): string {
  const root = makeTree();
  for (const rel of DOCS) write(root, rel, docFixture(rel));
  for (const [rel, content] of Object.entries(overrides)) {
    if (content === null) fs.rmSync(path.join(root, rel), { recursive: true, force: true });
    else write(root, rel, content);
  }
  return root;
}

function check(root: string, args: string[] = [], options: { env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return runCli(root, ["playbook", "check", "--now", NOW, ...args], options);
}

function ndjson(text: string): any[] {
  assert.ok(text.endsWith("\n"), "NDJSON ends with a newline");
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line));
}

/** Keys sorted by code point at every level (gate.md §3.6 "keys sorted"). */
function assertSortedKeys(value: unknown, where = "$"): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertSortedKeys(v, `${where}[${i}]`));
  } else if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value);
    assert.deepEqual(keys, [...keys].sort(), `keys not sorted at ${where}`);
    for (const k of keys) assertSortedKeys((value as Record<string, unknown>)[k], `${where}.${k}`);
  }
}

function clauseIds(report: any): string[] {
  return report.checks.map((c: any) => c.clause_id);
}

function detailOf(report: any, id: string): string {
  const row = report.checks.find((c: any) => c.clause_id === id);
  assert.ok(row !== undefined, `no ${id} in report`);
  return row.detail;
}

test("item 38: --preset original on tree T with the three docs → exit 0, 10 clauses pass", async () => {
  const root = playbookTree();
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    [
      "Forensics playbook check: PASS",
      "  Clauses: 10 pass, 0 fail",
      `  Report: ${REPORT}`,
      `  Events: ${EVENTS}`,
      "",
    ].join("\n"),
  );
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(clauseIds(report), ALL_IDS);
  assert.deepEqual(report.summary, { failed: 0, passed: 10, total: 10 });
  assert.equal(report.gate_status, "pass");
  for (const c of report.checks) {
    assert.equal(c.status, "pass", c.clause_id);
    assert.equal(c.detail, "clause satisfied", c.clause_id);
  }
});

test("item 38: the report follows incident-forensics-playbook-check-v1 exactly", async () => {
  const root = playbookTree();
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 0, r.stderr);
  const text = read(root, REPORT);
  const report = JSON.parse(text);
  // 2-space indent, trailing newline, keys sorted at every level.
  assert.equal(text, `${JSON.stringify(report, null, 2)}\n`);
  assertSortedKeys(report);
  assert.deepEqual(Object.keys(report), ["checks", "gate_status", "generated_at_utc", "git_sha", "schema_version", "summary"]);
  assert.equal(report.schema_version, "incident-forensics-playbook-check-v1");
  assert.equal(report.generated_at_utc, "2026-03-10T12:00:00+00:00");
  // The temp project root is not inside a git work tree.
  assert.equal(report.git_sha, null);
  const expected = [
    ...WG_CLAUSES.map(([clause_id, description]) => ({
      clause_id,
      description,
      detail: "clause satisfied",
      file: PATHS.playbook,
      status: "pass",
    })),
    ...IFP_CLAUSES.map(([clause_id, file, , description]) => ({ clause_id, description, detail: "clause satisfied", file, status: "pass" })),
  ];
  assert.deepEqual(report.checks, expected);
});

test("item 38: events are one compact line per clause (incident-forensics-playbook-event-v1)", async () => {
  const root = playbookTree();
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 0, r.stderr);
  const text = read(root, EVENTS);
  const events = ndjson(text);
  assert.equal(events.length, 10);
  const report = readJsonFile(root, REPORT);
  events.forEach((event, i) => {
    assert.deepEqual(Object.keys(event), ["clause_id", "detail", "file", "generated_at_utc", "schema_version", "status"]);
    const c = report.checks[i];
    assert.deepEqual(event, {
      clause_id: c.clause_id,
      detail: c.detail,
      file: c.file,
      generated_at_utc: "2026-03-10T12:00:00+00:00",
      schema_version: "incident-forensics-playbook-event-v1",
      status: c.status,
    });
  });
  // Compact: each line is exactly JSON.stringify of its object.
  assert.equal(text, events.map((e) => `${JSON.stringify(e)}\n`).join(""));
});

test("item 38: --format json prints exactly one line with events, failed, gate_status, report", async () => {
  const root = playbookTree();
  const r = await check(root, ["--preset", "original", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    `{"events":"${EVENTS}","failed":0,"gate_status":"pass","report":"${REPORT}"}\n`,
  );
  assert.equal(r.stdout.split("\n").length, 2);
  assert.deepEqual(Object.keys(JSON.parse(r.stdout)), ["events", "failed", "gate_status", "report"]);
  // The JSON format still writes both outputs.
  assert.equal(readJsonFile(root, REPORT).summary.total, 10);
  assert.equal(ndjson(read(root, EVENTS)).length, 10);
});

test("item 38: --format json on a failing check reports failed and fail, exit 1", async () => {
  const root = playbookTree({ "docs/integration.md": null });
  const r = await check(root, ["--preset", "original", "--format", "json"]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, `{"events":"${EVENTS}","failed":1,"gate_status":"fail","report":"${REPORT}"}\n`);
});

test("item 38: without docs/integration.md → IFP-004 file not found, exit 1", async () => {
  const root = playbookTree({ "docs/integration.md": null });
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 1, r.stderr);
  assertNoCrash(r);
  assert.equal(
    r.stdout,
    [
      "Forensics playbook check: FAIL",
      "  Clauses: 9 pass, 1 fail",
      `  Report: ${REPORT}`,
      `  Events: ${EVENTS}`,
      "  FAIL: [IFP-004] file not found: docs/integration.md",
      "",
    ].join("\n"),
  );
  const report = readJsonFile(root, REPORT);
  assert.equal(report.gate_status, "fail");
  assert.deepEqual(report.summary, { failed: 1, passed: 9, total: 10 });
  const ifp4 = report.checks.find((c: any) => c.clause_id === "IFP-004");
  assert.deepEqual(ifp4, {
    clause_id: "IFP-004",
    description: "Integration guide must link incident triage flow to playbook contract.",
    detail: "file not found: docs/integration.md",
    file: "docs/integration.md",
    status: "fail",
  });
  const events = ndjson(read(root, EVENTS));
  assert.equal(events.find((e) => e.clause_id === "IFP-004").status, "fail");
});

test("item 38: TESTING.md without the suite command → IFP-006 missing required pattern", async () => {
  const testing = docFixture("TESTING.md").toString("utf8");
  const stripped = testing.replaceAll("run_all_e2e.sh --suite wasm-incident-forensics", "run_all_e2e.sh --suite other-suite");
  assert.notEqual(stripped, testing);
  const root = playbookTree({ "TESTING.md": stripped });
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /\n {2}Clauses: 9 pass, 1 fail\n/);
  assert.ok(r.stdout.endsWith("  FAIL: [IFP-006] missing required pattern: run_all_e2e\\.sh --suite wasm-incident-forensics\n"), r.stdout);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(
    report.checks.filter((c: any) => c.status === "fail").map((c: any) => [c.clause_id, c.detail, c.file]),
    [["IFP-006", String.raw`missing required pattern: run_all_e2e\.sh --suite wasm-incident-forensics`, "TESTING.md"]],
  );
});

test("item 38: no preset and no config clauses → only the 3 WG-FORENSICS clauses", async () => {
  const root = playbookTree();
  const r = await check(root);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Forensics playbook check: PASS\n {2}Clauses: 3 pass, 0 fail\n/);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(clauseIds(report), ["WG-FORENSICS-001", "WG-FORENSICS-002", "WG-FORENSICS-003"]);
  assert.deepEqual(report.summary, { failed: 0, passed: 3, total: 3 });
  assert.equal(ndjson(read(root, EVENTS)).length, 3);
});

test("item 38: a config clause pattern `(` → exit 2, one ERROR line, no stack", async () => {
  const root = playbookTree({
    "flakewarden.yaml": [
      "playbook:",
      "  clauses:",
      "    - clause_id: X-001",
      "      file: TESTING.md",
      '      pattern: "("',
      "      description: broken pattern",
      "",
    ].join("\n"),
  });
  const r = await check(root);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.equal(r.stdout, "");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(
    lines[0]?.startsWith("ERROR: invalid config flakewarden.yaml: playbook.clauses[0].pattern: invalid regular expression: "),
    r.stderr,
  );
  assert.equal(exists(root, REPORT), false);
  assert.equal(exists(root, EVENTS), false);
});

test("exit 2 removes a previous run's report and events (never a stale verdict)", async () => {
  const root = playbookTree();
  const first = await check(root, ["--preset", "original"]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(exists(root, REPORT), true);
  assert.equal(exists(root, EVENTS), true);
  write(root, "flakewarden.yaml", 'playbook:\n  clauses:\n    - {clause_id: X-1, file: TESTING.md, pattern: "[", description: d}\n');
  const second = await check(root, ["--preset", "original"]);
  assert.equal(second.code, 2);
  assertNoCrash(second);
  assert.equal(exists(root, REPORT), false);
  assert.equal(exists(root, EVENTS), false);
});

test("invalid config clause shapes are exit 2 naming the key", async () => {
  const root = playbookTree({ "flakewarden.yaml": "playbook:\n  clauses:\n    - {clause_id: X-1, file: TESTING.md, description: d}\n" });
  const r = await check(root);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.match(r.stderr, /^ERROR: invalid config flakewarden\.yaml: playbook\.clauses\[0\]\.pattern: /);
  assert.equal(r.stdout, "");
});

test("config playbook.clauses are evaluated after the WG clauses when no preset is given", async () => {
  const root = playbookTree({
    "flakewarden.yaml": [
      "playbook:",
      "  clauses:",
      "    - clause_id: C-001",
      "      file: TESTING.md",
      String.raw`      pattern: 'check_incident_forensics_playbook\.py'`,
      "      description: checker documented",
      "    - clause_id: C-002",
      "      file: docs/missing.md",
      "      pattern: anything",
      "      description: missing file",
      "    - clause_id: C-003",
      "      file: notes/lines.md",
      "      pattern: '^second line$'",
      "      description: multiline flag",
      "    - clause_id: C-004",
      "      file: notes/lines.md",
      String.raw`      pattern: 'third\s+line'`,
      "      description: absent text",
      "",
    ].join("\n"),
    "notes/lines.md": "first line\nsecond line\n",
  });
  const r = await check(root);
  assert.equal(r.code, 1, r.stderr);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(report.checks.slice(3), [
    { clause_id: "C-001", description: "checker documented", detail: "clause satisfied", file: "TESTING.md", status: "pass" },
    { clause_id: "C-002", description: "missing file", detail: "file not found: docs/missing.md", file: "docs/missing.md", status: "fail" },
    // new RegExp(pattern, "m"): ^ and $ match at line boundaries.
    { clause_id: "C-003", description: "multiline flag", detail: "clause satisfied", file: "notes/lines.md", status: "pass" },
    {
      clause_id: "C-004",
      description: "absent text",
      detail: String.raw`missing required pattern: third\s+line`,
      file: "notes/lines.md",
      status: "fail",
    },
  ]);
  assert.deepEqual(report.summary, { failed: 2, passed: 5, total: 7 });
  assert.ok(
    r.stdout.endsWith(["  FAIL: [C-002] file not found: docs/missing.md", String.raw`  FAIL: [C-004] missing required pattern: third\s+line`, ""].join("\n")),
    r.stdout,
  );
});

test("config clauses from flakewarden.json are read too", async () => {
  const root = playbookTree({
    "flakewarden.json": {
      playbook: { clauses: [{ clause_id: "J-001", file: "docs/integration.md", pattern: "Incident forensics playbook", description: "json clause" }] },
    },
  });
  const r = await check(root);
  assert.equal(r.code, 0, r.stderr);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(clauseIds(report), ["WG-FORENSICS-001", "WG-FORENSICS-002", "WG-FORENSICS-003", "J-001"]);
});

test("--preset original wins over config clauses", async () => {
  const root = playbookTree({
    "flakewarden.yaml": "playbook:\n  clauses:\n    - {clause_id: X-001, file: nowhere.md, pattern: x, description: never run}\n",
  });
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(clauseIds(readJsonFile(root, REPORT)), ALL_IDS);
});

test("--config elsewhere: clause files still resolve against the project root", async () => {
  const root = playbookTree({
    "cfg/fw.yaml": "playbook:\n  clauses:\n    - {clause_id: K-001, file: TESTING.md, pattern: 'target/e2e-results', description: d}\n",
  });
  const r = await check(root, ["--config", "cfg/fw.yaml"]);
  assert.equal(r.code, 0, r.stderr);
  const k = readJsonFile(root, REPORT).checks[3];
  assert.deepEqual([k.clause_id, k.status, k.file], ["K-001", "pass", "TESTING.md"]);
});

test("a clause file that is a directory is unreadable", async () => {
  const root = playbookTree({ "docs/integration.md": null });
  fs.mkdirSync(path.join(root, "docs/integration.md"));
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 1);
  assertNoCrash(r);
  assert.equal(detailOf(readJsonFile(root, REPORT), "IFP-004"), "file unreadable: docs/integration.md: is a directory");
});

test("a clause file that is not UTF-8 is unreadable", async () => {
  const root = playbookTree();
  write(root, "TESTING.md", new Uint8Array([0xff, 0xfe, 0x41]));
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 1);
  const report = readJsonFile(root, REPORT);
  for (const id of ["IFP-005", "IFP-006", "IFP-007"]) assert.equal(detailOf(report, id), "file unreadable: TESTING.md: not valid UTF-8");
});

test("--project-root: clause files are read there and report/events land under it", async () => {
  const root = makeTree();
  for (const rel of DOCS) write(root, path.join("proj", rel), docFixture(rel));
  const r = await check(root, ["--preset", "original", "--project-root", "proj"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      "Forensics playbook check: PASS",
      "  Clauses: 10 pass, 0 fail",
      `  Report: proj/${REPORT}`,
      `  Events: proj/${EVENTS}`,
      "",
    ].join("\n"),
  );
  assert.equal(exists(root, `proj/${REPORT}`), true);
  assert.equal(exists(root, `proj/${EVENTS}`), true);
  assert.equal(exists(root, REPORT), false);
  assert.equal(exists(root, EVENTS), false);
  // The playbook doc (policy doc_path) still resolves against the policy's base dir, not the project root.
  const report = readJsonFile(root, `proj/${REPORT}`);
  assert.equal(report.checks[0].file, PATHS.playbook);
  // Clause files are shown as written in the clause.
  assert.equal(report.checks[9].file, "TESTING.md");
});

test("--project-root: relative --report-path/--events-path flags resolve against it; --format json shows display paths", async () => {
  const root = makeTree();
  for (const rel of DOCS) write(root, path.join("proj", rel), docFixture(rel));
  const r = await check(root, ["--preset", "original", "--project-root", "proj", "--report-path", "out/r.json", "--events-path", "out/e.ndjson", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '{"events":"proj/out/e.ndjson","failed":0,"gate_status":"pass","report":"proj/out/r.json"}\n');
  assert.equal(readJsonFile(root, "proj/out/r.json").summary.total, 10);
  assert.equal(ndjson(read(root, "proj/out/e.ndjson")).length, 10);
});

test("an absolute --report-path is used and shown as written", async () => {
  const root = playbookTree();
  const elsewhere = tempDir();
  const abs = path.join(elsewhere, "report.json");
  const r = await check(root, ["--report-path", abs, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).report, abs);
  assert.equal(fs.existsSync(abs), true);
});

test("project root clause files missing: every incident clause fails with file not found", async () => {
  const root = makeTree();
  fs.mkdirSync(path.join(root, "empty-root"));
  const r = await check(root, ["--preset", "original", "--project-root", "empty-root"]);
  assert.equal(r.code, 1);
  const report = readJsonFile(root, `empty-root/${REPORT}`);
  assert.deepEqual(
    report.checks.slice(3).map((c: any) => c.detail),
    IFP_CLAUSES.map(([, file]) => `file not found: ${file}`),
  );
  assert.deepEqual(report.summary, { failed: 7, passed: 3, total: 10 });
});

test("git_sha is HEAD of the project root when it is a git work tree", async () => {
  const root = makeTree();
  const proj = path.join(root, "proj");
  for (const rel of DOCS) write(proj, rel, docFixture(rel));
  const git = (...args: string[]) => {
    const out = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: proj,
      encoding: "utf8",
    });
    assert.equal(out.status, 0, out.stderr);
    return out.stdout.trim();
  };
  git("init", "-q");
  git("commit", "-q", "--allow-empty", "-m", "init");
  const head = git("rev-parse", "HEAD");
  assert.match(head, /^[0-9a-f]{40}$/);
  const r = await check(root, ["--preset", "original", "--project-root", "proj"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readJsonFile(root, `proj/${REPORT}`).git_sha, head);
});

test("missing playbook doc → WG-FORENSICS-001 fails, 002/003 not evaluated", async () => {
  const root = playbookTree({ [PATHS.playbook]: null });
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 1, r.stderr);
  assertNoCrash(r);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(report.checks.slice(0, 3), [
    {
      clause_id: "WG-FORENSICS-001",
      description: "Forensics playbook must exist and be readable.",
      detail: `forensics playbook missing: ${PATHS.playbook}`,
      file: PATHS.playbook,
      status: "fail",
    },
    {
      clause_id: "WG-FORENSICS-002",
      description: "Forensics playbook must list every policy required command.",
      detail: UNAVAILABLE,
      file: PATHS.playbook,
      status: "fail",
    },
    {
      clause_id: "WG-FORENSICS-003",
      description: "Forensics playbook must mention replay, trace_pointer and reactivation.",
      detail: UNAVAILABLE,
      file: PATHS.playbook,
      status: "fail",
    },
  ]);
  assert.deepEqual(report.summary, { failed: 3, passed: 7, total: 10 });
  assert.ok(
    r.stdout.endsWith(
      [
        `  FAIL: [WG-FORENSICS-001] forensics playbook missing: ${PATHS.playbook}`,
        `  FAIL: [WG-FORENSICS-002] ${UNAVAILABLE}`,
        `  FAIL: [WG-FORENSICS-003] ${UNAVAILABLE}`,
        "",
      ].join("\n"),
    ),
    r.stdout,
  );
});

test("unreadable playbook doc (not UTF-8) → WG-FORENSICS-001 fails with the WG-FORENSICS-004 message", async () => {
  const root = playbookTree({ [PATHS.playbook]: null });
  write(root, PATHS.playbook, new Uint8Array([0xff, 0xfe]));
  const r = await check(root);
  assert.equal(r.code, 1);
  assertNoCrash(r);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(
    report.checks.map((c: any) => [c.clause_id, c.status, c.detail]),
    [
      ["WG-FORENSICS-001", "fail", `forensics playbook unreadable: ${PATHS.playbook}: not valid UTF-8`],
      ["WG-FORENSICS-002", "fail", UNAVAILABLE],
      ["WG-FORENSICS-003", "fail", UNAVAILABLE],
    ],
  );
});

test("a playbook missing commands and tokens fails 002 and 003 with the §4.6 messages", async () => {
  const root = playbookTree({ [PATHS.playbook]: "# playbook\n\nreplay with `python3 ./scripts/check_incident_forensics_playbook.py`\n" });
  const r = await check(root);
  assert.equal(r.code, 1);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(
    report.checks.map((c: any) => [c.clause_id, c.status, c.detail]),
    [
      ["WG-FORENSICS-001", "pass", "clause satisfied"],
      [
        "WG-FORENSICS-002",
        "fail",
        "forensics playbook missing commands: bash ./scripts/run_all_e2e.sh --suite wasm-incident-forensics, TEST_SEED=4242 bash ./scripts/test_wasm_incident_forensics_e2e.sh, python3 ./scripts/check_wasm_flake_governance.py --policy .github/wasm_flake_governance_policy.json",
      ],
      ["WG-FORENSICS-003", "fail", "forensics playbook missing tokens: trace_pointer, reactivation"],
    ],
  );
});

test("--doc resolves against the current directory, not the project root", async () => {
  const root = playbookTree();
  write(root, "other/playbook.md", fs.readFileSync(path.join(root, PATHS.playbook)));
  fs.mkdirSync(path.join(root, "proj"));
  const r = await check(root, ["--doc", "other/playbook.md", "--project-root", "proj"]);
  assert.equal(r.code, 0, r.stderr);
  const report = readJsonFile(root, `proj/${REPORT}`);
  assert.deepEqual(
    report.checks.map((c: any) => [c.clause_id, c.file, c.status]),
    [
      ["WG-FORENSICS-001", "other/playbook.md", "pass"],
      ["WG-FORENSICS-002", "other/playbook.md", "pass"],
      ["WG-FORENSICS-003", "other/playbook.md", "pass"],
    ],
  );
});

test("a policy under another .github dir: its doc_path resolves against that dir's parent (base dir)", async () => {
  const root = playbookTree();
  write(root, "sub/.github/p.json", read(root, PATHS.policy));
  write(root, `sub/${PATHS.playbook}`, read(root, PATHS.playbook));
  fs.rmSync(path.join(root, PATHS.playbook));
  const r = await check(root, ["--policy", "sub/.github/p.json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(
    report.checks.map((c: any) => c.file),
    [`sub/${PATHS.playbook}`, `sub/${PATHS.playbook}`, `sub/${PATHS.playbook}`],
  );
  // A policy outside any .github dir: the base dir is the current directory.
  write(root, "cfg/p.json", read(root, PATHS.policy));
  const r2 = await check(root, ["--policy", "cfg/p.json"]);
  assert.equal(r2.code, 1);
  assert.equal(detailOf(readJsonFile(root, REPORT), "WG-FORENSICS-001"), `forensics playbook missing: ${PATHS.playbook}`);
});

test("no policy file → the built-in defaults and a note on stderr", async () => {
  const root = playbookTree({ [PATHS.policy]: null });
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, NO_POLICY_NOTE);
  const report = readJsonFile(root, REPORT);
  assert.deepEqual(report.summary, { failed: 0, passed: 10, total: 10 });
  // The built-in defaults' doc path is the canonical one.
  assert.equal(report.checks[0].file, PATHS.playbook);
});

test("--policy given but missing → exit 2 file not found (no fallback to defaults)", async () => {
  const root = playbookTree();
  const r = await check(root, ["--policy", "nope.json"]);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.equal(r.stderr, "ERROR: file not found: nope.json\n");
  assert.equal(r.stdout, "");
});

test("an unparsable policy → exit 2 with the invalid JSON message", async () => {
  const root = playbookTree({ [PATHS.policy]: '{"a":' });
  const r = await check(root);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.equal(r.stderr, `ERROR: invalid JSON in ${PATHS.policy}: line 1 column 6: unexpected end of input\n`);
});

test("a policy with a WG-POLICY finding → exit 2, ERROR: [WG-POLICY-002] …, no outputs", async () => {
  const policy = JSON.parse(read(makeTree(), PATHS.policy));
  const root = playbookTree({ [PATHS.policy]: { ...policy, schema_version: "v0" } });
  const r = await check(root, ["--preset", "original"]);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "ERROR: [WG-POLICY-002] schema_version must be wasm-flake-governance-policy-v1\n");
  assert.equal(exists(root, REPORT), false);
  assert.equal(exists(root, EVENTS), false);
});

test("a policy missing sections → exit 2 with one ERROR line per finding", async () => {
  const policy = JSON.parse(read(makeTree(), PATHS.policy));
  delete policy.output;
  delete policy.quality_thresholds;
  const root = playbookTree({ [PATHS.policy]: policy });
  const r = await check(root);
  assert.equal(r.code, 2);
  assertNoCrash(r);
  assert.equal(r.stderr, "ERROR: [WG-POLICY-001] missing required policy keys: output, quality_thresholds\n");
});

test("usage errors are exit 2: bad --preset, bad --format, naive --now, same report and events path", async () => {
  const root = playbookTree();
  const cases: [string[], RegExp][] = [
    [["--preset", "modern"], /^ERROR: invalid value for --preset: modern \(expected original\)\n$/],
    [["--format", "xml"], /^ERROR: invalid value for --format: xml/],
    [["--report-path", ""], /^ERROR: option --report-path must not be empty\n$/],
    [["--report-path", "x.json", "--events-path", "x.json"], /^ERROR: report and events paths resolve to the same file: x\.json\n$/],
    [["--bogus"], /^ERROR: unknown option --bogus\n$/],
  ];
  for (const [args, stderr] of cases) {
    const r = await check(root, args);
    assert.equal(r.code, 2, args.join(" "));
    assertNoCrash(r);
    assert.equal(r.stdout, "", args.join(" "));
    assert.match(r.stderr, stderr, args.join(" "));
  }
  const naive = await runCli(root, ["playbook", "check", "--now", "2026-03-10T12:00:00"]);
  assert.equal(naive.code, 2);
  assertNoCrash(naive);
  assert.match(naive.stderr, /^ERROR: invalid --now value/);
});

test("FLAKEWARDEN_NOW is used when --now is absent", async () => {
  const root = playbookTree();
  const r = await runCli(root, ["playbook", "check"], { env: { FLAKEWARDEN_NOW: "2026-03-10T13:30:00.250+01:30" } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readJsonFile(root, REPORT).generated_at_utc, "2026-03-10T12:00:00.250+00:00");
});

test("running twice gives identical bytes (report, events, stdout)", async () => {
  const root = playbookTree({ "docs/integration.md": null });
  const first = await check(root, ["--preset", "original"]);
  const report1 = read(root, REPORT);
  const events1 = read(root, EVENTS);
  const second = await check(root, ["--preset", "original"]);
  assert.equal(first.code, 1);
  assert.equal(second.code, 1);
  assert.equal(second.stdout, first.stdout);
  assert.equal(read(root, REPORT), report1);
  assert.equal(read(root, EVENTS), events1);
});

test("the same inputs in two different directories give identical bytes (no machine paths)", async () => {
  const a = playbookTree();
  const b = playbookTree();
  assert.notEqual(a, b);
  const ra = await check(a, ["--preset", "original"]);
  const rb = await check(b, ["--preset", "original"]);
  assert.equal(ra.stdout, rb.stdout);
  assert.equal(read(a, REPORT), read(b, REPORT));
  assert.equal(read(a, EVENTS), read(b, EVENTS));
  assert.equal(read(a, REPORT).includes(a), false);
});
