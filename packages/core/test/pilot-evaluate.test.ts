// Pure pilot evaluation (pilot.md §4.1–§4.9): validation order, severity, parity, ordering, status.
import assert from "node:assert/strict";
import test from "node:test";
import {
  evaluatePilotTelemetry,
  parityDeltaPct,
  parsePilotJson,
  PilotCohortInput,
  PilotEvent,
  pilotSeverity,
  PilotSummary,
  PilotTelemetryInput,
  validatePilotPolicy,
  validatePilotTelemetry,
  type PilotJson,
  type PilotPolicy,
} from "../src/index.ts";

const EVENT = {
  scenario_id: "s",
  framework: "react",
  profile_family: "wasm",
  signal_name: "sig",
  signal_source: "drill",
  signal_value: 8,
  threshold_kind: "max",
  threshold_value: 15,
  capability_surface: "wasm.replay",
  owner_route: "oncall:a",
  replay_command: "replay",
  trace_pointer: "t.json",
  remediation_pointer: "docs#x",
};

function doc(text: string): PilotJson {
  const r = parsePilotJson(text);
  assert.ok(r.ok, text);
  return r.value;
}

function problems(input: unknown, policy: PilotPolicy | null = null): string[] {
  const r = validatePilotTelemetry(doc(typeof input === "string" ? input : JSON.stringify(input)), policy);
  assert.ok(!r.ok, "expected validation problems");
  return r.problems.map((p) => `${p.path}: ${p.message}`);
}

function summary(events: object[], extra: object = {}, policy: PilotPolicy | null = null, allowEmpty = false) {
  const r = validatePilotTelemetry(doc(JSON.stringify({ ...extra, events })), policy);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return evaluatePilotTelemetry(r.value, { policy, policyFile: null, allowEmpty, generatedAt: "2026-03-03T00:00:00Z" });
}

test("severity: ratio ≥ 0.5 with a positive threshold is critical; otherwise high", () => {
  assert.equal(pilotSeverity("max", 5, 7.5), "critical");
  assert.equal(pilotSeverity("max", 5, 7), "high");
  assert.equal(pilotSeverity("min", 80, 40), "critical");
  assert.equal(pilotSeverity("min", 98, 95), "high");
  assert.equal(pilotSeverity("max", 0, 3), "high");
  assert.equal(pilotSeverity("min", -2, -5), "high");
  assert.equal(pilotSeverity("max", -1, 1e9), "high");
});

test("parity delta: the 1e-9 floor and IEEE evaluation order", () => {
  assert.equal(parityDeltaPct(0.5, 0), 49999999999.99999);
  assert.equal(parityDeltaPct(0, 0), 0);
  assert.equal(parityDeltaPct(10, 9), 11.11111111111111);
  assert.equal(parityDeltaPct(2.08, 2.0), 4.0000000000000036);
  assert.equal(parityDeltaPct(-3, -2), 50);
});

test("validation order: non-finite first, then $, events, seed, tolerance default, then events by index", () => {
  assert.deepEqual(problems('{"seed": [NaN], "events": 3, "parity_tolerance_pct_default": -1}'), [
    "$.seed[0]: must be a finite number (got NaN)",
    "$.events: telemetry input must contain an events array",
    "$.parity_tolerance_pct_default: must be a non-negative finite number or numeric string",
  ]);
  assert.deepEqual(problems("null"), ["$: telemetry input must be an object with an events array, or an array of events"]);
  assert.deepEqual(problems("NaN"), ["$: must be a finite number (got NaN)"]);
  assert.deepEqual(problems({ seed: { a: [1e300] }, events: [] }), ['$.seed.a[0]: integers beyond 2^53-1 must be given as strings']);
  assert.deepEqual(problems([{ ...EVENT, signal_value: 1 }, "x"]), ["$[1]: must be an object"]);
});

test("validation: string fields report their type; scenario_id and tolerances; keys are own keys only", () => {
  assert.deepEqual(problems({ events: [{ ...EVENT, signal_source: 3, capability_surface: null, remediation_pointer: [], framework: {} }] }), [
    "$.events[0].framework: must be a string (got object)",
    "$.events[0].signal_source: must be a string (got number)",
    "$.events[0].capability_surface: must be a string (got null)",
    "$.events[0].remediation_pointer: must be a string (got array)",
  ]);
  for (const id of ["", "  ", 1.5, 9007199254740992, true, null]) {
    assert.deepEqual(problems({ events: [{ ...EVENT, scenario_id: id }] }), ["$.events[0].scenario_id: must be a non-blank string or an integer"], String(id));
  }
  for (const tol of [true, "inf", "nan", "1_0", "1e400", "", "-0.5"]) {
    assert.deepEqual(problems({ events: [{ ...EVENT, parity_tolerance_pct: tol }] }), [
      "$.events[0].parity_tolerance_pct: must be a non-negative finite number or numeric string",
    ], String(tol));
  }
  assert.deepEqual(problems({ events: [{ ...EVENT, signal_name: "constructor", owner_route: undefined }] }), ["$.events[0]: missing fields: owner_route"]);
  // `toString` as a key is not a field, and inherited names never count as present.
  const { scenario_id: _omit, ...rest } = EVENT;
  assert.deepEqual(problems({ events: [{ ...rest, toString: "x" }] }), ["$.events[0]: missing fields: scenario_id"]);
});

test("normalisation: 7.0 as scenario_id is \"7\"; numeric-string tolerances; values trimmed; seed echoed", () => {
  const r = validatePilotTelemetry(doc(`{"seed": {"k": [1, "x"]}, "parity_tolerance_pct_default": " +2.5e0 ", "events": [${JSON.stringify({ ...EVENT, owner_route: "  oncall:a  " }).replace('"s"', "7.0")}]}`), null);
  assert.ok(r.ok);
  assert.equal(r.value.events[0]!.scenario_id, "7");
  assert.equal(r.value.events[0]!.owner_route, "oncall:a");
  assert.equal(r.value.toleranceDefault, 2.5);
  assert.deepEqual(JSON.parse(JSON.stringify(r.value.seed)), { k: [1, "x"] });
});

test("ordering: code points, not UTF-16 units; threshold rows by family, framework, signal, scenario; ties keep file order", () => {
  const s = summary([
    { ...EVENT, signal_name: "\u{1F600}", scenario_id: "b" },
    { ...EVENT, signal_name: "\uFFFF", scenario_id: "a" },
    { ...EVENT, profile_family: "native", signal_name: "z" },
    { ...EVENT, signal_name: "\uFFFF", scenario_id: "a", signal_value: 9 },
  ]);
  assert.deepEqual(s.threshold_evaluations.map((t) => [t.profile_family, t.signal_name, t.signal_value]), [
    ["native", "z", 8],
    ["wasm", "\uFFFF", 8],
    ["wasm", "\uFFFF", 9],
    ["wasm", "\u{1F600}", 8],
  ]);
  assert.deepEqual(s.unpaired_signals.map((u) => u.signal_name), ["z", "\uFFFF", "\u{1F600}"]);
});

test("alerts: critical before high, then framework, signal, scenario; routes and drill links distinct and sorted", () => {
  const s = summary([
    { ...EVENT, framework: "vanilla", signal_value: 16, owner_route: "b", replay_command: "r2" },
    { ...EVENT, framework: "next", signal_value: 30, owner_route: "b", replay_command: "r2" },
    { ...EVENT, framework: "next", signal_value: 16, owner_route: "a", replay_command: "r1" },
  ]);
  assert.deepEqual(s.alerts.map((a) => [a.severity, a.framework]), [["critical", "next"], ["high", "next"], ["high", "vanilla"]]);
  assert.deepEqual(s.owner_routes, ["a", "b"]);
  assert.deepEqual(s.incident_drill_links, [{ replay_command: "r1", trace_pointer: "t.json" }, { replay_command: "r2", trace_pointer: "t.json" }]);
  assert.equal(s.alerts_count, 3);
  assert.deepEqual(s.failure_reasons, ["threshold_breach"]);
});

test("tolerance precedence: event side, input default, policy framework, policy default, 5", () => {
  const policy = (p: object): PilotPolicy => {
    const r = validatePilotPolicy(doc(JSON.stringify({ schema_version: "flakewarden-pilot-policy-v1", ...p })));
    assert.ok(r.ok);
    return r.value;
  };
  const pair = [EVENT, { ...EVENT, profile_family: "native" }];
  const tol = (events: object[], extra: object, pol: PilotPolicy | null) => summary(events, extra, pol).parity_checks[0]!.tolerance_pct;
  assert.equal(tol(pair, {}, null), 5);
  assert.equal(tol(pair, {}, policy({ parity_tolerance_pct_default: 7 })), 7);
  assert.equal(tol(pair, {}, policy({ parity_tolerance_pct_default: 7, frameworks: { react: { parity_tolerance_pct: 2 } } })), 2);
  assert.equal(tol(pair, { parity_tolerance_pct_default: 1 }, policy({ frameworks: { react: { parity_tolerance_pct: 2 } } })), 1);
  assert.equal(tol([{ ...EVENT, parity_tolerance_pct: 0 }, { ...EVENT, profile_family: "native", parity_tolerance_pct: 0.5 }], { parity_tolerance_pct_default: 9 }, null), 0.5);
});

test("required signals: every listed family, default both; empty input with --allow-empty still needs them", () => {
  const r = validatePilotPolicy(doc(JSON.stringify({
    schema_version: "flakewarden-pilot-policy-v1",
    frameworks: { next: { required_signals: ["a", "b"], required_profile_families: ["wasm"] }, vanilla: { required_signals: ["c"] } },
  })));
  assert.ok(r.ok);
  const s = summary([], {}, r.value, true);
  assert.deepEqual(s.missing_required_signals.map((m) => `${m.framework}/${m.profile_family}/${m.signal_name}`), [
    "next/wasm/a",
    "next/wasm/b",
    "vanilla/native/c",
    "vanilla/wasm/c",
  ]);
  assert.deepEqual(s.failure_reasons, ["missing_required_signal"]);
  assert.equal(s.status, "fail");
});

test("policy validation: JSON paths for unknown keys, wrong types, non-finite numbers, duplicates", () => {
  const problemsOf = (text: string) => {
    const r = validatePilotPolicy(doc(text));
    assert.ok(!r.ok, text);
    return r.problems.map((p) => p.path);
  };
  assert.deepEqual(problemsOf('{"schema_version": "flakewarden-pilot-policy-v1", "thresholds": {"x": {"kind": "avg", "value": 1}}}'), ["$.thresholds.x.kind"]);
  assert.deepEqual(problemsOf('{"schema_version": "flakewarden-pilot-policy-v1", "thresholds": {"x y": {"kind": "max", "value": NaN}}}'), ['$.thresholds["x y"].value']);
  assert.deepEqual(problemsOf('{"schema_version": "flakewarden-pilot-policy-v1", "frameworks": {"react": {"required_signals": ["a", "a"], "required_profile_families": []}}}'), [
    "$.frameworks.react.required_signals",
    "$.frameworks.react.required_profile_families",
  ]);
  assert.deepEqual(problemsOf('{"schema_version": "flakewarden-pilot-policy-v1", "frameworks": {"React": {}}, "parity_tolerance_pct_default": -1}'), [
    "$.parity_tolerance_pct_default",
    "$.frameworks.React",
  ]);
  assert.deepEqual(problemsOf("[]"), ["$"]);
  assert.deepEqual(problemsOf("{}"), ["$.schema_version"]);
});

test("schemas: the documented input schemas agree with validation on a table of events; normalised events conform", () => {
  const cases: [object, boolean][] = [
    [EVENT, true],
    [{ ...EVENT, scenario_id: 7, signal_value: true, parity_tolerance_pct: "2.5" }, true],
    [{ ...EVENT, owner_route: "" }, false],
    [{ ...EVENT, signal_value: "8" }, false],
    [{ ...EVENT, scenario_id: 1.5 }, false],
    [{ ...EVENT, parity_tolerance_pct: -1 }, false],
  ];
  for (const [event, ok] of cases) {
    const input = { events: [event] };
    assert.equal(PilotTelemetryInput.safeParse(input).success, ok, JSON.stringify(event));
    const r = validatePilotTelemetry(doc(JSON.stringify(input)), null);
    assert.equal(r.ok, ok, JSON.stringify(event));
    if (r.ok) for (const e of r.value.events) PilotEvent.parse(e);
  }
  assert.ok(PilotCohortInput.safeParse([{ candidate_id: 7, frameworks: ["react"], pilot_window_days: " 5 " }]).success);
  assert.ok(!PilotCohortInput.safeParse([{ pilot_window_days: "14.5" }]).success);
  PilotSummary.parse(JSON.parse(JSON.stringify(summary([EVENT, { ...EVENT, profile_family: "native", signal_value: 30 }]))));
});
