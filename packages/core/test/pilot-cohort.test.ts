// Pure cohort rules (pilot.md §4.10): exclusions, exact deferred names, capped score, risk tiers.
import assert from "node:assert/strict";
import test from "node:test";
import { evaluateCandidate, jsonTruthy, parsePilotJson, PILOT_DEFERRED_CAPABILITIES, validatePilotCohort, type PilotCandidate } from "../src/index.ts";

const BASE: PilotCandidate = {
  candidate_id: "c",
  profile: "FP-BR-DEV",
  frameworks: ["react"],
  requested_capabilities: [],
  has_replay_pipeline: true,
  has_ci: true,
  security_owner: true,
  support_contact: true,
  pilot_window_days: 14,
};

test("deferred capabilities: the exact list of §4.10, matched after trim and lowercase, never by prefix", () => {
  assert.deepEqual([...PILOT_DEFERRED_CAPABILITIES].sort(), [
    "fs", "http3_native", "io_uring", "kafka", "mysql", "native_db", "native_socket", "native_socket_listener",
    "native_tls", "postgres", "process", "quic_native", "server", "signal", "sqlite",
  ]);
  for (const cap of ["SQLite ", " Process", "SIGNAL", "fs"]) {
    assert.deepEqual(evaluateCandidate({ ...BASE, requested_capabilities: [cap] }).exclusion_reasons, ["requested_deferred_surface"], cap);
  }
  for (const cap of ["server_sent_events", "processing", "signals_ui", "fsm_ui", "fs2", "native"]) {
    assert.deepEqual(evaluateCandidate({ ...BASE, requested_capabilities: [cap] }).exclusion_reasons, [], cap);
  }
});

test("score: capped at 100; window points; risk tiers in order, ineligible never low", () => {
  const max = evaluateCandidate({ ...BASE, frameworks: ["vanilla", "react", "next"] });
  assert.equal(max.score, 100);
  assert.equal(evaluateCandidate({ ...BASE, pilot_window_days: 7 }).score, 90);
  assert.equal(evaluateCandidate({ ...BASE, pilot_window_days: 30 }).score, 90);
  assert.equal(evaluateCandidate({ ...BASE, pilot_window_days: 31 }).score, 85);
  assert.equal(evaluateCandidate({ ...BASE, pilot_window_days: -40 }).score, 80);
  const unknownProfile = evaluateCandidate({ ...BASE, profile: "FP-UNKNOWN", frameworks: ["vanilla", "react", "next"] });
  assert.deepEqual([unknownProfile.eligible, unknownProfile.score, unknownProfile.risk_tier], [false, 80, "high"]);
  assert.equal(evaluateCandidate({ ...BASE, has_replay_pipeline: false }).risk_tier, "medium");
  assert.equal(evaluateCandidate({ ...BASE, profile: "FP-BR-PROD" }).risk_tier, "medium");
  const low = evaluateCandidate({ ...BASE, security_owner: false, has_ci: false, pilot_window_days: 0 });
  assert.deepEqual([low.score, low.risk_tier], [60, "medium"]);
});

test("frameworks: trimmed, lowercased, blanks dropped, deduplicated, sorted; unsupported listed sorted", () => {
  const r = evaluateCandidate({ ...BASE, frameworks: [" Svelte", "react", "REACT", "", "  ", "angular"] });
  assert.deepEqual(r.selected_frameworks, ["angular", "react", "svelte"]);
  assert.deepEqual(r.exclusion_reasons, ["unsupported_frameworks:angular,svelte"]);
  assert.deepEqual(evaluateCandidate({ ...BASE, frameworks: [" "], profile: "x" }).exclusion_reasons, ["no_framework_selected", "profile_not_allowed"]);
});

test("truthiness as the original: false, null, 0, '', [], {} are false", () => {
  for (const v of [false, null, 0, "", [], Object.create(null), undefined]) assert.equal(jsonTruthy(v), false, JSON.stringify(v));
  for (const v of [true, 1, -1, "0", "false", [0], { a: 0 }]) assert.equal(jsonTruthy(v as never), true, JSON.stringify(v));
});

test("cohort validation: candidate_id 7.0 → \"7\", null → unknown; days strings; every problem with its path", () => {
  const parsed = parsePilotJson('[{"candidate_id": 7.0, "pilot_window_days": " -3 "}, {"candidate_id": null}]');
  assert.ok(parsed.ok);
  const ok = validatePilotCohort(parsed.value);
  assert.ok(ok.ok);
  assert.deepEqual(ok.value.map((c) => [c.candidate_id, c.pilot_window_days]), [["7", -3], ["unknown", 0]]);
  const bad = parsePilotJson('[{"candidate_id": 9007199254740993, "frameworks": [1, "a", null], "has_ci": NaN}, 3, {"requested_capabilities": {}}]');
  assert.ok(bad.ok);
  const r = validatePilotCohort(bad.value);
  assert.ok(!r.ok);
  assert.deepEqual(r.problems.map((p) => p.path), ["$[0].has_ci", "$[0].candidate_id", "$[0].frameworks[0]", "$[0].frameworks[2]", "$[1]", "$[2].requested_capabilities"]);
});
