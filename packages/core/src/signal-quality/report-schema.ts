// semantic-signal-quality-v1 (detector.md §3.8). Key order here is the order written: the
// original's keys first, the ones flakewarden added after them within each object.
import * as z from "zod";

export const SIGNAL_QUALITY_SCHEMA_VERSION = "semantic-signal-quality-v1";

/** Rule ids in rule order (1–12). */
export const SIGNAL_QUALITY_RULE_IDS = [
  "SQ-FLAKE-RATE",
  "SQ-FP-RATE",
  "SQ-RUNTIME",
  "SQ-ARTIFACTS",
  "SQ-EVENTS-LINK",
  "SQ-SUMMARY-LINK",
  "SQ-DASHBOARD-SCHEMA",
  "SQ-REPORT-SCHEMA",
  "SQ-SUITE-COUNT",
  "SQ-UNSTABLE-COUNT",
  "SQ-NO-SUITES",
  "SQ-DETERMINISTIC-FAILURES",
] as const;
export type SignalQualityRuleId = (typeof SIGNAL_QUALITY_RULE_IDS)[number];

const NullableNumber = z.number().nullable();

export const SignalQualityCheck = z.object({
  id: z.enum(SIGNAL_QUALITY_RULE_IDS),
  status: z.enum(["pass", "fail", "skip"]).meta({ description: "skip = an input the rule reads is unusable" }),
  detail: z.string().meta({ description: "the failure string, ok, or why the rule was not evaluated" }),
});
export type SignalQualityCheck = z.infer<typeof SignalQualityCheck>;

export const SignalQualityReport = z
  .object({
    schema_version: z.literal(SIGNAL_QUALITY_SCHEMA_VERSION),
    generated_at: z.string().meta({ description: "the instant in UTC, YYYY-MM-DDTHH:MM:SSZ" }),
    status: z.enum(["pass", "fail"]),
    inputs: z.object({
      verification_report: z.string().meta({ description: "--report as given" }),
      variance_dashboard: z.string().meta({ description: "--dashboard as given" }),
    }),
    metrics: z.object({
      runner_profile: z.string().nullable(),
      suite_count: NullableNumber.meta({ description: "recomputed from suites[]" }),
      unstable_suite_count: NullableNumber,
      flake_rate_pct: NullableNumber,
      false_positive_proxy_count: NullableNumber,
      false_positive_proxy_rate_pct: NullableNumber,
      total_duration_s: NullableNumber,
      runtime_budget_s: NullableNumber,
      runtime_ratio: NullableNumber,
      header_suite_count: z.unknown().meta({ description: "the dashboard's own suite_count, any JSON value" }),
      header_unstable_suite_count: z.unknown(),
      deterministic_failure_count: NullableNumber,
    }),
    thresholds: z.object({
      max_flake_rate_pct: z.number(),
      max_false_positive_rate_pct: z.number(),
      max_runtime_ratio: z.number(),
      max_deterministic_failures: z.number(),
    }),
    diagnostics_links: z.object({
      runner_report_dir: z.string().nullable(),
      existing_required_artifacts: z.array(z.string()),
      missing_required_artifacts: z.array(z.string()),
      variance_events_ndjson: z.string().nullable(),
      variance_summary: z.string().nullable(),
    }),
    maintenance_guidance: z.object({ document: z.string().meta({ description: "--guidance-doc as given" }) }),
    rerun_commands: z.tuple([z.string(), z.string(), z.string()]),
    failures: z.array(z.string()).meta({ description: "input problems first, then failed rules in rule order" }),
    checks: z.array(SignalQualityCheck).length(SIGNAL_QUALITY_RULE_IDS.length),
  })
  .meta({ title: SIGNAL_QUALITY_SCHEMA_VERSION, description: "signal-quality verdict over a dashboard and a verification report" });
export type SignalQualityReport = z.infer<typeof SignalQualityReport>;
