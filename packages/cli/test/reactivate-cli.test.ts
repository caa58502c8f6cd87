// `flakewarden reactivate` beyond the acceptance list: seeds, result kinds, timeouts, attempt
// ids, evidence trimming, config, paths, the lock, and changes made while the replays run.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { validateReactivationEvidence } from "@flakewarden/core";
import { assertNoCrash, NOW, PATHS, read, readJsonFile, runCli, write } from "./support/cli.ts";
import {
  ARTIFACTS,
  ATTEMPT,
  entryOf,
  manifestText,
  REACT_NOW,
  reactEntry,
  reactivate,
  reactTree,
  reportOf,
  stubCommand,
  unmetOnStderr,
} from "./support/reactivate.ts";

test("reactivate: the entry's seed reaches the replay as canonical TEST_SEED and FLAKEWARDEN_SEED, with run, run dir and cwd = root", async () => {
  const root = reactTree([reactEntry("Q-1", "env", { seed: "0xDEADBEEF" })]);
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  const attemptDir = path.join(root, ARTIFACTS, "Q-1", ATTEMPT);
  for (const k of [1, 2, 3]) {
    const log = read(root, `${ARTIFACTS}/Q-1/${ATTEMPT}/run_${k}/output.log`);
    assert.match(log, new RegExp(`^seen TEST_SEED=3735928559 FLAKEWARDEN_SEED=3735928559 FLAKEWARDEN_RUN=${k}$`, "m"));
    assert.ok(log.includes(`seen cwd=${fs.realpathSync(root)} FLAKEWARDEN_ARTIFACT_DIR=${attemptDir}\n`), log);
    assert.ok(log.includes(`replay started `) && log.includes(` in ${path.join(attemptDir, `run_${k}`)}\n`), log);
  }
});

test("reactivate: an invalid entry seed is exit 2 with the seed message and touches nothing", async () => {
  const root = reactTree([reactEntry("Q-1", "env", { seed: "12a" })]);
  const bytes = manifestText(root);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "ERROR: entry Q-1: invalid seed '12a': expected a decimal or 0x-hex unsigned 64-bit integer\n");
  assert.equal(manifestText(root), bytes);
  assert.equal(fs.existsSync(path.join(root, ARTIFACTS)), false);
});

test("reactivate: TAP on stdout is the result; durations do not count, a case changing outcome does", async () => {
  const stable = reactTree([reactEntry("Q-1", "tap")]);
  const ok = await reactivate(stable, ["Q-1"]);
  assert.equal(ok.code, 0, ok.stderr);
  const run1 = reportOf(stable, "Q-1").runs[0];
  assert.deepEqual(run1.result, { kind: "tap", source: "stdout", copy: `${ARTIFACTS}/Q-1/${ATTEMPT}/run_1/result.tap` });
  assert.deepEqual(run1.test_cases, [
    { id: "a", status: "pass" },
    { id: "b", status: "pass" },
  ]);
  assert.equal(entryOf(stable, "Q-1").reactivation_evidence[0].certificate, null);

  const flipping = reactTree([reactEntry("Q-1", "tap-flip")]);
  const r = await reactivate(flipping, ["Q-1"]);
  assert.equal(r.code, 1);
  assert.deepEqual(unmetOnStderr(r.stderr), ["identical_fingerprints", "no_unstable_transitions"]);
  assert.match(r.stderr, /^no_unstable_transitions: test cases change outcome: b$/m);
});

test("reactivate: a replay_result JUnit file is the result, whatever its case order and times", async () => {
  const root = reactTree([reactEntry("Q-1", "junit", { replay_result: "{run_dir}/junit.xml" })]);
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  const report = reportOf(root, "Q-1");
  assert.deepEqual(report.runs[1].result, {
    kind: "junit",
    source: `${ARTIFACTS}/Q-1/${ATTEMPT}/run_2/junit.xml`,
    copy: `${ARTIFACTS}/Q-1/${ATTEMPT}/run_2/result.xml`,
  });
  assert.deepEqual(report.runs[1].test_cases, [
    { id: "s::a", status: "pass" },
    { id: "s::b", status: "pass" },
  ]);
  assert.ok(fs.existsSync(path.join(root, ARTIFACTS, "Q-1", ATTEMPT, "run_2", "result.xml")));
});

test("reactivate: a configured replay_result that is never written makes each run an error without a fingerprint", async () => {
  const root = reactTree([reactEntry("Q-1", "no-result", { replay_result: "out/{run}.json" })]);
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 1);
  assert.deepEqual(unmetOnStderr(r.stderr), ["consecutive_passes", "identical_fingerprints"]);
  const e = entryOf(root, "Q-1");
  assert.deepEqual(
    e.reactivation_evidence.map((rec: any) => [rec.status, rec.fingerprint]),
    [
      ["error", null],
      ["error", null],
      ["error", null],
    ],
  );
  assert.equal(reportOf(root, "Q-1").runs[0].detail, "replay_result not found: out/1.json");
});

test("reactivate: a replay past --timeout-s is killed and recorded as timeout with a null exit code", async () => {
  const root = reactTree([reactEntry("Q-1", "sleep")], { config: { reactivate: { min_runs: 1 } } });
  const r = await runCli(root, ["reactivate", "Q-1", "--timeout-s", "0.5", "--now", REACT_NOW]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^consecutive_passes: 0 of 1 runs passed; run 1 timeout$/m);
  const [rec] = entryOf(root, "Q-1").reactivation_evidence;
  assert.equal(rec.status, "timeout");
  assert.equal(rec.exit_code, null);
  assert.equal(rec.fingerprint, null);
  assert.equal(reportOf(root, "Q-1").runs[0].detail, "timed out after 0.5s");
});

test("reactivate: a second attempt in the same second gets -2, skipping an attempt dir that already exists", async () => {
  const root = reactTree([reactEntry("Q-1", "drift3")]);
  assert.equal((await reactivate(root, ["Q-1"])).code, 1);
  fs.mkdirSync(path.join(root, ARTIFACTS, "Q-1", `${ATTEMPT}-2`));
  assert.equal((await reactivate(root, ["Q-1"])).code, 1);
  const ids = entryOf(root, "Q-1").reactivation_evidence.map((rec: any) => rec.run_id);
  assert.deepEqual(ids, [`${ATTEMPT}-1`, `${ATTEMPT}-2`, `${ATTEMPT}-3`, `${ATTEMPT}-3-1`, `${ATTEMPT}-3-2`, `${ATTEMPT}-3-3`]);
  assert.equal(reportOf(root, "Q-1", `${ATTEMPT}-3`).attempt_id, `${ATTEMPT}-3`);
});

test("reactivate: evidence keeps only the newest max_evidence_records, never fewer than this attempt's runs", async () => {
  const root = reactTree([reactEntry("Q-1", "drift3")], { config: { reactivate: { max_evidence_records: 4 } } });
  await reactivate(root, ["Q-1"]);
  await reactivate(root, ["Q-1"]);
  const runIds = entryOf(root, "Q-1").reactivation_evidence.map((rec: any) => rec.run_id);
  assert.deepEqual(runIds, [`${ATTEMPT}-3`, `${ATTEMPT}-2-1`, `${ATTEMPT}-2-2`, `${ATTEMPT}-2-3`]);

  const small = reactTree([reactEntry("Q-1", "drift3")], { config: { reactivate: { max_evidence_records: 1 } } });
  await reactivate(small, ["Q-1"]);
  assert.equal(entryOf(small, "Q-1").reactivation_evidence.length, 3);
});

test("reactivate: min_runs_by_severity sets the default and the minimum of --runs", async () => {
  const root = reactTree([reactEntry("Q-1", "stable")], { config: { reactivate: { min_runs: 5, min_runs_by_severity: { critical: 2 } } } });
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  const e = entryOf(root, "Q-1");
  assert.equal(e.reactivation_evidence.length, 2);
  assert.deepEqual(validateReactivationEvidence(e, 2), { valid: true, unmet: [] });
  const more = reactTree([reactEntry("Q-1", "stable")], { config: { reactivate: { min_runs_by_severity: { critical: 2 } } } });
  assert.equal((await reactivate(more, ["Q-1", "--runs", "4"])).code, 0);
  assert.equal(entryOf(more, "Q-1").reactivation_evidence.length, 4);
});

test("reactivate: an unknown key in the reactivate config section is exit 2 and nothing runs", async () => {
  const root = reactTree([reactEntry("Q-1", "stable")], { config: { reactivate: { min_runs: 3, normalise: {} } } });
  const bytes = manifestText(root);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^ERROR: invalid config flakewarden\.json: reactivate: .*normalise/);
  assert.equal(manifestText(root), bytes);
  assert.equal(fs.existsSync(path.join(root, ARTIFACTS)), false);
});

test("reactivate: payload_match picks the payload line among several JSON lines", async () => {
  const matching = reactTree([reactEntry("Q-1", "select")], { config: { reactivate: { normalize: { payload_match: { kind: "replay" } } } } });
  const ok = await reactivate(matching, ["Q-1"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(entryOf(matching, "Q-1").reactivation_evidence[0].certificate, { steps: "12", trace_fingerprint: "782198577955665544" });

  // Without it the last JSON line (a progress line that names the run) is taken, and differs per run.
  const plain = reactTree([reactEntry("Q-1", "select")]);
  const r = await reactivate(plain, ["Q-1"]);
  assert.equal(r.code, 1);
  assert.deepEqual(unmetOnStderr(r.stderr), ["identical_fingerprints"]);
});

test("reactivate: configured certificate_fields and replace rules are applied", async () => {
  const root = reactTree([reactEntry("Q-1", "drift3")], {
    config: { reactivate: { normalize: { certificate_fields: ["steps"], replace: [{ pattern: "^78219857795566554[45]$", with: "<TRACE>" }] } } },
  });
  // The drifting u64 is a number, not a string, so the replace rule does not hide it.
  assert.equal((await reactivate(root, ["Q-1"])).code, 1);
  assert.deepEqual(entryOf(root, "Q-1").reactivation_evidence[2].certificate, { steps: "12" });
});

test("reactivate: a plain-text result is compared with timestamps, durations and run dirs normalised", async () => {
  const root = reactTree([reactEntry("Q-1", "text")]);
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(reportOf(root, "Q-1").runs[0].result.kind, "text");
});

test("reactivate: a resolved entry can be reactivated, and a directory trace_pointer is hashed from its file listing", async () => {
  const root = reactTree([reactEntry("Q-1", "stable", { status: "resolved", trace_pointer: "file://traces/dir#frame-3" })], {
    traces: { "traces/dir/a.bin": "A", "traces/dir/sub/b.bin": "B" },
  });
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  const { createHash } = await import("node:crypto");
  const h = (s: string): string => createHash("sha256").update(s).digest("hex");
  const listing = `${h("A")}  a.bin\n${h("B")}  sub/b.bin\n`;
  assert.equal(entryOf(root, "Q-1").reactivation_evidence[0].trace_pointer_sha256, h(listing));
  assert.equal(reportOf(root, "Q-1").previous_status, "resolved");
});

test("reactivate: an empty trace file or directory is not an attached artifact", async () => {
  const dir = reactTree([reactEntry("Q-1", "stable", { trace_pointer: "hollow" })]);
  fs.mkdirSync(path.join(dir, "hollow", "sub"), { recursive: true });
  const r = await reactivate(dir, ["Q-1"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "forensics_artifacts_attached: trace_pointer is an empty directory: hollow\n");

  const file = reactTree([reactEntry("Q-1", "stable", { trace_pointer: "hollow.json" })], { traces: { "hollow.json": "" } });
  const f = await reactivate(file, ["Q-1"]);
  assert.equal(f.code, 1);
  assert.equal(f.stderr, "forensics_artifacts_attached: trace_pointer is an empty file: hollow.json\n");
});

test("reactivate: notes added by another editor while the replays run are judged under the lock", async () => {
  const root = reactTree([reactEntry("Q-1", "add-fix-ref", { replay_command: `${stubCommand("add-fix-ref")} Q-1`, notes: { root_cause: "race" } })]);
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  const e = entryOf(root, "Q-1");
  assert.equal(e.status, "reactivated");
  assert.deepEqual(e.notes, { root_cause: "race", fix_ref: "PR#99" });
});

test("reactivate: a trace_pointer changed while the replays run adds unmet entry_unchanged", async () => {
  const root = reactTree([reactEntry("Q-1", "move-trace", { replay_command: `${stubCommand("move-trace")} Q-1` })]);
  const r = await reactivate(root, ["Q-1"]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "entry_unchanged: entry changed while the replays ran: trace_pointer changed\n");
  const e = entryOf(root, "Q-1");
  assert.equal(e.status, "open");
  assert.equal(e.trace_pointer, "traces/elsewhere.json");
  assert.equal(e.reactivation_evidence.length, 3);
});

test("reactivate: an entry removed while the replays run is exit 2; the manifest is not written, run dirs and report kept", async () => {
  const root = reactTree([reactEntry("Q-1", "drop-entry", { replay_command: `${stubCommand("drop-entry")} Q-1` })]);
  const r = await reactivate(root, ["Q-1"]);
  assertNoCrash(r);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, `ERROR: ${PATHS.manifest}: entry Q-1 disappeared while the replays ran\n`);
  assert.deepEqual(readJsonFile(root, PATHS.manifest).entries, []);
  const report = reportOf(root, "Q-1");
  assert.equal(report.new_status, null);
  assert.equal(report.error, `${PATHS.manifest}: entry Q-1 disappeared while the replays ran`);
  assert.equal(report.runs.length, 3);
  assert.equal(fs.existsSync(path.join(root, `${PATHS.manifest}.lock`)), false);
});

test("reactivate: a held manifest lock is exit 2 after the runs; manifest untouched, run dirs and report kept", async () => {
  const root = reactTree([reactEntry("Q-1", "stable")]);
  const lock = `${PATHS.manifest}.lock`;
  write(root, lock, `${JSON.stringify({ acquired_at_utc: "2026-03-06T09:59:00Z", host: os.hostname(), pid: process.pid })}\n`);
  const bytes = manifestText(root);
  const r = await runCli(root, ["reactivate", "Q-1", "--lock-timeout", "0", "--now", REACT_NOW]);
  assertNoCrash(r);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, `ERROR: manifest is locked: ${lock} (pid ${process.pid} on ${os.hostname()} since 2026-03-06T09:59:00Z)\n`);
  assert.equal(manifestText(root), bytes);
  assert.ok(fs.existsSync(path.join(root, lock)), "someone else's lock is left alone");
  const report = reportOf(root, "Q-1");
  assert.equal(report.new_status, null);
  assert.equal(report.verdict, "not_met");
  assert.match(report.error, /^manifest is locked: /);
  assert.ok(fs.existsSync(path.join(root, ARTIFACTS, "Q-1", ATTEMPT, "run_3", "output.log")));
});

test("reactivate: from another cwd with --config, replays run in the project root and paths stay root-relative", async () => {
  const root = reactTree([reactEntry("Q-1", "env")], { config: { quarantine: { manifest_path: PATHS.manifest } } });
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "fw-react-cwd-"));
  const r = await runCli(elsewhere, ["reactivate", "Q-1", "--config", path.join(root, "flakewarden.json"), "--now", REACT_NOW]);
  assert.equal(r.code, 0, r.stderr);
  const e = entryOf(root, "Q-1");
  assert.equal(e.reactivation_evidence[0].artifact_dir, `${ARTIFACTS}/Q-1/${ATTEMPT}/run_1`);
  assert.match(read(root, `${ARTIFACTS}/Q-1/${ATTEMPT}/run_1/output.log`), new RegExp(`seen cwd=${fs.realpathSync(root)} `));
  assert.equal(fs.readdirSync(elsewhere).length, 0, "nothing written in the caller's cwd");
  assert.equal(manifestText(root).includes(root), false, "no absolute machine path in the manifest");
});

test("reactivate: without --now, ts is each run's start from the clock and reactivated_at_utc is not earlier", async () => {
  const root = reactTree([reactEntry("Q-1", "stable")]);
  const r = await runCli(root, ["reactivate", "Q-1"]);
  assert.equal(r.code, 0, r.stderr);
  const e = entryOf(root, "Q-1");
  const stamp = new Date(Date.parse(NOW)).toISOString();
  assert.deepEqual(
    e.reactivation_evidence.map((rec: any) => rec.ts),
    [stamp, stamp, stamp],
  );
  assert.equal(e.reactivated_at_utc, stamp);
  assert.equal(e.reactivation_evidence[0].attempt_id, "ra-20260310T120000Z");
  assert.deepEqual(validateReactivationEvidence(e, 3).valid, true);
});

test("reactivate: --runs, --timeout-s and --lock-timeout values are checked before anything runs", async () => {
  for (const [args, message] of [
    [["--runs", "0"], "ERROR: --runs must be an integer >= 1 (got '0')"],
    [["--runs", "2.5"], "ERROR: --runs must be an integer >= 1 (got '2.5')"],
    [["--timeout-s", "0"], "ERROR: --timeout-s must be a number > 0 (got '0')"],
    [["--lock-timeout", "-1"], "ERROR: --lock-timeout must be a non-negative number (got '-1')"],
    [["--now", "2026-03-06T10:00:00"], undefined],
    [[], "ERROR: missing <entry-id> (usage: flakewarden reactivate <entry-id> [options])"],
  ] as [string[], string | undefined][]) {
    const root = reactTree([reactEntry("Q-1", "stable")]);
    const bytes = manifestText(root);
    const withId = args.length === 0 ? [] : ["Q-1", ...args];
    const r = await runCli(root, ["reactivate", ...withId, ...(args.includes("--now") ? [] : ["--now", REACT_NOW])]);
    assertNoCrash(r);
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.stdout, "");
    if (message !== undefined) assert.equal(r.stderr, `${message}\n`);
    else assert.match(r.stderr, /^ERROR: invalid --now value/);
    assert.equal(manifestText(root), bytes);
    assert.equal(fs.existsSync(path.join(root, ARTIFACTS)), false);
  }
});

test("reactivate: the report is valid JSON beside the runs, and the evidence matches it", async () => {
  const root = reactTree([reactEntry("Q-1", "stable")]);
  await reactivate(root, ["Q-1"]);
  const report = readJsonFile(root, `${ARTIFACTS}/Q-1/${ATTEMPT}/reactivation_report.json`);
  const evidence = entryOf(root, "Q-1").reactivation_evidence;
  assert.deepEqual(
    report.runs.map((r: any) => [r.run_id, r.status, r.exit_code, r.fingerprint, r.artifact_dir]),
    evidence.map((r: any) => [r.run_id, r.status, r.exit_code, r.fingerprint, r.artifact_dir]),
  );
  assert.equal(report.runs[0].output_log, `${ARTIFACTS}/Q-1/${ATTEMPT}/run_1/output.log`);
});

test("reactivate: a bad envelope, an inexact number or an invalid other entry is exit 2 with the manifest byte-identical", async () => {
  const cases: [string, (root: string) => void, RegExp][] = [
    ["schema_version", (root) => write(root, PATHS.manifest, { schema_version: "v0", entries: [reactEntry("Q-1", "stable")] }), /^ERROR: .*schema mismatch: expected wasm-flake-quarantine-v1, got v0$/m],
    [
      "inexact number",
      (root) => write(root, PATHS.manifest, manifestText(root).replace('"sla_hours": 72', '"sla_hours": 72, "big": 9007199254740993')),
      /^ERROR: artifacts\/wasm_flake_quarantine_manifest\.json: number at .* cannot be preserved exactly; store it as a string$/m,
    ],
    [
      "invalid other entry",
      (root) => write(root, PATHS.manifest, { schema_version: "wasm-flake-quarantine-v1", entries: [reactEntry("Q-1", "stable"), { ...reactEntry("Q-2", "stable"), opened_at_utc: "2026-03-05T04:00:00" }] }),
      /^ERROR: .*entries\[1\]\.opened_at_utc/,
    ],
  ];
  for (const [name, edit, error] of cases) {
    const root = reactTree([reactEntry("Q-1", "stable")]);
    edit(root);
    const bytes = manifestText(root);
    const r = await reactivate(root, ["Q-1"]);
    assertNoCrash(r);
    assert.equal(r.code, 2, name);
    assert.equal(r.stdout, "", name);
    assert.match(r.stderr, error, name);
    assert.equal(manifestText(root), bytes, name);
    assert.equal(fs.existsSync(path.join(root, ARTIFACTS)), false, name);
  }
});
