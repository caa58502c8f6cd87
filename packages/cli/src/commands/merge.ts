// `flakewarden merge`: join `detect --shard` outputs into the dashboard one machine would have
// written (detector.md §2.3, §7.4). Every shard is read and checked before anything is created.
import fs from "node:fs";
import path from "node:path";
import {
  assembleDetectorOutputs,
  parseJson,
  isValidRunId,
  shardRuns,
  validateShards,
  type ShardInput,
  type ValidShard,
} from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import { resolveInstant } from "../clock.ts";
import type { Command, CommandContext } from "../command.ts";
import { createRunDirectory, LATEST, predictRunId, publishLatest, removeLatest } from "../detect/run-directory.ts";
import { DEFAULT_OUT } from "../detect/settings.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { writeRunOutputs } from "../detect/write-outputs.ts";

const OPTIONS = {
  out: { type: "string", nonEmpty: true },
  "run-id": { type: "string" },
  ci: { type: "boolean" },
  now: { type: "string" },
} as const;

interface ShardDir {
  display: string;
  runDir: string;
}

/** A run directory, or an out directory whose `latest` points at one. */
function locateShard(cwd: string, argument: string): ShardDir {
  const abs = path.resolve(cwd, argument);
  if (fs.existsSync(path.join(abs, "variance_dashboard.json"))) return { display: argument, runDir: abs };
  const latest = path.join(abs, LATEST);
  if (fs.existsSync(path.join(latest, "variance_dashboard.json"))) return { display: argument, runDir: fs.realpathSync(latest) };
  throw new UserError(MSG.mergeNotAShard(argument));
}

function readJsonOrFail(file: string, display: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(MSG.mergeUnreadable(display, (error as { code?: string }).code ?? String(error)));
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new UserError(MSG.mergeInvalidJson(display, parsed.line, parsed.column, parsed.problem));
  return parsed.value;
}

function readNdjson(file: string, display: string): unknown[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const parsed = parseJson(line);
      if (!parsed.ok) throw new UserError(MSG.mergeInvalidJson(`${display}`, i + 1, parsed.column, parsed.problem));
      return parsed.value;
    });
}

function readShard(dir: ShardDir): ShardInput {
  const dashboard = readJsonOrFail(path.join(dir.runDir, "variance_dashboard.json"), `${dir.display}/variance_dashboard.json`);
  const tables = new Map<string, unknown[]>();
  const suites = typeof dashboard === "object" && dashboard !== null && Array.isArray((dashboard as { suites?: unknown }).suites)
    ? ((dashboard as { suites: unknown[] }).suites)
    : [];
  for (const suite of suites) {
    const name = (suite as { suite?: unknown }).suite;
    const table = (suite as { test_cases?: { table?: unknown } | null }).test_cases?.table;
    if (typeof name === "string" && typeof table === "string") {
      tables.set(name, readNdjson(path.join(dir.runDir, table), `${dir.display}/${table}`));
    }
  }
  const events = readNdjson(path.join(dir.runDir, "variance_events.ndjson"), `${dir.display}/variance_events.ndjson`);
  return { display: dir.display, dashboard, tables, events };
}

/** Logs and result copies keep their relative paths in the merged run directory. */
function copyArtifacts(shard: ValidShard, shardDir: string, runDir: string): void {
  for (const suite of shard.dashboard.suites) {
    for (const run of suite.runs) {
      for (const rel of [run.log, run.result]) {
        if (rel === null || rel === "") continue;
        const from = path.join(shardDir, rel);
        if (!fs.existsSync(from)) continue;
        fs.mkdirSync(path.dirname(path.join(runDir, rel)), { recursive: true });
        fs.copyFileSync(from, path.join(runDir, rel));
      }
    }
  }
}

export const command: Command = {
  name: "merge",
  summary: "Join the outputs of `detect --shard i/n` runs into one variance dashboard",
  usage: "flakewarden merge <shard-dir>... [--out DIR] [--run-id ID] [--ci] [--now ISO-8601]",
  errorStyle: "detector",
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS, Number.POSITIVE_INFINITY);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);
    const outDisplay = flag("out") ?? DEFAULT_OUT;
    const outAbs = path.resolve(io.cwd, outDisplay);
    ctx.outputs.add(path.join(outAbs, LATEST));
    try {
      const instantMs = resolveInstant(io, flag("now")).ms;
      const runIdFlag = flag("run-id");
      if (runIdFlag !== undefined && !isValidRunId(runIdFlag)) throw new UserError(MSG.detectRunId(runIdFlag));
      if (flags.positionals.length === 0) throw new UserError(MSG.mergeNoShards);

      const dirs = flags.positionals.map((arg) => locateShard(io.cwd, arg));
      const checked = validateShards(dirs.map(readShard));
      if (!checked.ok) throw new UserError(checked.problem);
      const shards = checked.shards;
      const first = shards[0] as ValidShard;
      const dirOf = new Map(shards.map((s) => [s, (dirs.find((d) => d.display === s.display) as ShardDir).runDir]));
      const commonId = shards.every((s) => s.dashboard.run_id === first.dashboard.run_id) ? first.dashboard.run_id : null;
      // The shards' common id is treated like an explicit --run-id: never suffixed.
      const explicit = runIdFlag ?? commonId;
      predictRunId(outAbs, outDisplay, explicit, instantMs);

      const { runId, runDir } = createRunDirectory(outAbs, outDisplay, explicit, instantMs);
      for (const shard of shards) copyArtifacts(shard, dirOf.get(shard) as string, runDir);
      const d = first.dashboard;
      const planned = (d.shard as NonNullable<typeof d.shard>).planned_suites;
      const suites = planned.flatMap((name) => {
        const holder = shards.map((s) => s.dashboard.suites.find((x) => x.suite === name)).find((x) => x !== undefined);
        if (holder === undefined) return [];
        return [
          {
            suite: name,
            witness_ids: holder.witness_ids,
            scenario_id: holder.scenario_id,
            result_format: holder.result_format,
            runs: shards.flatMap((s) => shardRuns(s, name)),
          },
        ];
      });
      const commitEvent = first.events.find((e) => "commit_hash" in e);
      const outputs = assembleDetectorOutputs({
        source: "merge",
        runId,
        instantMs,
        seed: d.seed,
        iterations: d.iterations,
        ciMode: flags.values.ci === true,
        outDisplay,
        durationThresholdPct: d.duration_threshold_pct,
        warmupRuns: d.warmup_runs,
        durationFloorMs: d.duration_floor_ms,
        confidence: d.detection_power.confidence_pct / 100,
        detectionPower: d.detection_power,
        configPath: d.config_path,
        configHash: d.config_hash,
        suiteFilter: d.suite_filter,
        shard: null,
        mergedFrom: shards.map((s) => ({ index: s.index, count: (s.dashboard.shard as NonNullable<typeof d.shard>).count, run_id: s.dashboard.run_id })),
        commitHash: typeof commitEvent?.commit_hash === "string" ? commitEvent.commit_hash : null,
        suites,
      });
      writeRunOutputs(outputs, runDir, outDisplay, runId);
      publishLatest(outAbs, runId);
      io.stdout.write(outputs.stdoutText);
      return outputs.exitCode;
    } catch (error) {
      removeLatest(outAbs);
      throw error;
    }
  },
};
