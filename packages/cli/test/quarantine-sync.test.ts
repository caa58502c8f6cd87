// `quarantine sync` (gate.md §2.3, §4.10): gate acceptance 33.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, entry, gate, hoursAgo, makeTree, manifest, PATHS, readJsonFile, result, write } from "./support/cli.ts";
import { assertRefused, manifestBytes, quarantine } from "./support/quarantine.ts";

const DASH = PATHS.dashboard;
const OWNERS = { "flakewarden.json": { quarantine: { owners: { "cross_*": "replay-team" } } } };
const CROSS = {
  suite: "cross_seed_replay",
  unstable: true,
  outcomes: { fail: 0 },
  replay_command: "npm test -- cross",
  artifacts: { logs: ["l.log"] },
};
const WITNESS_STABLE = { suite: "witness_seed_equivalence", unstable: false, outcomes: { fail: 0 } };
const WITNESS_UNSTABLE = { suite: "witness_seed_equivalence", unstable: true, outcomes: { fail: 1 }, command: "npm test -- witness" };

function dashboard(suites: unknown[], extra: object = {}): object {
  return { schema_version: "sem-variance-dashboard-v1", run_id: "run-1", suites, ...extra };
}

const OPENED_LINE = "opened Q-CROSS-SEED-REPLAY-20260310 for suite cross_seed_replay (severity medium, sla 168h, owner replay-team)";

test("gate acceptance 33: sync opens one entry with the log joined onto the dashboard's directory, exit 0", async () => {
  const root = makeTree({ ...OWNERS, [DASH]: dashboard([WITNESS_STABLE, CROSS]) });
  const r = await quarantine(root, ["sync"]);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, `${OPENED_LINE}\nsync: 1 opened, 0 already quarantined, 0 failed\n`);
  const entries = readJsonFile(root, PATHS.manifest).entries;
  assert.equal(entries.length, 1);
  assert.deepEqual(entries[0], {
    id: "Q-CROSS-SEED-REPLAY-20260310",
    suite: "cross_seed_replay",
    severity: "medium",
    status: "open",
    owner: "replay-team",
    opened_at_utc: "2026-03-10T12:00:00Z",
    sla_hours: 168,
    replay_command: "npm test -- cross",
    trace_pointer: "target/semantic-verification/flake/latest/l.log",
    reactivation_criteria:
      "three consecutive deterministic reruns pass with identical replay fingerprints; no unstable status transitions across reruns; forensics artifacts attached and replayable; root cause and fix reference recorded",
    notes: { comment: "opened by flakewarden quarantine sync from target/semantic-verification/flake/latest/variance_dashboard.json (run_id run-1)" },
  });
  assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")), ["wasm_flake_quarantine_manifest.json"]);
});

test("gate acceptance 33: a second sync opens nothing, exits 0 and leaves the file untouched", async () => {
  const root = makeTree({ ...OWNERS, [DASH]: dashboard([WITNESS_STABLE, CROSS]) });
  assert.equal((await quarantine(root, ["sync"])).code, 0);
  const abs = path.join(root, PATHS.manifest);
  const before = fs.readFileSync(abs);
  const inode = fs.statSync(abs).ino;
  const r = await quarantine(root, ["sync"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "already quarantined: cross_seed_replay (Q-CROSS-SEED-REPLAY-20260310)\nsync: 0 opened, 1 already quarantined, 0 failed\n");
  assert.deepEqual(fs.readFileSync(abs), before);
  assert.equal(fs.statSync(abs).ino, inode, "not even rewritten with the same bytes");
});

test("gate acceptance 33: afterwards the gate's WG-REPLAY passes", async () => {
  const root = makeTree({ ...OWNERS, [DASH]: dashboard([WITNESS_STABLE, CROSS]) });
  const before = await gate(root);
  assert.equal(result(before.report, "WG-REPLAY").check_id, "WG-REPLAY-001");
  assert.equal((await quarantine(root, ["sync"])).code, 0);
  const after = await gate(root);
  const replay = result(after.report, "WG-REPLAY");
  assert.equal(replay.check_id, "WG-REPLAY-000");
  assert.equal(replay.detail, "replay pointers present for all 1 unstable or failing suites");
});

test("gate acceptance 33: another unstable suite without an owner fails (exit 1) and the first entry is still written", async () => {
  const root = makeTree({ ...OWNERS, [DASH]: dashboard([WITNESS_UNSTABLE, CROSS]) });
  const r = await quarantine(root, ["sync"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      "cannot open entry for suite witness_seed_equivalence: no owner: add an owners rule or a default_owner",
      OPENED_LINE,
      "sync: 1 opened, 0 already quarantined, 1 failed",
      "",
    ].join("\n"),
  );
  const entries = readJsonFile(root, PATHS.manifest).entries;
  assert.deepEqual(
    entries.map((e: any) => e.suite),
    ["cross_seed_replay"],
  );
  // With an owner for it, the next run opens only the missing one.
  write(root, ".github/FLAKEOWNERS", "witness_* @org/witness\n");
  const again = await quarantine(root, ["sync"]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(
    again.stdout,
    [
      "opened Q-WITNESS-SEED-EQUIVALENCE-20260310 for suite witness_seed_equivalence (severity medium, sla 168h, owner @org/witness)",
      "already quarantined: cross_seed_replay (Q-CROSS-SEED-REPLAY-20260310)",
      "sync: 1 opened, 1 already quarantined, 0 failed",
      "",
    ].join("\n"),
  );
  assert.equal(readJsonFile(root, PATHS.manifest).entries[1].replay_command, "npm test -- witness");
});

test("gate acceptance 33: --dry-run writes nothing, creates nothing and takes no lock", async () => {
  const root = makeTree({ ...OWNERS, [DASH]: dashboard([WITNESS_STABLE, CROSS]), [PATHS.manifest]: null });
  // A lock held by a live process (this one) does not stop a dry run, even with --lock-timeout 0.
  const lock = write(root, `${PATHS.manifest}.lock`, JSON.stringify({ acquired_at_utc: "2026-03-10T12:00:00Z", host: os.hostname(), pid: process.pid }));
  const r = await quarantine(root, ["sync", "--dry-run", "--lock-timeout", "0"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    `${OPENED_LINE.replace("opened", "would open")}\nsync (dry run): 1 would be opened, 0 already quarantined, 0 failed\n`,
  );
  assert.equal(manifestBytes(root), null);
  assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")), ["wasm_flake_quarantine_manifest.json.lock"]);
  fs.rmSync(lock);
  // With an existing manifest, the bytes stay as they were.
  write(root, PATHS.manifest, manifest([]));
  const before = manifestBytes(root);
  const json = await quarantine(root, ["sync", "--dry-run", "--format", "json"]);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(Object.keys(JSON.parse(json.stdout)), ["already_quarantined", "failed", "opened"]);
  assert.equal(JSON.parse(json.stdout).opened[0].id, "Q-CROSS-SEED-REPLAY-20260310");
  assert.deepEqual(manifestBytes(root), before);
});

test("gate acceptance 33: --format json groups outcomes into already_quarantined, failed and opened", async () => {
  const root = makeTree({ ...OWNERS, [DASH]: dashboard([WITNESS_UNSTABLE, CROSS]) });
  const r = await quarantine(root, ["sync", "--format", "json"]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.already_quarantined, []);
  assert.deepEqual(out.failed, [{ suite: "witness_seed_equivalence", reason: "no owner: add an owners rule or a default_owner" }]);
  assert.deepEqual(out.opened, readJsonFile(root, PATHS.manifest).entries);
  const second = JSON.parse((await quarantine(root, ["sync", "--format", "json"])).stdout);
  assert.deepEqual(second.already_quarantined, [{ suite: "cross_seed_replay", id: "Q-CROSS-SEED-REPLAY-20260310" }]);
  assert.deepEqual(second.opened, []);
});

test("gate acceptance 33: ingest dashboards keep log paths as given; no log falls back to a pointer into the dashboard", async () => {
  const ingest = makeTree({
    ...OWNERS,
    [DASH]: dashboard([{ ...CROSS, artifacts: { logs: ["results/run1.xml"] } }], { source: "ingest" }),
  });
  assert.equal((await quarantine(ingest, ["sync"])).code, 0);
  assert.equal(readJsonFile(ingest, PATHS.manifest).entries[0].trace_pointer, "results/run1.xml");

  const bare = makeTree({ ...OWNERS, [DASH]: dashboard([WITNESS_STABLE, { ...CROSS, artifacts: {} }]) });
  assert.equal((await quarantine(bare, ["sync"])).code, 0);
  assert.equal(
    readJsonFile(bare, PATHS.manifest).entries[0].trace_pointer,
    "target/semantic-verification/flake/latest/variance_dashboard.json#/suites/1",
  );

  const given = makeTree({ ...OWNERS, [DASH]: dashboard([{ ...CROSS, trace_pointer: "traces/x.zip" }]) });
  assert.equal((await quarantine(given, ["sync"])).code, 0);
  assert.equal(readJsonFile(given, PATHS.manifest).entries[0].trace_pointer, "traces/x.zip");
});

test("gate acceptance 33: --dashboard resolves against the cwd and pointers are written relative to the base dir", async () => {
  const root = makeTree({ ...OWNERS, "out/run/d.json": dashboard([{ ...CROSS, artifacts: { logs: ["cross_seed_replay/run_0.log"] } }], { run_id: null }) });
  const r = await quarantine(root, ["sync", "--dashboard", "out/run/d.json"]);
  assert.equal(r.code, 0, r.stderr);
  const e = readJsonFile(root, PATHS.manifest).entries[0];
  assert.equal(e.trace_pointer, "out/run/cross_seed_replay/run_0.log");
  assert.deepEqual(e.notes, { comment: "opened by flakewarden quarantine sync from out/run/d.json" });
});

test("gate acceptance 33: severity and SLA come from the flags, else the config default severity", async () => {
  const root = makeTree({ "flakewarden.json": { quarantine: { default_owner: "o", default_severity: "high" } }, [DASH]: dashboard([CROSS]) });
  const r = await quarantine(root, ["sync"]);
  assert.equal(r.code, 0, r.stderr);
  const e = readJsonFile(root, PATHS.manifest).entries[0];
  assert.deepEqual([e.severity, e.sla_hours, e.owner], ["high", 72, "o"]);

  const flagged = makeTree({ ...OWNERS, [DASH]: dashboard([CROSS]) });
  assert.equal((await quarantine(flagged, ["sync", "--severity", "critical", "--sla-hours", "12"])).code, 0);
  const f = readJsonFile(flagged, PATHS.manifest).entries[0];
  assert.deepEqual([f.severity, f.sla_hours], ["critical", 12]);
});

test("gate acceptance 33: SLA problems, unusable dashboards and a bad owners file are exit 2 with nothing written", async () => {
  const cases: [Record<string, unknown>, string[], string][] = [
    [{ [DASH]: dashboard([CROSS]) }, ["sync", "--severity", "low"], "the policy has no SLA target for severity low: pass --sla-hours"],
    [{ [DASH]: dashboard([CROSS]) }, ["sync", "--sla-hours", "169"], "sla_hours 169 exceeds the policy target 168h for medium"],
    [{ [DASH]: null }, ["sync"], `dashboard file missing: ${DASH}`],
    [{ [DASH]: '{"suites": [' }, ["sync"], `invalid JSON in ${DASH}: line 1 column 13: unexpected end of input`],
    [{ [DASH]: [] }, ["sync"], `root object required in ${DASH}`],
    [
      { [DASH]: { schema_version: "v0", suites: [] } },
      ["sync"],
      `${DASH}: dashboard schema mismatch: expected sem-variance-dashboard-v1, got v0`,
    ],
    [{ [DASH]: { schema_version: "sem-variance-dashboard-v1", suites: {} } }, ["sync"], `${DASH}: dashboard suites must be a list`],
    [{ [DASH]: { schema_version: "sem-variance-dashboard-v1" } }, ["sync"], `${DASH}: dashboard suites must be a list`],
    [{ [DASH]: dashboard([CROSS]) }, ["sync", "--owners-file", "NOPE"], "file not found: NOPE"],
    [{ [DASH]: dashboard([CROSS]) }, ["sync", "--dashboard", ""], "option --dashboard must not be empty"],
  ];
  for (const [files, args, line] of cases) {
    const root = makeTree({ ...OWNERS, ...files } as Record<string, string | object | null>);
    const before = manifestBytes(root);
    assertRefused(await quarantine(root, args), [line], before, manifestBytes(root));
    assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")), ["wasm_flake_quarantine_manifest.json"]);
  }
});

test("gate acceptance 33: malformed suites warn on stderr and fail; well-formed ones are still opened", async () => {
  const root = makeTree({
    ...OWNERS,
    [DASH]: dashboard([{ suite: "cross_bad", unstable: "yes" }, CROSS, { ...CROSS, suite: "cross_norepl", replay_command: "", command: " " }]),
  });
  const r = await quarantine(root, ["sync"]);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "warning: dashboard suite malformed at suites[0]: unstable must be a boolean\n");
  assert.equal(
    r.stdout,
    [
      "cannot open entry for suite cross_bad: dashboard suite malformed at suites[0]: unstable must be a boolean",
      OPENED_LINE,
      "cannot open entry for suite cross_norepl: dashboard gives no replay_command",
      "sync: 1 opened, 0 already quarantined, 2 failed",
      "",
    ].join("\n"),
  );
  assert.equal(readJsonFile(root, PATHS.manifest).entries.length, 1);
});

test("gate acceptance 33: only an open entry counts as quarantined; a resolved one does not", async () => {
  const root = makeTree({
    ...OWNERS,
    [DASH]: dashboard([CROSS]),
    [PATHS.manifest]: manifest([
      entry("Q-CROSS-SEED-REPLAY-20260310", "medium", "resolved", hoursAgo(9), 168, { resolved_at_utc: hoursAgo(2) }),
    ]),
  });
  const r = await quarantine(root, ["sync"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^opened Q-CROSS-SEED-REPLAY-20260310-2 /);
});
