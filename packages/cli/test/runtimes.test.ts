// The same gate under the bundled bin, tsx (in-process) and Deno must write the same bytes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { DENO, makeTree, NOW, PATHS, read, REPO_ROOT, runBin, runCli } from "./support/cli.ts";
import { runCliWithThrowingStdout } from "./support/internal-error.ts";


function failingTree(): string {
  return makeTree({
    [PATHS.dashboard]: read(makeTree(), PATHS.dashboard).replace('"unstable": false', '"unstable": true'),
  });
}

test("deno run -A packages/cli/src/main.ts gate writes the same report and events bytes as Node", async () => {
  assert.ok(fs.existsSync(DENO), "the deno devDependency provides node_modules/.bin/deno");
  for (const root of [makeTree(), failingTree()]) {
    const node = await runCli(root, ["gate", "--now", NOW]);
    const nodeReport = read(root, PATHS.report);
    const nodeEvents = read(root, PATHS.events);
    fs.rmSync(path.join(root, "artifacts", "wasm_flake_governance_report.json"));
    const deno = spawnSync(DENO, ["run", "-A", path.join(REPO_ROOT, "packages/cli/src/main.ts"), "gate", "--now", NOW], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", FLAKEWARDEN_NOW: "" },
    });
    assert.equal(deno.status, node.code, deno.stderr);
    assert.equal(deno.stdout, node.stdout);
    assert.equal(read(root, PATHS.report), nodeReport);
    assert.equal(read(root, PATHS.events), nodeEvents);
  }
});

test("deno reports a user mistake as exit 2 with one ERROR line and no stack", () => {
  const root = makeTree({ [PATHS.policy]: '{"a":' });
  const deno = spawnSync(DENO, ["run", "-A", path.join(REPO_ROOT, "packages/cli/src/main.ts"), "gate", "--now", NOW], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.equal(deno.status, 2);
  assert.equal(deno.stdout, "");
  assert.equal(deno.stderr, "ERROR: invalid JSON in .github/wasm_flake_governance_policy.json: line 1 column 6: unexpected end of input\n");
});

test("the bundled bin gives the same bytes as the in-process CLI", async () => {
  const root = failingTree();
  const inProcess = await runCli(root, ["gate", "--now", NOW, "--format", "json"]);
  const bin = runBin(root, ["gate", "--now", NOW, "--format", "json"]);
  assert.equal(bin.code, 1);
  assert.equal(inProcess.code, 1);
  assert.equal(bin.stdout, inProcess.stdout);
  assert.equal(bin.stdout, read(root, PATHS.report));
});

test("npx flakewarden --help works from the repository root (workspace bin link)", () => {
  const r = spawnSync("npx", ["--no-install", "flakewarden", "--help"], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^flakewarden \d+\.\d+\.\d+: /);
  assert.match(r.stdout, /\n  gate +Evaluate the release gate/);
  assert.match(r.stdout, /\n  playbook check +/);
});

test("an internal error exits 3 with the stack and 'this is a bug', and removes outputs", async () => {
  const root = makeTree();
  const { code, stderr } = await runCliWithThrowingStdout(root, ["gate", "--now", NOW]);
  assert.equal(code, 3);
  assert.match(stderr, /Error: boom\n\s+at /);
  assert.match(stderr, /this is a bug/);
  assert.equal(fs.existsSync(path.join(root, PATHS.report)), false);
  assert.equal(fs.existsSync(path.join(root, PATHS.events)), false);
});
