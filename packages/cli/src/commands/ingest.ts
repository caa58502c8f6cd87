// `flakewarden ingest`: build the variance dashboard from result files CI already produced,
// one positional argument per run, without rerunning anything (detector.md §2.4, §7.5).
import os from "node:os";
import path from "node:path";
import {
  assembleDetectorOutputs,
  classifyRun,
  DEFAULT_CONFIDENCE_TEXT,
  detectionPowerSummary,
  isValidRunId,
  parseProbability,
  resultOnlyRules,
  testIdNormalizer,
  type ClassifiedRun,
} from "@flakewarden/core";
import { parseFlags, stringFlag } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { commitHash } from "../detect/commit-hash.ts";
import { createRunDirectory, LATEST, predictRunId, publishLatest, removeLatest } from "../detect/run-directory.ts";
import { sha256Hex, tmpDirs } from "../detect/run-plan.ts";
import { resolveInstant } from "../clock.ts";
import { DEFAULT_OUT } from "../detect/settings.ts";
import { UserError } from "../errors.ts";
import { MSG } from "../messages.ts";
import { writeRunOutputs } from "../detect/write-outputs.ts";
import { discoverRuns } from "../ingest/discover-runs.ts";
import { observeIngestedRun } from "../ingest/ingest-run.ts";

const OPTIONS = {
  out: { type: "string", nonEmpty: true },
  suite: { type: "string", nonEmpty: true },
  "result-format": { type: "string", choices: ["junit", "tap"] },
  seed: { type: "string" },
  "duration-threshold": { type: "string" },
  warmup: { type: "string" },
  "duration-floor-ms": { type: "string" },
  confidence: { type: "string" },
  "run-id": { type: "string" },
  ci: { type: "boolean" },
  now: { type: "string" },
} as const;

const DECIMAL = /^\d+(\.\d+)?$/;
const UNSIGNED = /^\d+$/;

function unsigned(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!UNSIGNED.test(text) || !Number.isSafeInteger(Number(text))) throw new UserError(MSG.flagIntegerAtLeast(flag, 0, text));
  return Number(text);
}



export const command: Command = {
  name: "ingest",
  summary: "Build the variance dashboard from existing JUnit/TAP result files, one argument per run",
  usage: `flakewarden ingest <file-or-dir> <file-or-dir>... [--out DIR] [--suite NAME] [--result-format junit|tap]
                   [--seed S] [--duration-threshold PCT] [--warmup N] [--duration-floor-ms MS]
                   [--confidence C] [--run-id ID] [--ci] [--now ISO-8601]`,
  errorStyle: "detector",
  async run(ctx: CommandContext): Promise<number> {
    const { io } = ctx;
    const flags = parseFlags(ctx.argv, OPTIONS, Number.POSITIVE_INFINITY);
    const flag = (name: keyof typeof OPTIONS): string | undefined => stringFlag(flags, name);
    const outDisplay = flag("out") ?? DEFAULT_OUT;
    const outAbs = path.resolve(io.cwd, outDisplay);
    // From here on a failed run leaves no `<out>/latest` (detector.md §2.1).
    ctx.outputs.add(path.join(outAbs, LATEST));
    try {
      return await ingest(ctx, flags.positionals, flag, flags.values.ci === true, outDisplay, outAbs);
    } catch (error) {
      removeLatest(outAbs);
      throw error;
    }
  },
};

async function ingest(
  ctx: CommandContext,
  args: string[],
  flag: (name: keyof typeof OPTIONS) => string | undefined,
  ciMode: boolean,
  outDisplay: string,
  outAbs: string,
): Promise<number> {
  const { io } = ctx;
  const instantMs = resolveInstant(io, flag("now")).ms;
  const seedText = flag("seed");
  if (seedText !== undefined && (!UNSIGNED.test(seedText) || !Number.isSafeInteger(Number(seedText)))) throw new UserError(MSG.detectSeed(seedText));
  const seed = seedText === undefined ? null : Number(seedText);
  const thresholdText = flag("duration-threshold");
  if (thresholdText !== undefined && !DECIMAL.test(thresholdText)) throw new UserError(MSG.flagNonNegativeNumber("--duration-threshold", thresholdText));
  const durationThresholdPct = thresholdText === undefined ? 25 : Number(thresholdText);
  const warmupRuns = unsigned(flag("warmup"), "--warmup", 0);
  const durationFloorMs = unsigned(flag("duration-floor-ms"), "--duration-floor-ms", 0);
  const confidenceText = flag("confidence") ?? DEFAULT_CONFIDENCE_TEXT;
  const confidence = parseProbability(confidenceText);
  if (confidence === null) throw new UserError(MSG.flagProbability("--confidence", confidenceText));
  const runIdText = flag("run-id");
  if (runIdText !== undefined && !isValidRunId(runIdText)) throw new UserError(MSG.detectRunId(runIdText));
  if (args.length < 2) throw new UserError(MSG.ingestTooFewRuns(args.length));
  if (args.length - warmupRuns < 2) throw new UserError(MSG.detectWarmup("--warmup", warmupRuns, args.length));
  const forced = (flag("result-format") ?? null) as "junit" | "tap" | null;

  // Everything is read and validated before the run directory exists (nothing created on exit 2).
  const runs = discoverRuns(io.cwd, args, flag("suite") ?? null, forced);
  // Suites in order of first appearance: argument order, then relative-path order inside a directory.
  const formats = new Map<string, "junit" | "tap">();
  for (const run of runs) for (const [name, files] of run.suites) if (!formats.has(name)) formats.set(name, files[0]?.format ?? "junit");
  const suiteNames = [...formats.keys()];
  const observed = new Map<string, Awaited<ReturnType<typeof observeIngestedRun>>[]>();
  for (const name of suiteNames) {
    const list = [];
    for (const run of runs) {
      const files = run.suites.get(name);
      if (files !== undefined) list.push(await observeIngestedRun(run, files));
    }
    observed.set(name, list);
  }
  predictRunId(outAbs, outDisplay, runIdText ?? null, instantMs);

  const { runId, runDir } = createRunDirectory(outAbs, outDisplay, runIdText ?? null, instantMs);
  const normalizeId = testIdNormalizer({ runDir, cwd: io.cwd, home: os.homedir(), tmpDirs: tmpDirs() });
  const outputs = assembleDetectorOutputs({
    source: "ingest",
    runId,
    instantMs,
    seed,
    iterations: runs.length,
    ciMode,
    outDisplay,
    durationThresholdPct,
    warmupRuns,
    durationFloorMs,
    confidence,
    detectionPower: detectionPowerSummary(confidenceText, null),
    configPath: null,
    configHash: null,
    suiteFilter: [],
    shard: null,
    mergedFrom: null,
    commitHash: await commitHash(io.env, io.cwd),
    suites: suiteNames.map((name) => {
      const observations = observed.get(name) ?? [];
      const classified: ClassifiedRun[] = observations.map((obs) =>
        classifyRun(obs, resultOnlyRules(name), { warmupRuns, normalizeId, sha256: sha256Hex }),
      );
      return {
        suite: name,
        witness_ids: [],
        scenario_id: name,
        result_format: formats.get(name) ?? "junit",
        runs: classified,
        traceIterations: observations.map((o) => o.iteration),
      };
    }),
  });
  writeRunOutputs(outputs, runDir, outDisplay, runId);
  publishLatest(outAbs, runId);
  io.stdout.write(outputs.stdoutText);
  return outputs.exitCode;
}
