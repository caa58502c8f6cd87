// The SLA a new entry gets: the policy target of its severity unless a smaller one is asked for
// (gate.md §4.10). A target caps the flag so `open` never writes what the gate would flag.
import type { Severity } from "../schemas/common.ts";
import type { ResolvedPolicy } from "../schemas/policy.ts";

export type SlaResolution =
  | { ok: true; hours: number }
  | { ok: false; reason: "no-target"; severity: Severity }
  | { ok: false; reason: "above-target"; severity: Severity; hours: number; target: number };

export function resolveSlaHours(severity: Severity, requested: number | undefined, policy: ResolvedPolicy): SlaResolution {
  const target = policy.sla_targets_hours[severity];
  if (requested === undefined) {
    return target === undefined ? { ok: false, reason: "no-target", severity } : { ok: true, hours: target };
  }
  if (target !== undefined && requested > target) return { ok: false, reason: "above-target", severity, hours: requested, target };
  return { ok: true, hours: requested };
}
