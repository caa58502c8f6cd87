// `pilot evaluate` (pilot.md §4.2–§4.9): threshold gate, aggregation, parity, routing, coverage,
// status. Pure: the caller supplies the clock value and the file names it wants echoed.
import { compareCodePoints } from "../canonical-json.ts";
import type { PilotPolicy, PilotProfileFamily } from "../schemas/pilot-policy.ts";
import {
  PILOT_SUMMARY_SCHEMA_VERSION,
  type PilotAggregation,
  type PilotAlert,
  type PilotDrillLink,
  type PilotMissingSignal,
  type PilotSummary,
  type PilotThresholdEvaluation,
} from "../schemas/pilot-summary.ts";
import type { PilotEvent } from "../schemas/pilot-telemetry.ts";
import { evaluateParity } from "./parity.ts";
import type { PilotJson } from "./pilot-json.ts";
import { breaches, pilotSeverity } from "./severity.ts";
import { distinctBy, sortByKeys } from "./sort-keys.ts";
import type { PilotTelemetry } from "./validate-telemetry.ts";

export interface PilotEvaluateOptions {
  policy: PilotPolicy | null;
  /** The policy path as given, echoed as `policy_file`. */
  policyFile: string | null;
  allowEmpty: boolean;
  generatedAt: string;
}

/** The pilot summary as a plain JSON value: `seed` is the input's, verbatim. */
export type PilotSummaryDoc = Omit<PilotSummary, "seed"> & { seed: PilotJson };

function evaluation(e: PilotEvent): PilotThresholdEvaluation {
  return {
    profile_family: e.profile_family,
    framework: e.framework,
    signal_name: e.signal_name,
    signal_source: e.signal_source,
    signal_value: e.signal_value,
    threshold_kind: e.threshold_kind,
    threshold_value: e.threshold_value,
    breach: breaches(e.threshold_kind, e.threshold_value, e.signal_value),
    threshold_source: e.threshold_source,
    owner_route: e.owner_route,
    capability_surface: e.capability_surface,
    replay_command: e.replay_command,
    trace_pointer: e.trace_pointer,
    remediation_pointer: e.remediation_pointer,
    scenario_id: e.scenario_id,
  };
}

function alertOf(e: PilotEvent): PilotAlert {
  return {
    alert_id: `${e.scenario_id}:${e.profile_family}:${e.framework}:${e.signal_name}`,
    severity: pilotSeverity(e.threshold_kind, e.threshold_value, e.signal_value),
    profile_family: e.profile_family,
    framework: e.framework,
    signal_name: e.signal_name,
    signal_source: e.signal_source,
    signal_value: e.signal_value,
    threshold_kind: e.threshold_kind,
    threshold_value: e.threshold_value,
    owner_route: e.owner_route,
    capability_surface: e.capability_surface,
    replay_command: e.replay_command,
    trace_pointer: e.trace_pointer,
    remediation_pointer: e.remediation_pointer,
    scenario_id: e.scenario_id,
  };
}

function aggregate(events: readonly PilotEvent[]): PilotAggregation[] {
  const groups = new Map<string, PilotEvent[]>();
  for (const e of events) {
    const k = JSON.stringify([e.profile_family, e.framework, e.signal_name]);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [e]);
    else list.push(e);
  }
  const rows: PilotAggregation[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    // Summed in file order from 0, as the original did: the avg bits depend on it.
    let sum = 0;
    let min = first.signal_value;
    let max = first.signal_value;
    for (const e of list) {
      sum += e.signal_value;
      if (e.signal_value < min) min = e.signal_value;
      if (e.signal_value > max) max = e.signal_value;
    }
    rows.push({
      profile_family: first.profile_family,
      framework: first.framework,
      signal_name: first.signal_name,
      signal_source: first.signal_source,
      samples: list.length,
      avg: sum / list.length,
      min,
      max,
      latest_value: last.signal_value,
      latest_threshold_kind: last.threshold_kind,
      latest_threshold_value: last.threshold_value,
      owner_route: last.owner_route,
      capability_surface: last.capability_surface,
    });
  }
  return sortByKeys(rows, (r) => [r.profile_family, r.framework, r.signal_name]);
}

/** §4.7: each required (framework, family, signal) needs at least one event. */
function missingRequired(events: readonly PilotEvent[], policy: PilotPolicy | null): PilotMissingSignal[] {
  const frameworks = policy?.frameworks;
  if (frameworks === undefined) return [];
  const seen = new Set(events.map((e) => JSON.stringify([e.framework, e.profile_family, e.signal_name])));
  const missing: PilotMissingSignal[] = [];
  for (const framework of ["next", "react", "vanilla"] as const) {
    const fw = frameworks[framework];
    if (fw?.required_signals === undefined) continue;
    const families: readonly PilotProfileFamily[] = fw.required_profile_families ?? ["native", "wasm"];
    for (const signal_name of fw.required_signals) {
      for (const profile_family of families) {
        if (!seen.has(JSON.stringify([framework, profile_family, signal_name]))) missing.push({ framework, profile_family, signal_name });
      }
    }
  }
  return sortByKeys(missing, (m) => [m.framework, m.profile_family, m.signal_name]);
}

export function evaluatePilotTelemetry(telemetry: PilotTelemetry, options: PilotEvaluateOptions): PilotSummaryDoc {
  const { events } = telemetry;
  const threshold_evaluations = sortByKeys(events.map(evaluation), (r) => [r.profile_family, r.framework, r.signal_name, r.scenario_id]);
  const alerts = sortByKeys(
    events.filter((e) => breaches(e.threshold_kind, e.threshold_value, e.signal_value)).map(alertOf),
    (a) => [a.severity, a.framework, a.signal_name, a.scenario_id],
  );
  const parity = evaluateParity(events, telemetry.toleranceDefault, options.policy);
  const ci_parity_ok = parity.checks.every((c) => !c.breach);

  const routes = new Set<string>([...alerts.map((a) => a.owner_route), ...parity.alerts.map((a) => a.owner_route)]);
  const owner_routes = [...routes].sort(compareCodePoints);
  const links: PilotDrillLink[] = [
    ...alerts.map((a) => ({ replay_command: a.replay_command, trace_pointer: a.trace_pointer })),
    ...parity.alerts.flatMap((a) => [
      { replay_command: a.replay_command, trace_pointer: a.trace_pointer },
      { replay_command: a.native_replay_command, trace_pointer: a.native_trace_pointer },
    ]),
  ];
  const incident_drill_links = sortByKeys(
    distinctBy(links, (l) => JSON.stringify([l.replay_command, l.trace_pointer])),
    (l) => [l.replay_command, l.trace_pointer],
  );

  const missing_required_signals = missingRequired(events, options.policy);
  const reasons = new Set<PilotSummary["failure_reasons"][number]>();
  if (alerts.length > 0) reasons.add("threshold_breach");
  if (!ci_parity_ok) reasons.add("parity_breach");
  if (events.length === 0 && !options.allowEmpty) reasons.add("no_events");
  if (missing_required_signals.length > 0) reasons.add("missing_required_signal");
  const failure_reasons = [...reasons].sort(compareCodePoints);

  return {
    schema_version: PILOT_SUMMARY_SCHEMA_VERSION,
    generated_at: options.generatedAt,
    seed: telemetry.seed,
    status: failure_reasons.length === 0 ? "pass" : "fail",
    event_count: events.length,
    alerts_count: alerts.length,
    ci_parity_ok,
    threshold_evaluations,
    aggregations: aggregate(events),
    parity_checks: parity.checks,
    alerts,
    incident_drill_links,
    owner_routes,
    parity_alerts: parity.alerts,
    failure_reasons,
    missing_required_signals,
    unpaired_signals: parity.unpaired,
    policy_file: options.policyFile,
  };
}

/** The NDJSON records of §3.4, in order: threshold alerts, parity alerts, the gate summary. */
export function pilotAlertRecords(summary: PilotSummaryDoc, sourceFile: string): Record<string, unknown>[] {
  const base = { ts: summary.generated_at, source_file: sourceFile, schema_version: summary.schema_version, status: summary.status };
  return [
    ...summary.alerts.map((a) => ({ ...base, ...a, event: "pilot_slo_alert" })),
    ...summary.parity_alerts.map((a) => ({ ...base, ...a, event: "pilot_parity_alert" })),
    {
      ...base,
      event: "pilot_slo_gate_summary",
      event_count: summary.event_count,
      alerts_count: summary.alerts_count,
      ci_parity_ok: summary.ci_parity_ok,
      owner_routes: summary.owner_routes,
      parity_alerts_count: summary.parity_alerts.length,
      failure_reasons: summary.failure_reasons,
    },
  ];
}
