// The bundled example behind `npm start` (examples/browser-suite) must keep telling its story: one
// seeded flaky suite is found, quarantined and blocks the release; the drill, the incident packet and
// the rollback plan follow; the site is written. These tests run the real bundled bin on real suites.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { REPO_ROOT, runBin, tempDir } from "./support/cli.ts";

const EXAMPLE = path.join(REPO_ROOT, "examples", "browser-suite");
const NOW = "2026-11-28T12:00:00Z";

/** A copy of the example outside the repo; its suites find tsx through a node_modules link. */
function exampleCopy(): string {
  const dir = tempDir("fw-example-");
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => path.relative(EXAMPLE, src).split(path.sep)[0] !== "artifacts" });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

// node:test marks its children with NODE_TEST_CONTEXT; the example's own `node --test` suites would
// then skip their files, so the runs below leave it out.
const CLEAN_ENV = { NODE_TEST_CONTEXT: undefined };
const bin = (dir: string, args: string[]) => runBin(dir, args, CLEAN_ENV);

const json = (dir: string, rel: string): any => JSON.parse(fs.readFileSync(path.join(dir, rel), "utf8"));

test("browser-suite: detect finds exactly the seeded scheduler flake; sync quarantines it; the gate blocks the release", () => {
  const dir = exampleCopy();
  const detect = bin(dir, ["detect", "--now", NOW, "--jobs", "2"]);
  assert.equal(detect.code, 1, detect.stdout + detect.stderr);
  const dashboard = json(dir, "artifacts/flake/latest/variance_dashboard.json");
  assert.deepEqual(
    dashboard.suites.map((s: any) => [s.suite, s.unstable, s.outcomes.status_trace.join(",")]),
    [
      ["dom_diff", false, "pass,pass,pass,pass,pass"],
      ["scheduler", true, "pass,fail,fail,pass,pass"],
      ["render_pipeline", false, "pass,pass,pass,pass,pass"],
    ],
  );
  // The per-test table names the one flaky test, read from node:test's TAP report.
  const scheduler = dashboard.suites.find((s: any) => s.suite === "scheduler");
  assert.equal(scheduler.result_format, "tap");
  const table = fs.readFileSync(path.join(dir, "artifacts/flake/latest", scheduler.test_cases.table), "utf8");
  const unstable = table.trim().split("\n").map((l) => JSON.parse(l)).filter((row) => row.unstable);
  assert.deepEqual(unstable.map((row) => row.id), ["the autosave timer runs before the next animation frame"]);
  assert.equal(dashboard.suites.find((s: any) => s.suite === "render_pipeline").result_format, "junit");

  const sync = bin(dir, ["quarantine", "sync", "--now", NOW]);
  assert.equal(sync.code, 0, sync.stdout + sync.stderr);
  assert.match(sync.stdout, /^opened Q-SCHEDULER-20261128 for suite scheduler \(severity high, sla 72h, owner scheduler-oncall\)$/m);

  const gate = bin(dir, ["gate", "--now", NOW]);
  assert.equal(gate.code, 1, gate.stdout + gate.stderr);
  assert.match(gate.stdout, /FAIL: \[WG-DASH-006\] flake_rate_pct breach \(33\.33 > 5\)/);
  assert.match(gate.stdout, /FAIL: \[WG-QUAR-011\] unresolved high flakes breach \(1 > 0\)/);
  const playbook = bin(dir, ["playbook", "check", "--now", NOW]);
  assert.equal(playbook.code, 0, playbook.stdout + playbook.stderr);
});

test("browser-suite: the drill replays the scheduler deterministically and its probe fails without the fixture", () => {
  const dir = exampleCopy();
  const drill = bin(dir, ["drill", "--now", NOW, "--seed", "0xDEADBEEF"]);
  assert.equal(drill.code, 0, drill.stdout + drill.stderr);
  assert.match(drill.stdout, /^Drill passed: 5\/5 checks passed, 0 failed, 0 skipped$/m);
});

test("npm start runs the whole loop on the example, leaves the committed files alone and prints where the site is", () => {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "start.mjs")], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...CLEAN_ENV, FLAKEWARDEN_NOW: "" },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  for (const command of [
    "npx flakewarden detect --jobs 2 --run-id rc-v1.4.0",
    "npx flakewarden quarantine sync --dashboard artifacts/flake/rc-v1.4.0/variance_dashboard.json --manifest artifacts/quarantine/manifest.json",
    "npx flakewarden pilot evaluate --telemetry-input telemetry/pilot_telemetry.json",
    "npx flakewarden playbook check",
    "npx flakewarden gate --quarantine-manifest artifacts/quarantine/manifest.json --pilot-summary artifacts/pilot/pilot_observability_summary.json",
    "npx flakewarden drill --seed 4242",
    "npx flakewarden incident --tag v1.4.0 --dashboard artifacts/flake/rc-v1.4.0/variance_dashboard.json --manifest artifacts/quarantine/manifest.json",
    "npx flakewarden report --in artifacts --out artifacts/site",
  ]) {
    assert.ok(r.stdout.includes(`\n$ ${command}\n`), `step not run: ${command}`);
  }
  assert.match(r.stdout, /\n\$ FLAKEWARDEN_NPM=tools\/offline-npm\.mjs npx flakewarden rollback npm --to 1\.3\.2 --tag latest --deprecate 1\.4\.0 --reason 'inc-v1\.4\.0-20261128T120000Z: scheduler flake blocked v1\.4\.0'\n/);
  assert.match(r.stdout, /\n  release gate: FAIL: the release is blocked\n/);
  assert.match(r.stdout, /\n  incident: inc-v1\.4\.0-20261128T120000Z /);
  assert.match(r.stdout, /\nnpm dist-tag add @browser-suite\/runtime@1\.3\.2 latest\n/);
  // The rollback's safety summary and its status line go to stderr; the planned commands to stdout.
  assert.match(r.stderr, /^rollback npm: planned \(dry run\)$/m);
  const site = path.join(EXAMPLE, "artifacts", "site", "index.html");
  assert.ok(r.stdout.endsWith(`\nReport: ${site}\n`), r.stdout.slice(-300));
  const index = fs.readFileSync(site, "utf8");
  assert.match(index, /Overall verdict: FAIL/);
  // Every pointer of the demo resolves to a file under the artifacts it reports on.
  assert.doesNotMatch(index, /dangling pointers?/);
  // Every output is under the one folder; the packet is complete.
  for (const rel of [
    "wasm/release/incident_response_packet.json",
    "wasm/release/rollback_instructions.md",
    "npm/rollback_plan.json",
    "pilot/pilot_observability_summary.json",
    "wasm_flake_governance_report.json",
    "site/report_manifest.json",
  ]) {
    assert.ok(fs.existsSync(path.join(EXAMPLE, "artifacts", rel)), rel);
  }
  const committed = spawnSync("git", ["status", "--porcelain", "--", "examples/browser-suite"], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.equal(committed.stdout, "", "npm start changed a committed file of the example");
});
