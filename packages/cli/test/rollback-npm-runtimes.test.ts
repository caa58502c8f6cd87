// `rollback npm` under Deno (`deno run -A packages/cli/src/main.ts`) and the bundled bin: the same
// exit code, stdout, stderr and file bytes as the in-process Node CLI. npm is the fake on PATH,
// so nothing depends on a registry.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { BIN, type CliResult, DENO, REPO_ROOT, runCli, tempDir } from "./support/cli.ts";
import { fakeNpm, fakeNpmEnv } from "./support/fake-npm.ts";
import { ROLLBACK_NOW } from "./support/rollback-run.ts";

const MAIN = path.join(REPO_ROOT, "packages/cli/src/main.ts");
const FILES = ["rollback_plan.json", "rollback_instructions.md", "rollback_actions.txt", "rollback_outcome.json"];

interface Observed extends CliResult {
  files: Record<string, string | null>;
}

/** The files a run left in <cwd>/out (null = not written). */
function filesOf(cwd: string): Record<string, string | null> {
  const out = path.join(cwd, "out");
  return Object.fromEntries(FILES.map((f) => [f, fs.existsSync(path.join(out, f)) ? fs.readFileSync(path.join(out, f), "utf8") : null]));
}

function args(extra: string[]): string[] {
  return ["rollback", "npm", "--now", ROLLBACK_NOW, "--out", "out", "--verify-delay-ms", "0", "--package", "@fwtest/core", "--package", "@fwtest/ui", "--reason", "it's \"bad\" $(id)", ...extra];
}

async function inProcess(extra: string[]): Promise<Observed> {
  const cwd = tempDir("fw-rb-node-");
  const r = await runCli(cwd, args(extra), { env: fakeNpmEnv(fakeNpm()) });
  return { ...r, files: filesOf(cwd) };
}

function child(command: string, prefix: string[], extra: string[]): Observed {
  const cwd = tempDir("fw-rb-child-");
  const r = spawnSync(command, [...prefix, ...args(extra)], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "", FLAKEWARDEN_NPM: "", ...fakeNpmEnv(fakeNpm()) },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, files: filesOf(cwd) };
}

const CASES: [string, string[], number][] = [
  ["a planned dry run with --otp and --registry", ["--to", "1.0.0", "--registry", "http://127.0.0.1:9/", "--otp", "314159", "--deprecate", "1.1.0"], 0],
  ["a blocked dry run", ["--to", "1.0.5"], 1],
  ["an executed rollback", ["--to", "1.0.0", "--deprecate", "1.1.0", "--execute"], 0],
];

for (const [name, extra, code] of CASES) {
  test(`rollback npm under deno run and the bundled bin: ${name} gives the in-process bytes`, { timeout: 120_000 }, async () => {
    assert.ok(fs.existsSync(DENO), "the deno devDependency provides node_modules/.bin/deno");
    const expected = await inProcess(extra);
    assert.equal(expected.code, code, expected.stderr);
    assert.ok(expected.files["rollback_plan.json"] !== null);
    for (const [runtime, observed] of [
      ["deno", child(DENO, ["run", "-A", MAIN], extra)],
      ["bin", child(process.execPath, [BIN], extra)],
    ] as const) {
      assert.equal(observed.code, expected.code, `${runtime}: ${observed.stderr}`);
      assert.equal(observed.stdout, expected.stdout, runtime);
      assert.equal(observed.stderr, expected.stderr, runtime);
      for (const f of FILES) assert.equal(observed.files[f], expected.files[f], `${runtime}: ${f}`);
    }
  });
}
