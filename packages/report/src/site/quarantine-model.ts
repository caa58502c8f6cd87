// Quarantine entries as the site shows them (reports.md §4.5): open/closed as the gate counts them,
// the SLA clock, reactivation evidence through core's validator.
import { fmt1, parseTimestamp, validateReactivationEvidence, type EvidenceVerdict } from "@flakewarden/core";
import type { Artifact } from "./page-contract.ts";

export const DEFAULT_MIN_RUNS = 3;
const HOUR_MS = 3_600_000;

export interface EntryView {
  readonly entry: Record<string, unknown>;
  /** Index in the manifest's entries array. */
  readonly index: number;
  readonly id: string;
  readonly severity: string;
  readonly status: string;
  readonly open: boolean;
  readonly openedMs: number;
  readonly slaHours: number;
  /** sla_hours − age, unrounded (negative when overdue); null when not open. */
  readonly hoursLeft: number | null;
  readonly notStarted: boolean;
  readonly overdue: boolean;
  readonly clock: string;
  readonly closeMs: number | null;
  readonly evidence: EvidenceVerdict | null;
  readonly minRuns: number;
  /** Consecutive identical passing reruns (window length) for open entries carrying reruns. */
  readonly reruns: number | null;
}

export interface MinRunsSource {
  readonly minRuns: (severity: string) => number;
  readonly recorded: boolean;
}

/** minRuns per severity from the current governance report's thresholds.reactivation_min_runs. */
export function minRunsFrom(governance: Artifact | null): MinRunsSource {
  const table = (governance?.data as { thresholds?: { reactivation_min_runs?: Record<string, number> } | null } | undefined)?.thresholds?.reactivation_min_runs;
  if (table === undefined || table === null) return { minRuns: () => DEFAULT_MIN_RUNS, recorded: false };
  return { minRuns: (s) => (typeof table[s] === "number" ? (table[s] as number) : DEFAULT_MIN_RUNS), recorded: true };
}

function evidenceWindowLength(evidence: unknown): number {
  if (!Array.isArray(evidence) || evidence.length === 0) return 0;
  const last = evidence[evidence.length - 1] as { attempt_id?: unknown } | null;
  if (typeof last !== "object" || last === null || typeof last.attempt_id !== "string") return 0;
  let n = 0;
  for (let i = evidence.length - 1; i >= 0; i--) {
    const r = evidence[i] as { attempt_id?: unknown; status?: unknown } | null;
    if (typeof r !== "object" || r === null || r.attempt_id !== last.attempt_id || r.status !== "passed") break;
    n += 1;
  }
  return n;
}

export function entryViews(manifest: Artifact, nowMs: number, minRuns: MinRunsSource): EntryView[] {
  const data = manifest.data as { entries: Record<string, unknown>[]; entries__index: number[] };
  return data.entries.map((entry, k) => {
    const index = data.entries__index[k] ?? k;
    const severity = String(entry.severity);
    const status = String(entry.status);
    const runs = minRuns.minRuns(severity);
    const evidence = status === "reactivated" ? validateReactivationEvidence(entry, runs) : null;
    const open = status === "open" || (status === "reactivated" && evidence !== null && !evidence.valid);
    const openedMs = parseTimestamp(entry.opened_at_utc) ?? 0;
    const slaHours = entry.sla_hours as number;
    const age = (nowMs - openedMs) / HOUR_MS;
    const closeMs = parseTimestamp(entry.resolved_at_utc) ?? parseTimestamp(entry.reactivated_at_utc);
    let clock: string;
    let hoursLeft: number | null = null;
    let notStarted = false;
    let overdue = false;
    if (open) {
      hoursLeft = slaHours - age;
      if (age < 0) {
        notStarted = true;
        clock = "not started (opened_at in the future)";
      } else if (age > slaHours) {
        overdue = true;
        clock = `overdue by ${fmt1(age - slaHours)} h`;
      } else {
        clock = `${fmt1(slaHours - age)} h left`;
      }
    } else {
      const closeText = entry.resolved_at_utc ?? entry.reactivated_at_utc;
      clock = typeof closeText === "string" ? `closed ${closeText}` : "closed (time not recorded)";
    }
    const hasReruns = Array.isArray(entry.reactivation_evidence) && entry.reactivation_evidence.length > 0;
    return {
      entry, index, id: String(entry.id), severity, status, open, openedMs, slaHours, hoursLeft, notStarted, overdue, clock,
      closeMs, evidence: evidence ?? (hasReruns ? validateReactivationEvidence(entry, runs) : null), minRuns: runs,
      reruns: open && hasReruns ? evidenceWindowLength(entry.reactivation_evidence) : null,
    };
  });
}
