// The bundled example behind `npm start` must stay a passing, self-consistent project.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { REPO_ROOT, runBin, tempDir } from "./support/cli.ts";

function exampleCopy(): string {
  const dir = tempDir("fw-example-");
  fs.cpSync(path.join(REPO_ROOT, "examples", "quickstart"), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}artifacts`) && !src.includes(`${path.sep}target`),
  });
  return dir;
}

test("the quickstart example detects stable suites, then passes the gate and the playbook check with the bundled bin", () => {
  const dir = exampleCopy();
  const detect = runBin(dir, ["detect", "--now", "2026-11-28T00:00:00Z", "--duration-threshold", "100000"]);
  assert.equal(detect.code, 0, detect.stdout + detect.stderr);
  assert.match(detect.stdout, /\nverdict: PASS\n$/);
  const dashboard = JSON.parse(fs.readFileSync(path.join(dir, "target/semantic-verification/flake/latest/variance_dashboard.json"), "utf8"));
  assert.deepEqual(dashboard.suites.map((s: { suite: string }) => s.suite), ["checkout_flow", "payment_replay", "search_index"]);
  assert.deepEqual(dashboard.suites.map((s: { result_format: string | null }) => s.result_format), [null, "tap", "junit"]);
  const policy = JSON.parse(fs.readFileSync(path.join(dir, ".github/wasm_flake_governance_policy.json"), "utf8"));
  for (const required of policy.detection.required_suites) assert.ok(dashboard.suites.some((s: { suite: string }) => s.suite === required), required);
  const gate = runBin(dir, ["gate", "--now", "2026-11-28T00:00:00Z"]);
  assert.equal(gate.code, 0, gate.stdout + gate.stderr);
  assert.match(gate.stdout, /^WASM flake governance gate: PASS\n  Checks: 6 pass, 0 fail\n/);
  const playbook = runBin(dir, ["playbook", "check", "--now", "2026-11-28T00:00:00Z"]);
  assert.equal(playbook.code, 0, playbook.stdout + playbook.stderr);
  assert.match(playbook.stdout, /Clauses: 5 pass, 0 fail/);
  const report = JSON.parse(fs.readFileSync(path.join(dir, "artifacts", "wasm_flake_governance_report.json"), "utf8"));
  assert.equal(report.inputs.quarantine_manifest, "quarantine/manifest.json");
});

test("npm start's script runs the example and prints where the report is", async () => {
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "start.mjs")], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Detect verdict: PASS/);
  assert.match(r.stdout, /Gate verdict: PASS/);
  assert.match(r.stdout, /Gate report: .*examples\/quickstart\/artifacts\/wasm_flake_governance_report\.json/);
  // The quarantine with its SLA clocks (demo clock pinned), a reactivation on a scratch copy, the burndown.
  assert.match(r.stdout, /\nQ-CHECKOUT-FLOW-20261125 +checkout_flow +low +open +payments-team +75\.0 +336 +in 261\.0h\n/);
  assert.match(r.stdout, /\nreactivated Q-SEARCH-INDEX-20261101\n/);
  assert.match(r.stdout, /\nRelease gate: clear\n/);
  assert.match(r.stdout, /Reactivation attempt: reactivated/);
  // The committed manifest is never edited by the demo.
  const committed = spawnSync("git", ["diff", "--quiet", "--", "examples/quickstart/quarantine/manifest.json"], { cwd: REPO_ROOT });
  assert.equal(committed.status, 0, "npm start changed the committed example manifest");
});
