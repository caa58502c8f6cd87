// wasm-flake-governance-policy-v1: the original's policy file, read unchanged.
// The field tables below drive both the zod schema (types, JSON Schema) and the
// WG-POLICY-005 walk, so a rule is written once.
import * as z from "zod";
import {
  IntegerGe0,
  NonEmptyString,
  NonEmptyStringArray,
  NumberGe0,
  PositiveInteger,
  QUARANTINE_STATUSES,
  QuarantineStatus,
  SEVERITIES,
} from "./common.ts";

export const POLICY_SCHEMA_VERSION = "wasm-flake-governance-policy-v1";

export interface FieldRule {
  key: string;
  schema: z.ZodType;
  reason: string;
  /** The §3.1 default; absent for required fields. */
  fallback?: unknown;
}

const STRING_REASON = "must be a non-empty string";
const STRINGS_REASON = "must be an array of non-empty strings";

const Statuses = z
  .array(QuarantineStatus)
  .min(1)
  .refine((a) => a.includes("open"), { error: "must contain open" });

export const POLICY_SECTIONS = [
  "detection",
  "quarantine",
  "quality_thresholds",
  "sla_targets_hours",
  "forensics_playbook",
  "output",
] as const;
export type PolicySection = (typeof POLICY_SECTIONS)[number];

export const POLICY_FIELDS: Record<Exclude<PolicySection, "sla_targets_hours">, FieldRule[]> = {
  detection: [
    { key: "dashboard_schema_version", schema: NonEmptyString, reason: STRING_REASON, fallback: "sem-variance-dashboard-v1" },
    {
      key: "dashboard_path",
      schema: NonEmptyString,
      reason: STRING_REASON,
      fallback: "target/semantic-verification/flake/latest/variance_dashboard.json",
    },
    { key: "required_suites", schema: NonEmptyStringArray.min(1), reason: STRINGS_REASON },
  ],
  quarantine: [
    { key: "manifest_schema_version", schema: NonEmptyString, reason: STRING_REASON, fallback: "wasm-flake-quarantine-v1" },
    {
      key: "manifest_path",
      schema: NonEmptyString,
      reason: STRING_REASON,
      fallback: "artifacts/wasm_flake_quarantine_manifest.json",
    },
    {
      key: "statuses",
      schema: Statuses,
      reason: "must be a subset of open, resolved, reactivated containing open",
      fallback: [...QUARANTINE_STATUSES],
    },
    { key: "required_fields", schema: NonEmptyStringArray, reason: STRINGS_REASON, fallback: [] },
  ],
  quality_thresholds: [
    { key: "max_flake_rate_pct", schema: NumberGe0, reason: "must be a number >= 0" },
    { key: "max_false_positive_rate_pct", schema: NumberGe0, reason: "must be a number >= 0" },
    { key: "max_unresolved_high_severity_flakes", schema: IntegerGe0, reason: "must be an integer >= 0" },
    { key: "max_unresolved_critical_severity_flakes", schema: IntegerGe0, reason: "must be an integer >= 0" },
    { key: "max_critical_test_failures", schema: IntegerGe0, reason: "must be an integer >= 0" },
  ],
  forensics_playbook: [
    {
      key: "doc_path",
      schema: NonEmptyString,
      reason: STRING_REASON,
      fallback: "docs/wasm_flake_governance_and_forensics.md",
    },
    { key: "required_commands", schema: NonEmptyStringArray, reason: STRINGS_REASON, fallback: [] },
  ],
  output: [
    {
      key: "report_path",
      schema: NonEmptyString,
      reason: STRING_REASON,
      fallback: "artifacts/wasm_flake_governance_report.json",
    },
    {
      key: "events_path",
      schema: NonEmptyString,
      reason: STRING_REASON,
      fallback: "artifacts/wasm_flake_governance_events.ndjson",
    },
  ],
};

export const SLA_TARGET_REASON = "must be a positive integer";

function section(rules: FieldRule[], description: string) {
  const shape: Record<string, z.ZodType> = {};
  for (const rule of rules) {
    const field = rule.schema.meta({ description: `${rule.key}: ${rule.reason}` });
    shape[rule.key] = rule.fallback === undefined ? field : field.default(rule.fallback as never);
  }
  return z.looseObject(shape).meta({ description });
}

export const SlaTargets = z
  .strictObject(Object.fromEntries(SEVERITIES.map((s) => [s, PositiveInteger.optional()])) as Record<
    (typeof SEVERITIES)[number],
    z.ZodOptional<typeof PositiveInteger>
  >)
  .meta({ description: "SLA target hours per severity; a severity without a target has no SLA cap" });

export const Policy = z
  .looseObject({
    schema_version: z.literal(POLICY_SCHEMA_VERSION),
    detection: section(POLICY_FIELDS.detection, "where the variance dashboard lives and which suites it must contain"),
    quarantine: section(POLICY_FIELDS.quarantine, "the quarantine manifest contract"),
    quality_thresholds: section(POLICY_FIELDS.quality_thresholds, "release-blocking thresholds"),
    sla_targets_hours: SlaTargets,
    forensics_playbook: section(POLICY_FIELDS.forensics_playbook, "the forensics playbook that must carry the commands"),
    output: section(POLICY_FIELDS.output, "where the gate writes its report and events"),
  })
  .meta({
    title: POLICY_SCHEMA_VERSION,
    description: "flakewarden governance policy (compatible with the original check_wasm_flake_governance.py policy)",
  });

export interface ResolvedPolicy {
  schema_version: typeof POLICY_SCHEMA_VERSION;
  detection: { dashboard_schema_version: string; dashboard_path: string; required_suites: string[] };
  quarantine: {
    manifest_schema_version: string;
    manifest_path: string;
    statuses: string[];
    required_fields: string[];
  };
  quality_thresholds: {
    max_flake_rate_pct: number;
    max_false_positive_rate_pct: number;
    max_unresolved_high_severity_flakes: number;
    max_unresolved_critical_severity_flakes: number;
    max_critical_test_failures: number;
  };
  sla_targets_hours: Partial<Record<(typeof SEVERITIES)[number], number>>;
  forensics_playbook: { doc_path: string; required_commands: string[] };
  output: { report_path: string; events_path: string };
}

/** The canonical policy's values: used when a non-gate command finds no policy file. */
export const BUILTIN_POLICY: ResolvedPolicy = {
  schema_version: POLICY_SCHEMA_VERSION,
  detection: {
    dashboard_schema_version: "sem-variance-dashboard-v1",
    dashboard_path: "target/semantic-verification/flake/latest/variance_dashboard.json",
    required_suites: ["witness_seed_equivalence", "cross_seed_replay"],
  },
  quarantine: {
    manifest_schema_version: "wasm-flake-quarantine-v1",
    manifest_path: "artifacts/wasm_flake_quarantine_manifest.json",
    statuses: ["open", "resolved", "reactivated"],
    required_fields: [],
  },
  quality_thresholds: {
    max_flake_rate_pct: 0,
    max_false_positive_rate_pct: 5,
    max_unresolved_high_severity_flakes: 0,
    max_unresolved_critical_severity_flakes: 0,
    max_critical_test_failures: 0,
  },
  sla_targets_hours: { critical: 24, high: 72, medium: 168 },
  forensics_playbook: {
    doc_path: "docs/wasm_flake_governance_and_forensics.md",
    required_commands: [
      "bash ./scripts/run_all_e2e.sh --suite wasm-incident-forensics",
      "TEST_SEED=4242 bash ./scripts/test_wasm_incident_forensics_e2e.sh",
      "python3 ./scripts/check_incident_forensics_playbook.py",
      "python3 ./scripts/check_wasm_flake_governance.py --policy .github/wasm_flake_governance_policy.json",
    ],
  },
  output: {
    report_path: "artifacts/wasm_flake_governance_report.json",
    events_path: "artifacts/wasm_flake_governance_events.ndjson",
  },
};
