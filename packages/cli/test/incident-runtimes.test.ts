// incident under the bundled bin and under Deno: the same exit, stdout and output bytes as in-process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import process from "node:process";
import { test } from "node:test";
import { DENO, read, REPO_ROOT, runBin } from "./support/cli.ts";
import { incident, NOW, OUT, SIX, tree } from "./support/incident.ts";

const ARGS = ["incident", "--tag", "v1.4.0", "--now", NOW];

test("incident: the bundled bin writes the same six outputs as the in-process CLI", async () => {
  const inProcess = tree();
  const expected = await incident(inProcess);
  const root = tree();
  const bin = runBin(root, ARGS);
  assert.equal(bin.code, expected.code, bin.stderr);
  assert.equal(bin.stdout, expected.stdout);
  for (const name of SIX) assert.equal(read(root, `${OUT}/${name}`), read(inProcess, `${OUT}/${name}`), name);
});

test("incident: deno run -A packages/cli/src/main.ts writes the same six outputs", async () => {
  const inProcess = tree();
  const expected = await incident(inProcess);
  const root = tree();
  const deno = spawnSync(DENO, ["run", "-A", path.join(REPO_ROOT, "packages/cli/src/main.ts"), ...ARGS], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "" },
  });
  assert.equal(deno.status, expected.code, deno.stderr);
  assert.equal(deno.stdout, expected.stdout);
  for (const name of SIX) assert.equal(read(root, `${OUT}/${name}`), read(inProcess, `${OUT}/${name}`), name);
});
