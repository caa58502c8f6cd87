// Verdict, recommendations and the stdout verdict line (detector.md §4.8, §2.6).

export type DetectorVerdict = "pass" | "fail" | "deferred";

export const UNSTABLE_RECOMMENDATIONS: readonly string[] = [
  "Investigate unstable suites first using replay_command and per-run logs.",
  "Increase deterministic replay iteration count in CI for unstable suites.",
  "Correlate instability with SEM-10.5 CI signal-quality tuning.",
];
export const STABLE_RECOMMENDATION = "No instability detected; keep current deterministic replay cadence.";

export function verdictOf(input: { runFailed: boolean; unstableCount: number; sharded: boolean }): DetectorVerdict {
  if (input.sharded) return "deferred";
  return input.runFailed || input.unstableCount > 0 ? "fail" : "pass";
}

export function recommendationsOf(unstableCount: number, deterministicSuites: readonly string[]): string[] {
  const out: string[] = [];
  if (unstableCount > 0) out.push(...UNSTABLE_RECOMMENDATIONS);
  if (deterministicSuites.length > 0) {
    out.push(`Deterministic failures (failed every iteration): ${deterministicSuites.join(", ")}. Fix them before judging flakiness.`);
  }
  if (unstableCount === 0 && deterministicSuites.length === 0) out.push(STABLE_RECOMMENDATION);
  return out;
}

export interface VerdictLineInput {
  verdict: DetectorVerdict;
  runFailed: boolean;
  unstableCount: number;
  deterministicCount: number;
  shard: { index: number; count: number } | null;
  ci: boolean;
}

export function verdictLine(input: VerdictLineInput): string {
  const label = input.ci ? "CI verdict" : "verdict";
  if (input.verdict === "pass") return `${label}: PASS`;
  if (input.verdict === "deferred") return `${label}: DEFERRED (shard ${input.shard?.index ?? "?"}/${input.shard?.count ?? "?"})`;
  return `${label}: FAIL (run_failed=${input.runFailed ? 1 : 0} unstable_suites=${input.unstableCount} deterministic_failures=${input.deterministicCount})`;
}
