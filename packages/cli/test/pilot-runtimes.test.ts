// pilot.md §8 item 4: `pilot evaluate` and `pilot cohort` write the same bytes under Deno, the
// bundled bin and the in-process CLI; Deno reports an invalid input as exit 2 without a stack.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { DENO, read, REPO_ROOT, runBin, runCli } from "./support/cli.ts";
import { ALERTS, COHORT_LOG, COHORT_OUT, PILOT_NOW, pilotTree, SUMMARY } from "./support/pilot.ts";

const MAIN = path.join(REPO_ROOT, "packages/cli/src/main.ts");

function deno(cwd: string, args: string[]) {
  return spawnSync(DENO, ["run", "-A", MAIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FLAKEWARDEN_NOW: "", ASUPERSYNC_EVAL_TS: "" },
  });
}

test("acceptance 4: deno run -A … pilot evaluate writes the same summary and alert bytes as Node (pass, fail, policy)", async () => {
  assert.ok(fs.existsSync(DENO), "the deno devDependency provides node_modules/.bin/deno");
  const root = pilotTree({ "policy.yaml": "schema_version: flakewarden-pilot-policy-v1\nframeworks:\n  react:\n    required_signals: [incident_mtta_minutes]\n" });
  for (const [input, extra] of [
    ["telemetry_pass.json", []],
    ["telemetry_fail_injection.json", []],
    ["telemetry_pass.json", ["--policy", "policy.yaml"]],
  ] as const) {
    const args = ["pilot", "evaluate", "--telemetry-input", input, "--now", PILOT_NOW, ...extra];
    const node = await runCli(root, args);
    const bytes = [read(root, SUMMARY), read(root, ALERTS)];
    fs.rmSync(path.join(root, "artifacts"), { recursive: true });
    const d = deno(root, args);
    assert.equal(d.status, node.code, d.stderr);
    assert.equal(d.stdout, node.stdout);
    assert.deepEqual([read(root, SUMMARY), read(root, ALERTS)], bytes, input);
  }
});

test("acceptance 4: deno run … pilot cohort writes the same bytes as Node", async () => {
  const root = pilotTree();
  const args = ["pilot", "cohort", "--input", "cohort_mixed.json", "--now", PILOT_NOW];
  const node = await runCli(root, args);
  const bytes = [read(root, COHORT_OUT), read(root, COHORT_LOG)];
  fs.rmSync(path.join(root, "artifacts"), { recursive: true });
  const d = deno(root, args);
  assert.equal(d.status, 0, d.stderr);
  assert.equal(d.stdout, node.stdout);
  assert.deepEqual([read(root, COHORT_OUT), read(root, COHORT_LOG)], bytes);
});

test("deno: invalid telemetry is exit 2 with the header and path lines, no stack, no outputs", () => {
  const root = pilotTree({ "bad.json": '{"events": [42, {"signal_value": NaN}]}' });
  const d = deno(root, ["pilot", "evaluate", "--telemetry-input", "bad.json", "--now", PILOT_NOW]);
  assert.equal(d.status, 2, d.stderr);
  assert.equal(d.stdout, "");
  assert.equal(
    d.stderr,
    "flakewarden pilot evaluate: bad.json: invalid telemetry input\n" +
      "$.events[1].signal_value: must be a finite number (got NaN)\n" +
      "$.events[0]: must be an object\n" +
      "$.events[1]: missing fields: capability_surface,framework,owner_route,profile_family,remediation_pointer,replay_command,scenario_id,signal_name,signal_source,threshold_kind,threshold_value,trace_pointer\n",
  );
  assert.ok(!fs.existsSync(path.join(root, SUMMARY)));
});

test("the bundled bin gives the same bytes as the in-process CLI for pilot evaluate", async () => {
  const root = pilotTree();
  const args = ["pilot", "evaluate", "--telemetry-input", "telemetry_fail_injection.json", "--now", PILOT_NOW];
  const inProcess = await runCli(root, args);
  const bytes = [read(root, SUMMARY), read(root, ALERTS)];
  const bin = runBin(root, args);
  assert.equal(bin.code, 1, bin.stderr);
  assert.equal(bin.stdout, inProcess.stdout);
  assert.deepEqual([read(root, SUMMARY), read(root, ALERTS)], bytes);
});
