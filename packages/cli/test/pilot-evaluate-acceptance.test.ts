// pilot.md §8 items 1, 2, 4–25: `flakewarden pilot evaluate` end to end, in-process, on real files.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { PilotAlertLine, PilotSummary } from "@flakewarden/core";
import { assertNoCrash, read, write } from "./support/cli.ts";
import {
  ALERTS,
  assertExit2At,
  assertUsage,
  cohort,
  E,
  evaluate,
  evaluateInput,
  has,
  ndjson,
  PILOT_NOW,
  pilotTree,
  problemLines,
  readOut,
  SUMMARY,
} from "./support/pilot.ts";

/** Run and parse both outputs, checking them against the core schemas. */
async function run(input: unknown, args: string[] = [], files: Record<string, string | object> = {}) {
  const { root, r } = await evaluateInput(input, args, files);
  assertNoCrash(r);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const summary = readOut(root, SUMMARY);
  PilotSummary.parse(summary);
  const lines = ndjson(root, ALERTS);
  for (const l of lines) PilotAlertLine.parse(l);
  return { root, r, summary, lines };
}

const wasm = (o: Record<string, unknown> = {}) => E(o);
const native = (o: Record<string, unknown> = {}) => E({ profile_family: "native", trace_pointer: "artifacts/replay/n.json", ...o });

test("acceptance 1: telemetry_pass.json → exit 0, status pass, three parity rows within tolerance, one gate line", async () => {
  const root = pilotTree();
  const r = await evaluate(root, ["--telemetry-input", "telemetry_pass.json", "--now", PILOT_NOW]);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `status=pass events=6 alerts=0 output=${SUMMARY}\n`);
  const s = readOut(root, SUMMARY);
  PilotSummary.parse(s);
  assert.equal(s.seed, 4242);
  assert.equal(s.generated_at, PILOT_NOW);
  assert.equal(s.schema_version, "asupersync-pilot-observability-v1");
  assert.equal(s.threshold_evaluations.length, 6);
  assert.ok(s.threshold_evaluations.every((t: any) => t.breach === false && t.threshold_source === "event"));
  assert.equal(s.aggregations.length, 6);
  assert.deepEqual(
    s.parity_checks.map((c: any) => [c.framework, c.signal_name, c.delta_pct, c.tolerance_pct, c.breach]),
    [
      ["next", "error_budget_burn_pct", 4.0000000000000036, 5, false],
      ["react", "incident_mtta_minutes", 2.439024390243894, 5, false],
      ["vanilla", "replay_success_rate_pct", 0.3024193548387068, 5, false],
    ],
  );
  for (const key of ["alerts", "parity_alerts", "owner_routes", "incident_drill_links", "failure_reasons", "unpaired_signals", "missing_required_signals"]) {
    assert.deepEqual(s[key], [], key);
  }
  assert.equal(s.ci_parity_ok, true);
  assert.equal(s.policy_file, null);
  const lines = ndjson(root, ALERTS);
  assert.deepEqual(lines, [
    {
      ts: PILOT_NOW,
      event: "pilot_slo_gate_summary",
      source_file: "telemetry_pass.json",
      schema_version: "asupersync-pilot-observability-v1",
      status: "pass",
      event_count: 6,
      alerts_count: 0,
      ci_parity_ok: true,
      owner_routes: [],
      parity_alerts_count: 0,
      failure_reasons: [],
    },
  ]);
});

test("acceptance 2: telemetry_fail_injection.json → exit 1, one threshold alert, two routed parity alerts, four drill links", async () => {
  const root = pilotTree();
  const r = await evaluate(root, ["--telemetry-input", "telemetry_fail_injection.json", "--now", PILOT_NOW]);
  assertNoCrash(r);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, `status=fail events=4 alerts=1 output=${SUMMARY}\n`);
  const s = readOut(root, SUMMARY);
  PilotSummary.parse(s);
  assert.deepEqual(s.alerts.map((a: any) => [a.alert_id, a.severity, a.signal_value, a.threshold_value]), [
    ["pilot-fail-next:wasm:next:error_budget_burn_pct", "critical", 11, 5],
  ]);
  assert.deepEqual(s.parity_checks.map((c: any) => [c.framework, c.delta_pct, c.tolerance_pct, c.breach]), [
    ["next", 175, 3, true],
    ["react", 10, 3, true],
  ]);
  assert.equal(s.ci_parity_ok, false);
  assert.deepEqual(s.parity_alerts.map((a: any) => [a.alert_id, a.severity, a.owner_route]), [
    ["parity:next:error_budget_burn_pct", "critical", "oncall:pilot-sre"],
    ["parity:react:replay_success_rate_pct", "critical", "oncall:wasm-runtime"],
  ]);
  assert.match(s.parity_alerts[0].native_trace_pointer, /next-native\.json$/);
  assert.deepEqual(s.owner_routes, ["oncall:pilot-sre", "oncall:wasm-runtime"]);
  const ends = s.incident_drill_links.map((l: any) => l.trace_pointer.split("-").slice(-2).join("-"));
  assert.deepEqual(ends, ["next-native.json", "next-wasm.json", "react-native.json", "react-wasm.json"]);
  assert.deepEqual(s.failure_reasons, ["parity_breach", "threshold_breach"]);
  const lines = ndjson(root, ALERTS);
  assert.deepEqual(lines.map((l) => l.event), ["pilot_slo_alert", "pilot_parity_alert", "pilot_parity_alert", "pilot_slo_gate_summary"]);
  assert.equal(Object.keys(lines[0]).length, 20);
  assert.equal(lines[1].framework, "next");
  assert.equal(lines[2].framework, "react");
  assert.ok(lines.every((l) => l.ts === PILOT_NOW && l.status === "fail" && l.source_file === "telemetry_fail_injection.json"));
  const gate = lines[3];
  assert.deepEqual(gate.owner_routes, ["oncall:pilot-sre", "oncall:wasm-runtime"]);
  assert.equal(gate.parity_alerts_count, 2);
  assert.equal(gate.alerts_count, 1);
  assert.equal(gate.ci_parity_ok, false);
});

test("acceptance 4: rerunning gives byte-identical files; JSON ends with a newline; key order is code point", async () => {
  for (const input of ["telemetry_pass.json", "telemetry_fail_injection.json"]) {
    const root = pilotTree();
    const args = ["--telemetry-input", input, "--now", PILOT_NOW];
    await evaluate(root, args);
    const first = [read(root, SUMMARY), read(root, ALERTS)];
    const again = await evaluate(root, args);
    assertNoCrash(again);
    assert.deepEqual([read(root, SUMMARY), read(root, ALERTS)], first, input);
    assert.ok(first[0]!.endsWith("}\n"));
    assert.ok(first[1]!.endsWith("\n"));
    // 2-space indent, sorted keys: the first key of the summary is "aggregations".
    assert.ok(first[0]!.startsWith('{\n  "aggregations": ['));
  }
});

test("acceptance 5: ASUPERSYNC_EVAL_TS alone is used; --now overrides it; a date or a word is exit 2 naming --now", async () => {
  const root = pilotTree();
  const base = ["--telemetry-input", "telemetry_pass.json"];
  const r1 = await evaluate(root, base, { ASUPERSYNC_EVAL_TS: PILOT_NOW });
  assert.equal(r1.code, 0, r1.stderr);
  assert.equal(readOut(root, SUMMARY).generated_at, PILOT_NOW);
  const r2 = await evaluate(root, [...base, "--now", "2026-04-01T00:00:00+02:00"], { ASUPERSYNC_EVAL_TS: PILOT_NOW });
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(readOut(root, SUMMARY).generated_at, "2026-04-01T00:00:00+02:00");
  assert.equal(ndjson(root, ALERTS)[0].ts, "2026-04-01T00:00:00+02:00");
  for (const bad of ["2026-03-03", "yesterday"]) {
    const r = await evaluate(root, [...base, "--now", bad]);
    assertUsage(r, /^flakewarden pilot evaluate: --now: /);
    assert.ok(!has(root, SUMMARY) && !has(root, ALERTS), "the clock error removes older outputs");
  }
});

test("acceptance 6: no breach at equality; severity at the 50% boundary, t ≤ 0 always high", async () => {
  for (const [kind, t] of [["max", 15], ["min", 98]] as const) {
    const { r, summary } = await run({ events: [wasm({ threshold_kind: kind, threshold_value: t, signal_value: t })] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(summary.threshold_evaluations[0].breach, false);
  }
  const cases: [string, number, number, string][] = [
    ["max", 5, 7.5, "critical"],
    ["max", 5, 7, "high"],
    ["min", 80, 40, "critical"],
    ["min", 98, 95, "high"],
    ["max", 0, 3, "high"],
    ["min", -2, -5, "high"],
  ];
  for (const [kind, t, v, severity] of cases) {
    const { r, summary } = await run({ events: [wasm({ threshold_kind: kind, threshold_value: t, signal_value: v })] });
    assert.equal(r.code, 1);
    assert.deepEqual(summary.alerts.map((a: any) => a.severity), [severity], `${kind} ${t}/${v}`);
  }
});

test("acceptance 7: parity delta with the 1e-9 floor, strict breach, and the more lenient side's tolerance", async () => {
  const zero = await run({ events: [wasm({ signal_value: 0.5 }), native({ signal_value: 0 })] });
  assert.equal(zero.summary.parity_checks[0].delta_pct, 49999999999.99999);
  assert.equal(zero.summary.parity_checks[0].breach, true);
  assert.equal(zero.summary.parity_alerts[0].severity, "critical");
  const both = await run({ events: [wasm({ signal_value: 0 }), native({ signal_value: 0 })] });
  assert.equal(both.summary.parity_checks[0].delta_pct, 0);
  assert.equal(both.r.code, 0);
  const ten = await run({ events: [wasm({ signal_value: 10 }), native({ signal_value: 9 })] });
  assert.equal(ten.summary.parity_checks[0].delta_pct, 11.11111111111111);
  assert.equal(ten.summary.parity_checks[0].tolerance_pct, 5);
  assert.equal(ten.summary.parity_checks[0].breach, true);
  const lenient = await run({ events: [wasm({ parity_tolerance_pct: 0.1 }), native()] });
  assert.equal(lenient.summary.parity_checks[0].tolerance_pct, 5);
  const str = await run({ events: [wasm({ parity_tolerance_pct: "10" }), native()] });
  assert.equal(str.summary.parity_checks[0].tolerance_pct, 10);
  const def = await run({ parity_tolerance_pct_default: "3", events: [wasm(), native()] });
  assert.equal(def.summary.parity_checks[0].tolerance_pct, 3);
});

test("acceptance 8: one outlier sample alerts; parity uses the latest sample; aggregation over both", async () => {
  const { r, summary } = await run({ events: [wasm({ signal_value: 30 }), wasm({ signal_value: 10 }), native({ signal_value: 10.4 })] });
  assert.equal(r.code, 1);
  assert.deepEqual(summary.alerts.map((a: any) => [a.severity, a.signal_value]), [["critical", 30]]);
  assert.deepEqual(summary.parity_checks.map((c: any) => [c.delta_pct, c.breach]), [[3.8461538461538494, false]]);
  const agg = summary.aggregations.find((a: any) => a.profile_family === "wasm");
  assert.deepEqual([agg.samples, agg.avg, agg.min, agg.max, agg.latest_value], [2, 20, 10, 30, 10]);
  assert.deepEqual(summary.failure_reasons, ["threshold_breach"]);
});

test("acceptance 9: a wasm-only signal → no parity row, one unpaired entry, pass", async () => {
  const { r, summary } = await run({ events: [wasm()] });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(summary.parity_checks, []);
  assert.deepEqual(summary.unpaired_signals, [{ framework: "react", signal_name: "incident_mtta_minutes", profile_family: "wasm" }]);
});

test("acceptance 10: signal names are case-sensitive groups; framework, family and kind are normalised", async () => {
  const { r, summary } = await run({
    events: [wasm({ signal_name: "Incident_MTTA_Minutes" }), wasm({ framework: " React ", profile_family: "WASM", threshold_kind: "MAX" })],
  });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(summary.aggregations.map((a: any) => a.signal_name), ["Incident_MTTA_Minutes", "incident_mtta_minutes"]);
  const t = summary.threshold_evaluations[1];
  assert.deepEqual([t.framework, t.profile_family, t.threshold_kind], ["react", "wasm", "max"]);
});

test("acceptance 11: bare-array input → seed null, default tolerance 5, true as 1, integer scenario_id", async () => {
  const ev = { framework: "next", signal_value: true, threshold_value: 0, scenario_id: 7 };
  const { r, summary } = await run([wasm(ev), native(ev)]);
  assert.equal(r.code, 1);
  assert.equal(summary.seed, null);
  assert.equal(summary.parity_checks[0].tolerance_pct, 5);
  const alert = summary.alerts.find((a: any) => a.profile_family === "wasm");
  assert.equal(alert.alert_id, "7:wasm:next:incident_mtta_minutes");
  assert.equal(alert.severity, "high");
  assert.equal(alert.signal_value, 1);
  assert.equal(alert.scenario_id, "7");
});

test("acceptance 12: zero events fail with no_events unless --allow-empty", async () => {
  const { r, summary, lines } = await run({ events: [] });
  assert.equal(r.code, 1);
  assert.deepEqual(summary.failure_reasons, ["no_events"]);
  assert.equal(summary.status, "fail");
  assert.deepEqual(lines.map((l) => [l.event, l.status]), [["pilot_slo_gate_summary", "fail"]]);
  const allowed = await run({ events: [] }, ["--allow-empty"]);
  assert.equal(allowed.r.code, 0, allowed.r.stderr);
  assert.equal(allowed.summary.status, "pass");
});

test("acceptance 13: missing file, trailing comma (line and column), events not a list, a bare string", async () => {
  const root = pilotTree();
  const missing = await evaluate(root, ["--telemetry-input", "nope.json", "--now", PILOT_NOW]);
  assertUsage(missing, /^flakewarden pilot evaluate: nope\.json: file not found\n$/);
  const comma = await evaluateInput('{"events": [\n  1,\n]}');
  assertUsage(comma.r, /^flakewarden pilot evaluate: telemetry\.json: malformed JSON at line 3 column 1\n$/);
  assert.ok(!has(comma.root, SUMMARY));
  const notList = await evaluateInput({ events: {} });
  assertExit2At(notList.root, notList.r, "$.events");
  assert.match(notList.r.stderr, /^flakewarden pilot evaluate: telemetry\.json: invalid telemetry input\n/);
  const str = await evaluateInput('"x"');
  assertExit2At(str.root, str.r, "$");
});

test("acceptance 14: a non-object event; missing routing fields listed sorted and comma-joined", async () => {
  const a = await evaluateInput({ events: [wasm(), 42] });
  assertExit2At(a.root, a.r, "$.events[1]");
  assert.deepEqual(problemLines(a.r), ["$.events[1]: must be an object"]);
  const b = await evaluateInput({ events: [wasm({ owner_route: undefined, trace_pointer: undefined })] });
  assertExit2At(b.root, b.r, "$.events[0]");
  assert.deepEqual(problemLines(b.r), ["$.events[0]: missing fields: owner_route,trace_pointer"]);
});

test("acceptance 15: five problems in one event, reported in table order", async () => {
  const { root, r } = await evaluateInput({
    events: [wasm({ framework: "svelte", profile_family: "edge", signal_value: "8.0", threshold_kind: "avg", threshold_value: null })],
  });
  assertExit2At(root, r, "$.events[0].framework");
  const lines = problemLines(r);
  assert.equal(lines.length, 5, r.stderr);
  assert.deepEqual(
    lines.map((l) => l.split(": ")[0]),
    ["framework", "profile_family", "signal_value", "threshold_kind", "threshold_value"].map((f) => `$.events[0].${f}`),
  );
  assert.match(lines[0]!, /: unsupported framework: svelte/);
  assert.match(lines[1]!, /: unsupported profile_family: edge/);
  assert.match(lines[2]!, /: must be numeric$/);
  assert.match(lines[3]!, /: threshold_kind must be max\|min/);
  assert.match(lines[4]!, /: must be numeric$/);
});

test("acceptance 16: NaN, 1e400 and -Infinity are reported by path as non-finite", async () => {
  const base = JSON.stringify({ events: [wasm({ signal_value: 123456, threshold_value: 654321 })] });
  const cases: [string, string, string][] = [
    [base.replace("123456", "NaN"), "$.events[0].signal_value", "NaN"],
    [base.replace("123456", "1e400"), "$.events[0].signal_value", "Infinity"],
    [base.replace("654321", "-Infinity"), "$.events[0].threshold_value", "-Infinity"],
  ];
  for (const [text, at, token] of cases) {
    const { root, r } = await evaluateInput(text);
    assertExit2At(root, r, at);
    assert.deepEqual(problemLines(r), [`${at}: must be a finite number (got ${token})`]);
  }
});

test("acceptance 17: blank or null routing fields are errors at their path", async () => {
  const cases: [string, unknown][] = [
    ["owner_route", ""],
    ["owner_route", "   "],
    ["owner_route", null],
    ["replay_command", null],
    ["trace_pointer", ""],
  ];
  for (const [field, value] of cases) {
    const { root, r } = await evaluateInput({ events: [wasm({ [field]: value })] });
    assertExit2At(root, r, `$.events[0].${field}`);
    assert.deepEqual(problemLines(r), [`$.events[0].${field}: must be a non-blank string`]);
  }
});

test("acceptance 18: null, non-numeric or negative tolerances and an inexact seed are errors", async () => {
  for (const tol of [null, "abc", -1]) {
    const { root, r } = await evaluateInput({ events: [wasm({ parity_tolerance_pct: tol })] });
    assertExit2At(root, r, "$.events[0].parity_tolerance_pct");
    assert.match(problemLines(r)[0]!, /must be a non-negative finite number or numeric string$/);
  }
  const seed = await evaluateInput(`{"seed": 9007199254740993, "events": ${JSON.stringify([wasm()])}}`);
  assertExit2At(seed.root, seed.r, "$.seed");
  assert.deepEqual(problemLines(seed.r), ["$.seed: integers beyond 2^53-1 must be given as strings"]);
});

test("acceptance 19: an invalid run removes the summary and alerts a previous run wrote", async () => {
  const root = pilotTree({ "bad.json": { events: [42] } });
  const args = ["--telemetry-output", "out/S.json", "--telemetry-log-output", "out/L.ndjson", "--now", PILOT_NOW];
  const ok = await evaluate(root, ["--telemetry-input", "telemetry_pass.json", ...args]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, "status=pass events=6 alerts=0 output=out/S.json\n");
  assert.ok(has(root, "out/S.json") && has(root, "out/L.ndjson"));
  const bad = await evaluate(root, ["--telemetry-input", "bad.json", ...args]);
  assertExit2At(root, bad, "$.events[0]", ["out/S.json", "out/L.ndjson"]);
});

test("acceptance 20: argument errors are exit 2 and create or remove no file", async () => {
  const root = pilotTree();
  const seeded = await evaluate(root, ["--telemetry-input", "telemetry_pass.json", "--now", PILOT_NOW]);
  assert.equal(seeded.code, 0);
  const before = read(root, SUMMARY);
  const cases: [string[], RegExp][] = [
    [[], /^flakewarden pilot evaluate: --telemetry-input: required option missing\n$/],
    [["--telemetry-input", "a", "--input", "b"], /^flakewarden pilot evaluate: --input: .*pilot cohort/],
    [["--self-test"], /^flakewarden pilot evaluate: --self-test: unknown option\n$/],
  ];
  for (const [args, pattern] of cases) {
    const r = await evaluate(root, args);
    assertUsage(r, pattern);
    assert.equal(read(root, SUMMARY), before, "argument errors leave existing outputs alone");
  }
  const cross = await cohort(root, ["--input", "a", "--telemetry-input", "b"]);
  assertUsage(cross, /^flakewarden pilot cohort: --telemetry-input: .*pilot evaluate/);
  assert.ok(!has(root, "artifacts/pilot/pilot_cohort_eval.json"));
  const selfTest = await cohort(root, ["--self-test"]);
  assertUsage(selfTest, /--self-test: unknown option/);
  assert.equal(read(root, SUMMARY), before);
});

test("acceptance 21: default output paths under the working directory, parents created", async () => {
  const root = pilotTree();
  assert.ok(!fs.existsSync(path.join(root, "artifacts")));
  const r = await evaluate(root, ["--telemetry-input", "telemetry_pass.json", "--now", PILOT_NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(has(root, "artifacts/pilot/pilot_observability_summary.json"));
  assert.ok(has(root, "artifacts/pilot/pilot_observability_alerts.ndjson"));
});

const POLICY_HEAD = "schema_version: flakewarden-pilot-policy-v1\n";

test("acceptance 22: policy thresholds fill gaps; an event's own threshold wins; half a threshold is an error", async () => {
  const policy = { "policy.yaml": `${POLICY_HEAD}thresholds:\n  error_budget_burn_pct: { kind: max, value: 5 }\n` };
  const noThreshold = { signal_name: "error_budget_burn_pct", signal_value: 6, threshold_kind: undefined, threshold_value: undefined };
  const a = await run({ events: [wasm(noThreshold)] }, ["--policy", "policy.yaml"], policy);
  assert.equal(a.r.code, 1);
  assert.deepEqual(
    a.summary.threshold_evaluations.map((t: any) => [t.breach, t.threshold_source, t.threshold_kind, t.threshold_value]),
    [[true, "policy", "max", 5]],
  );
  assert.equal(a.summary.policy_file, "policy.yaml");
  const own = await run({ events: [wasm({ signal_name: "error_budget_burn_pct", signal_value: 6 })] }, ["--policy", "policy.yaml"], policy);
  assert.equal(own.r.code, 0, own.r.stderr);
  assert.equal(own.summary.threshold_evaluations[0].threshold_source, "event");
  const half = await evaluateInput({ events: [wasm({ ...noThreshold, threshold_kind: "max" })] }, ["--policy", "policy.yaml"], policy);
  assertExit2At(half.root, half.r, "$.events[0]");
  assert.deepEqual(problemLines(half.r), ["$.events[0]: threshold_kind and threshold_value must be given together"]);
  const none = await evaluateInput({ events: [wasm(noThreshold)] });
  assertExit2At(none.root, none.r, "$.events[0]");
  assert.deepEqual(problemLines(none.r), ["$.events[0]: missing fields: threshold_kind,threshold_value"]);
});

test("acceptance 23: a required signal without its native counterpart fails with missing_required_signal", async () => {
  const policy = { "policy.json": { schema_version: "flakewarden-pilot-policy-v1", frameworks: { react: { required_signals: ["incident_mtta_minutes"] } } } };
  const { r, summary, lines } = await run({ events: [wasm()] }, ["--policy", "policy.json"], policy);
  assert.equal(r.code, 1);
  assert.deepEqual(summary.missing_required_signals, [{ framework: "react", profile_family: "native", signal_name: "incident_mtta_minutes" }]);
  assert.deepEqual(summary.failure_reasons, ["missing_required_signal"]);
  assert.deepEqual(lines.at(-1).failure_reasons, ["missing_required_signal"]);
});

test("acceptance 24: policy framework tolerance applies unless the input gives a default", async () => {
  const policy = { "policy.yaml": `${POLICY_HEAD}frameworks:\n  react:\n    parity_tolerance_pct: 20\n` };
  const pair = [wasm({ signal_value: 10 }), native({ signal_value: 9 })];
  const a = await run({ events: pair }, ["--policy", "policy.yaml"], policy);
  assert.equal(a.r.code, 0, a.r.stderr);
  assert.equal(a.summary.parity_checks[0].tolerance_pct, 20);
  const b = await run({ parity_tolerance_pct_default: 3, events: pair }, ["--policy", "policy.yaml"], policy);
  assert.equal(b.r.code, 1);
  assert.equal(b.summary.parity_checks[0].tolerance_pct, 3);
  assert.equal(b.summary.parity_checks[0].breach, true);
});

test("acceptance 25: an invalid or unreadable policy is exit 2 naming the policy, before the input is read", async () => {
  const cases: [Record<string, string>, string, string][] = [
    [{ "p.yaml": `${POLICY_HEAD}colour: red\n` }, "p.yaml", "$.colour"],
    [{ "p.yaml": "schema_version: flakewarden-pilot-policy-v2\n" }, "p.yaml", "$.schema_version"],
    [{ "p.yaml": `${POLICY_HEAD}frameworks:\n  svelte: {}\n` }, "p.yaml", "$.frameworks.svelte"],
  ];
  for (const [files, name, at] of cases) {
    // The input is invalid too: only the policy (stage 3) is reported.
    const { root, r } = await evaluateInput('{"events": 1}', ["--policy", name], files);
    assertExit2At(root, r, at);
    assert.match(r.stderr, new RegExp(`^flakewarden pilot evaluate: ${name.replace(".", "\\.")}: invalid policy\\n`));
    assert.ok(!r.stderr.includes("$.events"));
  }
  const missing = await evaluateInput({ events: [wasm()] }, ["--policy", "absent.yaml"]);
  assertUsage(missing.r, /^flakewarden pilot evaluate: absent\.yaml: file not found\n$/);
  assert.ok(!has(missing.root, SUMMARY) && !has(missing.root, ALERTS));
  const dir = await evaluateInput({ events: [wasm()] }, ["--policy", "pdir"], { "pdir/x.txt": "x" });
  assertUsage(dir.r, /^flakewarden pilot evaluate: pdir: cannot read: is a directory\n$/);
  const badYaml = await evaluateInput({ events: [wasm()] }, ["--policy", "p.yaml"], { "p.yaml": "a: [1,\n" });
  assertUsage(badYaml.r, /^flakewarden pilot evaluate: p\.yaml: malformed YAML: /);
  const badJson = await evaluateInput({ events: [wasm()] }, ["--policy", "p.json"], { "p.json": "{,}" });
  assertUsage(badJson.r, /^flakewarden pilot evaluate: p\.json: malformed JSON at line 1 column 2\n$/);
  const notUtf8 = pilotTree();
  write(notUtf8, "p.yaml", new Uint8Array([0xff, 0xfe, 0x41]));
  const r = await evaluate(notUtf8, ["--telemetry-input", "telemetry_pass.json", "--policy", "p.yaml", "--now", PILOT_NOW]);
  assertUsage(r, /p\.yaml: cannot read: not valid UTF-8/);
});
