// detect's flags and config, validated into one settings object before anything is created
// (detector.md §2.1 "Writes", §2.2; D10). Nothing here writes: every problem is an exit-2 line.
import os from "node:os";
import path from "node:path";
import {
  DEFAULT_CONFIDENCE_TEXT,
  detectionPowerSummary,
  isValidRunId,
  MAX_ITERATIONS,
  parseProbability,
  parseShard,
  requiredIterations,
  type DetectionPowerSummary,
  type DetectorConfig,
  type ShardBy,
  type ShardSpec,
  type SuiteConfig,
} from "@flakewarden/core";
import { joinNegativeNumbers, parseFlags, stringFlag, stringsFlag, type Parsed } from "../args.ts";
import { UserError } from "../errors.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { resolveInstant } from "../clock.ts";
import { locateConfig, readConfigData, validateConfigData, type DetectConfigFile } from "./config-file.ts";

export const DETECT_OPTIONS = {
  config: { type: "string", nonEmpty: true },
  iterations: { type: "string" },
  seed: { type: "string" },
  suite: { type: "string", multiple: true },
  jobs: { type: "string" },
  "duration-threshold": { type: "string" },
  warmup: { type: "string" },
  "duration-floor-ms": { type: "string" },
  timeout: { type: "string" },
  out: { type: "string", nonEmpty: true },
  "run-id": { type: "string" },
  shard: { type: "string" },
  "shard-by": { type: "string", choices: ["suite", "iteration"] },
  "target-flake-rate": { type: "string" },
  confidence: { type: "string" },
  "dry-run": { type: "boolean" },
  ci: { type: "boolean" },
  json: { type: "boolean" },
  verbose: { type: "boolean" },
  now: { type: "string" },
} as const;

type OptionName = keyof typeof DETECT_OPTIONS;

export const DEFAULT_OUT = "target/semantic-verification/flake";
const DEFAULT_ITERATIONS = 5;
const DEFAULT_SEED = 4242;
const DEFAULT_THRESHOLD = 25;

const DECIMAL = /^\d+(\.\d+)?$/;
const UNSIGNED = /^\d+$/;

export interface DetectSettings {
  config: DetectorConfig;
  configFile: DetectConfigFile;
  /** Planned suites: after --suite, in config order, --timeout applied. */
  suites: SuiteConfig[];
  suiteFilter: string[];
  iterations: number;
  seed: number;
  jobs: number;
  durationThresholdPct: number;
  warmupRuns: number;
  durationFloorMs: number;
  outAbs: string;
  /** `<out>` as given (flag text, config text, or the default), for summary and stdout. */
  outDisplay: string;
  explicitRunId: string | null;
  shard: ShardSpec | null;
  confidence: number;
  detectionPower: DetectionPowerSummary;
  /** Set when --target-flake-rate chose the iterations: the stderr note. */
  targetNote: string | null;
  dryRun: boolean;
  ci: boolean;
  verbose: boolean;
  instantMs: number;
  /** Whether the instant came from --now / FLAKEWARDEN_NOW (then ended_at_ns derives from it). */
  instantSupplied: boolean;
}

export function parseDetectFlags(argv: readonly string[]): Parsed {
  return parseFlags(joinNegativeNumbers(argv, DETECT_OPTIONS), DETECT_OPTIONS);
}

/** `--out` known from the flags alone, before the config is read (for the no-latest guarantee). */
export function outFromFlags(io: Io, flags: Parsed): string | null {
  const out = stringFlag(flags, "out");
  return out === undefined ? null : path.resolve(io.cwd, out);
}

function integerFlag(text: string, min: number, message: () => string): number {
  if (!UNSIGNED.test(text)) throw new UserError(message());
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new UserError(message());
  return value;
}


function defaultJobs(): number {
  const available = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, available);
}

/**
 * Where `<out>` is while the config is not yet valid (to clear `<out>/latest` if the run stops):
 * the config's out_dir if it is at least a string, else the default under the project root.
 */
export function guessOutDir(configFile: DetectConfigFile, raw: unknown): string {
  const outDir = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>).out_dir : undefined;
  return path.resolve(configFile.root, typeof outDir === "string" && outDir !== "" ? outDir : DEFAULT_OUT);
}

/**
 * Where `<out>` is, found without reporting anything: used when validation stopped before the
 * settings were complete, so `<out>/latest` can still be removed (detector.md §2.1).
 */
export async function findOutQuietly(io: Io, flags: Parsed): Promise<string | null> {
  const fromFlag = outFromFlags(io, flags);
  if (fromFlag !== null) return fromFlag;
  try {
    const configFile = locateConfig(io.cwd, stringFlag(flags, "config"));
    let data: unknown = null;
    try {
      data = await readConfigData(configFile);
    } catch {
      data = null;
    }
    return guessOutDir(configFile, data);
  } catch {
    return null;
  }
}

/**
 * Validate flags and config in the order a user would fix them: flag syntax, the instant, the
 * config file, then the rules that combine both. `onOut` learns `<out>` as soon as it is known.
 */
export async function resolveSettings(io: Io, flags: Parsed, onOut: (abs: string) => void): Promise<DetectSettings> {
  const flag = (name: OptionName): string | undefined => stringFlag(flags, name);
  const bool = (name: OptionName): boolean => flags.values[name] === true;

  // Flag syntax first: these need nothing else.
  const iterationsText = flag("iterations");
  let iterationsFlag: number | null = null;
  if (iterationsText !== undefined) {
    iterationsFlag = integerFlag(iterationsText, 2, () => MSG.detectIterations(iterationsText));
    if (iterationsFlag > MAX_ITERATIONS) throw new UserError(MSG.detectIterationsMax(iterationsText, MAX_ITERATIONS));
  }
  const seedText = flag("seed");
  const seedFlag = seedText === undefined ? null : integerFlag(seedText, 0, () => MSG.detectSeed(seedText));
  const jobsText = flag("jobs");
  const jobs = jobsText === undefined ? defaultJobs() : integerFlag(jobsText, 1, () => MSG.flagIntegerAtLeast("--jobs", 1, jobsText));
  const thresholdText = flag("duration-threshold");
  if (thresholdText !== undefined && !DECIMAL.test(thresholdText)) throw new UserError(MSG.flagNonNegativeNumber("--duration-threshold", thresholdText));
  const warmupText = flag("warmup");
  const warmupFlag = warmupText === undefined ? null : integerFlag(warmupText, 0, () => MSG.flagIntegerAtLeast("--warmup", 0, warmupText));
  const floorText = flag("duration-floor-ms");
  const floorFlag = floorText === undefined ? null : integerFlag(floorText, 0, () => MSG.flagIntegerAtLeast("--duration-floor-ms", 0, floorText));
  const timeoutText = flag("timeout");
  if (timeoutText !== undefined && (!DECIMAL.test(timeoutText) || Number(timeoutText) <= 0)) {
    throw new UserError(MSG.flagPositiveNumber("--timeout", timeoutText));
  }
  const runIdText = flag("run-id");
  if (runIdText !== undefined && !isValidRunId(runIdText)) throw new UserError(MSG.detectRunId(runIdText));
  const shardText = flag("shard");
  const shardParsed = shardText === undefined ? null : parseShard(shardText);
  if (shardText !== undefined && shardParsed === null) throw new UserError(MSG.detectShard(shardText));
  const shard: ShardSpec | null = shardParsed === null ? null : { ...shardParsed, by: (flag("shard-by") ?? "suite") as ShardBy };
  const targetText = flag("target-flake-rate");
  if (targetText !== undefined && parseProbability(targetText) === null) throw new UserError(MSG.flagProbability("--target-flake-rate", targetText));
  const confidenceText = flag("confidence") ?? DEFAULT_CONFIDENCE_TEXT;
  const confidence = parseProbability(confidenceText);
  if (confidence === null) throw new UserError(MSG.flagProbability("--confidence", confidenceText));
  if (targetText !== undefined && iterationsText !== undefined) throw new UserError(MSG.detectTargetWithIterations);

  const instant = resolveInstant(io, flag("now"));

  // The config: found, parsed, validated.
  const configFile = locateConfig(io.cwd, flag("config"));
  const outFlag = flag("out");
  if (outFlag === undefined) onOut(guessOutDir(configFile, null));
  const data = await readConfigData(configFile);
  if (outFlag === undefined) onOut(guessOutDir(configFile, data));
  const config = validateConfigData(configFile, data);
  const outDisplay = outFlag ?? config.out_dir ?? DEFAULT_OUT;
  const outAbs = outFlag !== undefined ? path.resolve(io.cwd, outFlag) : path.resolve(configFile.root, outDisplay);
  onOut(outAbs);

  // Rules that combine flags and config.
  const known = config.suites.map((s) => s.name);
  const wanted = stringsFlag(flags, "suite");
  for (const name of wanted) if (!known.includes(name)) throw new UserError(MSG.detectUnknownSuite(name, known));
  const timeoutOverride = timeoutText === undefined ? null : Number(timeoutText);
  const suites = config.suites
    .filter((s) => wanted.length === 0 || wanted.includes(s.name))
    .map((s) => (timeoutOverride === null ? s : { ...s, timeout_s: timeoutOverride }));
  const suiteFilter = known.filter((name) => wanted.includes(name));

  let iterations = iterationsFlag ?? config.iterations ?? DEFAULT_ITERATIONS;
  let targetNote: string | null = null;
  if (targetText !== undefined) {
    iterations = requiredIterations(parseProbability(targetText) as number, confidence);
    if (iterations > MAX_ITERATIONS) throw new UserError(MSG.detectTargetTooMany(targetText, confidenceText, iterations, MAX_ITERATIONS));
    targetNote = MSG.detectTargetNote(targetText, confidenceText, iterations);
  }
  const warmupRuns = warmupFlag ?? config.warmup_runs ?? 0;
  if (iterations - warmupRuns < 2) {
    const source = warmupFlag !== null ? "--warmup" : `${configFile.display}: warmup_runs`;
    throw new UserError(MSG.detectWarmup(source, warmupRuns, iterations));
  }

  return {
    config,
    configFile,
    suites,
    suiteFilter,
    iterations,
    seed: seedFlag ?? config.seed ?? DEFAULT_SEED,
    jobs,
    durationThresholdPct: thresholdText !== undefined ? Number(thresholdText) : (config.duration_threshold_pct ?? DEFAULT_THRESHOLD),
    warmupRuns,
    durationFloorMs: floorFlag ?? config.duration_floor_ms ?? 0,
    outAbs,
    outDisplay,
    explicitRunId: runIdText ?? null,
    shard,
    confidence,
    detectionPower: detectionPowerSummary(confidenceText, targetText ?? null),
    targetNote,
    dryRun: bool("dry-run"),
    ci: bool("ci"),
    verbose: bool("verbose"),
    instantMs: instant.ms,
    instantSupplied: instant.supplied,
  };
}
