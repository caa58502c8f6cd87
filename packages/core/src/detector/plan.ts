// The plan (detector.md §4.1) and its sharding (§7.4): units in config order, iterations 1…N,
// restricted to one shard. Pure: the scheduler in the CLI decides only *when* units run.
import type { PlanUnit, ShardBy, ShardSpec } from "./types.ts";

const SHARD_RE = /^([1-9]\d*)\/([1-9]\d*)$/;

/** `i/n` with 1 ≤ i ≤ n (both safe integers), else null. */
export function parseShard(text: string): { index: number; count: number } | null {
  const m = SHARD_RE.exec(text);
  if (m === null) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index > count) return null;
  return { index, count };
}

/**
 * Iterations shard `index` of `count` gets under `--shard-by iteration`: a contiguous block,
 * sizes floor(N/count), the first N mod count shards one larger. Empty when the block is empty.
 */
export function shardIterations(iterations: number, index: number, count: number): number[] {
  const base = Math.floor(iterations / count);
  const extra = iterations % count;
  const size = base + (index <= extra ? 1 : 0);
  const first = (index - 1) * base + Math.min(index - 1, extra) + 1;
  return Array.from({ length: size }, (_, k) => first + k);
}

/** 1-based shard that runs the k-th (0-based) planned suite under `--shard-by suite`. */
export function shardOfSuite(k: number, count: number): number {
  return (k % count) + 1;
}

/** The iterations of one planned suite (0-based position k) that this shard runs. */
export function suiteIterations(k: number, iterations: number, shard: ShardSpec | null): number[] {
  if (shard === null) return Array.from({ length: iterations }, (_, i) => i + 1);
  if (shard.by === "suite") return shardOfSuite(k, shard.count) === shard.index ? suiteIterations(k, iterations, null) : [];
  return shardIterations(iterations, shard.index, shard.count);
}

/** Units in plan order: suite (config order), then iteration. */
export function planUnits(suites: readonly string[], iterations: number, shard: ShardSpec | null): PlanUnit[] {
  const units: PlanUnit[] = [];
  suites.forEach((suite, k) => {
    for (const iteration of suiteIterations(k, iterations, shard)) units.push({ suite, iteration });
  });
  return units;
}

export const SHARD_BY_VALUES: readonly ShardBy[] = ["suite", "iteration"];
