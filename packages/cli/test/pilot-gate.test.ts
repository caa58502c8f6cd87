// pilot.md §7.2 and §8 item 26: the summary `pilot evaluate` writes is what `gate --pilot-summary`
// reads (WG-PILOT); pass and fail cases run the real pilot command first.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { pilotFixture, PILOT_NOW } from "./support/pilot.ts";
import { assertNoCrash, gate, makeTree, result, runCli, write } from "./support/cli.ts";

/** A gate tree T plus the pilot inputs; runs `pilot evaluate` into pilot/summary.json. */
async function pilotThenGate(input: string | object, extra: string[] = []) {
  const root = makeTree();
  write(root, "telemetry.json", typeof input === "string" ? pilotFixture(input) : input);
  const pilot = await runCli(root, [
    "pilot",
    "evaluate",
    "--telemetry-input",
    "telemetry.json",
    "--telemetry-output",
    "pilot/summary.json",
    "--telemetry-log-output",
    "pilot/alerts.ndjson",
    "--now",
    PILOT_NOW,
    ...extra,
  ]);
  assertNoCrash(pilot);
  const g = await gate(root, ["--pilot-summary", "pilot/summary.json"]);
  assertNoCrash(g);
  return { root, pilot, gate: g, check: result(g.report, "WG-PILOT") };
}

test("acceptance 26: summary of item 1 → the pilot check passes and the gate exits 0", async () => {
  const { pilot, gate: g, check } = await pilotThenGate("telemetry_pass.json");
  assert.equal(pilot.code, 0, pilot.stderr);
  assert.equal(check.check_id, "WG-PILOT-000");
  assert.equal(check.status, "pass");
  assert.equal(g.code, 0, g.stdout + g.stderr);
});

test("acceptance 26: summary of item 2 → the pilot check fails with the routes in its detail, exit 1", async () => {
  const { pilot, gate: g, check } = await pilotThenGate("telemetry_fail_injection.json");
  assert.equal(pilot.code, 1);
  assert.equal(check.status, "fail");
  assert.equal(check.check_id, "WG-PILOT-004");
  assert.match(check.detail, /owner_routes=\[oncall:pilot-sre, oncall:wasm-runtime\]/);
  assert.match(check.detail, /generated_at=2026-03-03T00:00:00Z/);
  assert.equal(g.code, 1);
});

test("acceptance 26: summary of item 12 (no events) → fails; with --allow-empty → passes", async () => {
  const empty = await pilotThenGate({ events: [] });
  assert.equal(empty.pilot.code, 1);
  assert.equal(empty.check.status, "fail");
  assert.equal(empty.gate.code, 1);
  const allowed = await pilotThenGate({ events: [] }, ["--allow-empty"]);
  assert.equal(allowed.pilot.code, 0);
  assert.equal(allowed.check.status, "pass");
});

test("acceptance 26: a parity-only failure is caught by the gate (ci_parity_ok and parity_alerts)", async () => {
  const events = JSON.parse(pilotFixture("telemetry_pass.json")).events;
  events[0].signal_value = 12; // react wasm 12 vs native 8.2: parity breach, still under max 15
  const { pilot, check } = await pilotThenGate({ events });
  assert.equal(pilot.code, 1);
  assert.equal(check.status, "fail");
  assert.equal(check.check_id, "WG-PILOT-004");
});

test("acceptance 26: absent summary, an original-format summary, alerts_count 1, and a bare NaN", async () => {
  const root = makeTree();
  const missing = await gate(root, ["--pilot-summary", "nope.json"]);
  assert.equal(result(missing.report, "WG-PILOT").status, "fail");
  assert.equal(missing.code, 1);

  const original = { schema_version: "asupersync-pilot-observability-v1", generated_at: PILOT_NOW, seed: 1, status: "pass", event_count: 2, alerts_count: 0, ci_parity_ok: true, owner_routes: [], incident_drill_links: [] };
  write(root, "orig.json", original);
  const orig = await gate(root, ["--pilot-summary", "orig.json"]);
  assert.equal(result(orig.report, "WG-PILOT").status, "pass");
  assert.equal(orig.code, 0);

  write(root, "alerts.json", { ...original, alerts_count: 1 });
  const alerts = await gate(root, ["--pilot-summary", "alerts.json"]);
  assert.equal(result(alerts.report, "WG-PILOT").status, "fail");
  assert.equal(alerts.code, 1);

  fs.writeFileSync(path.join(root, "nan.json"), JSON.stringify(original).replace('"seed":1', '"seed":NaN'));
  const nan = await gate(root, ["--pilot-summary", "nan.json"]);
  assertNoCrash(nan);
  assert.equal(result(nan.report, "WG-PILOT").status, "fail");
  assert.equal(nan.code, 1);
});

test("gate: an invalid pilot run leaves no summary, so the gate fails closed instead of reading an old pass", async () => {
  const { root, check } = await pilotThenGate("telemetry_pass.json");
  assert.equal(check.status, "pass");
  write(root, "telemetry.json", '{"events": [42]}');
  const again = await runCli(root, ["pilot", "evaluate", "--telemetry-input", "telemetry.json", "--telemetry-output", "pilot/summary.json", "--telemetry-log-output", "pilot/alerts.ndjson", "--now", PILOT_NOW]);
  assert.equal(again.code, 2);
  const g = await gate(root, ["--pilot-summary", "pilot/summary.json"]);
  assert.equal(result(g.report, "WG-PILOT").status, "fail");
  assert.equal(g.code, 1);
});
