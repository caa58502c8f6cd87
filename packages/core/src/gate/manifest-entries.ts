// Per-entry validation of the quarantine manifest (gate.md §4.5 B, 014, 015).
// Shared by the gate, `quarantine list`, burndown and every manifest edit.
import { show } from "../format.ts";
import { isPlainObject, isPositiveInteger, present, SEVERITIES } from "../schemas/common.ts";
import { CANONICAL_ENTRY_FIELDS, ENTRY_STRING_FIELDS, isValidNotes } from "../schemas/manifest.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { parseTimestamp } from "../timestamp.ts";
import { finding, type Finding } from "./finding.ts";

/** Future timestamps are tolerated up to this skew (clock drift between machines). */
export const FUTURE_SKEW_MS = 300_000;

export interface EntryValidation {
  /** All findings in report order: every B finding, then 014, then 015. */
  ordered: Finding[];
  /** Findings per entry index. */
  byEntry: Finding[][];
  /** An entry is valid when it has no B or 015 finding and is not a later duplicate. */
  valid: boolean[];
}

/** `<subject>` of an entry in messages. */
export function entrySubject(entry: unknown, index: number): string {
  if (isPlainObject(entry) && typeof entry.id === "string" && entry.id.length > 0) return show(entry.id);
  return `entries[${index}]`;
}

/** The finding's `subject` field: the raw id when it is a non-empty string. */
function rawId(entry: unknown): string | null {
  return isPlainObject(entry) && typeof entry.id === "string" && entry.id.length > 0 ? entry.id : null;
}

export function requiredEntryFields(policy: ResolvedPolicy): string[] {
  const extras = policy.quarantine.required_fields.filter((f) => !(CANONICAL_ENTRY_FIELDS as readonly string[]).includes(f));
  return [...CANONICAL_ENTRY_FIELDS, ...new Set(extras)];
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

function entryFindings(entry: unknown, index: number, policy: ResolvedPolicy, required: readonly string[]): Finding[] {
  if (!isPlainObject(entry)) return [finding("WG-QUAR-005", "quarantine entries must be objects", { path: `entries[${index}]` })];
  const out: Finding[] = [];
  const id = rawId(entry);
  const at = `entries[${index}]`;

  let missing: string[] | null = null;
  for (const f of required) if (!present(entry[f])) (missing ??= []).push(f);
  if (missing !== null) {
    out.push(
      finding("WG-QUAR-006", `quarantine entry missing fields: ${missing.join(", ")}`, {
        subject: missing.join(", "),
        path: missing.length === 1 ? `${at}.${missing[0]}` : at,
      }),
    );
  }
  const statusValid = typeof entry.status === "string" && policy.quarantine.statuses.includes(entry.status);
  if (present(entry.status) && !statusValid) {
    out.push(finding("WG-QUAR-007", `invalid quarantine status: ${show(entry.status)}`, { subject: id, path: `${at}.status` }));
  }
  if (present(entry.severity) && !(typeof entry.severity === "string" && (SEVERITIES as readonly string[]).includes(entry.severity))) {
    out.push(finding("WG-QUAR-008", `invalid quarantine severity: ${show(entry.severity)}`, { subject: id, path: `${at}.severity` }));
  }
  const st = statusValid ? `${entry.status as string} ` : "";
  if (present(entry.opened_at_utc)) {
    if (typeof entry.opened_at_utc !== "string") {
      out.push(finding("WG-QUAR-009", `${st}quarantine entry requires string opened_at_utc`, { subject: id, path: `${at}.opened_at_utc` }));
    } else if (parseTimestamp(entry.opened_at_utc) === null) {
      out.push(
        finding(
          "WG-QUAR-009",
          `${st}quarantine entry has invalid opened_at_utc: ${show(entry.opened_at_utc)} (expected ISO-8601 with an offset)`,
          { subject: id, path: `${at}.opened_at_utc` },
        ),
      );
    }
  }
  if (present(entry.sla_hours) && !isPositiveInteger(entry.sla_hours)) {
    out.push(finding("WG-QUAR-010", `${st}quarantine entry requires positive integer sla_hours`, { subject: id, path: `${at}.sla_hours` }));
  }
  const bad012 = (field: string, what: string): void => {
    out.push(finding("WG-QUAR-012", `${entrySubject(entry, index)}: ${field} ${what}`, { subject: id, path: `${at}.${field}` }));
  };
  for (const field of ENTRY_STRING_FIELDS) {
    const v = entry[field];
    if (present(v) && !(typeof v === "string" && v.trim().length > 0)) bad012(field, "must be a non-empty string");
  }
  for (const field of ["resolved_at_utc", "reactivated_at_utc"]) {
    if (present(entry[field]) && parseTimestamp(entry[field]) === null) bad012(field, "must be an ISO-8601 timestamp with an offset");
  }
  if (present(entry.notes) && !isValidNotes(entry.notes)) bad012("notes", "must be an object with string members or a string");
  if (present(entry.reactivation_evidence) && !Array.isArray(entry.reactivation_evidence)) {
    bad012("reactivation_evidence", "must be an array");
  }
  return out;
}

function timeFindings(entry: unknown, index: number, now: number): readonly Finding[] {
  if (!isPlainObject(entry)) return NO_FINDINGS;
  const opened = parseTimestamp(entry.opened_at_utc);
  const resolved = parseTimestamp(entry.resolved_at_utc);
  const late = now + FUTURE_SKEW_MS;
  if ((opened === null || opened <= late) && (resolved === null || ((opened === null || resolved >= opened) && resolved <= late))) {
    return NO_FINDINGS;
  }
  const out: Finding[] = [];
  const subject = entrySubject(entry, index);
  const id = rawId(entry);
  const at = `entries[${index}]`;
  if (opened !== null && opened > now + FUTURE_SKEW_MS) {
    out.push(
      finding("WG-QUAR-015", `${subject} opened_at_utc is in the future (${show(entry.opened_at_utc)})`, {
        subject: id,
        path: `${at}.opened_at_utc`,
      }),
    );
  }
  if (resolved !== null && opened !== null && resolved < opened) {
    out.push(finding("WG-QUAR-015", `${subject} resolved_at_utc is before opened_at_utc`, { subject: id, path: `${at}.resolved_at_utc` }));
  }
  if (resolved !== null && resolved > now + FUTURE_SKEW_MS) {
    out.push(
      finding("WG-QUAR-015", `${subject} resolved_at_utc is in the future (${show(entry.resolved_at_utc)})`, {
        subject: id,
        path: `${at}.resolved_at_utc`,
      }),
    );
  }
  return out;
}

export function validateEntries(entries: unknown[], policy: ResolvedPolicy, now: number): EntryValidation {
  const required = requiredEntryFields(policy);
  const byEntry: Finding[][] = new Array(entries.length);
  const valid: boolean[] = new Array(entries.length).fill(true);
  const ordered: Finding[] = [];
  const record = (i: number, found: readonly Finding[]): void => {
    if (found.length === 0) return;
    valid[i] = false;
    (byEntry[i] ??= []).push(...found);
    ordered.push(...found);
  };
  entries.forEach((entry, i) => record(i, entryFindings(entry, i, policy, required)));
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, k) => {
    const id = rawId(entry);
    if (id === null) return;
    const j = firstIndex.get(id);
    if (j === undefined) {
      firstIndex.set(id, k);
      return;
    }
    const f = finding("WG-QUAR-014", `duplicate quarantine entry id ${show(id)} (entries[${j}] and entries[${k}])`, {
      subject: id,
      path: `entries[${k}].id`,
    });
    record(k, [f]);
  });
  entries.forEach((entry, i) => record(i, timeFindings(entry, i, now)));
  for (let i = 0; i < entries.length; i++) byEntry[i] ??= [];
  return { ordered, byEntry, valid };
}
