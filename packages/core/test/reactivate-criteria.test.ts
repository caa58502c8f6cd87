// Reactivation criteria, attempt ids and evidence records (forensics.md §4.4 steps 1, 3–6).
import assert from "node:assert/strict";
import test from "node:test";
import {
  allMet,
  appendEvidence,
  attemptIdBase,
  attemptIdCandidate,
  evaluateReactivationCriteria,
  evidenceRecords,
  reactivationReport,
  recheckUnderLock,
  REMOTE_TRACE_POINTER_DETAIL,
  safeEntryId,
  usedAttemptIds,
  validateReactivationEvidence,
  type ReplayRunFacts,
  type TracePointerCheck,
} from "../src/index.ts";

const ATTEMPT = "ra-20260306T100000Z";
const TRACE: TracePointerCheck = { ok: true, display: "t/trace.json", sha256: "ab".repeat(32) };

function run(k: number, extra: Partial<ReplayRunFacts> = {}): ReplayRunFacts {
  return {
    run: k,
    runId: `${ATTEMPT}-${k}`,
    ts: "2026-03-06T10:00:00.000Z",
    status: "passed",
    exitCode: 0,
    signal: null,
    artifactDir: `target/flakewarden/reactivation/Q-1/${ATTEMPT}/run_${k}`,
    outputLog: `target/flakewarden/reactivation/Q-1/${ATTEMPT}/run_${k}/output.log`,
    outputCaptured: true,
    result: { kind: "json", source: "stdout", copy: null },
    fingerprint: "sha256:f1",
    certificate: { trace_fingerprint: "782198577955665544" },
    cases: null,
    detail: "exit code 0",
    ...extra,
  };
}

const ENTRY = {
  id: "Q-1",
  status: "open",
  replay_command: "node stub.mjs",
  trace_pointer: "t/trace.json",
  notes: { root_cause: "timer race", fix_ref: "PR#1" },
};

function unmetIds(runs: ReplayRunFacts[], trace = TRACE, entry: Record<string, unknown> = ENTRY): string[] {
  return evaluateReactivationCriteria(runs, trace, entry)
    .filter((c) => !c.met)
    .map((c) => c.id);
}

test("attempt ids: ra-<UTC stamp>, then -2, -3; unsafe id characters become _", () => {
  assert.equal(attemptIdBase(Date.parse("2026-03-06T10:00:00Z")), ATTEMPT);
  assert.equal(attemptIdBase(Date.parse("2026-03-06T11:30:59.999+01:00")), "ra-20260306T103059Z");
  assert.equal(attemptIdCandidate(ATTEMPT, 1), ATTEMPT);
  assert.equal(attemptIdCandidate(ATTEMPT, 3), `${ATTEMPT}-3`);
  assert.equal(safeEntryId("Q-a/b c:d.e_f"), "Q-a_b_c_d.e_f");
  assert.equal(safeEntryId(".."), "__");
  assert.deepEqual([...usedAttemptIds([{ attempt_id: "a" }, 3, { attempt_id: 2 }, { attempt_id: "b" }])], ["a", "b"]);
  assert.equal(usedAttemptIds("nope").size, 0);
});

test("three identical passing runs meet every criterion", () => {
  const criteria = evaluateReactivationCriteria([run(1), run(2), run(3)], TRACE, ENTRY);
  assert.deepEqual(
    criteria.map((c) => [c.id, c.met]),
    [
      ["consecutive_passes", true],
      ["identical_fingerprints", true],
      ["no_unstable_transitions", true],
      ["forensics_artifacts_attached", true],
      ["owner_notes_recorded", true],
    ],
  );
  assert.equal(allMet(criteria), true);
});

test("a different certificate in run 3 fails identical_fingerprints and names the field", () => {
  const criteria = evaluateReactivationCriteria(
    [run(1), run(2), run(3, { fingerprint: "sha256:f3", certificate: { trace_fingerprint: "782198577955665545" } })],
    TRACE,
    ENTRY,
  );
  const c = criteria.find((x) => x.id === "identical_fingerprints");
  assert.equal(c?.met, false);
  assert.match(c?.detail ?? "", /fingerprints differ from run 1: run 3/);
  assert.match(c?.detail ?? "", /trace_fingerprint: run_1=782198577955665544 run_3=782198577955665545/);
  assert.deepEqual(unmetIds([run(1), run(2), run(3, { certificate: { trace_fingerprint: "x" } })]), ["identical_fingerprints"]);
  assert.deepEqual(unmetIds([run(1), run(2, { fingerprint: null }), run(3)]), ["identical_fingerprints"]);
});

test("a failed run 2 fails consecutive_passes and no_unstable_transitions", () => {
  const criteria = evaluateReactivationCriteria([run(1), run(2, { status: "failed", exitCode: 1 }), run(3)], TRACE, ENTRY);
  assert.deepEqual(
    criteria.filter((c) => !c.met).map((c) => c.id),
    ["consecutive_passes", "no_unstable_transitions"],
  );
  assert.equal(criteria[0]?.detail, "2 of 3 runs passed; run 2 failed (exit code 1)");
  assert.equal(criteria[2]?.detail, "statuses differ across runs: passed, failed, passed");
});

test("all runs failing alike is stable but not passing", () => {
  const failed = { status: "failed" as const, exitCode: 1 };
  assert.deepEqual(unmetIds([run(1, failed), run(2, failed), run(3, failed)]), ["consecutive_passes"]);
});

test("a test case changing outcome, or missing from a run, is an unstable transition", () => {
  const cases = (status: "pass" | "fail") => [
    { id: "a", status: "pass" as const },
    { id: "b", status },
  ];
  assert.deepEqual(unmetIds([run(1, { cases: cases("pass") }), run(2, { cases: cases("pass") })]), []);
  const flipped = evaluateReactivationCriteria([run(1, { cases: cases("pass") }), run(2, { cases: cases("fail") })], TRACE, ENTRY);
  assert.equal(flipped[2]?.met, false);
  assert.equal(flipped[2]?.detail, "test cases change outcome: b");
  const missing = evaluateReactivationCriteria([run(1, { cases: cases("pass") }), run(2, { cases: [{ id: "a", status: "pass" }] })], TRACE, ENTRY);
  assert.equal(missing[2]?.detail, "test cases change outcome: b");
});

test("forensics_artifacts_attached needs captured output and a verified trace pointer", () => {
  assert.deepEqual(unmetIds([run(1), run(2, { outputCaptured: false })]), ["forensics_artifacts_attached"]);
  const remote = evaluateReactivationCriteria([run(1)], { ok: false, detail: REMOTE_TRACE_POINTER_DETAIL }, ENTRY);
  assert.equal(remote[3]?.met, false);
  assert.equal(remote[3]?.detail, "remote trace_pointer cannot be verified; attach the artifact locally");
});

test("owner_notes_recorded needs non-blank root_cause and fix_ref", () => {
  const notes = (n: unknown) => unmetIds([run(1)], TRACE, { ...ENTRY, notes: n });
  assert.deepEqual(notes({ root_cause: "x" }), ["owner_notes_recorded"]);
  assert.deepEqual(notes({ root_cause: "x", fix_ref: "  " }), ["owner_notes_recorded"]);
  assert.deepEqual(notes("legacy text"), ["owner_notes_recorded"]);
  assert.deepEqual(notes(undefined), ["owner_notes_recorded"]);
  const detail = evaluateReactivationCriteria([run(1)], TRACE, { ...ENTRY, notes: { root_cause: "x" } })[4]?.detail;
  assert.equal(detail, "notes.fix_ref missing or empty");
});

test("under the lock: fresh notes are judged, and a changed entry adds unmet entry_unchanged", () => {
  const before = evaluateReactivationCriteria([run(1)], TRACE, { ...ENTRY, notes: undefined });
  assert.equal(allMet(before), false);
  const fixed = recheckUnderLock(before, ENTRY, ENTRY);
  assert.equal(allMet(fixed), true);
  assert.equal(fixed.length, 5);
  const moved = recheckUnderLock(fixed, ENTRY, { ...ENTRY, status: "reactivated", trace_pointer: "other" });
  assert.equal(allMet(moved), false);
  assert.deepEqual(moved[5], {
    id: "entry_unchanged",
    met: false,
    detail: "entry changed while the replays ran: status is now reactivated, trace_pointer changed",
  });
  assert.equal(recheckUnderLock(fixed, ENTRY, { ...ENTRY, status: "resolved" }).length, 5);
});

test("evidence records carry the documented keys and pass the gate's rule", () => {
  const records = evidenceRecords(ATTEMPT, [run(1), run(2), run(3)], TRACE.ok ? TRACE.sha256 : null);
  assert.deepEqual(Object.keys(records[0] ?? {}), [
    "attempt_id",
    "run_id",
    "ts",
    "status",
    "exit_code",
    "fingerprint",
    "certificate",
    "artifact_dir",
    "trace_pointer_sha256",
  ]);
  const entry = {
    ...ENTRY,
    severity: "critical",
    status: "reactivated",
    reactivated_at_utc: "2026-03-06T10:00:00.000Z",
    reactivation_evidence: appendEvidence(undefined, records, 30),
  };
  assert.deepEqual(validateReactivationEvidence(entry, 3), { valid: true, unmet: [] });
  assert.deepEqual(validateReactivationEvidence(entry, 4).unmet, ["evidence_runs"]);
});

test("evidence is appended and trimmed to the newest records, never below this attempt's", () => {
  const old = Array.from({ length: 5 }, (_, i) => ({ attempt_id: "old", run_id: `old-${i}` }));
  const records = evidenceRecords(ATTEMPT, [run(1), run(2), run(3)], null);
  const kept = appendEvidence(old, records, 4);
  assert.equal(kept.length, 4);
  assert.deepEqual(kept[0], old[4]);
  assert.deepEqual(kept.slice(1), records);
  assert.deepEqual(appendEvidence(old, records, 2), records);
  assert.equal(appendEvidence(old, records, 30).length, 8);
});

test("the report lists runs and criteria with the verdict", () => {
  const runs = [run(1), run(2)];
  const criteria = evaluateReactivationCriteria(runs, TRACE, ENTRY);
  const report = reactivationReport({ entryId: "Q-1", attemptId: ATTEMPT, previousStatus: "open", newStatus: "reactivated", runs, criteria, reactivated: true });
  assert.deepEqual(Object.keys(report), ["schema_version", "entry_id", "attempt_id", "previous_status", "new_status", "runs", "criteria", "verdict"]);
  assert.equal(report.schema_version, "flakewarden-reactivation-report-v1");
  assert.equal(report.verdict, "reactivated");
  assert.equal(report.runs[1]?.run_id, `${ATTEMPT}-2`);
});
