// The three commands a reader of a failing report runs next (detector.md §4.10): the
// verification runner, the flake detector with the dashboard's recorded settings, and this
// check with the same paths and thresholds. Each reflects what was actually used.
import { quoteCommand } from "../shell-quote.ts";
import { SIGNAL_QUALITY_THRESHOLDS, type ThresholdTexts } from "./thresholds.ts";

export interface RerunInput {
  /** --verification-rerun-command as given, used verbatim; null = derive it. */
  verificationRerunCommand: string | null;
  /** metrics.runner_profile (null when the report is unusable). */
  runnerProfile: string | null;
  /** The dashboard's top level when it is usable, else null (the detector defaults apply). */
  dashboardRaw: Record<string, unknown> | null;
  reportPath: string;
  dashboardPath: string;
  outputPath: string;
  thresholds: ThresholdTexts;
}

// What `flakewarden detect` assumes when a flag is not given; recorded values equal to these are
// left off the command.
const DETECT_DEFAULTS = { iterations: 5, seed: 4242, duration_threshold_pct: 25, warmup_runs: 0, duration_floor_ms: 0 };

function safeInteger(value: unknown, min: number): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min ? value : null;
}

function finiteGe0(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

function verificationCommand(input: RerunInput): string {
  if (input.verificationRerunCommand !== null) return input.verificationRerunCommand;
  const profile = input.runnerProfile === null || input.runnerProfile === "unknown" ? "full" : input.runnerProfile;
  return quoteCommand(["scripts/run_semantic_verification.sh", "--profile", profile, "--json"]);
}

/**
 * Fields outside the checked read set: a value of the wrong type is treated as not recorded,
 * since the dashboard's validity is the rules' business, not the rerun hint's.
 */
function detectCommand(dashboard: Record<string, unknown> | null): string {
  const d = dashboard ?? {};
  const argv = ["flakewarden", "detect"];
  if (typeof d.config_path === "string" && d.config_path !== "") argv.push("--config", d.config_path);
  argv.push("--iterations", String(safeInteger(d.iterations, 1) ?? DETECT_DEFAULTS.iterations));
  argv.push("--seed", String(safeInteger(d.seed, 0) ?? DETECT_DEFAULTS.seed));
  const threshold = finiteGe0(d.duration_threshold_pct);
  if (threshold !== null && threshold !== DETECT_DEFAULTS.duration_threshold_pct) argv.push("--duration-threshold", String(threshold));
  const warmup = safeInteger(d.warmup_runs, 0);
  if (warmup !== null && warmup !== DETECT_DEFAULTS.warmup_runs) argv.push("--warmup", String(warmup));
  const floor = safeInteger(d.duration_floor_ms, 0);
  if (floor !== null && floor !== DETECT_DEFAULTS.duration_floor_ms) argv.push("--duration-floor-ms", String(floor));
  const filter: unknown[] = Array.isArray(d.suite_filter) ? d.suite_filter : [];
  for (const suite of filter) if (typeof suite === "string") argv.push("--suite", suite);
  return quoteCommand(argv);
}

function signalQualityCommand(input: RerunInput): string {
  const argv = ["flakewarden", "signal-quality", "--report", input.reportPath, "--dashboard", input.dashboardPath, "--output", input.outputPath];
  for (const definition of SIGNAL_QUALITY_THRESHOLDS) {
    const threshold = input.thresholds[definition.key];
    if (threshold.given) argv.push(definition.flag, threshold.text);
  }
  return quoteCommand(argv);
}

export function rerunCommands(input: RerunInput): [string, string, string] {
  return [verificationCommand(input), detectCommand(input.dashboardRaw), signalQualityCommand(input)];
}
