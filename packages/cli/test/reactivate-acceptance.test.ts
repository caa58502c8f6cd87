// `flakewarden reactivate`: forensics.md §8 acceptance 16–21 and gate.md §8 acceptance 32.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { validateReactivationEvidence } from "@flakewarden/core";
import { assertNoCrash, makeTree, manifest, PATHS, read, readJsonFile, result, runCli, write, type CliResult } from "./support/cli.ts";
import {
  ARTIFACTS,
  ATTEMPT,
  artifactsExist,
  entryOf,
  manifestText,
  otherEntry,
  REACT_NOW,
  reactEntry,
  reactivate,
  reactTree,
  reportOf,
  unmetOnStderr,
} from "./support/reactivate.ts";

const RUN_TS = "2026-03-06T10:00:00.000Z";

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

// ---- 16 -------------------------------------------------------------------------------------

test("forensics acceptance 16: three identical passes with notes and a trace file → exit 0, reactivated, 3 records, others unchanged", async () => {
  const before = [otherEntry("A"), reactEntry("Q-1", "stable"), otherEntry("B")];
  const root = reactTree(before);
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "reactivated Q-1\n");
  assert.equal(r.stderr, "");

  const doc = readJsonFile(root, PATHS.manifest);
  assert.deepEqual(doc.entries[0], before[0]);
  assert.deepEqual(doc.entries[2], before[2]);
  const e = doc.entries[1];
  assert.equal(e.status, "reactivated");
  assert.equal(e.reactivated_at_utc, "2026-03-06T10:00:00.000Z");
  // Existing key order kept, new keys at the end.
  assert.deepEqual(Object.keys(e), [...Object.keys(before[1] as object), "reactivation_evidence", "reactivated_at_utc"]);

  const traceSha = sha256('{"trace":"Q-1"}\n');
  assert.equal(e.reactivation_evidence.length, 3);
  e.reactivation_evidence.forEach((rec: any, i: number) => {
    const k = i + 1;
    assert.deepEqual(rec, {
      attempt_id: ATTEMPT,
      run_id: `${ATTEMPT}-${k}`,
      ts: RUN_TS,
      status: "passed",
      exit_code: 0,
      fingerprint: e.reactivation_evidence[0].fingerprint,
      certificate: { steps: "12", trace_fingerprint: "782198577955665544" },
      artifact_dir: `${ARTIFACTS}/Q-1/${ATTEMPT}/run_${k}`,
      trace_pointer_sha256: traceSha,
    });
    const log = read(root, `${rec.artifact_dir}/output.log`);
    // stdout first, then stderr
    assert.match(log, /^replay started .*\n\{"kind":"replay".*\nstub stderr: pid \d+\n$/);
  });
  assert.match(e.reactivation_evidence[0].fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(validateReactivationEvidence(e, 3), { valid: true, unmet: [] });

  const report = reportOf(root, "Q-1");
  assert.equal(report.schema_version, "flakewarden-reactivation-report-v1");
  assert.equal(report.entry_id, "Q-1");
  assert.equal(report.attempt_id, ATTEMPT);
  assert.equal(report.previous_status, "open");
  assert.equal(report.new_status, "reactivated");
  assert.equal(report.verdict, "reactivated");
  assert.equal(report.runs.length, 3);
  assert.deepEqual(
    report.criteria.map((c: any) => [c.id, c.met]),
    [
      ["consecutive_passes", true],
      ["identical_fingerprints", true],
      ["no_unstable_transitions", true],
      ["forensics_artifacts_attached", true],
      ["owner_notes_recorded", true],
    ],
  );
  assert.equal(fs.existsSync(path.join(root, `${PATHS.manifest}.lock`)), false, "the lock is released");
});

// ---- 17 -------------------------------------------------------------------------------------

test("forensics acceptance 17: run 3 prints a different u64 above 2^53 → exit 1, identical_fingerprints on stderr, still open, 3 records", async () => {
  const root = reactTree([reactEntry("Q-1", "drift3")]);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "not reactivated Q-1\n");
  assert.deepEqual(unmetOnStderr(r.stderr), ["identical_fingerprints"]);
  assert.match(r.stderr, /^identical_fingerprints: .*run 3.*trace_fingerprint: run_1=782198577955665544 run_3=782198577955665545/m);
  const e = entryOf(root, "Q-1");
  assert.equal(e.status, "open");
  assert.equal("reactivated_at_utc" in e, false);
  assert.equal(e.reactivation_evidence.length, 3);
  assert.deepEqual(
    e.reactivation_evidence.map((rec: any) => rec.certificate.trace_fingerprint),
    ["782198577955665544", "782198577955665544", "782198577955665545"],
  );
  assert.notEqual(e.reactivation_evidence[2].fingerprint, e.reactivation_evidence[0].fingerprint);
  assert.equal(reportOf(root, "Q-1").verdict, "not_met");
  assert.equal(reportOf(root, "Q-1").new_status, "open");
});

// ---- 18 -------------------------------------------------------------------------------------

test("forensics acceptance 18: run 2 fails → exit 1; consecutive_passes and no_unstable_transitions unmet", async () => {
  const root = reactTree([reactEntry("Q-1", "fail2")]);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "not reactivated Q-1\n");
  assert.deepEqual(unmetOnStderr(r.stderr), ["consecutive_passes", "no_unstable_transitions"]);
  assert.match(r.stderr, /^consecutive_passes: 2 of 3 runs passed; run 2 failed \(exit code 1\)$/m);
  assert.match(r.stderr, /^no_unstable_transitions: statuses differ across runs: passed, failed, passed$/m);
  const e = entryOf(root, "Q-1");
  assert.equal(e.status, "open");
  assert.deepEqual(
    e.reactivation_evidence.map((rec: any) => [rec.status, rec.exit_code]),
    [
      ["passed", 0],
      ["failed", 1],
      ["passed", 0],
    ],
  );
});

// ---- 19 -------------------------------------------------------------------------------------

test("forensics acceptance 19: missing fix_ref → owner_notes_recorded unmet", async () => {
  const root = reactTree([reactEntry("Q-1", "stable", { notes: { root_cause: "timer race" } })]);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.deepEqual(unmetOnStderr(r.stderr), ["owner_notes_recorded"]);
  assert.equal(r.stderr, "owner_notes_recorded: notes.fix_ref missing or empty\n");
  assert.equal(entryOf(root, "Q-1").status, "open");
  assert.equal(entryOf(root, "Q-1").reactivation_evidence.length, 3);
});

test("forensics acceptance 19: a nonexistent trace_pointer → forensics_artifacts_attached unmet", async () => {
  const root = reactTree([reactEntry("Q-1", "stable", { trace_pointer: "nowhere/trace.json" })]);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "forensics_artifacts_attached: trace_pointer does not resolve: nowhere/trace.json\n");
  const e = entryOf(root, "Q-1");
  assert.equal(e.status, "open");
  assert.deepEqual(
    e.reactivation_evidence.map((rec: any) => rec.trace_pointer_sha256),
    [null, null, null],
  );
});

test("forensics acceptance 19: an https:// trace_pointer → forensics_artifacts_attached unmet with the remote message", async () => {
  const root = reactTree([reactEntry("Q-1", "stable", { trace_pointer: "https://ci.example.com/runs/1/trace.zip" })]);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "forensics_artifacts_attached: remote trace_pointer cannot be verified; attach the artifact locally\n");
  assert.equal(entryOf(root, "Q-1").status, "open");
});

// ---- 20 -------------------------------------------------------------------------------------

interface RefusalCase {
  name: string;
  tree: () => string;
  args: string[];
  error: RegExp;
}

const REFUSALS: RefusalCase[] = [
  {
    name: "unknown id",
    tree: () => reactTree([reactEntry("Q-1", "stable")]),
    args: ["Q-404"],
    error: /^ERROR: artifacts\/wasm_flake_quarantine_manifest\.json: no entry with id Q-404$/,
  },
  {
    name: "invalid manifest JSON",
    tree: () => {
      const root = reactTree([reactEntry("Q-1", "stable")]);
      write(root, PATHS.manifest, '{"schema_version": "wasm-flake-quarantine-v1", "entries": [\n');
      return root;
    },
    args: ["Q-1"],
    error: /^ERROR: invalid JSON in artifacts\/wasm_flake_quarantine_manifest\.json: line \d+ column \d+: /,
  },
  {
    name: "already reactivated",
    tree: () => reactTree([reactEntry("Q-1", "stable", { status: "reactivated" })]),
    args: ["Q-1"],
    error: /^ERROR: entry Q-1 is already reactivated$/,
  },
  {
    name: "empty replay_command",
    tree: () => reactTree([reactEntry("Q-1", "stable", { replay_command: "" })]),
    args: ["Q-1"],
    error: /^ERROR: .*replay_command/,
  },
  {
    name: "--runs 2 with minimum 3",
    tree: () => reactTree([reactEntry("Q-1", "stable")]),
    args: ["Q-1", "--runs", "2"],
    error: /^ERROR: --runs 2 is below the minimum of 3 runs for severity critical$/,
  },
];

async function assertRefused(c: RefusalCase, alias: boolean): Promise<CliResult> {
  const root = c.tree();
  const bytes = manifestText(root);
  const r = await reactivate(root, c.args, alias);
  assertNoCrash(r);
  assert.equal(r.code, 2, `${c.name}: ${r.stderr}`);
  assert.equal(r.stdout, "", c.name);
  assert.match(r.stderr.split("\n")[0] ?? "", c.error, c.name);
  assert.equal(manifestText(root), bytes, `${c.name}: manifest byte-identical`);
  assert.equal(artifactsExist(root), false, `${c.name}: nothing ran`);
  return r;
}

for (const c of REFUSALS) {
  test(`forensics acceptance 20: ${c.name} → exit 2, manifest byte-identical`, async () => {
    await assertRefused(c, false);
  });
}

// ---- 21 -------------------------------------------------------------------------------------

test("forensics acceptance 21: the gate fails WG-REACT-001 for a critical reactivated entry without evidence and passes with (16)'s evidence", async () => {
  const proven = reactEntry("Q-1", "stable");
  const root = makeTree({ [PATHS.manifest]: manifest([proven]), "traces/Q-1.json": '{"trace":"Q-1"}\n' });

  // Without evidence (what the original let through): hand-set status.
  write(root, PATHS.manifest, manifest([{ ...proven, status: "reactivated", reactivated_at_utc: "2026-03-06T10:00:00.000Z" }]));
  const bare = await runCli(root, ["gate", "--now", REACT_NOW]);
  assertNoCrash(bare);
  assert.equal(bare.code, 1);
  const bareReport = readJsonFile(root, PATHS.report);
  const react = result(bareReport, "WG-REACT");
  assert.equal(react.check_id, "WG-REACT-001");
  assert.equal(react.status, "fail");
  assert.equal(react.detail, "Q-1 reactivated without valid evidence: evidence_runs");
  assert.equal(bareReport.metrics.unresolved_critical, 1, "counted as an unresolved critical flake");

  // The same entry, reactivated by the command with (16)'s evidence.
  write(root, PATHS.manifest, manifest([proven]));
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  const g = await runCli(root, ["gate", "--now", REACT_NOW]);
  assert.equal(g.code, 0, g.stdout + g.stderr);
  const report = readJsonFile(root, PATHS.report);
  assert.equal(result(report, "WG-REACT").check_id, "WG-REACT-000");
  assert.equal(result(report, "WG-REACT").detail, "reactivated entries carry valid evidence (1 checked)");
  assert.equal(report.metrics.unresolved_critical, 0);
});

// ---- gate 32 --------------------------------------------------------------------------------

/** Run the same case in two identical trees, once per command form, and compare everything. */
async function bothForms(entries: () => unknown[], args: string[]): Promise<CliResult> {
  const direct = reactTree(entries());
  const alias = reactTree(entries());
  const a = await reactivate(direct, args, false);
  const b = await reactivate(alias, args, true);
  assert.deepEqual(b, a, "same exit code, stdout and stderr");
  assert.equal(manifestText(alias), manifestText(direct), "same manifest bytes");
  const reportRel = `${ARTIFACTS}/Q-1/${ATTEMPT}/reactivation_report.json`;
  assert.equal(fs.existsSync(path.join(alias, reportRel)), fs.existsSync(path.join(direct, reportRel)));
  if (fs.existsSync(path.join(direct, reportRel))) assert.equal(read(alias, reportRel), read(direct, reportRel), "same report bytes");
  return a;
}

test("gate acceptance 32: quarantine reactivate behaves exactly as reactivate on forensics acceptance 16–19", async () => {
  assert.equal((await bothForms(() => [otherEntry("A"), reactEntry("Q-1", "stable")], ["Q-1"])).code, 0);
  assert.equal((await bothForms(() => [reactEntry("Q-1", "drift3")], ["Q-1"])).code, 1);
  assert.equal((await bothForms(() => [reactEntry("Q-1", "fail2")], ["Q-1"])).code, 1);
  assert.equal((await bothForms(() => [reactEntry("Q-1", "stable", { notes: { root_cause: "x" } })], ["Q-1"])).code, 1);
  assert.equal((await bothForms(() => [reactEntry("Q-1", "stable", { trace_pointer: "https://ci.example.com/t.zip" })], ["Q-1"])).code, 1);
});

test("gate acceptance 32: quarantine reactivate refuses exactly as reactivate on forensics acceptance 20", async () => {
  for (const c of REFUSALS) {
    const direct = await assertRefused(c, false);
    const alias = await assertRefused(c, true);
    assert.deepEqual(alias, direct, c.name);
  }
});
