// nightly-burndown-report-v1: what `flakewarden burndown` writes (gate.md §3.7).
// Unlike the gate report its keys are not sorted: the original script's field order is kept,
// and the shapes below list the keys in that order so schema and builder agree on it.
import * as z from "zod";
import { Severity } from "./common.ts";

export const BURNDOWN_REPORT_SCHEMA_VERSION = "nightly-burndown-report-v1";

export const BURNDOWN_TRENDS = ["clear", "improving", "degrading", "stable"] as const;
export const BurndownTrend = z.enum(BURNDOWN_TRENDS);
export type BurndownTrend = z.infer<typeof BurndownTrend>;

const Count = z.int().min(0);
const ZuluTimestamp = z.string().meta({ description: "YYYY-MM-DDTHH:MM:SSZ, floored to the second" });

export const BurndownSummary = z.strictObject({
  total_open_flakes: Count,
  critical_flakes: Count,
  high_flakes: Count,
  medium_flakes: Count,
  low_flakes: Count,
  overdue_sla_count: Count,
  resolved_in_window: Count,
  new_in_window: Count,
  invalid_entries: Count.meta({ description: "number of entries listed in invalid_entries" }),
  burndown_trend: BurndownTrend,
});
export type BurndownSummary = z.infer<typeof BurndownSummary>;

export const SlaBreach = z.strictObject({
  id: z.string(),
  severity: Severity,
  owner: z.string(),
  elapsed_hours: z.number().meta({ description: "hours since opened_at_utc, rounded to 1 decimal" }),
  sla_limit_hours: z.int(),
  sla_source: z.enum(["entry", "policy"]).meta({ description: "policy when the severity's target is below the entry's sla_hours" }),
});
export type SlaBreach = z.infer<typeof SlaBreach>;

export const OwnerRoute = z.strictObject({
  owner: z.string(),
  open_count: Count,
  items: z.array(
    z.strictObject({
      id: z.string(),
      suite: z.string(),
      severity: Severity,
      due_at_utc: ZuluTimestamp,
    }),
  ),
});
export type OwnerRoute = z.infer<typeof OwnerRoute>;

export const HistoryRow = z.strictObject({
  date: z.string().meta({ description: "UTC date of started_at_utc, YYYY-MM-DD" }),
  run_id: z.string(),
  result: z.string(),
  total_tests_run: Count,
  total_tests_passed: Count,
  total_tests_failed: Count,
  duration_secs: z.number().min(0),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const InvalidEntry = z.strictObject({
  index: Count,
  id: z.string().nullable(),
  problems: z.array(z.string()),
});
export type InvalidEntry = z.infer<typeof InvalidEntry>;

export const BurndownReport = z
  .strictObject({
    schema_version: z.literal(BURNDOWN_REPORT_SCHEMA_VERSION),
    generated_at_utc: ZuluTimestamp,
    window_days: z.int().min(1).max(365),
    policy_path: z.string().nullable().meta({ description: "display path; null when built-in defaults were used" }),
    manifest_path: z.string(),
    summary: BurndownSummary,
    release_gate: z.strictObject({ blocked: z.boolean(), reasons: z.array(z.string()) }),
    sla_breaches: z.array(SlaBreach),
    owner_routing: z.array(OwnerRoute),
    history: z.array(HistoryRow),
    invalid_entries: z.array(InvalidEntry),
    warnings: z.array(z.string()),
  })
  .meta({ title: BURNDOWN_REPORT_SCHEMA_VERSION, description: "flakewarden nightly flake burndown report" });
export type BurndownReport = z.infer<typeof BurndownReport>;
