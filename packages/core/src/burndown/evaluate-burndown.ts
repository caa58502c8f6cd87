// The nightly flake burndown: parsed inputs + now in, the report out (gate.md §4.11). No IO here.
// It reads the manifest through the gate's own analysis, so "blocked" can never disagree with
// what `flakewarden gate` would say about WG-QUAR and WG-REACT for the same inputs.
import { compareCodePoints } from "../canonical-json.ts";
import { roundN } from "../format.ts";
import { analyzeManifest, checkQuarantine, checkReactivation, entryAgeHours, HOUR_MS, type ManifestAnalysis } from "../gate/check-quarantine.ts";
import { minRunsFor } from "../gate/evaluate-gate.ts";
import type { LoadedJson } from "../loaded-input.ts";
import {
  BURNDOWN_REPORT_SCHEMA_VERSION,
  type BurndownReport,
  type BurndownTrend,
  type InvalidEntry,
  type OwnerRoute,
  type SlaBreach,
} from "../schemas/burndown-report.ts";
import { isPlainObject, type Severity } from "../schemas/common.ts";
import type { ReactivateGateConfig } from "../schemas/config.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { formatZulu, parseTimestamp } from "../timestamp.ts";
import { burndownHistory, type HistoryInput } from "./history.ts";

export const DEFAULT_WINDOW_DAYS = 14;
export const MIN_WINDOW_DAYS = 1;
export const MAX_WINDOW_DAYS = 365;
export const DEFAULT_HISTORY_DIR = "target/nightly-stress";

export interface BurndownInputs {
  policy: ResolvedPolicy;
  /** Display path of the policy file; null when built-in defaults stand in for a missing one. */
  policyPath: string | null;
  reactivate: ReactivateGateConfig;
  manifest: LoadedJson;
  history: HistoryInput;
  now: number;
  windowDays: number;
}

/** The SLA an open entry is held to: its own sla_hours, capped by the severity's policy target. */
export interface EntryLimit {
  hours: number;
  source: "entry" | "policy";
}

export function entrySlaLimit(slaHours: number, severity: Severity, policy: ResolvedPolicy): EntryLimit {
  const target = policy.sla_targets_hours[severity];
  return target !== undefined && target < slaHours ? { hours: target, source: "policy" } : { hours: slaHours, source: "entry" };
}

function inWindow(ms: number | null, cutoff: number, now: number): boolean {
  return ms !== null && ms >= cutoff && ms <= now;
}

function invalidEntries(analysis: ManifestAnalysis): InvalidEntry[] {
  const out: InvalidEntry[] = [];
  analysis.entries.forEach((e, index) => {
    if (analysis.validation.valid[index] === true) return;
    const id = isPlainObject(e) && typeof e.id === "string" && e.id.length > 0 ? e.id : null;
    out.push({ index, id, problems: (analysis.validation.byEntry[index] ?? []).map((f) => f.message) });
  });
  return out;
}

/** Valid entries opened, and valid entries closed (resolved, or reactivated with valid evidence), inside the window. */
function windowCounts(analysis: ManifestAnalysis, cutoff: number, now: number): { opened: number; closed: number } {
  let opened = 0;
  let closed = 0;
  analysis.entries.forEach((entry, i) => {
    if (analysis.validation.valid[i] !== true) return;
    const e = entry as Record<string, unknown>;
    if (inWindow(parseTimestamp(e.opened_at_utc), cutoff, now)) opened += 1;
    let closedAt: number | null = null;
    if (e.status === "resolved") closedAt = parseTimestamp(e.resolved_at_utc);
    if (e.status === "reactivated" && analysis.reactivation.get(i)?.valid === true) {
      closedAt = parseTimestamp(e.reactivated_at_utc) ?? parseTimestamp(e.resolved_at_utc);
    }
    if (inWindow(closedAt, cutoff, now)) closed += 1;
  });
  return { opened, closed };
}

export function evaluateBurndown(inputs: BurndownInputs): BurndownReport {
  const { policy, now, windowDays } = inputs;
  const cutoff = now - windowDays * 24 * HOUR_MS;
  const analysis = analyzeManifest(inputs.manifest, policy, minRunsFor(inputs.reactivate), now);

  const severities: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const breaches: SlaBreach[] = [];
  const routes = new Map<string, OwnerRoute>();
  let aboveTarget = 0;
  for (const i of analysis.countedOpen) {
    const e = analysis.entries[i] as Record<string, unknown>;
    const severity = e.severity as Severity;
    const owner = e.owner as string;
    const sla = e.sla_hours as number;
    severities[severity] += 1;
    const limit = entrySlaLimit(sla, severity, policy);
    if (limit.source === "policy") aboveTarget += 1;
    const elapsed = entryAgeHours(e, now);
    if (elapsed > limit.hours) {
      breaches.push({
        id: e.id as string,
        severity,
        owner,
        elapsed_hours: roundN(elapsed, 1),
        sla_limit_hours: limit.hours,
        sla_source: limit.source,
      });
    }
    const opened = parseTimestamp(e.opened_at_utc) ?? now;
    let route = routes.get(owner);
    if (route === undefined) {
      route = { owner, open_count: 0, items: [] };
      routes.set(owner, route);
    }
    route.open_count += 1;
    route.items.push({ id: e.id as string, suite: e.suite as string, severity, due_at_utc: formatZulu(opened + limit.hours * HOUR_MS) });
  }

  const invalid = invalidEntries(analysis);
  const unbacked = [...analysis.reactivation.values()].filter((v) => !v.valid).length;
  const t = policy.quality_thresholds;
  const reasons: string[] = [];
  if (analysis.terminal !== null) reasons.push(analysis.terminal.message);
  if (analysis.schemaFinding !== null) reasons.push(analysis.schemaFinding.message);
  if (analysis.critical > t.max_unresolved_critical_severity_flakes) reasons.push(`${analysis.critical} critical flake(s) in quarantine`);
  if (analysis.high > t.max_unresolved_high_severity_flakes) reasons.push(`${analysis.high} high flake(s) in quarantine`);
  if (breaches.length > 0) reasons.push(`${breaches.length} SLA breach(es) detected`);
  if (aboveTarget > 0) reasons.push(`${aboveTarget} entry(ies) with sla_hours above the policy target`);
  if (invalid.length > 0) reasons.push(`${invalid.length} invalid quarantine entry(ies)`);
  if (unbacked > 0) reasons.push(`${unbacked} reactivated entry(ies) without valid evidence`);

  // The verdict is the gate's own: the reasons above explain it, they do not decide it.
  const blocked = checkQuarantine(analysis, policy, now).status === "fail" || checkReactivation(analysis).status === "fail";

  const { opened, closed } = windowCounts(analysis, cutoff, now);
  const manifestTrusted = analysis.terminal === null && analysis.schemaFinding === null;
  let trend: BurndownTrend;
  if (analysis.countedOpen.length === 0 && invalid.length === 0 && manifestTrusted) trend = "clear";
  else trend = closed > opened ? "improving" : closed < opened ? "degrading" : "stable";

  const history = burndownHistory(inputs.history, cutoff, now);
  return {
    schema_version: BURNDOWN_REPORT_SCHEMA_VERSION,
    generated_at_utc: formatZulu(now),
    window_days: windowDays,
    policy_path: inputs.policyPath,
    manifest_path: inputs.manifest.path,
    summary: {
      total_open_flakes: analysis.countedOpen.length,
      critical_flakes: severities.critical,
      high_flakes: severities.high,
      medium_flakes: severities.medium,
      low_flakes: severities.low,
      overdue_sla_count: breaches.length,
      resolved_in_window: closed,
      new_in_window: opened,
      invalid_entries: invalid.length,
      burndown_trend: trend,
    },
    release_gate: { blocked, reasons },
    sla_breaches: breaches,
    owner_routing: [...routes.values()].sort((a, b) => compareCodePoints(a.owner, b.owner)),
    history: history.rows,
    invalid_entries: invalid,
    warnings: history.warnings,
  };
}
