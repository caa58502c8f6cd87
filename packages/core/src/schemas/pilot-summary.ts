// The pilot SLO summary and its NDJSON stream (pilot.md §3.3, §3.4). The gate's WG-PILOT check
// reads this file, so the version constant is the gate's own.
import * as z from "zod";
import { PILOT_SCHEMA_VERSION } from "../gate/check-pilot.ts";
import { PILOT_FRAMEWORKS, PILOT_PROFILE_FAMILIES, PILOT_THRESHOLD_KINDS } from "./pilot-policy.ts";

export const PILOT_SUMMARY_SCHEMA_VERSION = PILOT_SCHEMA_VERSION;
export const PILOT_FAILURE_REASONS = ["missing_required_signal", "no_events", "parity_breach", "threshold_breach"] as const;

const Framework = z.enum(PILOT_FRAMEWORKS);
const Family = z.enum(PILOT_PROFILE_FAMILIES);
const Kind = z.enum(PILOT_THRESHOLD_KINDS);
const AlertSeverity = z.enum(["critical", "high"]);

export const PilotThresholdEvaluation = z.strictObject({
  profile_family: Family,
  framework: Framework,
  signal_name: z.string(),
  signal_source: z.string(),
  signal_value: z.number(),
  threshold_kind: Kind,
  threshold_value: z.number(),
  breach: z.boolean(),
  threshold_source: z.enum(["event", "policy"]),
  owner_route: z.string(),
  capability_surface: z.string(),
  replay_command: z.string(),
  trace_pointer: z.string(),
  remediation_pointer: z.string(),
  scenario_id: z.string(),
});
export type PilotThresholdEvaluation = z.infer<typeof PilotThresholdEvaluation>;

export const PilotAggregation = z.strictObject({
  profile_family: Family,
  framework: Framework,
  signal_name: z.string(),
  signal_source: z.string(),
  samples: z.int().positive(),
  avg: z.number(),
  min: z.number(),
  max: z.number(),
  latest_value: z.number(),
  latest_threshold_kind: Kind,
  latest_threshold_value: z.number(),
  owner_route: z.string(),
  capability_surface: z.string(),
});
export type PilotAggregation = z.infer<typeof PilotAggregation>;

export const PilotParityCheck = z.strictObject({
  framework: Framework,
  signal_name: z.string(),
  breach: z.boolean(),
  wasm_value: z.number(),
  native_value: z.number(),
  delta_pct: z.number(),
  tolerance_pct: z.number(),
  owner_route: z.string(),
  capability_surface: z.string(),
  replay_command: z.string(),
  trace_pointer: z.string(),
});
export type PilotParityCheck = z.infer<typeof PilotParityCheck>;

export const PilotAlert = z.strictObject({
  alert_id: z.string(),
  severity: AlertSeverity,
  profile_family: Family,
  framework: Framework,
  signal_name: z.string(),
  signal_source: z.string(),
  signal_value: z.number(),
  threshold_kind: Kind,
  threshold_value: z.number(),
  owner_route: z.string(),
  capability_surface: z.string(),
  replay_command: z.string(),
  trace_pointer: z.string(),
  remediation_pointer: z.string(),
  scenario_id: z.string(),
});
export type PilotAlert = z.infer<typeof PilotAlert>;

export const PilotParityAlert = z.strictObject({
  alert_id: z.string(),
  severity: AlertSeverity,
  framework: Framework,
  signal_name: z.string(),
  wasm_value: z.number(),
  native_value: z.number(),
  delta_pct: z.number(),
  tolerance_pct: z.number(),
  owner_route: z.string(),
  capability_surface: z.string(),
  replay_command: z.string(),
  trace_pointer: z.string(),
  remediation_pointer: z.string(),
  scenario_id: z.string(),
  native_owner_route: z.string(),
  native_replay_command: z.string(),
  native_trace_pointer: z.string(),
  native_scenario_id: z.string(),
});
export type PilotParityAlert = z.infer<typeof PilotParityAlert>;

export const PilotDrillLink = z.strictObject({ replay_command: z.string(), trace_pointer: z.string() });
export type PilotDrillLink = z.infer<typeof PilotDrillLink>;

export const PilotMissingSignal = z.strictObject({ framework: Framework, profile_family: Family, signal_name: z.string() });
export type PilotMissingSignal = z.infer<typeof PilotMissingSignal>;

export const PilotSummary = z
  .strictObject({
    schema_version: z.literal(PILOT_SUMMARY_SCHEMA_VERSION),
    generated_at: z.string(),
    seed: z.unknown(),
    status: z.enum(["pass", "fail"]),
    event_count: z.int().min(0),
    alerts_count: z.int().min(0),
    ci_parity_ok: z.boolean(),
    threshold_evaluations: z.array(PilotThresholdEvaluation),
    aggregations: z.array(PilotAggregation),
    parity_checks: z.array(PilotParityCheck),
    alerts: z.array(PilotAlert),
    incident_drill_links: z.array(PilotDrillLink),
    owner_routes: z.array(z.string()),
    parity_alerts: z.array(PilotParityAlert),
    failure_reasons: z.array(z.enum(PILOT_FAILURE_REASONS)),
    missing_required_signals: z.array(PilotMissingSignal),
    unpaired_signals: z.array(PilotMissingSignal),
    policy_file: z.string().nullable(),
  })
  .meta({ description: "pilot SLO summary read by `flakewarden gate --pilot-summary`" });
export type PilotSummary = z.infer<typeof PilotSummary>;

const LineBase = {
  ts: z.string(),
  source_file: z.string(),
  schema_version: z.literal(PILOT_SUMMARY_SCHEMA_VERSION),
  status: z.enum(["pass", "fail"]),
};

export const PilotSloAlertLine = z.strictObject({ ...LineBase, ...PilotAlert.shape, event: z.literal("pilot_slo_alert") });
export const PilotParityAlertLine = z.strictObject({ ...LineBase, ...PilotParityAlert.shape, event: z.literal("pilot_parity_alert") });
export const PilotGateSummaryLine = z.strictObject({
  ...LineBase,
  event: z.literal("pilot_slo_gate_summary"),
  event_count: z.int().min(0),
  alerts_count: z.int().min(0),
  ci_parity_ok: z.boolean(),
  owner_routes: z.array(z.string()),
  parity_alerts_count: z.int().min(0),
  failure_reasons: z.array(z.enum(PILOT_FAILURE_REASONS)),
});
export const PilotAlertLine = z.discriminatedUnion("event", [PilotSloAlertLine, PilotParityAlertLine, PilotGateSummaryLine]);
export type PilotAlertLine = z.infer<typeof PilotAlertLine>;
