// WG-QUAR and WG-REACT over one parse of the quarantine manifest (gate.md §4.5, §4.7).
import { fmt1, num, roundN, show } from "../format.ts";
import { rootObjectRequired, unreadableReason, type LoadedJson } from "../loaded-input.ts";
import { validateReactivationEvidence, type EvidenceVerdict } from "../reactivation-evidence.ts";
import { isPlainObject, present, type Severity } from "../schemas/common.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";
import { parseTimestamp } from "../timestamp.ts";
import { finding, resultOf, skipped, type CheckResult, type Finding } from "./finding.ts";
import { entrySubject, validateEntries, type EntryValidation } from "./manifest-entries.ts";

export const HOUR_MS = 3_600_000;

export interface ManifestAnalysis {
  /** WG-QUAR-001/002/004: the manifest cannot be trusted at all. */
  terminal: Finding | null;
  /** WG-QUAR-003 schema mismatch (not terminal). */
  schemaFinding: Finding | null;
  entries: unknown[];
  validation: EntryValidation;
  /** Evidence verdicts of valid `reactivated` entries, by index. */
  reactivation: Map<number, EvidenceVerdict>;
  /** Indices of valid entries counted as open: `open`, or `reactivated` without valid evidence. */
  countedOpen: number[];
  high: number;
  critical: number;
}

export type MinRunsFor = (severity: Severity) => number;

export function analyzeManifest(input: LoadedJson, policy: ResolvedPolicy, minRunsFor: MinRunsFor, now: number): ManifestAnalysis {
  const empty = (terminal: Finding | null, schemaFinding: Finding | null = null): ManifestAnalysis => ({
    terminal,
    schemaFinding,
    entries: [],
    validation: { ordered: [], byEntry: [], valid: [] },
    reactivation: new Map(),
    countedOpen: [],
    high: 0,
    critical: 0,
  });
  if (input.kind === "missing") return empty(finding("WG-QUAR-001", `quarantine manifest missing: ${input.path}`));
  if (input.kind !== "json" || !isPlainObject(input.value)) {
    const why = input.kind === "json" ? rootObjectRequired(input.path) : unreadableReason(input);
    return empty(finding("WG-QUAR-002", `quarantine manifest JSON invalid: ${why}`));
  }
  const doc = input.value;
  const expected = policy.quarantine.manifest_schema_version;
  const schemaFinding =
    doc.schema_version === expected
      ? null
      : finding("WG-QUAR-003", `quarantine schema mismatch: expected ${expected}, got ${show(doc.schema_version)}`, {
          path: "schema_version",
        });
  const entries = present(doc.entries) ? doc.entries : [];
  if (!Array.isArray(entries)) {
    return empty(finding("WG-QUAR-004", "quarantine entries must be a list", { path: "entries" }), schemaFinding);
  }
  const validation = validateEntries(entries, policy, now);
  const reactivation = new Map<number, EvidenceVerdict>();
  const countedOpen: number[] = [];
  let high = 0;
  let critical = 0;
  entries.forEach((entry, i) => {
    if (validation.valid[i] !== true) return;
    const e = entry as Record<string, unknown>;
    let open = e.status === "open";
    if (e.status === "reactivated") {
      const verdict = validateReactivationEvidence(e, minRunsFor(e.severity as Severity));
      reactivation.set(i, verdict);
      open = !verdict.valid;
    }
    if (!open) return;
    countedOpen.push(i);
    if (e.severity === "high") high += 1;
    if (e.severity === "critical") critical += 1;
  });
  return { terminal: null, schemaFinding, entries, validation, reactivation, countedOpen, high, critical };
}

/** Age in hours of a counted-as-open entry; never negative (a future entry never breaches). */
export function entryAgeHours(entry: Record<string, unknown>, now: number): number {
  const opened = parseTimestamp(entry.opened_at_utc) ?? now;
  return Math.max(0, now - opened) / HOUR_MS;
}

/** The WG-QUAR-011 parts: counts over the maxima, then per entry SLA and target breaches. */
export function slaFindings(analysis: ManifestAnalysis, policy: ResolvedPolicy, now: number): Finding[] {
  const t = policy.quality_thresholds;
  const out: Finding[] = [];
  if (analysis.high > t.max_unresolved_high_severity_flakes) {
    out.push(
      finding("WG-QUAR-011", `unresolved high flakes breach (${analysis.high} > ${num(t.max_unresolved_high_severity_flakes)})`, {
        path: "quality_thresholds.max_unresolved_high_severity_flakes",
        actual: analysis.high,
        limit: t.max_unresolved_high_severity_flakes,
      }),
    );
  }
  if (analysis.critical > t.max_unresolved_critical_severity_flakes) {
    out.push(
      finding(
        "WG-QUAR-011",
        `unresolved critical flakes breach (${analysis.critical} > ${num(t.max_unresolved_critical_severity_flakes)})`,
        {
          path: "quality_thresholds.max_unresolved_critical_severity_flakes",
          actual: analysis.critical,
          limit: t.max_unresolved_critical_severity_flakes,
        },
      ),
    );
  }
  for (const i of analysis.countedOpen) {
    const e = analysis.entries[i] as Record<string, unknown>;
    const subject = entrySubject(e, i);
    const id = e.id as string;
    const sla = e.sla_hours as number;
    const age = entryAgeHours(e, now);
    if (age > sla) {
      out.push(
        finding("WG-QUAR-011", `${subject} breached entry SLA (${fmt1(age)}h > ${sla}h)`, {
          subject: id,
          path: `entries[${i}]`,
          actual: roundN(age, 1),
          limit: sla,
        }),
      );
    }
    const target = policy.sla_targets_hours[e.severity as Severity];
    if (target !== undefined && sla > target) {
      out.push(
        finding("WG-QUAR-011", `${subject} sla_hours exceeds policy target (${sla}h > ${target}h)`, {
          subject: id,
          path: `entries[${i}].sla_hours`,
          actual: sla,
          limit: target,
        }),
      );
    }
  }
  return out;
}

export function checkQuarantine(analysis: ManifestAnalysis, policy: ResolvedPolicy, now: number): CheckResult {
  if (analysis.terminal !== null) {
    return resultOf("WG-QUAR", "", [...(analysis.schemaFinding ? [analysis.schemaFinding] : []), analysis.terminal]);
  }
  const findings: Finding[] = [];
  if (analysis.schemaFinding !== null) findings.push(analysis.schemaFinding);
  findings.push(...analysis.validation.ordered, ...slaFindings(analysis, policy, now));
  const pass = `quarantine healthy (entries=${analysis.entries.length}, unresolved_high=${analysis.high}, unresolved_critical=${analysis.critical})`;
  return resultOf("WG-QUAR", pass, findings);
}

export function checkReactivation(analysis: ManifestAnalysis): CheckResult {
  if (analysis.terminal !== null) return skipped("WG-REACT", "not evaluated: quarantine manifest unavailable");
  const findings: Finding[] = [];
  for (const [i, verdict] of analysis.reactivation) {
    if (verdict.valid) continue;
    const e = analysis.entries[i] as Record<string, unknown>;
    findings.push(
      finding("WG-REACT-001", `${entrySubject(e, i)} reactivated without valid evidence: ${verdict.unmet.join(", ")}`, {
        subject: e.id as string,
        path: `entries[${i}].reactivation_evidence`,
      }),
    );
  }
  return resultOf("WG-REACT", `reactivated entries carry valid evidence (${analysis.reactivation.size} checked)`, findings);
}
