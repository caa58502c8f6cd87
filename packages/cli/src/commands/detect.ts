// `flakewarden detect`: rerun every suite N times with one seed and classify suites and test
// cases (detector.md §2.2, §3, §4). Validation first (nothing is created on exit 2), then the run
// directory, the plan, and the outputs core assembles; `<out>/latest` appears only at the end.
import path from "node:path";
import process from "node:process";
import {
  assembleDetectorOutputs,
  configHash,
  planUnits,
  toPrettyJson,
  type ClassifiedRun,
  type DashboardShard,
} from "@flakewarden/core";
import type { Command, CommandContext } from "../command.ts";
import { watchStopSignals } from "../stop-signal.ts";
import { writeRunOutputs } from "../detect/write-outputs.ts";
import { commitHash } from "../detect/commit-hash.ts";
import { logTail } from "../detect/log-tail.ts";
import { createProgress } from "../detect/progress.ts";
import { createRunDirectory, LATEST, predictRunId, publishLatest, removeLatest } from "../detect/run-directory.ts";
import { buildJobs, checkJobs, inheritedEnv, runPlan, sha256Hex } from "../detect/run-plan.ts";
import { findOutQuietly, outFromFlags, parseDetectFlags, resolveSettings, type DetectSettings } from "../detect/settings.ts";

/** `<out>/<rest>` as given, POSIX-joined (outputs never absolutise a path). */
function outPath(settings: DetectSettings, ...rest: string[]): string {
  return path.posix.join(settings.outDisplay, ...rest);
}

function shardOf(settings: DetectSettings): DashboardShard | null {
  const { shard } = settings;
  return shard === null ? null : { index: shard.index, count: shard.count, by: shard.by, planned_suites: settings.suites.map((s) => s.name) };
}

export const command: Command = {
  name: "detect",
  summary: "Rerun every suite N times with one seed and classify stable, flaky and failing suites",
  usage: `flakewarden detect [--config PATH] [--iterations N] [--seed S] [--suite NAME]... [--jobs N]
                   [--duration-threshold PCT] [--warmup N] [--duration-floor-ms MS] [--timeout SEC]
                   [--out DIR] [--run-id ID] [--shard i/n] [--shard-by suite|iteration]
                   [--target-flake-rate P] [--confidence C] [--dry-run] [--ci] [--json] [--verbose]
                   [--now ISO-8601]`,
  errorStyle: "detector",
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const commandStartNs = process.hrtime.bigint();
    const flags = parseDetectFlags(ctx.argv);

    // From here on an exit 2/3 or a signal leaves no `<out>/latest` (§2.1): track where it is.
    let outAbs: string | null = null;
    const setOut = (abs: string): void => {
      if (outAbs !== null) ctx.outputs.delete(path.join(outAbs, LATEST));
      outAbs = abs;
      ctx.outputs.add(path.join(abs, LATEST));
    };
    const fromFlags = outFromFlags(io, flags);
    if (fromFlags !== null) setOut(fromFlags);

    const stop = watchStopSignals(io);
    const stopped = (): number | null => {
      const code = stop.exitCode();
      if (code !== null && outAbs !== null) removeLatest(outAbs);
      return code;
    };

    try {
      const settings = await resolveSettings(io, flags, setOut);
      if (settings.targetNote !== null) io.stderr.write(`${settings.targetNote}\n`);
      const units = planUnits(
        settings.suites.map((s) => s.name),
        settings.iterations,
        settings.shard,
      );
      const inherited = inheritedEnv(io.env);
      const predicted = predictRunId(settings.outAbs, settings.outDisplay, settings.explicitRunId, settings.instantMs);
      const planned = buildJobs(settings, units, predicted, path.join(settings.outAbs, predicted), inherited);
      checkJobs(settings, planned);

      if (settings.dryRun) {
        const suites = settings.suites
          .map((s) => ({ suite: s.name, jobs: planned.filter((j) => j.suite.name === s.name) }))
          .filter((s) => s.jobs.length > 0)
          .map((s) => ({ suite: s.suite, iterations: s.jobs.map((j) => j.unit.iteration), repro_command: s.jobs[0]?.repro ?? "" }));
        io.stdout.write(toPrettyJson({ run_id: predicted, seed: settings.seed, iterations: settings.iterations, shard: shardOf(settings), suites }));
        return 0;
      }
      const early = stopped();
      if (early !== null) return early;

      const commit = commitHash(io.env, settings.configFile.root);
      const { runId, runDir } = createRunDirectory(settings.outAbs, settings.outDisplay, settings.explicitRunId, settings.instantMs);
      const jobs = buildJobs(settings, units, runId, runDir, inherited);
      const progress = createProgress({
        stderr: io.stderr,
        tty: io.isTTY === true,
        runId,
        suiteCount: new Set(units.map((u) => u.suite)).size,
        iterations: settings.iterations,
        jobs: settings.jobs,
        seed: settings.seed,
        totalUnits: units.length,
        clock: () => performance.now(),
      });
      let results: (ClassifiedRun | null)[];
      try {
        results = await runPlan(jobs, {
          settings,
          runDir,
          commandStartNs,
          progress,
          aborted: () => stop.signal() !== null,
          verboseTail: settings.verbose ? (abs, display) => progress.note(logTail(abs, display)) : null,
          logDisplay: (rel) => outPath(settings, runId, rel),
        });
      } finally {
        progress.stop();
      }
      const afterRun = stopped();
      if (afterRun !== null) return afterRun;

      const outputs = assembleDetectorOutputs({
        source: "detect",
        runId,
        instantMs: settings.instantMs,
        seed: settings.seed,
        iterations: settings.iterations,
        ciMode: settings.ci,
        outDisplay: settings.outDisplay,
        durationThresholdPct: settings.durationThresholdPct,
        warmupRuns: settings.warmupRuns,
        durationFloorMs: settings.durationFloorMs,
        confidence: settings.confidence,
        detectionPower: settings.detectionPower,
        configPath: settings.configFile.display,
        configHash: configHash(settings.suites, sha256Hex),
        suiteFilter: settings.suiteFilter,
        shard: shardOf(settings),
        mergedFrom: null,
        commitHash: await commit,
        suites: settings.suites.map((s) => ({
          suite: s.name,
          witness_ids: s.witness_ids,
          scenario_id: s.scenario_id,
          result_format: s.result_format,
          runs: results.filter((r, i): r is ClassifiedRun => r !== null && jobs[i]?.suite.name === s.name),
        })),
      });
      writeRunOutputs(outputs, runDir, settings.outDisplay, runId);
      const beforeLatest = stopped();
      if (beforeLatest !== null) return beforeLatest;
      publishLatest(settings.outAbs, runId);
      io.stdout.write(outputs.stdoutText);
      return outputs.exitCode;
    } catch (error) {
      const out = outAbs ?? (await findOutQuietly(io, flags));
      if (out !== null) removeLatest(out);
      throw error;
    } finally {
      stop.dispose();
    }
  },
};
