// Pilot cohort intake (pilot.md §3.5, §3.6): the candidate list and the evaluation outputs.
import * as z from "zod";

export const PILOT_COHORT_SCHEMA = "asupersync-pilot-cohort-eval-v1";
export const PILOT_ALLOWED_PROFILES = ["FP-BR-MIN", "FP-BR-DEV", "FP-BR-PROD", "FP-BR-DET"] as const;
/** Capabilities a pilot cannot have yet: matched by exact (trimmed, lowercased) name, §6 item 10. */
export const PILOT_DEFERRED_CAPABILITIES = [
  "native_socket",
  "native_socket_listener",
  "io_uring",
  "native_tls",
  "fs",
  "process",
  "signal",
  "server",
  "native_db",
  "sqlite",
  "postgres",
  "mysql",
  "kafka",
  "quic_native",
  "http3_native",
] as const;

/** One candidate as written; absent fields take the defaults of §3.5. Unknown keys are ignored. */
export const PilotCandidateInput = z.looseObject({
  candidate_id: z.union([z.string(), z.int(), z.null()]).optional().meta({ description: `default "unknown"` }),
  profile: z.string().optional(),
  frameworks: z.array(z.string()).optional(),
  requested_capabilities: z.array(z.string()).optional(),
  has_replay_pipeline: z.unknown().optional().meta({ description: "truthiness" }),
  has_ci: z.unknown().optional(),
  security_owner: z.unknown().optional(),
  support_contact: z.unknown().optional(),
  pilot_window_days: z.union([z.number(), z.string().regex(/^\s*[+-]?\d+\s*$/)]).optional(),
});
export const PilotCohortInput = z.array(PilotCandidateInput);

export const PilotCohortResult = z.strictObject({
  candidate_id: z.string(),
  profile: z.string(),
  eligible: z.boolean(),
  score: z.int().min(0).max(100),
  risk_tier: z.enum(["low", "medium", "high"]),
  exclusion_reasons: z.array(z.string()),
  warning_flags: z.array(z.enum(["missing_ci", "missing_replay_pipeline", "missing_support_contact"])),
  selected_frameworks: z.array(z.string()),
});
export type PilotCohortResult = z.infer<typeof PilotCohortResult>;

export const PilotCohortEvaluation = z.strictObject({
  schema: z.literal(PILOT_COHORT_SCHEMA),
  generated_at: z.string(),
  candidate_count: z.int().min(0),
  eligible_count: z.int().min(0),
  results: z.array(PilotCohortResult),
});
export type PilotCohortEvaluation = z.infer<typeof PilotCohortEvaluation>;

export const PilotIntakeLine = z.strictObject({
  ts: z.string(),
  event: z.literal("pilot_intake_evaluation"),
  source_file: z.string(),
  candidate_id: z.string(),
  profile: z.string(),
  eligible: z.boolean(),
  score: z.int().min(0).max(100),
  risk_tier: z.enum(["low", "medium", "high"]),
  exclusion_reasons: z.array(z.string()),
  warning_flags: z.array(z.string()),
  frameworks: z.array(z.string()),
});
export type PilotIntakeLine = z.infer<typeof PilotIntakeLine>;
