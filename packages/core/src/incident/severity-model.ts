// The one severity model (forensics §4.6): protocol per level plus the roles and their duties.
import * as z from "zod";

export const SEVERITY_LEVELS = ["sev_1", "sev_2", "sev_3"] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export const SeverityProtocol = z.strictObject({
  initial_ack_sla_minutes: z.number().int().nonnegative(),
  update_interval_minutes: z.number().int().positive(),
  required_roles: z.array(z.string().min(1)),
  response_target: z.string().min(1),
  rollback_default: z.string().min(1),
  postmortem_required: z.boolean(),
  postmortem_due_business_days: z.number().int().nonnegative().nullable(),
  public_status_note_for_stable: z.boolean(),
});
export type SeverityProtocol = z.infer<typeof SeverityProtocol>;
export type SeverityModel = Record<SeverityLevel, SeverityProtocol>;

export const DEFAULT_SEVERITY_MODEL: SeverityModel = {
  sev_1: {
    initial_ack_sla_minutes: 5,
    update_interval_minutes: 15,
    required_roles: ["release-captain", "security-oncall", "runtime-owner"],
    response_target: "immediate",
    rollback_default: "mandatory",
    postmortem_required: true,
    postmortem_due_business_days: 2,
    public_status_note_for_stable: true,
  },
  sev_2: {
    initial_ack_sla_minutes: 15,
    update_interval_minutes: 30,
    required_roles: ["release-captain", "runtime-owner"],
    response_target: "same_day",
    rollback_default: "unless_waiver_signed",
    postmortem_required: true,
    postmortem_due_business_days: 2,
    public_status_note_for_stable: true,
  },
  sev_3: {
    initial_ack_sla_minutes: 1440,
    update_interval_minutes: 1440,
    required_roles: ["runtime-owner"],
    response_target: "next_business_day",
    rollback_default: "none",
    postmortem_required: false,
    postmortem_due_business_days: null,
    public_status_note_for_stable: false,
  },
};

export const INCIDENT_ROLES: Record<string, string> = {
  "release-captain": "incident commander (severity call, go/no-go, closure, communications)",
  "runtime-owner": "release operator (runs the repro commands, records each command and exit code)",
  "security-oncall": "security triage",
  scribe: "timeline, decisions, artifact pointers",
};

/** Quarantine severities expressed as incident levels; unknown severities count as the mildest. */
export function levelOfQuarantineSeverity(severity: unknown): SeverityLevel {
  if (severity === "critical") return "sev_1";
  if (severity === "high") return "sev_2";
  return "sev_3";
}

/** Overrides replace only the keys they give; each level stays complete. */
export function mergeSeverityModel(overrides: { [L in SeverityLevel]?: { [K in keyof SeverityProtocol]?: SeverityProtocol[K] | undefined } | undefined } | undefined): SeverityModel {
  const out = { ...DEFAULT_SEVERITY_MODEL };
  for (const level of SEVERITY_LEVELS) {
    const o = overrides?.[level];
    // zod already checked each given value; absent keys keep the default.
    if (o !== undefined) out[level] = { ...DEFAULT_SEVERITY_MODEL[level], ...(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<SeverityProtocol>) };
  }
  return out;
}
