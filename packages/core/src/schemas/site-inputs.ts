// What `flakewarden report` reads from each artifact kind (reports.md §3.2). These are read-side schemas:
// loose objects (unknown keys kept) that accept both the original scripts' files and flakewarden's,
// requiring only the fields the site renders. Arrays whose items are validated one by one (so one bad
// entry leaves the others renderable) are typed `unknown[]` here and have an item schema of their own.
import * as z from "zod";
import { parseTimestamp } from "../timestamp.ts";

const NAIVE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** An ISO-8601 timestamp with an explicit offset; the messages name the usual mistake. */
export const SiteTimestamp = z.string().superRefine((value, ctx) => {
  if (parseTimestamp(value) !== null) return;
  ctx.addIssue({
    code: "custom",
    message: NAIVE_RE.test(value) ? "timestamp has no UTC offset" : "not an ISO-8601 timestamp with an explicit offset",
  });
});

const Int = z.int();
const IntGe0 = z.int().min(0);
const Num = z.number();
const Str = z.string();
const NullableStr = z.string().nullable();
const Items = z.array(z.unknown());
const Strings = z.array(z.string());

// ---- detect (sem-variance-dashboard-v1) ----
export const SiteDashboard = z.looseObject({
  suites: Items,
  generated_at: SiteTimestamp.nullable().optional(),
  run_id: NullableStr.optional(),
  seed: z.unknown().optional(),
  iterations: z.int().min(1).nullable().optional(),
  suite_count: Int.nullable().optional(),
  unstable_suite_count: Int.nullable().optional(),
  verdict: NullableStr.optional(),
  run_failed: z.boolean().nullable().optional(),
  deterministic_failure_count: Int.nullable().optional(),
  duration_threshold_pct: Num.nullable().optional(),
  detection_power: z
    .looseObject({
      confidence_pct: Num.nullable().optional(),
      target_flake_rate_pct: Num.nullable().optional(),
      required_iterations: Int.nullable().optional(),
    })
    .nullable()
    .optional(),
});

const TraceToken = z.enum(["pass", "fail", "skip", "flaky", "missing", "unknown"]).nullable();

export const SiteDashboardSuite = z.looseObject({
  suite: z.string().min(1),
  unstable: z.boolean(),
  iterations: IntGe0.nullable().optional(),
  outcomes: z
    .looseObject({
      pass: IntGe0.nullable().optional(),
      fail: IntGe0.nullable().optional(),
      skip: IntGe0.nullable().optional(),
      status_trace: z.array(TraceToken).nullable().optional(),
    })
    .nullable()
    .optional(),
  likely_variance_sources: z.array(z.unknown()).nullable().optional(),
  duration_ms: z
    .looseObject({
      min: Num.nullable().optional(),
      max: Num.nullable().optional(),
      mean: Num.nullable().optional(),
      spread_pct: Num.nullable().optional(),
    })
    .nullable()
    .optional(),
  replay_command: NullableStr.optional(),
  deterministic_failure: z.boolean().nullable().optional(),
  distinct_fingerprints: IntGe0.nullable().optional(),
  detection_power: z.looseObject({ failure_rate_upper_bound_pct: Num.nullable().optional() }).nullable().optional(),
  test_cases: z.looseObject({ total: IntGe0, unstable_count: IntGe0, table: Str }).nullable().optional(),
});

export const SiteTestTableLine = z.looseObject({
  id: Str,
  trace: z.array(TraceToken),
  unstable: z.boolean(),
  sources: z.array(z.unknown()),
});

// ---- governance (wasm-flake-governance-report-v1), events, policy ----
export const SiteGovernanceReport = z.looseObject({
  gate_status: z.enum(["pass", "fail"]),
  generated_at_utc: SiteTimestamp,
  git_sha: NullableStr,
  policy_path: NullableStr,
  summary: z.looseObject({ total: IntGe0, pass: IntGe0, fail: IntGe0, skip: IntGe0 }),
  results: Items,
  dashboard_health: z.looseObject({}).nullable().optional(),
  inputs: z.looseObject({}).nullable().optional(),
  thresholds: z
    .looseObject({
      max_flake_rate_pct: Num.optional(),
      max_false_positive_rate_pct: Num.optional(),
      max_unresolved_high_severity_flakes: Num.optional(),
      max_unresolved_critical_severity_flakes: Num.optional(),
      max_critical_test_failures: Num.optional(),
      sla_targets_hours: z.record(z.string(), Num).optional(),
      reactivation_min_runs: z.record(z.string(), z.int().min(1)).optional(),
    })
    .nullable()
    .optional(),
  metrics: z.looseObject({ unresolved_high: Int.nullable().optional(), unresolved_critical: Int.nullable().optional() }).nullable().optional(),
});

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const SiteGovernanceResult = z.looseObject({
  check_id: Str,
  status: z.enum(["pass", "fail", "skip"]),
  detail: Str,
  findings: z
    .array(
      z.looseObject({
        check_id: Str.optional(),
        message: Str,
        path: Scalar.optional(),
        subject: Scalar.optional(),
        actual: Scalar.optional(),
        limit: Scalar.optional(),
      }),
    )
    .optional(),
});

export const SiteGovernanceEvent = z.looseObject({ check_id: Str, status: Str, generated_at_utc: SiteTimestamp });

export const SiteGovernancePolicy = z.looseObject({
  quality_thresholds: z.looseObject({
    max_flake_rate_pct: Num,
    max_false_positive_rate_pct: Num,
    max_unresolved_high_severity_flakes: Num,
    max_unresolved_critical_severity_flakes: Num,
    max_critical_test_failures: Num,
  }),
  sla_targets_hours: z.record(z.string(), Num),
});

// ---- quarantine (wasm-flake-quarantine-v1) ----
export const SiteManifest = z.looseObject({ entries: Items });

export const SiteManifestEntry = z.looseObject({
  id: z.string().min(1),
  suite: Str,
  severity: Str,
  status: Str,
  owner: Str,
  opened_at_utc: SiteTimestamp,
  sla_hours: z.number().positive(),
  replay_command: Str,
  trace_pointer: Str,
  reactivation_criteria: Str,
  resolved_at_utc: SiteTimestamp.nullable().optional(),
  reactivated_at_utc: SiteTimestamp.nullable().optional(),
  notes: z.unknown().optional(),
  reactivation_evidence: z.array(z.unknown()).nullable().optional(),
});

// ---- burndown (nightly-burndown-report-v1) ----
export const SiteBurndown = z.looseObject({
  generated_at_utc: SiteTimestamp,
  window_days: z.unknown().optional(),
  summary: z.looseObject({
    total_open_flakes: IntGe0,
    critical_flakes: IntGe0,
    high_flakes: IntGe0,
    medium_flakes: IntGe0,
    low_flakes: IntGe0.nullable().optional(),
    overdue_sla_count: IntGe0,
    resolved_in_window: IntGe0,
    new_in_window: IntGe0,
    burndown_trend: Str,
  }),
  release_gate: z.looseObject({ blocked: z.boolean(), reasons: Strings }),
  sla_breaches: z.array(
    z.looseObject({ id: Str, severity: Str, owner: Str, elapsed_hours: Num, sla_limit_hours: Num }),
  ),
  owner_routing: z.array(
    z.looseObject({ owner: Str, open_count: IntGe0, items: z.array(z.looseObject({ id: Str, suite: Str, severity: Str })) }),
  ),
  history: Items,
  invalid_entries: Items.nullable().optional(),
  warnings: z.array(z.unknown()).nullable().optional(),
});

// ---- signal quality (semantic-signal-quality-v1) ----
export const SiteSignalQuality = z.looseObject({
  generated_at: SiteTimestamp,
  status: z.enum(["pass", "fail"]),
  metrics: z.record(z.string(), z.unknown()),
  thresholds: z.record(z.string(), z.unknown()),
  failures: Strings,
  checks: z.array(z.looseObject({ id: Str, status: Str, detail: Str })).nullable().optional(),
});

// ---- pilot (asupersync-pilot-observability-v1) ----
export const SitePilotSummary = z.looseObject({
  generated_at: SiteTimestamp,
  status: z.enum(["pass", "fail"]),
  event_count: IntGe0,
  alerts_count: IntGe0,
  ci_parity_ok: z.boolean(),
  alerts: z.array(z.looseObject({})),
  parity_checks: z.array(z.looseObject({})),
  threshold_evaluations: z.array(z.looseObject({})),
  owner_routes: z.array(z.unknown()),
  incident_drill_links: z.array(z.unknown()),
  failure_reasons: Strings.nullable().optional(),
  parity_alerts: z.array(z.looseObject({})).nullable().optional(),
  missing_required_signals: z.array(z.unknown()).nullable().optional(),
});

// ---- playbook (incident-forensics-playbook-check-v1) ----
export const SitePlaybookReport = z.looseObject({
  gate_status: z.enum(["pass", "fail"]),
  generated_at_utc: SiteTimestamp,
  checks: z.array(z.looseObject({ clause_id: Str, file: NullableStr, status: Str, detail: Str })),
});

// ---- drill (incident-forensics-drill-summary-v1) and its events ----
export const SiteDrillSummary = z.looseObject({
  status: Str,
  seed: z.unknown(),
  started_ts: SiteTimestamp.nullable(),
  ended_ts: SiteTimestamp.nullable(),
  checks_passed: IntGe0,
  checks_failed: IntGe0,
  failure_class: NullableStr,
  repro_command: NullableStr,
  checks_skipped: IntGe0.nullable().optional(),
  failure_kinds: Strings.nullable().optional(),
  scenarios: z.array(z.looseObject({ scenario_id: Str, status: Str, fingerprint: z.unknown().optional() })).nullable().optional(),
});

export const SiteDrillEvent = z.looseObject({
  phase: Str,
  status: Str,
  scenario_id: NullableStr,
  artifact: NullableStr,
  detail: NullableStr.optional(),
  fingerprint: z.unknown().optional(),
});

// ---- rollback safety, incident packet, postmortem, artifact index, traceability, npm outcome ----
const FailingCheck = z.looseObject({ check_id: Str, status: Str, detail: Str });

export const SiteRollbackSafety = z.looseObject({
  generated_at_utc: SiteTimestamp,
  tag: Str,
  version: Str,
  gate_status: Str,
  required_gate_reports: Strings,
  missing_gate_reports: Strings,
  rollback_safety_checks: z.array(z.union([Str, FailingCheck])),
  deterministic_repro_commands: Strings,
  rollback_safety_status: NullableStr.optional(),
  severity: NullableStr.optional(),
  gate_reports: z
    .array(z.looseObject({ path: Str, exists: z.boolean(), verdict: NullableStr, failing_checks: z.array(FailingCheck) }))
    .nullable()
    .optional(),
});

export const SiteIncidentPacket = z.looseObject({
  generated_at_utc: SiteTimestamp,
  communication_protocol: z.record(z.string(), z.looseObject({})),
  artifact_revocation_strategy: z.looseObject({
    npm_dist_tag_rollback_command_template: Str,
    required_artifacts: z.array(z.unknown()),
    stable_channel_action: Str,
  }),
  postmortem_requirements: z.array(z.unknown()),
  incident: z.looseObject({ declared_at_utc: SiteTimestamp.nullable().optional() }).nullable().optional(),
});

export const SitePostmortem = z.looseObject({
  generated_at_utc: SiteTimestamp.nullable().optional(),
});

export const SiteArtifactIndex = z.looseObject({
  generated_at_utc: SiteTimestamp.nullable().optional(),
  entries: z.array(z.looseObject({ path: Str, sha256: NullableStr, size_bytes: Int.nullable(), role: NullableStr })),
  missing: z.array(z.looseObject({ path: Str, role: NullableStr })),
});

export const SiteTraceability = z.looseObject({
  version: Str,
  tag: Str,
  release_blocking_criteria: z.array(z.unknown()),
  required_gate_reports: z.array(z.unknown()),
});

export const SiteNpmRollbackOutcome = z.looseObject({
  generated_at_utc: SiteTimestamp.nullable().optional(),
  rollback_version: NullableStr,
  rollback_reason: NullableStr,
  npm_tag: NullableStr,
  actions_executed: Strings,
  action_count: IntGe0,
});
