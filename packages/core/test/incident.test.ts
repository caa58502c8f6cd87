// Pure incident decisions: gate-report verdicts, severity, safety checks, clocks, postmortem completion.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  addBusinessDays,
  assembleIncident,
  evaluatePostmortemCompletion,
  overallGateStatus,
  reportVerdict,
  rollbackSafetyChecks,
  slaClock,
  type IncidentInputs,
  type LoadedJson,
} from "../src/index.ts";

const json = (value: unknown, path = "r.json"): LoadedJson => ({ kind: "json", path, value });
const NOW = Date.parse("2026-03-06T10:00:00Z");

test("reportVerdict follows the first matching rule", () => {
  assert.equal(reportVerdict({ kind: "missing", path: "x" }).verdict, "missing");
  assert.equal(reportVerdict({ kind: "invalid-json", path: "x", line: 1, column: 1, problem: "bad" }).verdict, "invalid");
  assert.equal(reportVerdict(json([1])).verdict, "invalid");
  assert.equal(reportVerdict(json({ schema_version: "wasm-optimization-pipeline-summary-v1", gate_status: "fail" })).verdict, "pass");
  assert.deepEqual(
    [reportVerdict(json({ gate_status: "warn" })).verdict, reportVerdict(json({ gate_status: "bogus" })).verdict],
    ["warn", "unknown"],
  );
  assert.equal(reportVerdict(json({ gate: { passed: false }, verdict: "pass" })).verdict, "fail");
  assert.equal(reportVerdict(json({ verdict: "warn" })).verdict_source, "verdict");
  assert.equal(reportVerdict(json({ status: "failed" })).verdict, "fail");
  assert.equal(reportVerdict(json({ status: "passed" })).verdict, "pass");
  assert.equal(reportVerdict(json({})).verdict, "unknown");
});

test("failing checks come from the first check array, plus gate.passed counts", () => {
  const r = reportVerdict(
    json({
      gate: { passed: false, forbidden_count: 2, expired_transition_count: 0 },
      results: [{ clause_id: "C1", status: "failed", detail: "d" }, { status: "warn" }, { id: "ok", status: "pass" }],
      checks: [{ id: "ignored", status: "fail" }],
    }),
  );
  assert.deepEqual(r.failing_checks, [
    { check_id: "C1", status: "failed", detail: "d", severity: null, blocks_release: null },
    { check_id: "results[1]", status: "warn", detail: "", severity: null, blocks_release: null },
    { check_id: "gate.passed", status: "fail", detail: "forbidden_count=2, expired_transition_count=0", severity: null, blocks_release: null },
  ]);
});

test("overall gate status fails closed", () => {
  assert.equal(overallGateStatus([]), "pass");
  assert.equal(overallGateStatus(["pass", "warn"]), "warn");
  assert.equal(overallGateStatus(["warn", "unknown"]), "fail");
  assert.equal(overallGateStatus(["missing"]), "fail");
});

test("business days skip the weekend and keep the time of day", () => {
  assert.equal(addBusinessDays(NOW, 2), "2026-03-10T10:00:00.000Z");
  assert.equal(addBusinessDays(Date.parse("2026-03-04T23:30:00Z"), 2), "2026-03-06T23:30:00.000Z");
});

test("SLA clock: remaining hours rounded, breach is strict", () => {
  assert.deepEqual(slaClock(Date.parse("2026-03-05T04:00:00Z"), 24, NOW), { deadline_utc: "2026-03-06T04:00:00.000Z", remaining_hours: -6, breached: true });
  assert.equal(slaClock(Date.parse("2026-03-05T10:00:00Z"), 24, NOW).breached, false);
  assert.equal(slaClock(Date.parse("2026-03-06T09:00:00Z"), 1.5, NOW).remaining_hours, 0.5);
});

test("rollback safety: reason required, actions must match the outcome", () => {
  const npm = {
    status: "succeeded",
    rollback_version: "1.0.0",
    rollback_reason: "  ",
    npm_tag: "latest",
    packages: [],
    action_count: 1,
    actions_executed: ["a"],
    all_verified: true,
    generated_at_utc: null,
  };
  const checks = rollbackSafetyChecks({
    npm,
    npmOutcomeExists: true,
    npmOutcomeUnreadable: false,
    npmActions: { kind: "text", path: "x", text: "a\nb\n" },
    uncapturedReports: [],
    reproCommands: ["x"],
    withoutReplay: ["suite s"],
  });
  assert.deepEqual(checks.map((c) => c.status), ["fail", "fail", "pass", "fail", "pass"]);
});

function inputs(over: Partial<IncidentInputs> = {}): IncidentInputs {
  return {
    tag: "v2.0.0-rc.1",
    now: NOW,
    severityFlag: null,
    config: {},
    minReactivationRuns: 3,
    securityPolicy: { path: "p.json", load: { kind: "missing", path: "p.json" } },
    gateReports: [],
    dashboard: null,
    manifest: null,
    drill: null,
    npmOutcome: { path: "o.json", load: { kind: "missing", path: "o.json" } },
    npmActions: { kind: "missing", path: "a.txt" },
    inputArtifacts: { entries: [], missing: [] },
    outputs: { traceability: "t", rollback_guidance: "g", incident_packet: "i", postmortem: "pm", artifact_index: "ai" },
    evidenceErrors: [],
    ...over,
  };
}

test("severity: a high entry gives sev_2; a prerelease drill mismatch is not sev_1", () => {
  const manifest = json({ entries: [{ id: "E2", suite: "s", severity: "high", status: "open", owner: "o", replay_command: "r" }] }, "m.json");
  const drillSummary = json({ status: "failed", failure_kinds: ["determinism_mismatch"], ended_ts: "2026-03-06T09:00:00Z" }, "d/incident_summary.json");
  const a = assembleIncident(
    inputs({
      manifest: { path: "m.json", load: manifest },
      drill: { dir: "d", summary: { path: "d/incident_summary.json", load: drillSummary }, bundle: { path: "d/repro_bundle.json", load: { kind: "missing", path: "b" } } },
    }),
  );
  assert.equal(a.packet.incident.derived_severity, "sev_2");
  assert.deepEqual(a.packet.incident.severity_reasons, ["drill failed: determinism_mismatch", "high quarantine entry E2 is open"]);
  assert.equal(a.packet.incident.channel, "prerelease");
  assert.equal(a.traceability.security_policy_status, "missing");
  // The drill has no replay command, so the replay check names it.
  assert.match(a.safety.rollback_safety_checks[3]?.detail ?? "", /drill d/);
});

test("severity: nothing wrong is sev_3 with its reason; config owners page on non-pass reports", () => {
  const a = assembleIncident(inputs());
  assert.equal(a.packet.incident.severity, "sev_3");
  assert.deepEqual(a.packet.incident.severity_reasons, ["no sev_1 or sev_2 trigger"]);
  assert.equal(a.packet.sla_clocks.postmortem_due_utc, null);
  const b = assembleIncident(
    inputs({
      config: { owners: { "security-release-gate-report-v1": ["sec-team"] } },
      gateReports: [
        {
          path: "s.json",
          sha256: null,
          size_bytes: null,
          load: json({
            schema_version: "security-release-gate-report-v1",
            gate_status: "fail",
            escalation: { high_findings: { owner_routing: "appsec" } },
            check_results: [{ criterion_id: "SEC-3", status: "fail", severity: "high" }],
          }),
        },
      ],
    }),
  );
  assert.equal(b.packet.incident.derived_severity, "sev_1");
  assert.deepEqual(b.packet.owners_to_page, [
    { owner: "appsec", reasons: ["s.json: SEC-3 (high)"] },
    { owner: "sec-team", reasons: ["configured for security-release-gate-report-v1"] },
  ]);
});

test("postmortem completion: a filled review is complete, a draft has five unmet", () => {
  assert.equal(evaluatePostmortemCompletion({}).unmet.length, 5);
  const done = evaluatePostmortemCompletion({
    root_cause: { summary: "race" },
    owner_assigned_follow_up_bead: { owner: "a", ref: "B-1" },
    prevention_checks: [{ owner: "a", due_date: "2026-04-01", deterministic_validation: "flakewarden drill --seed 1" }],
    rollback_lifted_via_gate: { lifted: true, evidence: "gate.json" },
  });
  assert.deepEqual(done, { complete: true, unmet: [] });
});
