// The pilot policy of `pilot evaluate --policy` (pilot.md §3.2, §7.1): humans write it, so
// every level is strict.
import * as z from "zod";

export const PILOT_POLICY_SCHEMA_VERSION = "flakewarden-pilot-policy-v1";
export const PILOT_FRAMEWORKS = ["next", "react", "vanilla"] as const;
export const PILOT_PROFILE_FAMILIES = ["native", "wasm"] as const;
export const PILOT_THRESHOLD_KINDS = ["max", "min"] as const;

export type PilotFramework = (typeof PILOT_FRAMEWORKS)[number];
export type PilotProfileFamily = (typeof PILOT_PROFILE_FAMILIES)[number];
export type PilotThresholdKind = (typeof PILOT_THRESHOLD_KINDS)[number];

function distinct(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

export const PilotThreshold = z
  .strictObject({
    kind: z.enum(PILOT_THRESHOLD_KINDS),
    value: z.number(),
  })
  .meta({ description: "default threshold for events that omit both threshold fields" });

/** signal_name (exact, case-sensitive) → threshold. */
export const PilotThresholds = z.record(z.string(), PilotThreshold);

export const PilotFrameworkPolicy = z.strictObject({
  required_signals: z
    .array(z.string().regex(/\S/, { error: "must be a non-blank string" }))
    .refine(distinct, { error: "entries must be distinct" })
    .optional()
    .meta({ description: "signals that must be present for this framework" }),
  required_profile_families: z
    .array(z.enum(PILOT_PROFILE_FAMILIES))
    .min(1)
    .refine(distinct, { error: "entries must be distinct" })
    .optional()
    .meta({ description: "families each required signal must appear in (default both)" }),
  parity_tolerance_pct: z.number().min(0).optional().meta({ description: "framework fallback parity tolerance in %" }),
  thresholds: PilotThresholds.optional(),
});

export const PilotPolicy = z.strictObject({
  schema_version: z.literal(PILOT_POLICY_SCHEMA_VERSION),
  parity_tolerance_pct_default: z.number().min(0).optional().meta({ description: "replaces the built-in 5.0 fallback" }),
  thresholds: PilotThresholds.optional(),
  frameworks: z
    .strictObject({
      next: PilotFrameworkPolicy.optional(),
      react: PilotFrameworkPolicy.optional(),
      vanilla: PilotFrameworkPolicy.optional(),
    })
    .optional(),
});
export type PilotPolicy = z.infer<typeof PilotPolicy>;
export type PilotThreshold = z.infer<typeof PilotThreshold>;
