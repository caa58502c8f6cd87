// pilot.md §8 item 30: random JSON values as pilot inputs never crash either command: the exit
// code is 0, 1 or 2 (cohort 0 or 2), stderr has no stack frame, and exit 2 leaves no output.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import fc from "fast-check";
import { assertNoCrash, runCli, tempDir } from "./support/cli.ts";
import { E, PILOT_NOW } from "./support/pilot.ts";

const RUNS = 100;

/** Run one subcommand on `text` with stale outputs in place, and check the invariants. */
async function check(root: string, sub: "evaluate" | "cohort", text: string): Promise<void> {
  const input = path.join(root, "input.json");
  const out = path.join(root, "out.json");
  const log = path.join(root, "out.ndjson");
  fs.writeFileSync(input, text);
  // Stale outputs from "an earlier run": exit 2 must remove them.
  fs.writeFileSync(out, "stale");
  fs.writeFileSync(log, "stale");
  const args =
    sub === "evaluate"
      ? ["pilot", "evaluate", "--telemetry-input", "input.json", "--telemetry-output", "out.json", "--telemetry-log-output", "out.ndjson"]
      : ["pilot", "cohort", "--input", "input.json", "--output", "out.json", "--log-output", "out.ndjson"];
  const r = await runCli(root, [...args, "--now", PILOT_NOW]);
  assertNoCrash(r);
  assert.ok(sub === "evaluate" ? [0, 1, 2].includes(r.code) : [0, 2].includes(r.code), `exit ${r.code} for ${text}\n${r.stderr}`);
  if (r.code === 2) {
    assert.equal(r.stdout, "");
    assert.ok(!fs.existsSync(out) && !fs.existsSync(log), `exit 2 left an output for ${text}`);
  } else {
    assert.notEqual(fs.readFileSync(out, "utf8"), "stale");
    JSON.parse(fs.readFileSync(out, "utf8"));
  }
}

test("acceptance 30: any JSON value as the whole telemetry input", async () => {
  const root = tempDir("fw-pilot-prop-");
  await fc.assert(fc.asyncProperty(fc.jsonValue(), (v) => check(root, "evaluate", JSON.stringify(v))), { numRuns: RUNS });
});

test("acceptance 30: any JSON value as events[0] of an otherwise valid input", async () => {
  const root = tempDir("fw-pilot-prop-");
  const rest = [E(), E({ profile_family: "native" })];
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), (v) => check(root, "evaluate", JSON.stringify({ seed: 1, events: [v, ...rest] }))),
    { numRuns: RUNS },
  );
});

test("acceptance 30: any JSON value as the whole cohort input, and as its only candidate", async () => {
  const root = tempDir("fw-pilot-prop-");
  await fc.assert(fc.asyncProperty(fc.jsonValue(), (v) => check(root, "cohort", JSON.stringify(v))), { numRuns: RUNS });
  await fc.assert(fc.asyncProperty(fc.jsonValue(), (v) => check(root, "cohort", JSON.stringify([v]))), { numRuns: RUNS });
});

test("pilot property: events whose fields are random JSON values, and arbitrary text with NaN tokens", async () => {
  const root = tempDir("fw-pilot-prop-");
  const fields = ["scenario_id", "framework", "profile_family", "signal_name", "signal_value", "threshold_kind", "threshold_value", "owner_route", "parity_tolerance_pct"];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue(), (field, v) => check(root, "evaluate", JSON.stringify({ events: [E({ [field]: v })] }))),
    { numRuns: 25 },
  );
  const token = fc.constantFrom("NaN", "Infinity", "-Infinity", "1e400", "{", "[", ",", "}", "]", '"a"', ":", "null", "\uFEFF");
  await fc.assert(
    fc.asyncProperty(fc.array(token, { maxLength: 12 }), (parts) => check(root, "evaluate", parts.join(""))),
    { numRuns: 25 },
  );
});
