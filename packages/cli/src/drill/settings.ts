// Flags and config of `flakewarden drill` (forensics.md §2.1, §3.1, §4.2 step 1). Resolution is
// split in two: what decides where outputs go (an error there writes nothing), then everything
// else (an error there still writes the failed summary set, so no older pass stands in for it).
import path from "node:path";
import { DrillConfig, parseSeed, parseSeedValue, validateDrillConfig, type DrillScenarioConfig } from "@flakewarden/core";
import { parseFlags, stringFlag, stringsFlag } from "../args.ts";
import { resolveNow } from "../clock.ts";
import { configSection, loadConfig, type LoadedConfig } from "../config.ts";
import { UserError } from "../errors.ts";
import type { Io } from "../io.ts";
import { MSG } from "../messages.ts";
import { displayOf, toPosix } from "../paths.ts";
import { rootRelative } from "../reactivate/settings.ts";

export const DRILL_OPTIONS = {
  seed: { type: "string" },
  scenario: { type: "string", multiple: true, nonEmpty: true },
  runs: { type: "string" },
  out: { type: "string", nonEmpty: true },
  "dry-run": { type: "boolean" },
  config: { type: "string", nonEmpty: true },
  now: { type: "string" },
} as const;

export const DEFAULT_OUT = "target/e2e-results/wasm_incident_forensics";
export const DEFAULT_SEED = "4242";

/** Known before anything can fail in a way that still writes outputs. */
export interface DrillBase {
  nowMs: number;
  nowGiven: boolean;
  dryRun: boolean;
  root: string;
  config: LoadedConfig | null;
  outAbs: string;
  /** Raw values, for the repro command of a failed set. */
  seedInput: string;
  runsInput: string;
  scenarioFlags: string[];
  configFlag: string | undefined;
  outFlag: string | undefined;
  /** How a path is written into outputs: root-relative, or as given outside the root. */
  outPath: (abs: string) => string;
}

export interface DrillSettings extends DrillBase {
  seed: string;
  seedHex: string;
  runs: number;
  drill: DrillConfig;
  scenarios: DrillScenarioConfig[];
}

export async function resolveBase(io: Io, argv: string[]): Promise<DrillBase> {
  const flags = parseFlags(argv, DRILL_OPTIONS);
  const nowFlag = stringFlag(flags, "now");
  const nowGiven = nowFlag !== undefined || (io.env.FLAKEWARDEN_NOW ?? "") !== "";
  const nowMs = resolveNow(io, nowFlag);
  const dryRun = flags.values["dry-run"] === true || io.env.INCIDENT_FORENSICS_DRY_RUN === "1";
  const configFlag = stringFlag(flags, "config");
  const config = await loadConfig(io, configFlag);
  const root = config?.dir ?? io.cwd;
  const outFlag = stringFlag(flags, "out");
  const section = config?.data.drill;
  const configOut = section !== null && typeof section === "object" && !Array.isArray(section) ? (section as Record<string, unknown>).out_dir : undefined;
  let outAbs: string;
  if (outFlag !== undefined) outAbs = path.resolve(io.cwd, outFlag);
  else if (configOut === undefined) outAbs = path.resolve(root, DEFAULT_OUT);
  else if (typeof configOut === "string" && configOut !== "") outAbs = path.resolve(root, configOut);
  else throw new UserError(MSG.drillBadOutDir(config?.display ?? "config"));

  const configSeed = section !== null && typeof section === "object" ? (section as Record<string, unknown>).seed : undefined;
  const envSeed = io.env.TEST_SEED ?? "";
  const seedInput = stringFlag(flags, "seed") ?? (envSeed !== "" ? envSeed : configSeed !== undefined ? String(configSeed) : DEFAULT_SEED);
  const configRuns = section !== null && typeof section === "object" ? (section as Record<string, unknown>).runs : undefined;
  const runsInput = stringFlag(flags, "runs") ?? (configRuns !== undefined ? String(configRuns) : "2");
  const outPath = (abs: string): string => rootRelative(root, abs) ?? (outFlag !== undefined && !path.isAbsolute(outFlag) ? displayOf(abs, io.cwd) : toPosix(abs));
  return { nowMs, nowGiven, dryRun, root, config, outAbs, seedInput, runsInput, scenarioFlags: stringsFlag(flags, "scenario"), configFlag, outFlag, outPath };
}

export function resolveSettings(base: DrillBase): DrillSettings {
  const drill = configSection(base.config, "drill", DrillConfig);
  if (drill === undefined) throw new UserError(MSG.drillNoScenarios);
  const problems = validateDrillConfig(drill);
  if (problems.length > 0) throw new UserError(...problems.map((p) => MSG.configInvalid(base.config?.display ?? "config", p.split(": ")[0] ?? p, p.slice(p.indexOf(": ") + 2))));
  // A seed from the config may be a (safe) integer; flags and env are always strings.
  const seedParse = drill.seed !== undefined && base.seedInput === String(drill.seed) && typeof drill.seed === "number" ? parseSeedValue(drill.seed) : parseSeed(base.seedInput);
  if (!seedParse.ok) throw new UserError(seedParse.message);
  if (!/^[0-9]+$/.test(base.runsInput) || Number(base.runsInput) < 2 || !Number.isSafeInteger(Number(base.runsInput))) throw new UserError(MSG.drillRuns(base.runsInput));
  const known = new Set(drill.scenarios.map((s) => s.id));
  for (const id of base.scenarioFlags) if (!known.has(id)) throw new UserError(MSG.drillUnknownScenario(id, [...known]));
  const selected = base.scenarioFlags.length === 0 ? drill.scenarios : drill.scenarios.filter((s) => base.scenarioFlags.includes(s.id));
  return {
    ...base,
    seed: seedParse.canonical,
    seedHex: `0x${BigInt(seedParse.canonical).toString(16)}`,
    runs: Number(base.runsInput),
    drill,
    scenarios: selected,
  };
}
