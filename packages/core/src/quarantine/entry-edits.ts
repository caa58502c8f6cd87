// The entries `quarantine open`, `sync` and `resolve` write (gate.md §4.10). Existing entries keep
// their key order and unknown keys; new keys are appended at the end.
import { isPlainObject, type Severity } from "../schemas/common.ts";
import { formatZulu } from "../timestamp.ts";

export const DEFAULT_REACTIVATION_CRITERIA =
  "three consecutive deterministic reruns pass with identical replay fingerprints; no unstable status transitions across reruns; forensics artifacts attached and replayable; root cause and fix reference recorded";

export interface NewEntryFields {
  id: string;
  suite: string;
  severity: Severity;
  owner: string;
  slaHours: number;
  replayCommand: string;
  tracePointer: string;
  reactivationCriteria?: string | undefined;
  comment?: string | undefined;
  now: number;
}

/** A new `open` entry: the canonical fields in manifest order, then notes when there is a comment. */
export function newOpenEntry(f: NewEntryFields): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    id: f.id,
    suite: f.suite,
    severity: f.severity,
    status: "open",
    owner: f.owner,
    opened_at_utc: formatZulu(f.now),
    sla_hours: f.slaHours,
    replay_command: f.replayCommand,
    trace_pointer: f.tracePointer,
    reactivation_criteria: f.reactivationCriteria ?? DEFAULT_REACTIVATION_CRITERIA,
  };
  if (f.comment !== undefined) entry.notes = { comment: f.comment };
  return entry;
}

export interface Resolution {
  rootCause: string;
  fixRef: string;
  comment?: string | undefined;
  now: number;
}

/**
 * The entry after `resolve`: status and resolved_at_utc set in place (or appended), notes turned
 * into an object (a legacy string becomes its comment) with root_cause, fix_ref and comment set.
 */
export function resolvedEntry(entry: Record<string, unknown>, r: Resolution): Record<string, unknown> {
  const out: Record<string, unknown> = { ...entry };
  out.status = "resolved";
  out.resolved_at_utc = formatZulu(r.now);
  let notes: Record<string, unknown>;
  if (typeof entry.notes === "string") notes = { comment: entry.notes };
  else if (isPlainObject(entry.notes)) notes = { ...entry.notes };
  else notes = {};
  notes.root_cause = r.rootCause;
  notes.fix_ref = r.fixRef;
  if (r.comment !== undefined) notes.comment = r.comment;
  // Assigning an existing key keeps its position; a new key goes last.
  out.notes = notes;
  return out;
}
