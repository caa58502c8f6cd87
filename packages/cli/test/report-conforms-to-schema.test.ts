// Whatever the gate writes must validate against the schemas we publish for it.
import assert from "node:assert/strict";
import test from "node:test";
import { GateEvent, GateReport } from "@flakewarden/core";
import { entry, fixture, gate, hoursAgo, makeTree, manifest, PATHS, read, referencePolicy } from "./support/cli.ts";

const SCENARIOS: Record<string, Record<string, string | object | null>> = {
  "passing tree": {},
  "failing dashboard and breaching manifest": {
    [PATHS.dashboard]: fixture("reference-gate/variance_dashboard_fail.json"),
    [PATHS.manifest]: manifest([entry("Q-H", "high", "open", hoursAgo(100), 72), entry("Q-R", "critical", "reactivated", hoursAgo(2), 24)]),
  },
  "missing evidence everywhere": { [PATHS.dashboard]: null, [PATHS.manifest]: null, [PATHS.playbook]: null },
  "policy failure": { [PATHS.policy]: { ...referencePolicy(), schema_version: "v0" } },
  "unknown threshold keys stay out of the report": {
    [PATHS.policy]: { ...referencePolicy(), quality_thresholds: { ...referencePolicy().quality_thresholds, extra_knob: 9 } },
  },
};

for (const [name, overrides] of Object.entries(SCENARIOS)) {
  test(`gate report and events conform to the published schemas: ${name}`, async () => {
    const root = makeTree(overrides);
    const r = await gate(root, ["--pilot-summary", "missing-pilot.json"]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const parsed = GateReport.safeParse(r.report);
    assert.ok(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues, null, 2));
    const events = read(root, PATHS.events).trimEnd().split("\n");
    assert.equal(events.length, r.report.results.length);
    for (const line of events) assert.ok(GateEvent.safeParse(JSON.parse(line)).success, line);
  });
}
