// Pilot telemetry input (pilot.md §3.1). The raw file is checked field by field by
// validatePilotTelemetry (exact messages and order, §4.1); these schemas describe what users write
// and the normalised event that evaluation works on.
import * as z from "zod";
import { PILOT_FRAMEWORKS, PILOT_PROFILE_FAMILIES, PILOT_THRESHOLD_KINDS } from "./pilot-policy.ts";

const NonBlank = z.string().regex(/\S/);
/** §3.1 numeric-string grammar for tolerances. */
export const PILOT_NUMERIC_STRING_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const Tolerance = z.union([z.number().min(0), z.string().regex(PILOT_NUMERIC_STRING_RE)]);

/** One event as written (before normalisation). Unknown keys are ignored. */
export const PilotTelemetryEventInput = z.looseObject({
  scenario_id: z.union([NonBlank, z.int()]),
  framework: z.string().meta({ description: "vanilla, react or next (trimmed, lowercased)" }),
  profile_family: z.string().meta({ description: "native or wasm (trimmed, lowercased)" }),
  signal_name: NonBlank.meta({ description: "trimmed; case-sensitive" }),
  signal_source: z.string(),
  signal_value: z.union([z.number(), z.boolean()]),
  threshold_kind: z.string().optional().meta({ description: "max or min; may be omitted with a policy default" }),
  threshold_value: z.union([z.number(), z.boolean()]).optional(),
  capability_surface: z.string(),
  owner_route: NonBlank,
  replay_command: NonBlank,
  trace_pointer: NonBlank,
  remediation_pointer: z.string(),
  parity_tolerance_pct: Tolerance.optional(),
});

export const PilotTelemetryInput = z.union([
  z.looseObject({
    events: z.array(PilotTelemetryEventInput),
    seed: z.unknown().optional(),
    parity_tolerance_pct_default: Tolerance.optional(),
  }),
  z.array(PilotTelemetryEventInput),
]);

/** An event after validation and normalisation (§3.1), with its effective threshold (§4.2). */
export const PilotEvent = z.strictObject({
  scenario_id: z.string(),
  framework: z.enum(PILOT_FRAMEWORKS),
  profile_family: z.enum(PILOT_PROFILE_FAMILIES),
  signal_name: z.string(),
  signal_source: z.string(),
  signal_value: z.number(),
  threshold_kind: z.enum(PILOT_THRESHOLD_KINDS),
  threshold_value: z.number(),
  threshold_source: z.enum(["event", "policy"]),
  capability_surface: z.string(),
  owner_route: z.string(),
  replay_command: z.string(),
  trace_pointer: z.string(),
  remediation_pointer: z.string(),
  parity_tolerance_pct: z.number().nullable(),
});
export type PilotEvent = z.infer<typeof PilotEvent>;
