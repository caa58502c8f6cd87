// `merge` (detector.md §7.4): check that shard outputs belong together and hold exactly their
// units, then turn them back into classified runs for the one assembly step detect also uses.
// Pure: the CLI reads the files and hands over their parsed contents.
import { isPlainObject } from "../schemas/common.ts";
import { DASHBOARD_SCHEMA, type VarianceDashboard } from "./dashboard-model.ts";
import { planUnits } from "./plan.ts";
import type { CaseStatus, ClassifiedRun, RunRecord, ShardBy, TestCase } from "./types.ts";

export interface ShardInput {
  /** The directory as the user named it, for messages. */
  display: string;
  dashboard: unknown;
  /** `<suite>/tests.ndjson` rows by suite (parsed), for suites with a result format. */
  tables: Map<string, unknown[]>;
  /** Parsed variance_events.ndjson lines. */
  events: unknown[];
}

export interface ValidShard {
  display: string;
  index: number;
  dashboard: VarianceDashboard;
  tables: Map<string, unknown[]>;
  events: Record<string, unknown>[];
}

/** Keys every shard must agree on (their JSON text is compared). */
const SHARED_KEYS = [
  "seed",
  "iterations",
  "config_hash",
  "duration_threshold_pct",
  "warmup_runs",
  "duration_floor_ms",
  "fingerprint_scheme",
  "detection_power",
] as const;

const canonical = (v: unknown): string => JSON.stringify(v);

/** The shards ordered by index, or the first problem (exit 2 naming the directory). */
export function validateShards(inputs: readonly ShardInput[]): { ok: true; shards: ValidShard[] } | { ok: false; problem: string } {
  const shards: ValidShard[] = [];
  for (const input of inputs) {
    const d = input.dashboard;
    if (!isPlainObject(d) || d.schema_version !== DASHBOARD_SCHEMA) return { ok: false, problem: `${input.display}: not a variance dashboard` };
    if (d.producer !== "flakewarden" || d.source !== "detect") {
      return { ok: false, problem: `${input.display}: not a flakewarden detect output (producer ${canonical(d.producer)}, source ${canonical(d.source)})` };
    }
    const shard = d.shard;
    if (!isPlainObject(shard) || typeof shard.index !== "number" || typeof shard.count !== "number") {
      return { ok: false, problem: `${input.display}: not a shard run (shard is null)` };
    }
    if (!Array.isArray(d.suites)) return { ok: false, problem: `${input.display}: suites must be a list` };
    shards.push({
      display: input.display,
      index: shard.index,
      dashboard: d as unknown as VarianceDashboard,
      tables: input.tables,
      events: input.events.filter(isPlainObject),
    });
  }
  const first = shards[0];
  if (first === undefined) return { ok: false, problem: "no shard directories given" };
  const firstShard = first.dashboard.shard as NonNullable<VarianceDashboard["shard"]>;
  for (const s of shards.slice(1)) {
    const shard = s.dashboard.shard as NonNullable<VarianceDashboard["shard"]>;
    const differs = (what: string): { ok: false; problem: string } => ({ ok: false, problem: `${s.display}: ${what} differs from ${first.display}` });
    if (shard.count !== firstShard.count) return differs("shard.count");
    if (shard.by !== firstShard.by) return differs("shard.by");
    if (canonical(shard.planned_suites) !== canonical(firstShard.planned_suites)) return differs("shard.planned_suites");
    for (const key of SHARED_KEYS) if (canonical(s.dashboard[key]) !== canonical(first.dashboard[key])) return differs(key);
  }
  const n = firstShard.count;
  const seen = new Set<number>();
  for (const s of shards) {
    if (!Number.isInteger(s.index) || s.index < 1 || s.index > n) return { ok: false, problem: `${s.display}: shard index ${s.index} is not within 1..${n}` };
    if (seen.has(s.index)) return { ok: false, problem: `duplicate shard ${s.index}/${n}` };
    seen.add(s.index);
  }
  for (let i = 1; i <= n; i++) if (!seen.has(i)) return { ok: false, problem: `missing shard ${i}/${n}` };
  shards.sort((a, b) => a.index - b.index);

  // Each shard must hold exactly the units the plan gives it.
  const iterations = first.dashboard.iterations;
  for (const s of shards) {
    const expected = planUnits(firstShard.planned_suites, iterations, { index: s.index, count: n, by: firstShard.by as ShardBy });
    const held = new Set<string>();
    for (const suite of s.dashboard.suites) for (const run of suite.runs) held.add(`${suite.suite}\u0000${run.iteration}`);
    for (const unit of expected) {
      if (!held.has(`${unit.suite}\u0000${unit.iteration}`)) {
        return { ok: false, problem: `shard ${s.index}/${n} is incomplete: ${unit.suite} iteration ${unit.iteration} missing` };
      }
      held.delete(`${unit.suite}\u0000${unit.iteration}`);
    }
    const extra = [...held][0];
    if (extra !== undefined) {
      const [suite, iteration] = extra.split("\u0000");
      return { ok: false, problem: `shard ${s.index}/${n} holds a run it was not planned: ${suite} iteration ${iteration}` };
    }
  }
  return { ok: true, shards };
}

const CASE_STATUSES: readonly string[] = ["pass", "fail", "skip", "flaky"];

/**
 * A shard's runs as classified runs: records as the shard wrote them (stamped with its index),
 * test cases rebuilt from its tests.ndjson traces, artifact hashes from its events.
 */
export function shardRuns(shard: ValidShard, suite: string): ClassifiedRun[] {
  const entry = shard.dashboard.suites.find((s) => s.suite === suite);
  if (entry === undefined) return [];
  const rows = shard.tables.get(suite) ?? [];
  return entry.runs.map((run): ClassifiedRun => {
    const record: RunRecord = { ...run, shard: shard.index };
    let cases: TestCase[] | null = null;
    if (run.tests !== null) {
      cases = [];
      for (const row of rows) {
        if (!isPlainObject(row) || typeof row.id !== "string" || !Array.isArray(row.trace)) continue;
        const status = row.trace[run.iteration - 1];
        if (typeof status === "string" && CASE_STATUSES.includes(status)) cases.push({ id: row.id, status: status as CaseStatus });
      }
    }
    const event = shard.events.find((e) => e.suite === suite && e.iteration === run.iteration);
    const artifactHash = typeof event?.artifact_hash === "string" ? event.artifact_hash : "";
    return { record, cases, artifactHash };
  });
}
