// The outcome of an executed rollback, decided from what ran. The first rule that applies wins.

export type NpmOutcomeStatus = "succeeded" | "noop" | "partial_failure" | "failed" | "blocked" | "aborted";

export interface NpmExecutedSummary {
  /** Whether the plan needed any mutating command (dist-tag add or deprecate). */
  mutatingPlanned: boolean;
  /** Exit codes of the mutating commands that were spawned (null = killed or could not start). */
  mutatingExitCodes: (number | null)[];
  allVerified: boolean;
}

export function classifyOutcome(summary: NpmExecutedSummary): NpmOutcomeStatus {
  if (!summary.mutatingPlanned) return summary.allVerified ? "noop" : "failed";
  const codes = summary.mutatingExitCodes;
  if (codes.every((c) => c === 0) && summary.allVerified) return "succeeded";
  if (codes.length > 0 && codes.every((c) => c !== 0)) return "failed";
  return "partial_failure";
}
