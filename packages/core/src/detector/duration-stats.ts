// Duration statistics of one suite (detector.md §4.6): warm-up runs excluded, spread rounded by
// the shared rounding before any comparison, so 25.004 counts as 25.
import { roundN } from "../format.ts";
import type { RunRecord } from "./types.ts";

export interface DurationStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  spread_pct: number | null;
  /** How many durations were measured after the warm-up. */
  samples: number;
}

export function durationStats(runs: readonly Pick<RunRecord, "iteration" | "duration_ms">[], warmupRuns: number): DurationStats {
  const samples: number[] = [];
  for (const run of runs) if (run.iteration > warmupRuns && run.duration_ms !== null) samples.push(run.duration_ms);
  if (samples.length < 2) return { min: null, max: null, mean: null, spread_pct: null, samples: samples.length };
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  const sum = samples.reduce((a, b) => a + b, 0);
  const spread = min <= 0 ? 0 : roundN(((max - min) * 100) / min, 2);
  return { min, max, mean: Math.floor(sum / samples.length), spread_pct: spread, samples: samples.length };
}
