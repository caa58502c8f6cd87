// gate.md §8 acceptance items 10–14: per-entry WG-QUAR findings, timestamps, duplicates, WG-REACT.
import assert from "node:assert/strict";
import test from "node:test";
import { assertNoCrash, entry, exists, gate, hoursAgo, makeTree, manifest, PATHS, read, result, write } from "./support/cli.ts";

const HEAD = (verdict: "PASS" | "FAIL", checks: string): string =>
  `WASM flake governance gate: ${verdict}\n  Checks: ${checks}\n  Report: artifacts/wasm_flake_governance_report.json\n  Events: artifacts/wasm_flake_governance_events.ndjson\n`;
const HEALTHY_ONE = "quarantine healthy (entries=1, unresolved_high=0, unresolved_critical=0)";

function checkIds(report: any): string[] {
  return report.results.map((r: any) => r.check_id);
}

// ---------------------------------------------------------------------------------------------
// Acceptance 10
// ---------------------------------------------------------------------------------------------

test("acceptance 10: a naive opened_at_utc is WG-QUAR-009 with its path, exit 1, report written, empty stderr", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-N", "medium", "open", "2026-03-01T00:00:00", 168)]) });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  assert.ok(exists(root, PATHS.report));
  assert.ok(exists(root, PATHS.events));
  const detail = "open quarantine entry has invalid opened_at_utc: 2026-03-01T00:00:00 (expected ISO-8601 with an offset)";
  assert.equal(r.stdout, `${HEAD("FAIL", "5 pass, 1 fail")}  FAIL: [WG-QUAR-009] ${detail}\n`);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-009");
  assert.equal(quar.status, "fail");
  assert.equal(quar.detail, detail);
  assert.deepEqual(quar.findings, [
    { actual: null, check_id: "WG-QUAR-009", limit: null, message: detail, path: "entries[0].opened_at_utc", subject: "Q-N" },
  ]);
  assert.equal(r.report.gate_status, "fail");
  assert.deepEqual(r.report.metrics, { unresolved_critical: 0, unresolved_high: 0 });
  assert.equal(read(root, PATHS.events).trim().split("\n").length, 6);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 11
// ---------------------------------------------------------------------------------------------

test("acceptance 11: a list status is WG-QUAR-007 invalid quarantine status: [\"open\"]", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-S", "medium", ["open"] as unknown as string, hoursAgo(1), 168)]) });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-007");
  assert.equal(quar.detail, 'invalid quarantine status: ["open"]');
  assert.deepEqual(quar.findings, [
    {
      actual: null,
      check_id: "WG-QUAR-007",
      limit: null,
      message: 'invalid quarantine status: ["open"]',
      path: "entries[0].status",
      subject: "Q-S",
    },
  ]);
});

test("acceptance 11: sla_hours true is WG-QUAR-010 (booleans are not integers)", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-T", "medium", "open", hoursAgo(1), true)]) });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-010");
  assert.equal(quar.detail, "open quarantine entry requires positive integer sla_hours");
  assert.deepEqual(quar.findings, [
    {
      actual: null,
      check_id: "WG-QUAR-010",
      limit: null,
      message: "open quarantine entry requires positive integer sla_hours",
      path: "entries[0].sla_hours",
      subject: "Q-T",
    },
  ]);
});

test("acceptance 11: sla_hours 72.0 (written literally) is a valid integer", async () => {
  const e = entry("Q-I", "medium", "open", hoursAgo(1), 72);
  // JSON.stringify would print 72; write the literal 72.0 into the manifest bytes.
  const text = JSON.stringify(manifest([e]), null, 2).replace('"sla_hours": 72', '"sla_hours": 72.0');
  assert.ok(text.includes('"sla_hours": 72.0'));
  const root = makeTree({ [PATHS.manifest]: `${text}\n` });
  const r = await gate(root);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, HEAD("PASS", "6 pass, 0 fail"));
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-000");
  assert.equal(quar.detail, HEALTHY_ONE);
  assert.deepEqual(quar.findings, []);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 12
// ---------------------------------------------------------------------------------------------

test("acceptance 12: missing owner, critical open and bad severity give findings 006, 008, 011 in order", async () => {
  const q1 = entry("Q-1", "medium", "open", hoursAgo(1), 168);
  delete q1.owner;
  const root = makeTree({
    [PATHS.manifest]: manifest([
      q1,
      entry("Q-2", "critical", "open", hoursAgo(1), 24),
      entry("Q-3", "urgent", "open", hoursAgo(1), 168),
    ]),
  });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-006");
  assert.equal(quar.status, "fail");
  assert.equal(quar.detail, "quarantine entry missing fields: owner");
  assert.deepEqual(quar.findings, [
    {
      actual: null,
      check_id: "WG-QUAR-006",
      limit: null,
      message: "quarantine entry missing fields: owner",
      path: "entries[0].owner",
      subject: "owner",
    },
    {
      actual: null,
      check_id: "WG-QUAR-008",
      limit: null,
      message: "invalid quarantine severity: urgent",
      path: "entries[2].severity",
      subject: "Q-3",
    },
    {
      actual: 1,
      check_id: "WG-QUAR-011",
      limit: 0,
      message: "unresolved critical flakes breach (1 > 0)",
      path: "quality_thresholds.max_unresolved_critical_severity_flakes",
      subject: null,
    },
  ]);
  assert.equal(
    r.stdout,
    `${HEAD("FAIL", "5 pass, 1 fail")}` +
      "  FAIL: [WG-QUAR-006] quarantine entry missing fields: owner\n" +
      "    - [WG-QUAR-008] invalid quarantine severity: urgent\n" +
      "    - [WG-QUAR-011] unresolved critical flakes breach (1 > 0)\n",
  );
  assert.deepEqual(r.report.metrics, { unresolved_critical: 1, unresolved_high: 0 });
});

// ---------------------------------------------------------------------------------------------
// Acceptance 13
// ---------------------------------------------------------------------------------------------

test("acceptance 13: a numeric opened_at_utc on a resolved entry requires a string", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-9", "medium", "resolved", 12 as unknown as string, 168)]) });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-009");
  assert.equal(quar.detail, "resolved quarantine entry requires string opened_at_utc");
  assert.deepEqual(quar.findings, [
    {
      actual: null,
      check_id: "WG-QUAR-009",
      limit: null,
      message: "resolved quarantine entry requires string opened_at_utc",
      path: "entries[0].opened_at_utc",
      subject: "Q-9",
    },
  ]);
});

test("acceptance 13: a repeated id is WG-QUAR-014 naming both indices", async () => {
  const root = makeTree({
    [PATHS.manifest]: manifest([
      entry("Q-1", "medium", "open", hoursAgo(1), 168),
      entry("Q-1", "high", "open", hoursAgo(1), 72),
    ]),
  });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-014");
  assert.equal(quar.detail, "duplicate quarantine entry id Q-1 (entries[0] and entries[1])");
  // The later occurrence is not a valid entry, so its high severity is not counted.
  assert.deepEqual(quar.findings, [
    {
      actual: null,
      check_id: "WG-QUAR-014",
      limit: null,
      message: "duplicate quarantine entry id Q-1 (entries[0] and entries[1])",
      path: "entries[1].id",
      subject: "Q-1",
    },
  ]);
  assert.deepEqual(r.report.metrics, { unresolved_critical: 0, unresolved_high: 0 });
});

test("acceptance 13: opened one hour in the future is WG-QUAR-015; four minutes ahead is tolerated", async () => {
  const future = hoursAgo(-1);
  assert.equal(future, "2026-03-10T13:00:00Z");
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-F", "high", "open", future, 72)]) });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-015");
  assert.equal(quar.detail, "Q-F opened_at_utc is in the future (2026-03-10T13:00:00Z)");
  // A 015 entry is not valid: its high severity is not counted, so no WG-QUAR-011 part.
  assert.deepEqual(quar.findings, [
    {
      actual: null,
      check_id: "WG-QUAR-015",
      limit: null,
      message: "Q-F opened_at_utc is in the future (2026-03-10T13:00:00Z)",
      path: "entries[0].opened_at_utc",
      subject: "Q-F",
    },
  ]);
  assert.deepEqual(r.report.metrics, { unresolved_critical: 0, unresolved_high: 0 });

  const soon = hoursAgo(-4 / 60);
  assert.equal(soon, "2026-03-10T12:04:00Z");
  const ok = makeTree({ [PATHS.manifest]: manifest([entry("Q-F", "medium", "open", soon, 168)]) });
  const r2 = await gate(ok);
  assert.equal(r2.code, 0, r2.stdout + r2.stderr);
  const quar2 = result(r2.report, "WG-QUAR");
  assert.equal(quar2.check_id, "WG-QUAR-000");
  assert.equal(quar2.detail, HEALTHY_ONE);
  assert.deepEqual(quar2.findings, []);
});

// ---------------------------------------------------------------------------------------------
// Acceptance 14
// ---------------------------------------------------------------------------------------------

function evidenceRecord(k: number): Record<string, unknown> {
  return {
    attempt_id: "ra-20260310T100000Z",
    run_id: `ra-20260310T100000Z-${k}`,
    ts: "2026-03-10T10:00:00.000Z",
    status: "passed",
    exit_code: 0,
    fingerprint: "sha256:ab",
    certificate: null,
    artifact_dir: `r/${k}`,
  };
}

function provenEntry(): Record<string, unknown> {
  return entry("Q-R", "critical", "reactivated", hoursAgo(48), 24, {
    notes: { root_cause: "timer race", fix_ref: "PR#12" },
    reactivated_at_utc: "2026-03-10T10:00:01.000Z",
    reactivation_evidence: [1, 2, 3].map(evidenceRecord),
  });
}

const QUAR_R_OPEN = "unresolved critical flakes breach (1 > 0); Q-R breached entry SLA (48.0h > 24h)";

test("acceptance 14: a reactivated entry without evidence fails WG-REACT-001 and counts as open in WG-QUAR-011", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([entry("Q-R", "critical", "reactivated", hoursAgo(48), 24)]) });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  // §8 item 14 lists six criteria, but gate.md §4.7 / forensics.md §4.4 say the W-criteria hold vacuously with no evidence window; we follow the rule.
  const reactDetail = "Q-R reactivated without valid evidence: evidence_runs, reactivated_at_consistent, owner_notes_recorded";
  const react = result(r.report, "WG-REACT");
  assert.equal(react.check_id, "WG-REACT-001");
  assert.equal(react.status, "fail");
  assert.equal(react.detail, reactDetail);
  assert.equal(react.findings.length, 1);
  assert.equal(react.findings[0].check_id, "WG-REACT-001");
  assert.equal(react.findings[0].message, reactDetail);
  assert.equal(react.findings[0].subject, "Q-R");
  assert.equal(react.findings[0].actual, null);
  assert.equal(react.findings[0].limit, null);

  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-011");
  assert.equal(quar.detail, QUAR_R_OPEN);
  assert.deepEqual(
    quar.findings.map((f: any) => [f.message, f.subject, f.path, f.actual, f.limit]),
    [
      ["unresolved critical flakes breach (1 > 0)", null, "quality_thresholds.max_unresolved_critical_severity_flakes", 1, 0],
      ["Q-R breached entry SLA (48.0h > 24h)", "Q-R", "entries[0]", 48, 24],
    ],
  );
  assert.deepEqual(r.report.metrics, { unresolved_critical: 1, unresolved_high: 0 });
  assert.deepEqual(r.report.thresholds.reactivation_min_runs, { critical: 3, high: 3, low: 3, medium: 3 });
  assert.equal(
    r.stdout,
    `${HEAD("FAIL", "4 pass, 2 fail")}  FAIL: [WG-QUAR-011] ${QUAR_R_OPEN}\n  FAIL: [WG-REACT-001] ${reactDetail}\n`,
  );
});

test("acceptance 14: notes, reactivated_at_utc and three passing records give WG-REACT-000 and WG-QUAR-000", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([provenEntry()]) });
  const r = await gate(root);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, HEAD("PASS", "6 pass, 0 fail"));
  const react = result(r.report, "WG-REACT");
  assert.equal(react.check_id, "WG-REACT-000");
  assert.equal(react.detail, "reactivated entries carry valid evidence (1 checked)");
  assert.deepEqual(react.findings, []);
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-000");
  assert.equal(quar.detail, HEALTHY_ONE);
  assert.deepEqual(r.report.metrics, { unresolved_critical: 0, unresolved_high: 0 });
  assert.deepEqual(r.report.thresholds.reactivation_min_runs, { critical: 3, high: 3, low: 3, medium: 3 });
  assert.deepEqual(checkIds(r.report), ["WG-POLICY-000", "WG-DASH-000", "WG-QUAR-000", "WG-FORENSICS-000", "WG-REACT-000", "WG-REPLAY-000"]);
});

test("acceptance 14: config reactivate.min_runs 4 makes three records fail evidence_runs and sets every minRuns to 4", async () => {
  const root = makeTree({ [PATHS.manifest]: manifest([provenEntry()]) });
  write(root, "flakewarden.json", { reactivate: { min_runs: 4 } });
  const r = await gate(root);
  assertNoCrash(r);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, "");
  const react = result(r.report, "WG-REACT");
  assert.equal(react.check_id, "WG-REACT-001");
  assert.equal(react.detail, "Q-R reactivated without valid evidence: evidence_runs");
  assert.equal(react.findings.length, 1);
  assert.equal(react.findings[0].subject, "Q-R");
  assert.deepEqual(r.report.thresholds.reactivation_min_runs, { critical: 4, high: 4, low: 4, medium: 4 });
  // An entry failing WG-REACT counts as open (§4.5 step 6), so the critical count and SLA breach return.
  const quar = result(r.report, "WG-QUAR");
  assert.equal(quar.check_id, "WG-QUAR-011");
  assert.equal(quar.detail, QUAR_R_OPEN);
  assert.deepEqual(r.report.metrics, { unresolved_critical: 1, unresolved_high: 0 });
  // The manifest is read, never edited, by the gate.
  assert.equal(JSON.parse(read(root, PATHS.manifest)).entries[0].status, "reactivated");
});
