// The `reactivate` config section as the reactivate command validates it (strict, unlike the gate's view).
import assert from "node:assert/strict";
import test from "node:test";
import { ReactivateConfig, ReactivateGateConfig } from "../src/index.ts";

test("a full reactivate section parses", () => {
  const r = ReactivateConfig.safeParse({
    min_runs: 3,
    min_runs_by_severity: { critical: 5 },
    max_evidence_records: 12,
    normalize: {
      payload_match: { kind: "replay", "meta.seed": "{seed}", n: [1, { a: null }] },
      certificate_fields: ["trace_fingerprint"],
      ignore_keys: ["ts"],
      replace: [{ pattern: "run-(\\d+)", with: "run-N" }],
    },
  });
  assert.equal(r.success, true);
});

test("unknown keys, bad regexes, inexact integers and non-positive counts are refused", () => {
  const bad: unknown[] = [
    { min_run: 3 },
    { normalize: { ignore_key: ["x"] } },
    { normalize: { replace: [{ pattern: "(", with: "" }] } },
    { normalize: { replace: [{ pattern: "a", with: "b", flags: "i" }] } },
    { normalize: { payload_match: { h: 2 ** 60 } } },
    { min_runs_by_severity: { urgent: 3 } },
    { max_evidence_records: 0 },
    { min_runs: 2.5 },
  ];
  for (const value of bad) assert.equal(ReactivateConfig.safeParse(value).success, false, JSON.stringify(value));
});

test("the gate's view of the same section ignores the command's keys", () => {
  assert.equal(ReactivateGateConfig.safeParse({ min_runs: 3, max_evidence_records: 5, normalize: {} }).success, true);
});
