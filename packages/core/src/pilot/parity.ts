// WASM vs native parity (pilot.md §4.5): the latest sample of each side, a relative gap against
// a floor of 1e-9 so a zero native value cannot divide by zero, and the more lenient tolerance.
import { compareCodePoints } from "../canonical-json.ts";
import { PILOT_FRAMEWORKS, type PilotFramework, type PilotPolicy, type PilotProfileFamily } from "../schemas/pilot-policy.ts";
import type { PilotMissingSignal, PilotParityAlert, PilotParityCheck } from "../schemas/pilot-summary.ts";
import type { PilotEvent } from "../schemas/pilot-telemetry.ts";
import { pilotSeverity } from "./severity.ts";
import { sortByKeys } from "./sort-keys.ts";

/** The built-in per-side tolerance when neither input nor policy gives one. */
export const PILOT_DEFAULT_TOLERANCE_PCT = 5.0;
/** Denominator floor of the relative gap. */
export const PILOT_PARITY_FLOOR = 1e-9;

export function parityDeltaPct(wasm: number, native: number): number {
  const d = Math.max(Math.abs(native), PILOT_PARITY_FLOOR);
  return (Math.abs(wasm - native) / d) * 100;
}

export interface ParityResult {
  checks: PilotParityCheck[];
  alerts: PilotParityAlert[];
  unpaired: PilotMissingSignal[];
}

export function evaluateParity(events: readonly PilotEvent[], inputDefault: number | null, policy: PilotPolicy | null): ParityResult {
  const latest = new Map<string, PilotEvent>();
  const signals = new Map<PilotFramework, Set<string>>();
  const key = (fw: string, signal: string, family: PilotProfileFamily): string => JSON.stringify([fw, signal, family]);
  for (const e of events) {
    latest.set(key(e.framework, e.signal_name, e.profile_family), e);
    let set = signals.get(e.framework);
    if (set === undefined) signals.set(e.framework, (set = new Set()));
    set.add(e.signal_name);
  }
  const sideTolerance = (e: PilotEvent): number => {
    if (e.parity_tolerance_pct !== null) return e.parity_tolerance_pct;
    if (inputDefault !== null) return inputDefault;
    const fw = policy?.frameworks?.[e.framework]?.parity_tolerance_pct;
    if (fw !== undefined) return fw;
    return policy?.parity_tolerance_pct_default ?? PILOT_DEFAULT_TOLERANCE_PCT;
  };

  const checks: PilotParityCheck[] = [];
  const alerts: PilotParityAlert[] = [];
  const unpaired: PilotMissingSignal[] = [];
  for (const framework of PILOT_FRAMEWORKS) {
    const names = [...(signals.get(framework) ?? [])].sort(compareCodePoints);
    for (const signal_name of names) {
      const w = latest.get(key(framework, signal_name, "wasm"));
      const n = latest.get(key(framework, signal_name, "native"));
      if (w === undefined || n === undefined) {
        unpaired.push({ framework, signal_name, profile_family: w !== undefined ? "wasm" : "native" });
        continue;
      }
      const delta_pct = parityDeltaPct(w.signal_value, n.signal_value);
      const tolerance_pct = Math.max(sideTolerance(w), sideTolerance(n));
      const breach = delta_pct > tolerance_pct;
      checks.push({
        framework,
        signal_name,
        breach,
        wasm_value: w.signal_value,
        native_value: n.signal_value,
        delta_pct,
        tolerance_pct,
        owner_route: w.owner_route,
        capability_surface: w.capability_surface,
        replay_command: w.replay_command,
        trace_pointer: w.trace_pointer,
      });
      if (breach) {
        alerts.push({
          alert_id: `parity:${framework}:${signal_name}`,
          severity: pilotSeverity("max", tolerance_pct, delta_pct),
          framework,
          signal_name,
          wasm_value: w.signal_value,
          native_value: n.signal_value,
          delta_pct,
          tolerance_pct,
          owner_route: w.owner_route,
          capability_surface: w.capability_surface,
          replay_command: w.replay_command,
          trace_pointer: w.trace_pointer,
          remediation_pointer: w.remediation_pointer,
          scenario_id: w.scenario_id,
          native_owner_route: n.owner_route,
          native_replay_command: n.replay_command,
          native_trace_pointer: n.trace_pointer,
          native_scenario_id: n.scenario_id,
        });
      }
    }
  }
  return {
    checks: sortByKeys(checks, (c) => [c.framework, c.signal_name]),
    alerts: sortByKeys(alerts, (a) => [a.severity, a.framework, a.signal_name]),
    unpaired: sortByKeys(unpaired, (u) => [u.framework, u.signal_name]),
  };
}
