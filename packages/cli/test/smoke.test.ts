import assert from "node:assert/strict";
import test from "node:test";
import { gate, makeTree, PATHS, read, runCli, tempDir } from "./support/cli.ts";

test("gate on tree T passes with six checks", async () => {
  const root = makeTree();
  const r = await gate(root);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^WASM flake governance gate: PASS\n  Checks: 6 pass, 0 fail\n/);
  assert.equal(read(root, PATHS.events).trim().split("\n").length, 6);
});

test("an unknown command is named by its words only, never by a flag that follows it", async () => {
  const root = tempDir();
  const plain = await runCli(root, ["frobnicate", "--in", "x"]);
  assert.equal(plain.code, 2);
  assert.equal(plain.stdout, "");
  assert.match(plain.stderr, /^ERROR: unknown command: frobnicate \(run flakewarden --help\)\n$/);
  const grouped = await runCli(root, ["quarantine", "frobnicate", "--manifest", "m.json"]);
  assert.equal(grouped.code, 2);
  assert.match(grouped.stderr, /^ERROR: unknown command: quarantine frobnicate \(run flakewarden --help\) \(try: quarantine list/);
  const groupFlag = await runCli(root, ["quarantine", "--manifest", "m.json"]);
  assert.match(groupFlag.stderr, /^ERROR: unknown command: quarantine \(run flakewarden --help\) \(try: /);
});
