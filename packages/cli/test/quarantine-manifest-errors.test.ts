// Every editing command refuses a manifest it cannot carry forward faithfully (gate.md §4.10):
// a broken envelope, a hand-edit mistake in any entry, or a number JavaScript cannot hold exactly.
// Each refusal: exit 2, one ERROR line per problem naming its JSON path, stdout empty, bytes unchanged.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { entry, hoursAgo, makeTree, manifest, PATHS } from "./support/cli.ts";
import { assertRefused, manifestBytes, quarantine } from "./support/quarantine.ts";

const M = PATHS.manifest;
const UNSTABLE_DASHBOARD = {
  schema_version: "sem-variance-dashboard-v1",
  suites: [{ suite: "cross_seed_replay", unstable: true, outcomes: { fail: 0 }, replay_command: "npm test" }],
};

/** One invocation of each editing command (sync against a dashboard that would open an entry). */
const EDITS: [string, string[]][] = [
  ["open", ["open", "--suite", "other", "--severity", "high", "--owner", "o", "--replay-command", "x", "--trace-pointer", "t"]],
  ["resolve", ["resolve", "Q-X", "--root-cause", "r", "--fix-ref", "f"]],
  ["sync", ["sync", "--owners-file", "OWNERS"]],
  ["sync --dry-run", ["sync", "--owners-file", "OWNERS", "--dry-run"]],
];

function tree(manifestContent: string | object | Uint8Array | null): string {
  return makeTree({ [M]: manifestContent, [PATHS.dashboard]: UNSTABLE_DASHBOARD, OWNERS: "* team\n" });
}

async function assertEveryEditRefuses(manifestContent: string | object, lines: string[]): Promise<void> {
  for (const [name, args] of EDITS) {
    const root = tree(manifestContent);
    const before = manifestBytes(root);
    const r = await quarantine(root, args);
    try {
      assertRefused(r, lines, before, manifestBytes(root));
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
    assert.deepEqual(fs.readdirSync(path.join(root, "artifacts")), ["wasm_flake_quarantine_manifest.json"], `${name}: lock or temp file left`);
  }
}

const X = (extra: object = {}) => entry("Q-X", "medium", "open", hoursAgo(2), 168, extra);

// -------------------------------------------------------------------------------------------
// Gate acceptance 31: numbers outside ±(2^53−1)
// -------------------------------------------------------------------------------------------

function withLiteral(doc: object, placeholder: string, literal: string): string {
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  assert.ok(text.includes(`"${placeholder}"`));
  return text.replace(`"${placeholder}"`, literal);
}

test("gate acceptance 31: 9007199254740993 in an entry's unknown key makes every edit exit 2, bytes unchanged", async () => {
  const text = withLiteral(manifest([X({ build: "BIG" })]), "BIG", "9007199254740993");
  await assertEveryEditRefuses(text, [`${M}: number at entries[0].build cannot be preserved exactly; store it as a string`]);
});

test("gate acceptance 31: 9007199254740993 at the root or deep in a nested value is refused with its path", async () => {
  const atRoot = withLiteral({ schema_version: "wasm-flake-quarantine-v1", counter: "BIG", entries: [X()] }, "BIG", "9007199254740993");
  await assertEveryEditRefuses(atRoot, [`${M}: number at counter cannot be preserved exactly; store it as a string`]);
  const nested = withLiteral(manifest([X(), X({ id: "Q-Y", meta: { "run ids": [1, "BIG"] } })]), "BIG", "-9007199254740993");
  await assertEveryEditRefuses(nested, [`${M}: number at entries[1].meta["run ids"][1] cannot be preserved exactly; store it as a string`]);
});

test("gate acceptance 31: sla_hours 9007199254740993 is refused as an inexact number, not as a wrong type", async () => {
  const text = withLiteral(manifest([X({ sla_hours: "BIG" })]), "BIG", "9007199254740993");
  await assertEveryEditRefuses(text, [`${M}: number at entries[0].sla_hours cannot be preserved exactly; store it as a string`]);
});

test("gate acceptance 31: overflowing and over-precise literals are refused too; 2^53−1 and 72.0 are fine", async () => {
  await assertEveryEditRefuses(withLiteral(manifest([X({ f: "N" })]), "N", "1e400"), [
    `${M}: number at entries[0].f cannot be preserved exactly; store it as a string`,
  ]);
  await assertEveryEditRefuses(withLiteral(manifest([X({ f: "N" })]), "N", "0.1000000000000000000001"), [
    `${M}: number at entries[0].f cannot be preserved exactly; store it as a string`,
  ]);
  const fine = withLiteral(manifest([X({ f: "N", sla_hours: 168 })]), "N", "9007199254740991").replace('"sla_hours": 168', '"sla_hours": 168.0');
  const root = tree(fine);
  const r = await quarantine(root, ["resolve", "Q-X", "--root-cause", "r", "--fix-ref", "f"]);
  assert.equal(r.code, 0, r.stderr);
  const written = fs.readFileSync(path.join(root, M), "utf8");
  assert.match(written, /"f": 9007199254740991,/);
  assert.match(written, /"sla_hours": 168,/);
});

test("gate acceptance 31: a long digit string inside a string value is not a number", async () => {
  const root = tree(manifest([X({ hash: "sha256:9007199254740993000000", big: "9007199254740993" })]));
  const r = await quarantine(root, ["resolve", "Q-X", "--root-cause", "r", "--fix-ref", "f"]);
  assert.equal(r.code, 0, r.stderr);
});

// -------------------------------------------------------------------------------------------
// Hand-edit mistakes: one clear line per problem, with its JSON path
// -------------------------------------------------------------------------------------------

const HAND_EDITS: [string, unknown[], string[]][] = [
  [
    "duplicate ids",
    [X(), entry("Q-X", "low", "resolved", hoursAgo(9), 100)],
    ["entries[1].id: duplicate quarantine entry id Q-X (entries[0] and entries[1])"],
  ],
  [
    "naive opened_at_utc",
    [X({ opened_at_utc: "2026-03-01T00:00:00" })],
    ["entries[0].opened_at_utc: open quarantine entry has invalid opened_at_utc: 2026-03-01T00:00:00 (expected ISO-8601 with an offset)"],
  ],
  [
    "naive resolved_at_utc",
    [entry("Q-R", "medium", "resolved", hoursAgo(9), 168, { resolved_at_utc: "2026-03-10 01:00:00Z" })],
    ["entries[0].resolved_at_utc: Q-R: resolved_at_utc must be an ISO-8601 timestamp with an offset"],
  ],
  ["sla_hours as a string", [X({ sla_hours: "72" })], ["entries[0].sla_hours: open quarantine entry requires positive integer sla_hours"]],
  ["sla_hours true", [X({ sla_hours: true })], ["entries[0].sla_hours: open quarantine entry requires positive integer sla_hours"]],
  ["opened_at_utc a number", [X({ opened_at_utc: 12 })], ["entries[0].opened_at_utc: open quarantine entry requires string opened_at_utc"]],
  ["notes a number", [X({ notes: 5 })], ["entries[0].notes: Q-X: notes must be an object with string members or a string"]],
  ["evidence not a list", [X({ reactivation_evidence: {} })], ["entries[0].reactivation_evidence: Q-X: reactivation_evidence must be an array"]],
  ["unknown severity", [X({ severity: "urgent" })], ["entries[0].severity: invalid quarantine severity: urgent"]],
  ["unknown status", [X({ status: "closed" })], ["entries[0].status: invalid quarantine status: closed"]],
  ["blank trace pointer", [X({ trace_pointer: "  " })], ["entries[0].trace_pointer: Q-X: trace_pointer must be a non-empty string"]],
  ["owner missing", [X({ owner: null })], ["entries[0].owner: quarantine entry missing fields: owner"]],
  ["not an object", [X(), "Q-2"], ["entries[1]: quarantine entries must be objects"]],
  [
    "opened in the future",
    [X({ opened_at_utc: "2026-03-10T13:00:00Z" })],
    ["entries[0].opened_at_utc: Q-X opened_at_utc is in the future (2026-03-10T13:00:00Z)"],
  ],
  [
    "resolved before opened",
    [entry("Q-R", "medium", "resolved", hoursAgo(5), 168, { resolved_at_utc: hoursAgo(6) })],
    ["entries[0].resolved_at_utc: Q-R resolved_at_utc is before opened_at_utc"],
  ],
  [
    "several problems in several entries",
    [X({ severity: "urgent", sla_hours: 0 }), { id: "Q-2", suite: "s" }, X()],
    [
      "entries[0].severity: invalid quarantine severity: urgent",
      "entries[0].sla_hours: open quarantine entry requires positive integer sla_hours",
      "entries[1]: quarantine entry missing fields: severity, status, owner, opened_at_utc, sla_hours, replay_command, trace_pointer, reactivation_criteria",
      "entries[2].id: duplicate quarantine entry id Q-X (entries[0] and entries[2])",
    ],
  ],
];

for (const [name, entries, lines] of HAND_EDITS) {
  test(`hand-edit mistake (${name}): every edit exits 2 with one line per problem and its JSON path`, async () => {
    await assertEveryEditRefuses(
      manifest(entries),
      lines.map((l) => `${M}: ${l}`),
    );
  });
}

// -------------------------------------------------------------------------------------------
// Envelope and read failures
// -------------------------------------------------------------------------------------------

const ENVELOPES: [string, string | object, string][] = [
  ["invalid JSON", '{"schema_version":', `invalid JSON in ${M}: line 1 column 19: unexpected end of input`],
  ["a trailing comma", '{"schema_version": 1,}', `invalid JSON in ${M}: line 1 column 22: unexpected character '}', expected a string key`],
  ["a root array", [], `root object required in ${M}`],
  [
    "a schema mismatch",
    { schema_version: "wasm-flake-quarantine-v0", entries: [] },
    `${M}: quarantine schema mismatch: expected wasm-flake-quarantine-v1, got wasm-flake-quarantine-v0`,
  ],
  ["no schema_version", { entries: [] }, `${M}: quarantine schema mismatch: expected wasm-flake-quarantine-v1, got None`],
  ["entries an object", { schema_version: "wasm-flake-quarantine-v1", entries: {} }, `${M}: quarantine entries must be a list`],
];

for (const [name, content, line] of ENVELOPES) {
  test(`bad envelope (${name}): every edit exits 2, nothing written`, async () => {
    await assertEveryEditRefuses(content, [line]);
  });
}

test("unreadable manifest: a directory or non-UTF-8 bytes are exit 2 for every edit", async () => {
  for (const [name, args] of EDITS) {
    const dirRoot = tree(null);
    fs.mkdirSync(path.join(dirRoot, M));
    assertRefused(await quarantine(dirRoot, args), [`cannot read ${M}: is a directory`], null, manifestBytes(dirRoot));
    assert.deepEqual(fs.readdirSync(path.join(dirRoot, M)), [], `${name}: the directory is left alone`);
    const binRoot = tree(new Uint8Array([0xff, 0xfe, 0x7b]));
    const before = manifestBytes(binRoot);
    const r = await quarantine(binRoot, args);
    try {
      assertRefused(r, [`cannot read ${M}: not valid UTF-8`], before, manifestBytes(binRoot));
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
  }
});

test("a missing manifest: resolve is exit 2, with or without its directory; open and sync create it", async () => {
  const root = tree(null);
  assertRefused(await quarantine(root, EDITS[1]![1]), [`quarantine manifest missing: ${M}`], null, manifestBytes(root));
  fs.rmSync(path.join(root, "artifacts"), { recursive: true });
  assertRefused(await quarantine(root, EDITS[1]![1]), [`quarantine manifest missing: ${M}`], null, manifestBytes(root));
  assert.equal(fs.existsSync(path.join(root, "artifacts")), false);
  assert.equal((await quarantine(root, EDITS[2]![1])).code, 0);
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, M), "utf8")).entries.length, 1);
});

test("a BOM and a null entries key are accepted; the write drops the BOM and fills entries in place", async () => {
  const root = tree(`\uFEFF${JSON.stringify({ schema_version: "wasm-flake-quarantine-v1", entries: null, tail: 1 })}`);
  const r = await quarantine(root, EDITS[0]![1]);
  assert.equal(r.code, 0, r.stderr);
  const text = fs.readFileSync(path.join(root, M), "utf8");
  assert.equal(text.startsWith("{"), true);
  assert.deepEqual(Object.keys(JSON.parse(text)), ["schema_version", "entries", "tail"]);
});
