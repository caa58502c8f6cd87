// wasm-flake-quarantine-v1: the git-tracked quarantine manifest.
// The entry field schemas are shared by the JSON Schema and the gate's per-entry walk (WG-QUAR-00x).
import * as z from "zod";
import { isPlainObject, NonBlankString, PositiveInteger, QuarantineStatus, Severity, Timestamp } from "./common.ts";

export const MANIFEST_SCHEMA_VERSION = "wasm-flake-quarantine-v1";

/** The canonical required fields, in the order their absence is reported. */
export const CANONICAL_ENTRY_FIELDS = [
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
] as const;

/** Fields that must be non-blank strings when present (WG-QUAR-012). */
export const ENTRY_STRING_FIELDS = ["id", "suite", "owner", "replay_command", "trace_pointer", "reactivation_criteria"] as const;

export const EntryNotes = z
  .union([z.record(z.string(), z.string()), z.string()])
  .meta({ description: "{root_cause, fix_ref, comment} (string members), or a legacy string" });

export const ReactivationEvidence = z.array(z.unknown()).meta({ description: "records appended by `flakewarden reactivate`" });

export const QuarantineEntry = z
  .looseObject({
    id: NonBlankString.meta({ description: "unique entry id" }),
    suite: NonBlankString.meta({ description: "dashboard suite name" }),
    severity: Severity,
    status: QuarantineStatus.meta({ description: "open: quarantined; resolved: fix landed; reactivated: back in service" }),
    owner: NonBlankString,
    opened_at_utc: Timestamp,
    sla_hours: PositiveInteger,
    replay_command: NonBlankString.meta({ description: "deterministic replay command (never run by the gate)" }),
    trace_pointer: NonBlankString,
    reactivation_criteria: NonBlankString,
    resolved_at_utc: Timestamp.optional(),
    notes: EntryNotes.optional(),
    reactivated_at_utc: Timestamp.optional(),
    reactivation_evidence: ReactivationEvidence.optional(),
  })
  .meta({ description: "one quarantined suite" });

export const QuarantineManifest = z
  .looseObject({
    schema_version: z.string().meta({ description: "must equal the policy's quarantine.manifest_schema_version" }),
    entries: z.array(QuarantineEntry).optional(),
  })
  .meta({ title: MANIFEST_SCHEMA_VERSION, description: "flakewarden quarantine manifest" });

export function isValidNotes(value: unknown): boolean {
  if (typeof value === "string") return true;
  return isPlainObject(value) && Object.values(value).every((v) => typeof v === "string");
}
