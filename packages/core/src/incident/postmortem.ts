// The postmortem draft's required sections and its completion rule (forensics §4.9, §7.4).
import { isPlainObject } from "../schemas/common.ts";

/** The original's five first, then the sections a full review also needs. */
export const POSTMORTEM_REQUIREMENTS = [
  "incident_timeline_utc",
  "triggering_gate_and_evidence_links",
  "exact_repro_commands",
  "rollback_actions_and_verification_results",
  "owner_assigned_follow_up_bead",
  "impact",
  "root_cause",
  "contributing_factors",
  "detection",
  "where_we_got_lucky",
  "corrective_actions",
  "prevention_checks",
  "linked_remediation_refs",
  "rollback_lifted_via_gate",
] as const;

export const POSTMORTEM_CRITERIA = [
  "root_cause_recorded",
  "follow_up_owner_assigned",
  "prevention_action_scheduled",
  "prevention_check_deterministic",
  "rollback_lifted_via_gate",
] as const;
export type PostmortemCriterion = (typeof POSTMORTEM_CRITERIA)[number];

const filled = (v: unknown): boolean => typeof v === "string" && v.trim().length > 0;

export function evaluatePostmortemCompletion(pm: Record<string, unknown>): { complete: boolean; unmet: PostmortemCriterion[] } {
  const root = isPlainObject(pm.root_cause) ? pm.root_cause : {};
  const followUp = isPlainObject(pm.owner_assigned_follow_up_bead) ? pm.owner_assigned_follow_up_bead : {};
  const checks = Array.isArray(pm.prevention_checks) ? pm.prevention_checks.filter(isPlainObject) : [];
  const lifted = isPlainObject(pm.rollback_lifted_via_gate) ? pm.rollback_lifted_via_gate : {};
  const met: Record<PostmortemCriterion, boolean> = {
    root_cause_recorded: filled(root.summary),
    follow_up_owner_assigned: filled(followUp.owner) && filled(followUp.ref),
    prevention_action_scheduled: checks.some((c) => filled(c.owner) && filled(c.due_date)),
    prevention_check_deterministic: checks.length > 0 && checks.every((c) => filled(c.deterministic_validation)),
    rollback_lifted_via_gate: lifted.lifted === true && filled(lifted.evidence),
  };
  const unmet = POSTMORTEM_CRITERIA.filter((c) => !met[c]);
  return { complete: unmet.length === 0, unmet };
}
