// reactivate under the bundled bin and under Deno: the same exit, stdout and manifest bytes as in-process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import test from "node:test";
import { DENO, REPO_ROOT, runBin } from "./support/cli.ts";
import { manifestText, REACT_NOW, reactEntry, reactivate, reactTree } from "./support/reactivate.ts";


test("reactivate: the bundled bin writes the same manifest bytes as the in-process CLI, for both command forms", async () => {
  for (const mode of ["stable", "drift3"]) {
    const inProcess = reactTree([reactEntry("Q-1", mode)]);
    const expected = await reactivate(inProcess, ["Q-1"]);
    for (const words of [["reactivate"], ["quarantine", "reactivate"]]) {
      const root = reactTree([reactEntry("Q-1", mode)]);
      const bin = runBin(root, [...words, "Q-1", "--now", REACT_NOW]);
      assert.equal(bin.code, expected.code, bin.stderr);
      assert.equal(bin.stdout, expected.stdout);
      assert.equal(bin.stderr, expected.stderr);
      assert.equal(manifestText(root), manifestText(inProcess));
    }
  }
});

test("reactivate: deno run -A packages/cli/src/main.ts gives the same result and manifest bytes", async () => {
  const inProcess = reactTree([reactEntry("Q-1", "stable")]);
  const expected = await reactivate(inProcess, ["Q-1"]);
  const root = reactTree([reactEntry("Q-1", "stable")]);
  const deno = spawnSync(DENO, ["run", "-A", path.join(REPO_ROOT, "packages/cli/src/main.ts"), "reactivate", "Q-1", "--now", REACT_NOW], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "" },
  });
  assert.equal(deno.status, expected.code, deno.stderr);
  assert.equal(deno.stdout, expected.stdout);
  assert.equal(manifestText(root), manifestText(inProcess));
});
