import assert from "node:assert/strict";
import test from "node:test";
import { gate, makeTree, PATHS, read } from "./support/cli.ts";

test("gate on tree T passes with six checks", async () => {
  const root = makeTree();
  const r = await gate(root);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^WASM flake governance gate: PASS\n  Checks: 6 pass, 0 fail\n/);
  assert.equal(read(root, PATHS.events).trim().split("\n").length, 6);
});
