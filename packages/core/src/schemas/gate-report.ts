// wasm-flake-governance-report-v1 and wasm-flake-governance-event-v1: what the gate writes.
import * as z from "zod";

export const GATE_REPORT_SCHEMA_VERSION = "wasm-flake-governance-report-v1";
export const GATE_EVENT_SCHEMA_VERSION = "wasm-flake-governance-event-v1";

const Scalar = z.union([z.string(), z.number(), z.null()]);

export const Finding = z
  .strictObject({
    actual: Scalar.meta({ description: "measured value for threshold comparisons, else null" }),
    check_id: z.string(),
    limit: Scalar.meta({ description: "the limit it was compared with, else null" }),
    message: z.string(),
    path: z.string().nullable().meta({ description: "JSON path in the input holding the problem" }),
    subject: z.string().nullable().meta({ description: "entry id, suite name or missing names" }),
  })
  .meta({ description: "one problem found by a check" });
export type Finding = z.infer<typeof Finding>;

export const CheckStatus = z.enum(["pass", "fail", "skip"]);
export const CheckResult = z.strictObject({
  check_id: z.string(),
  detail: z.string().meta({ description: "messages of the findings sharing check_id, joined by '; ', capped at 2000 code points" }),
  findings: z.array(Finding),
  status: CheckStatus,
});
export type CheckResult = z.infer<typeof CheckResult>;

const TrendLine = z.strictObject({
  duration_spread_pct: z.number().nullable(),
  failures: z.int(),
  instability_signals: z.array(z.unknown()),
  suite: z.string(),
  unstable: z.boolean(),
});

export const DashboardHealth = z.union([
  z.strictObject({ detail: z.string(), status: z.enum(["missing", "invalid"]), trend_lines: z.array(TrendLine) }),
  z.strictObject({
    critical_test_failures: z.int(),
    false_positive_proxy_rate_pct: z.number(),
    flake_rate_pct: z.number(),
    gate_health: z.enum(["healthy", "degraded"]),
    schema_version: z.string(),
    status: z.literal("ok"),
    suite_count: z.int(),
    trend_lines: z.array(TrendLine),
    unstable_suite_count: z.int(),
  }),
]);
export type DashboardHealth = z.infer<typeof DashboardHealth>;

const MinRuns = z.strictObject({ critical: z.int(), high: z.int(), low: z.int(), medium: z.int() });

export const GateReport = z
  .strictObject({
    dashboard_health: DashboardHealth.optional(),
    gate_status: z.enum(["pass", "fail"]),
    generated_at_utc: z.string(),
    git_sha: z.string().nullable(),
    inputs: z
      .strictObject({
        dashboard: z.string(),
        forensics_doc: z.string(),
        pilot_summary: z.string().nullable(),
        quarantine_manifest: z.string(),
      })
      .optional(),
    metrics: z.strictObject({ unresolved_critical: z.int().nullable(), unresolved_high: z.int().nullable() }).optional(),
    policy_path: z.string(),
    results: z.array(CheckResult),
    schema_version: z.literal(GATE_REPORT_SCHEMA_VERSION),
    summary: z.strictObject({ fail: z.int(), pass: z.int(), skip: z.int(), total: z.int() }),
    thresholds: z
      .strictObject({
        max_critical_test_failures: z.number(),
        max_false_positive_rate_pct: z.number(),
        max_flake_rate_pct: z.number(),
        max_unresolved_critical_severity_flakes: z.number(),
        max_unresolved_high_severity_flakes: z.number(),
        reactivation_min_runs: MinRuns,
        sla_targets_hours: z.record(z.string(), z.int()),
      })
      .optional(),
  })
  .meta({ title: GATE_REPORT_SCHEMA_VERSION, description: "flakewarden governance gate report" });
export type GateReport = z.infer<typeof GateReport>;

export const GateEvent = z
  .strictObject({
    check_id: z.string(),
    detail: z.string(),
    generated_at_utc: z.string(),
    schema_version: z.literal(GATE_EVENT_SCHEMA_VERSION),
    status: CheckStatus,
  })
  .meta({ title: GATE_EVENT_SCHEMA_VERSION, description: "one NDJSON line per gate result" });
export type GateEvent = z.infer<typeof GateEvent>;
