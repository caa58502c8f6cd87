// acceptance 36 (second half): every golden scenario through the CLI under Deno and under Node gives
// byte-identical sites (reports.md §7 "Deno").
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { assertNoCrash, DENO, NOW, REPO_ROOT, runCli, tempDir } from "./support/cli.ts";

const MAIN = path.join(REPO_ROOT, "packages", "cli", "src", "main.ts");
const SCENARIOS = ["all-pass", "gate-fail-incident", "original-format", "hostile", "dashboard-only", "invalid-inputs"];
const FIXTURES = path.join(REPO_ROOT, "packages", "report", "test", "fixtures");

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const rel of (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).sort()) {
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) out.set(rel.split(path.sep).join("/"), fs.readFileSync(abs));
  }
  return out;
}

function copyScenario(name: string): string {
  const root = tempDir("fw-report-rt-");
  fs.cpSync(path.join(FIXTURES, name), path.join(root, "in"), { recursive: true });
  return root;
}

test("acceptance 36: every scenario under deno run and under Node → byte-identical sites", async () => {
  assert.ok(fs.existsSync(DENO), "the deno devDependency provides node_modules/.bin/deno");
  for (const scenario of SCENARIOS) {
    const nodeRoot = copyScenario(scenario);
    const denoRoot = copyScenario(scenario);
    const args = ["report", "--in", "in", "--out", "out", "--now", NOW];
    const node = await runCli(nodeRoot, args);
    assert.equal(node.code, 0, `${scenario} (node): ${node.stderr}`);
    const deno = spawnSync(DENO, ["run", "-A", MAIN, ...args], { cwd: denoRoot, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "" } });
    assertNoCrash({ code: deno.status ?? -1, stdout: deno.stdout, stderr: deno.stderr });
    assert.equal(deno.status, 0, `${scenario} (deno): ${deno.stderr}`);
    assert.equal(deno.stdout, node.stdout, scenario);
    const a = tree(path.join(nodeRoot, "out"));
    const b = tree(path.join(denoRoot, "out"));
    assert.deepEqual([...b.keys()], [...a.keys()], scenario);
    for (const [rel, bytes] of a) assert.ok(bytes.equals(b.get(rel)!), `${scenario}/${rel} differs between Node and Deno`);
  }
});
