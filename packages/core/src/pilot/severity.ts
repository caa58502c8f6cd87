// Alert severity (pilot.md §4.3): critical iff the threshold is positive and the relative
// overshoot is at least 50%, computed in this order in IEEE double for bit-compatibility.
import type { PilotThresholdKind } from "../schemas/pilot-policy.ts";

export type PilotAlertSeverity = "critical" | "high";

export function pilotSeverity(kind: PilotThresholdKind, threshold: number, value: number): PilotAlertSeverity {
  if (!(threshold > 0)) return "high";
  const ratio = kind === "max" ? (value - threshold) / threshold : (threshold - value) / threshold;
  return ratio >= 0.5 ? "critical" : "high";
}

export function breaches(kind: PilotThresholdKind, threshold: number, value: number): boolean {
  return kind === "max" ? value > threshold : value < threshold;
}
