// Running the plan (detector.md §4.1, §4.2): each unit's command, environment, log and result
// file, scheduled at most --jobs at a time, each finished run classified by core. Results are
// returned in plan order whatever the completion order.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  classifyRun,
  classifySuite,
  reproCommand,
  runRulesOf,
  testIdNormalizer,
  unitSpec,
  type ClassifiedRun,
  type PlanUnit,
  type RunObservation,
  type RunResult,
  type SuiteConfig,
  type TestIdNormalizer,
  type UnitSpec,
} from "@flakewarden/core";
import { parseResultFile, parseTapText, resolveExecutable, runUnit, scheduleUnits } from "@flakewarden/forensics";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { suiteLine, type Progress } from "./progress.ts";
import type { DetectSettings } from "./settings.ts";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Everything one unit needs, computed before anything runs. */
export interface UnitJob {
  unit: PlanUnit;
  suite: SuiteConfig;
  spec: UnitSpec;
  cwdAbs: string;
  /** Absolute result file path, or null (none configured, or "-"). */
  resultAbs: string | null;
  env: Record<string, string>;
  repro: string;
  /** Relative to the run directory. */
  logRel: string;
}

/** The inherited environment without unset entries. */
export function inheritedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

export function buildJobs(settings: DetectSettings, units: readonly PlanUnit[], runId: string, runDir: string, inherited: Record<string, string>): UnitJob[] {
  const byName = new Map(settings.suites.map((s) => [s.name, s]));
  return units.map((unit) => {
    const suite = byName.get(unit.suite) as SuiteConfig;
    const spec = unitSpec(suite, { seed: settings.seed, iteration: unit.iteration, suite: suite.name, run_id: runId });
    const cwdAbs = path.resolve(settings.configFile.root, suite.cwd);
    const resultAbs = spec.resultFile === null || spec.resultFile === "-" ? null : path.resolve(cwdAbs, spec.resultFile);
    const env: Record<string, string> = { ...inherited, ...Object.fromEntries(spec.env) };
    if (suite.seed_env !== null) env[suite.seed_env] = String(settings.seed);
    env.FLAKEWARDEN_SEED = String(settings.seed);
    env.FLAKEWARDEN_ITERATION = String(unit.iteration);
    env.FLAKEWARDEN_SUITE = suite.name;
    env.FLAKEWARDEN_RUN_ID = runId;
    env.FLAKEWARDEN_RUN_DIR = runDir;
    if (resultAbs !== null) env.FLAKEWARDEN_RESULT_FILE = resultAbs;
    return {
      unit,
      suite,
      spec,
      cwdAbs,
      resultAbs,
      env,
      repro: reproCommand({ cwd: suite.cwd, unit: spec, seedEnv: suite.seed_env, seed: settings.seed }),
      logRel: `${suite.name}/run_${unit.iteration}.log`,
    };
  });
}

/**
 * Validation before anything is created: each suite with units here must have an existing cwd,
 * and the program of an argv command must be found (on the run environment's PATH, or relative
 * to the cwd when it contains a slash).
 */
export function checkJobs(settings: DetectSettings, jobs: readonly UnitJob[]): void {
  const checked = new Set<string>();
  for (const job of jobs) {
    if (checked.has(job.suite.name)) continue;
    checked.add(job.suite.name);
    const where = `suites[${settings.config.suites.findIndex((s) => s.name === job.suite.name)}]`;
    let cwdOk = false;
    try {
      cwdOk = fs.statSync(job.cwdAbs).isDirectory();
    } catch {
      cwdOk = false;
    }
    if (!cwdOk) throw new UserError(MSG.detectConfigIssue(settings.configFile.display, `${where}.cwd`, `directory '${job.suite.cwd}' not found`));
    if (!("argv" in job.spec.command)) continue;
    const program = job.spec.command.argv[0] ?? "";
    if (resolveExecutable(program, job.cwdAbs, job.env) === null) {
      throw new UserError(MSG.detectCommandNotFound(settings.configFile.display, `${where}.command`, program, !program.includes("/")));
    }
  }
}

export interface RunPlanContext {
  settings: DetectSettings;
  runDir: string;
  commandStartNs: bigint;
  progress: Progress;
  /** True once SIGINT/SIGTERM arrived: no further unit starts. */
  aborted: () => boolean;
  /** Prints `--verbose` tails. */
  verboseTail: ((logAbs: string, logDisplay: string) => void) | null;
  logDisplay: (logRel: string) => string;
}

function removeStaleResult(abs: string): void {
  try {
    if (!fs.lstatSync(abs).isDirectory()) fs.unlinkSync(abs);
  } catch {
    // nothing there (or not ours to remove): a leftover then shows as this run's result
  }
  // A suite told to write its report into a folder of a fresh checkout (node:test's
  // --test-reporter-destination, jest-junit's outputDirectory) fails when the folder is missing;
  // the file's absence is what we check, not its folder's.
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
  } catch {
    // not creatable: the suite reports its own error and the run shows as failed
  }
}

function isFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

async function resultOf(job: UnitJob, runDir: string, logAbs: string, logText: string): Promise<{ result: RunResult; copy: string | null }> {
  const format = job.suite.result_format;
  if (job.spec.resultFile === null || format === null) return { result: { kind: "none" }, copy: null };
  if (job.spec.resultFile === "-") {
    return { result: format === "tap" ? parseTapText(logText) : await parseResultFile(logAbs, "junit"), copy: null };
  }
  const missing = { result: { kind: "missing", path: job.spec.resultFile }, copy: null } as const;
  if (job.resultAbs === null || !isFile(job.resultAbs)) return missing;
  const copy = `${job.suite.name}/run_${job.unit.iteration}.${format === "junit" ? "junit.xml" : "tap"}`;
  const copyAbs = path.join(runDir, copy);
  try {
    fs.copyFileSync(job.resultAbs, copyAbs);
  } catch (error) {
    // Removed between the check and the copy (by a process the suite left behind): not produced.
    if ((error as { code?: string }).code === "ENOENT") return missing;
    throw error;
  }
  return { result: await parseResultFile(copyAbs, format), copy };
}

/** os.tmpdir() and its realpath: both spellings of temp paths are normalised in test ids (§4.5). */
export function tmpDirs(): string[] {
  const tmp = os.tmpdir();
  try {
    return [tmp, fs.realpathSync(tmp)];
  } catch {
    return [tmp];
  }
}

/** Run every job; classified runs come back in plan (= jobs) order. Aborted runs leave gaps (null). */
export async function runPlan(jobs: readonly UnitJob[], ctx: RunPlanContext): Promise<(ClassifiedRun | null)[]> {
  const { settings, runDir } = ctx;
  const instantNs = settings.instantSupplied ? BigInt(settings.instantMs) * 1_000_000n : null;
  for (const suite of new Set(jobs.map((j) => j.suite.name))) fs.mkdirSync(path.join(runDir, suite), { recursive: true });

  const normalizers = new Map<string, TestIdNormalizer>();
  const home = os.homedir();
  const tmp = tmpDirs();
  const normalizerFor = (job: UnitJob): TestIdNormalizer => {
    let n = normalizers.get(job.suite.name);
    if (n === undefined) {
      n = testIdNormalizer({ runDir, cwd: job.cwdAbs, home, tmpDirs: tmp });
      normalizers.set(job.suite.name, n);
    }
    return n;
  };

  const results: (ClassifiedRun | null)[] = jobs.map(() => null);
  const indexOf = new Map(jobs.map((job, i) => [job, i]));
  const remaining = new Map<string, number>();
  for (const job of jobs) remaining.set(job.suite.name, (remaining.get(job.suite.name) ?? 0) + 1);

  const suiteDone = (suite: SuiteConfig): void => {
    const records = results.filter((r, i): r is ClassifiedRun => r !== null && jobs[i]?.suite.name === suite.name).map((r) => r.record);
    const c = classifySuite(records, {
      durationThresholdPct: settings.durationThresholdPct,
      durationFloorMs: settings.durationFloorMs,
      warmupRuns: settings.warmupRuns,
    });
    ctx.progress.suiteFinished(suiteLine({ suite: suite.name, pass: c.pass, fail: c.fail, skip: c.skip, spreadPct: c.duration.spread_pct, unstable: c.unstable }));
  };

  const runOne = async (job: UnitJob): Promise<void> => {
    if (ctx.aborted()) return;
    if (job.resultAbs !== null) removeStaleResult(job.resultAbs);
    const logAbs = path.join(runDir, job.logRel);
    ctx.progress.unitStarted(job.unit);
    const outcome = await runUnit({
      command: job.spec.command,
      cwd: job.cwdAbs,
      env: job.env,
      timeoutMs: job.suite.timeout_s * 1000,
      logPath: logAbs,
      instantNs,
      commandStartNs: ctx.commandStartNs,
    });
    if (ctx.aborted()) return;
    const logBytes = fs.readFileSync(logAbs);
    const logText = logBytes.toString("utf8");
    const { result, copy } = await resultOf(job, runDir, logAbs, logText);
    const observation: RunObservation = {
      iteration: job.unit.iteration,
      spawnError: outcome.spawnError,
      timedOut: outcome.timedOut,
      signal: outcome.signal,
      exitCode: outcome.exitCode,
      logText,
      result,
      durationNs: outcome.durationNs,
      endedAtNs: outcome.endedAtNs,
      reproCommand: job.repro,
      log: job.logRel,
      resultCopy: copy,
      shard: settings.shard?.index ?? null,
      artifactHash: sha256Hex(logBytes),
    };
    const classified = classifyRun(observation, runRulesOf(job.suite), {
      warmupRuns: settings.warmupRuns,
      normalizeId: normalizerFor(job),
      sha256: sha256Hex,
    });
    results[indexOf.get(job) as number] = classified;
    ctx.progress.unitFinished(job.unit, classified.record.status, classified.record.duration_ms);
    if (classified.record.status !== "pass") ctx.verboseTail?.(logAbs, ctx.logDisplay(job.logRel));
    const left = (remaining.get(job.suite.name) ?? 1) - 1;
    remaining.set(job.suite.name, left);
    if (left === 0) suiteDone(job.suite);
  };

  await scheduleUnits(jobs, {
    jobs: settings.jobs,
    canStart: (job, running) =>
      running.every(
        (other) =>
          (job.suite.parallel_iterations || other.suite.name !== job.suite.name) &&
          (job.resultAbs === null || other.resultAbs !== job.resultAbs),
      ),
    run: runOne,
  });
  return results;
}
