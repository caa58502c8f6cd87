// drill under the bundled bin and under Deno: the same exit code and byte-identical outputs as in-process.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { DENO, REPO_ROOT, runBin, runCli, tempDir, write } from "./support/cli.ts";
import { DRILL_DIR, DRILL_NOW, DRILL_STUB } from "./support/drill.ts";

// Not repro_bundle.json: it hashes the raw payloads, which name each tree's own absolute run dir.
const FILES = ["summary.json", "incident_summary.json", "incident_events.ndjson", "replay_report.json"];

function tree(): string {
  const root = tempDir("fw-drill-rt-");
  write(root, "flakewarden.json", {
    drill: { retry_delay_ms: 0, scenarios: [{ id: "smoke", argv: ["node", DRILL_STUB], expect: { seed: "{seed}" }, probe: { argv: ["node", DRILL_STUB, "--probe"] } }] },
  });
  return root;
}

/** The outputs' text; the trace hash is masked: the hashed payload names the tree's absolute run dir. */
function outputs(root: string): string[] {
  return FILES.map((f) => fs.readFileSync(path.join(root, DRILL_DIR, f), "utf8").replace(/"trace_pointer_sha256": "[0-9a-f]{64}"/g, '"trace_pointer_sha256": "<masked>"'));
}

test("drill: the bundled bin and deno run give the in-process exit code, stdout and output bytes", async () => {
  const inProcess = tree();
  const expected = await runCli(inProcess, ["drill", "--now", DRILL_NOW, "--seed", "0x10"]);
  assert.equal(expected.code, 0, expected.stderr);

  const binRoot = tree();
  const bin = runBin(binRoot, ["drill", "--now", DRILL_NOW, "--seed", "0x10"]);
  assert.equal(bin.code, 0, bin.stderr);
  assert.equal(bin.stdout, expected.stdout);
  assert.deepEqual(outputs(binRoot), outputs(inProcess));

  const denoRoot = tree();
  const deno = spawnSync(DENO, ["run", "-A", path.join(REPO_ROOT, "packages/cli/src/main.ts"), "drill", "--now", DRILL_NOW, "--seed", "0x10"], {
    cwd: denoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "", TEST_SEED: "" },
  });
  assert.equal(deno.status, 0, deno.stderr);
  assert.equal(deno.stdout, expected.stdout);
  assert.deepEqual(outputs(denoRoot), outputs(inProcess));
});
