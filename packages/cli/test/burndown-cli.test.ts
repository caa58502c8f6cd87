// `flakewarden burndown` beyond the acceptance items: policy/config/manifest path rules (gate.md
// §2.1), flags and aliases (§2.4), malformed manifests, invalid entries, reactivation, history input.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
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
  referencePolicy,
  result,
  runBin,
  runCli,
  tempDir,
  write,
  type CliResult,
} from "./support/cli.ts";

const HISTORY = "target/nightly-stress";
const HISTORY_WARNING = `warning: history directory not found: ${HISTORY}\n`;

function burndown(root: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(root, ["burndown", "--now", NOW, ...args], { env });
}

function stdoutReport(r: CliResult): any {
  const report = JSON.parse(r.stdout);
  BurndownReport.parse(report);
  return report;
}

/** An exit-2 run: one or more ERROR lines, nothing on stdout, no stack trace. */
function assertUsageError(r: CliResult, stderr: string | RegExp): void {
  assertNoCrash(r);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.equal(r.stdout, "");
  if (typeof stderr === "string") assert.equal(r.stderr, stderr);
  else assert.match(r.stderr, stderr);
}

const ONE_OPEN = manifest([entry("Q-1", "medium", "open", hoursAgo(1), 168)]);

// ---------------------------------------------------------------------------------------------
// Policy, config and manifest paths (gate.md §2.1)

test("burndown: no policy at the default path → built-in defaults, the note on stderr, policy_path null", async () => {
  const root = makeTree({ [PATHS.policy]: null, [PATHS.manifest]: ONE_OPEN });
  const r = await burndown(root);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `note: no policy at ${PATHS.policy}; using built-in defaults\n${HISTORY_WARNING}`);
  const report = stdoutReport(r);
  assert.equal(report.policy_path, null);
  assert.equal(report.manifest_path, PATHS.manifest);
  assert.equal(report.summary.medium_flakes, 1);
});

test("burndown: an explicit --policy that does not exist → exit 2 file not found", async () => {
  const root = makeTree();
  assertUsageError(await burndown(root, ["--policy", "nope.json"]), "ERROR: file not found: nope.json\n");
});

test("burndown: invalid policy → exit 2, one ERROR [WG-POLICY-00x] line per finding, an existing --output removed", async () => {
  const p = referencePolicy();
  p.schema_version = "v0";
  delete p.output;
  const root = makeTree({ [PATHS.policy]: p });
  write(root, "b.json", "stale\n");
  const r = await burndown(root, ["--output", "b.json"]);
  assertUsageError(
    r,
    "ERROR: [WG-POLICY-001] missing required policy keys: output\n" +
      "ERROR: [WG-POLICY-002] schema_version must be wasm-flake-governance-policy-v1\n",
  );
  assert.equal(exists(root, "b.json"), false);
});

test("burndown: unreadable policy → exit 2 with the gate's messages", async () => {
  const root = makeTree({ [PATHS.policy]: '{"a":' });
  assertUsageError(await burndown(root), /^ERROR: invalid JSON in \.github\/wasm_flake_governance_policy\.json: line 1 column 6: .+\n$/);
  const arr = makeTree({ [PATHS.policy]: "[]" });
  assertUsageError(await burndown(arr), `ERROR: root object required in ${PATHS.policy}\n`);
});

test("burndown: the policy's manifest_path resolves against the base dir; --manifest against the cwd", async () => {
  const root = tempDir();
  const p = referencePolicy();
  p.quarantine.manifest_path = "m.json";
  write(root, "sub/.github/p.json", p);
  write(root, "sub/m.json", ONE_OPEN);
  write(root, "m.json", manifest([]));
  const viaPolicy = await burndown(root, ["--policy", "sub/.github/p.json"]);
  assert.equal(viaPolicy.code, 0, viaPolicy.stderr);
  const a = stdoutReport(viaPolicy);
  assert.equal(a.manifest_path, "sub/m.json");
  assert.equal(a.policy_path, "sub/.github/p.json");
  assert.equal(a.summary.total_open_flakes, 1);
  // The default history dir is under the base dir too.
  assert.deepEqual(a.warnings, ["history directory not found: sub/target/nightly-stress"]);
  const viaFlag = await burndown(root, ["--policy", "sub/.github/p.json", "--manifest", "./in/../m.json"]);
  const b = stdoutReport(viaFlag);
  assert.equal(b.manifest_path, "m.json");
  assert.equal(b.summary.total_open_flakes, 0);
});

test("burndown: --quarantine is an alias of --manifest; giving both is exit 2", async () => {
  const root = makeTree();
  write(root, "other.json", ONE_OPEN);
  const r = await burndown(root, ["--quarantine", "other.json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(stdoutReport(r).manifest_path, "other.json");
  assert.equal(stdoutReport(r).summary.total_open_flakes, 1);
  assertUsageError(
    await burndown(root, ["--manifest", "other.json", "--quarantine", "other.json"]),
    "ERROR: options --manifest and --quarantine cannot be combined (--quarantine is an alias of --manifest)\n",
  );
  assertUsageError(
    await burndown(root, ["--window-days", "3", "--window", "3"]),
    "ERROR: options --window-days and --window cannot be combined (--window is an alias of --window-days)\n",
  );
});

test("burndown: config quarantine.manifest_path (relative to the config file) beats the policy's", async () => {
  const root = makeTree();
  write(root, "cfg/flakewarden.json", { quarantine: { manifest_path: "q/m.json" } });
  write(root, "cfg/q/m.json", ONE_OPEN);
  const r = await burndown(root, ["--config", "cfg/flakewarden.json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(stdoutReport(r).manifest_path, "cfg/q/m.json");
  assert.equal(stdoutReport(r).summary.total_open_flakes, 1);
});

test("burndown: invalid config → exit 2 (unknown quarantine key, bad reactivate.min_runs, unparsable file)", async () => {
  const root = makeTree();
  write(root, "flakewarden.json", { quarantine: { manifest_pth: "x.json" } });
  write(root, "out.json", "stale\n");
  assertUsageError(await burndown(root, ["--output", "out.json"]), /^ERROR: invalid config flakewarden\.json: quarantine: .*manifest_pth.*\n$/);
  assert.equal(exists(root, "out.json"), false);
  write(root, "flakewarden.json", { reactivate: { min_runs: 0 } });
  assertUsageError(await burndown(root), /^ERROR: invalid config flakewarden\.json: reactivate\.min_runs: /);
  write(root, "flakewarden.json", "{");
  assertUsageError(await burndown(root), /^ERROR: invalid JSON in flakewarden\.json: line 1 column 2: /);
});

test("burndown: usage errors → exit 2 (unknown flag, bad --format, empty --manifest, missing value, bad --now)", async () => {
  const root = makeTree();
  assertUsageError(await burndown(root, ["--self-test"]), /^ERROR: unknown option --self-test\n$/);
  assertUsageError(await burndown(root, ["--format", "xml"]), /^ERROR: invalid value for --format: xml \(expected json or text\)\n$/);
  assertUsageError(await burndown(root, ["--manifest", ""]), "ERROR: option --manifest must not be empty\n");
  assertUsageError(await burndown(root, ["--output"]), "ERROR: option --output needs a value\n");
  assertUsageError(await runCli(root, ["burndown", "--now", "2026-03-10T12:00:00"]), /^ERROR: invalid --now value /);
  assertUsageError(await runCli(root, ["burndown"], { env: { FLAKEWARDEN_NOW: "yesterday" } }), /^ERROR: invalid FLAKEWARDEN_NOW value /);
});

test("burndown: FLAKEWARDEN_NOW gives the same bytes as --now", async () => {
  const root = makeTree({ [PATHS.manifest]: ONE_OPEN });
  const a = await burndown(root);
  const b = await runCli(root, ["burndown"], { env: { FLAKEWARDEN_NOW: NOW }, now: Date.parse("2030-01-01T00:00:00Z") });
  assert.equal(a.stdout, b.stdout);
});

// ---------------------------------------------------------------------------------------------
// Outputs (gate.md §2.4)

test("burndown: --output writes the report (the stdout bytes), names it on stderr, keeps stdout empty; text still prints", async () => {
  const root = makeTree({ [PATHS.manifest]: ONE_OPEN });
  const plain = await burndown(root);
  const r = await burndown(root, ["--output", "deep/dir/b.json"]);
  assertNoCrash(r);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, `${HISTORY_WARNING}Burndown report written to: deep/dir/b.json\n`);
  assert.equal(read(root, "deep/dir/b.json"), plain.stdout);
  assert.ok(plain.stdout.endsWith("}\n"));
  assert.ok(plain.stdout.includes('\n  "schema_version": "nightly-burndown-report-v1",\n'));
  const text = await burndown(root, ["--format", "text", "--output", "t.json"]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^Burndown \(14 days\): degrading; open 1 /);
  assert.equal(read(root, "t.json"), plain.stdout);
  assert.ok(text.stderr.endsWith("Burndown report written to: t.json\n"));
  const abs = path.join(root, "abs-out.json");
  const absolute = await burndown(root, ["--output", abs]);
  assert.ok(absolute.stderr.endsWith(`Burndown report written to: ${abs}\n`));
});

test("burndown: an --output that cannot be written → exit 2 cannot write", async () => {
  const root = makeTree({ [PATHS.manifest]: ONE_OPEN });
  fs.mkdirSync(path.join(root, "isdir"));
  assertUsageError(await burndown(root, ["--output", "isdir"]), /^ERROR: cannot write isdir: /);
});

// ---------------------------------------------------------------------------------------------
// Manifest cases (gate.md §4.11)

test("burndown: unreadable or malformed manifests block with the gate's message as the first reason, exit 1", async () => {
  const cases: [string | object, string][] = [
    ['{"a":', `quarantine manifest JSON invalid: invalid JSON in ${PATHS.manifest}: line 1 column 6: `],
    ["[]", `quarantine manifest JSON invalid: root object required in ${PATHS.manifest}`],
    [{ schema_version: "wasm-flake-quarantine-v1", entries: {} }, "quarantine entries must be a list"],
    [new Uint8Array([0xff, 0xfe, 0x7b]), `quarantine manifest JSON invalid: cannot read ${PATHS.manifest}: not valid UTF-8`],
  ];
  for (const [content, reason] of cases) {
    const root = makeTree({ [PATHS.manifest]: content as string });
    const r = await burndown(root);
    assertNoCrash(r);
    assert.equal(r.code, 1, r.stderr);
    const report = stdoutReport(r);
    assert.equal(report.release_gate.blocked, true);
    assert.ok(report.release_gate.reasons[0].startsWith(reason), `${report.release_gate.reasons[0]} !~ ${reason}`);
    assert.equal(report.summary.total_open_flakes, 0);
    assert.notEqual(report.summary.burndown_trend, "clear");
  }
  const dir = makeTree({ [PATHS.manifest]: null });
  fs.mkdirSync(path.join(dir, PATHS.manifest));
  const r = await burndown(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(stdoutReport(r).release_gate.reasons, [
    `quarantine manifest JSON invalid: cannot read ${PATHS.manifest}: is a directory`,
  ]);
});

test("burndown: a schema_version mismatch is the first reason and the entries are still counted", async () => {
  const root = makeTree({
    [PATHS.manifest]: { schema_version: "wasm-flake-quarantine-v0", entries: [entry("Q-H", "high", "open", hoursAgo(1), 72)] },
  });
  const r = await burndown(root);
  assert.equal(r.code, 1);
  const report = stdoutReport(r);
  assert.deepEqual(report.release_gate.reasons, [
    "quarantine schema mismatch: expected wasm-flake-quarantine-v1, got wasm-flake-quarantine-v0",
    "1 high flake(s) in quarantine",
  ]);
  assert.equal(report.summary.high_flakes, 1);
});

test("burndown: invalid entries are listed with their problems, ignored otherwise, and block like WG-QUAR", async () => {
  const root = makeTree({
    [PATHS.manifest]: manifest([
      entry("Q-OK", "medium", "open", hoursAgo(1), 168),
      entry("Q-NAIVE", "critical", "open", "2026-03-01T00:00:00", 24),
      entry("Q-OK", "low", "open", hoursAgo(2), 100),
      "not an entry",
      entry("Q-FUT", "high", "open", hoursAgo(-1), 72),
    ]),
  });
  const r = await burndown(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  const report = stdoutReport(r);
  assert.deepEqual(report.invalid_entries, [
    {
      index: 1,
      id: "Q-NAIVE",
      problems: ["open quarantine entry has invalid opened_at_utc: 2026-03-01T00:00:00 (expected ISO-8601 with an offset)"],
    },
    { index: 2, id: "Q-OK", problems: ["duplicate quarantine entry id Q-OK (entries[0] and entries[2])"] },
    { index: 3, id: null, problems: ["quarantine entries must be objects"] },
    { index: 4, id: "Q-FUT", problems: ["Q-FUT opened_at_utc is in the future (2026-03-10T13:00:00Z)"] },
  ]);
  assert.equal(report.summary.invalid_entries, 4);
  assert.equal(report.summary.total_open_flakes, 1);
  assert.equal(report.summary.critical_flakes, 0, "an invalid critical entry is not counted");
  assert.equal(report.summary.new_in_window, 1);
  assert.deepEqual(report.release_gate.reasons, ["4 invalid quarantine entry(ies)"]);
  const g = await gate(root);
  assert.equal(result(g.report, "WG-QUAR").status, "fail");
});

// ---------------------------------------------------------------------------------------------
// Reactivated entries (gate.md §4.7 via §4.11)

function evidence(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    attempt_id: "ra-20260310T100000Z",
    run_id: `ra-20260310T100000Z-${i + 1}`,
    ts: "2026-03-10T10:00:00.000Z",
    status: "passed",
    exit_code: 0,
    fingerprint: "sha256:ab",
    certificate: null,
    artifact_dir: `r/${i + 1}`,
  }));
}

const REACTIVATED = manifest([
  entry("Q-R", "critical", "reactivated", hoursAgo(48), 24, {
    notes: { root_cause: "timer race", fix_ref: "PR#12" },
    reactivated_at_utc: "2026-03-10T10:00:01.000Z",
    reactivation_evidence: evidence(3),
  }),
]);

test("burndown: a reactivated entry with valid evidence is closed in the window; config min_runs 4 makes it open and blocking", async () => {
  const root = makeTree({ [PATHS.manifest]: REACTIVATED });
  const ok = await burndown(root);
  assert.equal(ok.code, 0, ok.stdout);
  const a = stdoutReport(ok);
  assert.equal(a.summary.burndown_trend, "clear");
  assert.equal(a.summary.resolved_in_window, 1);
  assert.equal(a.summary.total_open_flakes, 0);

  write(root, "flakewarden.yaml", "reactivate:\n  min_runs: 4\n");
  const r = await burndown(root);
  assert.equal(r.code, 1);
  const b = stdoutReport(r);
  assert.equal(b.summary.critical_flakes, 1);
  assert.equal(b.summary.resolved_in_window, 0);
  assert.deepEqual(b.release_gate.reasons, [
    "1 critical flake(s) in quarantine",
    "1 SLA breach(es) detected",
    "1 reactivated entry(ies) without valid evidence",
  ]);
  assert.deepEqual(b.sla_breaches, [
    { id: "Q-R", severity: "critical", owner: "runtime-core", elapsed_hours: 48, sla_limit_hours: 24, sla_source: "entry" },
  ]);
  const g = await gate(root);
  assert.equal(result(g.report, "WG-REACT").check_id, "WG-REACT-001");
});

// ---------------------------------------------------------------------------------------------
// History input (gate.md §3.7)

test("burndown: history rows sorted by started_at then run_id, defaults applied, bad runs skipped with a reason", async () => {
  const root = makeTree();
  const h = (dir: string, body: string | object): void => void write(root, `${HISTORY}/${dir}/run_manifest.json`, body);
  h("z-late", { run_id: "r2", started_at_utc: "2026-03-10T01:00:00Z" });
  h("y-tie-b", { run_id: "b", started_at_utc: "2026-03-09T00:00:00+02:00" });
  h("x-tie-a", { run_id: "a", started_at_utc: "2026-03-08T22:00:00Z" });
  h("w-defaults", { started_at_utc: "2026-03-05T10:00:00Z", total_tests_run: 5.0 });
  h("v-naive", { started_at_utc: "2026-03-05T10:00:00" });
  h("u-nostart", { run_id: "u" });
  h("t-negative", { started_at_utc: "2026-03-05T10:00:00Z", total_tests_failed: -1 });
  h("s-bool", { started_at_utc: "2026-03-05T10:00:00Z", total_tests_run: true });
  h("r-duration", { started_at_utc: "2026-03-05T10:00:00Z", total_duration_secs: "3" });
  h("q-future", { started_at_utc: "2026-03-10T12:00:01Z" });
  h("p-old", { started_at_utc: "2026-02-24T11:59:59Z" });
  h("o-array", "[]");
  h("n-runid", { run_id: 7, started_at_utc: "2026-03-05T10:00:00Z" });
  write(root, `${HISTORY}/loose-file.json`, "{}");
  const r = await burndown(root);
  assertNoCrash(r);
  const report = stdoutReport(r);
  assert.deepEqual(
    report.history.map((row: any) => [row.date, row.run_id]),
    [
      ["2026-03-05", "w-defaults"],
      ["2026-03-08", "a"],
      ["2026-03-08", "b"],
      ["2026-03-10", "r2"],
    ],
  );
  assert.deepEqual(report.history[0], {
    date: "2026-03-05",
    run_id: "w-defaults",
    result: "unknown",
    total_tests_run: 5,
    total_tests_passed: 0,
    total_tests_failed: 0,
    duration_secs: 0,
  });
  assert.deepEqual(report.warnings, [
    `skipped history run ${HISTORY}/n-runid: run_id must be a string (got 7)`,
    `skipped history run ${HISTORY}/o-array: root object required in ${HISTORY}/o-array/run_manifest.json`,
    `skipped history run ${HISTORY}/r-duration: total_duration_secs must be a number >= 0 (got 3)`,
    `skipped history run ${HISTORY}/s-bool: total_tests_run must be an integer >= 0 (got true)`,
    `skipped history run ${HISTORY}/t-negative: total_tests_failed must be an integer >= 0 (got -1)`,
    `skipped history run ${HISTORY}/u-nostart: started_at_utc is missing`,
    `skipped history run ${HISTORY}/v-naive: started_at_utc is not an ISO-8601 timestamp with an offset: 2026-03-05T10:00:00`,
  ]);
});

test("burndown: --history-dir resolves against the cwd; a history path that is a file is a warning", async () => {
  const root = makeTree();
  write(root, "runs/one/run_manifest.json", { started_at_utc: "2026-03-09T00:00:00Z" });
  const r = await burndown(root, ["--history-dir", "runs"]);
  const report = stdoutReport(r);
  assert.deepEqual(report.history.map((row: any) => row.run_id), ["one"]);
  assert.deepEqual(report.warnings, []);
  assert.equal(r.stderr, "");
  write(root, "file-not-dir", "x");
  const f = stdoutReport(await burndown(root, ["--history-dir", "file-not-dir"]));
  assert.deepEqual(f.warnings, ["cannot read history directory file-not-dir: not a directory"]);
});

// ---------------------------------------------------------------------------------------------
// The bundled binary

test("burndown: the bundled bin gives the in-process bytes and exit codes", async () => {
  const root = makeTree({ [PATHS.manifest]: ONE_OPEN });
  const inProcess = await burndown(root);
  const bin = runBin(root, ["burndown", "--now", NOW]);
  assert.equal(bin.code, 0, bin.stderr);
  assert.equal(bin.stdout, inProcess.stdout);
  assert.equal(bin.stderr, inProcess.stderr);
  const bad = runBin(root, ["burndown", "--now", NOW, "--window-days", "abc"]);
  assertUsageError(bad, "ERROR: --window-days must be an integer from 1 to 365 (got 'abc')\n");
  const missing = runBin(root, ["burndown", "--now", NOW, "--manifest", "none.json", "--output", "o.json"]);
  assert.equal(missing.code, 1);
  assert.equal(readJsonFile(root, "o.json").release_gate.reasons[0], "quarantine manifest missing: none.json");
});
