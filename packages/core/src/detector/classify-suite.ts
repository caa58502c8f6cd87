// Suite classification (detector.md §4.7): which variance sources apply, whether the suite is
// unstable (flaky) or a deterministic failure.
import { durationStats, type DurationStats } from "./duration-stats.ts";
import { SIGNAL_SOURCES, type RunRecord, type RunStatus } from "./types.ts";

/** Sources that make a suite unstable, in output order. */
export const INSTABILITY_SOURCES = ["status_variance", "skip_variance", "fingerprint_variance", "retry_flake", "duration_variance"] as const;
export type InstabilitySource = (typeof INSTABILITY_SOURCES)[number];

export type VarianceSource = InstabilitySource | (typeof SIGNAL_SOURCES)[number] | "deterministic_failure";

export interface SuiteThresholds {
  durationThresholdPct: number;
  durationFloorMs: number;
  warmupRuns: number;
}

export interface SuiteClassification {
  pass: number;
  fail: number;
  skip: number;
  /** Runs of the suite = pass + fail + skip. */
  runs: number;
  statusTrace: RunStatus[];
  duration: DurationStats;
  unstable: boolean;
  deterministicFailure: boolean;
  /** Applying sources in table order, or ["none"]. */
  likelyVarianceSources: string[];
  /** The applying sources that make the suite unstable. */
  instabilitySignals: InstabilitySource[];
  fingerprints: string[];
  distinctFingerprints: number;
}

/** `runs` in iteration order. */
export function classifySuite(runs: readonly RunRecord[], thresholds: SuiteThresholds): SuiteClassification {
  const count = (status: RunStatus): number => runs.filter((r) => r.status === status).length;
  const pass = count("pass");
  const fail = count("fail");
  const skip = count("skip");
  const duration = durationStats(runs, thresholds.warmupRuns);

  const printsOf = (status: RunStatus): Set<string> => new Set(runs.filter((r) => r.status === status).map((r) => r.fingerprint));
  const applies: Record<InstabilitySource, boolean> = {
    status_variance: pass > 0 && fail > 0,
    skip_variance: skip > 0 && pass + fail > 0,
    fingerprint_variance: printsOf("pass").size > 1 || printsOf("fail").size > 1,
    retry_flake: runs.some((r) => (r.tests?.flaky ?? 0) > 0),
    duration_variance:
      duration.spread_pct !== null &&
      duration.spread_pct > thresholds.durationThresholdPct &&
      duration.max !== null &&
      duration.min !== null &&
      duration.max - duration.min >= thresholds.durationFloorMs,
  };
  const instabilitySignals = INSTABILITY_SOURCES.filter((s) => applies[s]);
  const unstable = instabilitySignals.length > 0;
  const signals = SIGNAL_SOURCES.filter((s) => runs.some((r) => r.signals.includes(s)));
  const deterministicFailure = runs.length > 0 && fail === runs.length && !unstable;
  const sources: string[] = [...instabilitySignals, ...signals, ...(deterministicFailure ? ["deterministic_failure"] : [])];
  const fingerprints = runs.map((r) => r.fingerprint);
  return {
    pass,
    fail,
    skip,
    runs: runs.length,
    statusTrace: runs.map((r) => r.status),
    duration,
    unstable,
    deterministicFailure,
    likelyVarianceSources: sources.length > 0 ? sources : ["none"],
    instabilitySignals,
    fingerprints,
    distinctFingerprints: new Set(fingerprints).size,
  };
}
