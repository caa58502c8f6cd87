// `quarantine open` (gate.md §2.3, §4.10): gate acceptance 28 and 29, plus the flag rules.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { QuarantineManifest } from "@flakewarden/core";
import { assertNoCrash, entry, gate, hoursAgo, makeTree, manifest, PATHS, readJsonFile, result, runCli } from "./support/cli.ts";
import { assertRefused, manifestBytes, quarantine } from "./support/quarantine.ts";

const OPEN = ["open", "--suite", "cross_seed_replay", "--severity", "medium", "--replay-command", "npm test", "--trace-pointer", "t.json"];
const OPEN_AS_CORE = [...OPEN, "--owner", "runtime-core"];
const CRITERIA =
  "three consecutive deterministic reruns pass with identical replay fingerprints; no unstable status transitions across reruns; forensics artifacts attached and replayable; root cause and fix reference recorded";

function openArgs(severity: string, extra: string[] = []): string[] {
  return ["open", "--suite", "cross_seed_replay", "--severity", severity, "--replay-command", "npm test", "--trace-pointer", "t.json", ...extra];
}

test("gate acceptance 28: open without a manifest creates it with the generated id, the policy SLA and now", async () => {
  const root = makeTree({ [PATHS.manifest]: null });
  const r = await quarantine(root, OPEN_AS_CORE);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "opened Q-CROSS-SEED-REPLAY-20260310 for suite cross_seed_replay (severity medium, sla 168h, owner runtime-core)\n");
  const expected = {
    schema_version: "wasm-flake-quarantine-v1",
    entries: [
      {
        id: "Q-CROSS-SEED-REPLAY-20260310",
        suite: "cross_seed_replay",
        severity: "medium",
        status: "open",
        owner: "runtime-core",
        opened_at_utc: "2026-03-10T12:00:00Z",
        sla_hours: 168,
        replay_command: "npm test",
        trace_pointer: "t.json",
        reactivation_criteria: CRITERIA,
      },
    ],
  };
  // Byte-exact: 2-space JSON, keys in manifest order, trailing newline.
  assert.equal(fs.readFileSync(path.join(root, PATHS.manifest), "utf8"), `${JSON.stringify(expected, null, 2)}\n`);
  const parsed = QuarantineManifest.safeParse(readJsonFile(root, PATHS.manifest));
  assert.equal(parsed.success, true, parsed.success ? "" : JSON.stringify(parsed.error.issues));
  assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")), ["wasm_flake_quarantine_manifest.json"], "no lock or temp file left");
});

test("gate acceptance 28: the gate then reports entries=1", async () => {
  const root = makeTree({ [PATHS.manifest]: null });
  assert.equal((await quarantine(root, OPEN_AS_CORE)).code, 0);
  const g = await gate(root);
  assertNoCrash(g);
  const quar = result(g.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-000");
  assert.equal(quar.detail, "quarantine healthy (entries=1, unresolved_high=0, unresolved_critical=0)");
});

test("gate acceptance 28: opening the suite again is exit 2 naming the open id, manifest unchanged", async () => {
  const root = makeTree({ [PATHS.manifest]: null });
  assert.equal((await quarantine(root, OPEN_AS_CORE)).code, 0);
  const before = manifestBytes(root);
  const r = await quarantine(root, OPEN_AS_CORE);
  assertRefused(
    r,
    [
      "suite cross_seed_replay already has an open quarantine entry: Q-CROSS-SEED-REPLAY-20260310 (pass --allow-duplicate-suite to open another)",
    ],
    before,
    manifestBytes(root),
  );
});

test("gate acceptance 28: --allow-duplicate-suite opens a second entry with the -2 id", async () => {
  const root = makeTree({ [PATHS.manifest]: null });
  assert.equal((await quarantine(root, OPEN_AS_CORE)).code, 0);
  const r = await quarantine(root, [...OPEN_AS_CORE, "--allow-duplicate-suite", "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const written = JSON.parse(r.stdout);
  assert.equal(written.id, "Q-CROSS-SEED-REPLAY-20260310-2");
  const doc = readJsonFile(root, PATHS.manifest);
  assert.deepEqual(
    doc.entries.map((e: any) => e.id),
    ["Q-CROSS-SEED-REPLAY-20260310", "Q-CROSS-SEED-REPLAY-20260310-2"],
  );
  // --format json prints the entry exactly as written into the manifest.
  assert.deepEqual(written, doc.entries[1]);
  assert.equal(r.stdout, `${JSON.stringify(doc.entries[1], null, 2)}\n`);
});

test("gate acceptance 28: a resolved entry of the suite does not block a new open entry, and its id is skipped", async () => {
  const resolved = entry("Q-CROSS-SEED-REPLAY-20260310", "medium", "resolved", hoursAgo(5), 168, { resolved_at_utc: hoursAgo(1) });
  const root = makeTree({ [PATHS.manifest]: manifest([resolved]) });
  const r = await quarantine(root, OPEN_AS_CORE);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^opened Q-CROSS-SEED-REPLAY-20260310-2 for suite/);
});

test("gate acceptance 29: --severity low without --sla-hours is exit 2 (no policy target for low)", async () => {
  const root = makeTree();
  const before = manifestBytes(root);
  const r = await quarantine(root, openArgs("low", ["--owner", "runtime-core"]));
  assertRefused(r, ["the policy has no SLA target for severity low: pass --sla-hours"], before, manifestBytes(root));
});

test("gate acceptance 29: --sla-hours above the policy target is exit 2", async () => {
  const root = makeTree();
  const before = manifestBytes(root);
  const r = await quarantine(root, openArgs("medium", ["--owner", "runtime-core", "--sla-hours", "200"]));
  assertRefused(r, ["sla_hours 200 exceeds the policy target 168h for medium"], before, manifestBytes(root));
});

test("gate acceptance 29: --sla-hours at or below the target, or for a severity without one, is stored", async () => {
  const root = makeTree();
  assert.equal((await quarantine(root, openArgs("medium", ["--owner", "o", "--sla-hours", "168"]))).code, 0);
  assert.equal((await quarantine(root, openArgs("low", ["--owner", "o", "--sla-hours", "500", "--allow-duplicate-suite"]))).code, 0);
  assert.deepEqual(
    readJsonFile(root, PATHS.manifest).entries.map((e: any) => [e.severity, e.sla_hours]),
    [
      ["medium", 168],
      ["low", 500],
    ],
  );
});

test("gate acceptance 29: without --owner a config owners glob names the owner", async () => {
  const root = makeTree({ "flakewarden.yaml": 'quarantine:\n  owners: {"cross_*": replay-team}\n' });
  const r = await quarantine(root, OPEN);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "opened Q-CROSS-SEED-REPLAY-20260310 for suite cross_seed_replay (severity medium, sla 168h, owner replay-team)\n");
  assert.equal(readJsonFile(root, PATHS.manifest).entries[0].owner, "replay-team");
});

test("gate acceptance 29: without --owner the owners file's last matching line names the owner", async () => {
  const root = makeTree({ ".github/FLAKEOWNERS": "# owners\n* @org/all\ncross_* @org/replay\n" });
  const r = await quarantine(root, OPEN);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readJsonFile(root, PATHS.manifest).entries[0].owner, "@org/replay");
});

test("gate acceptance 29: without --owner and without any rule, exit 2 and nothing written", async () => {
  const root = makeTree();
  const before = manifestBytes(root);
  const r = await quarantine(root, OPEN);
  assertRefused(r, ["no owner for suite cross_seed_replay: pass --owner or add an owners rule"], before, manifestBytes(root));
});

test("gate acceptance 29: exact config keys beat globs and the owners file; default_owner is the last resort", async () => {
  const config = {
    quarantine: { owners: { "cross_*": "glob-team", cross_seed_replay: "exact-team" }, default_owner: "fallback" },
  };
  const exact = makeTree({ "flakewarden.json": config, ".github/FLAKEOWNERS": "* @org/all\n" });
  assert.equal((await quarantine(exact, OPEN)).code, 0);
  assert.equal(readJsonFile(exact, PATHS.manifest).entries[0].owner, "exact-team");

  const fallback = makeTree({ "flakewarden.json": { quarantine: { default_owner: "fallback" } }, ".github/FLAKEOWNERS": "cross_*\n" });
  assert.equal((await quarantine(fallback, OPEN)).code, 0);
  assert.equal(readJsonFile(fallback, PATHS.manifest).entries[0].owner, "fallback");
});

test("gate acceptance 29: config owners_file resolves against the config file's directory", async () => {
  const root = makeTree({
    "cfg/flakewarden.json": { quarantine: { owners_file: "OWNERS" } },
    "cfg/OWNERS": "cross_seed_replay team-from-cfg\n",
  });
  const r = await quarantine(root, [...OPEN, "--config", "cfg/flakewarden.json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readJsonFile(root, PATHS.manifest).entries[0].owner, "team-from-cfg");
  const missing = makeTree({ "flakewarden.json": { quarantine: { owners_file: "nope" } } });
  const before = manifestBytes(missing);
  assertRefused(await quarantine(missing, OPEN), ["file not found: nope"], before, manifestBytes(missing));
});

test("gate acceptance 29: an owner from config that is blank is refused with its source", async () => {
  const root = makeTree({ "flakewarden.json": { quarantine: { owners: { "cross_*": " " } } } });
  const before = manifestBytes(root);
  assertRefused(await quarantine(root, OPEN), ['owner " " from config owners glob must not be blank'], before, manifestBytes(root));
});

test("open: --id is used when well formed and unused; otherwise exit 2", async () => {
  const root = makeTree();
  const ok = await quarantine(root, [...OPEN_AS_CORE, "--id", "Q-MINE.1"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(readJsonFile(root, PATHS.manifest).entries[0].id, "Q-MINE.1");
  const before = manifestBytes(root);
  assertRefused(
    await quarantine(root, [...OPEN_AS_CORE, "--id", "Q-MINE.1", "--allow-duplicate-suite"]),
    [`${PATHS.manifest}: entry id Q-MINE.1 already exists`],
    before,
    manifestBytes(root),
  );
  assertRefused(
    await quarantine(root, [...OPEN_AS_CORE, "--id", "Q 1/x", "--allow-duplicate-suite"]),
    ["--id must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$ (got 'Q 1/x')"],
    before,
    manifestBytes(root),
  );
});

test("open: --notes and --reactivation-criteria are stored verbatim, notes last", async () => {
  const root = makeTree();
  const r = await quarantine(root, [...OPEN_AS_CORE, "--notes", "seen on CI #42 ✓", "--reactivation-criteria", "3 clean reruns"]);
  assert.equal(r.code, 0, r.stderr);
  const e = readJsonFile(root, PATHS.manifest).entries[0];
  assert.equal(e.reactivation_criteria, "3 clean reruns");
  assert.deepEqual(e.notes, { comment: "seen on CI #42 ✓" });
  assert.equal(Object.keys(e).at(-1), "notes");
});

test("open: bad flag values are exit 2 with one line naming the flag, nothing written", async () => {
  const cases: [string[], string][] = [
    [["open", "--severity", "medium", "--replay-command", "x", "--trace-pointer", "t"], "missing required option --suite"],
    [["open", "--suite", "s", "--replay-command", "x", "--trace-pointer", "t"], "missing required option --severity"],
    [["open", "--suite", "s", "--severity", "medium", "--trace-pointer", "t"], "missing required option --replay-command"],
    [["open", "--suite", "s", "--severity", "medium", "--replay-command", "x"], "missing required option --trace-pointer"],
    [openArgs("urgent"), "invalid value for --severity: urgent (expected critical or high or medium or low)"],
    [["open", "--suite", "", "--severity", "medium", "--replay-command", "x", "--trace-pointer", "t"], "--suite must not be blank"],
    [["open", "--suite", "  ", "--severity", "medium", "--replay-command", "x", "--trace-pointer", "t"], "--suite must not be blank"],
    [["open", "--suite", "a\tb", "--severity", "medium", "--replay-command", "x", "--trace-pointer", "t"], "--suite must not contain control characters"],
    [["open", "--suite", "s".repeat(201), "--severity", "medium", "--replay-command", "x", "--trace-pointer", "t"], "--suite must be at most 200 characters"],
    [openArgs("medium", ["--owner", "o".repeat(201)]), "--owner must be at most 200 characters"],
    [openArgs("medium", ["--owner", "team\n"]), "--owner must not contain control characters"],
    [["open", "--suite", "s", "--severity", "medium", "--replay-command", " ", "--trace-pointer", "t"], "--replay-command must not be blank"],
    [["open", "--suite", "s", "--severity", "medium", "--replay-command", "x", "--trace-pointer", "a\u0007"], "--trace-pointer must not contain control characters"],
    [openArgs("medium", ["--owner", "o", "--notes", "line1\nline2"]), "--notes must not contain control characters"],
    [openArgs("medium", ["--owner", "o", "--reactivation-criteria", ""]), "--reactivation-criteria must not be blank"],
    [openArgs("medium", ["--owner", "o", "--sla-hours", "0"]), "--sla-hours must be a positive integer (got '0')"],
    [openArgs("medium", ["--owner", "o", "--sla-hours", "1.5"]), "--sla-hours must be a positive integer (got '1.5')"],
    [openArgs("medium", ["--owner", "o", "--lock-timeout", "-1"]), "--lock-timeout must be a non-negative number (got '-1')"],
    [openArgs("medium", ["--owner", "o", "--lock-timeout", "soon"]), "--lock-timeout must be a non-negative number (got 'soon')"],
    [openArgs("medium", ["--owner", "o", "--manifest", ""]), "option --manifest must not be empty"],
    [openArgs("medium", ["--owner", "o", "--bogus"]), "unknown option --bogus"],
  ];
  for (const [args, line] of cases) {
    const root = makeTree();
    const before = manifestBytes(root);
    const r = await quarantine(root, args);
    assertRefused(r, [line], before, manifestBytes(root));
  }
});

test("open: 200-character suite and owner names are accepted (the limit counts code points)", async () => {
  const root = makeTree();
  const suite = "ü".repeat(200);
  const r = await quarantine(root, ["open", "--suite", suite, "--severity", "high", "--replay-command", "x", "--trace-pointer", "t", "--owner", "😀".repeat(200)]);
  assert.equal(r.code, 0, r.stderr);
  const e = readJsonFile(root, PATHS.manifest).entries[0];
  assert.equal(e.suite, suite);
  assert.equal(e.id, "Q-SUITE-20260310");
  assert.equal(e.sla_hours, 72);
});

test("open: root and entry key order, unknown keys and $schema are preserved; the new entry is appended", async () => {
  const existing = { zeta: true, ...entry("Q-OLD", "medium", "resolved", hoursAgo(10), 168), custom: { k: [1, 2.5] } };
  const text = `${JSON.stringify({ $schema: "./schemas/m.json", note: "kept", schema_version: "wasm-flake-quarantine-v1", entries: [existing], tail: 1 }, null, 2)}\n`;
  const root = makeTree({ [PATHS.manifest]: text });
  const r = await quarantine(root, OPEN_AS_CORE);
  assert.equal(r.code, 0, r.stderr);
  const doc = readJsonFile(root, PATHS.manifest);
  assert.deepEqual(Object.keys(doc), ["$schema", "note", "schema_version", "entries", "tail"]);
  assert.deepEqual(doc.entries[0], existing);
  assert.deepEqual(Object.keys(doc.entries[0]), Object.keys(existing));
  assert.equal(doc.entries[1].id, "Q-CROSS-SEED-REPLAY-20260310");
  // The old part of the file is unchanged byte for byte up to where the new entry starts.
  const after = fs.readFileSync(path.join(root, PATHS.manifest), "utf8");
  assert.ok(after.startsWith(text.slice(0, text.indexOf('    }\n  ],') + 5)));
});

test("open: a manifest without entries gets the key appended; --manifest and config manifest_path are honoured", async () => {
  const root = makeTree({ [PATHS.manifest]: { schema_version: "wasm-flake-quarantine-v1", owner_team: "x" } });
  assert.equal((await quarantine(root, OPEN_AS_CORE)).code, 0);
  assert.deepEqual(Object.keys(readJsonFile(root, PATHS.manifest)), ["schema_version", "owner_team", "entries"]);

  const flagged = makeTree();
  assert.equal((await quarantine(flagged, [...OPEN_AS_CORE, "--manifest", "elsewhere/m.json"])).code, 0);
  assert.equal(readJsonFile(flagged, "elsewhere/m.json").entries.length, 1);
  assert.equal(readJsonFile(flagged, PATHS.manifest).entries.length, 0);

  const configured = makeTree({ "cfg/flakewarden.json": { quarantine: { manifest_path: "m.json" } } });
  assert.equal((await quarantine(configured, [...OPEN_AS_CORE, "--config", "cfg/flakewarden.json"])).code, 0);
  assert.equal(readJsonFile(configured, "cfg/m.json").entries.length, 1);
});

test("open: without a policy file the built-in defaults apply, with the note on stderr", async () => {
  const root = makeTree({ [PATHS.policy]: null, [PATHS.manifest]: null });
  const r = await quarantine(root, OPEN_AS_CORE);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "note: no policy at .github/wasm_flake_governance_policy.json; using built-in defaults\n");
  assert.equal(readJsonFile(root, PATHS.manifest).entries[0].sla_hours, 168);
});

test("open: policy required_fields beyond the canonical ten make open refuse rather than write an invalid entry", async () => {
  const policy = readJsonFile(makeTree(), PATHS.policy);
  policy.quarantine.required_fields = [...policy.quarantine.required_fields, "team"];
  const root = makeTree({ [PATHS.policy]: policy });
  const before = manifestBytes(root);
  assertRefused(
    await quarantine(root, OPEN_AS_CORE),
    [
      `${PATHS.manifest}: not written: the edit would leave an entry that fails validation`,
      `${PATHS.manifest}: entries[0].team: quarantine entry missing fields: team`,
    ],
    before,
    manifestBytes(root),
  );
});

test("open: an invalid policy is exit 2 with its WG-POLICY lines", async () => {
  const root = makeTree({ [PATHS.policy]: { schema_version: "v0" } });
  const before = manifestBytes(root);
  const r = await quarantine(root, OPEN_AS_CORE);
  assertNoCrash(r);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^ERROR: \[WG-POLICY-001\] missing required policy keys: /);
  assert.deepEqual(manifestBytes(root), before);
});

test("open: the manifest's directory is created when missing", async () => {
  const root = makeTree();
  const r = await quarantine(root, [...OPEN_AS_CORE, "--manifest", "deep/er/m.json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fs.readdirSync(path.join(root, "deep/er")), ["m.json"]);
});

test("open: an invalid config quarantine section is exit 2, one line per problem", async () => {
  const root = makeTree({ "flakewarden.json": { quarantine: { owner: "x", default_severity: "urgent" } } });
  const before = manifestBytes(root);
  assertRefused(
    await quarantine(root, OPEN_AS_CORE),
    [
      'invalid config flakewarden.json: quarantine.default_severity: Invalid option: expected one of "critical"|"high"|"medium"|"low"',
      'invalid config flakewarden.json: quarantine: Unrecognized key: "owner"',
    ],
    before,
    manifestBytes(root),
  );
});

test("open: --now without an offset is exit 2 naming --now; FLAKEWARDEN_NOW is honoured", async () => {
  const root = makeTree();
  const before = manifestBytes(root);
  const r = await runCli(root, ["quarantine", ...OPEN_AS_CORE, "--now", "2026-03-10T12:00:00"]);
  assertRefused(
    r,
    ['invalid --now value "2026-03-10T12:00:00": expected an ISO-8601 timestamp with an offset, e.g. 2026-03-10T12:00:00Z'],
    before,
    manifestBytes(root),
  );
  const env = await runCli(root, ["quarantine", ...OPEN_AS_CORE], { env: { FLAKEWARDEN_NOW: "2026-04-01T08:30:59.900+02:00" } });
  assert.equal(env.code, 0, env.stderr);
  const e = readJsonFile(root, PATHS.manifest).entries[0];
  assert.deepEqual([e.id, e.opened_at_utc], ["Q-CROSS-SEED-REPLAY-20260401", "2026-04-01T06:30:59Z"]);
});
