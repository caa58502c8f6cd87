// `quarantine resolve` (gate.md §2.3, §4.10): gate acceptance 31.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, entry, gate, hoursAgo, makeTree, manifest, PATHS, readJsonFile, result } from "./support/cli.ts";
import { assertRefused, manifestBytes, quarantine } from "./support/quarantine.ts";

const RESOLVE = ["resolve", "Q-X", "--root-cause", "timer race", "--fix-ref", "PR#12"];

function treeWith(entries: unknown[]): string {
  return makeTree({ [PATHS.manifest]: manifest(entries) });
}

test("gate acceptance 31: resolve sets status, resolved_at_utc and notes, keeping the existing key order", async () => {
  const x = { custom_first: 1, ...entry("Q-X", "high", "open", hoursAgo(30), 72), extra: { keep: [1, 2] } };
  const other = entry("Q-Y", "low", "open", hoursAgo(3), 48);
  const root = treeWith([other, x]);
  const r = await quarantine(root, RESOLVE);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "resolved Q-X\n");
  assert.equal(r.stderr, "");
  const doc = readJsonFile(root, PATHS.manifest);
  assert.deepEqual(doc.entries[0], other, "other entries are untouched");
  const resolved = doc.entries[1];
  assert.deepEqual(Object.keys(resolved), [...Object.keys(x), "resolved_at_utc", "notes"]);
  assert.equal(resolved.status, "resolved");
  assert.equal(resolved.resolved_at_utc, "2026-03-10T12:00:00Z");
  assert.deepEqual(resolved.notes, { root_cause: "timer race", fix_ref: "PR#12" });
  assert.deepEqual({ ...resolved, status: "open", resolved_at_utc: undefined, notes: undefined }, { ...x, resolved_at_utc: undefined, notes: undefined });
  // The whole file is exactly what a 2-space JSON writer gives for the edited document.
  assert.equal(fs.readFileSync(path.join(root, PATHS.manifest), "utf8"), `${JSON.stringify(doc, null, 2)}\n`);
  // The gate now counts no unresolved high flake.
  const g = await gate(root);
  assert.equal(result(g.report, "WG-QUAR").detail, "quarantine healthy (entries=2, unresolved_high=0, unresolved_critical=0)");
});

test("gate acceptance 31: resolving again, or an unknown id, is exit 2 with the manifest unchanged", async () => {
  const root = treeWith([entry("Q-X", "medium", "open", hoursAgo(2), 168)]);
  assert.equal((await quarantine(root, RESOLVE)).code, 0);
  const before = manifestBytes(root);
  assertRefused(await quarantine(root, RESOLVE), ["cannot resolve Q-X: its status is resolved, not open"], before, manifestBytes(root));
  assertRefused(
    await quarantine(root, ["resolve", "Q-NOPE", "--root-cause", "r", "--fix-ref", "f"]),
    [`${PATHS.manifest}: no quarantine entry with id Q-NOPE`],
    before,
    manifestBytes(root),
  );
});

test("gate acceptance 31: a legacy string note becomes the comment; --notes replaces it", async () => {
  const root = treeWith([entry("Q-X", "medium", "open", hoursAgo(2), 168, { notes: "seen twice" }), entry("Q-Z", "medium", "open", hoursAgo(2), 168, { notes: "old" })]);
  assert.equal((await quarantine(root, RESOLVE)).code, 0);
  assert.equal((await quarantine(root, ["resolve", "Q-Z", "--root-cause", "r", "--fix-ref", "f", "--notes", "new words"])).code, 0);
  const [x, z] = readJsonFile(root, PATHS.manifest).entries;
  assert.deepEqual(x.notes, { comment: "seen twice", root_cause: "timer race", fix_ref: "PR#12" });
  assert.deepEqual(Object.keys(x).slice(-2), ["notes", "resolved_at_utc"], "notes keeps its place; resolved_at_utc is appended");
  assert.deepEqual(z.notes, { comment: "new words", root_cause: "r", fix_ref: "f" });
});

test("gate acceptance 31: an object note keeps its other members and order", async () => {
  const root = treeWith([entry("Q-X", "medium", "open", hoursAgo(2), 168, { notes: { fix_ref: "draft", ticket: "T-1" } })]);
  assert.equal((await quarantine(root, RESOLVE)).code, 0);
  const notes = readJsonFile(root, PATHS.manifest).entries[0].notes;
  assert.deepEqual(Object.entries(notes), [
    ["fix_ref", "PR#12"],
    ["ticket", "T-1"],
    ["root_cause", "timer race"],
  ]);
});

test("gate acceptance 31: --format json prints the entry as written", async () => {
  const root = treeWith([entry("Q-X", "medium", "open", hoursAgo(2), 168)]);
  const r = await quarantine(root, [...RESOLVE, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const written = readJsonFile(root, PATHS.manifest).entries[0];
  assert.equal(r.stdout, `${JSON.stringify(written, null, 2)}\n`);
});

test("gate acceptance 31: resolving a reactivated entry, or before it was opened, is exit 2", async () => {
  const root = treeWith([
    entry("Q-X", "medium", "reactivated", hoursAgo(30), 168, { reactivated_at_utc: hoursAgo(1) }),
    entry("Q-F", "medium", "open", "2026-03-10T12:04:00Z", 168),
  ]);
  const before = manifestBytes(root);
  assertRefused(await quarantine(root, RESOLVE), ["cannot resolve Q-X: its status is reactivated, not open"], before, manifestBytes(root));
  assertRefused(
    await quarantine(root, ["resolve", "Q-F", "--root-cause", "r", "--fix-ref", "f"]),
    ["cannot resolve Q-F: now (2026-03-10T12:00:00Z) is before its opened_at_utc (2026-03-10T12:04:00Z)"],
    before,
    manifestBytes(root),
  );
});

test("gate acceptance 31: resolve's flags are checked before anything is read", async () => {
  const root = treeWith([entry("Q-X", "medium", "open", hoursAgo(2), 168)]);
  const before = manifestBytes(root);
  const cases: [string[], string][] = [
    [["resolve", "--root-cause", "r", "--fix-ref", "f"], "missing <id> (usage: flakewarden quarantine resolve <id> --root-cause <text> --fix-ref <text>)"],
    [["resolve", "Q-X", "--fix-ref", "f"], "missing required option --root-cause"],
    [["resolve", "Q-X", "--root-cause", "r"], "missing required option --fix-ref"],
    [["resolve", "Q-X", "--root-cause", " ", "--fix-ref", "f"], "--root-cause must not be blank"],
    [["resolve", "Q-X", "--root-cause", "r", "--fix-ref", "f\r"], "--fix-ref must not contain control characters"],
    [["resolve", "Q-X", "Q-Y", "--root-cause", "r", "--fix-ref", "f"], "unexpected argument Q-Y"],
    [["resolve", "Q-X", "--root-cause", "r", "--fix-ref", "f", "--format", "yaml"], "invalid value for --format: yaml (expected text or json)"],
  ];
  for (const [args, line] of cases) assertRefused(await quarantine(root, args), [line], before, manifestBytes(root));
});
