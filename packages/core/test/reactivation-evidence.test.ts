// validateReactivationEvidence: the gate rule of forensics.md §4.4 (used by WG-REACT, gate.md §4.7).
import assert from "node:assert/strict";
import test from "node:test";
import { REACTIVATION_CRITERIA, validateReactivationEvidence } from "../src/index.ts";

const ATTEMPT = "ra-20260310T100000Z";
const RUN_TS = "2026-03-10T10:00:00.000Z";

/** One evidence record as `flakewarden reactivate` writes it (gate.md §8 item 14). */
function record(k: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    attempt_id: ATTEMPT,
    run_id: `${ATTEMPT}-${k}`,
    ts: RUN_TS,
    status: "passed",
    exit_code: 0,
    fingerprint: "sha256:ab",
    certificate: null,
    artifact_dir: `r/${k}`,
    ...extra,
  };
}

function window3(): Record<string, unknown>[] {
  return [record(1), record(2), record(3)];
}

/** A reactivated entry that satisfies every criterion with minRuns 3. */
function reactivated(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "Q-R",
    suite: "cross_seed_replay",
    severity: "critical",
    status: "reactivated",
    owner: "runtime-core",
    opened_at_utc: "2026-03-08T12:00:00Z",
    sla_hours: 24,
    replay_command: "npm test",
    trace_pointer: "t/Q-R.json",
    reactivation_criteria: "3 clean reruns",
    notes: { root_cause: "timer race", fix_ref: "PR#12" },
    reactivated_at_utc: "2026-03-10T10:00:01.000Z",
    reactivation_evidence: window3(),
    ...extra,
  };
}

function without(entry: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...entry };
  delete copy[key];
  return copy;
}

function unmet(entry: Record<string, unknown>, minRuns = 3): string[] {
  const verdict = validateReactivationEvidence(entry, minRuns);
  assert.equal(verdict.valid, verdict.unmet.length === 0, "valid must mean no unmet criterion");
  return verdict.unmet;
}

test("the criteria are listed in the documented order", () => {
  assert.deepEqual(
    [...REACTIVATION_CRITERIA],
    [
      "evidence_runs",
      "consecutive_passes",
      "identical_fingerprints",
      "evidence_fields",
      "reactivated_at_consistent",
      "owner_notes_recorded",
      "trace_pointer_recorded",
    ],
  );
});

test("a valid 3-record window passes every criterion", () => {
  assert.deepEqual(validateReactivationEvidence(reactivated(), 3), { valid: true, unmet: [] });
});

test("minRuns 4 with three records fails evidence_runs only", () => {
  assert.deepEqual(validateReactivationEvidence(reactivated(), 4), { valid: false, unmet: ["evidence_runs"] });
});

test("more records than minRuns, or a smaller minRuns, still passes", () => {
  const four = [...window3(), record(4)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: four }), 4), []);
  assert.deepEqual(unmet(reactivated(), 1), []);
});

test("a failed, timed-out or errored run fails consecutive_passes", () => {
  for (const status of ["failed", "timeout", "error", "PASSED", null]) {
    const evidence = [record(1), record(2, { status }), record(3)];
    assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["consecutive_passes"], String(status));
  }
  // A missing status is not a pass either.
  const evidence = [record(1), without(record(2), "status"), record(3)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["consecutive_passes"]);
});

test("differing fingerprints fail identical_fingerprints", () => {
  const evidence = [record(1), record(2), record(3, { fingerprint: "sha256:cd" })];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["identical_fingerprints"]);
});

test("fingerprints must be non-empty strings even when all equal", () => {
  for (const fingerprint of ["", null, 42]) {
    const evidence = [record(1, { fingerprint }), record(2, { fingerprint }), record(3, { fingerprint })];
    assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["identical_fingerprints"], String(fingerprint));
  }
  const evidence = [without(record(1), "fingerprint"), without(record(2), "fingerprint"), without(record(3), "fingerprint")];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["identical_fingerprints"]);
});

test("differing certificates fail identical_fingerprints", () => {
  const evidence = [record(1, { certificate: { a: 1 } }), record(2, { certificate: { a: 1 } }), record(3, { certificate: { a: 2 } })];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["identical_fingerprints"]);
  const mixed = [record(1, { certificate: null }), record(2, { certificate: "x" }), record(3, { certificate: null })];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: mixed })), ["identical_fingerprints"]);
  // Array order is significant.
  const arrays = [record(1, { certificate: [1, 2] }), record(2, { certificate: [1, 2] }), record(3, { certificate: [2, 1] })];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: arrays })), ["identical_fingerprints"]);
  // A string is not the number it spells.
  const types = [record(1, { certificate: "1" }), record(2, { certificate: "1" }), record(3, { certificate: 1 })];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: types })), ["identical_fingerprints"]);
});

test("certificates compare as canonical JSON: key order does not matter", () => {
  const evidence = [
    record(1, { certificate: { a: 1, b: 2 } }),
    record(2, { certificate: { b: 2, a: 1 } }),
    record(3, { certificate: { a: 1, b: 2 } }),
  ];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), []);
  const nested = [
    record(1, { certificate: { outer: { c: [1, { y: 2, x: 1 }], d: "s" } } }),
    record(2, { certificate: { outer: { d: "s", c: [1, { x: 1, y: 2 }] } } }),
    record(3, { certificate: { outer: { c: [1, { x: 1, y: 2 }], d: "s" } } }),
  ];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: nested })), []);
});

test("null certificates equal null, and an absent certificate counts as null", () => {
  const evidence = [record(1, { certificate: null }), without(record(2), "certificate"), record(3, { certificate: null })];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), []);
});

test("a record missing ts fails evidence_fields", () => {
  const evidence = [record(1), without(record(2), "ts"), record(3)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["evidence_fields"]);
});

test("a record with a naive or invalid ts fails evidence_fields", () => {
  for (const ts of ["2026-03-10T10:00:00", "2026-03-10 10:00:00Z", "2026-02-30T10:00:00Z", 1773136800000, ""]) {
    const evidence = [record(1), record(2), record(3, { ts })];
    assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["evidence_fields"], String(ts));
  }
});

test("a record missing run_id or artifact_dir fails evidence_fields", () => {
  for (const key of ["run_id", "artifact_dir"]) {
    const evidence = [record(1), record(2), without(record(3), key)];
    assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["evidence_fields"], key);
  }
  const blank = [record(1, { run_id: "" }), record(2), record(3)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: blank })), ["evidence_fields"]);
});

test("any offset-bearing ts is accepted (Z, +00:00, other offsets, microseconds)", () => {
  const evidence = [
    record(1, { ts: "2026-03-10T10:00:00Z" }),
    record(2, { ts: "2026-03-10T11:00:00+01:00" }),
    record(3, { ts: "2026-03-10T10:00:00.000999+00:00" }),
  ];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), []);
});

test("reactivated_at_utc before the latest ts fails reactivated_at_consistent", () => {
  assert.deepEqual(unmet(reactivated({ reactivated_at_utc: "2026-03-10T09:59:59.999Z" })), ["reactivated_at_consistent"]);
});

test("the latest ts is the maximum over W, not the last record's", () => {
  const evidence = [
    record(1, { ts: "2026-03-10T10:00:00.000Z" }),
    record(2, { ts: "2026-03-10T10:00:05.000Z" }),
    record(3, { ts: "2026-03-10T10:00:02.000Z" }),
  ];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence, reactivated_at_utc: "2026-03-10T10:00:03.000Z" })), [
    "reactivated_at_consistent",
  ]);
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence, reactivated_at_utc: "2026-03-10T10:00:05.000Z" })), []);
});

test("reactivated_at_utc equal to the latest ts is consistent, compared as instants", () => {
  assert.deepEqual(unmet(reactivated({ reactivated_at_utc: RUN_TS })), []);
  assert.deepEqual(unmet(reactivated({ reactivated_at_utc: "2026-03-10T11:00:00+01:00" })), []);
  assert.deepEqual(unmet(reactivated({ reactivated_at_utc: "2026-03-10T10:59:59+01:00" })), ["reactivated_at_consistent"]);
});

test("a missing, naive or non-string reactivated_at_utc fails reactivated_at_consistent", () => {
  assert.deepEqual(unmet(without(reactivated(), "reactivated_at_utc")), ["reactivated_at_consistent"]);
  assert.deepEqual(unmet(reactivated({ reactivated_at_utc: "2026-03-10T10:00:01" })), ["reactivated_at_consistent"]);
  assert.deepEqual(unmet(reactivated({ reactivated_at_utc: null })), ["reactivated_at_consistent"]);
  assert.deepEqual(unmet(reactivated({ reactivated_at_utc: 1773136801000 })), ["reactivated_at_consistent"]);
});

test("notes missing fix_ref fail owner_notes_recorded", () => {
  assert.deepEqual(unmet(reactivated({ notes: { root_cause: "timer race" } })), ["owner_notes_recorded"]);
});

test("notes without root_cause, blank members, a legacy string or no notes fail owner_notes_recorded", () => {
  const cases: unknown[] = [
    { fix_ref: "PR#12" },
    { root_cause: "", fix_ref: "PR#12" },
    // forensics.md §4.4 step 4: non-empty after trim.
    { root_cause: "timer race", fix_ref: "   " },
    { root_cause: "timer race", fix_ref: 12 },
    "root cause: timer race; fix PR#12",
    null,
    ["timer race", "PR#12"],
  ];
  for (const notes of cases) {
    assert.deepEqual(unmet(reactivated({ notes })), ["owner_notes_recorded"], JSON.stringify(notes));
  }
  assert.deepEqual(unmet(without(reactivated(), "notes")), ["owner_notes_recorded"]);
  // Extra members (comment) are fine.
  assert.deepEqual(unmet(reactivated({ notes: { root_cause: "r", fix_ref: "f", comment: "c" } })), []);
});

test("a blank or missing trace_pointer fails trace_pointer_recorded", () => {
  assert.deepEqual(unmet(reactivated({ trace_pointer: "" })), ["trace_pointer_recorded"]);
  assert.deepEqual(unmet(reactivated({ trace_pointer: null })), ["trace_pointer_recorded"]);
  assert.deepEqual(unmet(reactivated({ trace_pointer: 7 })), ["trace_pointer_recorded"]);
  assert.deepEqual(unmet(without(reactivated(), "trace_pointer")), ["trace_pointer_recorded"]);
});

test("absent evidence: evidence_runs unmet, the W criteria hold vacuously", () => {
  assert.deepEqual(validateReactivationEvidence(without(reactivated(), "reactivation_evidence"), 3), {
    valid: false,
    unmet: ["evidence_runs"],
  });
});

test("evidence that is not an array: evidence_runs only", () => {
  for (const evidence of ["x", {}, { 0: record(1) }, 3, null]) {
    assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["evidence_runs"], JSON.stringify(evidence));
  }
});

test("empty evidence: evidence_runs only, even with minRuns 0", () => {
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: [] })), ["evidence_runs"]);
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: [] }), 0), ["evidence_runs"]);
});

test("last record not an object (or without a non-empty attempt_id): W is empty, evidence_runs only", () => {
  const lasts: unknown[] = ["junk", null, 7, [record(4)], without(record(4), "attempt_id"), record(4, { attempt_id: "" }), record(4, { attempt_id: 5 })];
  for (const last of lasts) {
    const evidence = [...window3(), last];
    assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["evidence_runs"], JSON.stringify(last));
  }
});

test("with an empty W, the other failures come from the entry itself (gate.md §8 item 14's entry)", () => {
  // No evidence, no notes, no reactivated_at_utc: reactivated_at_consistent needs a parsable value.
  const bare = without(without(without(reactivated(), "reactivation_evidence"), "notes"), "reactivated_at_utc");
  assert.deepEqual(unmet(bare), ["evidence_runs", "reactivated_at_consistent", "owner_notes_recorded"]);
  // Empty W and a blank trace pointer.
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: [], trace_pointer: "" })), ["evidence_runs", "trace_pointer_recorded"]);
});

test("W only counts the trailing records of the last attempt: an older failed attempt does not matter", () => {
  const old = "ra-20260309T100000Z";
  const older = [1, 2, 3].map((k) =>
    record(k, { attempt_id: old, run_id: `${old}-${k}`, status: "failed", exit_code: 1, fingerprint: `sha256:0${k}`, ts: "2026-03-09T10:00:00.000Z" }),
  );
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: [...older, ...window3()] })), []);
});

test("an older attempt's records are not counted toward minRuns", () => {
  const old = "ra-20260309T100000Z";
  const older = [1, 2, 3].map((k) => record(k, { attempt_id: old, run_id: `${old}-${k}` }));
  const evidence = [...older, record(1), record(2)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["evidence_runs"]);
});

test("W is the trailing run: records of the last attempt before another attempt's record are outside it", () => {
  const other = record(9, { attempt_id: "ra-20260309T100000Z", status: "failed" });
  const evidence = [record(1), other, record(2), record(3)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), ["evidence_runs"]);
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence }), 2), []);
});

test("a non-object record before the trailing window ends it and is not counted", () => {
  const evidence = [record(1), "junk", record(2), record(3), record(4)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence })), []);
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence }), 4), ["evidence_runs"]);
});

test("an older attempt's later ts does not affect reactivated_at_consistent", () => {
  const old = "ra-20260310T110000Z";
  const later = record(1, { attempt_id: old, run_id: `${old}-1`, ts: "2026-03-10T11:00:00.000Z", status: "failed" });
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: [later, ...window3()] })), []);
});

test("several failures are listed in the documented order", () => {
  const evidence = [record(1, { status: "failed" }), record(2, { fingerprint: "sha256:cd" }), record(3)];
  assert.deepEqual(unmet(reactivated({ reactivation_evidence: evidence, notes: { root_cause: "x" }, trace_pointer: "" })), [
    "consecutive_passes",
    "identical_fingerprints",
    "owner_notes_recorded",
    "trace_pointer_recorded",
  ]);
});

test("everything wrong: all seven criteria unmet, in order", () => {
  const evidence = [record(1, { status: "failed", fingerprint: "sha256:01" }), without(record(2), "ts"), record(3)];
  const entry = without(reactivated({ reactivation_evidence: evidence, reactivated_at_utc: "2026-03-10T09:00:00Z", trace_pointer: "" }), "notes");
  assert.deepEqual(validateReactivationEvidence(entry, 4), { valid: false, unmet: [...REACTIVATION_CRITERIA] });
});

test("the entry is not modified", () => {
  const entry = reactivated();
  const before = JSON.stringify(entry);
  validateReactivationEvidence(entry, 3);
  assert.equal(JSON.stringify(entry), before);
});
