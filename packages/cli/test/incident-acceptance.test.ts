// forensics.md §8 items 22–33: `flakewarden incident` end to end, in-process, on real files.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { assertNoCrash, exists, fixture, read, readJsonFile, runCli, write } from "./support/cli.ts";
import { DEPENDENCY, incident, MANIFEST, NOW, OPTIMIZATION, OUT, SECURITY, SECURITY_FAIL, SIX, tree } from "./support/incident.ts";

const out = (root: string, name: string): any => readJsonFile(root, `${OUT}/${name}`);
const check = (safety: any, id: string): any => safety.rollback_safety_checks.find((c: any) => c.check_id === id);

function openCritical(opened: string): object {
  return {
    schema_version: "wasm-flake-quarantine-v1",
    entries: [
      {
        id: "FLK-001",
        suite: "cross_seed_replay",
        severity: "critical",
        status: "open",
        owner: "runtime-core",
        opened_at_utc: opened,
        sla_hours: 24,
        replay_command: "npm test -- cross_seed_replay",
        trace_pointer: "traces/FLK-001.json",
      },
    ],
  };
}

test("forensics acceptance 22: failing critical security check → six files, gate fail, sev_1, exit 0 (--strict: 1)", async () => {
  const root = tree();
  const r = await incident(root);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  for (const name of SIX) assert.ok(exists(root, `${OUT}/${name}`), name);
  const safety = out(root, "rollback_safety_report.json");
  assert.equal(safety.gate_status, "fail");
  assert.equal(safety.severity, "sev_1");
  assert.equal(safety.severity_source, "derived");
  const security = safety.gate_reports.find((g: any) => g.path === SECURITY);
  assert.equal(security.verdict, "fail");
  assert.deepEqual(security.failing_checks.map((c: any) => c.check_id), ["SEC-BLOCK-01"]);
  assert.equal(safety.gate_reports.find((g: any) => g.path === DEPENDENCY).verdict, "pass");
  assert.equal(safety.gate_reports.find((g: any) => g.path === OPTIMIZATION).verdict_source, "schema_rule");
  const packet = out(root, "incident_response_packet.json");
  assert.equal(packet.incident.derived_severity, "sev_1");
  assert.deepEqual(packet.incident.trigger.failing_gate_reports, [SECURITY]);
  assert.deepEqual(packet.evidence.failing_checks.map((c: any) => c.check_id), ["SEC-BLOCK-01"]);
  assert.match(read(root, `${OUT}/rollback_instructions.md`), /SEC-BLOCK-01/);

  const strict = await incident(root, ["--strict"]);
  assertNoCrash(strict);
  assert.equal(strict.code, 1);
  for (const name of SIX) assert.ok(exists(root, `${OUT}/${name}`), name);
});

test("forensics acceptance 23: missing security report → listed as missing, gate fail, triage check fails", async () => {
  const root = tree(null);
  const r = await incident(root);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const safety = out(root, "rollback_safety_report.json");
  assert.deepEqual(safety.missing_gate_reports, [SECURITY]);
  assert.equal(safety.gate_status, "fail");
  assert.equal(check(safety, "wasm_gate_reports_captured_for_triage").status, "fail");
  assert.match(check(safety, "wasm_gate_reports_captured_for_triage").detail, /security_release_gate_report\.json/);
  assert.equal(safety.rollback_safety_status, "fail");
  const index = out(root, "artifact_index.json");
  assert.ok(index.missing.some((m: any) => m.path === SECURITY && m.role === "gate_report"));
});

test("forensics acceptance 24: security warn, others pass → gate warn, sev_3", async () => {
  const root = tree({ gate_status: "warn", check_results: [{ criterion_id: "SEC-BLOCK-05", status: "warn", severity: "medium" }] });
  const r = await incident(root, ["--strict"]);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const safety = out(root, "rollback_safety_report.json");
  assert.equal(safety.gate_status, "warn");
  assert.equal(safety.severity, "sev_3");
  assert.deepEqual(out(root, "incident_response_packet.json").incident.severity_reasons, ["gate status warn"]);
});

test("forensics acceptance 25: non-JSON, array, {} and the rollback drill table → invalid, invalid, unknown, unknown", async () => {
  const root = tree("not json {");
  write(root, "r/array.json", "[1, 2]\n");
  write(root, "r/empty.json", {});
  write(root, "r/rollback_drill.json", fixture("incident/rollback_drill.json"));
  const r = await incident(root, ["--gate-report", SECURITY, "--gate-report", "r/array.json", "--gate-report", "r/empty.json", "--gate-report", "r/rollback_drill.json"]);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const safety = out(root, "rollback_safety_report.json");
  assert.deepEqual(
    safety.gate_reports.map((g: any) => g.verdict),
    ["invalid", "invalid", "unknown", "unknown"],
  );
  assert.equal(safety.gate_reports[2].detail, "no verdict field (gate_status, gate.passed, verdict, status)");
  assert.deepEqual(safety.required_gate_reports, [SECURITY, "r/array.json", "r/empty.json", "r/rollback_drill.json"]);
  assert.equal(safety.gate_status, "fail");
});

test("forensics acceptance 26: bad --tag or --severity → exit 2 and earlier outputs deleted", async () => {
  for (const bad of [["--tag", "1.2"], ["--severity", "sev_4"]]) {
    const root = tree();
    assert.equal((await incident(root)).code, 0);
    for (const name of SIX) assert.ok(exists(root, `${OUT}/${name}`), name);
    const r = await runCli(root, ["incident", "--tag", "v1.4.0", "--now", NOW, ...bad]);
    assertNoCrash(r);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    const expected = bad[0] === "--tag" ? "ERROR: invalid --tag 1.2 (" : "ERROR: invalid value for --severity: sev_4 (expected sev_1 or sev_2 or sev_3)";
    assert.ok(r.stderr.startsWith(expected), r.stderr);
    for (const name of SIX) assert.equal(exists(root, `${OUT}/${name}`), false, name);
  }
});

test("forensics acceptance 27: same inputs and --now → byte-identical outputs", async () => {
  const root = tree(SECURITY_FAIL, { [MANIFEST]: openCritical("2026-03-05T04:00:00Z") });
  assert.equal((await incident(root)).code, 0);
  const first = SIX.map((name) => read(root, `${OUT}/${name}`));
  assert.equal((await incident(root)).code, 0);
  const second = SIX.map((name) => read(root, `${OUT}/${name}`));
  assert.deepEqual(second, first);
  // No absolute machine path leaks into any output.
  for (const text of first) assert.equal(text.includes(root), false);
});

test("forensics acceptance 28: communication protocol and postmortem requirement order", async () => {
  const root = tree();
  assert.equal((await incident(root)).code, 0);
  const packet = out(root, "incident_response_packet.json");
  const p = packet.communication_protocol;
  assert.equal(p.sev_1.initial_ack_sla_minutes, 5);
  assert.equal(p.sev_1.update_interval_minutes, 15);
  assert.deepEqual(p.sev_1.required_roles, ["release-captain", "security-oncall", "runtime-owner"]);
  assert.equal(p.sev_2.initial_ack_sla_minutes, 15);
  assert.equal(p.sev_2.update_interval_minutes, 30);
  assert.deepEqual(p.sev_2.required_roles, ["release-captain", "runtime-owner"]);
  assert.ok(p.sev_3);
  assert.equal(p.sev_3.initial_ack_sla_minutes, 1440);
  assert.equal(packet.artifact_revocation_strategy.npm_dist_tag_rollback_command_template, "npm dist-tag add <package>@<known-good-version> <tag>");
  assert.deepEqual(packet.artifact_revocation_strategy.required_artifacts, ["artifacts/npm/rollback_actions.txt", "artifacts/npm/rollback_outcome.json"]);
  assert.equal(packet.artifact_revocation_strategy.stable_channel_action, "demote stable->canary and freeze promotion until remediation bead is active");
  assert.deepEqual(packet.postmortem_requirements.slice(0, 5), [
    "incident_timeline_utc",
    "triggering_gate_and_evidence_links",
    "exact_repro_commands",
    "rollback_actions_and_verification_results",
    "owner_assigned_follow_up_bead",
  ]);
  const pm = out(root, "postmortem.json");
  assert.deepEqual(Object.keys(pm), [
    "schema_version", "incident_id", "status", "severity", "generated_at_utc", "title", "summary", "due_utc",
    ...packet.postmortem_requirements, "went_well", "went_wrong", "completion",
  ]);
  assert.equal(pm.completion.complete, false);
  assert.equal(pm.completion.unmet.length, 5);
});

test("forensics acceptance 29: partial npm failure → artifactized pass, verified fail; outcome alone → artifactized fail", async () => {
  const lines = ["npm dist-tag add @fwtest/core@1.0.0 latest", "npm dist-tag add @fwtest/locked@1.0.0 latest"];
  const outcome = {
    schema_version: "npm-rollback-outcome-v1",
    status: "partial_failure",
    rollback_version: "1.0.0",
    rollback_reason: "bad release",
    npm_tag: "latest",
    action_count: 2,
    actions_executed: lines,
    verification: { all_verified: false },
  };
  const root = tree(SECURITY_FAIL, { "artifacts/npm/rollback_outcome.json": outcome, "artifacts/npm/rollback_actions.txt": `${lines.join("\n")}\n` });
  assert.equal((await incident(root)).code, 0);
  let safety = out(root, "rollback_safety_report.json");
  assert.equal(check(safety, "rollback_reason_required_when_rollback_version_set").status, "pass");
  assert.equal(check(safety, "npm_rollback_actions_artifactized").status, "pass");
  assert.equal(check(safety, "npm_rollback_verified").status, "fail");
  assert.equal(safety.artifact_pointers.npm_rollback_outcome, "artifacts/npm/rollback_outcome.json");
  assert.equal(out(root, "incident_response_packet.json").evidence.npm_rollback.status, "partial_failure");

  fs.rmSync(path.join(root, "artifacts/npm/rollback_actions.txt"));
  assert.equal((await incident(root)).code, 0);
  safety = out(root, "rollback_safety_report.json");
  assert.equal(check(safety, "npm_rollback_actions_artifactized").status, "fail");
  assert.deepEqual(
    safety.rollback_safety_checks.map((c: any) => c.check_id),
    [
      "rollback_reason_required_when_rollback_version_set",
      "npm_rollback_actions_artifactized",
      "wasm_gate_reports_captured_for_triage",
      "deterministic_replay_commands_published",
      "npm_rollback_verified",
    ],
  );
});

test("forensics acceptance 30: open critical entry past its SLA → remaining -6 h, breached, owner paged, sev_1", async () => {
  const root = tree({ gate_status: "pass" }, { [MANIFEST]: openCritical("2026-03-05T04:00:00Z") });
  const r = await incident(root);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const packet = out(root, "incident_response_packet.json");
  const [entry] = packet.evidence.quarantine_entries;
  assert.equal(entry.id, "FLK-001");
  assert.deepEqual(entry.sla, { deadline_utc: "2026-03-06T04:00:00.000Z", remaining_hours: -6, breached: true });
  assert.deepEqual(packet.sla_clocks.quarantine, [{ entry_id: "FLK-001", deadline_utc: "2026-03-06T04:00:00.000Z", remaining_hours: -6, breached: true }]);
  assert.deepEqual(packet.owners_to_page, [{ owner: "runtime-core", reasons: ["quarantine entry FLK-001 (critical, open)"] }]);
  assert.equal(packet.incident.severity, "sev_1");
  assert.deepEqual(packet.incident.severity_reasons, ["critical quarantine entry FLK-001 is open"]);
  assert.ok(out(root, "rollback_safety_report.json").deterministic_repro_commands.includes("npm test -- cross_seed_replay"));
});

test("forensics acceptance 31: opened_at_utc without an offset → evidence error with its JSON path, no crash", async () => {
  const root = tree(SECURITY_FAIL, { [MANIFEST]: openCritical("2026-03-05T04:00:00") });
  const r = await incident(root);
  assertNoCrash(r);
  assert.equal(r.code, 0, r.stderr);
  const packet = out(root, "incident_response_packet.json");
  const paths = packet.evidence_errors.map((e: any) => e.path);
  assert.deepEqual(paths, [`${MANIFEST}#entries[0].opened_at_utc`]);
  assert.equal(packet.evidence.quarantine_entries[0].sla, null);
});

test("forensics acceptance 32: sev_2 declared on a Friday → postmortem due the next Tuesday", async () => {
  const root = tree(SECURITY_FAIL);
  const r = await incident(root, ["--severity", "sev_2"]);
  assert.equal(r.code, 0, r.stderr);
  const packet = out(root, "incident_response_packet.json");
  assert.equal(packet.incident.severity, "sev_2");
  assert.equal(packet.incident.severity_source, "flag");
  assert.equal(packet.incident.derived_severity, "sev_1");
  assert.equal(packet.sla_clocks.postmortem_due_utc, "2026-03-10T10:00:00.000Z");
  assert.equal(packet.sla_clocks.ack_due_utc, "2026-03-06T10:15:00.000Z");
  assert.equal(out(root, "postmortem.json").due_utc, "2026-03-10T10:00:00.000Z");
});

test("forensics acceptance 33: the reference security policy → SEC-BLOCK-01…07", async () => {
  const root = tree();
  assert.equal((await incident(root)).code, 0);
  const t = out(root, "release_traceability.json");
  assert.equal(t.schema_version, "wasm-release-traceability-v1");
  assert.equal(t.security_policy_status, "ok");
  assert.equal(t.security_policy_file, ".github/security_release_policy.json");
  assert.deepEqual(t.release_blocking_criteria, ["SEC-BLOCK-01", "SEC-BLOCK-02", "SEC-BLOCK-03", "SEC-BLOCK-04", "SEC-BLOCK-05", "SEC-BLOCK-06", "SEC-BLOCK-07"]);
  assert.equal(t.version, "1.4.0");
  assert.equal(t.prerelease, false);
});
