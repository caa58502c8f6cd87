// The entries open/resolve/sync write (gate.md §4.10): key order, appended keys, legacy notes.
import assert from "node:assert/strict";
import test from "node:test";
import { DEFAULT_REACTIVATION_CRITERIA, newOpenEntry, resolvedEntry } from "../src/index.ts";

const NOW = Date.parse("2026-03-10T12:00:00.987Z");

test("newOpenEntry writes the canonical keys in order, a floored Z timestamp, notes only with a comment", () => {
  const base = { id: "Q-1", suite: "s", severity: "medium" as const, owner: "o", slaHours: 168, replayCommand: "npm test", tracePointer: "t.json", now: NOW };
  const plain = newOpenEntry(base);
  assert.deepEqual(Object.keys(plain), [
    "id",
    "suite",
    "severity",
    "status",
    "owner",
    "opened_at_utc",
    "sla_hours",
    "replay_command",
    "trace_pointer",
    "reactivation_criteria",
  ]);
  assert.equal(plain.opened_at_utc, "2026-03-10T12:00:00Z");
  assert.equal(plain.status, "open");
  assert.equal(plain.reactivation_criteria, DEFAULT_REACTIVATION_CRITERIA);
  const withNotes = newOpenEntry({ ...base, comment: "c", reactivationCriteria: "3 clean reruns" });
  assert.deepEqual(withNotes.notes, { comment: "c" });
  assert.equal(withNotes.reactivation_criteria, "3 clean reruns");
  assert.equal(Object.keys(withNotes).at(-1), "notes");
});

test("resolvedEntry keeps key order, sets status and resolved_at_utc, appends notes", () => {
  const entry = { zeta: 1, id: "Q-X", status: "open", custom: { k: [1] }, opened_at_utc: "2026-03-01T00:00:00Z" };
  const out = resolvedEntry(entry, { rootCause: "timer race", fixRef: "PR#12", now: NOW });
  assert.deepEqual(Object.keys(out), ["zeta", "id", "status", "custom", "opened_at_utc", "resolved_at_utc", "notes"]);
  assert.equal(out.status, "resolved");
  assert.equal(out.resolved_at_utc, "2026-03-10T12:00:00Z");
  assert.deepEqual(out.notes, { root_cause: "timer race", fix_ref: "PR#12" });
  assert.equal(entry.status, "open", "the input entry is not modified");
});

test("resolvedEntry turns a legacy string note into its comment; an object note keeps its keys in place", () => {
  const legacy = resolvedEntry({ id: "a", notes: "old words", status: "open" }, { rootCause: "r", fixRef: "f", now: NOW });
  assert.deepEqual(Object.keys(legacy), ["id", "notes", "status", "resolved_at_utc"]);
  assert.deepEqual(legacy.notes, { comment: "old words", root_cause: "r", fix_ref: "f" });
  const replaced = resolvedEntry({ id: "a", notes: "old" }, { rootCause: "r", fixRef: "f", comment: "new", now: NOW });
  assert.deepEqual(replaced.notes, { comment: "new", root_cause: "r", fix_ref: "f" });
  const object = resolvedEntry({ id: "a", notes: { fix_ref: "old", other: "x" } }, { rootCause: "r", fixRef: "f", now: NOW });
  assert.deepEqual(object.notes, { fix_ref: "f", other: "x", root_cause: "r" });
  assert.deepEqual(Object.keys(object.notes as object), ["fix_ref", "other", "root_cause"]);
});
